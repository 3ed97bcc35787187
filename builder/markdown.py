"""One Markdown configuration for text fields, site pages and PDFs, and the HTML sanitiser.

Text fields (scenarios, translations) and interface strings are rendered with
the ``markdown_extensions`` of ``mkdocs.yml`` -- the same ones MkDocs renders
the hand-written pages with, and the PDFs print them with -- so an admonition
in a story is an admonition on the site and in the handbook alike.

They are written by trainers and translators, so their HTML is cleaned with
nh3 *after* Markdown rendering, to this safe subset:

- kept: what Markdown and the configured extensions produce (paragraphs,
  emphasis, lists, links, images, tables, code, admonitions, details, tabs) and
  the same tags written by hand, with ``class``, ``id``, ``title``, ``lang``;
  ``style`` only for ``text-align``;
- removed: ``script``, ``style``, ``iframe``, ``object``, ``embed``, forms and
  their fields (but the radio buttons of content tabs), ``link``, ``meta``,
  ``base``, every event handler (``on...``), ``rel`` (so no
  ``rel="attachment"``), classes starting with ``cc-`` (the course's own
  widgets) and ids starting with ``__`` (the theme's own);
- links and images may use ``http:``, ``https:``, ``mailto:``, ``tel:`` or a
  relative address; ``javascript:``, ``data:``, ``vbscript:``, ``file:`` and
  every other scheme are dropped (the text stays, the link goes).

``allow_raw_html: true`` (trusted teams) keeps any tag and attribute *except*
scripts, event handlers, ``object``/``embed``, ``link``/``meta``/``base``,
``rel`` and unsafe URL schemes: still no script runs on a learner's page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import markdown as md_lib
import nh3
from markupsafe import Markup

from builder.markdown_fast import fast_html

# The Markdown extensions of the shipped mkdocs.yml (MkDocs adds toc, tables, fenced_code)
DEFAULT_EXTENSIONS: tuple[str, ...] = (
    "toc", "tables", "fenced_code", "admonition", "attr_list", "md_in_html",
    "pymdownx.details", "pymdownx.superfences", "pymdownx.tabbed",
)
DEFAULT_CONFIGS: dict[str, dict[str, Any]] = {
    "toc": {"permalink": True}, "pymdownx.tabbed": {"alternate_style": True},
}
MKDOCS_BUILTINS = ("toc", "tables", "fenced_code")  # MkDocs adds them to every config
# headings inside a text field are not sections of the page: no anchors, no permalinks
PAGE_ONLY = frozenset({"toc"})

URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_SAFE_TAGS = frozenset(nh3.ALLOWED_TAGS - {"area", "map"}) | {"input", "label"}
_TRUSTED_TAGS = _SAFE_TAGS | {
    "audio", "fieldset", "iframe", "legend", "picture", "section", "source", "track", "video",
}
_NEVER = frozenset({"script", "style", "object", "embed", "link", "meta", "base", "noscript",
                    "template", "frame", "frameset", "applet", "form"})
_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"class", "id", "title", "lang", "dir"},
    "a": {"href", "hreflang", "name"},
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"start", "type", "reversed"},
    "li": {"value"},
    "td": {"colspan", "rowspan", "align", "style"},
    "th": {"colspan", "rowspan", "align", "style", "scope"},
    "details": {"open"},
    "label": {"for"},
    "input": {"checked", "disabled", "name"},
    "abbr": set(),
    "time": {"datetime"},
}
_TRUSTED_EXTRA = {"style", "width", "height", "src", "alt", "controls", "poster",
                  "allowfullscreen", "sandbox", "role", "aria-label", "aria-hidden",
                  "colspan", "rowspan", "for", "checked", "name", "value", "open", "start",
                  "datetime", "loading", "srcset", "kind", "srclang", "label"}
_ENTITY_MARKS = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_[]#!|~{}"})


def _attribute_filter(tag: str, name: str, value: str) -> str | None:
    if name == "class":
        kept = [c for c in value.split() if not c.startswith("cc-")]
        return " ".join(kept) or None
    if name in ("id", "for", "name"):
        return None if value.startswith("__") and not value.startswith("__tabbed_") else value
    return value


@lru_cache(maxsize=2)
def _cleaner(trusted: bool) -> nh3.Cleaner:
    if trusted:
        tags = set(_TRUSTED_TAGS - _NEVER)
        attributes = {"*": _ATTRIBUTES["*"] | _TRUSTED_EXTRA, "a": _ATTRIBUTES["a"]}
        styles = None
    else:
        tags = set(_SAFE_TAGS - _NEVER)
        attributes = {k: set(v) for k, v in _ATTRIBUTES.items()}
        styles = {"text-align"}
    return nh3.Cleaner(
        tags=tags,
        clean_content_tags={"script", "style"},
        attributes=attributes,
        tag_attribute_values={"input": {"type": {"radio", "checkbox"}}},
        attribute_filter=_attribute_filter,
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        filter_style_properties=styles,
        strip_comments=True,
    )


# after cleaning, an <input> without an allowed type would be a text box: drop it
_TEXT_INPUT = re.compile(r'<input(?![^>]*\stype="(?:radio|checkbox)")[^>]*>')


# a link whose address was dropped stays as words: a <span> (the theme expects every <a>
# it handles to have an address); cleaned HTML never nests links
_DEAD_LINK = re.compile(r"<a((?:(?!\shref=)[^>])*)>(.*?)</a>", re.S)


def sanitize(fragment: str, *, allow_raw_html: bool = False) -> str:
    """``fragment`` with only the safe subset of HTML described above."""
    clean = _TEXT_INPUT.sub("", _cleaner(allow_raw_html).clean(fragment))
    return _DEAD_LINK.sub(r"<span\1>\2</span>", clean) if "<a" in clean else clean


@dataclass(frozen=True)
class MarkdownConfig:
    """Extensions (in order) and their settings, as ``mkdocs.yml`` gives them."""

    extensions: tuple[str, ...] = DEFAULT_EXTENSIONS
    configs: tuple[tuple[str, str], ...] = field(default=())  # (extension, repr) for hashing
    settings: Mapping[str, dict[str, Any]] = field(
        default_factory=lambda: {k: dict(v) for k, v in DEFAULT_CONFIGS.items()},
        compare=False, hash=False)
    allow_raw_html: bool = False

    @classmethod
    def from_entries(cls, entries: Iterable[Any] | Mapping[str, Any], *,
                     allow_raw_html: bool = False) -> MarkdownConfig:
        """From ``markdown_extensions`` as written in ``mkdocs.yml`` (names, or one-key
        mappings of a name to its settings), read as MkDocs reads it: its built-in
        ``toc``, ``tables`` and ``fenced_code`` first, each extension once."""
        items = ([{k: v} for k, v in entries.items()] if isinstance(entries, Mapping)
                 else list(entries))
        names: list[str] = list(MKDOCS_BUILTINS)
        configs: dict[str, Any] = {}
        for item in items:
            pairs = item.items() if isinstance(item, Mapping) else [(item, None)]
            for name, values in pairs:
                names.append(str(name))
                if isinstance(values, Mapping):
                    configs[str(name)] = dict(values)
        return cls.from_mkdocs(dict.fromkeys(names), configs, allow_raw_html=allow_raw_html)

    @classmethod
    def from_mkdocs(cls, extensions: Iterable[Any], configs: Mapping[str, Any] | None,
                    *, allow_raw_html: bool = False) -> MarkdownConfig:
        """From a loaded MkDocs config's ``markdown_extensions`` and ``mdx_configs``."""
        names = tuple(e for e in extensions if isinstance(e, str)) or DEFAULT_EXTENSIONS
        settings = {k: dict(v or {}) for k, v in (configs or {}).items() if k in names}
        return cls(names, tuple(sorted((k, repr(v)) for k, v in settings.items())), settings,
                   allow_raw_html)

    def converter(self, *, page: bool, overrides: Mapping[str, dict[str, Any]] | None = None,
                  extra: Iterable[Any] = ()) -> md_lib.Markdown:
        """A Python-Markdown converter: for a whole page, or (``page=False``) a text field."""
        names = [e for e in self.extensions if page or e not in PAGE_ONLY]
        settings = {k: dict(v) for k, v in self.settings.items() if k in names}
        for name, values in (overrides or {}).items():
            if name in names:
                settings.setdefault(name, {}).update(values)
        return md_lib.Markdown(extensions=[*names, *extra], extension_configs=settings)


