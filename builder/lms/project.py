"""What packaging reads from mkdocs.yml (until the course's typed settings object lands)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from builder.languages import configured_languages, site_name_for


@dataclass(frozen=True)
class PackageSettings:
    config_file: str
    languages: dict[str, str]  # code -> the language's name, the default first
    titles: dict[str, str]  # code -> course title in that language
    description: str
    version: str
    max_attempts: int  # assessment.max_attempts; 0 = unlimited

    @property
    def default_language(self) -> str:
        return next(iter(self.languages))

    @property
    def slug(self) -> str:
        """The course title as a file name: "Service that cares" -> "service-that-cares"."""
        text = re.sub(r"[^a-z0-9]+", "-", self.titles[self.default_language].lower()).strip("-")
        return text or "course"


def read_settings(config_file: str) -> PackageSettings:
    from mkdocs.config import load_config

    config = load_config(config_file)
    plugin = config.plugins.get("carecourse")
    options = plugin.config if plugin is not None else None
    setting = dict(getattr(options, "languages", None) or {})
    languages = configured_languages(setting, config.theme.get("language"))
    assessment = options.get("assessment") if options is not None else None
    max_attempts = assessment.get("max_attempts", 0) if isinstance(assessment, dict) else 0
    version = str(getattr(options, "course_version", "") or "1")
    return PackageSettings(
        config_file=str(Path(config_file)),
        languages=languages,
        titles={c: site_name_for(setting, c) or config.site_name for c in languages},
        description=config.site_description or config.site_name,
        version=version,
        max_attempts=int(max_attempts or 0),
    )
