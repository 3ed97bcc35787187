"""Progress in localStorage: kept across reloads, reset, robust to bad data, shared by pages."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Locator, expect

pytestmark = pytest.mark.browser

PAGE = "scenarios/margarine-run/"
SINGLE = "margarine-run/first-move"  # spontaneity
MULTIPLE = "margarine-run/why-delighted"  # care
ORDERING = "margarine-run/margarine-steps"  # spontaneity


def snapshot(course, q: Locator) -> dict[str, object]:
    """Everything a learner sees of one question's state."""
    return {
        "classes": sorted(
            c for c in (q.get_attribute("class") or "").split() if c.startswith("cc-q--")
        ),
        "verdicts": q.locator(".cc-opt").evaluate_all(
            "(os) => os.map((o) => [o.dataset.ccIndex, o.dataset.ccVerdict ?? null])"
        ),
        "checked": q.locator("input:checked").evaluate_all("(is) => is.map((i) => i.value)"),
        "order": course.order(q),
        "feedback": q.locator(".cc-opt__feedback:visible").count(),
        "result": q.locator(".cc-q__result").inner_text(),
        "open": q.locator("details.cc-q__explain").evaluate("(d) => d.open"),
    }


def test_answers_survive_a_reload(course, t) -> None:
    page = course.open(PAGE)
    answers = {SINGLE: False, MULTIPLE: True, ORDERING: True}
    for key, right in answers.items():
        q = course.q(key)
        course.answer(q, right=right)
        course.check(q)
    before = {key: snapshot(course, course.q(key)) for key in answers}
    score = course.summary().locator(".cc-score").inner_text()
    pillars = course.summary().locator(".cc-pillar-scores li").all_inner_texts()
    total = page.locator(".cc-q").count()
    assert score == t("score", right=2, total=total)

    course.reload()
    for key, right in answers.items():
        q = course.q(key)
        expect(q).to_contain_class("cc-q--right" if right else "cc-q--wrong")
        assert snapshot(course, q) == before[key], key
        expect(q.locator(".cc-check")).to_have_text(t("try_again"))
        expect(q.locator("input:enabled")).to_have_count(0)
    expect(page.locator(".cc-q--done")).to_have_count(len(answers))
    expect(course.summary().locator(".cc-score")).to_have_text(score)
    expect(course.summary().locator(".cc-pillar-scores li")).to_have_text(pillars)
    expect(course.summary().locator(".cc-progress")).to_have_text(
        t("progress", done=len(answers), total=total)
    )


def test_reset_clears_progress_for_good(course, t) -> None:
    page = course.open(PAGE)
    for key in (SINGLE, MULTIPLE):
        course.answer(course.q(key), right=True)
        course.check(course.q(key))
    summary = course.summary()
    summary.locator(".cc-reset").click()
    expect(summary.locator(".cc-note")).to_have_text(t("reset_done"))
    expect(summary.locator(".cc-score")).to_have_count(0)
    expect(page.locator(".cc-q--done")).to_have_count(0)
    expect(page.locator(".cc-opt[data-cc-verdict]")).to_have_count(0)
    expect(page.locator(".cc-quiz input:checked")).to_have_count(0)

    course.reload()
    expect(page.locator(".cc-q--done")).to_have_count(0)
    expect(page.locator(".cc-opt[data-cc-verdict]")).to_have_count(0)
    expect(summary.locator(".cc-score")).to_have_count(0)
    stored = json.loads(course.storage() or "{}")
    assert not any(k.startswith("margarine-run/") for k in stored.get("q", {}))


