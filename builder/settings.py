"""The course settings: read once from ``mkdocs.yml``, validated, immutable.

One :class:`Settings` object holds the carecourse plugin block (``plugins: - carecourse:``)
and the MkDocs keys the course needs. Everything else (the CLI, compile, the PDFs, the
MkDocs plugin, the bench) reads settings through it; errors point into ``mkdocs.yml``::

    mkdocs.yml:27:18: plugins.carecourse.pass_mark: must be a whole number from 0 to 100, got 150
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from builder.markdown import MarkdownConfig
from builder.problems import Problem

LANGUAGE_CODE = r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$"  # BCP 47-ish: nl, pt-BR, zh-Hant
LanguageCode = Annotated[str, StringConstraints(pattern=LANGUAGE_CODE, max_length=35)]
WholeNumber = Annotated[int, Strict()]  # `true` is not a number of attempts
REPLACED = {
    "assessment_questions_per_scenario": (
        "this setting was replaced by 'assessment: {questions_per_pillar: 3}' (questions "
        "drawn per pillar from its exam-only questions); write that instead"
    ),
}


class SettingsError(Exception):
    """``mkdocs.yml`` (or a command-line override) is not usable; every problem at once."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in sorted(problems)))
        self.problems = sorted(problems)


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Language(_Frozen):
    """One course language: ``nl: {name: Nederlands, site_name: Service met zorg}``."""

    name: Annotated[str, StringConstraints(min_length=1)]
    site_name: str | None = None
    description: str | None = None  # the page's meta description in this language
    copyright: str | None = None  # the footer line in this language


class Assessment(_Frozen):
    """The final assessment (CONTRACTS.md section 1)."""

    questions_per_pillar: WholeNumber = Field(3, ge=1)
    max_attempts: WholeNumber = Field(0, ge=0)
    retry_after_minutes: WholeNumber = Field(0, ge=0)
    reveal_answers: Literal["after_pass", "always"] = "after_pass"


class CourseOptions(_Frozen):
    """The carecourse plugin block of ``mkdocs.yml``."""

    scenarios: str = "scenarios"
    pass_mark: WholeNumber = Field(80, ge=0, le=100)
    scenarios_per_section: WholeNumber = Field(25, ge=0)
    languages: dict[LanguageCode, Language] = Field(default_factory=dict)
    organisation: str = ""
    logo: str | None = None
    course_version: str = ""
    pdf: bool = True
    paper: Literal["A4", "Letter"] = "A4"
    assessment: Assessment = Field(default_factory=Assessment)
    allow_raw_html: bool = False
    offline: bool = True  # service worker + web app manifest (off in LMS packages)

    @model_validator(mode="before")
    @classmethod
    def _replaced_keys(cls, data: Any) -> Any:
        if isinstance(data, dict):
            for key, message in REPLACED.items():
                if key in data:
                    raise PydanticCustomError("carecourse", message, {"at": [key], "key": True})
        return data

    @field_validator("languages", mode="before")
    @classmethod
    def _short_form(cls, value: Any) -> Any:
        """``nl: Nederlands`` is short for ``nl: {name: Nederlands}``."""
        if isinstance(value, dict):
            return {k: {"name": v} if isinstance(v, str) else v for k, v in value.items()}
        return value

    @field_validator("course_version", mode="before")
    @classmethod
    def _version_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int | float) and not isinstance(value, bool) \
            else value

    @field_validator("paper", mode="before")
    @classmethod
    def _paper_case(cls, value: Any) -> Any:
        known = {"a4": "A4", "letter": "Letter"}
        return known.get(value.strip().lower(), value) if isinstance(value, str) else value


class Settings(BaseModel):
    """Everything about the course that is not in its scenarios, pages or locales."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    config_file: Path  # absolute
    site_name: str
    site_description: str | None = None
    site_url: str | None = None
    copyright: str | None = None
    docs_dir: Path  # absolute: the default language's pages, e.g. content/en
    site_dir: Path  # absolute
    use_directory_urls: bool = False  # True only when mkdocs.yml says so (file:// needs False)
    theme: Mapping[str, Any] = Field(default_factory=dict)
    markdown_extensions: tuple[Any, ...] = ()
    extra: Mapping[str, Any] = Field(default_factory=dict)
    extra_css: tuple[str, ...] = ()
    extra_javascript: tuple[Any, ...] = ()
    nav: Any = None
    plugins: tuple[Any, ...] | None = None  # every plugin but carecourse (None: not written)
    passthrough: Mapping[str, Any] = Field(default_factory=dict)  # other MkDocs keys, as written
    course: CourseOptions = Field(default_factory=CourseOptions)

    @property
    def project_dir(self) -> Path:
        return self.config_file.parent

    @property
    def scenarios_dir(self) -> Path:
        return (self.project_dir / self.course.scenarios).resolve()

    @property
    def locales_dir(self) -> Path:
        return self.project_dir / "locales"

    @cached_property
    def languages(self) -> dict[str, Language]:
        """Course languages in order; the first is the default."""
        if self.course.languages:
            return dict(self.course.languages)
        code = str(self.theme.get("language") or "en")
        return {code: Language(name=code)}

    @cached_property
    def markdown(self) -> MarkdownConfig:
        """The one Markdown configuration of text fields, pages and PDFs."""
        return MarkdownConfig.from_entries(self.markdown_extensions,
                                           allow_raw_html=self.course.allow_raw_html)

    @property
    def language_names(self) -> dict[str, str]:
        return {code: lang.name for code, lang in self.languages.items()}

    @property
    def default_language(self) -> str:
        return next(iter(self.languages))

    def site_name_for(self, language: str) -> str:
        return self.languages[language].site_name or self.site_name

    def description_for(self, language: str) -> str | None:
        """The meta description; a translated site never falls back to the default's words."""
        return self.languages[language].description or (
            self.site_description if language == self.default_language else None)

    def copyright_for(self, language: str) -> str | None:
        return self.languages[language].copyright or (
            self.copyright if language == self.default_language else None)

    @property
    def content_root(self) -> Path | None:
        """``content/`` when pages live in ``content/<default language>/``."""
        return self.docs_dir.parent if self.docs_dir.name == self.default_language else None

    def docs_dir_for(self, language: str) -> Path | None:
        """``content/<lang>``: the language's own pages (None when it has no folder)."""
        if language == self.default_language:
            return self.docs_dir
        root = self.content_root
        own = root / language if root is not None else None
        return own if own is not None and own.is_dir() else None

    @property
    def logo_path(self) -> Path | None:
        return (self.project_dir / self.course.logo).resolve() if self.course.logo else None

    @property
    def inputs(self) -> list[Path]:
        """Every folder and file a build reads (an output folder must stay clear of them)."""
        found = [self.config_file, self.docs_dir, self.scenarios_dir, self.locales_dir]
        if self.content_root is not None:
            found.append(self.content_root)
        custom = self.theme.get("custom_dir")
        if isinstance(custom, str):
            found.append((self.project_dir / custom).resolve())
        return found

    def mkdocs_data(self) -> dict[str, Any]:
        """A fresh copy of the MkDocs keys as written (for a generated ``mkdocs.yml``)."""
        return copy.deepcopy(dict(self.passthrough))


def read_settings(config_file: str | Path, **overrides: Any) -> Settings:
    """Read and validate ``mkdocs.yml``; raise :class:`SettingsError` with every problem."""
    from builder.settings_source import settings_from_file

    return settings_from_file(Path(config_file), overrides)
