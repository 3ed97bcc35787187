"""Render validated scenarios into page Markdown and quiz HTML (pure functions)."""

from __future__ import annotations

import functools
import json
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from builder import markdown
from builder.pillars import PILLAR_IDS
from builder.roleplay import mermaid_map
from builder.schema import Option, Question, Scenario

Linker = Callable[[str], str]
"""Maps a source path such as ``scenarios/x.md`` to a URL relative to the current page."""


@dataclass(frozen=True)
class ShownOption:
    index: int  # position in the source file: the answer key and the stored progress use it
    option: Option


@dataclass(frozen=True)
class QuizItem:
    key: str  # "scenario-id/question-id"
    question: Question
    shown_options: Sequence[ShownOption]
    dom_id: str
    source_title: str = ""
    source_url: str = ""


def md_block(text: str) -> Markup:
    """A text field as safe HTML, with mkdocs.yml's Markdown (see builder.markdown).
    Cached there: a question shows on its scenario page, its pillar page and maybe
    the assessment, and each option text more than once."""
    return markdown.block(text)


def md_inline(text: str) -> Markup:
    """A one-paragraph text field as safe HTML without its ``<p>``."""
    return markdown.inline(text)


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("builder", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=False,
    )
    env.filters["md_inline"] = md_inline
    env.filters["md_block"] = md_block
    return env


def shown_order(question: Question, key: str) -> list[ShownOption]:
    """Options in display order: as written, but ordering steps are shuffled.

    The shuffle is seeded by the question key, so every build (and every
    language) shows the same order, and it never shows the answer itself.
    """
    shown = [ShownOption(i, o) for i, o in enumerate(question.options)]
    if question.type == "ordering":
        random.Random(key).shuffle(shown)
        if [s.index for s in shown] == list(range(len(shown))):
            shown = shown[1:] + shown[:1]
    return shown


def dom_id(quiz_id: str, key: str) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", f"{quiz_id}-{key}".lower()).strip("-")


def quiz_html(
    quiz_id: str,
    items: Sequence[tuple[Scenario, Question]],
    ui: dict[str, Any],
    *,
    mode: str = "practice",
    pass_mark: int | None = None,
    link: Linker | None = None,
) -> str:
    """The quiz as HTML. ``link`` is given when questions come from several scenarios."""
    rendered = []
    for scenario, question in items:
        key = scenario.question_key(question)
        rendered.append(
            QuizItem(
                key=key,
                question=question,
                shown_options=shown_order(question, key),
                dom_id=dom_id(quiz_id, key),
                source_title=scenario.title if link else "",
                source_url=link(f"scenarios/{scenario.id}.md") if link else "",
            )
        )
    i18n = {**ui["quiz"], "pillars": ui["pillars"]}
    html = _env().get_template("quiz.html.j2").render(
        quiz_id=quiz_id,
        items=rendered,
        ui=ui,
        mode=mode,
        pass_mark=pass_mark,
        i18n_json=_json(i18n),
    )
    # Markdown treats a blank line as the end of a raw HTML block: keep none.
    return "\n".join(line for line in html.splitlines() if line.strip())


def roleplay_html(scenario: Scenario, ui: dict[str, Any]) -> str:
    """The role-play as HTML (every step visible until the runtime takes over)."""
    assert scenario.roleplay is not None
    i18n = {**ui["roleplay"], "pillars": ui["pillars"]}
    html = _env().get_template("roleplay.html.j2").render(
        sid=scenario.id,
        play=scenario.roleplay,
        ui=ui,
        i18n_json=_json(i18n),
    )
    return "\n".join(line for line in html.splitlines() if line.strip())


def _json(data: Any) -> str:
    """Compact JSON for a ``data-cc-i18n`` attribute (the template escapes it).

    Not a ``<script type="application/json">``: Material's instant navigation
    re-creates inline scripts without their type and would run it as code.
    """
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _pill_list(pillars: Sequence[str], ui: dict[str, Any], scenario_id: str = "") -> str:
    pills = " ".join(
        f'<span class="cc-pillar cc-pillar--{p}">{escape(ui["pillars"][p])}</span>'
        for p in pillars
    )
    mark = f' data-cc-scenario="{scenario_id}"' if scenario_id else ""
    shown = escape(ui["pages"]["pillars_shown"])
    return f'<p class="cc-pills"{mark}><span>{shown}</span> {pills}</p>'


