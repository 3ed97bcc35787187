"""The hand-written Markdown pages (``content/<lang>/``), converted for print.

The pages go through Python-Markdown with the extensions of ``mkdocs.yml`` (the one
configuration of :mod:`builder.markdown`, as on the site and for text fields); a
tree processor then makes the result printable: content tabs become plain
titled sections, collapsible blocks become open boxes, links between pages
become links inside the PDF, and ids are prefixed so that pages can share one
HTML document.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import markdown as md_lib
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from builder.languages import docs_dir_for
from builder.pdf.settings import PdfSettings

# For print: no pilcrow links after headings.
_PRINT_CONFIG = {"toc": {"permalink": False}}
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


@dataclass(frozen=True)
class PrintPage:
    """One hand-written page, ready to be placed in a handbook."""

    uri: str  # "pillars/care.md", relative to the content folder
    anchor: str  # the id of its chapter in the PDF
    title: str  # the text of its first heading
    html: Markup  # the page without that heading
    fallback: bool  # shown in the default language: not translated yet


def page_anchor(uri: str) -> str:
    stem = uri[:-3] if uri.endswith(".md") else uri
    return "page-" + re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")


def scenario_anchor(scenario_id: str) -> str:
    return f"scenario-{scenario_id}"


def page_file(settings: PdfSettings, project_dir: Path, language: str,
              uri: str) -> tuple[Path | None, bool]:
    """The file of page ``uri`` in ``language``, and whether it is the default's instead."""
    default_docs = project_dir / settings.docs_dir
    docs = docs_dir_for(default_docs, settings.default_language, language)
    own = docs / uri
    if own.is_file() and (docs != default_docs or language == settings.default_language):
        return own, False
    fallback = default_docs / uri
    if fallback.is_file():
        return fallback, language != settings.default_language
    return None, False


def extra_pages(settings: PdfSettings, project_dir: Path, known: set[str]) -> list[str]:
    """Hand-written pages beyond home, lesson and pillars (the site lists them last)."""
    root = project_dir / settings.docs_dir
    if not root.is_dir():
        return []
    pages = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.md"))
    return [p for p in pages if p not in known and p != "index.md"
            and not p.startswith("scenarios/")]


class _PrintTree(Treeprocessor):
    def __init__(self, md: md_lib.Markdown, uri: str, anchor: str, source_dir: Path,
                 links: dict[str, str]) -> None:
        super().__init__(md)
        self.uri = uri
        self.anchor = anchor
        self.source_dir = source_dir
        self.links = links
        self.title = ""

    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            for i, child in enumerate(list(parent)):
                if child.tag == "div" and "tabbed-set" in child.get("class", "").split():
                    parent[i] = self._tabs(child)
                elif child.tag == "details":
                    parent[i] = self._details(child)
        self._take_title(root)
        for el in root.iter():
            if el.get("id"):
                el.set("id", f"{self.anchor}--{el.get('id')}")
            if el.tag == "a" and el.get("href") is not None:
                self._link(el)
            elif el.tag == "img" and el.get("src"):
                self._image(el)

    def _take_title(self, root: etree.Element) -> None:
        for i, child in enumerate(list(root)):
            if child.tag == "h1":
                self.title = " ".join("".join(child.itertext()).split())
                del root[i]
                return

    @staticmethod
    def _tabs(tabset: etree.Element) -> etree.Element:
        labels = [lab for div in tabset.findall("div") if "tabbed-labels" in div.get("class", "")
                  for lab in div.findall("label")]
        blocks = [blk for div in tabset.findall("div")
                  if "tabbed-content" in div.get("class", "")
                  for blk in div.findall("div")]
        kind = "cc-tabs cc-tabs--pair" if len(blocks) == 2 else "cc-tabs"
        out = etree.Element("div", {"class": kind})
        for label, block in zip(labels, blocks, strict=False):
            section = etree.SubElement(out, "section", {"class": "cc-tab"})
            title = etree.SubElement(section, "p", {"class": "cc-tab__title"})
            title.text = label.text
            for sub in label:
                title.append(sub)
            for sub in block:
                section.append(sub)
        etree.SubElement(out, "div", {"class": "cc-tabs__end"})  # below the side-by-side pair
        return out

    @staticmethod
    def _details(details: etree.Element) -> etree.Element:
        kinds = " ".join(c for c in details.get("class", "").split() if c != "open")
        out = etree.Element("div", {"class": f"admonition {kinds}".strip()})
        for child in details:
            if child.tag == "summary":
                title = etree.SubElement(out, "p", {"class": "admonition-title"})
                title.text = child.text
                for sub in child:
                    title.append(sub)
                title.tail = None
            else:
                out.append(child)
        return out

    def _link(self, a: etree.Element) -> None:
        href = a.get("href", "")
        if href.startswith("#"):
            a.set("href", f"#{self.anchor}--{href[1:]}" if len(href) > 1 else f"#{self.anchor}")
            return
        if _SCHEME.match(href):
            a.set("class", (a.get("class", "") + " cc-ext").strip())
            return
        path, _, fragment = href.partition("#")
        target = posixpath.normpath(posixpath.join(posixpath.dirname(self.uri), path))
        if target.endswith("/"):
            target += "index.md"
        anchor = self.links.get(target) or self.links.get(target.rstrip("/") + "/index.md")
        if anchor is None:  # a page the PDF does not have (home, assessment): keep the words
            a.tag = "span"
            a.attrib.pop("href", None)
            return
        a.set("href", f"#{anchor}--{fragment}" if fragment and anchor.startswith("page-")
              else f"#{anchor}")
        a.set("class", (a.get("class", "") + " cc-xref").strip())

    def _image(self, img: etree.Element) -> None:
        src = img.get("src", "")
        if _SCHEME.match(src) or src.startswith("/"):
            return
        img.set("src", (self.source_dir / src).resolve().as_uri())


class _PrintExtension(Extension):
    def __init__(self, tree: dict[str, Any]) -> None:
        super().__init__()
        self.tree_args = tree
        self.processor: _PrintTree | None = None

    def extendMarkdown(self, md: md_lib.Markdown) -> None:
        self.processor = _PrintTree(md, **self.tree_args)
        md.treeprocessors.register(self.processor, "carecourse_print", 1)


def convert_page(settings: PdfSettings, path: Path, uri: str, links: dict[str, str],
                 *, fallback: bool, default_title: str) -> PrintPage:
    """One Markdown file as printable HTML; links use ``links`` (``uri -> anchor``)."""
    anchor = page_anchor(uri)
    ext = _PrintExtension({"uri": uri, "anchor": anchor, "source_dir": path.parent,
                           "links": links})
    converter = settings.markdown.converter(page=True, overrides=_PRINT_CONFIG, extra=[ext])
    html = converter.convert(path.read_text(encoding="utf-8-sig"))
    assert ext.processor is not None
    return PrintPage(uri=uri, anchor=anchor, title=ext.processor.title or default_title,
                     html=Markup(html), fallback=fallback)


def placeholder_page(uri: str, title: str) -> PrintPage:
    """A page that exists in no language (the site shows just its title too)."""
    return PrintPage(uri=uri, anchor=page_anchor(uri), title=title, html=Markup(""),
                     fallback=False)
