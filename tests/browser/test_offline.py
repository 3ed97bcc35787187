"""The course without a web server and without a network, as `carecourse build` makes it.

- opened from ``file://…/site/en/index.html``: every page of the navigation is reached,
  a quiz is answered and its progress is kept after a reload, My progress reads the
  course, search says (in the page's language) that it needs a web server;
- over http, after one visit, the service worker has the course: with the network cut,
  every page, search and a quiz still work, and the "available offline" note was shown;
- a rebuild with a changed scenario installs a new cache and deletes the old one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import PHONE, REPO, Course, _QuietHandler

pytestmark = pytest.mark.browser

SCENARIO = "scenarios/margarine-run.html"
QUESTION = "margarine-run/first-move"
SHOTS = Path(os.environ.get("CC_SHOTS", "/tmp/carecourse-shots"))
NOTES = {  # progress.offline_ready / search_needs_server, as the locales say
    lang: yaml.safe_load((REPO / "builder" / "locales" / f"{lang}.yaml").read_text("utf-8"))
    ["progress"] for lang in ("en", "ru")}


@dataclass
class Built:
    project: Path
    url: str  # the site root (language chooser), served over http

    @property
    def site(self) -> Path:
        return self.project / "site"

    def build(self) -> None:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        done = subprocess.run(
            [sys.executable, "-m", "builder.cli", "build", "--no-pdf", "--site-url", self.url],
            cwd=self.project, env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    """The shipped course, copied, built by `carecourse build` and served on 127.0.0.1."""
    project = tmp_path_factory.mktemp("offline-course")
    for name in ("content", "scenarios"):
        shutil.copytree(REPO / name, project / name)
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    (project / "site").mkdir()
    SHOTS.mkdir(parents=True, exist_ok=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 partial(_QuietHandler, directory=str(project / "site")))
    server.daemon_threads = True
    course = Built(project, f"http://127.0.0.1:{server.server_address[1]}/")
    course.build()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield course
    server.shutdown()
    server.server_close()


def problems_of(page: Page) -> list[str]:
    found: list[str] = []
    page.on("console", lambda m: found.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: found.append(str(e)))
    return found


def answer_first_question(page: Page) -> None:
    course = Course(page)
    course.wait_ready()
    q = course.q(QUESTION)
    course.answer(q, right=True)
    course.check(q)
    assert course.state(q)["ok"] is True


def nav_pages(page: Page) -> list[str]:
    """Every page the navigation leads to (absolute addresses, no anchors)."""
    hrefs = page.locator("nav.md-nav--primary a.md-nav__link[href]").evaluate_all(
        "(as) => as.map((a) => a.href.split('#')[0])")
    return sorted(set(hrefs))


def test_from_a_file_every_page_a_quiz_and_its_progress(chromium: Browser, built: Built) -> None:
    context = chromium.new_context(viewport={"width": 360, "height": 740})
    try:
        page = context.new_page()
        errors = problems_of(page)
        home = (built.site / "en" / "index.html").as_uri()
        page.goto(home)
        pages = nav_pages(page)
        assert len(pages) >= 10 and all(p.endswith(".html") for p in pages), pages
        for address in pages:
            page.goto(address)
            assert page.locator("article h1").count() == 1, f"{address}: not a course page"
            if page.locator(".cc-quiz").count():
                Course(page).wait_ready()  # the runtime started without document$
        # the language selector and the language chooser lead to pages, not folders
        selector = page.locator("a.cc-lang[hreflang=ru]").first.get_attribute("href")
        assert selector and selector.endswith(".html"), selector
        page.goto((built.site / "index.html").as_uri())
        page.wait_for_url("**/en/index.html")
        # a quiz is answered, and kept after a reload
        page.goto((built.site / "en" / SCENARIO).as_uri())
        answer_first_question(page)
        page.reload()
        Course(page).wait_ready()
        assert Course(page).state(Course(page).q(QUESTION))["ok"] is True, "progress kept"
        page.screenshot(path=str(SHOTS / "file-scenario-360.png"))
        # My progress reads the course (course.js, not a fetch)
        page.goto((built.site / "en" / "progress.html").as_uri())
        expect(page.locator(".cc-mastery").first).to_be_visible()
        assert errors == []
    finally:
        context.close()


@pytest.mark.parametrize("language", ["en", "ru"])
def test_from_a_file_search_says_it_needs_a_server(chromium: Browser, built: Built,
                                                   language: str) -> None:
    context = chromium.new_context(viewport={"width": 360, "height": 740})
    try:
        page = context.new_page()
        page.goto((built.site / language / "index.html").as_uri())
        page.wait_for_function("() => window.carecourse.mod.offline")
        page.locator("label.md-header__button[for=__search]").click()
        note = page.locator(".cc-off-note[role=status]")
        expect(note).to_have_text(NOTES[language]["search_needs_server"] +
                                  NOTES[language]["storage_close"])
        page.screenshot(path=str(SHOTS / f"file-search-{language}-360.png"))
    finally:
        context.close()


def cache_names(page: Page) -> list[str]:
    return page.evaluate("async () => (await caches.keys()).sort()")


def visit_until_cached(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_function("() => navigator.serviceWorker.controller !== null",
                           timeout=30_000)


def test_offline_after_one_visit(chromium: Browser, built: Built) -> None:
    context = chromium.new_context(viewport={"width": 360, "height": 740}, base_url=built.url)
    context.set_default_timeout(10_000)
    try:
        page = context.new_page()
        errors = problems_of(page)
        visit_until_cached(page, "en/index.html")
        note = page.locator(".cc-off-note[role=status]")
        expect(note).to_have_text(NOTES["en"]["offline_ready"] + NOTES["en"]["storage_close"])
        page.screenshot(path=str(SHOTS / "offline-note-360.png"))
        pages = nav_pages(page)
        assert errors == []
        context.set_offline(True)
        for address in pages:
            page.goto(address)
            assert page.locator("article h1").count() == 1, f"{address}: not there offline"
        page.goto(f"{built.url}en/{SCENARIO}")
        answer_first_question(page)
        # search: Material's worker and the index come from the cache too
        page.locator("label.md-header__button[for=__search]").click()
        field = page.locator("input.md-search__input")
        field.fill("margarine")
        field.press("End")  # Material searches on keyup
        expect(page.locator(".md-search-result__item").first).to_be_visible()
        page.goto("en/index.html")
        expect(note).to_have_count(0)  # said once per version
    finally:
        context.close()


def test_a_changed_course_replaces_the_old_cache(chromium: Browser, built: Built) -> None:
    context = chromium.new_context(viewport=PHONE, base_url=built.url)
    context.set_default_timeout(10_000)
    try:
        page = context.new_page()
        visit_until_cached(page, "en/index.html")
        before = cache_names(page)
        assert len(before) == 1, before
        source = built.project / "scenarios" / "margarine-run.yaml"
        text = source.read_text(encoding="utf-8")
        edited = text.replace("title: The margarine run", "title: The margarine run (edited)")
        source.write_text(edited, encoding="utf-8")
        built.build()
        page.evaluate("async () => (await navigator.serviceWorker.ready).update()")
        for _ in range(300):  # the new worker installs, then deletes the old cache
            after = cache_names(page)
            if len(after) == 1 and after != before:
                break
            page.wait_for_timeout(100)
        assert len(after) == 1 and after != before, (before, after)
        context.set_offline(True)
        page.goto(f"en/{SCENARIO}")
        expect(page.locator("article")).to_contain_text("The margarine run (edited)")
    finally:
        context.close()
