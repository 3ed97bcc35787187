"""The Markdown pages of one language's site, assembled from its :class:`Edition`.

Generated pages (scenarios and their trainer pages, pillar practice, assessment,
progress, the trainers' downloads) and the hand-written pages as the site shows them
(home with its downloads box, the untranslated note). Links between pages are relative
URLs, computed here as MkDocs will write them, so the compiled tree builds the same with
any MkDocs-compatible generator.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from functools import partial
from typing import Any

import yaml
from mkdocs.utils import get_relative_url

from builder import markdown
from builder.course import Edition
from builder.coursepath import home_html, path_steps, scenario_end_html, with_home_path
from builder.exam_page import SEARCH_EXCLUDED, assessment_markdown
from builder.languages import with_untranslated_note
from builder.pillars import PILLAR_IDS
from builder.render import (
    TRAINER_PAGE,
    downloads_markdown,
    md_block,
    pillar_questions,
    pillar_quiz_markdown,
    progress_markdown,
    quiz_html,
    scenario_markdown,
    trainer_downloads_markdown,
)
from builder.schema import Scenario
from builder.trainer import trainer_index_markdown, trainer_markdown, trainer_uri

# Practice questions per pillar page: the page stays small at any course size
PRACTICE_PER_PAGE = 12


def page_url(uri: str, use_directory_urls: bool = True) -> str:
    """The URL MkDocs gives the page ``uri`` (relative to the site root)."""
    stem, _ = posixpath.splitext(uri)
    if not use_directory_urls:  # a file per page, folders' pages too (file://, LMS)
        return f"{stem}.html"
    if posixpath.basename(stem) == "index":
        folder = posixpath.dirname(stem)
        return f"{folder}/" if folder else ""
    return f"{stem}/" if use_directory_urls else f"{stem}.html"


def linker(edition: Edition, uri: str) -> Callable[[str], str]:
    """Maps a page source (``scenarios/x.md``) or another file of the site
    (``downloads/x.pdf``) to a URL relative to page ``uri``."""
    dir_urls = edition.settings.use_directory_urls
    here = page_url(uri, dir_urls)
    return lambda target: get_relative_url(
        page_url(target, dir_urls) if target.endswith(".md") else target, here)


def scenario_page(edition: Edition, scenario: Scenario) -> str:
    note = edition.ui["pages"]["partly_translated"] if edition.untranslated(scenario.id) else None
    uri = f"scenarios/{scenario.id}.md"
    scenarios = list(edition.scenarios)
    end = scenario_end_html(scenarios, scenarios.index(scenario), edition.ui, linker(edition, uri))
    page = scenario_markdown(scenario, edition.ui, note=note, end=end,
                             trainer_url=linker(edition, uri)(trainer_uri(scenario.id)))
    # the scenario's summary is the page's meta description (search engines, link previews)
    return with_front_matter({"description": markdown.plain_text(scenario.summary)}, page)


def scenario_trainer_page(edition: Edition, scenario: Scenario, *, pdf: bool) -> str:
    """A scenario's trainer page: in no menu, kept out of search."""
    uri = trainer_uri(scenario.id)
    return with_front_matter(SEARCH_EXCLUDED, trainer_markdown(
        scenario, edition.ui, linker(edition, uri), language=edition.language, pdf=pdf))


def practice_uri(pillar: str, part: int) -> str:
    """``pillars/care.md`` holds the first questions; ``pillars/care-2.md`` the next..."""
    return f"pillars/{pillar}.md" if part == 1 else f"pillars/{pillar}-{part}.md"


