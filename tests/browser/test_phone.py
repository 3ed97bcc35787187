"""Answering on a phone, in every language: where the verdict and the role-play's news
appear, measured against the window (getBoundingClientRect, elementFromPoint), at 360x740
and 1280x800; ordering at 320 px; the picked answer stays readable.

The course is the five-language one built by the real CLI (conftest's
``multilang_sites``, shared with test_languages.py).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import Course
from multilang import Play, SiteBuild, path_to, rated, watched_page
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser

LANGUAGES = ["en", "nl", "ru", "tr", "it"]
SIZES = {"phone": {"width": 360, "height": 740}, "laptop": {"width": 1280, "height": 800}}
SID = "margarine-run"


@pytest.fixture(scope="session")
def site_url(multilang_sites: dict[str, SiteBuild]) -> str:
    """Overrides conftest's English-only site for this module: the full course at /."""
    return multilang_sites["/"].wait()


@pytest.fixture(params=list(SIZES))
def sized(request: pytest.FixtureRequest, chromium: Browser, site_url: str) -> Iterator[Page]:
    with watched_page(chromium, site_url, viewport=SIZES[request.param]) as page:
        yield page


# Where an element is, against the window and what is drawn over it: its box, the
# sticky header's bottom, and for five points across its middle line the element
# found there (inside it or not).
SEEN = """(e) => {
  const r = e.getBoundingClientRect();
  const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
  const y = r.top + Math.min(r.height / 2, 10);
  const hits = [0.05, 0.25, 0.5, 0.75, 0.95].map((f) => {
    const hit = document.elementFromPoint(r.left + f * r.width, y);
    return !!hit && (e.contains(hit) || hit.contains(e));
  });
  return { top: r.top, bottom: r.bottom, height: innerHeight, header, hits };
}"""


def assert_in_view(where: str, seen: dict[str, Any]) -> None:
    assert seen["header"] <= seen["top"] and seen["bottom"] <= seen["height"], (where, seen)
    assert all(seen["hits"]), f"{where}: something is drawn over it: {seen}"


# A learner taps Check with the button at the foot of the window (the worst case: the
# verdict and the options' statements grow above it) or at the top, just under the header.
AT_FOOT = "(b) => scrollBy(0, b.getBoundingClientRect().bottom - innerHeight + 4)"
AT_TOP = ("(b) => scrollBy(0, b.getBoundingClientRect().top"
          " - document.querySelector('.md-header').getBoundingClientRect().bottom - 4)")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_verdict_is_in_view_after_check(sized: Page, language: str) -> None:
    course = Course(sized)
    course.open(f"{language}/scenarios/{SID}.html", settle=True)
    keys = sized.locator(".cc-q").evaluate_all("(qs) => qs.map((q) => q.dataset.ccQ)")
    assert keys
    for i, key in enumerate(keys):
        q = course.q(key)
        course.answer(q, right=i % 2 == 0)
        q.locator(".cc-check").evaluate(AT_FOOT if i % 2 == 0 else AT_TOP)
        course.check(q)
        expect(q).to_contain_class("cc-q--done")
        seen = q.locator(".cc-q__result").evaluate(SEEN)
        assert_in_view(f"{language} {key}: the verdict", seen)
        # the button that was Check is still where the finger was: it says "Checked"
        expect(q.locator(".cc-check")).to_have_attribute("aria-disabled", "true")


READABLE = """(q) => {
  const picked = q.querySelector('.cc-opt input:checked');
  const other = q.querySelector('.cc-opt input:not(:checked)');
  const look = (i) => {
    let o = 1;
    for (let e = i; e; e = e.parentElement) o *= Number(getComputedStyle(e).opacity);
    const text = i.closest('.cc-opt').querySelector('.cc-opt__text');
    return { opacity: o, colour: getComputedStyle(text).color,
      border: getComputedStyle(i).borderTopColor };
  };
  return { picked: look(picked), other: look(other),
    ink: getComputedStyle(q.closest('article')).color };
}"""


