"""Material's instant navigation: pages swap without a reload and quizzes still work."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

FIRST = "scenarios/margarine-run.html"
SECOND = "scenarios/diabetic-regular.html"


def same_document(page: Page) -> bool:
    """True while the page is the document the test marked (no full reload since)."""
    return page.evaluate("() => window.__ccMarker === 1")


def quizzes_set_up_once(page: Page) -> None:
    """One Check and one Try again per question: quiz.js did not set a quiz up twice."""
    quiz = page.locator(".cc-quiz")
    expect(quiz).to_have_count(1)
    n = quiz.locator(".cc-q").count()
    assert n > 0
    expect(quiz.locator(".cc-check")).to_have_count(n)
    expect(quiz.locator(".cc-again")).to_have_count(n)


def test_instant_navigation_keeps_quizzes_working(course, t) -> None:
    page = course.open("", settle=True)
    page.evaluate("() => { window.__ccMarker = 1; }")

    # a link in the page text, to the first scenario
    page.locator(".md-content a[href$='scenarios/margarine-run.html']").first.click()
    page.wait_for_url(re.compile(re.escape(FIRST) + "$"))
    course.wait_ready("#scenario-margarine-run")
    assert same_document(page), "following a link reloaded the page: instant navigation is off"
    quizzes_set_up_once(page)
    first = course.q("margarine-run/first-move")
    course.answer(first, right=True)
    course.check(first)
    expect(first).to_contain_class("cc-q--right")
    expect(first.locator(".cc-q__result")).to_have_text(t("right"))

    # the footer's "Next" link, to the second scenario
    page.wait_for_load_state("networkidle")
    page.locator("a.md-footer__link--next").click()
    page.wait_for_url(re.compile(re.escape(SECOND) + "$"))
    course.wait_ready("#scenario-diabetic-regular")
    assert same_document(page)
    quizzes_set_up_once(page)
    q = page.locator(".cc-q").first
    expect(q).not_to_contain_class("cc-q--done")
    course.check(q)
    expect(q.locator(".cc-q__result")).to_have_text(t("pick_first"))
    course.answer(q, right=False)
    course.check(q)
    expect(q).to_contain_class("cc-q--wrong")
    expect(q.locator(".cc-opt[data-cc-verdict='wrong'] .cc-opt__feedback")).to_be_visible()

    # back to the first scenario: its answer is shown, and its quiz still works
    page.go_back()
    page.wait_for_url(re.compile(re.escape(FIRST) + "$"))
    course.wait_ready("#scenario-margarine-run")
    assert same_document(page), "going back reloaded the page"
    quizzes_set_up_once(page)
    first = course.q("margarine-run/first-move")
    expect(first).to_contain_class("cc-q--right")
    expect(first.locator(".cc-q__result")).to_have_text(t("right"))
    (right,) = course.correct(first)
    expect(course.opt(first, right)).to_have_attribute("data-cc-verdict", "right")
    expect(first.locator("input:checked")).to_have_attribute("value", str(right))
    total = page.locator(".cc-q").count()
    expect(page.locator(".cc-score")).to_have_text(t("score", right=1, total=total))

    other = course.q("margarine-run/why-delighted")
    course.answer(other, right=True)
    course.check(other)
    expect(other).to_contain_class("cc-q--right")
    expect(page.locator(".cc-score")).to_have_text(t("score", right=2, total=total))

    # and forward again: the second scenario remembers its (wrong) answer
    page.go_forward()
    page.wait_for_url(re.compile(re.escape(SECOND) + "$"))
    course.wait_ready("#scenario-diabetic-regular")
    assert same_document(page)
    quizzes_set_up_once(page)
    expect(page.locator(".cc-q").first).to_contain_class("cc-q--wrong")
