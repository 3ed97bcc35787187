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


def test_scenario_quizzes_read_without_javascript(nojs_page: Page, t) -> None:
    page = nojs_page
    assert SCENARIOS
    for scenario in SCENARIOS:
        page.goto(f"scenarios/{scenario.id}.html")
        where = f"scenarios/{scenario.id}"
        quiz = page.locator(f"#scenario-{scenario.id}")
        expect(quiz, where).to_be_visible()
        assert page.evaluate("() => typeof window.document$") == "undefined"  # really no JS
        expect(quiz).not_to_contain_class("cc-js")

        questions = quiz.locator(".cc-q")
        expect(questions, where).to_have_count(len(scenario.practice))
        for question, li in zip(scenario.practice, questions.all(), strict=True):
            at = f"{where}/{question.id}"
            expect(li.locator(".cc-q__prompt"), at).to_be_visible()
            prompt = " ".join(li.locator(".cc-q__prompt").inner_text().split())
            assert prompt.endswith(plain(question.prompt)), (at, prompt)

            options = li.locator(".cc-opt")
            expect(options, at).to_have_count(len(question.options))
            texts = options.locator(".cc-opt__text")
            shown = [" ".join(s.split()) for s in texts.all_inner_texts()]
            assert sorted(shown) == sorted(plain(o.text) for o in question.options), at
            for text in texts.all():
                expect(text, at).to_be_visible()
            if question.type == "ordering":
                expect(li.locator("input"), at).to_have_count(0)
                # the steps read as a numbered list
                style = li.locator(".cc-q__options").evaluate(
                    "(ol) => getComputedStyle(ol).listStyleType"
                )
                assert style == "decimal", at
            else:
                kind = "radio" if question.type == "single" else "checkbox"
                inputs = li.locator(f"input[type={kind}]")
                expect(inputs, at).to_have_count(len(question.options))
                expect(inputs.first, at).to_be_visible()

            # the answer and its explanation are one click away, in a <details>
            summary = li.locator("details.cc-q__explain > summary")
            expect(summary, at).to_be_visible()
            expect(summary, at).to_have_text(t.ui["quiz"]["answer"])
            key = sum(o.correct for o in question.options) or len(question.options)
            expect(li.locator(".cc-q__key li"), at).to_have_count(key)

        # nothing of the interactive layer shows up half-made
        expect(
            quiz.locator(".cc-check, .cc-move, .cc-submit, .cc-retry, .cc-reset"), where
        ).to_have_count(0)
        expect(quiz.locator(".cc-opt__feedback:visible"), where).to_have_count(0)


def test_the_assessment_without_javascript_asks_for_it(chromium, exam_url: str, t) -> None:
    """It cannot be taken or graded without JavaScript: it says so, and shows no question."""
    from conftest import _finish, _watched_context

    context, watch = _watched_context(chromium, exam_url, java_script_enabled=False)
    page = context.new_page()
    page.goto("assessment.html")
    expect(page.locator(".cc-needs-js")).to_have_text(t.ui["exam"]["needs_js"])
    expect(page.locator(".cc-q")).to_have_count(0)
    expect(page.locator(".cc-quiz input:visible, .cc-cert:visible")).to_have_count(0)
    _finish(context, watch)
