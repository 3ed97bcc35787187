from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Playwright, sync_playwright

REPO = Path(__file__).resolve().parent.parent
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture(scope="session")
def pw() -> Iterator[Playwright]:
    """One Playwright for the whole run (tests/browser and tests/lms): a second sync
    Playwright cannot start while the first one runs."""
    with sync_playwright() as p:
        yield p


@pytest.fixture
def repo() -> Path:
    return REPO


def golden(path: Path, actual: str) -> None:
    """Compare with a golden file; UPDATE_GOLDEN=1 rewrites it instead."""
    if os.environ.get("UPDATE_GOLDEN") == "1" or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        if os.environ.get("UPDATE_GOLDEN") != "1":
            pytest.fail(f"golden file {path} did not exist; written now, check it in")
    assert actual == path.read_text(encoding="utf-8")


# --- the course's PDFs, rendered once per test run (test_pdf*.py share them) ----------------


@pytest.fixture(scope="session")
def course_pdf_settings():
    import datetime as dt
    from dataclasses import replace

    from builder.pdf import settings_from_mkdocs

    base = settings_from_mkdocs(REPO / "mkdocs.yml")
    return replace(base, organisation="Brasserie Test", version="1.0", date=dt.date(2025, 3, 14))


@pytest.fixture(scope="session")
def course_pdfs(tmp_path_factory: pytest.TempPathFactory, course_pdf_settings) -> list[Path]:
    """Handbook and answer key of every language, as ``make_all`` writes them."""
    from builder.pdf import make_all

    out = tmp_path_factory.mktemp("pdfs")
    return make_all(REPO, list(course_pdf_settings.languages), out, settings=course_pdf_settings)
