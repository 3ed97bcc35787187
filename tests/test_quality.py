"""The quality check over whole courses: messages pinned as golden files, lines, settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.loader import load_course
from builder.problems import Problem, report
from builder.quality import failing, quality_problems, verdict
from tests.conftest import golden

CASES = Path(__file__).parent / "fixtures" / "quality"
ALL = ["en", "nl", "ru", "tr", "it"]


@pytest.mark.parametrize(("case", "languages", "per_pillar"), [
    ("flawed", ALL, 2),
    ("guessable", ["en", "nl"], 3),
])
def test_quality_messages(case: str, languages: list[str], per_pillar: int,
                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES / case)
    course = load_course(Path("scenarios"))
    assert course.ok
    problems = quality_problems(course, languages, per_pillar)
    assert problems and all(p.severity == "warning" for p in problems)
    golden(CASES / case / "expected.txt", report(problems) + "\n")


def test_every_warning_points_at_the_line_it_is_about(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES / "flawed")
    problems = quality_problems(load_course(Path("scenarios")), ALL, 2)
    assert {p.file for p in problems} == {f"scenarios/busy-terrace{s}.yaml"
                                          for s in ("", ".nl", ".ru", ".tr", ".it")}
    for p in problems:
        line = Path(p.file).read_text(encoding="utf-8").splitlines()[p.line - 1]
        key = p.path.rsplit(".", 1)[-1]
        if key in ("text", "prompt"):
            assert f"{key}: " in line[: p.col], str(p)
        elif p.path == "quiz":
            assert line[p.col - 1:].startswith("- id:") or line[p.col - 1:].startswith("id:")
        else:  # options, choices: the first item of the list
            assert line[p.col - 1:].startswith(("text:", "- text:")), str(p)


def test_a_translation_in_another_order_gets_its_own_lines(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    source = (CASES / "flawed" / "scenarios" / "busy-terrace.yaml").read_text(encoding="utf-8")
    overlay = (CASES / "flawed" / "scenarios" / "busy-terrace.nl.yaml").read_text(encoding="utf-8")
    first, second = overlay.split("  - id: the-usual\n")
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "scenarios" / "busy-terrace.yaml").write_text(source, encoding="utf-8")
    (tmp_path / "scenarios" / "busy-terrace.nl.yaml").write_text(
        "quiz:\n  - id: the-usual\n" + second + first.removeprefix("quiz:\n"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    nl = [p for p in quality_problems(load_course(Path("scenarios")), ["en", "nl"], 2)
          if p.file.endswith(".nl.yaml")]
    lines = (tmp_path / "scenarios" / "busy-terrace.nl.yaml").read_text().splitlines()
    at = {next(n for n, line in enumerate(lines, 1) if text in line): path for text, path in [
        ("Geen van bovenstaande", "quiz[0].options[3].text"),
        ("Welke van deze manieren", "quiz[1].prompt")]}
    assert {p.line: p.path for p in nl} == at


def test_untranslated_texts_are_checked_in_the_default_language_only(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES / "flawed")
    course = load_course(Path("scenarios"))
    english = quality_problems(course, ["en"], 2)
    both = quality_problems(course, ["en", "de"], 2)  # no German file: all falls back
    assert both == english


def test_strict_fails_on_warnings() -> None:
    warning = Problem("scenarios/a.yaml", 3, 5, "quiz", "a warning", "warning")
    error = Problem("scenarios/a.yaml", 1, 1, "", "an error")
    assert failing([warning], strict=False) == []
    assert failing([warning], strict=True) == [warning]
    assert verdict([error, warning], strict=False) == "1 error"
    assert verdict([warning], strict=True) == (
        "1 warning (--strict makes warnings errors)")
    assert verdict([error, warning], strict=True) == (
        "1 error and 1 warning (--strict makes warnings errors)")
