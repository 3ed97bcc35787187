"""``carecourse serve``: MkDocs' live preview of one compiled language.

The language is compiled into ``.cache/carecourse/serve/<lang>/`` and served by stock
``mkdocs serve`` with dirty reload. A watcher recompiles when a scenario, translation,
page, locale or ``mkdocs.yml`` changes; compile rewrites only the files whose content
changed, so MkDocs rebuilds only those pages.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from builder.cache import CACHE_DIR, Cache
from builder.commands import INVALID, OK, checked, language_list, refused
from builder.compile import Tree, compile_edition
from builder.plural import count_of
from builder.problems import errors
from builder.settings import Settings, SettingsError, read_settings

log = logging.getLogger("carecourse")
POLL_S = 0.2

Snapshot = dict[Path, tuple[int, int]]


def snapshot(settings: Settings) -> Snapshot:
    """Size and modification time of every file the course is compiled from."""
    found: Snapshot = {}
    for source in settings.inputs:
        paths = source.rglob("*") if source.is_dir() else [source]
        for path in paths:
            try:
                stat = path.stat()
            except OSError:
                continue
            if path.is_file():
                found[path] = (stat.st_mtime_ns, stat.st_size)
    return found


def recompile(settings: Settings, language: str, root: Path) -> Tree | None:
    """Load and compile one language; None (with every problem printed) if it is invalid."""
    editions = checked(settings, [language])
    if errors(editions.problems):
        refused(editions, "the preview shows the last good version")
        return None
    cache = Cache(settings.project_dir / CACHE_DIR)
    return compile_edition(editions[language], root, pdf=False, cache=cache, preview=True)


def watch(settings: Settings, language: str, root: Path, stop: threading.Event,
          on_compiled: Callable[[Tree], None] | None = None) -> None:
    """Poll the inputs; recompile after each change (until ``stop`` is set)."""
    seen = snapshot(settings)
    while not stop.wait(POLL_S):
        now = snapshot(settings)
        if now == seen:
            continue
        seen = now
        started = time.perf_counter()
        try:
            settings = read_settings(settings.config_file)
        except SettingsError as exc:
            print(exc, file=sys.stderr)
            continue
        tree = recompile(settings, language, root)
        if tree is not None:
            log.info("recompiled %s in %.2f s: %s changed", language,
                     time.perf_counter() - started, count_of(len(tree.changed), "file", "files"))
            if on_compiled is not None:
                on_compiled(tree)


def serve_language(settings: Settings, language: str | None, dev_addr: str | None) -> int:
    from mkdocs.commands.serve import serve

    code = language_list(settings, language or settings.default_language)[0]
    root = settings.project_dir / CACHE_DIR / "serve" / code
    tree = recompile(settings, code, root)
    if tree is None:
        return INVALID
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(settings, code, root, stop),
                               name="carecourse-watch", daemon=True)
    watcher.start()
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    try:
        serve(config_file=str(tree.config_file), dev_addr=dev_addr, livereload=True,
              build_type="dirty")
    finally:
        stop.set()
    return OK
