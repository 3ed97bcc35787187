"""WeasyPrint, offline: HTML + print.css -> PDF, written atomically.

Every URL goes through :class:`~builder.pdf.fetcher.ProjectFetcher` (files inside
the project's content folder, the logo and carecourse's own files; nothing from
the network), and no file is ever attached to a PDF (``rel="attachment"``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from weasyprint import CSS, HTML
from weasyprint.document import Document
from weasyprint.text.fonts import FontConfiguration

from builder.pdf.fetcher import PACKAGE, ProjectFetcher
from builder.pdf.settings import PRINT_CSS


@lru_cache(maxsize=1)
def _stylesheet() -> tuple[CSS, FontConfiguration]:
    """print.css, parsed once per process and shared by every document it renders."""
    fonts = FontConfiguration()
    css = CSS(filename=str(PRINT_CSS), url_fetcher=ProjectFetcher([PACKAGE]), font_config=fonts)
    return css, fonts


def _without_attachments(document: Document) -> Document:
    """Drop ``<link rel="attachment">`` and ``<a rel="attachment">``: nothing is embedded."""
    document.metadata.attachments = []
    for page in document.pages:
        page.links = [link for link in page.links if link[0] != "attachment"]
    return document


def render(html: str, *, base_dir: Path, roots: Iterable[Path] = (),
           refused: list[str] | None = None) -> Document:
    """Lay out ``html`` with print.css. Relative URLs are resolved against ``base_dir``, but
    only files under ``roots`` (and carecourse's own) are loaded; the others are added to
    ``refused``."""
    stylesheet, fonts = _stylesheet()
    fetcher = ProjectFetcher([PACKAGE, *roots])
    document = HTML(
        string=html, base_url=Path(base_dir).resolve().as_uri() + "/", url_fetcher=fetcher,
    ).render(stylesheets=[stylesheet], font_config=fonts)
    if refused is not None:
        refused.extend(fetcher.refused)
    return _without_attachments(document)


def write_document(document: Document, out: Path) -> Path:
    """Write the PDF next to ``out`` first, then move it into place."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        document.write_pdf(tmp)
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return out


def write_pdf(html: str, out: Path, *, base_dir: Path, roots: Iterable[Path] = (),
              refused: list[str] | None = None) -> int:
    """Render ``html`` into ``out``; return the number of pages."""
    document = render(html, base_dir=base_dir, roots=roots, refused=refused)
    write_document(document, out)
    return len(document.pages)
