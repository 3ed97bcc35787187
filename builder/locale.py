"""Interface strings per language, from ``builder/locales/<lang>.yaml``.

A project may add or override a language with ``locales/<lang>.yaml`` next to
``mkdocs.yml``; any key a translation lacks falls back to English.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DEFAULT_LANGUAGE = "en"
_PACKAGE_LOCALES = Path(__file__).parent / "locales"


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _read(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


@lru_cache(maxsize=32)
def ui_strings(language: str = DEFAULT_LANGUAGE, project_dir: str | None = None) -> dict[str, Any]:
    """All interface strings for ``language``, English filling any gaps."""
    dirs = [_PACKAGE_LOCALES] + ([Path(project_dir) / "locales"] if project_dir else [])
    merged: dict[str, Any] = {}
    for lang in dict.fromkeys([DEFAULT_LANGUAGE, language]):
        for d in dirs:
            merged = _merge(merged, _read(d / f"{lang}.yaml"))
    return merged
