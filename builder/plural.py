"""Counted strings: one wording per CLDR plural category of a language, chosen by Babel.

In a locale file a string that counts is a mapping keyed by the language's plural
categories, e.g. ``questions: {one: "{count} question", other: "{count} questions"}``
(Russian needs ``one``, ``few``, ``many`` and ``other``). The course's interface strings
hold it as a :class:`Counted`: a ``dict`` (so the browser gets the same mapping, for
``Intl.PluralRules``) whose ``format(count=n, ...)`` picks the form for ``n`` like a
plain string's ``format``. The CLI, which speaks English, counts with :func:`noun`.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from babel import Locale, UnknownLocaleError

CATEGORIES = ("zero", "one", "two", "few", "many", "other")  # CLDR's order


def is_counted(value: object) -> bool:
    """A mapping of plural forms (every key a CLDR category, ``other`` among them)."""
    return (isinstance(value, Mapping) and "other" in value
            and all(key in CATEGORIES for key in value))


@lru_cache(maxsize=64)
def _locale(language: str) -> Locale | None:
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return None


def categories(language: str) -> tuple[str, ...]:
    """The plural categories of ``language`` in CLDR's order (English's when Babel does
    not know the language)."""
    locale = _locale(language) or _locale("en")
    assert locale is not None
    tags = set(locale.plural_form.tags) | {"other"}
    return tuple(c for c in CATEGORIES if c in tags)


def category(language: str, n: int) -> str:
    locale = _locale(language) or _locale("en")
    assert locale is not None
    return str(locale.plural_form(n))


def language_name(language: str) -> str:
    """The language's English name for messages ("Russian"), or its code."""
    locale = _locale(language)
    name = locale.get_display_name("en") if locale is not None else None
    return name or language


class Counted(dict[str, str]):
    """A counted interface string of one language (a mapping of plural forms)."""

    def __init__(self, forms: Mapping[str, str], language: str) -> None:
        super().__init__({c: forms[c] for c in CATEGORIES if c in forms})  # CLDR's order
        self.language = language

    def form(self, n: int) -> str:
        return self.get(category(self.language, n)) or self["other"]

    def format(self, **values: Any) -> str:
        """The form for ``values["count"]``, filled in like ``str.format``."""
        n = values.get("count")
        if not isinstance(n, int) or isinstance(n, bool):
            raise TypeError("a counted string needs count=<whole number>")
        return self.form(n).format(**values)


def counted_strings(data: Mapping[str, Any], language: str) -> dict[str, Any]:
    """Interface strings with every counted mapping as a :class:`Counted` of ``language``."""
    return {key: Counted(value, language) if is_counted(value)
            else counted_strings(value, language) if isinstance(value, Mapping) else value
            for key, value in data.items()}


def noun(n: int, one: str, other: str) -> str:
    """The English word for ``n`` things (``one`` or ``other``), for the CLI's messages."""
    return one if category("en", n) == "one" else other


def count_of(n: int, one: str, other: str, *, thousands: bool = False) -> str:
    """``"1 error"``, ``"2 errors"`` (``thousands``: ``"12,000 rows"``)."""
    return (f"{n:,}" if thousands else str(n)) + " " + noun(n, one, other)
