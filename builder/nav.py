"""The course navigation, built from the pages and scenarios that exist."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from builder.pillars import PILLAR_IDS
from builder.schema import Scenario

NavItem = str | dict[str, Any]


def scenario_nav(
    scenarios: Sequence[Scenario], per_section: int, chunk_template: str = "{first}–{last}"
) -> list[NavItem]:
    """Scenario entries, grouped into sub-sections of ``per_section`` when there are many.

    Material writes the navigation into every page; with ``navigation.prune`` only
    the open section is written, so grouping keeps the site size linear.
    """
    entries: list[NavItem] = [{s.title: f"scenarios/{s.id}.md"} for s in scenarios]
    if per_section <= 0 or len(entries) <= per_section:
        return entries
    groups: list[NavItem] = []
    for start in range(0, len(entries), per_section):
        chunk = entries[start : start + per_section]
        title = chunk_template.format(first=start + 1, last=start + len(chunk))
        groups.append({title: chunk})
    return groups


def course_nav(
    docs_pages: Iterable[str],
    scenarios: Sequence[Scenario],
    ui: dict[str, Any],
    *,
    per_section: int,
) -> list[NavItem]:
    """Home, lesson, pillars, scenarios, assessment, then any other hand-written page."""
    pages = set(docs_pages)
    nav: list[NavItem] = []
    used: set[str] = set()

    def take(path: str) -> str:
        used.add(path)
        return path

    if "index.md" in pages:
        nav.append(take("index.md"))
    if "lesson.md" in pages:
        nav.append(take("lesson.md"))
    nav.append({ui["pages"]["pillars"]: [take(f"pillars/{p}.md") for p in PILLAR_IDS]})
    if scenarios:
        nav.append({ui["pages"]["scenarios"]: scenario_nav(scenarios, per_section)})
    nav.append({ui["pages"]["assessment"]: take("assessment.md")})
    nav.append({ui["progress"]["title"]: take("progress.md")})
    nav.extend(sorted(p for p in pages if p not in used and not p.startswith("scenarios/")))
    return nav
