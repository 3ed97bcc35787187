"""The practice quiz on a scenario page: answering, feedback, scores, retrying."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PAGE = "scenarios/margarine-run.html"
SINGLE = "margarine-run/first-move"
MULTIPLE = "margarine-run/why-delighted"
ORDERING = "margarine-run/margarine-steps"
OTHER_SINGLE = "margarine-run/culture"


def summary(course) -> dict:
    """The quiz summary as a learner reads it."""
    return course.page.locator(".cc-quiz__summary").evaluate(
        """(s) => ({
          score: s.querySelector('.cc-score')?.textContent.trim() ?? null,
          pillars: [...s.querySelectorAll('.cc-pillar-scores li')].map((l) => l.textContent.trim()),
          progress: s.querySelector('.cc-progress')?.textContent.trim() ?? null,
          buttons: [...s.querySelectorAll('button')].map((b) => b.textContent.trim()),
          reset: s.querySelector('details.cc-reset > summary')?.textContent.trim() ?? null,
        })"""
    )


def pillar_totals(course) -> dict[str, int]:
    totals: dict[str, int] = {}
    for p in course.page.locator(".cc-quiz .cc-q").evaluate_all(
        "(qs) => qs.map((q) => q.dataset.ccPillar)"
    ):
        totals[p] = totals.get(p, 0) + 1
    return totals


def untouched(course, q, t) -> dict:
    """The state of a question nobody has answered (or that was cleared)."""
    return {
        "done": False,
        "ok": None,
        "verdicts": [],
        "feedback": [],
        "checked": [],
        "disabled": 0,
        "order": course.state(q)["order"],
        "result": "",
        "open": False,
        "button": t("check"),
    }


def test_single_choice_wrong_then_right(course, t) -> None:
    page = course.open(PAGE)
    q = course.q(SINGLE)
    (right,) = course.correct(q)
    wrong = course.wrong(q)
    n = len(wrong) + 1
    shown = course.order(q)
    assert course.state(q) == untouched(course, q, t)
    assert summary(course)["score"] is None

    course.choose(q, [wrong[0]])
    course.check(q)

    # what the learner sees: their choice marked wrong, the right one "missed",
    # both with their feedback, the verdict, and the explanation opened; Check stays
    # where it was as "Checked", and "Try again" appears under the explanation
    chosen = course.opt(q, wrong[0])
    expect(chosen).to_have_attribute("data-cc-verdict", "wrong")
    expect(chosen.locator(".cc-opt__feedback")).to_be_visible()
    expect(course.opt(q, right)).to_have_attribute("data-cc-verdict", "missed")
    expect(q.locator(".cc-q__result")).to_have_text(t("wrong"))
    expect(q.locator(".cc-q__explanation")).to_be_visible()
    assert course.state(q) == {
        "done": True,
        "ok": False,
        "verdicts": sorted([[wrong[0], "wrong"], [right, "missed"]]),
        "feedback": sorted([wrong[0], right]),
        "checked": [wrong[0]],
        "disabled": n,  # locked until "Try again"
        "order": shown,
        "result": t("wrong"),
        "open": True,
        "button": f"✓ {t('checked')}",
    }
    expect(q.locator(".cc-again")).to_have_text(t("try_again"))

    totals = pillar_totals(course)
    total = sum(totals.values())
    pillar = q.get_attribute("data-cc-pillar")
    assert pillar in totals
    seen = summary(course)
    assert seen["score"] == t("score", right=0, total=total)
    assert (
        t("pillar_score", pillar=t.pillar(pillar), right=0, total=totals[pillar])
        in (seen["pillars"])
    )
    assert len(seen["pillars"]) == len(totals)
    assert seen["progress"] == t("progress", done=1, total=total)
    # Retry, and apart from it the reset of this quiz, which asks first
    assert seen["buttons"] == [t("retry_quiz"), t("reset_yes"), t("reset_no")]
    assert seen["reset"] == t("reset")
    expect(course.summary().locator(".cc-reset__yes")).to_be_hidden()
    assert not any("{" in line for line in [seen["score"], *seen["pillars"], seen["progress"]])

    # Try again clears this question; then answer it right
    course.try_again(q)
    assert course.state(q) == untouched(course, q, t)
    assert summary(course)["score"] is None

    course.choose(q, [right])
    course.check(q)
    expect(course.opt(q, right)).to_have_attribute("data-cc-verdict", "right")
    expect(course.opt(q, right).locator(".cc-opt__feedback")).to_be_visible()
    expect(q.locator(".cc-q__result")).to_have_text(t("right"))
    state = course.state(q)
    assert state["ok"] is True
    assert (state["verdicts"], state["feedback"]) == ([[right, "right"]], [right])
    seen = summary(course)
    assert seen["score"] == t("score", right=1, total=total)
    assert (
        t("pillar_score", pillar=t.pillar(pillar), right=1, total=totals[pillar])
        in (seen["pillars"])
    )
    expect(page.locator(".cc-q--done")).to_have_count(1)


def test_check_without_an_answer_asks_for_one(course, t) -> None:
    course.open(PAGE)
    for key in (SINGLE, MULTIPLE):
        q = course.q(key)
        course.check(q)
        expect(q.locator(".cc-q__result")).to_have_text(t("pick_first"))
        assert course.state(q) == {**untouched(course, q, t), "result": t("pick_first")}
    assert summary(course)["score"] is None
    assert SINGLE not in (course.storage() or "")


def test_multiple_choice_exactly_right(course, t) -> None:
    course.open(PAGE)
    q = course.q(MULTIPLE)
    right = course.correct(q)
    assert len(right) >= 2
    course.choose(q, right)
    course.check(q)
    expect(q).to_contain_class("cc-q--right")
    expect(q.locator(".cc-q__result")).to_have_text(t("right"))
    state = course.state(q)
    assert state["verdicts"] == [[i, "right"] for i in right]
    assert state["feedback"] == right


def test_multiple_choice_partial_is_not_quite(course, t) -> None:
    course.open(PAGE)
    q = course.q(MULTIPLE)
    right = course.correct(q)
    wrong = course.wrong(q)

    course.choose(q, right[:1])
    course.check(q)
    expect(q).to_contain_class("cc-q--wrong")
    expect(q.locator(".cc-q__result")).to_have_text(t("partly"))
    assert course.state(q)["verdicts"] == [
        [i, "right" if i == right[0] else "missed"] for i in right
    ]

    # all the right ones plus a wrong one is not right either
    course.try_again(q)
    course.choose(q, [*right, wrong[0]])
    course.check(q)
    expect(q.locator(".cc-q__result")).to_have_text(t("partly"))
    expect(course.opt(q, wrong[0])).to_have_attribute("data-cc-verdict", "wrong")

    # only wrong ones: plainly wrong
    course.try_again(q)
    course.choose(q, wrong)
    course.check(q)
    expect(q.locator(".cc-q__result")).to_have_text(t("wrong"))
    assert course.state(q)["verdicts"] == [
        [i, "missed" if i in right else "wrong"] for i in sorted(right + wrong)
    ]


def test_ordering_with_move_buttons(course, t) -> None:
    course.open(PAGE)
    q = course.q(ORDERING)
    shown = course.order(q)
    n = len(shown)
    assert shown != list(range(n)), "the steps must not be shown in the right order"
    steps = q.locator(".cc-opt")

    # the first step cannot go up, the last cannot go down; labels name the step
    expect(steps.first.locator(".cc-move--up")).to_be_disabled()
    expect(steps.last.locator(".cc-move--down")).to_be_disabled()
    first_text = steps.first.locator(".cc-opt__text").inner_text().strip()
    expect(steps.first.locator(".cc-move--down")).to_have_attribute(
        "aria-label", f"{t('move_down')}: {first_text}"
    )

    # one move down: announced, and the step numbers follow
    steps.first.locator(".cc-move--down").click()
    assert course.order(q) == [shown[1], shown[0], *shown[2:]]
    expect(q.locator(".cc-q__result")).to_have_text(t("moved", pos=2, total=n))
    expect(q.locator(".cc-pos")).to_have_text([t("step", pos=i + 1) for i in range(n)])

    course.put_in_order(q)
    expect(q.locator(".cc-pos")).to_have_text([t("step", pos=i + 1) for i in range(n)])
    course.check(q)
    expect(q).to_contain_class("cc-q--right")
    expect(q.locator(".cc-q__result")).to_have_text(t("right"))
    state = course.state(q)
    assert state["verdicts"] == [[i, "right"] for i in range(n)]
    assert state["feedback"] == list(range(n))
    expect(q.locator(".cc-move:visible")).to_have_count(0)

    # Try again is a new attempt: the steps start in a new order, never solved or reversed,
    # and it stays the same after a reload
    course.try_again(q)
    again = course.order(q)
    assert again != shown and again not in (list(range(n)), list(range(n))[::-1])
    assert course.state(q) == untouched(course, q, t)
    expect(q.locator(".cc-move:visible")).to_have_count(2 * n)
    course.reload()
    assert course.order(course.q(ORDERING)) == again


def test_ordering_wrong_order(course, t) -> None:
    course.open(PAGE)
    q = course.q(ORDERING)
    n = len(course.order(q))
    course.put_in_order(q, [1, 0, *range(2, n)])
    course.check(q)
    expect(q).to_contain_class("cc-q--wrong")
    expect(q.locator(".cc-q__result")).to_have_text(t("partly"))
    assert dict(course.state(q)["verdicts"]) == {
        i: ("wrong" if i in (0, 1) else "right") for i in range(n)
    }


def test_try_again_clears_one_question_only(course, t) -> None:
    course.open(PAGE)
    a, b = course.q(SINGLE), course.q(OTHER_SINGLE)
    for q in (a, b):
        course.answer(q, right=True)
        course.check(q)
    course.try_again(a)
    assert course.state(a) == untouched(course, a, t)
    expect(b).to_contain_class("cc-q--right")
    total = course.page.locator(".cc-q").count()
    assert summary(course)["score"] == t("score", right=1, total=total)


def test_retry_the_quiz_clears_everything(course, t) -> None:
    page = course.open(PAGE)
    answered = {SINGLE: False, MULTIPLE: True, ORDERING: True}
    for key, right in answered.items():
        q = course.q(key)
        course.answer(q, right=right)
        course.check(q)
    expect(page.locator(".cc-q--done")).to_have_count(3)

    page.locator(".cc-retry").click()
    expect(page.locator(".cc-q--done")).to_have_count(0)
    expect(page.locator(".cc-opt__feedback:visible")).to_have_count(0)
    for key in answered:
        q = course.q(key)
        assert course.state(q) == untouched(course, q, t), key
    assert summary(course) == {
        "score": None,
        "pillars": [],
        "progress": None,
        "buttons": [],
        "reset": None,
    }
    # no answer is kept, only the attempt counter (the next attempt's order)
    stored = json.loads(course.storage() or "{}")["q"]
    assert {key: (stored[key]["a"], stored[key]["n"]) for key in answered} == dict.fromkeys(
        answered, ([], 1))
    # focus goes back to the start of the quiz
    assert page.evaluate("() => document.querySelector('.cc-q').contains(document.activeElement)")
