"""Inside an LMS package the course is the LMS's: no service worker, no web app manifest
(the published site has both; builder/lms/site.py compiles packages with ``offline`` off)."""

from __future__ import annotations

import pytest

from tests.lms.conftest import Made


@pytest.mark.parametrize("fmt", ["scorm12", "scorm2004", "cmi5"])
def test_no_service_worker_and_no_manifest_in_a_package(made: Made, fmt: str) -> None:
    root = made.packages[fmt].root
    names = {p.name for p in root.rglob("*") if p.is_file()}
    assert "sw.js" not in names and "manifest.webmanifest" not in names, sorted(names)
    pages = list(root.rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert 'rel="manifest"' not in text and "serviceWorker.register" not in text, page
    # the runtime is there (it registers a worker only on a page that links a manifest)
    assert any("assets/carecourse/carecourse.js" in p.as_posix() for p in root.rglob("*.js"))
