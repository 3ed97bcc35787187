"""The MkDocs plugin: a thin layer of event handlers over plain functions.

``mkdocs build`` and ``mkdocs serve`` use it directly; the ``carecourse`` CLI
adds one build per language, friendlier output and a safe swap of the site.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from builder import markdown
from builder.assessment import AssessmentSettings, AssessmentSettingsError
from builder.exam_page import SEARCH_EXCLUDED, assessment_markdown
from builder.languages import (
    ENV_LANGUAGE,
    alternates,
    configured_languages,
    docs_dir_for,
    site_name_for,
    with_untranslated_note,
)
from builder.loader import load_course
from builder.locale import ui_strings
from builder.manifest import course_manifest
from builder.nav import course_nav
from builder.pillars import PILLAR_IDS
from builder.problems import errors, report
from builder.render import (
    TRAINER_PAGE,
    download_uri,
    downloads_markdown,
    pillar_quiz_markdown,
    progress_markdown,
    scenario_markdown,
    trainer_downloads_markdown,
    with_continue_link,
)
from builder.runtime import ASSET_URIS, served_assets, vendor_files
from builder.translate import LocalizedCourse, localize_course

log = logging.getLogger("mkdocs.plugins.carecourse")

PACKAGE = Path(__file__).parent


class CarecourseConfig(base.Config):
    scenarios = c.Type(str, default="scenarios")
    pass_mark = c.Type(int, default=80)
    assessment = c.Type(dict, default={})  # builder.assessment.AssessmentSettings
    scenarios_per_section = c.Type(int, default=25)
    languages = c.Type(dict, default={})
    organisation = c.Type(str, default="")
    logo = c.Optional(c.Type(str))
    course_version = c.Type((str, int, float), default="")
    pdf = c.Type(bool, default=True)  # handbook and answer key in every built language
    paper = c.Choice(("A4", "Letter"), default="A4")
    allow_raw_html = c.Type(bool, default=False)  # trusted teams: keep raw HTML in text fields


def project_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path or ".").resolve().parent


def scenarios_dir(config: MkDocsConfig, plugin_config: CarecourseConfig) -> Path:
    return project_dir(config) / plugin_config.scenarios


def docs_pages(docs_dir: str) -> list[str]:
    root = Path(docs_dir)
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.md"))


class CarecoursePlugin(BasePlugin[CarecourseConfig]):
    course: LocalizedCourse
    assessment: AssessmentSettings
    ui: dict[str, Any]
    language: str
    default_language: str
    fallback_docs: Path | None = None
    fallback_uris: set[str]

    serving = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    @property
    def with_pdfs(self) -> bool:
        """PDFs are part of every build, but not of each live-preview rebuild."""
        return self.config.pdf and not self.serving

    # Runs before Material's search plugin reads the theme language.
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not 0 <= self.config.pass_mark <= 100:
            raise PluginError("carecourse: pass_mark must be a percentage from 0 to 100")
        try:
            self.assessment = AssessmentSettings.from_config(self.config.assessment)
        except AssessmentSettingsError as exc:
            raise PluginError(f"carecourse: {exc}") from None
        languages = configured_languages(self.config.languages, config.theme.get("language"))
        self.default_language = next(iter(languages))
        self.language = os.environ.get(ENV_LANGUAGE) or self.default_language
        if self.language not in languages:
            raise PluginError(f"carecourse: language '{self.language}' is not one of "
                              f"{', '.join(languages)} (plugin setting 'languages')")
        config.theme["language"] = self.language
        config.site_name = site_name_for(self.config.languages, self.language) or config.site_name
        if self.language != self.default_language:
            self.fallback_docs = Path(config.docs_dir)
            config.docs_dir = str(docs_dir_for(Path(config.docs_dir), self.default_language,
                                               self.language))
        if len(languages) > 1 and os.environ.get(ENV_LANGUAGE):
            config.extra["alternate"] = alternates(languages)
            if config.site_url:
                config.site_url = config.site_url.rstrip("/") + f"/{self.language}/"

        markdown.configure(markdown.MarkdownConfig.from_mkdocs(
            config.markdown_extensions, config.mdx_configs,
            allow_raw_html=self.config.allow_raw_html))
        course = load_course(scenarios_dir(config, self.config))
        if errors(course.problems):
            raise PluginError("invalid scenarios:\n" + report(course.problems))
        self.course = localize_course(course, self.language, self.default_language)
        if errors(self.course.problems):
            raise PluginError(f"invalid '{self.language}' translations:\n"
                              + report(self.course.problems))
        for problem in [*course.problems, *self.course.problems]:
            log.info(str(problem))

        self.ui = ui_strings(self.language, str(project_dir(config)))
        for uri in ASSET_URIS:
            target = config.extra_css if uri.endswith(".css") else config.extra_javascript
            if uri not in target:
                target.append(uri)
        if config.nav is None:
            pages = set(docs_pages(config.docs_dir))
            if self.fallback_docs:
                pages |= set(docs_pages(str(self.fallback_docs)))
            config.nav = course_nav(
                pages,
                self.course.scenarios,
                self.ui,
                per_section=self.config.scenarios_per_section,
            )
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        self.fallback_uris: set[str] = set()
        if self.fallback_docs is not None:
            if self.fallback_docs.resolve() == Path(config.docs_dir).resolve():
                # no content/<lang>/ at all: every hand-written page is the default's
                self.fallback_uris = {f.src_uri for f in files.documentation_pages()}
            else:
                self._add_fallback_pages(files, config)
        for scenario in self.course.scenarios:
            note = self.ui["pages"]["partly_translated"] if self.course.untranslated(
                scenario.id) else None
            files.append(
                File.generated(
                    config,
                    f"scenarios/{scenario.id}.md",
                    content=scenario_markdown(scenario, self.ui, note=note),
                )
            )
        for pillar in PILLAR_IDS:
            uri = f"pillars/{pillar}.md"
            if files.get_file_from_path(uri) is None:
                files.append(
                    File.generated(config, uri,
                                   content=markdown.heading(1, self.ui["pillars"][pillar]) + "\n")
                )
        files.append(File.generated(config, "assessment.md", content="# placeholder\n"))
        files.append(File.generated(config, "progress.md", content="# placeholder\n"))
        if self.with_pdfs:
            files.append(File.generated(config, TRAINER_PAGE, content="# placeholder\n"))
            for uri, data in self._pdfs(config).items():
                files.append(File.generated(config, uri, content=data))
        for uri, text in served_assets().items():
            files.append(File.generated(config, uri, content=text))
        if any(s.roleplay for s in self.course.scenarios):
            for uri, source in vendor_files().items():
                files.append(File.generated(config, uri, abs_src_path=str(source)))
        urls = {s.id: files.get_file_from_path(f"scenarios/{s.id}.md").url  # type: ignore[union-attr]
                for s in self.course.scenarios}
        files.append(File.generated(config, "assets/carecourse/course.json",
                                    content=course_manifest(
                                        self.course.scenarios, urls, self.ui,
                                        pass_mark=self.config.pass_mark,
                                        assessment=self.assessment)))
        return files

    def _pdfs(self, config: MkDocsConfig) -> dict[str, bytes]:
        """This language's handbook and answer key, rendered from the same scenarios."""
        from builder.pdf import PdfError, make_answer_key, make_handbook, settings_from_mkdocs

        out: dict[str, bytes] = {}
        try:
            settings = settings_from_mkdocs(Path(config.config_file_path), paper=self.config.paper)
            with tempfile.TemporaryDirectory() as tmp:
                for kind, make in (("handbook", make_handbook), ("answer-key", make_answer_key)):
                    path = make(project_dir(config), self.language,
                                Path(tmp) / f"{kind}-{self.language}.pdf", settings=settings)
                    out[download_uri(kind, self.language)] = path.read_bytes()
        except PdfError as exc:
            raise PluginError(f"carecourse: PDFs: {exc}") from None
        return out

    def _add_fallback_pages(self, files: Files, config: MkDocsConfig) -> None:
        """Pages and images the language lacks come from the default language."""
        assert self.fallback_docs is not None
        for path in sorted(self.fallback_docs.rglob("*")):
            uri = path.relative_to(self.fallback_docs).as_posix()
            if not path.is_file() or files.get_file_from_path(uri) is not None:
                continue
            files.append(File.generated(config, uri, abs_src_path=str(path)))
            if path.suffix == ".md":
                self.fallback_uris.add(uri)

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        uri = page.file.src_uri

        def link(target: str) -> str:
            found = files.get_file_from_path(target)
            return get_relative_url(found.url if found else target, page.file.url)

        if uri == "progress.md":
            return progress_markdown(self.ui)
        if uri == "index.md":
            markdown = with_continue_link(markdown)
            if self.with_pdfs:
                markdown = markdown.rstrip() + "\n\n" + downloads_markdown(
                    self.ui, self.language) + "\n"
        if uri == TRAINER_PAGE:
            page.meta.update(SEARCH_EXCLUDED)
            return trainer_downloads_markdown(self.ui, self.language)
        if uri == "assessment.md":
            page.meta.update(SEARCH_EXCLUDED)
            return assessment_markdown(
                self.course.scenarios,
                self.ui,
                pass_mark=self.config.pass_mark,
                settings=self.assessment,
                course_title=config.site_name,
                organisation=self.config.organisation,
                language=self.language,
            )
        if uri in self.fallback_uris:
            markdown = with_untranslated_note(markdown, self.ui["pages"]["not_translated"])
        for pillar in PILLAR_IDS:
            if uri == f"pillars/{pillar}.md":
                quiz = pillar_quiz_markdown(self.course.scenarios, pillar, self.ui, link)
                return markdown.rstrip() + "\n\n" + quiz
        return markdown

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        # Our partials (the language selector that keeps the page) win over the theme's.
        env.loader = ChoiceLoader([FileSystemLoader(str(PACKAGE / "overrides")), env.loader])
        return env

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        server.watch(str(scenarios_dir(config, self.config)))
        for extra in (project_dir(config) / "locales", self.fallback_docs):
            if extra is not None and extra.is_dir():
                server.watch(str(extra))
        return server
