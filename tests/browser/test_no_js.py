"""Without JavaScript every question, option and explanation is still there to read."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from builder.loader import load_course
from builder.render import md_inline

pytestmark = pytest.mark.browser

SCENARIOS = load_course(Path(__file__).resolve().parents[2] / "scenarios").scenarios


def plain(markdown: str) -> str:
    """The text a reader sees for an inline Markdown string."""
    text = html.unescape(re.sub(r"<[^>]+>", "", str(md_inline(markdown))))
    return " ".join(text.split())


def seen(page: Page, selector: str) -> list[str]:
    return [" ".join(s.split()) for s in page.locator(selector).all_inner_texts()]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.id for s in SCENARIOS])
def test_scenario_quiz_reads_without_javascript(nojs_page: Page, t, scenario) -> None:
    page = nojs_page
    page.goto(f"scenarios/{scenario.id}/")
    quiz = page.locator(f"#scenario-{scenario.id}")
    expect(quiz).to_be_visible()
    assert page.evaluate("() => typeof window.document$") == "undefined"  # really no JS
    expect(quiz).not_to_contain_class("cc-js")

    questions = quiz.locator(".cc-q")
    expect(questions).to_have_count(len(scenario.quiz))
    for question, li in zip(scenario.quiz, questions.all(), strict=True):
        prompt = " ".join(li.locator(".cc-q__prompt").inner_text().split())
        assert prompt.endswith(plain(question.prompt)), prompt
        expect(li.locator(".cc-q__prompt")).to_be_visible()

        options = li.locator(".cc-opt")
        expect(options).to_have_count(len(question.options))
        shown = [" ".join(s.split()) for s in options.locator(".cc-opt__text").all_inner_texts()]
        assert sorted(shown) == sorted(plain(o.text) for o in question.options)
        for option in options.all():
            expect(option.locator(".cc-opt__text")).to_be_visible()
        if question.type == "ordering":
            expect(li.locator("input")).to_have_count(0)
        else:
            kind = "radio" if question.type == "single" else "checkbox"
            expect(li.locator(f"input[type={kind}]")).to_have_count(len(question.options))
            expect(li.locator("input").first).to_be_visible()

        # the answer and its explanation are one click away, in a <details>
        summary = li.locator("details.cc-q__explain > summary")
        expect(summary).to_be_visible()
        expect(summary).to_have_text(t.ui["quiz"]["answer"])
        expect(li.locator(".cc-q__key li")).to_have_count(
            sum(o.correct for o in question.options) or len(question.options)
        )

    # nothing of the interactive layer shows up half-made
    expect(quiz.locator(".cc-check, .cc-move, .cc-submit, .cc-retry, .cc-reset")).to_have_count(0)
    expect(quiz.locator(".cc-opt__feedback:visible")).to_have_count(0)


def test_ordering_steps_read_as_a_numbered_list(nojs_page: Page) -> None:
    page = nojs_page
    page.goto("scenarios/margarine-run/")
    options = page.locator(".cc-q__options--ordering").first
    expect(options).to_be_visible()
    assert options.evaluate("(ol) => getComputedStyle(ol).listStyleType") == "decimal"
