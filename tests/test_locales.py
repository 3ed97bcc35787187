"""Every language has every interface string, with the same {placeholders}."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from builder.plural import is_counted

LOCALES = Path(__file__).resolve().parent.parent / "builder" / "locales"


def flatten(data: dict[str, Any], prefix: str = "") -> dict[str, str]:
    """Key path -> text; a counted string (its plural forms) is one key, its forms joined."""
    out: dict[str, str] = {}
    for key, value in data.items():
        if is_counted(value):
            out[f"{prefix}{key}"] = " | ".join(map(str, value.values()))
        elif isinstance(value, dict):
            out.update(flatten(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = str(value)
    return out


def load(code: str) -> dict[str, str]:
    return flatten(yaml.safe_load((LOCALES / f"{code}.yaml").read_text(encoding="utf-8")))


@pytest.mark.parametrize("code", sorted(p.stem for p in LOCALES.glob("*.yaml") if p.stem != "en"))
def test_locale_matches_english(code: str) -> None:
    en, other = load("en"), load(code)
    assert sorted(set(en) - set(other)) == [], "missing keys"
    assert sorted(set(other) - set(en)) == [], "keys English does not have"
    for key, text in en.items():
        want = set(re.findall(r"\{(\w+)\}", text))
        assert set(re.findall(r"\{(\w+)\}", other[key])) == want, key