_active = [MarkdownConfig()]


def configure(config: MarkdownConfig) -> None:
    """Use ``config`` for every text field from now on (read once from mkdocs.yml)."""
    _active[0] = config


def active() -> MarkdownConfig:
    return _active[0]


@lru_cache(maxsize=4)
def _field_converter(config: MarkdownConfig) -> md_lib.Markdown:
    return config.converter(page=False)


# Extensions that leave a text without Markdown's characters as it is (plain_html)
PLAIN_SAFE = frozenset(DEFAULT_EXTENSIONS) | {"abbr", "def_list", "footnotes", "sane_lists",
                                             "pymdownx.highlight", "pymdownx.inlinehilite"}


def plain_html(text: str, config: MarkdownConfig) -> str | None:
    """The HTML of a text field with no Markdown but paragraphs, tight lists and emphasis,
    exactly as Python-Markdown and :func:`sanitize` give it
    (:func:`builder.markdown_fast.fast_html`); ``None`` for any other text (or another
    configuration), which then goes through them."""
    if not config.extensions or not PLAIN_SAFE.issuperset(config.extensions):
        return None
    return fast_html(text)


@lru_cache(maxsize=65536)
def _block(text: str, config: MarkdownConfig) -> str:
    plain = plain_html(text, config)
    if plain is not None:
        return plain
    converter = _field_converter(config)
    converter.reset()
    return sanitize(converter.convert(text), allow_raw_html=config.allow_raw_html)


