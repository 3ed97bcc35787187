"""Trainer pages in Chromium: the role-play map readable on a laptop and scrolling sideways
on a phone, accessible at 360 px, and the light or dark scheme the device asks for."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import _finish, _watched_context
from playwright.sync_api import Browser, Page, expect
from test_a11y import assert_accessible

pytestmark = pytest.mark.browser

SID = "margarine-run"
NARROW = {"width": 360, "height": 740}
LAPTOP = {"width": 1280, "height": 800}


@pytest.fixture(params=["light", "dark"])
def scheme_page(request: pytest.FixtureRequest, chromium: Browser,
                site_url: str) -> Iterator[tuple[Page, str]]:
    """A page in a fresh context whose device prefers a light or a dark scheme."""
    context, watch = _watched_context(chromium, site_url, color_scheme=request.param)
    page = context.new_page()
    yield page, request.param
    _finish(context, watch)


def open_map(page: Page) -> None:
    page.goto(f"trainers/{SID}.html")
    page.locator("details.cc-map-box summary").click()
    expect(page.locator(".cc-map-svg svg")).to_be_visible()


def test_the_map_scrolls_sideways_on_a_phone_and_fits_a_laptop(page: Page) -> None:
    page.set_viewport_size(NARROW)
    open_map(page)
    box = page.locator(".cc-map-box .cc-map-scroll")
    inner, outer = box.evaluate("(e) => [e.scrollWidth, e.clientWidth]")
    assert inner > outer * 1.5, "the map keeps a readable size and scrolls inside its box"
    page_width = page.evaluate("() => document.documentElement.scrollWidth")
    assert page_width <= NARROW["width"], "the page itself does not scroll sideways"
    box.evaluate("(e) => { e.scrollLeft = e.scrollWidth; }")
    assert box.evaluate("(e) => e.scrollLeft") > 0
    page.set_viewport_size(LAPTOP)
    inner, outer = box.evaluate("(e) => [e.scrollWidth, e.clientWidth]")
    assert inner <= outer, "on a laptop the whole map is in view"


def test_a_trainer_page_is_accessible_at_360_px(page: Page, axe_source) -> None:
    page.set_viewport_size(NARROW)
    open_map(page)
    assert_accessible(page, axe_source, f"trainers/{SID}/ with its map open")


def test_the_scheme_follows_the_device(scheme_page: tuple[Page, str]) -> None:
    page, device = scheme_page
    wanted = {"dark": "slate", "light": "default"}[device]
    page.goto(f"trainers/{SID}.html")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", wanted)
    toggle = page.locator("label.md-header__button[for^='__palette']:visible")
    expect(toggle).to_have_count(1)
    expect(toggle).to_have_attribute(
        "title", "Switch to the light theme" if wanted == "slate" else "Switch to the dark theme")
    toggle.click()  # the learner's own choice wins over the device's
    other = "default" if wanted == "slate" else "slate"
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", other)


def test_the_scenario_links_its_trainer_page_quietly(page: Page) -> None:
    page.goto(f"scenarios/{SID}.html")
    link = page.locator(".cc-for-trainers a")
    expect(link).to_have_count(1)
    expect(page.locator("details.cc-map-box")).to_have_count(0)
    quiz = page.locator(".cc-quiz").last.bounding_box()
    below = link.bounding_box()
    assert quiz and below and below["y"] > quiz["y"] + quiz["height"], "after the quiz"
    link.click()
    expect(page.locator("details.cc-map-box")).to_have_count(1)
