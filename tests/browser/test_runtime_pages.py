"""What each kind of page really loads of our runtime, and how much (gzipped)."""

from __future__ import annotations

import gzip

import pytest
from conftest import Course
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

BUDGET = 8 * 1024  # our JS + CSS on any page, gzipped
OURS = "assets/carecourse/"


def loaded(page: Page, base: str) -> dict[str, int]:
    """Our JS and CSS files this page loaded, with their gzipped sizes."""
    urls = page.evaluate("() => performance.getEntriesByType('resource').map((r) => r.name)")
    out = {}
    for url in urls:
        path = url.removeprefix(base).split("?")[0]
        # course.js is the course's data (course.json as a script, for file://), not code
        if path.startswith(OURS) and path.endswith((".js", ".css")) and "/vendor/" not in path \
                and path != OURS + "course.js":
            out[path.removeprefix(OURS)] = len(gzip.compress(page.request.get(url).body(), 9))
    return out


def check(course: Course, base: str, kind: str, path: str, wanted: list[str]) -> list[str]:
    course.open(path, settle=True)
    sizes = loaded(course.page, base)
    total = sum(sizes.values())
    print(f"{kind} (/{path}): {total} bytes gzipped {sizes}")
    problems = []
    if sorted(sizes) != sorted(wanted):
        problems.append(f"{kind}: loads {sorted(sizes)}, not {sorted(wanted)}")
    if total > BUDGET:
        problems.append(f"{kind}: {total} bytes of JS + CSS, gzipped (budget {BUDGET})")
    return problems


CORE = ["carecourse.css", "carecourse.js"]
SHIPPED = {
    "home": ("", [*CORE, "progress.js"]),
    "lesson": ("lesson.html", CORE),
    "scenario": ("scenarios/margarine-run.html", [*CORE, "quiz.js"]),  # the role-play: later
    "pillar": ("pillars/care.html", [*CORE, "quiz.js"]),
    "progress": ("progress.html", [*CORE, "progress.js"]),
}


def test_each_kind_of_page_loads_only_what_it_needs(course, site_url: str) -> None:
    problems = []
    for kind, (path, wanted) in SHIPPED.items():
        problems += check(course, site_url, kind, path, wanted)
    assert not problems, problems


def test_a_role_play_loads_its_module_when_it_comes_near(course, site_url: str) -> None:
    """Not at first paint (it is far down the page), but before the learner reaches it."""
    page = course.open("scenarios/margarine-run.html", settle=True)
    play = page.locator(".cc-play")
    assert "roleplay.js" not in loaded(page, site_url)
    expect(play).not_to_contain_class("cc-js")
    with page.expect_response(lambda r: r.url.split("?")[0].endswith("/roleplay.js")):
        page.evaluate("() => scrollBy(0, document.querySelector('.cc-play')"
                      ".getBoundingClientRect().top - 1.5 * innerHeight)")
    expect(play).to_contain_class("cc-js")
    assert not play.evaluate("(p) => p.getBoundingClientRect().top < innerHeight"), \
        "it was ready before it came into the window"
    assert sorted(loaded(page, site_url)) == sorted([*CORE, "quiz.js", "roleplay.js"])


def test_the_assessment_loads_no_role_play_code(exam_page, exam_url: str) -> None:
    course = Course(exam_page)
    problems = check(course, exam_url, "assessment", "assessment.html", [*CORE, "exam.js"])
    assert not problems, problems
    assert exam_page.evaluate("() => typeof window.carecourse.mod.roleplay") == "undefined"
