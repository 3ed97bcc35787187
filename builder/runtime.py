"""The browser runtime the course ships: which JS and CSS files a site serves, minified.

One place that says what the site loads from ``builder/assets/``; the build (and the
MkDocs plugin) add these files to every language's site.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import rcssmin
import rjsmin

ASSETS = Path(__file__).parent / "assets"
# What the site serves -> our source files (concatenated, then minified).
ASSET_URIS = {
    "assets/carecourse/carecourse.css": ("quiz.css",),
    "assets/carecourse/carecourse.js": ("quiz.js", "practice.js"),
}
# Vendored files served as they are (loaded on demand by the runtime).
VENDOR = {"mermaid.tiny.js": "assets/carecourse/vendor/mermaid.tiny.js"}


@lru_cache(maxsize=8)
def minified_asset(uri: str) -> str:
    """Our runtime as served: the quiz, role-play and progress JS (or CSS), minified."""
    text = "\n".join((ASSETS / name).read_text(encoding="utf-8") for name in ASSET_URIS[uri])
    return rjsmin.jsmin(text) if uri.endswith(".js") else rcssmin.cssmin(text)


def vendor_files() -> dict[str, Path]:
    """Served URI -> vendored source file."""
    return {uri: ASSETS / "vendor" / name for name, uri in VENDOR.items()}
