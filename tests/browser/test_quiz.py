"""The practice quiz on a scenario page: answering, feedback, scores, retrying."""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, expect

pytestmark = pytest.mark.browser

PAGE = "scenarios/margarine-run/"
SINGLE = "margarine-run/first-move"
MULTIPLE = "margarine-run/why-delighted"
ORDERING = "margarine-run/margarine-steps"
OTHER_SINGLE = "margarine-run/culture"


def verdicts(q: Locator) -> dict[int, str | None]:
    """data-cc-verdict of every option, by data-cc-index."""
    pairs = q.locator(".cc-opt").evaluate_all(
        "(os) => os.map((o) => [Number(o.dataset.ccIndex), o.dataset.ccVerdict ?? null])"
    )
    return {i: v for i, v in pairs}


def pillar_totals(course) -> dict[str, int]:
    totals: dict[str, int] = {}
    for p in course.page.locator(".cc-quiz .cc-q").evaluate_all(
        "(qs) => qs.map((q) => q.dataset.ccPillar)"
    ):
        totals[p] = totals.get(p, 0) + 1
    return totals


def expect_untouched(course, q: Locator, t) -> None:
    """A question nobody has answered (or that was cleared)."""
    expect(q).not_to_contain_class("cc-q--done")
    expect(q).not_to_contain_class("cc-q--right")
    expect(q).not_to_contain_class("cc-q--wrong")
    assert set(verdicts(q).values()) == {None}
    expect(q.locator(".cc-opt__feedback:visible")).to_have_count(0)
    expect(q.locator(".cc-q__result")).to_have_text("")
    expect(q.locator("details.cc-q__explain")).not_to_have_attribute("open", "")
    expect(q.locator(".cc-check")).to_have_text(t("check"))
    expect(q.locator("input:checked")).to_have_count(0)
    expect(q.locator("input:disabled")).to_have_count(0)


def test_single_choice_wrong_then_right(course, t) -> None:
    page = course.open(PAGE)
    q = course.q(SINGLE)
    (right,) = course.correct(q)
    wrong = course.wrong(q)
    assert len(wrong) >= 2

    expect_untouched(course, q, t)
    expect(course.summary().locator(".cc-score")).to_have_count(0)

    course.choose(q, [wrong[0]])
    course.check(q)

    chosen, key = course.opt(q, wrong[0]), course.opt(q, right)
    expect(chosen).to_have_attribute("data-cc-verdict", "wrong")
    expect(chosen.locator(".cc-opt__feedback")).to_be_visible()
    expect(key).to_have_attribute("data-cc-verdict", "missed")
    expect(key.locator(".cc-opt__feedback")).to_be_visible()
    assert verdicts(q) == {
        i: ("wrong" if i == wrong[0] else "missed" if i == right else None) for i in verdicts(q)
    }
    for other in wrong[1:]:
        expect(course.opt(q, other).locator(".cc-opt__feedback")).to_be_hidden()
    expect(q).to_contain_class("cc-q--done cc-q--wrong")
    expect(q.locator(".cc-q__result")).to_have_text(t("wrong"))
    explain = q.locator("details.cc-q__explain")
    expect(explain).to_have_attribute("open", "")
    expect(explain.locator(".cc-q__explanation")).to_be_visible()
    expect(explain.locator(".cc-q__key")).to_be_visible()
    # the answer is locked until "Try again"
    expect(q.locator("input:enabled")).to_have_count(0)
    expect(q.locator(".cc-check")).to_have_text(t("try_again"))

    totals = pillar_totals(course)
    total = sum(totals.values())
    summary = course.summary()
    expect(summary.locator(".cc-score")).to_have_text(t("score", right=0, total=total))
    pillar = q.get_attribute("data-cc-pillar")
    assert pillar
    expect(summary.locator(f".cc-pillar-scores li.cc-pillar--{pillar}")).to_have_text(
        t("pillar_score", pillar=t.pillar(pillar), right=0, total=totals[pillar])
    )
    expect(summary.locator(".cc-pillar-scores li")).to_have_count(len(totals))
    expect(summary.locator(".cc-progress")).to_have_text(t("progress", done=1, total=total))
    expect(summary).not_to_contain_text("{")

    # Try again clears this question; then answer it right
    q.locator(".cc-check").click()
    expect_untouched(course, q, t)
    expect(summary.locator(".cc-score")).to_have_count(0)

    course.choose(q, [right])
    course.check(q)
    expect(key).to_have_attribute("data-cc-verdict", "right")
    expect(key.locator(".cc-opt__feedback")).to_be_visible()
    assert [v for v in verdicts(q).values() if v] == ["right"]
    expect(q).to_contain_class("cc-q--done cc-q--right")
    expect(q.locator(".cc-q__result")).to_have_text(t("right"))
    expect(summary.locator(".cc-score")).to_have_text(t("score", right=1, total=total))
    expect(summary.locator(f".cc-pillar-scores li.cc-pillar--{pillar}")).to_have_text(
        t("pillar_score", pillar=t.pillar(pillar), right=1, total=totals[pillar])
    )
    assert page.locator(".cc-q--done").count() == 1


def test_check_without_an_answer_asks_for_one(course, t) -> None:
    course.open(PAGE)
    for key in (SINGLE, MULTIPLE):
        q = course.q(key)
        course.check(q)
        expect(q.locator(".cc-q__result")).to_have_text(t("pick_first"))
        expect(q).not_to_contain_class("cc-q--done")
        assert set(verdicts(q).values()) == {None}
        expect(q.locator(".cc-check")).to_have_text(t("check"))
        expect(q.locator("input:enabled")).not_to_have_count(0)
    expect(course.summary().locator(".cc-score")).to_have_count(0)
    assert course.storage() is None or SINGLE not in course.storage()


