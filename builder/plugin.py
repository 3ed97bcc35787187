"""The MkDocs plugin: a thin layer of event handlers over plain functions.

``mkdocs build`` and ``mkdocs serve`` use it directly; the ``carecourse`` CLI
only adds friendlier output and a safe swap of the site folder.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from builder.loader import Course, load_course
from builder.locale import ui_strings
from builder.nav import course_nav
from builder.pillars import PILLAR_IDS
from builder.problems import errors, report
from builder.render import assessment_markdown, pillar_quiz_markdown, scenario_markdown

log = logging.getLogger("mkdocs.plugins.carecourse")

ASSETS = Path(__file__).parent / "assets"
ASSET_URIS = {"quiz.css": "assets/carecourse/quiz.css", "quiz.js": "assets/carecourse/quiz.js"}


class CarecourseConfig(base.Config):
    scenarios = c.Type(str, default="scenarios")
    pass_mark = c.Type(int, default=80)
    assessment_questions_per_scenario = c.Type(int, default=2)
    scenarios_per_section = c.Type(int, default=25)


def project_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path or ".").resolve().parent


def scenarios_dir(config: MkDocsConfig, plugin_config: CarecourseConfig) -> Path:
    return project_dir(config) / plugin_config.scenarios


def docs_pages(docs_dir: str) -> list[str]:
    root = Path(docs_dir)
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.md"))


class CarecoursePlugin(BasePlugin[CarecourseConfig]):
    course: Course
    ui: dict[str, Any]

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not 0 <= self.config.pass_mark <= 100:
            raise PluginError("carecourse: pass_mark must be a percentage from 0 to 100")
        self.course = load_course(scenarios_dir(config, self.config))
        if errors(self.course.problems):
            raise PluginError("invalid scenarios:\n" + report(self.course.problems))
        for problem in self.course.problems:
            log.info(str(problem))
        language = config.theme.get("language") or "en"
        self.ui = ui_strings(language, str(project_dir(config)))
        for uri in ASSET_URIS.values():
            target = config.extra_css if uri.endswith(".css") else config.extra_javascript
            if uri not in target:
                target.append(uri)
        if config.nav is None:
            config.nav = course_nav(
                docs_pages(config.docs_dir),
                self.course.scenarios,
                self.ui,
                per_section=self.config.scenarios_per_section,
            )
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        for scenario in self.course.scenarios:
            files.append(
                File.generated(
                    config,
                    f"scenarios/{scenario.id}.md",
                    content=scenario_markdown(scenario, self.ui),
                )
            )
        for pillar in PILLAR_IDS:
            uri = f"pillars/{pillar}.md"
            if files.get_file_from_path(uri) is None:
                files.append(
                    File.generated(config, uri, content=f"# {self.ui['pillars'][pillar]}\n")
                )
        files.append(File.generated(config, "assessment.md", content="# placeholder\n"))
        for name, uri in ASSET_URIS.items():
            files.append(File.generated(config, uri, abs_src_path=str(ASSETS / name)))
        return files

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        uri = page.file.src_uri

        def link(target: str) -> str:
            found = files.get_file_from_path(target)
            return get_relative_url(found.url if found else target, page.file.url)

        if uri == "assessment.md":
            return assessment_markdown(
                self.course.scenarios,
                self.ui,
                pass_mark=self.config.pass_mark,
                per_scenario=self.config.assessment_questions_per_scenario,
                link=link,
            )
        for pillar in PILLAR_IDS:
            if uri == f"pillars/{pillar}.md":
                quiz = pillar_quiz_markdown(self.course.scenarios, pillar, self.ui, link)
                return markdown.rstrip() + "\n\n" + quiz
        return markdown

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        server.watch(str(scenarios_dir(config, self.config)))
        locales = project_dir(config) / "locales"
        if locales.is_dir():
            server.watch(str(locales))
        return server
