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
