"""The quiz with a keyboard only: Tab, Shift+Tab, Space, Enter and the arrow keys."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

PAGE = "scenarios/margarine-run.html"
SINGLE = "margarine-run/first-move"
MULTIPLE = "margarine-run/why-delighted"
ORDERING = "margarine-run/margarine-steps"


def focused(page: Page, selector: str) -> bool:
    return page.evaluate(
        "(s) => !!document.activeElement && document.activeElement.matches(s)", selector
    )


def tab_to(page: Page, selector: str, limit: int = 120) -> None:
    """Press Tab until the focused element matches ``selector`` (then Shift+Tab if passed)."""
    for key in ("Tab", "Shift+Tab"):
        for _ in range(limit):
            if focused(page, selector):
                return
            page.keyboard.press(key)
    raise AssertionError(f"could not reach {selector!r} with Tab / Shift+Tab")


def active(page: Page) -> dict[str, object]:
    """What has the focus: tag, classes, type, its option's index and its aria-label."""
    return page.evaluate(
        """() => {
          const e = document.activeElement;
          const opt = e.closest('.cc-opt');
          return {
            tag: e.tagName.toLowerCase(), cls: e.className, type: e.type || null,
            index: opt ? Number(opt.dataset.ccIndex) : null,
            label: e.getAttribute('aria-label'),
            question: e.closest('.cc-q')?.dataset.ccQ ?? null,
          };
        }"""
    )


def focus_ring(page: Page) -> list[str]:
    return page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth]; }"
    )


def test_choice_questions_by_keyboard(course, t) -> None:
    page = course.open(PAGE)
    single = course.q(SINGLE)
    (right,) = course.correct(single)

    # Tab from the top of the page into the first question: its first radio
    tab_to(page, f'.cc-q[data-cc-q="{SINGLE}"] input')
    now = active(page)
    assert now["type"] == "radio"
    page.keyboard.press("Space")
    for _ in range(single.locator("input").count()):
        if single.locator("input:checked").get_attribute("value") == str(right):
            break
        page.keyboard.press("ArrowDown")
    expect(single.locator("input:checked")).to_have_attribute("value", str(right))

    page.keyboard.press("Tab")
    assert active(page)["question"] == SINGLE
    assert "cc-check" in str(active(page)["cls"]), "Tab after the options should reach Check"
    assert focus_ring(page) == ["solid", "3px"], "the focused button needs a visible outline"
    page.keyboard.press("Enter")
    expect(single).to_contain_class("cc-q--right")
    expect(single.locator(".cc-q__result")).to_have_text(t("right"))
    expect(course.opt(single, right)).to_have_attribute("data-cc-verdict", "right")
    assert "cc-check" in str(active(page)["cls"]), "focus should stay on the button"

    # a multiple-choice question: Space on each right option, then Space on Check
    multiple = course.q(MULTIPLE)
    wanted = set(course.correct(multiple))
    tab_to(page, f'.cc-q[data-cc-q="{MULTIPLE}"] input')
    for _ in range(multiple.locator("input").count()):
        now = active(page)
        assert now["type"] == "checkbox"
        if now["index"] in wanted:
            page.keyboard.press("Space")
        page.keyboard.press("Tab")
    assert "cc-check" in str(active(page)["cls"])
    page.keyboard.press("Space")
    expect(multiple).to_contain_class("cc-q--right")
    expect(multiple.locator(".cc-q__result")).to_have_text(t("right"))


def test_ordering_by_keyboard(course, t) -> None:
    page = course.open(PAGE)
    q = course.q(ORDERING)
    n = q.locator(".cc-opt").count()
    shown = course.order(q)

    # the first reachable control is the first step's "move down" (its "up" is disabled)
    tab_to(page, f'.cc-q[data-cc-q="{ORDERING}"] .cc-move')
    now = active(page)
    assert "cc-move--down" in str(now["cls"])
    assert now["index"] == shown[0]
    text = course.opt(q, shown[0]).locator(".cc-opt__text").inner_text().strip()
    assert now["label"] == f"{t('move_down')}: {text}"
    assert focus_ring(page) == ["solid", "3px"], "the focused button needs a visible outline"

    # Enter moves the step; the focus moves with it, on the same button
    page.keyboard.press("Enter")
    assert course.order(q)[1] == shown[0]
    now = active(page)
    assert now["index"] == shown[0] and "cc-move--down" in str(now["cls"])
    expect(q.locator(".cc-q__result")).to_have_text(t("moved", pos=2, total=n))

    # back to the top with "up": that button becomes disabled, focus goes to "down"
    page.keyboard.press("Shift+Tab")
    now = active(page)
    assert now["index"] == shown[0] and "cc-move--up" in str(now["cls"])
    page.keyboard.press("Space")
    assert course.order(q) == shown
    now = active(page)
    assert now["index"] == shown[0] and "cc-move--down" in str(now["cls"]), now
    expect(q.locator(".cc-q__result")).to_have_text(t("moved", pos=1, total=n))

    # all the way down: at the bottom the focus lands on "up" of the same step
    for _ in range(n - 1):
        page.keyboard.press("Enter")
    assert course.order(q)[-1] == shown[0]
    now = active(page)
    assert now["index"] == shown[0] and "cc-move--up" in str(now["cls"]), now

    # now sort the steps, still by keyboard only, and check the answer
    for pos in range(n):
        here = course.order(q).index(pos)
        if here == pos:
            continue
        tab_to(page, f'.cc-q[data-cc-q="{ORDERING}"] .cc-opt[data-cc-index="{pos}"] .cc-move--up')
        for _ in range(here - pos):
            page.keyboard.press("Enter")
    assert course.order(q) == list(range(n))
    tab_to(page, f'.cc-q[data-cc-q="{ORDERING}"] .cc-check')
    page.keyboard.press("Enter")
    expect(q).to_contain_class("cc-q--right")
    expect(q.locator(".cc-q__result")).to_have_text(t("right"))


def test_results_are_announced(course) -> None:
    """Feedback text changes in aria-live regions, so screen readers announce it."""
    page = course.open(PAGE)
    for region in (".cc-q__result", ".cc-quiz__summary"):
        live = page.locator(region).evaluate_all(
            "(es) => es.map((e) => e.closest('[aria-live]')?.getAttribute('aria-live') ?? null)"
        )
        assert live, region
        assert all(v in ("polite", "assertive") for v in live), (region, live)
