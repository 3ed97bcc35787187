"""Compile: plain MkDocs projects that stock mkdocs and properdocs build into the same
site as ``carecourse build``; the course is loaded once per build."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import builder.loader
import builder.markdown
import builder.settings_source
import builder.translate
from builder.cli import main
from builder.compile import compile_edition
from builder.course import load_editions
from builder.pages import PRACTICE_PER_PAGE
from builder.settings import read_settings

REPO = Path(__file__).resolve().parent.parent
LANGUAGES = ["en", "nl", "ru", "tr", "it"]
GENERATOR_META = re.compile(rb'<meta name="generator" content="[^"]*">')


def same_site(a: Path, b: Path) -> list[str]:
    """The files that differ between two built sites (the generator's name aside)."""
    names = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    other = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    differ = sorted(names ^ other)
    for name in sorted(names & other):
        x, y = (a / name).read_bytes(), (b / name).read_bytes()
        if name.endswith(".json"):
            same = json.loads(x) == json.loads(y)
        elif name.endswith(".gz"):
            same = gzip.decompress(x) == gzip.decompress(y)
        else:
            same = GENERATOR_META.sub(b"", x) == GENERATOR_META.sub(b"", y)
        if not same:
            differ.append(name)
    return differ


def course_copy(target: Path) -> Path:
    for name in ("content", "scenarios"):
        shutil.copytree(REPO / name, target / name)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    return target


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped course: compiled, and built by carecourse, counting what it loads."""
    project = course_copy(tmp_path_factory.mktemp("course"))
    counts = {"mkdocs.yml": 0, "scenario": 0, "translation": 0}

    def counting(module: object, name: str, kind: str) -> None:
        real = getattr(module, name)

        def wrapper(*args: object, **kwargs: object) -> object:
            counts[kind] += 1
            return real(*args, **kwargs)

        setattr(module, name, wrapper)
        undo.append(lambda: setattr(module, name, real))

    undo: list[object] = []
    counting(builder.settings_source, "_parse", "mkdocs.yml")
    counting(builder.loader, "load_file", "scenario")
    counting(builder.translate, "load_file", "translation")
    cwd = Path.cwd()
    try:
        os.chdir(project)
        assert main(["build", "--no-pdf"]) == 0
        assert main(["compile", "--no-pdf", "-o", "compiled"]) == 0
    finally:
        os.chdir(cwd)
        for restore in undo:
            restore()  # type: ignore[operator]
    (project / "counts.json").write_text(json.dumps(counts))
    return project


def test_the_course_is_loaded_once_per_build(built: Path) -> None:
    counts = json.loads((built / "counts.json").read_text())
    scenarios = len(list((REPO / "scenarios").glob("*.yaml")))
    bases = len([p for p in (REPO / "scenarios").glob("*.yaml") if "." not in p.stem])
    # build + compile: each reads mkdocs.yml once and every YAML file once
    assert counts == {"mkdocs.yml": 2, "scenario": 2 * bases,
                      "translation": 2 * (scenarios - bases)}


def test_compiled_tree_is_plain_mkdocs(built: Path) -> None:
    for language in LANGUAGES:
        root = built / "compiled" / language
        config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
        assert config["plugins"] == ["search"], "no carecourse plugin"
        assert config["theme"]["language"] == language
        assert config["theme"]["custom_dir"] == "overrides"
        assert (root / "overrides" / "partials" / "alternate.html").is_file()
        assert [a["lang"] for a in config["extra"]["alternate"]] == LANGUAGES
        assert "site_url" not in config, "relative links only: usable as package content"
        docs = root / "docs"
        assert (docs / "assets" / "carecourse" / "course.json").is_file()
        assert (docs / "scenarios" / "hungry-baby.md").is_file()
        if language != "en":
            assert "carecourse" in config["copyright"] and config["copyright"] != \
                "Made with carecourse", "the footer is translated"
            assert config["site_description"] != read_settings(
                REPO / "mkdocs.yml").site_description


@pytest.mark.parametrize("generator", ["mkdocs", "properdocs"])
@pytest.mark.parametrize("language", ["en", "ru"])
def test_stock_generators_build_the_same_site(built: Path, tmp_path: Path, generator: str,
                                              language: str) -> None:
    out = tmp_path / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", generator, "build", "--strict", "-f",
         str(built / "compiled" / language / "mkdocs.yml"), "-d", str(out)],
        env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert same_site(built / "site" / language, out) == []
    exam = (out / "assessment.html").read_text(encoding="utf-8")
    assert 'data-cc-mode="exam"' in exam and "data-cc-pool=" in exam, "exam mode"
    pool = (out / "assets" / "exam-pool" / "index.js").read_text(encoding="utf-8")
    assert pool.count('":["') >= 9, "the assessment's pool is served beside the page"
    index = json.loads((out / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [d for d in index["docs"] if d["location"].startswith("assessment.html")]


def test_search_index_is_utf8(built: Path) -> None:
    text = (built / "site" / "ru" / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "\\u04" not in text and re.search("[а-я]{4}", text)


def test_practice_is_split_into_small_pages(tmp_path: Path) -> None:
    project = course_copy(tmp_path)
    source = (project / "scenarios" / "hungry-baby.yaml").read_text(encoding="utf-8")
    for n in range(1, 15):
        (project / "scenarios" / f"copy-{n}.yaml").write_text(
            source.replace("id: hungry-baby", f"id: copy-{n}", 1), encoding="utf-8")
    settings = read_settings(project / "mkdocs.yml")
    edition = load_editions(settings, ["en"])["en"]
    tree = compile_edition(edition, tmp_path / "out", pdf=False)
    docs = tree.root / "docs" / "pillars"
    expected = [s.question_key(q) for s in edition.scenarios for q in s.practice
                if q.pillar == "care"]
    parts = [docs / "care.md", *sorted(docs.glob("care-*.md"), key=lambda p: int(
        p.stem.split("-")[1]))]
    assert len(parts) == -(-len(expected) // PRACTICE_PER_PAGE) > 1
    keys = [k for part in parts for k in re.findall(
        r'data-cc-q="([^"]+)"', part.read_text(encoding="utf-8"))]
    assert keys == expected, "every practice question once, in course order"
    assert "(care-2.md)" in parts[0].read_text() and "(care.md)" in parts[1].read_text()
    # the further parts stay out of the search index (their questions are the scenarios')
    assert all(p.read_text().startswith("---\nsearch:\n  exclude: true\n---") for p in parts[1:])
    assert not parts[0].read_text().startswith("---")


@pytest.mark.parametrize(("extensions", "raw_html", "box", "span"), [
    ("[attr_list, md_in_html]", "false", False, False),
    ("[admonition, attr_list, md_in_html]", "true", True, True),
])
def test_text_fields_use_the_markdown_and_html_settings(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extensions: str, raw_html: str,
        box: bool, span: bool) -> None:
    """load_editions sets the one Markdown configuration from mkdocs.yml before compiling:
    its extensions, and allow_raw_html."""
    # the configuration is process-wide: the tests after this one get the default back
    monkeypatch.setattr(builder.markdown, "_active", [builder.markdown.MarkdownConfig()])
    project = course_copy(tmp_path)
    story = project / "scenarios" / "hungry-baby.yaml"
    story.write_text(story.read_text(encoding="utf-8").replace("story: |\n", (
        'story: |\n  !!! warning "Hot"\n      Mind the bowl.\n\n'
        '  <span style="color:red">Careful</span> now.\n\n'), 1), encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text[:text.index("markdown_extensions:")] + f"markdown_extensions: {extensions}\n"
    config.write_text(text.replace("      pass_mark: 80\n", "      pass_mark: 80\n"
                                   f"      allow_raw_html: {raw_html}\n"), encoding="utf-8")
    edition = load_editions(read_settings(config), ["en"])["en"]
    tree = compile_edition(edition, tmp_path / "out", pdf=False)
    page = (tree.root / "docs" / "scenarios" / "hungry-baby.md").read_text(encoding="utf-8")
    assert ('<div class="admonition warning">' in page) is box
    assert ("!!! warning" in page) is not box
    assert ('<span style="color:red">Careful</span>' in page) is span
    assert "Careful" in page
