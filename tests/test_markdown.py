"""One Markdown configuration for text fields, pages and PDFs; raw HTML sanitised."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from builder import markdown
from builder.locale import ui_strings
from builder.markdown import MarkdownConfig, block, configure, heading, nav_title, sanitize
from builder.pdf import settings_from_mkdocs
from builder.pdf.documents import course_view, handbook_html
from builder.render import scenario_markdown
from builder.schema import Scenario
from builder.yamlsource import load

REPO = Path(__file__).resolve().parent.parent
SITE = Path(__file__).parent / "fixtures" / "site"

HOSTILE = [
    ("<script>window.pwned=1</script>ok", "ok"),
    ('<img src="x" onerror="window.pwned=1">', '<img src="x">'),
    ("[click](javascript:window.pwned=1)", "<span>click</span>"),
    ("[click](JaVa&#x53;cript:window.pwned=1)", "<span>click</span>"),
    ("[data](data:text/html;base64,PHNjcmlwdD4=)", "<span>data</span>"),
    ("[vb](vbscript:msgbox)", "<span>vb</span>"),
    ('<a href="file:///etc/passwd" rel="attachment">f</a>', "<span>f</span>"),
    ('<link rel="attachment" href="file:///etc/passwd">', ""),
    ('<iframe src="https://example.org"></iframe>', ""),
    ('<form action="/x"><input type="text" name="pw"><button>Go</button></form>', "Go"),
    ('<object data="x.swf"></object><embed src="x.swf">', ""),
    ('<div style="position:fixed" class="cc-quiz note">x</div>', '<div class="note">x</div>'),
    ('<p id="__config">x</p>', "<p>x</p>"),
    ("<svg><script>window.pwned=1</script></svg>", ""),
    ('<math><mtext><table><mglyph><style><img src=x onerror="window.pwned=1">', ""),
]


@pytest.fixture(autouse=True)
def _default_config():
    configure(MarkdownConfig())
    yield
    configure(MarkdownConfig())


@pytest.mark.parametrize(("source", "expected"), HOSTILE)
def test_hostile_html_is_cleaned(source: str, expected: str) -> None:
    out = str(block(source))
    assert not re.search(r"\son\w+=|javascript:|<script|<iframe|<link|rel=", out, re.I), out
    assert expected in out, out


def test_trusted_teams_keep_html_but_never_scripts() -> None:
    configure(MarkdownConfig(allow_raw_html=True))
    out = str(block('<iframe src="https://example.org/v"></iframe>'
                    '<script>window.pwned=1</script><b onclick="x()">b</b>'
                    '[j](javascript:alert(1))'))
    assert '<iframe src="https://example.org/v"></iframe>' in out
    assert "script" not in out and "onclick" not in out and "javascript" not in out


def test_markdown_of_mkdocs_yml_for_text_fields() -> None:
    configure(MarkdownConfig.from_mkdocs(["admonition", "toc"], {"toc": {"permalink": True}}))
    out = str(block('!!! note "Careful"\n    Hot plates.\n\n## A heading\n\n"Quotes"'))
    assert '<div class="admonition note">' in out
    assert '<h2>A heading</h2>' in out, "no page anchors inside a text field"
    assert '"Quotes"' in out, "straight quotes, as in the pages"


def test_heading_and_nav_titles_carry_no_markup() -> None:
    assert heading(2, "Tom *&* <b onclick=x>Jerry</b>") == "## Tom <em>&amp;</em> <b>Jerry</b>"
    assert heading(1, r"Use \*stars\*") == "# Use &#42;stars&#42;"
    title = nav_title("x</title><script>alert(1)</script> <img src=x onerror=alert(1)> & \"q\"")
    assert "<" not in title and ">" not in title
    assert title == 'x & "q"'
    assert nav_title("Tom &amp;lt;b&amp;gt; &lt;/title&gt;") == "Tom ＆lt;b＆gt; ‹/title›"


def test_sanitize_keeps_what_markdown_makes() -> None:
    made = block("=== \"A\"\n    a\n=== \"B\"\n    b\n\n| x | y |\n|:-:|---|\n| 1 | 2 |\n")
    assert str(made) == sanitize(str(made))  # nothing the extensions make is removed
    assert 'type="radio"' in made and 'style="text-align:center"' in made


def test_an_admonition_in_a_story_renders_on_the_site_and_in_the_handbook(tmp_path: Path) -> None:
    source = (SITE / "scenarios" / "cold-soup.yaml").read_text(encoding="utf-8")
    source = source.replace("story: |\n", 'story: |\n  !!! warning "Hot"\n      Mind the bowl.\n\n')
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "scenarios" / "cold-soup.yaml").write_text(source, encoding="utf-8")
    shutil.copytree(SITE / "content", tmp_path / "content")
    shutil.copy(SITE / "mkdocs.yml", tmp_path / "mkdocs.yml")
    settings = settings_from_mkdocs(tmp_path / "mkdocs.yml")
    configure(settings.markdown)
    scenario = Scenario.model_validate(load(source)[0])
    page = scenario_markdown(scenario, ui_strings("en"))
    printed = handbook_html(settings, course_view(tmp_path, settings, "en"))
    box = '<div class="admonition warning">\n<p class="admonition-title">Hot</p>'
    assert box in page and box in printed
    assert "!!! warning" not in printed
    assert markdown.active() == settings.markdown
