"""Options in the learner's own order: not as written, different for two learners, the
same for one learner on every reload and every page that shows the question."""

from __future__ import annotations

import pytest
from conftest import Course, _finish, _watched_context
from multilang import BY_ID
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

SID = "margarine-run"
ORDERS = """() => ({
  questions: Object.fromEntries([...document.querySelectorAll('.cc-q')].map((q) =>
    [q.dataset.ccQ, [...q.querySelectorAll('.cc-opt')].map((o) => Number(o.dataset.ccIndex))])),
  choices: Object.fromEntries([...document.querySelectorAll('.cc-step[data-cc-node]')]
    .filter((s) => s.querySelector('.cc-choices')).map((s) => [s.dataset.ccNode,
      [...s.querySelectorAll('a.cc-choice__link')].map((a) => a.textContent)]))
})"""


def orders(page: Page) -> dict:
    """The options and role-play choices as shown (the role-play's module loads when it
    comes near the window: go there first)."""
    page.locator(".cc-play").scroll_into_view_if_needed()
    expect(page.locator(".cc-play")).to_contain_class("cc-js")
    return page.evaluate(ORDERS)


def test_two_learners_see_their_own_order_which_stays(chromium, site_url: str) -> None:
    seen = []
    for _ in range(3):
        context, watch = _watched_context(chromium, site_url)
        course = Course(context.new_page())
        page = course.open(f"scenarios/{SID}.html")
        first = orders(page)
        course.reload()
        assert orders(page) == first, "the order changed on reload"
        course.open("pillars/care.html")
        on_pillar = page.evaluate(ORDERS)["questions"]
        for key, order in on_pillar.items():
            if key in first["questions"]:
                assert order == first["questions"][key], f"{key} differs on the pillar page"
        for question in BY_ID[SID].practice:
            order = first["questions"][BY_ID[SID].question_key(question)]
            n = len(question.options)
            assert sorted(order) == list(range(n))
            if question.type == "ordering":
                assert order not in (list(range(n)), list(range(n))[::-1]), order
        seen.append(first)
        _finish(context, watch)
    assert seen[0] != seen[1] or seen[1] != seen[2], "three learners, one order"
    for part in ("questions", "choices"):
        assert len({repr(s[part]) for s in seen}) > 1, f"every learner sees the same {part}"
