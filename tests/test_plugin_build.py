"""The MkDocs plugin builds a fixture course: pages, pillar quizzes, assessment, navigation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

FIXTURE = Path(__file__).parent / "fixtures" / "site"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("fixture-site")
    build(load_config(str(FIXTURE / "mkdocs.yml"), site_dir=str(out), strict=True))
    return out


def read(site: Path, page: str) -> str:
    return (site / (f"{page}.html" if page else "index.html")).read_text(encoding="utf-8")


def test_a_page_per_scenario(site: Path) -> None:
    html = read(site, "scenarios/cold-soup")
    assert "<h1" in html and "The cold soup" in html
    assert html.count('class="cc-q"') == 3
    assert "assets/carecourse/carecourse.js" in html and "carecourse/carecourse.css" in html
    assert (site / "assets/carecourse/carecourse.js").stat().st_size > 1000


def test_pillar_pages_gather_their_questions(site: Path) -> None:
    care = read(site, "pillars/care")
    assert "About care." in care, "the hand-written text comes first"
    assert 'data-cc-q="warm-welcome/greet"' in care
    assert 'data-cc-q="cold-soup/signs"' in care
    assert 'data-cc-q="cold-soup/first-words"' not in care
    assert 'href="../scenarios/cold-soup.html"' in care, "each question links to its scenario"
    # a pillar page that has no hand-written Markdown is still made
    assert 'data-cc-q="warm-welcome/busy"' in read(site, "pillars/spontaneity")


def test_assessment_uses_the_settings_from_config(site: Path) -> None:
    html = read(site, "assessment")
    assert 'data-cc-pass="75"' in html and 'data-cc-mode="exam"' in html
    assert 'data-cc-per-pillar="1"' in html
    # this course has no exam-only questions: the page says so
    assert "data-cc-q=" not in html and "There are no assessment questions yet" in html


def test_navigation_order(site: Path) -> None:
    html = read(site, "scenarios/warm-welcome")
    nav = re.findall(r'class="md-nav__link[^"]*"[^>]*>\s*(?:<span[^>]*>)?\s*([^<\n]+?)\s*<', html)
    order = [t for t in nav if t in {"Fixture course", "A warm welcome", "The cold soup",
                                     "Final assessment", "Pillar care"}]
    assert order.index("A warm welcome") < order.index("The cold soup")
    assert order.index("The cold soup") < order.index("Final assessment")


@pytest.fixture(scope="module")
def dutch_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture course's Dutch edition: compiled, then built by stock MkDocs (no plugin)."""
    from builder.compile import compile_edition
    from builder.course import load_editions
    from builder.settings import read_settings

    out = tmp_path_factory.mktemp("fixture-site-nl")
    settings = read_settings(FIXTURE / "mkdocs.yml")
    tree = compile_edition(load_editions(settings, ["nl"])["nl"], out / "compiled", pdf=False)
    assert "carecourse" not in tree.config_file.read_text(encoding="utf-8").split("plugins:")[-1]
    build(load_config(str(tree.config_file), site_dir=str(out / "site"), strict=True))
    return out / "site"


def test_dutch_edition_falls_back_with_a_visible_note(dutch_site: Path) -> None:
    import yaml

    locale = Path(__file__).parent.parent / "builder" / "locales" / "nl.yaml"
    nl = yaml.safe_load(locale.read_text(encoding="utf-8"))
    home = read(dutch_site, "")
    assert '<html lang="nl"' in home and "Testcursus" in home
    assert nl["pages"]["not_translated"] not in home, "content/nl/index.md exists"
    # no content/nl/pillars/care.md: the English page, with the note
    care = read(dutch_site, "pillars/care")
    assert "About care." in care and nl["pages"]["not_translated"] in care
    # cold-soup.nl.yaml lacks a question and the role-play; warm-welcome has no translation
    soup = read(dutch_site, "scenarios/cold-soup")
    assert "De koude soep" in soup and nl["pages"]["partly_translated"] in soup
    welcome = read(dutch_site, "scenarios/warm-welcome")
    assert "A warm welcome" in welcome and nl["pages"]["partly_translated"] in welcome
    # the selector leads to the same page in the other language, by a relative link
    assert 'href="../../en/scenarios/cold-soup.html" hreflang="en"' in soup
