"""The course site a package wraps: one built site per language, under ``course/<lang>/``.

Each language is compiled from its edition (``builder.compile``, the same trees as
``carecourse build``) and built in this process by stock MkDocs. A package's site differs
from the published one in a few ways: page files instead of folder URLs (LMS file servers
rarely serve ``folder/index.html``: :func:`packaged_settings`), and, through
``sitehook.PackagedSite``, no instant navigation and no ``site_url`` (the package's address
is the LMS's), outside links open a new window, and a one-language package has no language
selector.
"""

from __future__ import annotations

from pathlib import Path

from builder.cache import CACHE_DIR, Cache
from builder.compile import compile_edition
from builder.course import Edition
from builder.settings import Settings


def packaged_settings(settings: Settings) -> Settings:
    """The settings a package's course is compiled with: a file per page, and no service
    worker or web app manifest (the LMS serves the package, inside its own page)."""
    course = settings.course.model_copy(update={"offline": False})
    return settings.model_copy(update={"use_directory_urls": False, "course": course})


def build_language(edition: Edition, work: Path, out: Path, *, single: bool,
                   pdf: bool) -> str | None:
    """Compile ``edition`` under ``work`` and build it into ``out``; an error message or None."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    from builder.lms.sitehook import PackagedSite

    cache = Cache(edition.settings.project_dir / CACHE_DIR)
    tree = compile_edition(edition, work / edition.language, pdf=pdf, cache=cache)
    try:
        config = load_config(str(tree.config_file), site_dir=str(out))
        config.plugins["carecourse-lms"] = PackagedSite(single_language=single)  # type: ignore[assignment]
        build(config)
    except (MkDocsException, Abort) as exc:
        return f"build failed ({edition.language}): {exc}"
    return None
