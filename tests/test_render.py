"""Rendering: the same validated objects become page Markdown and quiz HTML."""

from __future__ import annotations

import re
from pathlib import Path

from builder.loader import load_course
from builder.locale import ui_strings
from builder.render import (
    md_inline,
    pillar_questions,
    quiz_html,
    scenario_markdown,
    shown_choices,
    shown_order,
)
from tests.conftest import golden

FIXTURE = Path(__file__).parent / "fixtures" / "site"
GOLDEN = Path(__file__).parent / "golden"


def course():
    c = load_course(FIXTURE / "scenarios")
    assert c.ok, c.problems
    return c


def test_course_order_follows_order_field() -> None:
    assert [s.id for s in course().scenarios] == ["warm-welcome", "cold-soup"]


def test_scenario_page_golden() -> None:
    soup = course().scenarios[1]
    golden(GOLDEN / "cold-soup.md", scenario_markdown(soup, ui_strings("en")))


def test_quiz_html_has_every_option_and_explanation() -> None:
    soup = course().scenarios[1]
    html = quiz_html("t", [(soup, q) for q in soup.quiz], ui_strings("en"))
    for question in soup.quiz:
        assert f'data-cc-q="cold-soup/{question.id}"' in html
        for option in question.options:
            assert str(md_inline(option.text)) in html
            assert str(md_inline(option.feedback)) in html
    assert html.count("<details") == len(soup.quiz)
    assert "\n\n" not in html, "a blank line would end the raw HTML block in Markdown"
    # the answer key of the single-choice question is in the HTML, for print and no-JS readers
    assert 'data-cc-correct="true"' in html


def test_ordering_is_shuffled_the_same_way_every_time() -> None:
    soup = course().scenarios[1]
    steps = soup.quiz[1]
    first = [o.index for o in shown_order(steps, "cold-soup/steps")]
    again = [o.index for o in shown_order(steps, "cold-soup/steps")]
    assert first == again
    assert first != sorted(first), "the page must not show the answer"
    assert sorted(first) == [0, 1, 2]


def test_pillar_questions_come_from_every_scenario() -> None:
    c = course()
    care = pillar_questions(c.scenarios, "care")
    assert [(s.id, q.id) for s, q in care] == [("warm-welcome", "greet"), ("cold-soup", "signs")]
    assert all(q.pillar == "care" for _, q in care)


def test_role_play_choices_are_not_in_the_written_order() -> None:
    soup = course().scenarios[1]
    assert soup.roleplay is not None
    shown = shown_choices(soup.id, soup.roleplay)
    for point in soup.roleplay.points:
        assert sorted(c.goto for c in shown[point.id]) == sorted(c.goto for c in point.choices)
        if len(point.choices) > 1:
            assert shown[point.id] != point.choices, point.id


def test_markdown_in_text_fields() -> None:
    assert str(md_inline("it is *cold*")) == "it is <em>cold</em>"
    assert re.fullmatch(r"<p>a</p>\s*<p>b</p>", str(md_inline("a\n\nb")))
