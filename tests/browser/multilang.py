"""Helpers shared by the language, role-play and course-progress browser tests.

- The full multi-language site, built with the real ``carecourse build`` CLI
  (one MkDocs build per language plus the ``index.html`` language chooser) and
  served on 127.0.0.1, at the root or under a sub-path such as ``/training/``.
- A watched page for contexts the ``page`` fixture cannot make (another base
  URL, a browser locale): the same checks, from conftest's own helpers.
- What the course content says a learner should see: role-play paths found in
  the scenario YAML, and mastery per pillar as the README defines it.

The browser-side machinery (context, error watch, ``Course``) lives in
conftest.py and is imported from there, not copied.
"""

from __future__ import annotations

import html
import itertools
import json
import os
import re
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from conftest import REPO, Strings, _finish, _QuietHandler, _watched_context
from playwright.sync_api import Browser, Locator, Page, expect

from builder.loader import load_course
from builder.locale import ui_strings
from builder.pillars import PILLAR_IDS
from builder.render import md_inline
from builder.schema import Choice, Roleplay, Scenario
from builder.translate import localize_course

BUILD_TIMEOUT_S = 300
SCENARIOS: list[Scenario] = load_course(REPO / "scenarios").scenarios
BY_ID: dict[str, Scenario] = {s.id: s for s in SCENARIOS}


# ----------------------------------------------------------------- the built site


class _PrefixHandler(_QuietHandler):
    """Serves the site directory under ``prefix`` only; anything else is a 404."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        parts = urlsplit(path)
        if not parts.path.startswith(self.prefix):
            return os.path.join(str(self.directory), "-outside-the-prefix-", "404")
        return super().translate_path("/" + parts.path[len(self.prefix) :])


@dataclass
class SiteBuild:
    """A site being built by the CLI in the background and served on its own port."""

    site_dir: Path
    prefix: str
    server: ThreadingHTTPServer
    thread: threading.Thread | None = None
    process: subprocess.Popen[str] | None = None
    ready: bool = False

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{self.prefix}"

    def wait(self) -> str:
        """Wait for the build (the first time) and return the base URL (ends with /)."""
        if not self.ready:
            assert self.process is not None
            try:
                out, _ = self.process.communicate(timeout=BUILD_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                self.process.kill()
                out, _ = self.process.communicate()
                pytest.fail(f"carecourse build timed out:\n{out}", pytrace=False)
            if self.process.returncode != 0 or not (self.site_dir / "index.html").is_file():
                pytest.fail(
                    f"carecourse build for {self.base} failed "
                    f"(exit {self.process.returncode}):\n{out}",
                    pytrace=False,
                )
            self.ready = True
        return self.base

    def close(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.communicate()
        if self.thread is not None:
            self.server.shutdown()
            self.thread.join(timeout=5)
        self.server.server_close()


def start_site(site_dir: Path, prefix: str = "/") -> SiteBuild:
    """Bind a port, then start ``carecourse build --site-url`` for exactly that address.

    The port must be known before the build: ``site_url`` decides sitemap.xml,
    hence whether Material's instant navigation works. The build runs in the
    background (it is a separate process), so two sites can build at once.
    """
    handler = type("Handler", (_PrefixHandler,), {"prefix": prefix})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(site_dir)))
    server.daemon_threads = True
    site = SiteBuild(site_dir=site_dir, prefix=prefix, server=server)
    try:
        site.process = subprocess.Popen(
            [
                sys.executable, "-m", "builder.cli", "build",
                "-f", str(REPO / "mkdocs.yml"),
                "-d", str(site_dir),
                "--site-url", site.base,
                "--no-pdf",  # the PDFs have their own tests; the pages are the same
            ],
            cwd=REPO,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        site.thread = threading.Thread(
            target=server.serve_forever, name=f"site-server{prefix}", daemon=True
        )
        site.thread.start()
    except BaseException:
        site.close()
        raise
    return site


# ------------------------------------------------------------------------ browser


@contextmanager
def watched_page(browser: Browser, base: str, **options: Any) -> Iterator[Page]:
    """A phone-sized page in a fresh context, watched exactly like the ``page`` fixture."""
    context, watch = _watched_context(browser, base, **options)
    try:
        yield context.new_page()
    except BaseException:
        context.close()  # the test's own failure says more than what the browser saw
        raise
    _finish(context, watch)


def language_strings(language: str) -> Strings:
    """The interface strings a language's site was built with."""
    return Strings(ui_strings(language, str(REPO)))


def localized(language: str) -> dict[str, Scenario]:
    """The scenarios as the ``language`` site shows them (translation over English)."""
    course = load_course(REPO / "scenarios")
    return {s.id: s for s in localize_course(course, language, "en").scenarios}


def plain(markdown: str) -> str:
    """The text a reader sees for an inline Markdown string."""
    text = html.unescape(re.sub(r"<[^>]+>", "", str(md_inline(markdown))))
    return " ".join(text.split())


