"""Progress in localStorage: kept across reloads, reset, robust to bad data, shared by pages."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PAGE = "scenarios/margarine-run.html"
SINGLE = "margarine-run/first-move"  # spontaneity
MULTIPLE = "margarine-run/why-delighted"  # care
ORDERING = "margarine-run/margarine-steps"  # spontaneity


def test_answers_survive_a_reload(course, t) -> None:
    page = course.open(PAGE)
    answers = {SINGLE: False, MULTIPLE: True, ORDERING: True}
    for key, right in answers.items():
        q = course.q(key)
        course.answer(q, right=right)
        course.check(q)
    before = {key: course.state(course.q(key)) for key in answers}
    score = course.summary().locator(".cc-score").inner_text()
    pillars = course.summary().locator(".cc-pillar-scores li").all_inner_texts()
    total = page.locator(".cc-q").count()
    assert score == t("score", right=2, total=total)

    course.reload()
    for key, right in answers.items():
        q = course.q(key)
        expect(q).to_contain_class("cc-q--right" if right else "cc-q--wrong")
        # as before, but the explanation is closed until asked for
        assert course.state(q) == {**before[key], "open": False}, key
        expect(q.locator(".cc-check")).to_have_text(f"✓ {t('checked')}")
        expect(q.locator(".cc-again")).to_be_visible()
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
    course.reset_quiz()
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
    "wrong-shapes": json.dumps(
        {
            "v": 1,
            "q": {
                SINGLE: {"a": [99], "ok": True},  # out of range
                MULTIPLE: {"a": "0,1", "ok": True},  # not a list
                ORDERING: {"a": [0, 1], "ok": True},  # too short for an ordering
                "margarine-run/too-quick-no": {"a": [-1]},  # negative
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


# Puts ?ccseed=... into localStorage before any page script runs.
SEED = """
try {
  const seed = new URLSearchParams(location.search).get("ccseed");
  if (seed !== null) {
    localStorage.setItem("carecourse", seed);
    window.__ccSeeded = localStorage.getItem("carecourse");
  }
} catch (e) {}
"""

FRESH = """(quiz) => ({
  done: quiz.querySelectorAll('.cc-q--done').length,
  verdicts: quiz.querySelectorAll('.cc-opt[data-cc-verdict]').length,
  checked: quiz.querySelectorAll('input:checked').length,
  score: quiz.querySelectorAll('.cc-score').length,
  locked: quiz.querySelectorAll('input:disabled').length,
})"""


def test_bad_stored_progress_is_ignored(page, course, t) -> None:
    """Each bad value in turn (one context, so the pages come from its cache); what is
    kept of a partly good value: tests/browser/test_storage.py."""
    page.context.add_init_script(SEED)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(f"uncaught: {e}"))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    failures: list[str] = []
    for name, stored in BAD_STORAGE.items():
        errors.clear()
        course.open(f"{PAGE}?{urlencode({'ccseed': stored})}")
        assert page.evaluate("() => window.__ccSeeded") == stored, name
        problems = []
        # nothing is shown as answered ...
        fresh = page.locator(".cc-quiz").evaluate(FRESH)
        if any(fresh.values()):
            problems.append(f"the quiz does not start afresh: {fresh}")
        # ... and the quiz works as new
        q = course.q(SINGLE)
        if fresh["locked"]:
            course.try_again(q)  # to get on with it
        course.answer(q, right=True)
        course.check(q)
        state = course.state(q)
        if (state["ok"], state["result"]) != (True, t("right")):
            problems.append(f"a right answer is not shown as right: {state}")
        # ... and what it writes back is sound
        data = json.loads(course.storage() or "null")
        if not (
            isinstance(data, dict)
            and data.get("v") == 2
            and data["q"].get(SINGLE, {}).get("a") == course.correct(q)
            and isinstance(data.get("x"), dict)
        ):
            problems.append(f"stored afterwards: {data}")
        problems.extend(f"console: {e}" for e in errors)
        if problems:
            failures.append(f"{name} = {stored}\n    " + "\n    ".join(problems))
    if failures:
        pytest.fail("bad stored progress was not ignored:\n  " + "\n  ".join(failures))


def test_progress_is_shared_with_the_pillar_pages(course, t) -> None:
    page = course.open(PAGE)
    wrong_single, right_multiple = course.q(SINGLE), course.q(MULTIPLE)
    course.answer(wrong_single, right=False)
    course.check(wrong_single)
    course.answer(right_multiple, right=True)
    course.check(right_multiple)
    seen = {
        SINGLE: course.state(wrong_single),
        MULTIPLE: course.state(right_multiple),
    }

    for pillar, key in (("care", MULTIPLE), ("spontaneity", SINGLE)):
        course.open(f"pillars/{pillar}.html")
        quiz = page.locator(f"#pillar-{pillar}")
        q = quiz.locator(f'.cc-q[data-cc-q="{key}"]')
        expect(q).to_have_count(1)
        expect(quiz.locator(".cc-q--done")).to_have_count(1)
        assert course.state(q) == {**seen[key], "open": False}, pillar  # explanation closed
        total = quiz.locator(".cc-q").count()
        right = 1 if key == MULTIPLE else 0
        expect(quiz.locator(".cc-score")).to_have_text(t("score", right=right, total=total))

    # and back: an answer given on a pillar page shows on the scenario page
    care = page.locator("#pillar-care")
    course.open("pillars/care.html")
    other = care.locator('.cc-q[data-cc-q="margarine-run/culture"]')
    course.answer(other, right=True)
    course.check(other)
    course.open(PAGE)
    expect(course.q("margarine-run/culture")).to_contain_class("cc-q--right")
    expect(page.locator(".cc-q--done")).to_have_count(3)
