"""Course progress: "My progress", the ✓ in the navigation, "continue where you left off", reset.

Quiz answers and role-play endings are given through the pages, as a learner gives them;
what the pages should then show is worked out from the scenario YAML and the README's
definition of mastery (``multilang.expected_mastery``).
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

import pytest
from conftest import Course
from multilang import (
    BY_ID,
    SCENARIOS,
    Play,
    expected_mastery,
    rated,
    shown_mastery,
    stored,
)
from playwright.sync_api import Page, expect

from builder.pillars import PILLAR_IDS

pytestmark = pytest.mark.browser

SID = "margarine-run"
NOTHING = dict.fromkeys(PILLAR_IDS, 0)

# Puts ?ccseed=... into localStorage before any page script runs (as in test_progress).
SEED = """
try {
  const seed = new URLSearchParams(location.search).get("ccseed");
  if (seed !== null) localStorage.setItem("carecourse", seed);
} catch (e) {}
"""


def words(t: Any) -> dict[str, str]:
    return t.ui["progress"]


def answer(course: Course, answers: dict[str, bool]) -> None:
    """Answer and check questions on the page that is open."""
    for key, right in answers.items():
        q = course.q(key)
        course.answer(q, right=right)
        course.check(q)
        expect(q).to_contain_class("cc-q--right" if right else "cc-q--wrong")


def keys(sid: str) -> list[str]:
    return [BY_ID[sid].question_key(q) for q in BY_ID[sid].practice]


def open_progress(course: Course, query: str = "") -> Page:
    page = course.open(f"progress.html{query}")
    page.locator(".cc-mastery").wait_for()
    return page


def todo(page: Page) -> dict[str, str]:
    """Still to do: scenario title -> what is left."""
    items = page.locator(".cc-todo li").evaluate_all(
        "(lis) => lis.map((li) => [li.querySelector('a').textContent, li.textContent])"
    )
    return {title: text[len(title) :].strip(" —") for title, text in items}


def marked(page: Page) -> set[str]:
    """The navigation links that carry the ✓ (after the runtime has updated them)."""
    return set(
        page.evaluate(
            """async () => {
              await window.carecourse.marks();
              return [...document.querySelectorAll('a.md-nav__link')]
                .filter((a) => a.querySelector('.cc-done')).map((a) => a.href);
            }"""
        )
    )


def detail(t: Any, pillar: str, answers: dict[str, bool], ended: set[str]) -> str:
    """The line under a pillar's percentage: right answers and role-plays played."""
    questions = [(s, q) for s in SCENARIOS for q in s.practice if q.pillar == pillar]
    right = sum(1 for s, q in questions if answers.get(s.question_key(q)))
    plays = sum(
        1
        for s in SCENARIOS
        if s.id in ended and s.roleplay and any(pillar in e.pillars for e in s.roleplay.endings)
    )
    return words(t)["mastery_detail"].format(right=right, total=len(questions), plays=plays)


def test_mastery_follows_answers_and_endings(course: Course, t) -> None:
    page = open_progress(course)
    assert shown_mastery(page) == NOTHING
    assert set(todo(page)) == {s.title for s in SCENARIOS}
    expect(page.locator(".cc-done-list")).to_have_count(0)

    # some answers, right and wrong, on one scenario
    course.open(f"scenarios/{SID}.html")
    first, second, third = keys(SID)[:3]
    answers = {first: True, second: True, third: False}
    answer(course, answers)
    open_progress(course)
    after_quiz = expected_mastery(answers, {})
    assert after_quiz != NOTHING
    assert shown_mastery(page) == after_quiz
    course.reload()
    assert shown_mastery(page) == after_quiz, "not the same after a reload"
    left = len(keys(SID)) - len(answers)
    assert todo(page)[BY_ID[SID].title] == ", ".join(
        [words(t)["questions_left"].format(count=left), words(t)["play_left"]]
    )

    # an ideal ending of the scenario's role-play
    course.open(f"scenarios/{SID}.html")
    play = Play(page, SID).start()
    play.reach(rated(play.play, "ideal"))
    open_progress(course)
    course.reload()
    after_play = expected_mastery(answers, {SID: ["ideal"]})
    assert shown_mastery(page) == after_play
    trained = {p for e in play.play.endings for p in e.pillars}
    assert all(after_play[p] > after_quiz[p] for p in trained), (after_quiz, after_play)
    for pillar in PILLAR_IDS:
        expect(page.locator(f".cc-mastery--{pillar} .cc-mastery__detail")).to_have_text(
            detail(t, pillar, answers, {SID})
        )
    assert todo(page)[BY_ID[SID].title] == words(t)["questions_left"].format(count=left)


