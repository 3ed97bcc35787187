"""Browser storage that is broken, hostile or full: the good parts are kept, nothing breaks,
and the learner is told once when progress cannot be saved.

Each stored part (CONTRACTS.md, section 3) is broken in turn while the others are sound;
ids that are prototype keys (``constructor``, ``__proto__``) are plain ids; a full
storage quota is a real ``QuotaExceededError`` from ``Storage.setItem``.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

import pytest
from conftest import Course, _watched_context
from multilang import BY_ID, Play, expected_mastery, rated, shown_mastery, stored
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

SID = "margarine-run"
SCENARIO = BY_ID[SID]
FIRST = SCENARIO.practice[0]
KEY = SCENARIO.question_key(FIRST)
assert SCENARIO.roleplay is not None
IDEAL = next(e for e in SCENARIO.roleplay.endings if e.rating == "ideal")
SEED = "abcdefgh12345678"

PUT = """
try {
  const seed = new URLSearchParams(location.search).get("ccseed");
  if (seed !== null && !sessionStorage.getItem("cc-put")) {
    localStorage.setItem("carecourse", seed);
    sessionStorage.setItem("cc-put", "1");
  }
} catch (e) {}
"""
FULL = """
Storage.prototype.setItem = function () {
  throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
};
"""


def good() -> dict[str, Any]:
    """Sound progress: a right answer, an ideal ending, a submitted exam, the last scenario."""
    done = {"keys": [KEY], "a": {KEY: FIRST.correct_indexes}, "ok": {KEY: True},
            "percent": 100, "by": {FIRST.pillar: {"right": 1, "total": 1}}, "passed": True,
            "at": 1741953600000}
    return {"v": 2, "seed": SEED, "q": {KEY: {"a": FIRST.correct_indexes, "ok": True, "n": 0}},
            "r": {SID: {"e": {IDEAL.id: "ideal"}}}, "x": {"done": [done]}, "last": SID}


BROKEN: dict[str, list[Any]] = {
    "q": ["x", [KEY], 5, None, {KEY: "right"}, {KEY: {"a": "0"}}],
    "r": ["x", [SID], {SID: 5}, {SID: {"e": []}}, {SID: {"e": {IDEAL.id: "perfect"}}}],
    "x": ["x", 5, {"done": "x"}, {"cur": 5, "done": [5]}],
    "seed": [5, "", "short", "no spaces allowed"],
    "last": [5, ["x"]],
}


def open_with(course: Course, path: str, data: Any) -> Page:
    course.page.context.add_init_script(PUT)
    return course.open(f"{path}?{urlencode({'ccseed': json.dumps(data)})}")


@pytest.mark.parametrize("part", BROKEN)
def test_a_broken_part_never_costs_the_others(chromium, site_url: str, part: str) -> None:
    failures = []
    for bad in BROKEN[part]:
        context, watch = _watched_context(chromium, site_url)
        course = Course(context.new_page())
        data = {**good(), part: bad}
        page = open_with(course, f"scenarios/{SID}.html", data)
        q = course.q(KEY)
        answered = "cc-q--right" in (q.get_attribute("class") or "")
        kept = stored(page)
        problems = []
        if answered != (part != "q"):
            problems.append(f"the answer is {'shown' if answered else 'lost'}")
        if (kept["r"] == good()["r"]) != (part != "r"):
            problems.append(f"endings: {kept['r']}")
        if (kept["seed"] == SEED) != (part != "seed"):
            problems.append(f"seed: {kept['seed']!r}")
        if part != "x" and kept["x"] != good()["x"]:
            problems.append(f"the exam part changed: {kept['x']}")
        if part == "last" and "last" in kept and kept["last"] != SID:
            problems.append(f"last: {kept['last']!r}")
        if part != "r":
            course.open("progress.html")
            ended = {SID: ["ideal"]}
            if shown_mastery(page) != expected_mastery({KEY: part != "q"}, ended):
                problems.append(f"mastery {shown_mastery(page)}")
        context.close()
        problems += watch.problems()
        if problems:
            failures.append(f"{part} = {json.dumps(bad)}: " + "; ".join(problems))
    assert not failures, "\n".join(failures)


def test_prototype_keys_are_plain_ids(page: Page, course: Course, t) -> None:
    hostile = {
        "v": 2, "seed": SEED,
        "q": {"constructor": {"a": [0], "ok": True}, "__proto__": {"a": [1], "ok": True},
              "toString": {"a": [0]}, KEY: {"a": FIRST.correct_indexes, "ok": True, "n": 0}},
        "r": {"constructor": {"e": {"constructor": "ideal"}},
              "__proto__": {"e": {"x": "poor"}},
              SID: {"e": {"constructor": "ideal", "__proto__": "poor", "hasOwnProperty": "ideal",
                          IDEAL.id: "constructor"}}},
        "x": {"done": []},
    }
    open_with(course, "progress.html", hostile)
    # nothing counts but the one real answer; the rating "constructor" is no rating
    assert shown_mastery(page) == expected_mastery({KEY: True}, {})
    course.open(f"scenarios/{SID}.html")
    expect(course.q(KEY)).to_contain_class("cc-q--right")
    play = Play(page, SID).start()
    play.reach(rated(play.play, "ideal"))
    assert stored(page)["r"][SID]["e"][IDEAL.id] == "ideal"
    course.open("progress.html")
    assert shown_mastery(page) == expected_mastery({KEY: True}, {SID: ["ideal"]})


def test_a_full_storage_is_told_once_and_the_page_still_works(page: Page, course: Course,
                                                              t) -> None:
    page.context.add_init_script(FULL)
    course.open(f"scenarios/{SID}.html")
    note = page.locator(".cc-store-note")
    keys = [SCENARIO.question_key(q) for q in SCENARIO.practice[:3]]
    for key in keys:
        q = course.q(key)
        course.answer(q, right=True)
        course.check(q)
        expect(q).to_contain_class("cc-q--right")
    expect(note).to_have_count(1)
    expect(note).to_be_visible()
    expect(note.locator("p")).to_have_text(t.ui["progress"]["storage_full"])
    expect(note).to_have_attribute("role", "alert")
    # the answers count on the page all the same
    total = page.locator(".cc-q").count()
    expect(course.summary().locator(".cc-score")).to_have_text(t("score", right=3, total=total))
    note.locator("button").click()
    expect(note).to_have_count(0)
    course.answer(course.q(SCENARIO.question_key(SCENARIO.practice[3])), right=False)
    course.check(course.q(SCENARIO.question_key(SCENARIO.practice[3])))
    expect(note).to_have_count(0)  # told once


def test_progress_of_the_first_version_is_carried_over(page: Page, course: Course) -> None:
    """Version 1 kept answers, endings and an exam part of another shape: answers and
    endings are kept, the exam part starts afresh, a seed is added."""
    v1 = {"v": 1, "q": {KEY: {"a": FIRST.correct_indexes, "ok": True}},
          "x": {"assessment": {"a": {KEY: [0]}, "submitted": True, "percent": 100}},
          "r": {SID: {"e": {IDEAL.id: "ideal"}}}, "last": SID}
    open_with(course, f"scenarios/{SID}.html", v1)
    expect(course.q(KEY)).to_contain_class("cc-q--right")
    data = stored(page)
    assert data["v"] == 2 and len(data["seed"]) >= 8
    assert data["q"][KEY]["a"] == FIRST.correct_indexes and data["q"][KEY]["n"] == 0
    assert data["r"] == v1["r"] and data["last"] == SID
    assert data["x"] == {"done": []}


def test_a_failed_course_json_is_fetched_again(chromium, site_url: str) -> None:
    """The first request for the course data (course.js) fails (the ✓ marks ask first):
    the progress page gets it all the same; a failure is not kept."""
    context = chromium.new_context(viewport={"width": 375, "height": 667}, base_url=site_url)
    try:
        page = context.new_page()
        asked = []

        def flaky(route) -> None:
            asked.append(route.request.url)
            if len(asked) == 1:
                route.fulfill(status=503, body="busy")
            else:
                route.continue_()

        page.route("**/assets/carecourse/course.js", flaky)
        Course(page).open("progress.html", settle=True)
        expect(page.locator(".cc-mastery")).to_be_visible()
        assert len(asked) >= 2, asked
    finally:
        context.close()
