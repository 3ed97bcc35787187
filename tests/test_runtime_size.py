"""The browser runtime: small on every kind of page, valid JavaScript, built from its sources.

(mkdocs-quiz ships about 15 KB per page.) What each kind of page really loads is checked
in a browser (tests/browser/test_runtime_pages.py); here, the files themselves.
"""

from __future__ import annotations

import gzip
import shutil
import subprocess
from pathlib import Path

import pytest

from builder.runtime import ASSETS, DIST, MODULES, page_assets, served_assets

BUDGET = 8 * 1024  # bytes, gzipped, JS + CSS together, on any page
REPO = Path(__file__).resolve().parent.parent
# the modules each kind of page loads at first paint (its elements match these modules'
# selectors; a role-play's module loads later, when the role-play comes near the window)
PAGES = {
    "home": {"progress"},
    "lesson": set(),
    "scenario with a role-play": {"quiz"},
    "pillar": {"quiz"},
    "assessment": {"exam"},
    "progress": {"progress"},
}


def gz(text: str) -> int:
    return len(gzip.compress(text.encode(), 9))


def page_size(modules: set[str]) -> dict[str, int]:
    files = served_assets()
    return {uri: gz(files[uri]) for uri in page_assets(modules)}


@pytest.mark.parametrize("kind", PAGES)
def test_every_kind_of_page_fits_the_budget(kind: str) -> None:
    sizes = page_size(PAGES[kind])
    total = sum(sizes.values())
    print(f"{kind}: {total} bytes gzipped {sizes}")
    assert total <= BUDGET, sizes


def test_no_role_play_code_on_the_assessment_page() -> None:
    assert page_assets({"exam"}) == ["assets/carecourse/carecourse.css",
                                     "assets/carecourse/carecourse.js",
                                     "assets/carecourse/exam.js"]
    exam = served_assets()["assets/carecourse/exam.js"]
    assert "cc-play" not in exam and "mermaid" not in exam


def node() -> str:
    found = shutil.which("node")
    if found is None:
        pytest.fail("node not found: ./dev.sh test installs it (the runtime is checked with it)")
    return found


def test_served_javascript_is_valid(tmp_path: Path) -> None:
    for uri, text in served_assets().items():
        if not uri.endswith(".js"):
            continue
        path = tmp_path / Path(uri).name
        path.write_text(text, encoding="utf-8")
        result = subprocess.run([node(), "--check", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, f"{uri}: {result.stderr}"
    core = served_assets()["assets/carecourse/carecourse.js"]
    assert "__CC_MODULES__" not in core and "__CC_VERSION__" not in core
    for name, module in MODULES.items():
        if module.needed_by:
            assert module.needed_by in core, name


def test_the_minified_runtime_is_built_from_the_sources(tmp_path: Path) -> None:
    """builder/assets/dist/ is esbuild's output for the sources (`npm run build`)."""
    esbuild = REPO / "node_modules" / ".bin" / "esbuild"
    if not esbuild.is_file():
        pytest.fail("esbuild not found: run `npm ci` (./dev.sh test does)")
    sources = sorted(p.name for p in ASSETS.glob("*.js"))
    assert sorted(p.name for p in DIST.glob("*.js")) == sources, "dist/ has other files"
    subprocess.run(["npm", "run", "-s", "build", "--", f"--outdir={tmp_path}"], cwd=REPO,
                   check=True, capture_output=True)
    stale = [name for name in sources
             if (tmp_path / name).read_text() != (DIST / name).read_text()]
    assert not stale, f"builder/assets/dist/ is out of date for {stale}: run `npm run build`"
    css = served_assets()["assets/carecourse/carecourse.css"]
    assert css.count("{") == css.count("}")
