"""Trainer pages: the discussion prompts and the role-play map live on one trainer page per
scenario, out of the learner's pages, menu and search."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest
import yaml

from builder.compile import compile_edition, pages
from builder.course import Edition, load_editions
from builder.locale import ui_strings
from builder.markdown import inline
from builder.pages import linker
from builder.settings import read_settings
from builder.trainer import trainer_markdown
from tests.conftest import golden

REPO = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "site"
GOLDEN = Path(__file__).parent / "golden"
LANGUAGES = ["en", "nl", "ru", "tr", "it"]


@pytest.fixture(scope="module")
def editions() -> dict[str, Edition]:
    loaded = load_editions(read_settings(REPO / "mkdocs.yml"), LANGUAGES)
    return {language: loaded[language] for language in LANGUAGES}


def front_matter(text: str) -> dict:
    assert text.startswith("---\n"), text[:80]
    return yaml.safe_load(text.split("---\n")[1])


@pytest.mark.parametrize("language", LANGUAGES)
def test_prompts_and_maps_move_from_the_scenario_to_its_trainer_page(
        editions: dict[str, Edition], language: str) -> None:
    edition = editions[language]
    site = pages(edition, pdf=True)
    assert any(s.roleplay for s in edition.scenarios)
    for scenario in edition.scenarios:
        page, trainer = site[f"scenarios/{scenario.id}.md"], site[f"trainers/{scenario.id}.md"]
        prompts = [str(inline(p)) for p in scenario.discussion]
        assert prompts and not [p for p in prompts if p in page], scenario.id
        assert "cc-map" not in page and "flowchart" not in page
        assert all(p in trainer for p in prompts)
        assert ("data-cc-map" in trainer) == (scenario.roleplay is not None)
        # the scenario links to it, once, quietly at its very end
        link = f'<p class="cc-for-trainers"><a href="../trainers/{scenario.id}.html">'
        assert page.count("trainers/") == 1 and page.rstrip().endswith("</a></p>")
        assert link in page
        assert front_matter(trainer)["search"] == {"exclude": True}
        assert f'href="../downloads/answer-key-{language}.pdf"' in trainer
        assert 'href="../downloads/index.html"' in trainer
        assert f'href="../scenarios/{scenario.id}.html"' in trainer
    downloads = site["downloads/index.md"]
    assert front_matter(downloads)["search"] == {"exclude": True}
    for scenario in edition.scenarios:
        assert f'href="../trainers/{scenario.id}.html"' in downloads


def test_without_pdfs_the_trainer_page_links_no_pdf(editions: dict[str, Edition]) -> None:
    site = pages(editions["en"], pdf=False)
    trainer = site["trainers/margarine-run.md"]
    assert "data-cc-map" in trainer and ".pdf" not in trainer and "downloads/" not in trainer
    assert "downloads/index.md" not in site


def test_scenario_pages_describe_themselves(editions: dict[str, Edition]) -> None:
    """Each scenario page's meta description is its summary, in its language."""
    for language in ("en", "ru"):
        site = pages(editions[language], pdf=False)
        for scenario in editions[language].scenarios:
            meta = front_matter(site[f"scenarios/{scenario.id}.md"])
            assert meta["description"] == unescape(re.sub(r"<[^>]+>", "", scenario.summary))


def test_trainer_page_golden() -> None:
    settings = read_settings(FIXTURE / "mkdocs.yml")
    edition = load_editions(settings, ["en"])["en"]
    soup = next(s for s in edition.scenarios if s.id == "cold-soup")
    text = trainer_markdown(soup, ui_strings("en"), linker(edition, "trainers/cold-soup.md"),
                            language="en", pdf=True)
    golden(GOLDEN / "cold-soup-trainer.md", text)


def test_built_trainer_pages_are_in_no_menu_and_not_in_search(
        editions: dict[str, Edition], tmp_path: Path) -> None:
    tree = compile_edition(editions["ru"], tmp_path / "ru", pdf=False)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(tree.config_file)],
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True,
        timeout=300)
    assert result.returncode == 0, result.stderr
    site = tree.root / "site"
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [d for d in index["docs"] if d["location"].startswith("trainers/")]
    assert [d for d in index["docs"] if d["location"].startswith("scenarios/")]
    for scenario in editions["ru"].scenarios:
        trainer = site / "trainers" / f"{scenario.id}.html"
        html = trainer.read_text(encoding="utf-8")
        assert "Вопросы для обсуждения" in html
        page = (site / "scenarios" / f"{scenario.id}.html").read_text(encoding="utf-8")
        nav = page.split('class="md-content"')[0]
        assert "trainers/" not in nav, "trainer pages are in no menu"
        assert f'href="../trainers/{scenario.id}.html"' in page