def block(text: str) -> Markup:
    """A text field as safe HTML (cached: a question shows on up to three pages)."""
    return Markup(_block(text, _active[0]))


@lru_cache(maxsize=65536)
def _inline(text: str, config: MarkdownConfig) -> Markup:
    out = _block(text, config).strip()
    if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        out = out[3:-4]
    return Markup(out)


def inline(text: str) -> Markup:
    """A one-paragraph text field as safe HTML without its ``<p>`` (cached: an option
    shows in its question, the answer fold and the feedback list)."""
    return _inline(text, _active[0])


def as_markdown(safe_html: str) -> str:
    """Safe HTML that stays as it is when MkDocs renders the page's Markdown again:
    Markdown's own characters in the text become character references."""
    parts = re.split(r"(<[^>]*>)", str(safe_html))
    return "".join(p if p.startswith("<") else p.translate(_ENTITY_MARKS) for p in parts)


def heading(level: int, text: str) -> str:
    """A Markdown heading of ``text`` (rendered and cleaned first)."""
    return "#" * level + " " + as_markdown(inline(text)).replace("\n", " ")


def admonition(kind: str, text: str, *, title: str = "", html: bool = False) -> str:
    """A note box as the admonition extension draws it; ``text`` is Markdown (or, with
    ``html``, HTML that is already safe)."""
    head = f'<p class="admonition-title">{inline(title)}</p>' if title else ""
    body = text if html else block(text)
    return f'<div class="admonition {kind}">{head}\n{body}\n</div>'


def plain_text(text: str) -> str:
    """A text without any markup, e.g. for a navigation title."""
    return " ".join(html.unescape(re.sub(r"<[^>]*>", "", str(inline(text)))).split())


def nav_title(text: str) -> str:
    """A title for the theme's navigation. Material writes titles into the page text
    unescaped, escapes them in attributes, and unescapes them in ``<title>``; so the title
    is plain text with no ``<`` or ``>`` and no ``&`` that could start a character
    reference (quotes are harmless in text and escaped in attributes)."""
    plain = plain_text(text).replace("<", "‹").replace(">", "›")
    return re.sub(r"&(?=[#\w])", "＆", plain)
