"""A MkDocs hook (``hooks:`` in a compiled tree's ``mkdocs.yml``), copied into every tree.

It runs after every plugin, on the built site, and needs nothing but the Python standard
library and MkDocs, so that stock ``mkdocs build`` and ``properdocs build`` of a compiled
tree do it too:

- the quizzes (the section holding each), role-play steps (by their anchors) and the
  trainers' maps (Material's ``data-search-exclude``) are kept out of the search index:
  their answers and feedback are for answering, not finding, and they were most of its
  weight; headings left without text are dropped;
- the search index is rewritten as compact UTF-8 (no ``\\u`` escapes, no spaces);
- when ``extra.carecourse_offline`` is set, every page links the web app manifest
  (compile wrote it into ``docs/``; the runtime registers the worker only then), and
  ``sw.js`` is written from the template next to this file: the service worker that
  precaches the pages, the search index and the assets of this language's site (not
  the PDFs, source maps, the trainers' map drawing or other languages' search
  stemmers: those are kept once fetched), in a cache named by a hash of their content,
  so that a changed course replaces the old cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

SW = "sw.js"
TEMPLATE = Path(__file__).with_name("sw.js")
INDEX = "search/search_index.json"
# never precached: downloads, compressed copies, the file:// fallback, the worker itself
SKIP_SUFFIXES = (".pdf", ".gz", ".zip", ".map")
SKIP_FILES = {SW, "assets/carecourse/course.json", "sitemap.xml"}
# fetched (and then kept) only when used: the trainers' map drawing, search languages
SKIP_FOLDERS = ("assets/carecourse/vendor/", "assets/javascripts/lunr/")
LUNR = "assets/javascripts/lunr/min/lunr.{}.min.js"
# Material's search parser compares elements by tag name only: an excluded element must
# not hold one of its own tag (the trainers' map is one pre)
_UNSEARCHED = re.compile(r'<pre class="cc-map\b')
_HEADING = re.compile(r'<h[1-6] id="([^"]+)"')
_QUIZ = '<div class="cc-quiz"'
_GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
PLAY_STEP = "#play-"  # the anchor of a role-play step's heading (roleplay.html.j2)
_quiz_sections: set[str] = set()  # page#heading of each section that holds a quiz


MANIFEST = "manifest.webmanifest"
THEME_COLOUR = "#00695c"


def _offline(config: Any) -> bool:
    return bool((config.get("extra") or {}).get("carecourse_offline"))


def on_post_page(output: str, *, page: Any, config: Any) -> str:
    if not _offline(config) or "</head>" not in output:
        return output
    here = page.url or "index.html"
    links = (f'<link rel="manifest" href="{get_relative_url(MANIFEST, here)}">'
             f'<link rel="apple-touch-icon" href="'
             f'{get_relative_url("assets/carecourse/icons/icon-192.png", here)}">'
             f'<meta name="theme-color" content="{THEME_COLOUR}">')
    return output.replace("</head>", links + "</head>", 1)


def on_pre_build(**_: Any) -> None:
    _quiz_sections.clear()


def on_page_content(html: str, *, page: Any, **_: Any) -> str:
    for part in html.split(_QUIZ)[:-1]:
        headings = _HEADING.findall(part)
        if headings:
            _quiz_sections.add(f"{page.url}#{headings[-1]}")
    return _UNSEARCHED.sub('<pre data-search-exclude class="cc-map', html)


def _searched(doc: dict[str, Any]) -> bool:
    where = str(doc.get("location", ""))
    if PLAY_STEP in where or where in _quiz_sections:
        return False
    return "#" not in where or bool(str(doc.get("text", "")).strip())


def compact_search_index(site: Path) -> None:
    path = site / INDEX
    if path.is_file():
        data = json.loads(path.read_text(encoding="utf-8"))
        data["docs"] = [d for d in data.get("docs", []) if _searched(d)]
        path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")),
                        encoding="utf-8")


def precached(site: Path, language: str) -> list[str]:
    """The files the service worker keeps: relative URLs, in a stable order."""
    search = {LUNR.format(name) for name in ("stemmer.support", "multi", language)}
    found = []
    for folder, _dirs, names in os.walk(site):
        for name in names:
            rel = (Path(folder) / name).relative_to(site).as_posix()
            if rel in search or (rel not in SKIP_FILES and not rel.endswith(SKIP_SUFFIXES)
                                 and not rel.startswith(SKIP_FOLDERS)):
                found.append(rel)
    return sorted(found)


def service_worker(site: Path, template: str, language: str) -> str:
    files = precached(site, language)
    digest = hashlib.sha256()
    for rel in files:
        # the generator's name aside: MkDocs and ProperDocs make the same worker
        data = _GENERATOR.sub(b"", (site / rel).read_bytes())
        digest.update(rel.encode() + b"\0" + hashlib.sha256(data).digest())
    return (template.replace('"__CC_FILES__"', json.dumps(files, ensure_ascii=False))
            .replace("__CC_CACHE__", digest.hexdigest()[:16]))


@event_priority(-200)
def on_post_build(config: Any, **_: Any) -> None:
    site = Path(config["site_dir"])
    compact_search_index(site)
    if _offline(config):
        template = TEMPLATE.read_text(encoding="utf-8")
        language = str(config["theme"].get("language") or "en")
        (site / SW).write_text(service_worker(site, template, language), encoding="utf-8")