def scenario_markdown(scenario: Scenario, ui: dict[str, Any], note: str | None = None) -> str:
    """The whole scenario page as Markdown (with the quiz as an HTML block).

    ``note`` is shown under the title, e.g. when parts are not translated yet.
    """
    pages = ui["pages"]
    h2 = functools.partial(markdown.heading, 2)
    discussion = "".join(f"<li>{md_inline(p)}</li>" for p in scenario.discussion)
    parts = [
        markdown.heading(1, scenario.title),
        *([markdown.admonition("info", note)] if note else []),
        f'<p class="cc-lead">{md_inline(scenario.summary)}</p>',
        _pill_list(scenario.pillars, ui, scenario.id),
        h2(pages["setting"]),
        md_block(scenario.setting),
        h2(pages["story"]),
        md_block(scenario.story),
        h2(pages["what_staff_did"]),
        md_block(scenario.what_staff_did),
        h2(pages["why_it_worked"]),
        md_block(scenario.why_it_worked),
        f'<details class="question"><summary>{md_inline(pages["discussion"])}</summary>'
        f"<ol>{discussion}</ol></details>",
        *_roleplay_parts(scenario, ui),
        h2(pages["quiz"]),
        quiz_html(
            f"scenario-{scenario.id}",
            [(scenario, q) for q in scenario.practice],
            ui,
        ),
    ]
    return "\n\n".join(parts) + "\n"


def _roleplay_parts(scenario: Scenario, ui: dict[str, Any]) -> list[str]:
    play = scenario.roleplay
    if play is None:
        return []
    texts = ui["roleplay"]
    mermaid = mermaid_map(play, texts["rating"])
    diagram = (
        f'<details class="abstract cc-map-box"><summary>{escape(texts["map"])}</summary>\n'
        f'<pre class="cc-map" data-cc-map>{escape(mermaid)}</pre>\n</details>'
    )
    return [
        markdown.heading(2, texts["heading"] + (f": {play.title}" if play.title else "")),
        md_block(texts["intro"]),
        roleplay_html(scenario, ui),
        diagram,
    ]


def pillar_questions(scenarios: Sequence[Scenario], pillar: str) -> list[tuple[Scenario, Question]]:
    return [(s, q) for s in scenarios for q in s.practice if q.pillar == pillar]


def pillar_quiz_markdown(
    scenarios: Sequence[Scenario], pillar: str, ui: dict[str, Any], link: Linker
) -> str:
    """The practice section appended to a pillar page."""
    items = pillar_questions(scenarios, pillar)
    pages = ui["pages"]
    head = markdown.heading(2, pages["practise_pillar"])
    if not items:
        return f"{head}\n\n{md_block(pages['no_questions'])}\n"
    intro = md_block(pages["practise_pillar_intro"].format(count=len(items)))
    quiz = quiz_html(f"pillar-{pillar}", items, ui, link=link)
    return f"{head}\n\n{intro}\n\n{quiz}\n"


def assessment_questions(
    scenarios: Sequence[Scenario], per_scenario: int
) -> list[tuple[Scenario, Question]]:
    """Up to ``per_scenario`` questions from each scenario, spreading the pillars.

    Within a scenario, questions are taken round-robin over the pillars in
    course order, so the assessment covers every pillar the scenarios train.
    """
    chosen: list[tuple[Scenario, Question]] = []
    for s in scenarios:
        by_pillar = {p: [q for q in s.quiz if q.pillar == p] for p in PILLAR_IDS}
        # start each scenario on a different pillar so the whole set stays balanced
        start = len(chosen) % len(PILLAR_IDS)
        order = PILLAR_IDS[start:] + PILLAR_IDS[:start]
        picked: list[Question] = []
        while len(picked) < min(per_scenario, len(s.quiz)):
            for p in order:
                if by_pillar[p] and len(picked) < per_scenario:
                    picked.append(by_pillar[p].pop(0))
        picked.sort(key=s.quiz.index)
        chosen.extend((s, q) for q in picked)
    return chosen


