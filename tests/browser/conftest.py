"""Real-browser tests of the built course site.

One Chromium per session; a fresh context (so an empty localStorage) per test.
The site is built once from the repository's own mkdocs.yml and served on
127.0.0.1, with ``site_url`` set to that exact address so that Material's
instant navigation is active (it only intercepts links listed in sitemap.xml).

Nothing here is ever skipped: a missing Chromium or axe-core fails the run,
because CI must provide them.
"""

from __future__ import annotations

import os
import re
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Locator,
    Page,
    Playwright,
    Request,
    Response,
    Route,
    expect,
)

REPO = Path(__file__).resolve().parents[2]
EXAM_FIXTURE = REPO / "tests" / "fixtures" / "exam"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 375, "height": 667}
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
TIMEOUT_MS = 5_000
# any http(s)/ws(s) URL whose host is not 127.0.0.1
OUTSIDE = re.compile(r"^(?:https?|wss?)://(?!127\.0\.0\.1(?:[:/]|$))", re.IGNORECASE)


def chromium_path() -> Path:
    return Path(os.environ.get("CHROMIUM") or "/usr/bin/chromium")


# --------------------------------------------------------------------------- site


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def with_settings(config_file: Path, folder: Path, **plugin: Any) -> Path:
    """A copy of the course in ``folder`` whose mkdocs.yml has ``plugin`` as carecourse
    settings (the plugin reads its settings from the file, as every command does)."""
    project = config_file.parent
    for name in ("scenarios", "content"):
        shutil.copytree(project / name, folder / name)
    copy = folder / "mkdocs.yml"
    shutil.copy(config_file, copy)
    set_plugin_settings(copy, **plugin)
    return copy


def set_plugin_settings(config_file: Path, **plugin: Any) -> None:
    """Add ``plugin`` to the carecourse settings of ``config_file``, in place."""
    data = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    block = next(p["carecourse"] for p in data["plugins"]
                 if isinstance(p, dict) and "carecourse" in p)
    block.update(plugin)
    config_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                           encoding="utf-8")


