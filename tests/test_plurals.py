"""Counted strings: the plural form Babel's CLDR rules choose, in every course language."""

from __future__ import annotations

import json

import pytest

from builder.locale import ui_strings
from builder.plural import Counted, categories, noun
from builder.render import json_attr

LANGUAGES = ["en", "nl", "ru", "tr", "it"]


def test_categories_are_babels() -> None:
    assert categories("en") == categories("nl") == categories("tr") == ("one", "other")
    assert categories("ru") == ("one", "few", "many", "other")
    assert categories("it") == ("one", "many", "other")
    assert categories("xx") == ("one", "other"), "a language Babel does not know: English's"


@pytest.mark.parametrize(("n", "expected"), [
    (1, "1 вопрос"), (2, "2 вопроса"), (4, "4 вопроса"), (5, "5 вопросов"), (11, "11 вопросов"),
    (12, "12 вопросов"), (21, "21 вопрос"), (22, "22 вопроса"), (25, "25 вопросов"),
    (101, "101 вопрос"), (111, "111 вопросов"),
])
def test_russian_counts_with_four_forms(n: int, expected: str) -> None:
    intro = ui_strings("ru")["pages"]["practise_pillar_intro"]
    assert isinstance(intro, Counted)
    assert intro.format(count=n).startswith(expected + " ")


def test_every_language_has_its_own_forms_and_no_parenthesised_plural() -> None:
    for language in LANGUAGES:
        ui = ui_strings(language)
        intro = ui["exam"]["intro"]
        assert set(intro) == set(categories(language)), language
        one, many = intro.format(count=1, pass_mark=80), intro.format(count=7, pass_mark=80)
        assert one != many and "1" in one and "7" in many, language
    english = ui_strings("en")["pages"]["practise_pillar_intro"]
    assert english.format(count=1).startswith("1 question ")
    assert english.format(count=12).startswith("12 questions ")
    assert ui_strings("it")["pages"]["practise_pillar_intro"].format(
        count=1_000_000).startswith("1000000 di domande")


def test_python_rendered_strings_hold_no_parenthesised_plural() -> None:
    """'(s)' plurals are gone from every string the Python side renders (the JS side's
    progress strings are the browser runtime's, which counts with Intl.PluralRules)."""
    for language in LANGUAGES:
        ui = ui_strings(language)
        for section in ("pages", "exam", "pdf", "site"):
            text = json.dumps(ui[section], ensure_ascii=False)
            assert "(s)" not in text and "(en)" not in text and "(ы)" not in text, language


def test_the_browser_gets_the_same_mapping() -> None:
    intro = ui_strings("ru")["exam"]["intro"]
    assert json.loads(json_attr(intro)) == dict(intro)
    assert list(json.loads(json_attr(intro))) == ["one", "few", "many", "other"]


def test_a_counted_string_needs_its_count() -> None:
    with pytest.raises(TypeError, match="count="):
        ui_strings("en")["exam"]["intro"].format(pass_mark=80)


def test_the_cli_counts_in_english() -> None:
    assert [f"{n} {noun(n, 'error', 'errors')}" for n in (0, 1, 2)] == [
        "0 errors", "1 error", "2 errors"]
