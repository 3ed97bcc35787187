"""What a reader sees on each page of a PDF, as word boxes (poppler's ``pdftotext -bbox``).

The layout tests use it to find page numbers that run into text and pages that hold
only a stray line or two.
"""

from __future__ import annotations

import itertools
import re
import subprocess
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from pathlib import Path

_NS = "{http://www.w3.org/1999/xhtml}"
MM = 72 / 25.4
TOP_MARGIN = 24 * MM  # print.css: the running header stands above the page's top margin
BOTTOM_MARGIN = 22 * MM  # ...and the footer below its bottom margin
SIDE_MARGIN = 24 * MM
LEADER = re.compile(r"[.…·]+")
GLUED_NUMBER = re.compile(r"[^\W\d_][.,:;!?…»”’\")]*\d{1,3}$")  # "hangisi?18"


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    def overlaps(self, other: Word, slack: float = 0.5) -> bool:
        """Do the two boxes cover each other (on one line, not just a tall glyph box)?"""
        across = min(self.x1, other.x1) - max(self.x0, other.x0)
        down = min(self.y1, other.y1) - max(self.y0, other.y0)
        return across > slack and down > 0.5 * min(self.height, other.height)


@dataclass(frozen=True)
class Page:
    number: int
    height: float
    width: float
    words: list[Word]

    def body(self) -> list[Word]:
        """The words between the running header and the footer, leader dots left out."""
        return [w for w in self.words if w.y0 > TOP_MARGIN - 1
                and w.y1 < self.height - BOTTOM_MARGIN + 1 and not LEADER.fullmatch(w.text)]

    def header(self) -> str:
        """The running header's right half: the chapter the page belongs to."""
        return " ".join(w.text for w in self.words
                        if w.y1 < TOP_MARGIN and w.x0 > self.width / 2)

    def lines(self) -> list[list[Word]]:
        """The body's words grouped into lines (same baseline), left to right."""
        rows: list[list[Word]] = []
        for word in sorted(self.body(), key=lambda w: (round(w.y1), w.x0)):
            if rows and abs(rows[-1][0].y1 - word.y1) <= 3:
                rows[-1].append(word)
            else:
                rows.append([word])
        return [sorted(row, key=lambda w: w.x0) for row in rows]


def pages(pdf: Path) -> list[Page]:
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    root = etree.fromstring(out)
    return [
        Page(n, float(page.get("height", 0)), float(page.get("width", 0)),
             [Word(w.text or "", *(float(w.get(k, 0)) for k in ("xMin", "yMin", "xMax", "yMax")))
              for w in page.iter(_NS + "word")])
        for n, page in enumerate(root.iter(_NS + "page"), 1)
    ]


def collisions(page: Page) -> list[str]:
    """Words drawn over each other, and page numbers stuck to the word before them."""
    found = [f"'{w.text}'" for w in page.words if GLUED_NUMBER.search(w.text)]
    words = sorted(page.words, key=lambda w: w.y0)
    for i, a in enumerate(words):  # a sweep down the page: only words that share a band
        for b in itertools.takewhile(lambda b, a=a: b.y0 < a.y1, words[i + 1:]):
            if a.overlaps(b):
                found.append(f"'{a.text}' over '{b.text}'")
    return found


def page_numbers_out_of_line(page: Page) -> list[str]:
    """Contents and index entries whose page numbers do not share one right-hand edge."""
    numbers = page_numbers(page)
    edge = max((w.x1 for w in numbers), default=0)
    return [" ".join(w.text for w in row[-3:]) for row in page.lines()
            if row[-1] in numbers and edge - row[-1].x1 > 1]


def stray_pages(pdf_pages: list[Page], min_lines: int) -> list[str]:
    """Pages that go on from the page before (same chapter in the running header) and hold
    fewer than ``min_lines`` lines: a sentence or two left over from a chapter."""
    return [f"page {p.number}: {len(p.lines())} line(s): "
            + " / ".join(" ".join(w.text for w in row) for row in p.lines())[:160]
            for before, p in itertools.pairwise(pdf_pages)
            if p.header() and p.header() == before.header() and len(p.lines()) < min_lines]


def index_entries(page: Page) -> list[tuple[str, int]]:
    """``(number, page number)`` of each question-index entry on ``page`` ("2.1", 19): an
    entry starts with its number, and its page number stands at the right margin, level with
    its last line (alone below it when the leader took a line of its own)."""
    right = page.width - SIDE_MARGIN - 1
    entries: list[tuple[str, int]] = []
    current: str | None = None
    for row in page.lines():
        if re.fullmatch(r"\d+\.\d+", row[0].text):
            current = row[0].text
        if current and row[-1].text.isdigit() and row[-1].x1 > right:
            entries.append((current, int(row[-1].text)))
            current = None
    return entries if page_numbers(page) else []  # a page with no leaders is no index


def page_numbers(page: Page) -> list[Word]:
    """Numbers that end a line of leader dots (contents and index entries)."""
    return [row[-1] for row in page.lines() if row[-1].text.isdigit()
            and any(LEADER.fullmatch(w.text) for w in page.words if abs(w.y1 - row[-1].y1) <= 3)]
