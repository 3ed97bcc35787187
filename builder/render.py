"""Render validated scenarios into page Markdown and quiz HTML (pure functions)."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from builder import markdown
from builder.order import seeded_order
from builder.roleplay import mermaid_map
from builder.schema import Choice, Option, Question, Roleplay, Scenario

Linker = Callable[[str], str]
"""Maps a source path such as ``scenarios/x.md`` to a URL relative to the current page."""


@dataclass(frozen=True)
class ShownOption:
    index: int  # position in the source file: the answer key and the stored progress use it
    option: Option
    label: int  # its data-cc-index on the page: the index, except in the assessment


@dataclass(frozen=True)
class QuizItem:
    key: str  # "scenario-id/question-id"
    question: Question
    shown_options: Sequence[ShownOption]
    dom_id: str
    number: str = ""  # "3" (the assessment numbers its drawn questions in the browser)
    avoid: str = ""  # assessment ordering steps: hashes of the start orders not to show
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
def template_env() -> Environment:
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
    """Options in the order the built page and the handbook show them.

    Seeded by the question key (the same in every build and language), never the order
    as written; pinned options (``fixed: true``) keep their place; ordering steps are
    never shown solved or in exact reverse. In the browser quiz.js shuffles again, per
    learner and per attempt.
    """
    order = seeded_order(key, [o.fixed for o in question.options],
                         ordering=question.type == "ordering")
    return [ShownOption(i, question.options[i], i) for i in order]


def shown_choices(sid: str, play: Roleplay) -> dict[str, list[Choice]]:
    """Each decision point's choices in a seeded order that is not the written one."""
    return {
        p.id: [p.choices[i] for i in seeded_order(f"{sid}/{p.id}", [False] * len(p.choices))]
        for p in play.points
    }


def dom_id(quiz_id: str, key: str) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", f"{quiz_id}-{key}".lower()).strip("-")


def quiz_html(
    quiz_id: str,
    items: Sequence[tuple[Scenario, Question]],
    ui: dict[str, Any],
    *,
    link: Linker | None = None,
    first: int = 1,
) -> str:
    """A practice quiz as HTML. ``link`` is given when questions come from several
    scenarios; ``first`` numbers the first question (a pillar's later practice pages).
    (The final assessment is ``builder.exam_page``'s.)"""
    rendered = []
    for number, (scenario, question) in enumerate(items, first):
        key = scenario.question_key(question)
        rendered.append(
            QuizItem(
                key=key,
                question=question,
                shown_options=shown_order(question, key),
                dom_id=dom_id(quiz_id, key),
                number=str(number),
                source_title=scenario.title if link else "",
                source_url=link(f"scenarios/{scenario.id}.md") if link else "",
            )
        )
    i18n = {**ui["quiz"], "pillars": ui["pillars"]}
    html = template_env().get_template("quiz.html.j2").render(
        quiz_id=quiz_id,
        items=rendered,
        ui=ui,
        i18n_json=json_attr(i18n),
    )
    return compact(html)


def compact(html: str) -> str:
    """Markdown treats a blank line as the end of a raw HTML block: keep none."""
    return "\n".join(line for line in html.splitlines() if line.strip())


def roleplay_html(scenario: Scenario, ui: dict[str, Any]) -> str:
    """The role-play as HTML (every step visible until the runtime takes over)."""
    assert scenario.roleplay is not None
    i18n = {**ui["roleplay"], "pillars": ui["pillars"]}
    html = template_env().get_template("roleplay.html.j2").render(
        sid=scenario.id,
        play=scenario.roleplay,
        choices=shown_choices(scenario.id, scenario.roleplay),
        ui=ui,
        i18n_json=json_attr(i18n),
    )
    return compact(html)


def json_attr(data: Any) -> str:
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