def stored(page: Page) -> dict[str, Any]:
    return json.loads(page.evaluate("() => localStorage.getItem('carecourse')") or "{}")


# ---------------------------------------------------------------------- role-play


def rating_of(play: Roleplay, node: str) -> str | None:
    ending = next((e for e in play.endings if e.id == node), None)
    return ending.rating if ending else None


def path_to(play: Roleplay, start: str, goal: Callable[[str], bool]) -> list[str]:
    """The shortest walk (node ids, ``start`` first) to a node that meets ``goal``.

    Only choices are followed: endings end a walk (their recovery is a button).
    """
    choices = {p.id: [c.goto for c in p.choices] for p in play.points}
    before: dict[str, str | None] = {start: None}
    todo = deque([start])
    while todo:
        node = todo.popleft()
        if goal(node):
            walk = [node]
            while (prev := before[walk[-1]]) is not None:
                walk.append(prev)
            return walk[::-1]
        for nxt in choices.get(node, []):
            if nxt not in before:
                before[nxt] = node
                todo.append(nxt)
    raise AssertionError(f"no walk from {start!r} reaches the goal")


# ----------------------------------------------------------------------- progress


def expected_mastery(
    answers: dict[str, bool], endings: dict[str, list[str]]
) -> dict[str, int]:
    """Mastery per pillar: quiz answers plus role-play endings (README, "Progress").

    A right answer counts 1. Each scenario's role-play counts once for every pillar
    its endings train, with the best ending reached: ideal 1, acceptable 0.5, poor 0.
    ``answers`` maps question keys to right/wrong, ``endings`` scenario ids to the
    ratings reached. Rounded like JavaScript's Math.round.
    """
    value = {"ideal": 1.0, "acceptable": 0.5, "poor": 0.0}
    out: dict[str, int] = {}
    for pillar in PILLAR_IDS:
        got = total = 0.0
        for s in SCENARIOS:
            for q in s.practice:
                if q.pillar == pillar:
                    total += 1
                    got += 1 if answers.get(s.question_key(q)) else 0
            if s.roleplay and pillar in {p for e in s.roleplay.endings for p in e.pillars}:
                total += 1
                got += max((value[r] for r in endings.get(s.id, [])), default=0.0)
        out[pillar] = int(100 * got / total + 0.5) if total else 0  # Math.round
    return out


def shown_mastery(page: Page) -> dict[str, int]:
    """The percentages the progress page shows, by pillar (waits until it is drawn)."""
    page.locator(".cc-mastery__item").nth(2).wait_for(state="attached")
    items = page.locator(".cc-mastery__item").evaluate_all(
        "(lis) => lis.map((li) => [li.className, li.querySelector('strong').textContent,"
        " li.querySelector('progress').value])"
    )
    out: dict[str, int] = {}
    for cls, text, bar in items:
        pillar = re.search(r"cc-mastery--(\w+)", cls)
        pct = re.search(r":\s*(-?\d+)%$", text)
        assert pillar and pct, f"unexpected mastery item {cls!r}: {text!r}"
        assert int(pct.group(1)) == bar, f"{text!r} but the bar shows {bar}"
        out[pillar.group(1)] = int(pct.group(1))
    return out


# --------------------------------------------------------------- role-play driver

PLAY_STATE = """(box) => {
  const shown = (e) => !!e && e.getClientRects().length > 0
    && getComputedStyle(e).visibility !== 'hidden';
  const current = box.querySelector('.cc-step--current');
  const then = box.querySelector('.cc-play__then');
  const back = box.querySelector('.cc-back');
  const bar = current && current.querySelector('.cc-play__bar');
  return {
    current: current ? current.dataset.ccNode : null,
    visible: [...box.querySelectorAll('.cc-step')].filter(shown).map((s) => s.dataset.ccNode),
    focused: document.activeElement ? document.activeElement.id : null,
    live: box.querySelector('.cc-play__live').textContent,
    then: shown(then) ? then.lastChild.textContent.trim() : null,  // after "What happened:"
    back: back ? !back.disabled : null,
    bar: shown(bar),
    same: !!box.__ccSame && box.isConnected,
  };
}"""

# The role-play element a test started with is marked; if the page content is
# swapped (e.g. by Material's instant navigation following a choice link), the
# mark is gone and the role-play has started over.
MARK = "(box) => { box.__ccSame = true; }"
WHEN_AT = """([id, node]) => {
  const box = document.getElementById(id);
  if (!box) return null;
  if (!box.__ccSame) return 'replaced';
  const current = box.querySelector('.cc-step--current');
  return current && current.dataset.ccNode === node ? 'ok' : null;
}"""
SETTLE_MS = 150  # time for an unwanted page swap to show up after the last choice


