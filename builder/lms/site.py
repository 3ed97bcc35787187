"""The course site a package wraps: one built site per language, under ``course/<lang>/``.

``build_sites`` is the one place that makes them; when the build becomes a compile step,
this is the function to re-point. A package's site differs from the published one in a
few ways (``sitehook.PackagedSite``): page files instead of folder URLs
(LMS file servers rarely serve ``folder/index.html``), no instant navigation and no
``site_url`` (the package's address is the LMS's), outside links open a new window, and a
one-language package has no language selector.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from builder.languages import ENV_LANGUAGE


def _build_language(config_file: str, site_dir: str, language: str, single: bool,
                    pdf: bool) -> str | None:
    """One language's MkDocs build (in a worker process); an error message or None."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    from builder.lms.sitehook import PackagedSite

    os.environ[ENV_LANGUAGE] = language
    try:
        config = load_config(config_file, site_dir=site_dir, use_directory_urls=False)
        config.plugins["carecourse-lms"] = PackagedSite(single_language=single)  # type: ignore[assignment]
        plugin = config.plugins.get("carecourse")
        if plugin is not None and not pdf:
            plugin.config.pdf = False
        build(config)
    except (MkDocsException, Abort) as exc:
        return f"build failed ({language}): {exc}"
    return None


def build_sites(config_file: str, languages: list[str], out: Path, *, single: bool,
                pdf: bool) -> list[str]:
    """Build each language into ``out/<lang>/``; returns the failures (empty when all built)."""
    workers = max(1, min(len(languages), os.cpu_count() or 1))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(_build_language, config_file, str(out / code), code, single, pdf)
                   for code in languages]
        return [f for f in (future.result() for future in futures) if f]
