"""Every broken scenario gets a clear file:line:col message, pinned as a golden file."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.loader import load_course
from builder.problems import errors, report
from tests.conftest import golden

CASES = Path(__file__).parent / "fixtures" / "broken"


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
def test_broken_scenario_message(case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES / case)
    course = load_course(Path("scenarios"))
    assert errors(course.problems), "a broken scenario must be reported as an error"
    golden(CASES / case / "expected.txt", report(course.problems) + "\n")
    assert all(p.file.startswith("scenarios/") and p.line >= 1 for p in course.problems)


def test_every_error_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES / "many-at-once")
    course = load_course(Path("scenarios"))
    assert {p.file for p in course.problems} == {
        "scenarios/hungry-baby.yaml",
        "scenarios/margarine-run.yaml",
    }
    assert len(errors(course.problems)) == 3
