"""The course, compiled once: one immutable :class:`Edition` per language.

``load_editions(settings)`` reads and validates every scenario, translation, locale and
page list exactly once; the site pages, ``course.json``, the PDFs and LMS packages of a
language are all rendered from its edition.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from builder import markdown
from builder.coverage import Row, coverage_row, page_problems
from builder.loader import Course, load_course
from builder.locale import locale_problems, ui_strings
from builder.problems import Problem, errors
from builder.schema import Scenario
from builder.settings import Settings
from builder.translate import Coverage, LocalizedCourse, localize_course, stray_translations


@dataclass(frozen=True)
class SourceFile:
    """A hand-written page or image of a language's site, and where it comes from."""

    uri: str  # "pillars/care.md", relative to the content folder
    path: Path
    fallback: bool  # taken from the default language: not translated yet

    @property
    def is_page(self) -> bool:
        return self.uri.endswith(".md")


@dataclass(frozen=True)
class Edition:
    """One language of the course: everything its site, PDFs and packages show."""

    settings: Settings
    language: str
    ui: dict[str, Any]  # interface strings (builder/locales + the project's locales/)
    localized: LocalizedCourse
    files: tuple[SourceFile, ...]
    problems: tuple[Problem, ...]

    @property
    def scenarios(self) -> tuple[Scenario, ...]:
        return tuple(self.localized.scenarios)

    @property
    def coverage(self) -> Mapping[str, Coverage]:
        return MappingProxyType(self.localized.coverage)

    @property
    def is_default(self) -> bool:
        return self.language == self.settings.default_language

    @property
    def site_name(self) -> str:
        return self.settings.site_name_for(self.language)

    @property
    def pages(self) -> tuple[SourceFile, ...]:
        return tuple(f for f in self.files if f.is_page)

    def untranslated(self, scenario_id: str) -> bool:
        return self.localized.untranslated(scenario_id)

    def coverage_row(self) -> Row:
        return coverage_row(self.localized, self.settings.docs_dir,
                            self.settings.default_language)


@dataclass(frozen=True)
class Editions:
    """The validated course in every language (the default language first)."""

    settings: Settings
    course: Course
    editions: Mapping[str, Edition] = field(default_factory=dict)
    shared: tuple[Problem, ...] = ()  # locale files, stray translation files

    @property
    def problems(self) -> list[Problem]:
        found = [*self.course.problems, *self.shared]
        for edition in self.editions.values():
            found.extend(edition.problems)
        return sorted(set(found))

    @property
    def ok(self) -> bool:
        return not errors(self.problems)

    def __getitem__(self, language: str) -> Edition:
        return self.editions[language]


def _files_under(folder: Path | None) -> dict[str, Path]:
    if folder is None or not folder.is_dir():
        return {}
    return {p.relative_to(folder).as_posix(): p for p in sorted(folder.rglob("*"))
            if p.is_file() and not any(part.startswith(".") for part in
                                       p.relative_to(folder).parts)}


def source_files(settings: Settings, language: str) -> tuple[SourceFile, ...]:
    """The language's own pages and images, then the default's it lacks (as fallbacks)."""
    default = _files_under(settings.docs_dir)
    if language == settings.default_language:
        return tuple(SourceFile(uri, path, False) for uri, path in default.items())
    own = _files_under(settings.docs_dir_for(language))
    merged = [SourceFile(uri, path, False) for uri, path in own.items()]
    merged += [SourceFile(uri, path, uri.endswith(".md")) for uri, path in default.items()
               if uri not in own]
    return tuple(sorted(merged, key=lambda f: f.uri))


def load_edition(settings: Settings, course: Course, language: str) -> Edition:
    localized = localize_course(course, language, settings.default_language)
    problems = list(localized.problems)
    if language != settings.default_language and settings.content_root is not None:
        problems.extend(page_problems(settings.docs_dir, settings.default_language, language))
    # a broken interface string falls back to English (locale_problems reports it)
    ui = ui_strings(language, str(settings.project_dir))
    return Edition(settings=settings, language=language, ui=dict(ui),
                   localized=localized, files=source_files(settings, language),
                   problems=tuple(sorted(problems)))


def shared_problems(settings: Settings, course: Course) -> list[Problem]:
    """The project's and carecourse's locale files, and translation files no build reads."""
    languages = list(settings.languages)
    found = locale_problems(settings.project_dir, languages)
    if len(languages) > 1 and course.directory is not None:
        found.extend(stray_translations(course.directory, languages))
    return found


def load_editions(settings: Settings, languages: list[str] | None = None) -> Editions:
    """Load the scenarios once and localize them into each language (all by default).

    Sets the one Markdown configuration (``settings.markdown``) first: every text field,
    page and PDF rendered from the editions uses it."""
    markdown.configure(settings.markdown)
    course = load_course(settings.scenarios_dir)
    # translations are checked even when a scenario is broken (every problem at once)
    editions = {language: load_edition(settings, course, language)
                for language in languages or list(settings.languages)}
    return Editions(settings=settings, course=course, editions=MappingProxyType(editions),
                    shared=tuple(shared_problems(settings, course)))
