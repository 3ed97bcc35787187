"""No script from a text field, a translation or an interface string runs in Chromium.

A small course whose story, title, option text, feedback, explanation, discussion,
role-play, Dutch translation and interface strings (a project ``locales/``) hold
``<script>``, event handlers, ``javascript:`` links and ``</title>`` tricks. Every
payload would set ``window.ccPwned`` or open a dialog; the test clicks through
quizzes, links, the role-play and the navigation (instant navigation on) and
asserts that neither ever happens.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import REPO, _finish, _QuietHandler, _watched_context
from playwright.sync_api import Browser, Page, expect

SITE = REPO / "tests" / "fixtures" / "site"
RUN = "window.ccPwned=(window.ccPwned||0)+1"
INLINE = (f'<img src="data:x" onerror="{RUN}"> <b onmouseover="{RUN}">b</b> '
          f"[click me](javascript:{RUN}) [click me too](JaVaScRiPt:alert(1)) "
          f'<a href="javascript:{RUN}">click me three</a>')
BLOCK = (f"<script>{RUN}</script>\n\n<iframe src=\"javascript:{RUN}\"></iframe>\n\n"
         f'<svg onload="{RUN}"></svg>\n\n<details open ontoggle="{RUN}"><summary>s</summary>'
         f"</details>\n\n{INLINE}")


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def hostile_project(root: Path) -> Path:
    shutil.copytree(SITE, root)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace(
        "features: [navigation.sections, navigation.prune]",
        "features: [navigation.instant, navigation.footer, navigation.sections, navigation.prune]"))
    soup = root / "scenarios" / "cold-soup.yaml"
    text = soup.read_text(encoding="utf-8")
    text = text.replace("title: The cold soup",
                        "title: " + _quoted(f"Cold soup</title><script>{RUN}</script> "
                                            f'<img src="data:x" onerror="{RUN}">'))
    text = text.replace("story: |\n", "story: |\n" + "".join(
        f"  {line}\n" for line in BLOCK.splitlines()), 1)
    text = text.replace("summary: A bowl of soup", "summary: " + _quoted(INLINE) + " #")
    for plain in ("Apology and action in one sentence.", "They push the plate away.",
                  "Watch the table, not just the order.", "What would you say first?",
                  "Go over and ask what is wrong.", "She leaves unhappy."):
        text = text.replace(plain, _quoted(f"{plain} {INLINE}"), 1)
    exam_only = (  # decoded and shown only after Submit: its texts must stay inert too
        "  - id: hostile-exam\n    assessment: only\n    type: single\n    pillar: recovery\n"
        f"    prompt: {_quoted('What now? ' + INLINE)}\n    options:\n"
        f"      - text: {_quoted('Listen first ' + INLINE)}\n        correct: true\n"
        f"        feedback: {_quoted('Right. ' + INLINE)}\n"
        f"      - text: {_quoted('Argue ' + INLINE)}\n"
        f"        feedback: {_quoted('No. ' + INLINE)}\n"
        "    explanation: |\n" + "".join(f"      {line}\n" for line in BLOCK.splitlines()))
    text = text.replace("quiz:\n", "quiz:\n" + exam_only, 1)
    soup.write_text(text, encoding="utf-8")
    nl = root / "scenarios" / "cold-soup.nl.yaml"
    nl.write_text(nl.read_text(encoding="utf-8").replace(
        "title: De koude soep", "title: " + _quoted(f"De koude soep <script>{RUN}</script>")
    ).replace("story: |\n", "story: |\n" + "".join(f"  {line}\n" for line in BLOCK.splitlines()),
              1), encoding="utf-8")
    (root / "locales").mkdir()
    (root / "locales" / "en.yaml").write_text(
        "pages:\n"
        f"  scenarios: {_quoted(f'Scenarios <img src=data:x onerror={RUN}>')}\n"
        f"  story: {_quoted(f'What happened [x](javascript:{RUN})')}\n"
        "exam:\n"
        "  intro:\n"  # a counted string: one form per plural category
        f"    one: {_quoted(f'{{count}} question <script>{RUN}</script>')}\n"
        f"    other: {_quoted(f'{{count}} questions <script>{RUN}</script>')}\n"
        "quiz:\n"
        f"  check: {_quoted(f'Check <b onclick={RUN}>it</b>')}\n"
        "progress:\n"
        f"  title: {_quoted(f'My progress </title><script>{RUN}</script>')}\n",
        encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = hostile_project(tmp_path_factory.mktemp("hostile") / "course")
    site_dir = root / "site"
    site_dir.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler,
                                                           directory=str(site_dir)))
    server.daemon_threads = True
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    result = subprocess.run(
        [sys.executable, "-m", "builder.cli", "build", "--no-pdf", "--site-url", base,
         "-d", str(site_dir)], cwd=root, capture_output=True, text=True, timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    if result.returncode != 0:
        server.server_close()
        pytest.fail(f"the hostile course did not build:\n{result.stderr}", pytrace=False)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()
    server.server_close()


@pytest.fixture
def watched(chromium: Browser, hostile_site: str) -> Iterator[tuple[Page, list[str]]]:
    context, watch = _watched_context(chromium, hostile_site)
    page = context.new_page()
    dialogs: list[str] = []

    def on_dialog(dialog) -> None:  # type: ignore[no-untyped-def]
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    yield page, dialogs
    _finish(context, watch)


def assert_nothing_ran(page: Page, dialogs: list[str]) -> None:
    assert page.evaluate("() => window.ccPwned") is None, page.url
    assert dialogs == [], dialogs
    live = page.evaluate("""() => [...document.querySelectorAll('*')].flatMap(el =>
        [...el.attributes].filter(a => /^on/i.test(a.name) ||
          /^\\s*javascript:/i.test(a.value)).map(a => el.tagName + ' ' + a.name))""")
    assert live == [], live


def click_everything(page: Page, dialogs: list[str]) -> None:
    for text in ("click me", "click me too", "click me three", "b"):
        for link in page.locator("article").get_by_text(text, exact=True).all()[:3]:
            for action in (link.hover, link.click):  # clicking may fold its box away
                if link.is_visible():
                    action()
                    assert_nothing_ran(page, dialogs)


@pytest.mark.parametrize("language", ["en", "nl"])
def test_no_script_runs_on_any_page(watched: tuple[Page, list[str]], language: str) -> None:
    page, dialogs = watched
    page.goto(f"{language}/")
    page.wait_for_load_state("networkidle")
    assert_nothing_ran(page, dialogs)
    for path in ("scenarios/cold-soup.html", "pillars/care.html", "pillars/recovery.html",
                 "assessment.html", "progress.html", "scenarios/warm-welcome.html",
                 "trainers/cold-soup.html", "trainers/warm-welcome.html"):
        page.goto(f"{language}/{path}")
        page.wait_for_load_state("networkidle")
        assert_nothing_ran(page, dialogs)
        click_everything(page, dialogs)
        quiz = page.locator(".cc-quiz").first
        if quiz.count():
            again = quiz.locator(".cc-q").first.locator("button.cc-again")
            if again.count() and again.is_visible():  # answered on an earlier page
                again.click()
            quiz.locator(".cc-opt input").first.check()
            quiz.locator("button.cc-check, button.cc-submit").first.click()
            if path == "assessment.html":  # the decoded feedback and explanation are on the page
                expect(quiz.locator(".cc-verdict")).to_be_visible()
                expect(quiz.locator(".cc-q__review")).to_contain_text("click me")
            assert_nothing_ran(page, dialogs)
        for summary in page.locator("article details > summary:visible").all()[:4]:
            summary.click()
        assert_nothing_ran(page, dialogs)
    assert "<script" not in page.title() and "ccPwned" not in page.title()


def test_no_script_runs_after_instant_navigation(watched: tuple[Page, list[str]]) -> None:
    page, dialogs = watched
    page.goto("en/")
    page.wait_for_load_state("networkidle")
    page.evaluate("() => { window.ccMarker = 1 }")  # survives only instant navigation
    page.locator("label.md-header__button[for='__drawer']").click()  # the phone's menu
    page.locator("nav.md-nav--primary a[href$='scenarios/cold-soup.html']").first.click()
    page.wait_for_url("**/scenarios/cold-soup.html")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("() => window.ccMarker") == 1, "instant navigation was not used"
    assert_nothing_ran(page, dialogs)
    choices = page.locator(".cc-choice__link")
    for _ in range(3):
        if choices.first.is_visible():
            choices.first.click()
        assert_nothing_ran(page, dialogs)
    for _ in range(3):  # the footer's "next" links: warm-welcome? then the assessment
        if "assessment" in page.url:
            break
        page.locator("a.md-footer__link--next").click()
        page.wait_for_load_state("networkidle")
        assert_nothing_ran(page, dialogs)
    page.wait_for_url("**/assessment.html")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("() => window.ccMarker") == 1
    assert_nothing_ran(page, dialogs)
    click_everything(page, dialogs)
