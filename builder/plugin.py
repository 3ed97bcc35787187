"""The MkDocs plugin: a thin adapter for ``mkdocs build`` / ``mkdocs serve`` on the project.

It compiles the default language with the same functions as ``carecourse compile`` and
points MkDocs at the compiled tree (pages, navigation, theme language, overrides,
runtime). ``carecourse build`` does not use it: it runs stock MkDocs on compiled trees.
"""

from __future__ import annotations

import logging
from typing import Any

import yaml
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority

from builder.cache import CACHE_DIR, Cache
from builder.compile import compile_edition
from builder.course import load_editions
from builder.problems import errors, report
from builder.settings import Settings, SettingsError, read_settings

log = logging.getLogger("mkdocs.plugins.carecourse")


def _any() -> c.Optional[Any]:
    return c.Optional(c.Type(object))


class CarecourseConfig(base.Config):
    """Only declares the keys: builder.settings validates them, with line numbers."""

    scenarios = _any()
    pass_mark = _any()
    scenarios_per_section = _any()
    languages = _any()
    organisation = _any()
    logo = _any()
    course_version = _any()
    pdf = _any()
    paper = _any()
    assessment = _any()
    allow_raw_html = _any()
    offline = _any()
    assessment_questions_per_scenario = _any()  # replaced: settings explains what to write


class CarecoursePlugin(BasePlugin[CarecourseConfig]):
    settings: Settings | None = None
    serving = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    # Runs before Material's search plugin reads the theme language.
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        try:
            settings = read_settings(config.config_file_path or "mkdocs.yml")
        except SettingsError as exc:
            raise PluginError(f"carecourse settings:\n{exc}") from None
        self.settings = settings
        language = settings.default_language
        editions = load_editions(settings, [language])
        if errors(editions.problems):
            raise PluginError("invalid course:\n" + report(errors(editions.problems)))
        for problem in editions.problems:
            log.info(str(problem))
        cache = Cache(settings.project_dir / CACHE_DIR)
        tree = compile_edition(editions[language], cache.root / "plugin" / language,
                               pdf=settings.course.pdf and not self.serving, cache=cache)
        compiled = yaml.safe_load(tree.config_file.read_text(encoding="utf-8"))
        config.docs_dir = str(tree.root / compiled["docs_dir"])
        config.theme["language"] = language
        config.theme["palette"] = compiled["theme"].get("palette")  # light/dark, as the device
        config.extra["generator"] = compiled.get("extra", {}).get("generator", True)
        config.use_directory_urls = compiled["use_directory_urls"]
        config.theme.dirs.insert(0, str(tree.root / compiled["theme"]["custom_dir"]))
        for key in ("site_name", "site_description", "copyright"):
            setattr(config, key, compiled.get(key))
        if config.nav is None:
            config.nav = compiled["nav"]
        config.extra_css[:] = compiled["extra_css"]
        config.extra_javascript[:] = compiled["extra_javascript"]
        return config

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig,
                 builder: Any) -> LiveReloadServer:
        if self.settings is not None:
            for source in self.settings.inputs[1:]:  # mkdocs.yml is watched already
                if source.exists():
                    server.watch(str(source))
        return server