def test_a_completed_scenario_is_marked_in_the_nav(course: Course, site_url: str, t) -> None:
    page = course.open(f"scenarios/{SID}.html")
    url = f"{site_url}scenarios/{SID}.html"
    answer(course, dict.fromkeys(keys(SID), False))  # wrong answers complete it too
    assert marked(page) == set(), "marked as completed before the role-play was played"

    play = Play(page, SID).start()
    play.reach(rated(play.play, "ideal", "acceptable", "poor"))
    page.wait_for_function(
        "(url) => [...document.querySelectorAll('a.md-nav__link .cc-done')]"
        ".some((m) => m.closest('a').href === url)",
        arg=url,
    )
    assert marked(page) == {url}
    mark = page.locator("a.md-nav__link .cc-done").first
    expect(mark).to_have_attribute("title", words(t)["completed_mark"])
    expect(mark.locator(".cc-sr")).to_have_text(f" ({words(t)['completed_mark']})")

    course.reload()
    assert marked(page) == {url}, "the mark is gone after a reload"
    course.open("lesson.html")
    assert marked(page) == {url}, "the mark is not on another page"
    open_progress(course)
    assert marked(page) == {url}
    expect(page.locator(".cc-done-list li")).to_have_text([f"✓ {BY_ID[SID].title}"])
    assert BY_ID[SID].title not in todo(page)


def completed(sid: str) -> dict[str, Any]:
    """Stored progress with every question of ``sid`` answered right and an ideal ending."""
    s = BY_ID[sid]
    assert s.roleplay is not None
    ideal = next(e.id for e in s.roleplay.endings if e.rating == "ideal")
    return {
        "v": 1,
        "q": {s.question_key(q): {"a": q.correct_indexes, "ok": True} for q in s.practice},
        "x": {},
        "r": {sid: {"e": {ideal: "ideal"}}},
    }


def test_the_mark_after_instant_navigation(page: Page, course: Course, site_url: str) -> None:
    """The ✓ on a page reached by instant navigation from a page at another depth."""
    page.context.add_init_script(SEED)
    url = f"{site_url}scenarios/{SID}.html"
    course.open("?" + urlencode({"ccseed": json.dumps(completed(SID))}), settle=True)
    assert marked(page) == {url}
    page.evaluate("() => { window.__ccMarker = 1; }")
    page.locator(f"[data-cc-path] [data-cc-key='{SCENARIOS[0].id}'] a").click()  # the path
    page.wait_for_url(f"{site_url}scenarios/{SCENARIOS[0].id}.html")
    course.wait_ready(f"#scenario-{SCENARIOS[0].id}")
    assert page.evaluate("() => window.__ccMarker === 1"), "instant navigation is off"
    assert marked(page) == {url}, "the ✓ is gone after an instant navigation"


def test_home_page_offers_to_continue(course: Course, site_url: str, t) -> None:
    page = course.open("")
    link = page.locator(".cc-continue a")
    # a new learner starts with the lesson (test_course_shape.py: the whole path)
    expect(link).to_have_attribute("href", f"{site_url}lesson.html")

    other = SCENARIOS[-1]
    course.open(f"scenarios/{other.id}.html")
    course.open("", settle=True)
    expect(link).to_have_text(words(t)["continue"].format(title=other.title))
    expect(link).to_have_attribute("href", f"{site_url}scenarios/{other.id}.html")
    link.click()
    page.wait_for_url(f"{site_url}scenarios/{other.id}.html")
    course.wait_ready(f"#scenario-{other.id}")


