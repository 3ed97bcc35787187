"""WeasyPrint, offline: HTML + print.css -> PDF, written atomically."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

PRINT_CSS = Path(__file__).parent / "print.css"
ALLOWED_SCHEMES = ("file", "data")

log = logging.getLogger("carecourse")


class OfflineFetcher(URLFetcher):
    """Loads local files and data: URLs only; anything on the network is refused."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=ALLOWED_SCHEMES, allow_redirects=False)

    def fetch(self, url, headers=None):  # type: ignore[no-untyped-def]  # noqa: ANN001
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme not in ALLOWED_SCHEMES:
            raise ValueError(f"the PDFs load nothing from the network; refused {url}")
        return super().fetch(url, headers)


def write_pdf(html: str, out: Path, *, base_dir: Path) -> int:
    """Render ``html`` into ``out``; return the number of pages."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fetcher = OfflineFetcher()
    fonts = FontConfiguration()
    stylesheet = CSS(filename=str(PRINT_CSS), url_fetcher=fetcher, font_config=fonts)
    document = HTML(
        string=html, base_url=Path(base_dir).resolve().as_uri() + "/", url_fetcher=fetcher
    ).render(stylesheets=[stylesheet], font_config=fonts)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        document.write_pdf(tmp)
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return len(document.pages)
