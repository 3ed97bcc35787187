"""The final assessment (exam mode): submit, pass or fail, retry, and what is remembered."""

from __future__ import annotations

import math

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PAGE = "assessment/"


def questions(course) -> list[str]:
    return course.page.locator("#assessment .cc-q").evaluate_all(
        "(qs) => qs.map((q) => q.dataset.ccQ)"
    )


def answer_all(course, rights: list[bool]) -> None:
    for key, right in zip(questions(course), rights, strict=True):
        course.answer(course.q(key), right=right)


def pass_mark(course) -> int:
    value = course.page.locator("#assessment").get_attribute("data-cc-pass")
    assert value is not None
    return int(value)


def test_exam_mode_has_no_check_buttons(course, t) -> None:
    page = course.open(PAGE)
    quiz = page.locator("#assessment")
    expect(quiz).to_have_attribute("data-cc-mode", "exam")
    expect(quiz.locator(".cc-check")).to_have_count(0)
    expect(quiz.locator(".cc-submit")).to_have_text(t("submit"))
    expect(quiz.locator(".cc-retry")).to_have_count(0)
    expect(quiz.locator(".cc-score")).to_have_count(0)


def test_submit_with_questions_left(course, t) -> None:
    page = course.open(PAGE)
    keys = questions(course)
    # an ordering question always has an answer: its steps are in some order
    to_answer = [k for k in keys if course.q(k).get_attribute("data-cc-type") != "ordering"]
    submit = page.locator("#assessment .cc-submit")
    note = page.locator("#assessment .cc-note")

    submit.click()
    expect(note).to_have_text(t("unanswered", missing=len(to_answer)))
    expect(page.locator(".cc-q--done")).to_have_count(0)
    expect(page.locator(".cc-score")).to_have_count(0)

    course.answer(course.q(to_answer[0]), right=True)
    course.answer(course.q(to_answer[1]), right=False)
    submit.click()
    expect(note).to_have_count(1)
    expect(note).to_have_text(t("unanswered", missing=len(to_answer) - 2))
    expect(page.locator(".cc-q--done")).to_have_count(0)
    expect(page.locator(".cc-opt[data-cc-verdict]")).to_have_count(0)
    # nothing is locked: the learner can still change the answers
    expect(page.locator("#assessment input:disabled")).to_have_count(0)


def test_all_right_passes_is_kept_and_retry_clears(course, t) -> None:
    page = course.open(PAGE)
    quiz = page.locator("#assessment")
    n = len(questions(course))
    answer_all(course, [True] * n)
    quiz.locator(".cc-submit").click()

    verdict = quiz.locator(".cc-verdict")
    expect(verdict).to_have_text(t("passed", percent=100, pass_mark=pass_mark(course)))
    expect(verdict).to_contain_class("cc-verdict--pass")
    expect(quiz.locator(".cc-score")).to_have_text(t("score", right=n, total=n))
    expect(quiz.locator(".cc-score")).to_be_focused()
    expect(quiz.locator(".cc-q--right")).to_have_count(n)
    expect(quiz.locator(".cc-q__result")).to_have_text([t("right")] * n)
    expect(quiz.locator(".cc-submit")).to_have_count(0)
    expect(quiz.locator(".cc-retry")).to_have_text(t("retry_quiz"))
    expect(quiz.locator("input:enabled, .cc-move:visible")).to_have_count(0)

    course.reload()
    expect(verdict).to_have_text(t("passed", percent=100, pass_mark=pass_mark(course)))
    expect(quiz.locator(".cc-q--right")).to_have_count(n)
    expect(quiz.locator(".cc-submit")).to_have_count(0)
    expect(quiz.locator("input:enabled")).to_have_count(0)

    quiz.locator(".cc-retry").click()
    expect(quiz.locator(".cc-q--done")).to_have_count(0)
    expect(quiz.locator(".cc-opt[data-cc-verdict]")).to_have_count(0)
    expect(quiz.locator("input:checked")).to_have_count(0)
    expect(quiz.locator(".cc-verdict, .cc-score")).to_have_count(0)
    expect(quiz.locator(".cc-submit")).to_be_visible()
    expect(quiz.locator("input:disabled")).to_have_count(0)

    course.reload()
    expect(quiz.locator(".cc-q--done")).to_have_count(0)
    expect(quiz.locator(".cc-verdict")).to_have_count(0)
    expect(quiz.locator(".cc-submit")).to_be_visible()