def test_the_picked_answer_stays_readable(sized: Page) -> None:
    course = Course(sized)
    course.open(f"en/scenarios/{SID}.html")
    q = sized.locator(".cc-q:has(input[type=radio])").first
    course.answer(q, right=False)
    course.check(q)
    look = q.evaluate(READABLE)
    assert look["picked"]["opacity"] == 1, look  # not greyed out
    assert look["picked"]["colour"] == look["ink"], look  # the text in the page's ink
    assert look["picked"]["border"] != "rgba(0, 0, 0, 0)", look  # the box is drawn


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_role_play_step_is_in_view_and_not_covered(sized: Page, language: str) -> None:
    """After each choice, the new step's heading and what happened are in the window,
    under the sticky header and not under Material's "Back to top" pill; the ending's
    rating too."""
    course = Course(sized)
    course.open(f"{language}/scenarios/{SID}.html", settle=True)
    play = Play(sized, SID, language).start()
    walk = path_to(play.play, play.play.start, rated(play.play, "poor"))
    for here, there in itertools.pairwise(walk):
        play.wait_at(here, f"the steps to {here!r}")  # (choices found by where they lead)
        play.box.locator(f".cc-step--current a[data-cc-goto='{there}']").first.click()
        play.wait_at(there, f"going to {there!r}")
        sized.wait_for_timeout(400)  # the pill fades in when the page scrolled up
        step = play.box.locator(".cc-step--current")
        assert_in_view(f"{language} {there}: the heading",
                       step.locator(".cc-step__title").evaluate(SEEN))
        then = step.locator(".cc-play__then")
        if then.is_visible():
            assert_in_view(f"{language} {there}: what happened", then.evaluate(SEEN))
    rating = play.box.locator(".cc-step--current .cc-rating")
    assert_in_view(f"{language}: the ending's rating", rating.evaluate(SEEN))


STYLE = """(e) => ({ weight: Number(getComputedStyle(e).fontWeight),
  size: parseFloat(getComputedStyle(e).fontSize),
  body: parseFloat(getComputedStyle(e.closest('.cc-step')
    .querySelector('.cc-step__text')).fontSize) })"""


def test_step_titles_are_headings_not_body_text(page: Page) -> None:
    course = Course(page)
    course.open(f"en/scenarios/{SID}.html")
    play = Play(page, SID).start()
    title = play.box.locator(".cc-step--current .cc-step__title")
    expect(title).to_have_js_property("tagName", "H3")
    style = title.evaluate(STYLE)
    assert style["weight"] >= 700 and style["size"] > style["body"], style


ORDERING = """(q) => [...q.querySelectorAll('.cc-opt')].map((o) => ({
  text: o.querySelector('.cc-opt__text').getBoundingClientRect().width,
  width: o.getBoundingClientRect().width,
  overflow: o.scrollWidth > o.clientWidth,
}))"""


@pytest.mark.parametrize("language", ["en", "ru"])
def test_ordering_is_usable_at_320_px(chromium: Browser, site_url: str, language: str) -> None:
    """Each step's text takes the width of its box; the moves are buttons, by keyboard."""
    with watched_page(chromium, site_url, viewport={"width": 320, "height": 640}) as page:
        course = Course(page)
        course.open(f"{language}/scenarios/{SID}.html")
        q = page.locator(".cc-q:has(.cc-q__options--ordering)").first
        for step in q.evaluate(ORDERING):
            assert step["text"] >= 0.85 * step["width"] and not step["overflow"], step
        before = course.order(q)
        down = course.opt(q, before[0]).locator(".cc-move").last
        down.focus()
        page.keyboard.press("Enter")
        after = course.order(q)
        assert after[:2] == [before[1], before[0]], (before, after)


PLURAL = """(n) => window.carecourse.plural(
  { one: 'one', few: 'few', many: 'many', other: 'other' }, n)"""


@pytest.mark.parametrize(("language", "expected"), [
    ("ru", {1: "one", 3: "few", 5: "many", 21: "one", 1.5: "other"}),
    ("en", {1: "one", 3: "other", 0: "other"}),
    ("tr", {1: "one", 2: "other"}),
])
def test_counts_follow_the_languages_plural_rules(page: Page, language: str,
                                                  expected: dict[float, str]) -> None:
    """cc.plural: a counting text's forms by CLDR category, for the page's language; a
    text without forms is the same for every count."""
    Course(page).open(f"{language}/")
    assert {n: page.evaluate(PLURAL, n) for n in expected} == expected
    assert page.evaluate("() => window.carecourse.plural('{count} x', 4)") == "{count} x"