def scenario_markdown(scenario: Scenario, ui: dict[str, Any], note: str | None = None,
                      trainer_url: str | None = None, end: str = "") -> str:
    """The whole scenario page as Markdown (with the quiz as an HTML block).

    ``note`` is shown under the title, e.g. when parts are not translated yet;
    ``trainer_url`` is the scenario's trainer page (its discussion prompts and map),
    linked quietly at the end of the page, after ``end`` (the learner's way on: HTML).
    """
    pages = ui["pages"]
    h2 = functools.partial(markdown.heading, 2)
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
        *_roleplay_parts(scenario, ui),
        h2(pages["quiz"]),
        quiz_html(
            f"scenario-{scenario.id}",
            [(scenario, q) for q in scenario.practice],
            ui,
        ),
        *([end] if end else []),
        *([f'<p class="cc-for-trainers"><a href="{escape(trainer_url)}">'
           f'{md_inline(pages["trainer_link"])}</a></p>'] if trainer_url else []),
    ]
    return "\n\n".join(parts) + "\n"


def _roleplay_parts(scenario: Scenario, ui: dict[str, Any]) -> list[str]:
    play = scenario.roleplay
    if play is None:
        return []
    texts = ui["roleplay"]
    return [
        markdown.heading(2, texts["heading"] + (f": {play.title}" if play.title else "")),
        md_block(texts["intro"]),
        roleplay_html(scenario, ui),
    ]


def map_html(play: Roleplay, ui: dict[str, Any]) -> str:
    """The trainer's map of a role-play: its Mermaid text, drawn by map.js when opened,
    in a box that scrolls sideways on a phone (focusable, so that keys scroll it too)."""
    texts = ui["roleplay"]
    mermaid = mermaid_map(play, texts["rating"])
    name = escape(texts["map"])
    return (f'<details class="abstract cc-map-box"><summary>{name}</summary>\n'
            f'<div class="cc-map-scroll" tabindex="0" role="region" aria-label="{name}">\n'
            f'<pre class="cc-map" data-cc-map>{escape(mermaid)}</pre>\n</div>\n</details>')


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


def progress_markdown(ui: dict[str, Any], assessment: str = "") -> str:
    """My progress; ``assessment``: the assessment page's URL (where the certificate is)."""
    texts = ui["progress"]
    return (
        f"{markdown.heading(1, texts['title'])}\n\n{md_block(texts['intro'])}\n\n"
        f'<div class="cc-progress-page" data-cc-progress data-cc-exam="{escape(assessment)}">\n'
        f'<p class="cc-needs-js">{escape(texts["needs_js"])}</p>\n</div>\n'
    )


def download_uri(kind: str, language: str) -> str:
    """Where a PDF lives in a language's site: ``downloads/handbook-en.pdf``."""
    return f"downloads/{kind}-{language}.pdf"


def downloads_markdown(ui: dict[str, Any], language: str) -> str:
    """The home page's box of PDFs for learners: the handbook (never the answer key)."""
    pages = ui["pages"]
    href = download_uri("handbook", language)
    links = f'<li><a href="{href}">{md_inline(pages["handbook_pdf"])}</a></li>'
    return markdown.admonition("abstract", f"<ul>{links}</ul>", title=pages["downloads"],
                               html=True) + "\n"


TRAINER_PAGE = "downloads/index.md"  # not in the navigation, not in search, not linked


def trainer_downloads_markdown(ui: dict[str, Any], language: str) -> str:
    """The trainers' and HR's page (``downloads/``): the handbook and the answer key."""
    pages = ui["pages"]

    def here(kind: str) -> str:  # the PDFs sit beside this page
        return download_uri(kind, language).removeprefix("downloads/")

    links = "".join(f'<li><a href="{here(kind)}">{md_inline(pages[name])}</a></li>'
                    for kind, name in (("handbook", "handbook_pdf"),
                                       ("answer-key", "answer_key_pdf")))
    return (f"{markdown.heading(1, pages['trainer_downloads'])}\n\n"
            f"{md_block(pages['trainer_downloads_intro'])}\n\n<ul>{links}</ul>\n\n"
            + markdown.admonition("warning", str(md_block(pages["answer_key_warning"])),
                                  html=True) + "\n")
