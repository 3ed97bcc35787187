"""A project's locales/<lang>.yaml: every mistake a clear message, never a traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from builder.locale import locale_problems, ui_strings
from builder.problems import errors, report
from tests.conftest import golden

REPO = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden" / "locales"
LANGUAGES = ["en", "nl", "ru", "tr", "it"]

CASES: dict[str, dict[str, bytes | str]] = {
    "yaml-error": {"nl.yaml": "pages:\n  scenarios: [Scenario's\n"},
    "invalid-utf8": {"nl.yaml": b"pages:\n  scenarios: Sc\xe9nario's\n"},
    "a-list": {"nl.yaml": "- pages\n- quiz\n"},
    "a-string": {"nl.yaml": "Scenario's\n"},
    "text-where-a-mapping-belongs": {"nl.yaml": "pages: Pagina's\nquiz:\n  check: [a, b]\n"},
    "unknown-key": {"nl.yaml": "pages:\n  scenarioos: Scenario's\nquizz:\n  check: Controleer\n"},
    "unknown-placeholder": {"nl.yaml": 'pages:\n  practise_pillar_intro:\n'
                                       '    one: "{cont} vraag"\n    other: "{count} vragen"\n'
                                       'quiz:\n  moved: "Naar {pos} van {totaal}"\n'},
    "format-tricks": {"nl.yaml": 'pages:\n  practise_pillar_intro:\n'
                                 '    one: "{count.__class__}"\n    other: "{count} vragen"\n'
                                 'quiz:\n  moved: "{pos!r} {total"\n'},
    # a counted string has exactly the plural categories Babel knows for the language
    "plural-forms": {
        "ru.yaml": 'pages:\n  practise_pillar_intro:\n    one: "{count} вопрос"\n'
                   '    other: "{count} вопроса"\n',
        "nl.yaml": 'pages:\n  practise_pillar_intro:\n    one: "{count} vraag"\n'
                   '    few: "{count} vragen"\n    other: "{count} vragen"\n',
        "tr.yaml": 'exam:\n  intro: "{count} soru"\n',
        "it.yaml": 'exam:\n  intro:\n    one: "{count} domanda"\n    many: "{count} di domande"\n'
                   '    other: "{conto} domande"\n',
        "en.yaml": 'pages:\n  practise_pillar_intro:\n    one: "{count} question"\n'
                   '    two: "{count} questions"\n    other: "{count} questions"\n'},
    "duplicate-keys": {"nl.yaml": "pages:\n  scenarios: A\n  scenarios: B\n"},
    "html": {"nl.yaml": 'pages:\n  scenarios: "<img src=x onerror=alert(1)>Scenario\'s"\n'},
    "alias": {"nl.yaml": "pages:\n  scenarios: &s Scenario's\n  pillars: *s\n"},
    "not-a-course-language": {"de.yaml": "pages:\n  scenarios: Szenarien\n",
                              "NL.yaml": "pages:\n  scenarios: Scenario's\n"},
    "empty": {"it.yaml": ""},
}


def project_with(tmp_path: Path, files: dict[str, bytes | str]) -> Path:
    (tmp_path / "locales").mkdir()
    for name, data in files.items():
        raw = data.encode("utf-8") if isinstance(data, str) else data
        (tmp_path / "locales" / name).write_bytes(raw)
    return tmp_path


@pytest.mark.parametrize("case", sorted(CASES))
def test_locale_mistake_message(case: str, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project_with(tmp_path, CASES[case]))
    problems = locale_problems(Path("."), LANGUAGES)
    assert problems, "every mistake is reported"
    golden(GOLDEN / f"{case}.txt", report(problems) + "\n")
    for p in problems:
        lines = (tmp_path / p.file).read_bytes().split(b"\n")
        assert 1 <= p.line <= len(lines) and 1 <= p.col <= len(lines[p.line - 1]) + 1, p
    # and the strings still work: broken ones fall back to English, none is HTML
    for language in LANGUAGES:
        ui = ui_strings(language, str(tmp_path))
        assert isinstance(ui["pages"], dict) and isinstance(ui["quiz"], dict)
        ui["pages"]["practise_pillar_intro"].format(count=3)
        ui["quiz"]["moved"].format(pos=1, total=2)
        assert "<img" not in ui["pages"]["scenarios"]


def test_shipped_locales_have_no_problems() -> None:
    assert locale_problems(REPO, LANGUAGES) == []


def test_check_reports_a_broken_locale(tmp_path: Path) -> None:
    for name in ("content", "scenarios"):
        shutil.copytree(REPO / name, tmp_path / name)
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    project_with(tmp_path, {"nl.yaml": "pages: [a\n", "ru.yaml": "- a\n",
                            "tr.yaml": 'quiz:\n  moved: "{x}"\n'})
    result = subprocess.run([sys.executable, "-m", "builder.cli", "check"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    for where in ("locales/nl.yaml:1:8:", "locales/ru.yaml:1:1:", "locales/tr.yaml:2:10:"):
        assert where in result.stderr, result.stderr
    assert len(errors(locale_problems(tmp_path, LANGUAGES))) == 3
