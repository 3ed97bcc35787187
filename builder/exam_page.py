"""The final assessment page (exam mode), and its pool's questions without answers and
their encoded key (:mod:`builder.exam_pool_files` writes them as files beside the page)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from markupsafe import Markup, escape

from builder import markdown
from builder.assessment import attempt_size
from builder.examkey import fnv1a
from builder.order import seeded_order
from builder.render import (
    QuizItem,
    ShownOption,
    compact,
    dom_id,
    json_attr,
    md_block,
    md_inline,
    template_env,
)
from builder.schema import Question, Scenario
from builder.settings import Assessment

QUIZ_ID = "assessment"
# Material's search plugin leaves out pages with this front matter (checked: 9.8).
SEARCH_EXCLUDED = {"search": {"exclude": True}}


def labels(question: Question, key: str) -> list[int]:
    """``labels[i]``: the data-cc-index option ``i`` gets on the assessment page.

    A seeded permutation, so that neither the position in the page nor the index tells
    the written order (for an ordering question, the written order is the answer).
    """
    return seeded_order(f"{key}#labels", [False] * len(question.options))


def avoided(question: Question, key: str, label_of: list[int]) -> str:
    """Salted hashes of the start orders an ordering question must not show: solved, and
    (with three or more steps) reversed. exam.js hashes each order it draws the same way."""
    if question.type != "ordering":
        return ""
    solved = label_of
    orders = [solved, solved[::-1]] if len(solved) > 2 else [solved]
    return " ".join(base36(fnv1a(f"{key}:{','.join(map(str, o))}")) for o in orders)


def base36(n: int) -> str:
    """``n.toString(36)`` in JavaScript."""
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if not n:
            return out


def pool_item(scenario: Scenario, question: Question) -> QuizItem:
    key = scenario.question_key(question)
    label_of = labels(question, key)
    shown = sorted((ShownOption(i, o, label_of[i]) for i, o in enumerate(question.options)),
                   key=lambda s: s.label)
    return QuizItem(key=key, question=question, shown_options=shown,
                    dom_id=dom_id(QUIZ_ID, key), avoid=avoided(question, key, label_of))


def answer_key(pool: Sequence[tuple[Scenario, Question]]) -> dict[str, Any]:
    """Per question key: label -> option index, the right options, feedback, explanation."""
    key: dict[str, Any] = {}
    for scenario, question in pool:
        qkey = scenario.question_key(question)
        label_of = labels(question, qkey)
        key[qkey] = {
            "p": sorted(range(len(label_of)), key=lambda i: label_of[i]),
            "c": [] if question.type == "ordering" else question.correct_indexes,
            "f": [str(md_inline(o.feedback)) for o in question.options],
            "e": str(md_block(question.explanation)),
        }
    return key


def web_certificate(ui: dict[str, Any], *, course_title: str, language: str) -> dict[str, Any]:
    """The certificate card's words; exam.js fills in name, score, pillars and date."""
    completed = Markup(escape(ui["pdf"]["completed"])).format(
        course=Markup("<strong>{}</strong>").format(course_title))
    return {"language": language, "pdf": ui["pdf"], "completed": completed, "name": "",
            "name_size": "short", "score_text": "", "date_text": "", "pillars": [],
            "title": course_title, "version": ""}


def assessment_markdown(
    scenarios: Sequence[Scenario],
    ui: dict[str, Any],
    *,
    pass_mark: int,
    settings: Assessment,
    course_title: str = "",
    organisation: str = "",
    language: str = "en",
    pool_version: str = "",
) -> str:
    """The assessment page's Markdown (``builder.pages`` gives the page
    :data:`SEARCH_EXCLUDED` as front matter). ``pool_version``: the version of the pool's
    files (:func:`builder.exam_pool_files.pool_files`), empty when there is no pool."""
    count = attempt_size(scenarios, settings)
    intro = md_block(ui["exam"]["intro"].format(count=count, pass_mark=pass_mark))
    i18n = {**ui["quiz"], **ui["exam"], "pillars": ui["pillars"]}
    html = template_env().get_template("assessment.html.j2").render(
        pool_version=pool_version,
        ui=ui,
        pass_mark=pass_mark,
        settings=settings,
        i18n_json=json_attr(i18n),
        certificate=web_certificate(ui, course_title=course_title, language=language),
        organisation=organisation,
    )
    title = markdown.heading(1, ui["pages"]["assessment"])
    return f"{title}\n\n{intro}\n\n{compact(html)}\n"
