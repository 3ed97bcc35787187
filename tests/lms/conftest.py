"""The LMS tests: packages made by the real command from a fixture course (two languages,
practice and exam-only questions, a role-play), unzipped and served from 127.0.0.1, run in
Debian's Chromium under scorm-again (the LMS runtime) or against Ralph (a real LRS).
Nothing is skipped: a missing Chromium or npm tool fails the run."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright

from tests.lms.server import serve

REPO = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).parent / "fixtures" / "course"
SCORM_AGAIN = REPO / "node_modules" / "scorm-again" / "dist"
DESKTOP = {"width": 1280, "height": 800}
OUTSIDE = re.compile(r"^(?:https?|wss?)://(?!127\.0\.0\.1(?:[:/]|$))", re.IGNORECASE)


def run_cli(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "builder.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


@dataclass(frozen=True)
class Package:
    fmt: str
    zip: Path
    root: Path  # unzipped

    def shell_data(self) -> dict[str, Any]:
        """The course tables the launch page carries."""
        return json.loads((self.root / "index.html").read_text(encoding="utf-8")
                          .split('id="cc-lms-data">', 1)[1].split("</script>", 1)[0])


@dataclass(frozen=True)
class Made:
    packages: dict[str, Package]
    output: str  # what the command printed


@pytest.fixture(scope="session")
def made(tmp_path_factory: pytest.TempPathFactory) -> Made:
    """The fixture course packaged in every format, all languages in one package each."""
    out = tmp_path_factory.mktemp("packages")
    result = run_cli("package", "-f", str(FIXTURE / "mkdocs.yml"), "--format", "scorm12",
                     "--format", "scorm2004", "--format", "cmi5", "--all-languages", "--no-pdf",
                     "--out", str(out))
    assert result.returncode == 0, result.stderr
    packages = {}
    for fmt in ("scorm12", "scorm2004", "cmi5"):
        path = out / f"fixture-course-{fmt}-all.zip"
        root = tmp_path_factory.mktemp(f"unzipped-{fmt}")
        with zipfile.ZipFile(path) as archive:
            archive.extractall(root)
        packages[fmt] = Package(fmt, path, root)
    return Made(packages, result.stderr + result.stdout)


@pytest.fixture(scope="session")
def chromium(pw: Playwright) -> Iterator[Browser]:
    exe = Path(os.environ.get("CHROMIUM") or "/usr/bin/chromium")
    if not exe.is_file():
        pytest.fail(f"Chromium not found at {exe}; install it or set CHROMIUM", pytrace=False)
    browser = pw.chromium.launch(executable_path=str(exe),
                                 args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
    yield browser
    browser.close()


@dataclass
class Watch:
    """Errors and outside requests seen by a browser context (none are allowed)."""

    problems: list[str] = field(default_factory=list)

    def allow_missing(self, fragment: str) -> None:
        """404s for URLs containing ``fragment`` are expected (with the console line each)."""
        missing = [p for p in self.problems if p.startswith("HTTP 404: ") and fragment in p]
        console = [p for p in self.problems if p.startswith("console error: Failed to load "
                                                             "resource") and "404" in p]
        assert len(console) >= len(missing)
        for p in missing + console[:len(missing)]:
            self.problems.remove(p)

    def check(self) -> None:
        assert not self.problems, "the browser reported problems:\n  " + "\n  ".join(
            self.problems)


def watched(browser: Browser, base: str, *, block: bool = True) -> tuple[BrowserContext, Watch]:
    """A context that records errors and requests to other hosts. ``block=False`` records
    them without intercepting requests: interception aborts keepalive requests that are
    still running when a page closes (which is when cmi5's last statements are sent)."""
    if not SCORM_AGAIN.is_dir():
        pytest.fail("scorm-again not found: run `npm ci`", pytrace=False)
    context = browser.new_context(viewport=DESKTOP, base_url=base)
    context.set_default_timeout(8_000)
    watch = Watch()

    def on_page(page: Page) -> None:
        page.on("console", lambda m: watch.problems.append(f"console {m.type}: {m.text}")
                if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: watch.problems.append(f"uncaught: {e}"))

    context.on("page", on_page)
    context.on("response", lambda r: watch.problems.append(f"HTTP {r.status}: {r.url}")
               if r.status >= 400 else None)

    def outside(route) -> None:  # type: ignore[no-untyped-def]
        watch.problems.append(f"request to another host: {route.request.url}")
        route.abort()

    if block:
        context.route(OUTSIDE, outside)
    else:
        context.on("request", lambda r: watch.problems.append(f"request to another host: {r.url}")
                   if OUTSIDE.match(r.url) else None)
    return context, watch


@pytest.fixture(scope="session")
def lms_url(made: Made) -> Iterator[str]:
    """The test LMS (harness.html + scorm-again) and the unzipped packages, on 127.0.0.1."""
    mounts = {f"/{fmt}/": pkg.root for fmt, pkg in made.packages.items()}
    mounts["/scorm-again/"] = SCORM_AGAIN
    mounts["/harness/"] = Path(__file__).parent
    with serve(mounts) as base:
        yield base
