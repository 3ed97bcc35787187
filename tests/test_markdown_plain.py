"""The fast path for plain text fields gives exactly what Python-Markdown and nh3 give."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from builder import markdown
from builder.course import load_editions
from builder.markdown import PLAIN_SAFE, MarkdownConfig, plain_html, sanitize
from builder.settings import read_settings

REPO = Path(__file__).resolve().parent.parent
SHIPPED = read_settings(REPO / "mkdocs.yml").markdown
# every extension the fast path allows, at once
EVERY_SAFE = MarkdownConfig(tuple(sorted(PLAIN_SAFE)))


def slow(text: str, config: MarkdownConfig) -> str:
    converter = config.converter(page=False)
    return sanitize(converter.convert(text), allow_raw_html=config.allow_raw_html)


# letters of the five languages, digits, punctuation (Markdown's own characters too: the
# fast path must refuse what it cannot render), spaces and line breaks
ALPHABET = st.sampled_from(
    list("aAzZ09 éçğıİşöüÇŞ ятЖЁ ,.;:?!'\"()-–—…«»„“”’/%+=@$\n\n ")
    + list("*_`[]{}<>&|~^#\\\t\u00a0") + ["1. ", "- ", "!!! ", "??? ", "=== ", ": ", "    "])
TEXTS = st.lists(ALPHABET, max_size=60).map("".join)
SENTENCES = st.lists(st.text(st.sampled_from(list("abcXYZ ёж,.?!'\"()-—:;")), min_size=1,
                             max_size=30), min_size=1, max_size=6).map(
    lambda parts: "\n".join(parts))


def assert_fast_is_slow(text: str) -> None:
    """Where the fast path answers, it answers what Markdown + nh3 would."""
    for config in (SHIPPED, EVERY_SAFE):
        fast = plain_html(text, config)
        if fast is not None:
            assert fast == slow(text, config), repr(text)


@settings(max_examples=400, deadline=None)
@given(st.one_of(TEXTS, SENTENCES))
@example("He said: \"yes\" (3).\n\nThen — «oui»!\n")
@example("2024 was good.\nIt was 1.5 times better.")
@example("a\n\n\nb\n")
@example("1. Greet.\n2) Seat.")
@example("Ask.\n- a\n+ b\n> c")
@example("!!! note\n??? tip\n=== tab\n: term")
@example("Title\n===")
@example("And\n---")
@example("- item")
def test_plain_path_is_byte_identical(text: str) -> None:
    assert_fast_is_slow(text)


# what the fast path renders itself: words with stars, list items and their next lines
WORDS = st.text(st.sampled_from(list("abXY ё,.:'\"()")), min_size=1, max_size=12)
WORD = WORDS.map(lambda w: f"a{w}b")
PAIR = st.one_of(WORDS, WORD, WORD.map(lambda w: f" {w} "), WORD.map(lambda w: f"**{w}**"),
                 WORD.map(lambda w: f"*{w}*"))
NOISE = st.sampled_from(["*", "**", "***", " *", "* ", "** ", " **"])


def lines_of(piece: st.SearchStrategy[str], starts: list[str]) -> st.SearchStrategy[str]:
    line = st.lists(piece, min_size=1, max_size=5).map("".join)
    return st.lists(st.one_of(st.tuples(st.sampled_from(starts), line).map("".join),
                              st.just("")), min_size=1, max_size=8).map("\n".join)


# well-formed texts (most of them answered by the fast path), then ones with stray stars
# and list marks it must refuse or get right
CLEAN = lines_of(PAIR, ["", "", "- ", "  "])
MARKED = lines_of(st.one_of(PAIR, NOISE), ["", "- ", "  ", "-  ", "   ", "* ", "1. "])
# paragraphs and lists of marked words, between blank lines (nearly all answered)
STARRED = st.lists(st.one_of(WORD, WORD.map(lambda w: f"**{w}**"), WORD.map(lambda w: f"*{w}*")),
                   min_size=1, max_size=3).map(" ".join)
BLOCK = st.one_of(st.lists(STARRED, min_size=1, max_size=3).map("\n".join),
                  st.lists(st.tuples(st.sampled_from(["- ", "- ", "  "]), STARRED).map("".join),
                           min_size=1, max_size=4).map("\n".join))
BLOCKS = st.lists(BLOCK, min_size=1, max_size=4).map("\n\n".join)


@settings(max_examples=800, deadline=None)
@given(st.one_of(CLEAN, MARKED, BLOCKS))
@example("- **Listened**, and acted.\n- **Remembered**, and said: \"bread\n  now.\"")
@example("**Care.** A guest.\n\n- a\n- b\n\nAfter.")
@example("- a\n\n- b")
@example("a * b * c")
@example("foo*bar*baz and **x**y")
@example("***x***")
@example("Text\n- item")
@example("- item\ntext")
def test_emphasis_and_lists_are_byte_identical(text: str) -> None:
    assert_fast_is_slow(text)


def test_the_fast_path_answers_lists_and_emphasis() -> None:
    text = "**Care.** A guest.\n\n- *one*\n- two,\n  and more"
    assert plain_html(text, SHIPPED) == (
        "<p><strong>Care.</strong> A guest.</p>\n"
        "<ul>\n<li><em>one</em></li>\n<li>two,\n  and more</li>\n</ul>")
    assert plain_html("a * b", SHIPPED) is None  # a lone star: left to Markdown


def test_plain_path_refuses_other_extensions() -> None:
    smart = MarkdownConfig((*SHIPPED.extensions, "smarty"))
    assert plain_html('He said "yes"', smart) is None
    assert plain_html('He said "yes"', SHIPPED) == '<p>He said "yes"</p>'


def strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return [value] if isinstance(value, str) else []


def test_every_text_of_the_shipped_course() -> None:
    """Every text field of every language: the fast path agrees wherever it answers,
    and answers for most of them."""
    settings_ = read_settings(REPO / "mkdocs.yml")
    texts = {t for e in load_editions(settings_).editions.values() for s in e.scenarios
             for t in strings(s.model_dump(mode="json"))}
    config = markdown.active()
    fast = {t: plain_html(t, config) for t in texts}
    for text, html in fast.items():
        if html is not None:
            assert html == slow(text, config), repr(text)
    answered = sum(html is not None for html in fast.values())
    assert answered > 0.9 * len(texts), f"{answered} of {len(texts)}"