BAD_STORAGE = {
    "not-json": "{not json",
    "older-version": json.dumps(
        {"v": 0, "q": {SINGLE: {"a": [1], "ok": True}, MULTIPLE: {"a": [0, 1, 3], "ok": True}}}
    ),
    "newer-version": json.dumps({"v": 99, "q": {SINGLE: {"a": [1], "ok": True}}, "x": {}}),
    "a-number": "42",
    "q-is-a-list": json.dumps({"v": 1, "q": [SINGLE], "x": {}}),
    "x-missing": json.dumps({"v": 1, "q": {SINGLE: {"a": [1], "ok": True}}}),
    "wrong-shapes": json.dumps(
        {
            "v": 1,
            "q": {
                SINGLE: {"a": [99], "ok": True},  # out of range
                MULTIPLE: {"a": "0,1", "ok": True},  # not a list
                ORDERING: {"a": [0, 1], "ok": True},  # too short for an ordering
                "margarine-run/cannot-get-it": {"a": [-1]},  # negative
                "margarine-run/culture": {"a": [1, 1]},  # repeated
            },
            "x": {"scenario-margarine-run": "nonsense"},
        }
    ),
    "entries-not-objects": json.dumps(
        {
            "v": 1,
            "q": {
                SINGLE: [1],
                MULTIPLE: None,
                ORDERING: {"a": [0, 1, 2, 3, 4.5]},  # not integers
                "margarine-run/culture": {"a": [0.5]},
            },
            "x": {},
        }
    ),
    "single-with-two-answers": json.dumps({"v": 1, "q": {SINGLE: {"a": [0, 1]}}, "x": {}}),
}


@pytest.mark.parametrize("stored", list(BAD_STORAGE.values()), ids=list(BAD_STORAGE))
def test_bad_stored_progress_is_ignored(page, course, t, stored: str) -> None:
    # Put the bad value in place before any page script runs.
    page.context.add_init_script(
        "try { if (location.protocol === 'http:') localStorage.setItem('carecourse', "
        + json.dumps(stored)
        + ") } catch (e) {}"
    )
    course.open(PAGE)
    assert course.storage() == stored
    # nothing is shown as answered, and the quiz works as new
    expect(page.locator(".cc-q--done")).to_have_count(0)
    expect(page.locator(".cc-opt[data-cc-verdict]")).to_have_count(0)
    expect(page.locator(".cc-quiz input:checked")).to_have_count(0)
    expect(course.summary().locator(".cc-score")).to_have_count(0)
    q = course.q(SINGLE)
    expect(q.locator(".cc-check")).to_have_text(t("check"))
    course.answer(q, right=True)
    course.check(q)
    expect(q).to_contain_class("cc-q--right")
    expect(q.locator(".cc-q__result")).to_have_text(t("right"))
    # and what it writes back is sound
    data = json.loads(course.storage() or "null")
    assert data["v"] == 1
    assert data["q"][SINGLE]["a"] == course.correct(q)
    assert isinstance(data["x"], dict)


def test_progress_is_shared_with_the_pillar_pages(course, t) -> None:
    page = course.open(PAGE)
    wrong_single, right_multiple = course.q(SINGLE), course.q(MULTIPLE)
    course.answer(wrong_single, right=False)
    course.check(wrong_single)
    course.answer(right_multiple, right=True)
    course.check(right_multiple)
    seen = {
        SINGLE: snapshot(course, wrong_single),
        MULTIPLE: snapshot(course, right_multiple),
    }

    for pillar, key in (("care", MULTIPLE), ("spontaneity", SINGLE)):
        course.open(f"pillars/{pillar}/")
        quiz = page.locator(f"#pillar-{pillar}")
        q = quiz.locator(f'.cc-q[data-cc-q="{key}"]')
        expect(q).to_have_count(1)
        expect(quiz.locator(".cc-q--done")).to_have_count(1)
        assert snapshot(course, q) == seen[key], pillar
        total = quiz.locator(".cc-q").count()
        right = 1 if key == MULTIPLE else 0
        expect(quiz.locator(".cc-score")).to_have_text(t("score", right=right, total=total))

    # and back: an answer given on a pillar page shows on the scenario page
    care = page.locator("#pillar-care")
    course.open("pillars/care/")
    other = care.locator('.cc-q[data-cc-q="margarine-run/culture"]')
    course.answer(other, right=True)
    course.check(other)
    course.open(PAGE)
    expect(course.q("margarine-run/culture")).to_contain_class("cc-q--right")
    expect(page.locator(".cc-q--done")).to_have_count(3)
