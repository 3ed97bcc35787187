"""`carecourse check` and `--strict` as a trainer runs them, on a guessable quiz and the course."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from builder.settings import read_settings
from tests.test_cli import copy_course, run

GUESSABLE = Path(__file__).parent / "fixtures" / "quality" / "guessable"
FILE = "scenarios/wine-list.yaml"


@pytest.fixture
def guessable(tmp_path: Path) -> Path:
    """A course whose right answers are always the second option and the longest."""
    shutil.copytree(GUESSABLE, tmp_path / "course", ignore=shutil.ignore_patterns("expected.txt"))
    return tmp_path / "course"


def lines_of(stderr: str, file: str, what: str) -> list[int]:
    return [int(m) for m in re.findall(rf"^{re.escape(file)}:(\d+):\d+: warning: [^:]+: {what}",
                                       stderr, re.MULTILINE)]


def test_check_names_the_guessable_questions_with_their_lines(guessable: Path) -> None:
    result = run("check", cwd=guessable)
    assert result.returncode == 0, "warnings alone do not fail a check"
    text = (guessable / FILE).read_text(encoding="utf-8").splitlines()
    right = [n for n, line in enumerate(text, 1) if line.strip().startswith("correct: true")]
    option_lines = [n - 1 for n in right]  # the option's text is the line above
    assert lines_of(result.stderr, FILE, "the right answer is the longest option") == option_lines
    assert lines_of(result.stderr, FILE, "the right answer is option 2, as are 6 of the 6") == (
        option_lines)
    assert "option 1: 0, option 2: 6, option 3: 0" in result.stderr
    nl = lines_of(result.stderr, "scenarios/wine-list.nl.yaml",
                  r"the right answer is the longest option, as in 6 of 6 single-choice "
                  r"questions in 'nl'")
    assert len(nl) == 2, "the translated questions are named in the translation's lines"
    assert "Traceback" not in result.stderr


def test_strict_check_fails_on_quality_warnings(guessable: Path) -> None:
    result = run("check", "--strict", cwd=guessable)
    assert result.returncode == 1
    assert FILE + ":" in result.stderr
    assert re.search(r"^carecourse: \d+ warnings \(--strict makes warnings errors\)\.$",
                     result.stderr, re.MULTILINE), result.stderr


def test_build_warns_but_builds_unless_strict(guessable: Path) -> None:
    strict = run("build", "--strict", "--no-pdf", cwd=guessable)
    assert strict.returncode == 1
    assert "the site was not built; fix the" in strict.stderr
    assert not (guessable / "site").exists()
    result = run("build", "--no-pdf", cwd=guessable)
    assert result.returncode == 0, result.stderr
    assert "the right answer is the longest option" in result.stderr
    assert (guessable / "site" / "en" / "scenarios" / "wine-list.html").is_file()


def test_questions_per_pillar_comes_from_the_assessment_setting(guessable: Path) -> None:
    config = guessable / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("      pass_mark: 75\n", "      pass_mark: 75\n"
                                   "      assessment:\n        questions_per_pillar: 1\n"),
                      encoding="utf-8")
    assert read_settings(config).course.assessment.questions_per_pillar == 1
    result = run("check", cwd=guessable)
    assert "the final assessment draws 1 'care' question per attempt" in result.stderr


def test_shipped_course_passes_strict_check(tmp_path: Path) -> None:
    """Issue 8: the shipped course passes `check --strict`: no warning of any kind."""
    result = run("check", "--strict", cwd=copy_course(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", "the shipped scenarios must not even have warnings"
