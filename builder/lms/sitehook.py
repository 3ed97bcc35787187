"""What changes in the course site when it is built for an LMS package (MkDocs events)."""

from __future__ import annotations

import re
from fnmatch import fnmatchcase as fnmatch

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from builder.render import TRAINER_PAGE, download_uri

# <a href="https://..."> without a target: inside the LMS frame it would replace the course
_OUTSIDE_LINK = re.compile(r'<a (?![^>]*\btarget=)([^>]*\bhref="https?://)', re.IGNORECASE)


class PackagedSite:
    """Registered as a plugin next to carecourse's own; runs after it."""

    def __init__(self, *, single_language: bool) -> None:
        self.single_language = single_language

    @event_priority(-100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        features = config.theme.get("features") or []
        config.theme["features"] = [f for f in features if f != "navigation.instant"]
        config.site_url = None
        if self.single_language:
            config.extra["alternate"] = []
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Learners open the package: the trainers' page and the answer key stay out of it
        (the handbook stays)."""
        trainers_only = (TRAINER_PAGE, download_uri("answer-key", "*"))
        for file in list(files):
            if any(fnmatch(file.src_uri, pattern) for pattern in trainers_only):
                files.remove(file)
        return files

    def on_post_page(self, output: str, /, **_: object) -> str:
        return _OUTSIDE_LINK.sub(r'<a target="_blank" rel="noopener" \1', output)
