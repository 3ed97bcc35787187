"""Accessibility: axe-core at phone size on every kind of page, before and after answering."""

from __future__ import annotations

import pytest
from conftest import Course, _finish, _watched_context
from exam import Exam
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

RULESETS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
WCAG = RULESETS[:-1]  # WCAG 2.2 A and AA: nothing at all may be found
BLOCKING = {"serious", "critical"}


def axe_violations(page: Page, axe_source, tags: list[str] = RULESETS) -> list[dict]:
    page.add_script_tag(path=str(axe_source))
    return page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})).violations",
        tags,
    )


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        targets = [", ".join(map(str, n["target"])) for n in v["nodes"][:3]]
        more = f" (+{len(v['nodes']) - 3} more)" if len(v["nodes"]) > 3 else ""
        lines.append(f"- {v['id']} [{v['impact']}] {v['help']}: {'; '.join(targets)}{more}")
        lines.append(f"    {v['helpUrl']}")
        summary = (v["nodes"][0].get("failureSummary") or "").splitlines()
        lines.extend(f"    {s.strip()}" for s in summary[1:3])
    return "\n".join(lines)


def assert_accessible(page: Page, axe_source, where: str) -> None:
    found = axe_violations(page, axe_source)
    blocking = [v for v in found if v["impact"] in BLOCKING]
    if blocking:
        pytest.fail(f"axe: serious or critical problems on {where}:\n{describe(blocking)}")


PAGES = {
    "home": "",
    "lesson": "lesson.html",
    "scenario": "scenarios/margarine-run.html",
    "pillar": "pillars/care.html",
    "assessment": "assessment.html",
}


def test_pages_are_accessible(course, axe_source) -> None:
    """Every kind of page, as it first appears (one context: pages come from its cache)."""
    report = []
    for name, path in PAGES.items():
        page = course.open(path)
        blocking = [v for v in axe_violations(page, axe_source) if v["impact"] in BLOCKING]
        if blocking:
            report.append(f"{name} (/{path}):\n{describe(blocking)}")
    if report:
        pytest.fail("axe: serious or critical problems on\n" + "\n".join(report))


def test_scenario_with_feedback_is_accessible(course, axe_source) -> None:
    """Verdict colours and feedback texts appear only after answering."""
    page = course.open("scenarios/margarine-run.html")
    keys = page.locator(".cc-q").evaluate_all("(qs) => qs.map((q) => q.dataset.ccQ)")
    for i, key in enumerate(keys):
        q = course.q(key)
        course.answer(q, right=i % 2 == 0)
        course.check(q)
    # every kind of verdict (and its colours) is now on the page
    for verdict in ("right", "wrong", "missed"):
        assert page.locator(f".cc-opt[data-cc-verdict='{verdict}']").count() > 0, verdict
    assert_accessible(page, axe_source, "the scenario page with feedback shown")


def test_the_assessment_is_accessible_before_and_after_submitting(exam_page, axe_source) -> None:
    """On a course with exam-only questions: an attempt, a failed review, a passed one."""
    exam = Exam(Course(exam_page)).open()
    assert_accessible(exam_page, axe_source, "the assessment before submitting")
    exam.answer_all([i % 3 != 0 for i in range(len(exam.drawn()))])
    exam.submit()
    assert_accessible(exam_page, axe_source, "the assessment after a failed attempt")
    exam.new_attempt()
    exam.answer_all(True)
    exam.submit()
    expect(exam_page.locator(".cc-cert-offer")).to_be_visible()
    assert_accessible(exam_page, axe_source, "the assessment after a pass, with the certificate")


# Material's palette toggle (media: prefers-color-scheme) sets the scheme on <body>
SCHEME = "(s) => document.body.setAttribute('data-md-color-scheme', s)"


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_wcag_clean_at_360_px_in_both_schemes(chromium, site_url: str, axe_source,
                                              scheme: str) -> None:
    """WCAG 2.2 A/AA, every impact: the home page with its path, a scenario before and
    after answering (every kind of verdict, a role-play step, a moment of completion
    maybe), My progress; in the light scheme and the dark one."""
    context, watch = _watched_context(chromium, site_url, viewport={"width": 360, "height": 740})
    page = context.new_page()
    course = Course(page)
    report = []

    def check(where: str) -> None:
        page.evaluate(SCHEME, scheme)
        page.wait_for_timeout(300)  # Material's links change colour with a 125 ms transition
        found = axe_violations(page, axe_source, WCAG)
        if found:
            report.append(f"{where}:\n{describe(found)}")

    course.open("")
    page.locator("[data-cc-path] [data-cc-state]").first.wait_for(state="attached")
    check("home")
    course.open("scenarios/margarine-run.html")
    check("scenario before answering")
    keys = page.locator(".cc-q").evaluate_all("(qs) => qs.map((q) => q.dataset.ccQ)")
    for i, key in enumerate(keys):
        q = course.q(key)
        course.answer(q, right=i % 2 == 0)
        course.check(q)
    q = course.q(keys[0])
    q.locator(".cc-q__explain > summary").click()  # an explanation opened
    play = page.locator(".cc-play")
    play.scroll_into_view_if_needed()
    expect(play).to_contain_class("cc-js")
    play.locator(".cc-step--current .cc-choice__link").first.click()
    check("scenario after answering, a role-play step on")
    course.open("progress.html")
    page.locator(".cc-mastery").wait_for()
    check("My progress")
    _finish(context, watch)
    if report:
        pytest.fail(f"axe (WCAG 2.2 A/AA), scheme {scheme}:\n" + "\n".join(report))
