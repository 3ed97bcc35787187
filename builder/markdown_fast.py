"""The fast path of :mod:`builder.markdown`: text fields whose only Markdown is paragraphs,
tight ``- `` lists and ``*emphasis*`` / ``**strong**``, rendered without Python-Markdown.

Most text fields are plain sentences, and most of the rest only mark a few words as
strong or list a few points. :func:`fast_html` gives for those exactly the HTML that
Python-Markdown and :func:`builder.markdown.sanitize` give (``tests/test_markdown_plain.py``
compares them on random texts and on every text of the shipped course) and ``None`` for
anything else, which then goes through them.
"""

from __future__ import annotations

import re

# Characters that may mean markup somewhere in a line (but ``*``, handled below), and what
# may start a block (lists, headings, quotes, admonitions, details, tabs, definitions,
# setext headings and rules)
_MARKUP_CHARS = re.compile(r"[\\`_\[\]{}<>&|~^#\t\r\x0b\x0c\u00a0\u2028\u2029]")
_MARKUP_START = re.compile(r"[-+=!?:>.\d]|\*(?:\s|$)")
_STARS = re.compile(r"\*+")
ITEM = "- "  # a list item's first line
MORE = "  "  # a list item's next lines (Python-Markdown keeps the indent in the item)


def emphasis(text: str) -> str | None:
    """``text`` with its ``*x*`` and ``**x**`` as ``<em>``/``<strong>``; ``None`` unless
    every star is in such a pair (no nesting, no star runs of three, no space inside the
    stars: Python-Markdown leaves a lone star as it is)."""
    if "*" not in text:
        return text
    runs = list(_STARS.finditer(text))
    if len(runs) % 2:
        return None
    out: list[str] = []
    end = 0
    for opening, closing in zip(runs[::2], runs[1::2], strict=True):
        stars = opening.end() - opening.start()
        inner = text[opening.end():closing.start()]
        if stars > 2 or closing.end() - closing.start() != stars or not inner \
                or inner[0].isspace() or inner[-1].isspace():
            return None
        tag = "strong" if stars == 2 else "em"
        out.append(f"{text[end:opening.start()]}<{tag}>{inner}</{tag}>")
        end = closing.end()
    out.append(text[end:])
    return "".join(out)


def _line_ok(line: str) -> bool:
    """A line's text: printable, no space around it, not the start of another block."""
    return bool(line) and line == line.strip() and line.isprintable() \
        and not _MARKUP_START.match(line)


def _tight_list(lines: list[str]) -> str | None:
    items: list[list[str]] = []
    for line in lines:
        if line.startswith(ITEM) and _line_ok(line[len(ITEM):]):
            items.append([line[len(ITEM):]])
        elif line.startswith(MORE) and items and _line_ok(line[len(MORE):]):
            items[-1].append(line)
        else:
            return None
    shown = [emphasis("\n".join(item)) for item in items]
    if any(html is None for html in shown):
        return None
    return "<ul>\n" + "\n".join(f"<li>{html}</li>" for html in shown) + "\n</ul>"


def _paragraph(lines: list[str]) -> str | None:
    if not all(_line_ok(line) for line in lines):
        return None
    html = emphasis("\n".join(lines))
    return None if html is None else f"<p>{html}</p>"


def fast_html(text: str) -> str | None:
    """The HTML of ``text`` if it is only paragraphs, tight lists and emphasis, else None."""
    if _MARKUP_CHARS.search(text):
        return None
    blocks: list[list[str]] = [[]]
    for line in text.rstrip("\n").split("\n"):
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    shown: list[str] = []
    was_list = False
    for lines in filter(None, blocks):
        is_list = lines[0].startswith(ITEM)
        if is_list and was_list:  # a second list after a blank line: one loose list
            return None
        html = _tight_list(lines) if is_list else _paragraph(lines)
        if html is None:
            return None
        shown.append(html)
        was_list = is_list
    return "\n".join(shown) if shown else None
