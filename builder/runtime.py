"""The browser runtime the course ships: which JS and CSS files a site serves, minified.

One place that says what the site loads from ``builder/assets/``:

- every page links one stylesheet and one small core script (``ASSET_URIS``; the
  build adds them to ``extra_css`` / ``extra_javascript``);
- the core injects the modules a page needs (``MODULES``), in one file: a page with a
  practice quiz needs ``quiz``, the assessment ``exam``, a role-play ``roleplay``, the
  progress and home pages ``progress``; a scenario page loads ``quiz-roleplay.js``.
  They are classic scripts, not ES modules, so that the site keeps working when opened
  from ``file://``.

The JavaScript is minified with esbuild at development time (``npm run build`` writes
``builder/assets/dist/``, which is committed; a test checks it is up to date), so that
building a course needs no Node.js. CSS is minified with rcssmin when the site is built.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from pathlib import Path

import rcssmin

ASSETS = Path(__file__).parent / "assets"
DIST = ASSETS / "dist"  # esbuild's output, one file per source file (npm run build)
BASE = "assets/carecourse/"
STYLE = BASE + "carecourse.css"
CORE = BASE + "carecourse.js"
COLOURS = "colours.css"  # the one place colours are set (print.css imports it too)
# On every page: served URI -> our source files (concatenated, then minified).
ASSET_URIS: dict[str, tuple[str, ...]] = {
    STYLE: (COLOURS, "base.css"),
    CORE: ("material.js", "store.js", "core.js"),
}


@dataclass(frozen=True)
class Module:
    needed_by: str | None  # CSS selector: a page with such an element loads it (None: on demand)
    scripts: tuple[str, ...]  # in builder/assets/
    styles: tuple[str, ...] = ()


MODULES: dict[str, Module] = {
    "quiz": Module(".cc-quiz[data-cc-mode=practice]", ("question.js", "quiz.js"),
                   ("quiz.css", "verdicts.css")),
    "exam": Module(".cc-quiz[data-cc-mode=exam]", ("question.js", "examstore.js", "exam.js"),
                   ("quiz.css", "exam.css")),
    "roleplay": Module(".cc-play, details.cc-map-box", ("roleplay.js",), ("roleplay.css",)),
    "progress": Module("[data-cc-progress], [data-cc-continue]", ("progress.js",),
                       ("progress.css",)),
    # loaded when asked for: the trainer's map (with the vendored Mermaid; trainer.css lets
    # it scroll sideways on a phone, on the trainer pages where it is), printing the
    # learner's certificate, the note that progress cannot be saved, the offline notes; and,
    # after Submit, the assessment's review and result
    "map": Module(None, ("map.js",), ("trainer.css",)),
    "review": Module(None, ("review.js",), ("verdicts.css", "review.css")),
    "certificate": Module(None, ("certificate.js",), ("certificate.css",)),
    "note": Module(None, ("note.js",), ("note.css",)),
    # the course is available offline / search needs a web server (asked by core.js)
    "offline": Module(None, ("offlinenote.js",), ("offline.css",)),
}
# Vendored files served as they are (loaded on demand by the runtime).
VENDOR = {"mermaid.tiny.js": BASE + "vendor/mermaid.tiny.js"}


def bundle_uri(names: Iterable[str]) -> str:
    """The one file the core loads for the modules a page needs: ``quiz-roleplay.js``."""
    return f"{BASE}{'-'.join(sorted(names))}.js"


def _js(names: Iterable[str]) -> str:
    return "".join((DIST / name).read_text(encoding="utf-8") for name in names)


def _css(names: Iterable[str]) -> str:
    return rcssmin.cssmin("\n".join((ASSETS / n).read_text(encoding="utf-8") for n in names))


def _bundle(names: tuple[str, ...]) -> str:
    """Modules in one file (one request, one gzip stream); their styles travel inside."""
    scripts = dict.fromkeys(s for n in names for s in MODULES[n].scripts)
    styles = dict.fromkeys(s for n in names for s in MODULES[n].styles)
    css = f"window.carecourse.style({json.dumps(_css(styles), ensure_ascii=False)});\n"
    return (css if styles else "") + _js(scripts)


def _used_colours(css: str, everything: str) -> str:
    """The site's CSS without the colours nothing of the site uses (the PDFs use more)."""
    def keep(m: re.Match[str]) -> str:
        uses = re.findall(re.escape(m.group(1)) + r"(?![\w-])", everything)
        return m.group(0) if len(uses) > 1 else ""

    return re.sub(r"(--cc-[\w-]+):[^;}]+;?", keep, css)


@lru_cache(maxsize=1)
def served_assets() -> dict[str, str]:
    """Every file of our runtime as the site serves it: served URI -> minified text.

    A bundle for every combination of modules (a page needs one or two; after instant
    navigation, the ones it lacks), so that a page makes a single request for them.
    """
    names = sorted(n for n, m in MODULES.items() if m.needed_by)
    bundles = {bundle_uri(combo): _bundle(combo)
               for k in range(1, len(names) + 1) for combo in combinations(names, k)}
    bundles.update({bundle_uri([n]): _bundle((n,)) for n, m in MODULES.items()
                    if not m.needed_by})
    core = _js(ASSET_URIS[CORE])
    style = _css(ASSET_URIS[STYLE])
    style = _used_colours(style, "".join([style, core, *bundles.values()]))
    # the core learns the module table, and a version that changes with any file
    # (so that a browser never mixes a cached module with a newer core)
    version = hashlib.sha256("".join([style, core, *bundles.values()]).encode()).hexdigest()
    table = {name: m.needed_by for name, m in MODULES.items()}
    for marker, value in (('"__CC_MODULES__"', json.dumps(table, separators=(",", ":"))),
                          ("__CC_VERSION__", version[:12])):
        assert marker in core, f"{marker} is missing from core.js"
        core = core.replace(marker, value)
    return {STYLE: style, CORE: core, **bundles}


def page_assets(modules: set[str]) -> list[str]:
    """What a page that needs these modules loads first: stylesheet, core, their bundle."""
    return [STYLE, CORE, *([bundle_uri(modules)] if modules else [])]


def vendor_files() -> dict[str, Path]:
    """Served URI -> vendored source file."""
    return {uri: ASSETS / "vendor" / name for name, uri in VENDOR.items()}
