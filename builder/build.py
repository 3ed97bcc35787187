"""``carecourse build``: compile every language, run the generator on each tree, swap.

The course is loaded once in this process; each language is compiled and generated in
a worker process (forked, so the loaded editions are shared, and killed with its
parent). An unchanged language (same compiled tree as the site it would replace) is
not generated again: its pages are linked from the current site.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from builder.cache import CACHE_DIR, Cache
from builder.compile import compile_edition
from builder.course import Editions
from builder.generate import die_with_parent, run_generator
from builder.languages import root_index_html
from builder.outdir import link_copy, locked, recover, staging_dir, swap_into_place

log = logging.getLogger("carecourse")
UNEXPECTED = 3
SITES = "sites.json"  # target folder -> language -> digest of the tree it was built from


@dataclass(frozen=True)
class BuildOptions:
    strict: bool = False
    site_url: str | None = None
    pdf: bool | None = None  # None: as mkdocs.yml says
    generator: str = "mkdocs"


@dataclass(frozen=True)
class Outcome:
    language: str
    digest: str
    reused: bool
    error: str | None
    said: str
    crash: str | None = None


_JOB: tuple[Editions, BuildOptions, Path, Path, dict[str, str]] | None = None


def cache_for(editions: Editions) -> Cache:
    return Cache(editions.settings.project_dir / CACHE_DIR)


def generator_version(generator: str) -> str:
    """The generator and theme versions: a site is reused only if they are the same."""
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for package in (generator, "mkdocs-material"):
        try:
            found.append(f"{package}-{version(package)}")
        except PackageNotFoundError:
            found.append(package)
    return "+".join(found)


def _language(language: str) -> Outcome:
    """One language, in a worker: compile, then generate (or reuse the current pages)."""
    assert _JOB is not None
    editions, options, staging, target, before = _JOB
    multilingual = len(editions.editions) > 1
    cache = cache_for(editions)
    tree = compile_edition(editions[language], cache.root / "compiled" / language,
                           site_url=options.site_url, pdf=options.pdf, cache=cache)
    digest = f"{generator_version(options.generator)}:{options.strict}:{tree.digest}"
    out = staging / language if multilingual else staging
    current = target / language if multilingual else target
    if before.get(language) == digest and (current / "index.html").is_file():
        if multilingual:
            link_copy(current, out)
        else:
            for item in current.iterdir():
                (link_copy if item.is_dir() else os.link)(item, out / item.name)
        return Outcome(language, digest, True, None, "")
    done = run_generator(options.generator, tree.config_file, out, strict=options.strict)
    return Outcome(language, digest, False, None if done.ok else f"build failed ({language})",
                   done.said, done.crash)


def _run_all(languages: list[str]) -> list[Outcome]:
    workers = max(1, min(len(languages), len(os.sched_getaffinity(0))))
    if workers == 1:
        return [_language(code) for code in languages]
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=die_with_parent) as pool:
        return pool.map(_language, languages, chunksize=1)


def build_site(editions: Editions, target: Path, options: BuildOptions) -> int:
    """Build into ``target`` (already checked by :func:`builder.outdir.check_output`)."""
    global _JOB
    settings = editions.settings
    cache = cache_for(editions)
    target.parent.mkdir(parents=True, exist_ok=True)
    with locked(cache.root / "build.lock"):
        recover(target)
        sites = cache.read_json(SITES)
        before = sites.get(str(target), {}) if isinstance(sites.get(str(target)), dict) else {}
        staging = staging_dir(target)
        try:
            _JOB = (editions, options, staging, target, before)
            outcomes = _run_all(list(editions.editions))
            failures = [o for o in outcomes if o.error]
            crashes = [o for o in outcomes if o.crash]
            if crashes:
                print(f"carecourse: {options.generator} stopped "
                      f"({', '.join(o.language for o in crashes)}): {crashes[0].crash}; "
                      "nothing was replaced.", file=sys.stderr)
                return UNEXPECTED
            for outcome in outcomes:
                if outcome.said:
                    print(outcome.said, file=sys.stderr)
            if failures:
                for failure in failures:
                    print(f"carecourse: {failure.error}", file=sys.stderr)
                print(f"carecourse: {os.path.relpath(target)} was left as it was.",
                      file=sys.stderr)
                return 1
            if len(editions.editions) > 1:
                default = editions[settings.default_language]
                (staging / "index.html").write_text(
                    root_index_html(settings.language_names, settings.site_name,
                                    default.ui["pages"]["choose_language"]), encoding="utf-8")
            swap_into_place(staging, target)
        finally:
            _JOB = None
            shutil.rmtree(staging, ignore_errors=True)
        sites[str(target)] = {o.language: o.digest for o in outcomes}
        cache.write_json(SITES, sites)
    reused = [o.language for o in outcomes if o.reused]
    if reused:
        log.info("unchanged since the last build: %s", ", ".join(reused))
    return 0
