"""Settings: one typed object from mkdocs.yml; every bad setting a message at its line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from builder.settings import Language, SettingsError, read_settings
from tests.conftest import golden

REPO = Path(__file__).resolve().parent.parent
CASES = Path(__file__).parent / "fixtures" / "bad-settings"


def test_shipped_settings() -> None:
    settings = read_settings(REPO / "mkdocs.yml")
    assert list(settings.languages) == ["en", "nl", "ru", "tr", "it"]
    assert settings.default_language == "en"
    assert settings.languages["nl"] == Language(
        name="Nederlands", site_name="Service met zorg",
        description="Een training voor restaurantpersoneel over de drie pijlers van service.",
        copyright="Gemaakt met carecourse")
    assert settings.course.pass_mark == 80
    assert settings.course.assessment.reveal_answers == "after_pass"
    assert settings.course.allow_raw_html is False
    assert settings.docs_dir == REPO / "content" / "en"
    assert settings.scenarios_dir == REPO / "scenarios"
    assert settings.logo_path == REPO / "content" / "en" / "assets" / "logo.svg"
    assert settings.plugins == ("search",), "every plugin but carecourse, as written"
    # translated sites never show the default language's description or footer
    assert settings.description_for("en") == settings.site_description
    assert settings.copyright_for("ru") == "Сделано с помощью carecourse"
    with pytest.raises(ValueError):
        settings.course.pass_mark = 10  # type: ignore[misc]


def test_short_and_long_language_forms(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: T\nplugins:\n  - carecourse:\n      course_version: 2.5\n"
        "      paper: letter\n      languages:\n        en: English\n"
        "        pt-BR: {name: Português, site_name: Curso}\n", encoding="utf-8")
    settings = read_settings(tmp_path / "mkdocs.yml")
    assert settings.language_names == {"en": "English", "pt-BR": "Português"}
    assert settings.site_name_for("pt-BR") == "Curso" and settings.site_name_for("en") == "T"
    assert settings.course.course_version == "2.5" and settings.course.paper == "Letter"
    assert settings.plugins == (), "search was not listed, so it stays off"


def test_no_plugin_block_means_defaults(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: T\ntheme: {name: material, language: it}\n",
                                         encoding="utf-8")
    settings = read_settings(tmp_path / "mkdocs.yml")
    assert settings.language_names == {"it": "it"}
    assert settings.plugins is None and settings.course.pass_mark == 80


def test_mkdocs_tags_are_understood(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COURSE_URL", "https://example.org/training/")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: T\nsite_url: !ENV [COURSE_URL, 'http://x/']\nmarkdown_extensions:\n"
        "  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
        encoding="utf-8")
    settings = read_settings(tmp_path / "mkdocs.yml")
    assert settings.site_url == "https://example.org/training/"
    tag = settings.markdown_extensions[0]["pymdownx.emoji"]["emoji_index"]
    assert tag.tag.endswith("python/name:material.extensions.emoji.twemoji")


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
def test_bad_setting_message(case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES / case)
    with pytest.raises(SettingsError) as caught:
        read_settings("mkdocs.yml")
    text = str(caught.value)
    golden(CASES / case / "expected.txt", text + "\n")
    assert all(line.startswith("mkdocs.yml:") for line in text.splitlines())


@pytest.mark.parametrize("command", ["check", "build", "compile"])
@pytest.mark.parametrize("case", ["pass-mark-150", "language-xx", "language-slash"])
def test_check_and_build_refuse_bad_settings_alike(case: str, command: str,
                                                   tmp_path: Path) -> None:
    project = tmp_path / "p"
    project.mkdir()
    (project / "mkdocs.yml").write_text((CASES / case / "mkdocs.yml").read_text())
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "builder.cli", command], cwd=project,
                            env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    expected = (CASES / case / "expected.txt").read_text(encoding="utf-8").strip()
    assert expected in result.stderr
    assert sorted(p.name for p in project.iterdir()) == ["mkdocs.yml"], "nothing was written"
