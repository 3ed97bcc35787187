"""Translations: overlays beside each scenario, checked against the default language."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.course import load_editions
from builder.coverage import format_table
from builder.languages import alternates, with_untranslated_note
from builder.loader import load_course
from builder.problems import errors, report
from builder.settings import read_settings
from builder.translate import localize_course
from tests.conftest import golden

FIXTURE = Path(__file__).parent / "fixtures" / "site"
BROKEN = Path(__file__).parent / "fixtures" / "broken-translations"


def test_overlay_replaces_texts_and_keeps_answers() -> None:
    course = load_course(FIXTURE / "scenarios")
    nl = localize_course(course, "nl", "en")
    soup = next(s for s in nl.scenarios if s.id == "cold-soup")
    en_soup = next(s for s in course.scenarios if s.id == "cold-soup")
    assert soup.title == "De koude soep"
    assert soup.quiz[0].options[0].text.startswith("Sorry")
    assert [q.correct_indexes for q in soup.quiz] == [q.correct_indexes for q in en_soup.quiz]
    assert [q.pillar for q in soup.quiz] == [q.pillar for q in en_soup.quiz]
    # the third question has no Dutch text yet: it falls back to English, with a warning
    assert soup.quiz[2].prompt == en_soup.quiz[2].prompt
    assert nl.untranslated("cold-soup")
    cov = nl.coverage["cold-soup"]
    assert (cov.questions_translated, cov.questions) == (2, 3)
    assert cov.missing == ["quiz[2]", "roleplay"]
    assert not errors(nl.problems)
    assert "2 texts not translated yet: quiz[2], roleplay" in report(nl.problems)
    assert soup.roleplay is not None and soup.roleplay.title == "The soup is cold"


def test_missing_overlay_falls_back_with_a_warning() -> None:
    nl = localize_course(load_course(FIXTURE / "scenarios"), "nl", "en")
    welcome = next(s for s in nl.scenarios if s.id == "warm-welcome")
    assert welcome.title == "A warm welcome"
    assert nl.untranslated("warm-welcome")
    assert (
        "scenarios/warm-welcome.yaml:1:1: warning: not translated into 'nl' yet "
        "(no scenarios/warm-welcome.nl.yaml)"
    ) in report(nl.problems).replace(str(FIXTURE) + "/", "").replace("tests/fixtures/site/", "")


@pytest.mark.parametrize("case", sorted(p.name for p in BROKEN.iterdir() if p.is_dir()))
def test_inconsistent_translation_is_an_error(case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(BROKEN / case)
    course = load_course(Path("scenarios"))
    assert course.ok
    nl = localize_course(course, "nl", "en")
    assert errors(nl.problems)
    golden(BROKEN / case / "expected.txt", report(nl.problems) + "\n")


def test_coverage_table() -> None:
    editions = load_editions(read_settings(FIXTURE / "mkdocs.yml"))
    assert list(editions.editions) == ["en", "nl"]
    rows = [edition.coverage_row() for edition in editions.editions.values()]
    problems = editions.problems
    assert rows[0].complete and not rows[1].complete
    assert rows[1].questions == (2, 5)
    assert rows[1].pages == (1, 3)  # content/nl has the home page only
    assert rows[1].scenarios == (0, 2)
    table = format_table(rows, "en")
    assert table.splitlines()[0].split() == ["language", "scenarios", "pages", "questions"]
    assert "en (default)" in table and "incomplete" in table
    assert not errors(problems)


def test_shipped_translations_are_consistent(repo: Path) -> None:
    editions = load_editions(read_settings(repo / "mkdocs.yml"))
    assert list(editions.editions) == ["en", "nl", "ru", "tr", "it"]
    rows = [edition.coverage_row() for edition in editions.editions.values()]
    problems = editions.problems
    assert not errors(problems), report(problems)
    assert problems == [], "the shipped course is fully translated"
    assert [row.language for row in rows if row.complete] == ["en", "nl", "ru", "tr", "it"]


def test_language_selector_links() -> None:
    langs = {"en": "English", "nl": "Nederlands"}
    assert alternates(langs)[1] == {"name": "Nederlands", "link": "../nl/", "lang": "nl"}


def test_untranslated_note_goes_under_the_title() -> None:
    out = with_untranslated_note("# Title\n\nText.\n", "Not translated yet.")
    note = '<div class="admonition info">\n<p>Not translated yet.</p>\n</div>\n'
    assert out.startswith(f"# Title\n\n{note}")
    assert out.rstrip().endswith("Text.")
