"""WeasyPrint, offline: HTML + print.css -> PDF, written atomically."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from weasyprint import CSS, HTML
from weasyprint.document import Document
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from builder.pdf.settings import PRINT_CSS

ALLOWED_SCHEMES = ("file", "data")


class OfflineFetcher(URLFetcher):
    """Loads local files and data: URLs only; anything on the network is refused."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=ALLOWED_SCHEMES, allow_redirects=False)

    def fetch(self, url, headers=None):
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme not in ALLOWED_SCHEMES:
            raise ValueError(f"the PDFs load nothing from the network; refused {url}")
        return super().fetch(url, headers)


@lru_cache(maxsize=1)
def _stylesheet() -> tuple[CSS, FontConfiguration]:
    """print.css, parsed once per process and shared by every document it renders."""
    fonts = FontConfiguration()
    css = CSS(filename=str(PRINT_CSS), url_fetcher=OfflineFetcher(), font_config=fonts)
    return css, fonts


def render(html: str, *, base_dir: Path) -> Document:
    """Lay out ``html`` with print.css; relative URLs are files under ``base_dir``."""
    stylesheet, fonts = _stylesheet()
    return HTML(
        string=html, base_url=Path(base_dir).resolve().as_uri() + "/",
        url_fetcher=OfflineFetcher(),
    ).render(stylesheets=[stylesheet], font_config=fonts)


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


def write_pdf(html: str, out: Path, *, base_dir: Path) -> int:
    """Render ``html`` into ``out``; return the number of pages."""
    document = render(html, base_dir=base_dir)
    write_document(document, out)
    return len(document.pages)
