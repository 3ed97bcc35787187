"""The final assessment of a large course: the page stays small, the pool loads on demand.

The course is bench/course_maker.py's copy of the shipped one with 150 scenarios (450
exam-only questions), English only. The bench measures the same at 1,000 scenarios
in five languages (bench/README.md).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest
from conftest import REPO, Course, built_site, set_plugin_settings, watched_page
from playwright.sync_api import Browser, Page, expect

sys.path.insert(0, str(REPO / "bench"))
from course_maker import make_course

pytestmark = pytest.mark.browser

SCENARIOS = 150
PAGE_BUDGET = 150 * 1024  # bytes, the assessment page's HTML (issue 10)
POOL = "assets/exam-pool/"


@pytest.fixture(scope="module")
def large_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = make_course(tmp_path_factory.mktemp("large") / "course", SCENARIOS)
    config = project / "mkdocs.yml"
    set_plugin_settings(config, languages={"en": "English"}, pdf=False)
    with built_site(config, tmp_path_factory.mktemp("large-site")) as base:
        yield base


@pytest.fixture
def large(chromium: Browser, large_url: str) -> Iterator[Page]:
    with watched_page(chromium, large_url) as page:
        yield page


def pool_files(page: Page) -> list[str]:
    urls = page.evaluate("() => performance.getEntriesByType('resource').map((r) => r.name)")
    return sorted(u.split(POOL, 1)[1].split("?")[0] for u in urls if POOL in u)


def drawn(page: Page) -> list[str]:
    return page.locator("#assessment .cc-quiz__questions > .cc-q").evaluate_all(
        "(qs) => qs.map((q) => q.dataset.ccQ)")


def test_a_large_assessment_page_is_small_and_an_attempt_runs(large: Page,
                                                               large_url: str) -> None:
    html = large.request.get(large_url + "assessment.html").body()
    assert len(html) <= PAGE_BUDGET, f"{len(html)} bytes"
    index = large.request.get(large_url + POOL + "index.js").text()
    assert index.count('":["') == 3 * SCENARIOS, "the pool holds every exam-only question"

    course = Course(large)
    course.open("assessment.html")
    quiz = large.locator("#assessment")
    expect(quiz.locator(".cc-submit")).to_be_visible()
    keys = drawn(large)
    assert len(keys) == 9
    files = pool_files(large)
    # the index and the files of the drawn questions (up to one per question), no more
    assert "index.js" in files and 2 <= len(files) <= 1 + len(keys), files

    # an answer survives a reload: the attempt in progress resumes with its questions
    first = quiz.locator(".cc-q").first
    if first.get_attribute("data-cc-type") != "ordering":
        first.locator("input").first.check()
    course.reload()
    expect(quiz.locator(".cc-submit")).to_be_visible()
    assert drawn(large) == keys
    if first.get_attribute("data-cc-type") != "ordering":
        expect(first.locator("input").first).to_be_checked()

    for q in quiz.locator(".cc-quiz__questions > .cc-q").all():
        if q.get_attribute("data-cc-type") != "ordering":
            q.locator("input").first.check()
    quiz.locator(".cc-submit").click()
    expect(quiz.locator(".cc-verdict")).to_be_visible()
    expect(quiz.locator(".cc-q__review")).to_have_count(9)
    stored = large.evaluate("() => JSON.parse(localStorage.getItem('carecourse')).x.done")
    assert len(stored) == 1 and stored[0]["keys"] == keys
