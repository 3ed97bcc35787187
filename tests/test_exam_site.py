"""A course with exam-only questions, built with the plugin: where they show and where not."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

FIXTURE = Path(__file__).parent / "fixtures" / "exam"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built with the PDFs, as `carecourse build` does (the browser tests leave them out)."""
    project = tmp_path_factory.mktemp("exam-project")
    shutil.copytree(FIXTURE, project, dirs_exist_ok=True)
    settings = project / "mkdocs.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("pdf: false", "pdf: true"),
                        encoding="utf-8")
    out = tmp_path_factory.mktemp("exam-site")
    build(load_config(str(settings), site_dir=str(out), strict=True))
    return out


def read(site: Path, page: str) -> str:
    name = f"{page}/index.html" if page in ("", "downloads") else f"{page}.html"
    return (site / name.lstrip("/")).read_text(encoding="utf-8")


def test_the_assessment_holds_the_pool_and_its_settings(site: Path) -> None:
    html = read(site, "assessment")
    for attribute in ('data-cc-pass="60"', 'data-cc-per-pillar="2"', 'data-cc-max="3"',
                      'data-cc-wait="0"', 'data-cc-reveal="after_pass"'):
        assert attribute in html
    assert "data-cc-q=" not in html, "the pool is not in the page"
    version = re.search(r'data-cc-pool="(\w+)"', html)
    assert version is not None
    pool = "".join(p.read_text(encoding="utf-8")
                   for p in sorted((site / "assets" / "exam-pool").glob("*.js")))
    keys = re.findall(r'data-cc-q=\\"([^"\\]+)\\"', pool)
    assert len(keys) == 12 and all("/x-" in k for k in keys)
    assert "Zebra feedback" not in pool and "data-cc-correct" not in pool


def test_exam_only_questions_are_not_in_practice_pages_or_search(site: Path) -> None:
    for page in ("scenarios/lost-booking", "scenarios/late-delivery", "pillars/care",
                 "pillars/recovery", "pillars/spontaneity"):
        assert "/x-" not in read(site, page), page
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = json.dumps(index)
    assert "tired of waiting" not in text and "heavy door" not in text
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "assessment.html" not in locations and "downloads/index.html" not in locations
    assert not [place for place in locations if place.startswith("trainers/")]
    assert "scenarios/lost-booking.html" in locations, "the search index is there"


def test_the_answer_key_is_linked_from_the_trainers_pages_only(site: Path) -> None:
    pages = [p for p in site.rglob("*.html")
             if not {"downloads", "trainers"} & set(p.relative_to(site).parts)]
    assert len(pages) > 5
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "answer-key-" not in text, page
        assert "downloads/index.html" not in text, page
    assert 'href="downloads/handbook-en.pdf"' in read(site, "")
    trainers = read(site, "downloads")
    assert 'href="answer-key-en.pdf"' in trainers and 'href="handbook-en.pdf"' in trainers
    assert (site / "downloads" / "answer-key-en.pdf").stat().st_size > 1000
    trainer = read(site, "trainers/lost-booking")
    assert 'href="../downloads/answer-key-en.pdf"' in trainer
    assert 'href="../trainers/lost-booking.html"' in trainers