def test_multiple_choice_exactly_right(course, t) -> None:
    course.open(PAGE)
    q = course.q(MULTIPLE)
    right = course.correct(q)
    assert len(right) >= 2
    course.choose(q, right)
    course.check(q)
    expect(q).to_contain_class("cc-q--done cc-q--right")
    expect(q.locator(".cc-q__result")).to_have_text(t("right"))
    assert verdicts(q) == {i: ("right" if i in right else None) for i in verdicts(q)}
    expect(q.locator(".cc-opt__feedback:visible")).to_have_count(len(right))


def test_multiple_choice_partial_is_not_quite(course, t) -> None:
    course.open(PAGE)
    q = course.q(MULTIPLE)
    right = course.correct(q)
    wrong = course.wrong(q)

    course.choose(q, right[:1])
    course.check(q)
    expect(q).to_contain_class("cc-q--done cc-q--wrong")
    expect(q.locator(".cc-q__result")).to_have_text(t("partly"))
    assert verdicts(q) == {
        i: ("right" if i == right[0] else "missed" if i in right else None) for i in verdicts(q)
    }

    # all the right ones plus a wrong one is not right either
    q.locator(".cc-check").click()
    course.choose(q, [*right, wrong[0]])
    course.check(q)
    expect(q.locator(".cc-q__result")).to_have_text(t("partly"))
    expect(course.opt(q, wrong[0])).to_have_attribute("data-cc-verdict", "wrong")

    # only wrong ones: plainly wrong
    q.locator(".cc-check").click()
    course.choose(q, wrong)
    course.check(q)
    expect(q.locator(".cc-q__result")).to_have_text(t("wrong"))
    assert verdicts(q) == {i: ("missed" if i in right else "wrong") for i in verdicts(q)}


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
    expect(q.locator(".cc-step")).to_have_text([t("step", pos=i + 1) for i in range(n)])

    course.put_in_order(q)
    expect(q.locator(".cc-step")).to_have_text([t("step", pos=i + 1) for i in range(n)])
    expect(steps.first.locator(".cc-move--up")).to_be_disabled()
    course.check(q)
    expect(q).to_contain_class("cc-q--done cc-q--right")
    expect(q.locator(".cc-q__result")).to_have_text(t("right"))
    assert set(verdicts(q).values()) == {"right"}
    expect(q.locator(".cc-opt__feedback:visible")).to_have_count(n)
    expect(q.locator(".cc-move:visible")).to_have_count(0)

    # Try again puts the steps back as they were first shown
    q.locator(".cc-check").click()
    assert course.order(q) == shown
    expect(q).not_to_contain_class("cc-q--done")
    assert set(verdicts(q).values()) == {None}
    expect(q.locator(".cc-move:visible")).not_to_have_count(0)


def test_ordering_wrong_order(course, t) -> None:
    course.open(PAGE)
    q = course.q(ORDERING)
    n = q.locator(".cc-opt").count()
    course.put_in_order(q, [1, 0, *range(2, n)])
    course.check(q)
    expect(q).to_contain_class("cc-q--done cc-q--wrong")
    expect(q.locator(".cc-q__result")).to_have_text(t("partly"))
    assert verdicts(q) == {i: ("wrong" if i in (0, 1) else "right") for i in range(n)}


def test_try_again_clears_one_question_only(course, t) -> None:
    course.open(PAGE)
    a, b = course.q(SINGLE), course.q(OTHER_SINGLE)
    for q in (a, b):
        course.answer(q, right=True)
        course.check(q)
    a.locator(".cc-check").click()
    expect_untouched(course, a, t)
    expect(b).to_contain_class("cc-q--done cc-q--right")
    total = course.page.locator(".cc-q").count()
    expect(course.summary().locator(".cc-score")).to_have_text(t("score", right=1, total=total))


def test_retry_the_quiz_clears_everything(course, t) -> None:
    page = course.open(PAGE)
    for key, right in ((SINGLE, False), (MULTIPLE, True), (ORDERING, True)):
        q = course.q(key)
        course.answer(q, right=right)
        course.check(q)
    expect(page.locator(".cc-q--done")).to_have_count(3)
    summary = course.summary()
    expect(summary.locator(".cc-retry")).to_have_text(t("retry_quiz"))

    summary.locator(".cc-retry").click()
    expect(page.locator(".cc-q--done")).to_have_count(0)
    expect(page.locator(".cc-opt[data-cc-verdict]")).to_have_count(0)
    expect(page.locator(".cc-quiz input:checked")).to_have_count(0)
    expect(page.locator(".cc-opt__feedback:visible")).to_have_count(0)
    expect(page.locator("details.cc-q__explain[open]")).to_have_count(0)
    expect(summary.locator(".cc-score")).to_have_count(0)
    expect(summary.locator(".cc-retry")).to_have_count(0)
    for key in (SINGLE, MULTIPLE, ORDERING):
        expect_untouched(course, course.q(key), t)
    stored = course.storage() or ""
    for key in (SINGLE, MULTIPLE, ORDERING):
        assert key not in stored
    # focus goes back to the start of the quiz
    assert page.evaluate("() => document.querySelector('.cc-q').contains(document.activeElement)")
