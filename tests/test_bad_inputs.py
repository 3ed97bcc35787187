"""A corpus of careless and hostile inputs: each gets clear file:line:col messages (golden).

Every case starts from the small course in ``tests/fixtures/site`` and changes one
or two files the way a trainer or translator might; ``tests/golden/bad-inputs/``
pins what ``check`` says about it.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from builder.course import load_editions
from builder.loader import load_course
from builder.problems import Problem, report
from builder.settings import read_settings
from tests.conftest import golden

SITE = Path(__file__).parent / "fixtures" / "site"
GOLDEN = Path(__file__).parent / "golden" / "bad-inputs"
LANGUAGES = ["en", "nl", "it"]


def alias_bomb(levels: int) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


def edit(name: str, change: Callable[[str], str]) -> Callable[[Path], None]:
    def apply(scenarios: Path) -> None:
        path = scenarios / name
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    return apply


def write(name: str, data: bytes | str) -> Callable[[Path], None]:
    def apply(scenarios: Path) -> None:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        (scenarios / name).write_bytes(raw)
    return apply


def copy(source: str, target: str) -> Callable[[Path], None]:
    return lambda scenarios: shutil.copy(scenarios / source, scenarios / target)


def invalid_utf8(name: str, after: str) -> Callable[[Path], None]:
    def apply(scenarios: Path) -> None:
        path = scenarios / name
        raw = path.read_bytes()
        at = raw.index(after.encode()) + len(after)
        path.write_bytes(raw[:at] + b"\xff" + raw[at:])
    return apply


SOUP = "cold-soup.yaml"
SOUP_NL = "cold-soup.nl.yaml"
CASES: dict[str, list[Callable[[Path], None]]] = {
    "alias-bomb-in-scenario": [edit(SOUP, lambda t: t + alias_bomb(9))],
    "alias-in-translation": [edit(SOUP_NL, lambda t: t.replace(
        "setting: Een rustige lunch.", "setting: &s Een rustige lunch.\nsummary: *s"))],
    "text-too-long": [edit(SOUP, lambda t: t.replace(
        "story: |\n", "story: |\n  " + "word " * 5000 + "\n"))],
    "invalid-utf8-in-scenario": [invalid_utf8(SOUP, "feedback: That argues")],
    "invalid-utf8-in-translation": [invalid_utf8(SOUP_NL, "Excuses en actie")],
    "id-with-underscore": [edit(SOUP, lambda t: t.replace("id: cold-soup", "id: Cold_Soup", 1))],
    "quiz-is-text-in-translation": [edit(SOUP_NL, lambda t: t.replace(
        "quiz:\n  - id: first-words", "quiz: hello\nquizz:\n  - id: first-words"))],
    "duplicate-key-in-translation": [edit(SOUP_NL, lambda t: t + "title: Nog een titel\n")],
    "stray-translation-files": [copy(SOUP_NL, name) for name in (
        "cold-soup.NL.yaml", "cold-soup.xx.yaml", "cold-sop.nl.yaml", "cold-soup.en.yaml")],
    "error-here-yaml-error-in-other-translation": [
        edit("warm-welcome.yaml", lambda t: t.replace("title:", "titel:", 1)),
        write("warm-welcome.nl.yaml", "id: warm-welcome\ntitle: 'Een warm welkom\n"),
    ],
    "unclosed-quote": [edit(SOUP, lambda t: t.replace(
        "setting: A quiet lunch service.", "setting: \"A quiet lunch.", 1))],
    "translation-changes-assessment-and-fixed": [edit(SOUP_NL, lambda t: t.replace(
        "  - id: first-words\n", "  - id: first-words\n    assessment: only\n").replace(
        "        correct: true\n", "        correct: true\n        fixed: true\n", 1))],
    "empty-translation": [write(SOUP_NL, "")],
    "translation-is-a-list": [write(SOUP_NL, "- id: cold-soup\n")],
    "control-character": [edit(SOUP, lambda t: t.replace("A quiet lunch", "A quiet\x07 lunch"))],
}


def checked(root: Path) -> list[Problem]:
    """What ``check`` says about the scenarios and their translations."""
    editions = load_editions(read_settings(root / "mkdocs.yml"))
    return sorted(p for p in editions.problems if p.file.startswith("scenarios/"))


def problems_for(case: str, root: Path) -> list[Problem]:
    """The problems the case adds to those of the unchanged course (in LANGUAGES)."""
    shutil.copytree(SITE / "scenarios", root / "scenarios")
    config = (SITE / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace(
        "docs_dir: content/en", f"docs_dir: {SITE / 'content' / 'en'}").replace(
        "        nl: {name: Nederlands, site_name: Testcursus}\n",
        "        nl: {name: Nederlands, site_name: Testcursus}\n        it: Italiano\n"),
        encoding="utf-8")
    assert list(read_settings(root / "mkdocs.yml").languages) == LANGUAGES
    before = set(checked(root))
    for change in CASES[case]:
        change(root / "scenarios")
    return [p for p in checked(root) if p not in before]


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_message(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    problems = problems_for(case, tmp_path)
    assert problems, "every case must be reported"
    golden(GOLDEN / f"{case}.txt", report(problems) + "\n")
    for p in problems:
        lines = (tmp_path / p.file).read_bytes().split(b"\n")
        assert 1 <= p.line <= len(lines), p
        assert 1 <= p.col <= len(lines[p.line - 1]) + 1, p


def test_alias_bomb_is_refused_in_milliseconds(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text("id: bomb\n" + alias_bomb(10), encoding="utf-8")
    assert path.stat().st_size < 3000
    started = time.perf_counter()
    course = load_course(tmp_path)
    assert time.perf_counter() - started < 0.2
    assert "YAML aliases ('*a0') are not allowed" in report(course.problems)


def test_a_20_mb_story_is_refused_quickly(tmp_path: Path) -> None:
    text = (SITE / "scenarios" / SOUP).read_text(encoding="utf-8")
    (tmp_path / SOUP).write_text(text.replace("story: |\n", "story: |\n  " + "word " * 4_000_000
                                              + "\n"), encoding="utf-8")
    started = time.perf_counter()
    course = load_course(tmp_path)
    assert time.perf_counter() - started < 0.2
    assert "a file may have at most 1,000,000 bytes" in report(course.problems)


def test_deep_nesting_is_a_message_not_a_crash(tmp_path: Path) -> None:
    for depth in (900, 5000):
        (tmp_path / "deep.yaml").write_text("id: deep\nquiz: " + "[" * depth + "]" * depth)
        course = load_course(tmp_path)
        assert course.problems and all(p.file.endswith("deep.yaml") for p in course.problems)
