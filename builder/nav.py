"""The course navigation, built from the pages and scenarios that exist."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from builder.markdown import nav_title
from builder.pillars import PILLAR_IDS
from builder.schema import Scenario

NavItem = str | dict[str, Any]


SECTIONS_PER_BLOCK = 10


def _grouped(entries: list[NavItem], size: int, first: int, template: str) -> list[NavItem]:
    groups: list[NavItem] = []
    for start in range(0, len(entries), size):
        chunk = entries[start : start + size]
        last = min(first + start + size, first + len(entries)) - 1
        groups.append({template.format(first=first + start, last=last): chunk})
    return groups


def scenario_nav(
    scenarios: Sequence[Scenario], per_section: int, chunk_template: str = "{first}–{last}"
) -> list[NavItem]:
    """Scenario entries, grouped into sub-sections of ``per_section`` when there are many,
    and those into blocks of ten sections when there are more than ten.

    Material writes the navigation into every page; with ``navigation.prune`` only the
    open section's entries are written, and the titles of its siblings: two levels keep
    every page's navigation small (about N/250 + 10 + 25 entries) at any course size.
    """
    entries: list[NavItem] = [{nav_title(s.title): f"scenarios/{s.id}.md"} for s in scenarios]
    if per_section <= 0 or len(entries) <= per_section:
        return entries
    block = per_section * SECTIONS_PER_BLOCK
    if len(entries) <= block:
        return _grouped(entries, per_section, 1, chunk_template)
    return [{chunk_template.format(first=start + 1, last=start + len(part)):
             _grouped(part, per_section, start + 1, chunk_template)}
            for start in range(0, len(entries), block)
            for part in [entries[start : start + block]]]


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
    nav.append({nav_title(ui["pages"]["pillars"]): [take(f"pillars/{p}.md") for p in PILLAR_IDS]})
    if scenarios:
        nav.append({nav_title(ui["pages"]["scenarios"]): scenario_nav(scenarios, per_section)})
    nav.append({nav_title(ui["pages"]["assessment"]): take("assessment.md")})
    nav.append({nav_title(ui["progress"]["title"]): take("progress.md")})
    nav.extend(sorted(p for p in pages if p not in used and not p.startswith("scenarios/")))
    return nav