def test_all_wrong_fails(course, t) -> None:
    page = course.open(PAGE)
    quiz = page.locator("#assessment")
    n = len(questions(course))
    answer_all(course, [False] * n)
    quiz.locator(".cc-submit").click()
    verdict = quiz.locator(".cc-verdict")
    expect(verdict).to_have_text(t("failed", percent=0, pass_mark=pass_mark(course)))
    expect(verdict).to_contain_class("cc-verdict--fail")
    expect(quiz.locator(".cc-score")).to_have_text(t("score", right=0, total=n))
    expect(quiz.locator(".cc-q--wrong")).to_have_count(n)
    expect(quiz.locator(".cc-opt[data-cc-verdict='wrong']")).not_to_have_count(0)


def test_just_below_and_at_the_pass_mark(course, t) -> None:
    page = course.open(PAGE)
    quiz = page.locator("#assessment")
    n = len(questions(course))
    mark = pass_mark(course)
    need = next(k for k in range(n + 1) if round(100 * k / n) >= mark)
    assert need >= 1

    def percent(k: int) -> int:
        return math.floor(100 * k / n + 0.5)  # Math.round

    answer_all(course, [i < need - 1 for i in range(n)])
    quiz.locator(".cc-submit").click()
    expect(quiz.locator(".cc-verdict")).to_have_text(
        t("failed", percent=percent(need - 1), pass_mark=mark)
    )

    quiz.locator(".cc-retry").click()
    answer_all(course, [i < need for i in range(n)])
    quiz.locator(".cc-submit").click()
    expect(quiz.locator(".cc-verdict")).to_have_text(
        t("passed", percent=percent(need), pass_mark=mark)
    )
    expect(quiz.locator(".cc-score")).to_have_text(t("score", right=need, total=n))


def test_answers_are_kept_before_submitting(course) -> None:
    page = course.open(PAGE)
    quiz = page.locator("#assessment")
    keys = questions(course)
    kinds = {k: course.q(k).get_attribute("data-cc-type") for k in keys}
    choice = next(k for k in keys if kinds[k] != "ordering")
    ordering = next(k for k in keys if kinds[k] == "ordering")
    course.answer(course.q(choice), right=True)
    course.answer(course.q(ordering), right=True)
    n = course.q(ordering).locator(".cc-opt").count()

    course.reload()
    expect(quiz.locator(".cc-q--done")).to_have_count(0)
    expect(course.q(choice).locator("input:checked")).to_have_count(
        len(course.correct(course.q(choice)))
    )
    assert course.order(course.q(ordering)) == list(range(n))
    expect(quiz.locator(".cc-submit")).to_be_visible()


def test_resetting_the_assessment_keeps_practice_answers(course, t) -> None:
    """The assessment keeps its own answers; its reset must not wipe the scenario pages."""
    page = course.open("scenarios/margarine-run/")
    shared = "margarine-run/first-move"  # also one of the assessment's questions
    course.answer(course.q(shared), right=True)
    course.check(course.q(shared))

    course.open(PAGE)
    quiz = page.locator("#assessment")
    expect(course.q(shared)).to_have_count(1)
    # practice answers are not exam answers
    expect(quiz.locator(".cc-q--done")).to_have_count(0)
    expect(course.q(shared).locator("input:checked")).to_have_count(0)
    course.answer(course.q(shared), right=False)
    quiz.locator(".cc-reset").click()
    expect(quiz.locator(".cc-note")).to_have_text(t("reset_done"))
    expect(quiz.locator(".cc-q--done")).to_have_count(0)

    course.open("scenarios/margarine-run/")
    expect(
        course.q(shared), "resetting the assessment wiped an answer on a scenario page"
    ).to_contain_class("cc-q--right")
