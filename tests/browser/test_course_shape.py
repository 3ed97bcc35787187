"""The course's shape: the path on the home page (its states, bar and continue button,
with nothing moving when they are filled in), "Scenario N of M" with the previous and the
next at the end of each scenario, a moment of completion, the assessment on My progress.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

import pytest
from conftest import Course
from multilang import BY_ID, SCENARIOS, Play, rated
from playwright.sync_api import Page, expect
from test_course_progress import SEED, answer, completed, keys, words

from builder.pillars import PILLAR_IDS

pytestmark = pytest.mark.browser

KINDS = ["lesson", *["pillar"] * len(PILLAR_IDS), *["scenario"] * len(SCENARIOS), "exam"]

PATH = """() => [...document.querySelectorAll('[data-cc-path] [data-cc-step]')].map((li) => ({
  kind: li.dataset.ccStep, key: li.dataset.ccKey, state: li.dataset.ccState || null,
  said: li.querySelector('.cc-path__state').textContent.trim(),
  href: li.querySelector('a').href }))"""

# every layout shift of the page's content since the page started (buffered), as
# Lighthouse counts them (Material's own header is not ours to judge here)
SHIFTS = """() => new Promise((done) => {
  const seen = [];
  const ours = (e) => e.sources.some((s) => s.node && document.querySelector('.md-content')
    .contains(s.node));
  new PerformanceObserver((list) => seen.push(...list.getEntries().filter(ours)
    .map((e) => e.value))).observe({ type: 'layout-shift', buffered: true });
  setTimeout(() => done(seen), 300);
})"""


def path(page: Page) -> list[dict[str, Any]]:
    page.wait_for_function("() => document.querySelector('[data-cc-path] [data-cc-state]')")
    return page.evaluate(PATH)


def seeded(course: Course, where: str, data: dict[str, Any]) -> Page:
    course.page.context.add_init_script(SEED)
    return course.open(f"{where}?{urlencode({'ccseed': json.dumps(data)})}")


def test_a_new_learner_starts_with_the_lesson(course: Course, site_url: str, t) -> None:
    page = course.open("")
    steps = path(page)
    assert [s["kind"] for s in steps] == KINDS
    assert [s["key"] for s in steps if s["kind"] == "scenario"] == [s.id for s in SCENARIOS]
    assert {s["state"] for s in steps} == {"todo"}
    assert all(words(t)["state_todo"] in s["said"] for s in steps)
    link = page.locator(".cc-continue a")
    expect(link).to_have_attribute("href", f"{site_url}lesson.html")
    assert link.inner_text().startswith(words(t)["start"].split("{")[0])
    expect(page.locator(".cc-path__bar")).to_have_js_property("value", 0)
    # filled in where the page kept space for it: nothing moved
    assert sum(page.evaluate(SHIFTS)) < 0.001


def test_the_path_follows_what_was_done(course: Course, site_url: str, t) -> None:
    page = seeded(course, "", completed(SCENARIOS[0].id))
    steps = {(s["kind"], s["key"]): s for s in path(page)}
    assert steps[("lesson", "")]["state"] == "done"
    assert steps[("scenario", SCENARIOS[0].id)]["state"] == "done"
    assert steps[("scenario", SCENARIOS[1].id)]["state"] == "todo"
    trained = {q.pillar for q in SCENARIOS[0].practice}
    for p in PILLAR_IDS:  # a pillar is done once every question on it is answered
        assert steps[("pillar", p)]["state"] == ("doing" if p in trained else "todo"), p
    assert steps[("exam", "")]["state"] == "todo"
    done = sum(s["state"] == "done" for s in steps.values())
    expect(page.locator(".cc-path__bar")).to_have_js_property("value", done)
    # the next step not done: the first pillar
    link = page.locator(".cc-continue a")
    expect(link).to_have_attribute("href", f"{site_url}pillars/{PILLAR_IDS[0]}.html")
    expect(link).to_have_text(words(t)["next_step"].format(title=t.pillar(PILLAR_IDS[0])))


def test_everything_done_says_review(course: Course, t) -> None:
    data: dict[str, Any] = {"v": 2, "seed": "abcdefgh12", "q": {}, "r": {},
                            "x": {"done": [{"keys": [], "a": {}, "ok": {}, "percent": 90,
                                            "by": {}, "passed": True, "at": 1}]}}
    for s in SCENARIOS:
        one = completed(s.id)
        data["q"].update(one["q"])
        data["r"].update(one["r"])
    page = seeded(course, "", data)
    assert {s["state"] for s in path(page)} == {"done"}
    expect(page.locator(".cc-continue a")).to_have_text(words(t)["review"])
    # My progress: the best attempt, passed, and the way to the certificate
    course.open("progress.html")
    result = page.locator(".cc-exam-result")
    expect(result).to_contain_text(words(t)["exam_best"].format(percent=90))
    expect(result.locator("a")).to_have_text(words(t)["certificate"])
    result.locator("a").click()
    page.wait_for_url("**/assessment.html")


def test_my_progress_says_the_assessment_is_not_taken(course: Course, t) -> None:
    page = course.open("progress.html")
    expect(page.locator(".cc-exam-result")).to_have_text(words(t)["exam_none"])


def test_each_scenario_ends_with_where_it_is_and_what_is_next(course: Course, site_url: str,
                                                               t) -> None:
    pages = t.ui["pages"]
    for i, s in enumerate(SCENARIOS):
        page = course.open(f"scenarios/{s.id}.html")
        end = page.locator("article nav.cc-next")
        expect(end.locator(".cc-next__where")).to_have_text(
            pages["scenario_of"].format(number=i + 1, total=len(SCENARIOS)))
        prev, nxt = end.locator("a[rel=prev]"), end.locator("a[rel=next]")
        if i:
            before = f"{site_url}scenarios/{SCENARIOS[i - 1].id}.html"
            expect(prev).to_have_attribute("href", before)
        else:
            expect(prev).to_have_count(0)
        last = i + 1 == len(SCENARIOS)
        after = "assessment.html" if last else f"scenarios/{SCENARIOS[i + 1].id}.html"
        expect(nxt).to_have_attribute("href", site_url + after)
        assert end.evaluate("(e) => !!(e.compareDocumentPosition(document.querySelector("
                            "'.cc-quiz')) & Node.DOCUMENT_POSITION_PRECEDING)"), "after the quiz"


def test_finishing_a_scenario_is_a_moment(course: Course, t) -> None:
    """The last question of a scenario (its role-play already ended) says so, politely."""
    sid = SCENARIOS[0].id
    page = course.open(f"scenarios/{sid}.html")
    play = Play(page, sid).start()
    play.reach(rated(play.play, "ideal"))
    expect(page.locator(".cc-cheer")).to_have_count(0)
    qkeys = keys(sid)
    answer(course, dict.fromkeys(qkeys[:-1], True))
    expect(page.locator(".cc-cheer")).to_have_count(0)
    answer(course, {qkeys[-1]: True})
    cheer = course.q(qkeys[-1]).locator(".cc-cheer")
    expect(cheer).to_have_attribute("role", "status")
    expect(cheer).to_contain_text(words(t)["finished_scenario"].format(title=BY_ID[sid].title))
    assert cheer.evaluate("(e) => { const r = e.getBoundingClientRect();"
                          " return r.top >= 0 && r.bottom <= innerHeight; }"), \
        "the moment is where the learner looks"
