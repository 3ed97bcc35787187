"""What the PDFs need to know about the course, read once from ``mkdocs.yml``."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from builder.markdown import DEFAULT_CONFIGS, DEFAULT_EXTENSIONS, MarkdownConfig

if TYPE_CHECKING:
    from builder.settings import Settings

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


def pdf_settings(settings: Settings, paper: str | None = None) -> PdfSettings:
    """The PDFs' view of the course settings (``paper`` overrides the configured one)."""
    course = settings.course
    markdown = settings.markdown
    return PdfSettings(
        organisation=course.organisation.strip(),
        logo=settings.logo_path,
        site_name=settings.site_name,
        titles={code: settings.site_name_for(code) for code in settings.languages},
        version=course.course_version.strip(),
        paper=paper or course.paper,
        pass_mark=course.pass_mark,
        languages=settings.language_names,
        scenarios=settings.scenarios_dir,
        docs_dir=settings.docs_dir,
        project_dir=settings.project_dir,
        markdown_extensions=markdown.extensions,
        markdown_config={k: dict(v) for k, v in markdown.settings.items()},
        allow_raw_html=course.allow_raw_html,
    )


def settings_from_mkdocs(config_file: Path, paper: str | None = None) -> PdfSettings:
    """Read ``mkdocs.yml`` (through :func:`builder.settings.read_settings`) for the PDFs."""
    from builder.settings import SettingsError, read_settings

    try:
        return pdf_settings(read_settings(config_file), paper)
    except SettingsError as exc:
        raise PdfError(str(exc)) from None
