"""What the PDFs need to know about the course, read once from ``mkdocs.yml``."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from builder.markdown import DEFAULT_CONFIGS, DEFAULT_EXTENSIONS, MarkdownConfig

PRINT_CSS = Path(__file__).parent / "print.css"  # the one stylesheet every PDF is printed with
PAPERS = {"a4": "A4", "letter": "Letter"}
LOGO_TYPES = (".svg", ".png", ".jpg", ".jpeg")


class PdfError(Exception):
    """A problem the trainer can fix (bad setting, invalid scenarios, unknown language)."""


def build_date() -> dt.date:
    """Today, or ``SOURCE_DATE_EPOCH`` for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


def normalise_paper(paper: str) -> str:
    found = PAPERS.get(str(paper).strip().lower())
    if found is None:
        raise PdfError(f"paper must be A4 or Letter, got {paper!r}")
    return found


@dataclass(frozen=True)
class PdfSettings:
    """Everything about the course that is not in the scenarios or content pages.

    ``languages`` maps language codes to their names, default language first;
    ``titles`` gives the course title per language (``site_name`` when missing).
    ``scenarios`` and ``docs_dir`` are relative to the project folder (or absolute);
    ``docs_dir`` is the default language's content folder, e.g. ``content/en``.
    """

    organisation: str = ""
    logo: Path | None = None
    site_name: str = "Training course"
    titles: dict[str, str] = field(default_factory=dict)
    version: str = ""
    date: dt.date = field(default_factory=build_date)
    paper: str = "A4"
    pass_mark: int = 80
    languages: dict[str, str] = field(default_factory=lambda: {"en": "English"})
    scenarios: Path = Path("scenarios")
    docs_dir: Path = Path("content/en")
    project_dir: Path | None = None  # for the project's own locales/ overrides
    markdown_extensions: tuple[str, ...] = DEFAULT_EXTENSIONS
    markdown_config: dict[str, dict[str, Any]] = field(
        default_factory=lambda: {k: dict(v) for k, v in DEFAULT_CONFIGS.items()}
    )
    allow_raw_html: bool = False  # trusted teams: raw HTML in text fields is kept

    @property
    def markdown(self) -> MarkdownConfig:
        """The Markdown of text fields, as on the site (see builder.markdown)."""
        return MarkdownConfig.from_mkdocs(self.markdown_extensions, self.markdown_config,
                                          allow_raw_html=self.allow_raw_html)

    def __post_init__(self) -> None:
        object.__setattr__(self, "paper", normalise_paper(self.paper))
        if self.logo is not None:
            logo = Path(self.logo)
            if logo.suffix.lower() not in LOGO_TYPES:
                raise PdfError(f"logo: {logo} is not an SVG or PNG file")
            object.__setattr__(self, "logo", logo)
        if not 0 <= int(self.pass_mark) <= 100:
            raise PdfError(f"pass_mark must be a percentage from 0 to 100, got {self.pass_mark}")
        if not self.languages:
            raise PdfError("no languages configured")

    @property
    def default_language(self) -> str:
        return next(iter(self.languages))

    def title(self, language: str) -> str:
        return self.titles.get(language) or self.site_name

    def check_language(self, language: str) -> str:
        if language not in self.languages:
            raise PdfError(f"'{language}' is not one of the course languages "
                           f"({', '.join(self.languages)})")
        return language


def _option(plugin_config: Any, name: str, default: Any) -> Any:
    """A plugin option, or ``default`` when this version of the plugin lacks it."""
    if plugin_config is None:
        return default
    try:
        value = getattr(plugin_config, name)
    except (AttributeError, KeyError):
        value = plugin_config.get(name, default) if hasattr(plugin_config, "get") else default
    return default if value is None else value


def settings_from_mkdocs(config_file: Path, paper: str = "A4") -> PdfSettings:
    """Read ``mkdocs.yml`` (and the carecourse plugin's options) into :class:`PdfSettings`."""
    from mkdocs.config import load_config

    from builder.languages import configured_languages, site_name_for

    config_file = Path(config_file).resolve()
    config = load_config(str(config_file))
    project = config_file.parent
    plugin = config.plugins.get("carecourse")
    options = plugin.config if plugin is not None else None
    language_setting = _option(options, "languages", {}) or {}
    languages = configured_languages(language_setting, config.theme.get("language"))
    titles = {code: site_name_for(language_setting, code) or config.site_name
              for code in languages}
    logo_setting = str(_option(options, "logo", "") or "").strip()
    logo = None
    if logo_setting:
        logo = (project / logo_setting).resolve()
        if not logo.is_relative_to(project):
            raise PdfError(f"{config_file.name}: logo: {logo_setting!r} is outside the project "
                           f"folder; copy the file into it (e.g. content/en/assets/) and "
                           "point logo: there")
        if not logo.is_file():
            raise PdfError(f"{config_file.name}: logo: {logo_setting!r} not found "
                           f"(the path is relative to {config_file.name})")
    extensions = tuple(e for e in config.markdown_extensions if isinstance(e, str))
    return PdfSettings(
        organisation=str(_option(options, "organisation", "") or "").strip(),
        logo=logo,
        site_name=config.site_name,
        titles=titles,
        version=str(_option(options, "course_version", "") or "").strip(),
        paper=paper,
        pass_mark=int(_option(options, "pass_mark", 80)),
        languages=languages,
        scenarios=project / str(_option(options, "scenarios", "scenarios")),
        docs_dir=Path(config.docs_dir),
        project_dir=project,
        markdown_extensions=extensions or DEFAULT_EXTENSIONS,
        markdown_config={k: dict(v) for k, v in (config.mdx_configs or {}).items()},
        allow_raw_html=bool(_option(options, "allow_raw_html", False)),
    )
