"""The quiz, role-play and progress runtime stays small (mkdocs-quiz ships ~15 KB per page)."""

from __future__ import annotations

import gzip

from builder.runtime import ASSET_URIS, minified_asset

BUDGET = 8 * 1024  # bytes, gzipped, JS + CSS together


def test_runtime_fits_the_budget() -> None:
    sizes = {uri: len(gzip.compress(minified_asset(uri).encode(), 9)) for uri in ASSET_URIS}
    total = sum(sizes.values())
    print(f"runtime gzipped: {sizes} = {total} bytes")
    assert total <= BUDGET, sizes


def test_minified_runtime_is_still_valid_js() -> None:
    js = minified_asset("assets/carecourse/carecourse.js")
    assert "document$" in js and "localStorage" in js and "cc-play" in js
    css = minified_asset("assets/carecourse/carecourse.css")
    assert css.count("{") == css.count("}")
