"""Interface words, dates and numbers as each language writes them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from builder.locale import ui_strings
from builder.pdf.settings import PdfSettings


def ui_for(language: str, settings: PdfSettings) -> dict[str, Any]:
    """``builder/locales/<lang>.yaml`` with the project's ``locales/`` overrides."""
    project = str(settings.project_dir) if settings.project_dir else None
    return ui_strings(language, project)


def babel_locale(language: str, ui: dict[str, Any]) -> str:
    """``pdf.date_locale`` when it belongs to ``language`` (a language without its own
    inherits English's ``en_GB``: then the language code itself is better)."""
    locale = str(ui.get("pdf", {}).get("date_locale", ""))
    return locale if locale.split("_")[0] == language.split("_")[0] else language


def format_date(value: dt.date, language: str, ui: dict[str, Any]) -> str:
    """``5 March 2025``, ``5 марта 2025 г.``, ``5 Mart 2025``..."""
    try:
        from babel.dates import format_date as babel_format

        return babel_format(value, "long", locale=babel_locale(language, ui))
    except (ImportError, ValueError, LookupError):  # no Babel, or a locale it does not know
        return value.isoformat()


def format_percent(value: float, language: str, ui: dict[str, Any]) -> str:
    """``87.5`` -> ``87.5%``, ``87,5 %``, ``%87,5``..."""
    number = f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"
    try:
        from babel.numbers import format_decimal

        number = format_decimal(round(value, 1), format="#,##0.#",
                                locale=babel_locale(language, ui))
    except (ImportError, ValueError, LookupError):
        pass
    return str(ui["pdf"].get("percent", "{value}%")).format(value=number)