def practice_parts(edition: Edition, pillar: str) -> int:
    count = len(pillar_questions(list(edition.scenarios), pillar))
    return max(1, -(-count // PRACTICE_PER_PAGE))


def practice_markdown(edition: Edition, pillar: str, part: int) -> str:
    """Part ``part`` of a pillar's practice questions, with links to the other parts."""
    scenarios = list(edition.scenarios)
    uri = practice_uri(pillar, part)
    link = linker(edition, uri)
    parts = practice_parts(edition, pillar)
    if parts == 1:
        return pillar_quiz_markdown(scenarios, pillar, edition.ui, link)
    pages = edition.ui["pages"]
    items = pillar_questions(scenarios, pillar)
    first = (part - 1) * PRACTICE_PER_PAGE
    shown = items[first:first + PRACTICE_PER_PAGE]
    where = pages["practice_part"].format(first=first + 1, last=first + len(shown),
                                          count=len(items))

    def source_link(n: int) -> str:  # a Markdown link to the part's source: MkDocs resolves it
        return posixpath.relpath(practice_uri(pillar, n), posixpath.dirname(uri))

    def step(text: str, n: int) -> str:
        return f"[{markdown.as_markdown(markdown.inline(text))}]({source_link(n)})"

    steps = []
    if part > 1:
        steps.append(step(f"← {pages['practice_previous']}", part - 1))
    if part < parts:
        steps.append(step(f"{pages['practice_next']} →", part + 1))
    intro = md_block(f"{pages['practise_pillar_intro'].format(count=len(items))} {where}")
    quiz = quiz_html(f"pillar-{pillar}-{part}" if part > 1 else f"pillar-{pillar}", shown,
                     edition.ui, link=link, first=first + 1)
    return (f"{markdown.heading(2, pages['practise_pillar'])}\n\n{intro}\n\n{quiz}\n\n"
            f"{' · '.join(steps)}\n")


def with_front_matter(meta: dict[str, Any], text: str) -> str:
    """A page's Markdown with ``meta`` as its YAML front matter (which stock MkDocs reads,
    e.g. :data:`~builder.exam_page.SEARCH_EXCLUDED`)."""
    return f"---\n{yaml.safe_dump(meta, sort_keys=False)}---\n\n{text}"


def _lesson_title(edition: Edition) -> str | None:
    """The lesson page's title (its first heading), if the course has a lesson."""
    page = next((f for f in edition.files if f.uri == "lesson.md"), None)
    if page is None:
        return None
    lines = page.path.read_text(encoding="utf-8").splitlines()
    return next((line[2:].strip() for line in lines if line.startswith("# ")), "lesson")


def _home(edition: Edition, text: str, pdf: bool) -> str:
    steps = path_steps(_lesson_title(edition), edition.ui, list(edition.scenarios),
                       linker(edition, "index.md"))
    text = with_home_path(text, home_html(steps, edition.ui))
    if pdf:
        text = text.rstrip() + "\n\n" + downloads_markdown(edition.ui, edition.language) + "\n"
    return text


def assessment_page(edition: Edition, pool_version: str = "") -> str:
    """The final assessment (exam mode), kept out of search; ``pool_version``: see
    :func:`builder.exam_pool_files.pool_files`."""
    course = edition.settings.course
    return with_front_matter(SEARCH_EXCLUDED, assessment_markdown(
        list(edition.scenarios),
        edition.ui,
        pass_mark=course.pass_mark,
        settings=course.assessment,
        course_title=edition.site_name,
        organisation=course.organisation,
        language=edition.language,
        pool_version=pool_version,
    ))


def trainer_page(edition: Edition) -> str:
    """The trainers' and HR's PDFs (``downloads/``) and the list of the trainer pages:
    in no menu, kept out of search."""
    pages = trainer_index_markdown(list(edition.scenarios), edition.ui,
                                   linker(edition, TRAINER_PAGE))
    return with_front_matter(SEARCH_EXCLUDED,
                             trainer_downloads_markdown(edition.ui, edition.language)
                             + "\n" + pages)


def hand_written_page(edition: Edition, uri: str, text: str, fallback: bool, *,
                      pdf: bool) -> str:
    """A page of ``content/<lang>/`` as the site shows it (``pdf``: link the PDFs)."""
    if uri == "index.md":
        text = _home(edition, text, pdf)
    if fallback:
        text = with_untranslated_note(text, edition.ui["pages"]["not_translated"])
    for pillar in PILLAR_IDS:
        if uri == practice_uri(pillar, 1):
            return text.rstrip() + "\n\n" + practice_markdown(edition, pillar, 1)
    return text


def _generated_pillar_page(edition: Edition, pillar: str, part: int) -> str:
    """A pillar page no one wrote (or a further part, kept out of search: its questions
    are the scenarios', which search finds there): its title and the practice."""
    title = markdown.heading(1, edition.ui["pillars"][pillar])
    text = f"{title}\n\n" + practice_markdown(edition, pillar, part)
    return with_front_matter(SEARCH_EXCLUDED, text) if part > 1 else text


def generated_pages(edition: Edition, written: set[str], *, pdf: bool,
                    pool_version: str = "") -> dict[str, Callable[[], str]]:
    """Every page the course adds to the hand-written ones: uri -> how to make it
    (``pdf``: with the trainers' downloads page; ``pool_version``: the assessment's)."""
    out: dict[str, Callable[[], str]] = {}
    for scenario in edition.scenarios:
        out[f"scenarios/{scenario.id}.md"] = partial(scenario_page, edition, scenario)
        out[trainer_uri(scenario.id)] = partial(scenario_trainer_page, edition, scenario,
                                                pdf=pdf)
    for pillar in PILLAR_IDS:
        for part in range(1, practice_parts(edition, pillar) + 1):
            uri = practice_uri(pillar, part)
            if uri in written:
                continue
            out[uri] = partial(_generated_pillar_page, edition, pillar, part)
    out["assessment.md"] = partial(assessment_page, edition, pool_version)
    out["progress.md"] = lambda: progress_markdown(
        edition.ui, linker(edition, "progress.md")("assessment.md"))
    if pdf:
        out[TRAINER_PAGE] = partial(trainer_page, edition)
    return out
