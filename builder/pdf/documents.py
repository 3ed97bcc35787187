"""The handbook and the answer key: views of the validated course, rendered to HTML."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from builder.loader import Course, load_course
from builder.locale import ui_strings
from builder.pdf.content import (
    PrintPage,
    convert_page,
    extra_pages,
    page_anchor,
    page_file,
    placeholder_page,
    scenario_anchor,
)
from builder.pdf.rolemap import roleplay_views
from builder.pdf.settings import PdfError, PdfSettings
from builder.pdf.words import format_date
from builder.pillars import PILLAR_IDS
from builder.problems import errors, report
from builder.render import ShownOption, md_block, md_inline, shown_order
from builder.schema import Question, Scenario
from builder.translate import SCENARIO_TEXTS, LocalizedCourse, localize_course

LESSON = "lesson.md"


@dataclass(frozen=True)
class QuestionView:
    number: str  # "2.3": scenario 2, question 3 (the same in the handbook and the key)
    anchor: str
    key: str  # "scenario-id/question-id"
    question: Question
    shown: list[ShownOption]  # the handbook's order (ordering steps shuffled)
    scenario_title: str
    in_assessment: bool  # exam-only: in the answer key (marked), never in the handbook


@dataclass(frozen=True)
class ScenarioView:
    number: int
    anchor: str
    scenario: Scenario
    partly_translated: bool
    questions: list[QuestionView]


@dataclass(frozen=True)
class PillarView:
    id: str
    page: PrintPage
    questions: list[QuestionView]


@dataclass(frozen=True)
class CourseView:
    """One language of the course, as the PDFs show it."""

    language: str
    title: str
    ui: dict[str, Any]
    lesson: PrintPage | None
    pillars: list[PillarView]
    scenarios: list[ScenarioView]
    extras: list[PrintPage]


# --- loading ---------------------------------------------------------------------------------


def load_checked_course(project_dir: Path, settings: PdfSettings) -> Course:
    """The validated scenarios; invalid ones stop the PDFs as they stop the site."""
    course = load_course(Path(project_dir) / settings.scenarios)
    if errors(course.problems):
        raise PdfError("invalid scenarios:\n" + report(errors(course.problems)))
    return course


_PRINTED = {*SCENARIO_TEXTS, "discussion", "quiz", "(whole file)"}


def _printed(missing: str) -> bool:
    """Is this untranslated part (``quiz[2]``, ``setting``...) one the PDFs show?"""
    return re.split(r"[.\[]", missing, maxsplit=1)[0] in _PRINTED


def localized_course(course: Course, settings: PdfSettings, language: str) -> LocalizedCourse:
    """The scenarios in ``language``; broken translations stop the PDFs as they stop the site."""
    localized = localize_course(course, settings.check_language(language),
                                settings.default_language)
    if errors(localized.problems):
        raise PdfError(f"invalid '{language}' translations:\n"
                       + report(errors(localized.problems)))
    return localized


def course_view(project_dir: Path, settings: PdfSettings, language: str,
                course: Course | None = None, *,
                localized: LocalizedCourse | None = None) -> CourseView:
    """Scenarios and pages for ``language``: from an edition's ``localized`` course when
    given (nothing is loaded again), else ``load_course`` + ``localize_course``."""
    project_dir = Path(project_dir)
    settings.check_language(language)
    if localized is None:
        if course is None:
            course = load_checked_course(project_dir, settings)
        localized = localized_course(course, settings, language)
    ui = ui_strings(language, str(project_dir))

    scenarios = []
    for n, scenario in enumerate(localized.scenarios, 1):
        questions = []
        # practice questions first, so the handbook's numbers have no gaps
        for m, question in enumerate([*scenario.practice, *scenario.exam_only], 1):
            key = scenario.question_key(question)
            questions.append(QuestionView(
                number=f"{n}.{m}",
                anchor=f"q-{scenario.id}--{question.id}",
                key=key,
                question=question,
                shown=shown_order(question, key),
                scenario_title=scenario.title,
                in_assessment=question.exam_only,
            ))
        coverage = localized.coverage.get(scenario.id)
        partly = bool(coverage and any(_printed(m) for m in coverage.missing))
        scenarios.append(ScenarioView(n, scenario_anchor(scenario.id), scenario, partly,
                                      questions))

    pillar_uris = [f"pillars/{p}.md" for p in PILLAR_IDS]
    extras = extra_pages(settings, project_dir, {LESSON, *pillar_uris})
    links = {uri: page_anchor(uri) for uri in [LESSON, *pillar_uris, *extras]}
    links.update({f"scenarios/{s.scenario.id}.md": s.anchor for s in scenarios})

    def page(uri: str, default_title: str) -> PrintPage | None:
        path, fallback = page_file(settings, project_dir, language, uri)
        if path is None:
            return None
        return convert_page(settings, path, uri, links, fallback=fallback,
                            default_title=default_title)

    all_questions = [q for s in scenarios for q in s.questions]
    pillars = [
        PillarView(p, page(uri, ui["pillars"][p]) or placeholder_page(uri, ui["pillars"][p]),
                   [q for q in all_questions if q.question.pillar == p])
        for p, uri in zip(PILLAR_IDS, pillar_uris, strict=True)
    ]
    extra_views = [page(uri, Path(uri).stem.replace("-", " ").capitalize()) for uri in extras]
    return CourseView(
        language=language,
        title=settings.title(language),
        ui=ui,
        lesson=page(LESSON, "Lesson"),
        pillars=pillars,
        scenarios=scenarios,
        extras=[p for p in extra_views if p is not None],
    )


# --- templates -------------------------------------------------------------------------------


_CSS_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\A ", "<": "\\3C ", ">": "\\3E "})


def css_string(text: str) -> Markup:
    """``text`` as a CSS string literal, safe inside a ``<style>`` element."""
    return Markup('"' + str(text).translate(_CSS_ESCAPES) + '"')


def css_content(template: str, **parts: str) -> Markup:
    """A translated ``"Page {page} of {pages}"`` as a CSS ``content`` value.

    Each ``{name}`` becomes the CSS expression ``parts[name]``, e.g. ``counter(page)``.
    """
    out: list[str] = []
    for literal, name, _, _ in string.Formatter().parse(template):
        if literal:
            out.append(css_string(literal))
        if name is not None:
            out.append(parts[name])
    return Markup(" ".join(out) or '""')


def fmt(template: str, **values: Any) -> str:
    return template.format(**values)


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        # the certificate card is shared with the site (builder/templates)
        loader=ChoiceLoader([PackageLoader("builder.pdf", "templates"),
                             PackageLoader("builder", "templates")]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(md_inline=md_inline, md_block=md_block, css=css_string, fmt=fmt)
    return env


def _common(settings: PdfSettings, view: CourseView) -> dict[str, Any]:
    pdf = view.ui["pdf"]
    return {
        "settings": settings,
        "view": view,
        "ui": view.ui,
        "pdf": pdf,
        "lang": view.language,
        "date_text": format_date(settings.date, view.language, view.ui),
        "logo_url": settings.logo.resolve().as_uri() if settings.logo else None,
        "page_of": css_content(pdf["page_of"], page="counter(page)", pages="counter(pages)"),
        "page_ref": css_content(pdf["page_ref"], page="target-counter(attr(href), page)"),
        "pillar_ids": PILLAR_IDS,
    }


def handbook_html(settings: PdfSettings, view: CourseView) -> str:
    return environment().get_template("handbook.html.j2").render(**_common(settings, view))


def answer_key_html(settings: PdfSettings, view: CourseView) -> str:
    roleplays = roleplay_views([s.scenario for s in view.scenarios], view.ui)
    return environment().get_template("answer_key.html.j2").render(
        **_common(settings, view), roleplays=roleplays)