def assessment_markdown(
    scenarios: Sequence[Scenario],
    ui: dict[str, Any],
    *,
    pass_mark: int,
    per_scenario: int,
    link: Linker,
    course_title: str = "",
    organisation: str = "",
    language: str = "en",
) -> str:
    items = assessment_questions(scenarios, per_scenario)
    intro = md_block(ui["pages"]["assessment_intro"].format(count=len(items), pass_mark=pass_mark))
    quiz = quiz_html("assessment", items, ui, mode="exam", pass_mark=pass_mark, link=link)
    cert = certificate_html(ui, course_title=course_title, organisation=organisation,
                            language=language)
    title = markdown.heading(1, ui["pages"]["assessment"])
    return f"{title}\n\n{intro}\n\n{quiz}\n\n{cert}\n"


def certificate_html(ui: dict[str, Any], *, course_title: str, organisation: str,
                     language: str) -> str:
    """The printable certificate offered on the assessment page once passed."""
    completed = Markup(escape(ui["pdf"]["completed"])).format(
        course=Markup("<strong>{}</strong>").format(course_title))
    html = _env().get_template("certificate.html.j2").render(
        ui=ui, organisation=organisation, completed=completed, language=language)
    return "\n".join(line for line in html.splitlines() if line.strip())


def course_manifest(scenarios: Sequence[Scenario], urls: dict[str, str], ui: dict[str, Any],
                    *, pass_mark: int = 80, per_pillar: int = 3) -> str:
    """``assets/carecourse/course.json``: what the progress runtime needs to know."""
    data = {
        # pass_mark and exam: CONTRACTS section 4 (added for the LMS packages; exam area owns it)
        "pass_mark": pass_mark,
        "exam": {"per_pillar": per_pillar,
                 "pool": [{"key": s.question_key(q), "pillar": q.pillar, "type": q.type,
                           "n": len(q.options)} for s in scenarios for q in s.exam_only]},
        "pillars": ui["pillars"],
        "t": ui["progress"],
        "scenarios": [
            {
                "id": s.id,
                "title": s.title,
                "url": urls[s.id],
                "questions": [
                    {"key": s.question_key(q), "pillar": q.pillar, "type": q.type,
                     "n": len(q.options)}
                    for q in s.practice
                ],
                "play": s.roleplay is not None,
                "playPillars": sorted({p for e in s.roleplay.endings for p in e.pillars})
                if s.roleplay
                else [],
                "endings": {e.id: e.pillars for e in s.roleplay.endings} if s.roleplay else {},
            }
            for s in scenarios
        ],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def progress_markdown(ui: dict[str, Any]) -> str:
    texts = ui["progress"]
    return (
        f"{markdown.heading(1, texts['title'])}\n\n{md_block(texts['intro'])}\n\n"
        f'<div class="cc-progress-page" data-cc-progress>\n'
        f'<p class="cc-needs-js">{escape(texts["needs_js"])}</p>\n</div>\n'
    )


def with_continue_link(markdown: str) -> str:
    """The home page gets a "continue where you left off" slot under its title."""
    slot = '<p class="cc-continue" data-cc-continue hidden></p>'
    lines = markdown.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("# "):
            return "\n".join([*lines[: i + 1], "", slot, "", *lines[i + 1 :]])
    return f"{slot}\n\n{markdown}"


def download_uri(kind: str, language: str) -> str:
    """Where a PDF lives in a language's site: ``downloads/handbook-en.pdf``."""
    return f"downloads/{kind}-{language}.pdf"


def downloads_markdown(ui: dict[str, Any], language: str) -> str:
    """The home page's box of PDFs for this language."""
    pages = ui["pages"]
    links = "".join(
        f'<li><a href="{download_uri(kind, language)}">{md_inline(pages[name])}</a></li>'
        for kind, name in (("handbook", "handbook_pdf"), ("answer-key", "answer_key_pdf")))
    return markdown.admonition("abstract", f"<ul>{links}</ul>", title=pages["downloads"],
                               html=True) + "\n"