@contextmanager
def built_site(config_file: Path, site_dir: Path) -> Iterator[str]:
    """Build a course with MkDocs (and the carecourse plugin) and serve it; yields the
    base URL (ends with /)."""
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    # Bind first: the port must be known before the build, because site_url
    # (hence sitemap.xml, hence instant navigation) depends on it.
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(site_dir)))
    server.daemon_threads = True
    port = server.server_address[1]
    base = f"http://127.0.0.1:{port}/"
    try:
        cfg = load_config(str(config_file), site_dir=str(site_dir), site_url=base)
        build(cfg)
    except BaseException:
        server.server_close()
        raise
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The shipped course (the repository's mkdocs.yml), English."""
    with built_site(REPO / "mkdocs.yml", tmp_path_factory.mktemp("site")) as base:
        yield base


@pytest.fixture(scope="session")
def exam_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A course with exam-only questions (tests/fixtures/exam): 4 per pillar, 2 drawn per
    pillar, 3 attempts, answers revealed after a pass."""
    with built_site(EXAM_FIXTURE / "mkdocs.yml", tmp_path_factory.mktemp("exam-site")) as base:
        yield base


@pytest.fixture(scope="session")
def multilang_sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """The five-language course built by the real CLI, once for every module that
    overrides ``site_url`` with it. Both builds start at once (separate processes): at
    the root and in /training/."""
    from multilang import start_site  # multilang imports this module

    root = tmp_path_factory.mktemp("multilang")
    sites: dict[str, Any] = {}
    try:
        sites["/"] = start_site(root / "site")
        sites["/training/"] = start_site(root / "training-site", "/training/")
        yield sites
    finally:
        for site in sites.values():
            site.close()


# ------------------------------------------------------------------------ browser


@pytest.fixture(scope="session")
def chromium(pw: Playwright) -> Iterator[Browser]:
    exe = chromium_path()
    if not exe.is_file():
        pytest.fail(
            f"Chromium not found at {exe}. Install it (Debian: apt-get install chromium) "
            "or set CHROMIUM to its path. Browser tests are never skipped.",
            pytrace=False,
        )
    browser = pw.chromium.launch(executable_path=str(exe), args=LAUNCH_ARGS)
    yield browser
    browser.close()


@dataclass
class Watch:
    """What a context did that a test must not allow: errors and outside requests."""

    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return (
            [f"console error: {m}" for m in self.console_errors]
            + [f"failed request: {r}" for r in self.failed_requests]
            + [f"request to another host: {u}" for u in self.outside_requests]
        )


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "javascript"):
        return True
    return parts.hostname == "127.0.0.1"


def _watched_context(
    browser: Browser, base: str, **options: object
) -> tuple[BrowserContext, Watch]:
    context = browser.new_context(base_url=base, **{"viewport": PHONE, **options})
    context.set_default_timeout(TIMEOUT_MS)
    watch = Watch()

    def on_console(msg: ConsoleMessage) -> None:
        if msg.type == "error":
            loc = msg.location
            watch.console_errors.append(f"{msg.text} ({loc.get('url')}:{loc.get('lineNumber')})")

    def on_page_error(error: Exception) -> None:
        watch.console_errors.append(f"uncaught: {error}")

    def on_failed(request: Request) -> None:
        # ERR_ABORTED: cancelled by a navigation or by closing the page, not a fault.
        if _is_local(request.url) and request.failure != "net::ERR_ABORTED":
            watch.failed_requests.append(f"{request.url}: {request.failure}")

    def on_response(response: Response) -> None:
        if response.status >= 400:
            watch.failed_requests.append(f"{response.url}: HTTP {response.status}")

    def block_outside(route: Route) -> None:
        watch.outside_requests.append(route.request.url)
        route.abort()

    def on_page(page: Page) -> None:
        page.on("console", on_console)
        page.on("pageerror", on_page_error)

    context.on("page", on_page)
    context.on("requestfailed", on_failed)
    context.on("response", on_response)
    # Nothing may come from the internet: record and refuse any other host.
    # (A regular expression is matched by the driver; a Python predicate
    # would cost a round trip for every request of every page.)
    context.route(OUTSIDE, block_outside)
    return context, watch


def _finish(context: BrowserContext, watch: Watch) -> None:
    context.close()
    problems = watch.problems()
    if problems:
        pytest.fail("the browser reported problems:\n  " + "\n  ".join(problems), pytrace=False)


@contextmanager
def watched_page(browser: Browser, base: str, **options: object) -> Iterator[Page]:
    """A page in a fresh context (phone-sized unless ``options`` say otherwise), watched
    for errors: the test fails when the browser reported a problem."""
    context, watch = _watched_context(browser, base, **options)
    yield context.new_page()
    _finish(context, watch)


@pytest.fixture
def page(chromium: Browser, site_url: str) -> Iterator[Page]:
    """A phone-sized page in a fresh context (empty localStorage), watched for errors."""
    with watched_page(chromium, site_url) as page:
        yield page


@pytest.fixture(scope="session")
def waiting_exam_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The same course, with unlimited attempts 30 minutes apart, answers shown at once."""
    settings = {"questions_per_pillar": 2, "max_attempts": 0, "retry_after_minutes": 30,
                "reveal_answers": "always"}
    config = with_settings(EXAM_FIXTURE / "mkdocs.yml", tmp_path_factory.mktemp("waiting"),
                           assessment=settings)
    with built_site(config, tmp_path_factory.mktemp("waiting-exam")) as base:
        yield base


@pytest.fixture
def exam_page(chromium: Browser, exam_url: str) -> Iterator[Page]:
    """Like ``page``, on the course with exam-only questions."""
    with watched_page(chromium, exam_url) as page:
        yield page


@pytest.fixture
def nojs_page(chromium: Browser, site_url: str) -> Iterator[Page]:
    """Like ``page``, with JavaScript turned off."""
    with watched_page(chromium, site_url, java_script_enabled=False) as page:
        yield page


# ------------------------------------------------------------------------ helpers


class Course:
    """What a learner does on the course pages, in terms of the quiz HTML contract."""

    def __init__(self, page: Page) -> None:
        self.page = page

    # pages
    def open(self, path: str, *, settle: bool = False) -> Page:
        """Go to a page and wait until its quizzes are live.

        ``settle=True`` also waits for ``networkidle``: do that before clicking a
        link. Material's instant navigation ignores clicks until it has fetched
        sitemap.xml, so an early click is a full page load (about 1 run in 16).
        Quiz buttons are not links, so tests that only click them skip the wait.
        """
        self.page.goto(path)
        if settle:
            self.page.wait_for_load_state("networkidle")
        self.wait_ready()
        return self.page

    def reload(self, *, settle: bool = False) -> Page:
        self.page.reload()
        if settle:
            self.page.wait_for_load_state("networkidle")
        self.wait_ready()
        return self.page

    def wait_ready(self, quiz: str | None = None) -> None:
        """Every quiz on the page has been set up by quiz.js.

        After an instant navigation the URL changes before the content is
        swapped: pass the new page's quiz selector (e.g. ``#scenario-x``) so the
        wait does not pass on the old page.
        """
        if quiz:
            expect(
                self.page.locator(quiz), f"quiz.js did not make {quiz} interactive"
            ).to_contain_class("cc-js")
        self.page.wait_for_function(
            "() => [...document.querySelectorAll('.cc-quiz')]"
            ".every((q) => q.dataset.ccReady === '1' && q.classList.contains('cc-js'))"
        )

    # locators
    def quiz(self) -> Locator:
        return self.page.locator(".cc-quiz")

    def q(self, key: str) -> Locator:
        return self.page.locator(f'.cc-q[data-cc-q="{key}"]')

    @staticmethod
    def opt(q: Locator, index: int) -> Locator:
        return q.locator(f'.cc-opt[data-cc-index="{index}"]')

    @staticmethod
    def info(q: Locator) -> dict[str, Any]:
        """A question's type, and its options' indexes: right and wrong (sorted), as shown."""
        return q.evaluate(
            """(li) => {
              const opts = [...li.querySelectorAll('.cc-opt')];
              const idx = (os) => os.map((o) => Number(o.dataset.ccIndex));
              const sorted = (os) => idx(os).sort((a, b) => a - b);
              return {
                type: li.dataset.ccType,
                order: idx(opts),  // as shown: the learner's own order
                correct: sorted(opts.filter((o) => o.dataset.ccCorrect === 'true')),
                wrong: sorted(opts.filter((o) => o.dataset.ccCorrect === 'false')),
              };
            }"""
        )

    def correct(self, q: Locator) -> list[int]:
        return self.info(q)["correct"]

    def wrong(self, q: Locator) -> list[int]:
        return self.info(q)["wrong"]

    def order(self, q: Locator) -> list[int]:
        """The ordering steps' data-cc-index values in the order they are shown."""
        return self.info(q)["order"]

    @staticmethod
    def state(q: Locator) -> dict[str, Any]:
        """What a learner sees of one question, read in one go."""
        return q.evaluate(
            """(li) => {
              const opts = [...li.querySelectorAll('.cc-opt')];
              const shown = (e) => !!e && e.getClientRects().length > 0
                && getComputedStyle(e).visibility !== 'hidden';
              const button = li.querySelector('.cc-check');
              return {
                done: li.classList.contains('cc-q--done'),
                ok: li.classList.contains('cc-q--right') ? true
                  : li.classList.contains('cc-q--wrong') ? false : null,
                // by option index (the order on the page is the learner's own)
                verdicts: opts.filter((o) => o.dataset.ccVerdict)
                  .map((o) => [Number(o.dataset.ccIndex), o.dataset.ccVerdict])
                  .sort((a, b) => a[0] - b[0]),
                feedback: opts.filter((o) => shown(o.querySelector('.cc-opt__feedback')))
                  .map((o) => Number(o.dataset.ccIndex)).sort((a, b) => a - b),
                checked: [...li.querySelectorAll('input:checked')].map((i) => Number(i.value))
                  .sort((a, b) => a - b),
                disabled: li.querySelectorAll('.cc-q__options input:disabled').length,
                order: opts.map((o) => Number(o.dataset.ccIndex)),
                result: li.querySelector('.cc-q__result').textContent.trim(),
                open: li.querySelector('details.cc-q__explain')?.open ?? null,
                button: button ? button.textContent.trim() : null,
              };
            }"""
        )

    # actions
    def choose(self, q: Locator, indexes: list[int]) -> None:
        for i in indexes:
            self.opt(q, i).locator("input").click()

    def put_in_order(self, q: Locator, target: list[int] | None = None) -> None:
        """Move the steps with the ↑ buttons until they read ``target`` (default 0..n-1)."""
        now = self.order(q)
        target = sorted(now) if target is None else target
        for pos, index in enumerate(target):
            while (at := now.index(index)) > pos:
                self.opt(q, index).locator(".cc-move--up").click()
                now[at - 1], now[at] = now[at], now[at - 1]
        assert self.order(q) == target

    def answer(self, q: Locator, *, right: bool) -> None:
        """Give a right or a wrong answer (not yet checked)."""
        info = self.info(q)
        if info["type"] == "ordering":
            # the steps are never shown in the right order: leaving them is wrong
            if right:
                self.put_in_order(q)
            else:
                assert info["order"] != sorted(info["order"]), "already in the right order"
        elif right:
            self.choose(q, info["correct"])
        else:
            self.choose(q, info["wrong"][:1])

    def check(self, q: Locator) -> None:
        q.locator(".cc-check").click()

    def try_again(self, q: Locator) -> None:
        """The question's own "Try again" (under its explanation; Check stays "Checked")."""
        q.locator(".cc-again").click()

    def reset_quiz(self) -> None:
        """"Clear my answers to this quiz", then the confirmation it asks for."""
        self.summary().locator(".cc-reset summary").click()
        self.summary().locator(".cc-reset__yes").click()

    # reading
    def summary(self) -> Locator:
        return self.page.locator(".cc-quiz__summary")

    def storage(self) -> str | None:
        return self.page.evaluate("() => localStorage.getItem('carecourse')")


@pytest.fixture
def course(page: Page) -> Course:
    return Course(page)


class Strings:
    """The interface strings the site was built with, filled like quiz.js fills them."""

    def __init__(self, ui: dict[str, Any]) -> None:
        self.ui = ui

    def __call__(self, key: str, **values: object) -> str:
        """A quiz string, e.g. ``t("score", right=0, total=5)``."""
        return str(self.ui["quiz"][key]).format(**values)

    def pillar(self, pillar: str) -> str:
        return str(self.ui["pillars"][pillar])


@pytest.fixture(scope="session")
def t() -> Strings:
    from builder.locale import ui_strings

    return Strings(ui_strings("en", str(REPO)))  # mkdocs.yml: theme.language en


@pytest.fixture(scope="session")
def axe_source() -> Path:
    if not AXE.is_file():
        pytest.fail(
            f"axe-core not found at {AXE}. Run `npm ci` in the repository "
            "(package.json lists axe-core). Browser tests are never skipped.",
            pytrace=False,
        )
    return AXE