def test_reset_all_my_progress(course: Course, t) -> None:
    page = course.open(f"scenarios/{SID}.html")
    answers = dict.fromkeys(keys(SID)[:2], True)
    answer(course, answers)
    play = Play(page, SID).start()
    play.reach(rated(play.play, "poor", "acceptable", "ideal"))
    open_progress(course)
    assert shown_mastery(page) != NOTHING

    page.locator(".cc-reset-all").click()
    expect(page.locator(".cc-progress-page .cc-note")).to_have_text(words(t)["reset_all_done"])
    assert shown_mastery(page) == NOTHING
    assert set(todo(page)) == {s.title for s in SCENARIOS}
    data = stored(page)
    assert (data.get("q"), data.get("x"), data.get("r")) == ({}, {"done": []}, {}), data
    assert marked(page) == set()

    course.reload()
    assert shown_mastery(page) == NOTHING
    course.open(f"scenarios/{SID}.html")
    expect(page.locator(".cc-q--done")).to_have_count(0)
    expect(course.summary().locator(".cc-score")).to_have_count(0)


BAD_PLAYS: dict[str, Any] = {
    "r-is-a-string": "x",
    "e-is-a-number": {SID: {"e": 5}},
    "entry-is-null": {SID: None},
    "entry-is-a-list": {SID: []},
    "e-is-a-list": {SID: {"e": []}},
}


def test_corrupt_role_play_progress_breaks_nothing(page: Page, course: Course, t) -> None:
    """Each bad value in turn: the progress page still works and the role-play still counts."""
    page.context.add_init_script(SEED)
    roleplay = BY_ID[SID].roleplay
    assert roleplay is not None
    failures = []
    for name, bad in BAD_PLAYS.items():
        seed = json.dumps({"v": 1, "q": {}, "x": {}, "r": bad})
        problems = []
        open_progress(course, "?" + urlencode({"ccseed": seed}))
        # repaired as soon as it is read: no ending of this role-play is left
        assert not stored(page)["r"].get(SID, {}).get("e"), name
        if shown_mastery(page) != NOTHING:
            problems.append(f"mastery {shown_mastery(page)}")
        if todo(page).get(BY_ID[SID].title, "").find(words(t)["play_left"]) < 0:
            problems.append(f"the role-play is not shown as left to do: {todo(page)}")

        course.open(f"scenarios/{SID}.html")
        play = Play(page, SID).start()
        try:
            # the shortest walk to any ending; reach() checks that the ending is stored
            play.reach(rated(roleplay, "ideal", "acceptable", "poor"), settle=False)
        except AssertionError as error:
            problems.append(str(error).splitlines()[0])
        if problems:
            failures.append(f"r = {json.dumps(bad)}: " + "; ".join(problems))
    if failures:
        pytest.fail("corrupt role-play progress:\n  " + "\n  ".join(failures), pytrace=False)


def test_stored_answers_the_quiz_rejects_do_not_count(page: Page, course: Course, t) -> None:
    """Answers the quiz ignores as impossible (outdated or corrupt) are not progress either."""
    page.context.add_init_script(SEED)
    bad = {key: {"a": [99], "ok": True} for key in keys(SID)}  # no such option
    seed = json.dumps({"v": 1, "q": bad, "x": {}, "r": {}})
    course.open(f"scenarios/{SID}.html?" + urlencode({"ccseed": seed}))
    expect(page.locator(".cc-q--done")).to_have_count(0)  # the quiz ignores them

    open_progress(course)
    shown = {"mastery": shown_mastery(page), "todo": todo(page).get(BY_ID[SID].title)}
    wanted = {
        "mastery": NOTHING,
        "todo": ", ".join(
            [words(t)["questions_left"].format(count=len(keys(SID))), words(t)["play_left"]]
        ),
    }
    assert shown == wanted, "the progress page counts answers the quiz itself ignores"
