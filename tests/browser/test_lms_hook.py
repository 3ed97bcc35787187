"""The store's LMS hook (CONTRACTS.md, section 3), seen from the course side.

A page on the same origin frames the course and offers ``carecourseLms``, as the LMS
shell does: its state is the source of truth, every write is saved to it (and to
localStorage), every page view is reported.
"""

from __future__ import annotations

import json

import pytest
from conftest import Course
from playwright.sync_api import Route, expect

pytestmark = pytest.mark.browser

STATE = {"v": 2, "seed": "lmsseed123", "q": {"lost-booking/first-words": {"a": [0], "ok": True,
                                                                      "n": 0}},
         "r": {}, "x": {"done": []}}
PARENT = """<!doctype html><html lang="en"><head><title>LMS</title><script>
  window.calls = {save: [], visit: []};
  window.state = %s;
  window.carecourseLms = {
    load: () => window.state,
    save: (s) => {
      window.state = JSON.parse(JSON.stringify(s));
      window.calls.save.push(window.state);
    },
    visit: (url) => window.calls.visit.push(url),
  };
</script></head><body><main><iframe title="course" src="scenarios/lost-booking.html"
  style="width:375px;height:600px"></iframe></main></body></html>"""


def test_the_lms_is_the_source_of_truth_and_gets_every_write(exam_page, exam_url: str) -> None:
    def parent(route: Route) -> None:
        route.fulfill(content_type="text/html", body=PARENT % json.dumps(STATE))

    exam_page.route(f"{exam_url}lms.html", parent)
    exam_page.goto("lms.html")
    frame = exam_page.frame_locator("iframe")
    course_frame = exam_page.frames[1]
    course_frame.wait_for_function("() => document.querySelector('.cc-quiz.cc-js')")
    # the LMS's answer shows, though this browser's storage never had it
    expect(frame.locator('.cc-q[data-cc-q="lost-booking/first-words"]')).to_contain_class(
        "cc-q--right")
    calls = exam_page.evaluate("() => window.calls")
    assert calls["visit"] == [f"{exam_url}scenarios/lost-booking.html"]

    q = frame.locator('.cc-q[data-cc-q="lost-booking/notice-mood"]')
    for index in Course.info(q)["correct"]:
        q.locator(f'.cc-opt[data-cc-index="{index}"] input').click()
    q.locator(".cc-check").click()
    expect(q).to_contain_class("cc-q--right")
    saved = exam_page.evaluate("() => window.state")
    assert set(saved["q"]) == {"lost-booking/first-words", "lost-booking/notice-mood"}
    assert saved["seed"] == STATE["seed"]
    local = json.loads(course_frame.evaluate("() => localStorage.getItem('carecourse')"))
    assert local["q"] == saved["q"], "localStorage is written too"