class Play:
    """What a learner does with one scenario's role-play, and what they see."""

    def __init__(self, page: Page, sid: str, language: str = "en") -> None:
        self.page = page
        self.sid = sid
        play = BY_ID[sid].roleplay
        assert play is not None, f"{sid} has no role-play"
        self.play: Roleplay = play
        self.box = page.locator(f"#play-{sid}")
        self.t: dict[str, Any] = ui_strings(language, str(REPO))["roleplay"]

    def start(self) -> Play:
        """On the scenario page (already open): go to the role-play (its module loads when
        it comes near the window) and wait until it is live."""
        self.box.scroll_into_view_if_needed()
        expect(self.box).to_contain_class("cc-js")
        self.box.evaluate(MARK)
        return self

    def wait_at(self, node: str, after: str) -> None:
        """Wait until ``node`` is the current step; fail at once if the page was swapped."""
        outcome = self.page.wait_for_function(WHEN_AT, arg=[f"play-{self.sid}", node])
        if outcome.json_value() == "replaced":
            self.started_over(after)

    def started_over(self, after: str) -> None:
        pytest.fail(
            f"{self.sid}: after {after}, the page content was replaced and the role-play "
            f"started over (now at {self.current()!r}, url {self.page.url}). Material's "
            "instant navigation followed the choice link although the role-play handled "
            "the click.",
            pytrace=False,
        )

    def current(self) -> str:
        return self.box.locator(".cc-step--current").get_attribute("data-cc-node") or ""

    def state(self) -> dict[str, Any]:
        return self.box.evaluate(PLAY_STATE)

    def heading(self, node: str) -> str:
        return f"play-{self.sid}-{node}-h"

    def at(self, node: str, *, focused: bool = True, then: str | None = None) -> dict[str, Any]:
        """Assert that ``node`` is the one step shown (its heading focused, the news told)."""
        self.wait_at(node, f"going to {node!r}")
        state = self.state()
        if not state.pop("same"):
            self.started_over(f"going to {node!r}")
        assert state["visible"] == [node], f"not exactly one step shown: {state}"
        assert state["bar"], f"no Back / Start again under {node}: {state}"
        if focused:
            assert state["focused"] == self.heading(node), f"focus is not on {node}: {state}"
        assert state["then"] == then, f"what happened after the choice: {state}"
        rating = rating_of(self.play, node)
        wanted = self.t["reached"].format(rating=self.t["rating"][rating]) if rating else ""
        assert state["live"] == wanted, f"announced {state['live']!r}, wanted {wanted!r}"
        return state

    def go(self, here: str, there: str) -> Choice:
        """Click the first choice shown at ``here`` that leads to ``there`` (the choices are
        in the learner's own order, found by where they lead); the choice it was."""
        self.wait_at(here, f"the steps to {here!r}")
        link = self.box.locator(
            f".cc-step--current a.cc-choice__link[data-cc-goto='{there}']").first
        try:
            expect(link).to_be_visible(timeout=2_000)
        except AssertionError:
            self.wait_at(here, f"the steps to {here!r}")  # explains a page swap
            raise
        text = " ".join(link.inner_text().split())
        point = next(p for p in self.play.points if p.id == here)
        choice = next(c for c in point.choices if c.goto == there and plain(c.text) == text)
        link.click()
        return choice

    def walk(self, path: list[str]) -> None:
        """Follow ``path`` (its first node is the current one) by clicking its choices."""
        for here, there in itertools.pairwise(path):
            choice = self.go(here, there)
            self.at(there, then=plain(choice.feedback) if choice.feedback else None)

    def button(self, name: str) -> Locator:
        return self.box.locator(f".cc-step--current .cc-{name}")

    def ended(self, ending: str, *, settle: bool = True) -> None:
        """The ending is shown, announced and remembered, and the page stays as it is."""
        rating = rating_of(self.play, ending)
        assert rating, ending
        title = self.box.locator(".cc-step--current .cc-step__title")
        expect(title).to_contain_text(self.t["rating"][rating])
        plays = stored(self.page).get("r")
        entry = plays.get(self.sid) if isinstance(plays, dict) else None
        endings = entry.get("e") if isinstance(entry, dict) else None
        assert isinstance(endings, dict) and endings.get(ending) == rating, (
            f"{self.sid}: the ending {ending!r} ({rating}) is not remembered: r = {plays}"
        )
        if settle:
            self.page.wait_for_timeout(SETTLE_MS)
            self.wait_at(ending, f"reaching the ending {ending!r}")

    def reach(self, goal: Callable[[str], bool], *, settle: bool = True) -> list[str]:
        """From the current step, take the shortest walk to a node that meets ``goal``."""
        path = path_to(self.play, self.current(), goal)
        self.walk(path)
        if rating_of(self.play, path[-1]):
            self.ended(path[-1], settle=settle)
        return path


def rated(play: Roleplay, *ratings: str) -> Callable[[str], bool]:
    return lambda node: rating_of(play, node) in ratings
