"""The generated mkdocs.yml of a language: the light and dark schemes follow the device,
and nothing in the footer is English on a translated site."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.course import load_editions
from builder.locale import ui_strings
from builder.settings import read_settings
from builder.sitecfg import site_config

REPO = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "site"


@pytest.mark.parametrize("language", ["en", "nl", "ru", "tr", "it"])
def test_the_palette_follows_the_device_with_labels_in_the_language(language: str) -> None:
    edition = load_editions(read_settings(REPO / "mkdocs.yml"), [language])[language]
    config = site_config(edition, [], site_url=None)
    light, dark = config["theme"]["palette"]
    site = ui_strings(language)["site"]
    assert light == {"media": "(prefers-color-scheme: light)", "scheme": "default",
                     "primary": "custom", "accent": "custom",
                     "toggle": {"icon": "material/brightness-7", "name": site["to_dark"]}}
    assert dark == {"media": "(prefers-color-scheme: dark)", "scheme": "slate",
                    "primary": "custom", "accent": "custom",
                    "toggle": {"icon": "material/brightness-4", "name": site["to_light"]}}
    assert config["extra"]["generator"] is False, "Material's English 'Made with' line is off"
    if language != "en":
        assert site["to_dark"] != ui_strings("en")["site"]["to_dark"]


def test_a_language_without_its_own_footer_line_gets_carecourses_in_its_words() -> None:
    settings = read_settings(FIXTURE / "mkdocs.yml")  # no copyright at all
    editions = load_editions(settings, ["en", "nl"])
    assert site_config(editions["en"], [], site_url=None)["copyright"] == "Made with carecourse"
    assert site_config(editions["nl"], [], site_url=None)["copyright"] == \
        "Gemaakt met carecourse"
    assert "palette" in site_config(editions["nl"], [], site_url=None)["theme"]


def test_a_fixed_scheme_of_the_project_is_kept(tmp_path: Path) -> None:
    text = (FIXTURE / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "  font: false\n", "  font: false\n  palette: {scheme: slate, primary: indigo}\n")
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(text, encoding="utf-8")
    for name in ("content", "scenarios"):
        (tmp_path / name).symlink_to(FIXTURE / name)
    edition = load_editions(read_settings(config_file), ["en"])["en"]
    palette = site_config(edition, [], site_url=None)["theme"]["palette"]
    assert palette == {"scheme": "slate", "primary": "indigo"}
