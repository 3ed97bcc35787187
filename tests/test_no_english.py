"""No English on the translated sites: every built page of nl, ru, tr and it, its visible
text and the attributes a reader meets (aria-label, title, placeholder, alt), holds none
of our English interface strings (builder/locales/en.yaml) and none of Material's English
ones, wherever the language has its own words for them."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from builder.plural import is_counted

REPO = Path(__file__).resolve().parent.parent
LOCALES = REPO / "builder" / "locales"
TRANSLATED = ["nl", "ru", "tr", "it"]
READ_ATTRIBUTES = {"aria-label", "title", "placeholder", "alt"}
HIDDEN = {"script", "style", "template"}
# Material's keys that never reach a page of ours (blog, tags, source repository...)
MATERIAL_FILE = "partials/languages/{}.html"


def texts(data: dict, prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in data.items():
        if is_counted(value):
            out.update({f"{prefix}{key}.{c}": str(v) for c, v in value.items()})
        elif isinstance(value, dict):
            out.update(texts(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = str(value)
    return out


def material_strings(language: str) -> dict[str, str]:
    import material

    path = Path(material.__file__).parent / "templates" / MATERIAL_FILE.format(language)
    found = re.findall(r'^\s*"([\w.]+)": "((?:[^"\\]|\\.)*)"', path.read_text("utf-8"), re.M)
    return dict(found)


def fragments(text: str) -> list[str]:
    """The literal parts of an English string worth looking for: two words or more, or
    a whole string of one word (looked for as a whole text or attribute, see below)."""
    parts = [p.strip(" .:;,—–-") for p in re.split(r"\{\w+\}", text)]
    return [p for p in parts if len(p.split()) >= 2 or (len(parts) == 1 and len(p) > 2)]


def english_phrases(language: str) -> dict[str, str]:
    """English phrase -> where it comes from, for the strings ``language`` translates."""
    ours_en = texts(yaml.safe_load((LOCALES / "en.yaml").read_text("utf-8")))
    ours = texts(yaml.safe_load((LOCALES / f"{language}.yaml").read_text("utf-8")))
    theirs_en, theirs = material_strings("en"), material_strings(language)
    wanted: dict[str, str] = {}
    for source, english, own in (("locales", ours_en, ours), ("Material", theirs_en, theirs)):
        for key, text in english.items():
            if key in own and own[key] != text:
                for phrase in fragments(text):
                    wanted.setdefault(phrase, f"{source} {key}")
    return wanted


class _Reader(HTMLParser):
    """A page's visible text and the reader-facing attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN:
            self.hidden += 1
        self.parts.extend(v for k, v in attrs if k in READ_ATTRIBUTES and v)

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN:
            self.hidden = max(0, self.hidden - 1)

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def page_text(path: Path) -> tuple[str, set[str]]:
    """The page's text (one line) and each of its texts and attributes on its own."""
    reader = _Reader()
    reader.feed(path.read_text(encoding="utf-8"))
    return " ".join(" ".join(reader.parts).split()), {p.strip() for p in reader.parts}


def english_on(path: Path, phrases: dict[str, str]) -> list[str]:
    text, parts = page_text(path)
    return [phrase for phrase in phrases
            if (phrase in text if " " in phrase else phrase in parts)]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("course")
    for name in ("content", "scenarios"):
        shutil.copytree(REPO / name, project / name)
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    result = subprocess.run([sys.executable, "-m", "builder.cli", "build", "--no-pdf"],
                            cwd=project, capture_output=True, text=True, timeout=600,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_the_phrases_are_there_to_find() -> None:
    """The scan looks for real phrases of both sources (a scan for nothing finds nothing)."""
    phrases = english_phrases("nl")
    assert phrases["Made with carecourse"] == "locales site.footer"
    assert phrases["Navigation"] == "Material nav"
    assert any(where.startswith("Material search") for where in phrases.values())
    assert any(where.startswith("locales pages.trainer") for where in phrases.values())
    assert len(phrases) > 100


def test_the_scan_finds_english_on_the_english_site(site: Path) -> None:
    phrases = english_phrases("nl")
    found = set().union(*(english_on(p, phrases) for p in (site / "en").rglob("*.html")))
    for phrase in ("Made with carecourse", "Back to top", "Navigation", "Discussion prompts",
                   "Switch to the dark theme", "Check yourself"):
        assert phrase in found


@pytest.mark.parametrize("language", TRANSLATED)
def test_no_english_on_a_translated_site(site: Path, language: str) -> None:
    phrases = english_phrases(language)
    pages = sorted((site / language).rglob("*.html"))
    assert len(pages) > 15
    found = []
    for page in pages:
        found += [f"{page.relative_to(site)}: {phrase!r} ({phrases[phrase]})"
                  for phrase in english_on(page, phrases)]
    assert not found, "English on the site:\n" + "\n".join(found)
