"""The compiled trees' MkDocs hook (builder/offline_hook.py), on a built site: what the
search index keeps, what the service worker precaches, and its version."""

from __future__ import annotations

import json
from pathlib import Path

from builder.offline_hook import compact_search_index, precached, service_worker

TEMPLATE = 'const FILES = "__CC_FILES__"; const CACHE = "v __CC_CACHE__";'


def site(root: Path) -> Path:
    files = {
        "index.html": '<meta name="generator" content="mkdocs-1.6.1">home',
        "scenarios/a.html": "a", "assets/carecourse/carecourse.js": "js",
        "assets/carecourse/course.json": "{}", "assets/carecourse/course.js": "c",
        "downloads/handbook-en.pdf": "%PDF", "sitemap.xml.gz": "gz", "sitemap.xml": "x",
        "assets/javascripts/bundle.min.js.map": "map",
        "assets/carecourse/vendor/mermaid.tiny.js": "big",
        "assets/javascripts/lunr/min/lunr.ru.min.js": "ru",
        "assets/javascripts/lunr/min/lunr.de.min.js": "de",
        "assets/javascripts/lunr/min/lunr.stemmer.support.min.js": "s",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_precached_are_the_pages_and_assets_of_the_language(tmp_path: Path) -> None:
    assert precached(site(tmp_path), "ru") == [
        "assets/carecourse/carecourse.js", "assets/carecourse/course.js",
        "assets/javascripts/lunr/min/lunr.ru.min.js",
        "assets/javascripts/lunr/min/lunr.stemmer.support.min.js",
        "index.html", "scenarios/a.html"]


def test_the_cache_name_follows_the_content_not_the_generator(tmp_path: Path) -> None:
    root = site(tmp_path)
    first = service_worker(root, TEMPLATE, "en")
    assert '"index.html"' in first and "__CC_" not in first
    (root / "index.html").write_text('<meta name="generator" content="properdocs-1">home')
    assert service_worker(root, TEMPLATE, "en") == first
    (root / "scenarios" / "a.html").write_text("a, edited")
    assert service_worker(root, TEMPLATE, "en") != first


def test_search_index_is_compact_utf8_without_play_steps_or_quizzes(tmp_path: Path) -> None:
    index = tmp_path / "search" / "search_index.json"
    index.parent.mkdir()
    docs = [{"location": "s.html", "title": "Суп", "text": "<p>Холодный суп</p>"},
            {"location": "s.html#play-s-ask-h", "title": "What do you do?", "text": "spoiler"},
            {"location": "s.html#empty", "title": "Heading", "text": " "}]
    index.write_text(json.dumps({"config": {}, "docs": docs}), encoding="utf-8")
    compact_search_index(tmp_path)
    text = index.read_text(encoding="utf-8")
    assert "Холодный" in text and "\\u" not in text and ", " not in text
    assert [d["location"] for d in json.loads(text)["docs"]] == ["s.html"]
