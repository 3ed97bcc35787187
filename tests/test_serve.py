"""``carecourse serve``: the compiled tree of one language, recompiled when a file changes."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

FIXTURE = Path(__file__).parent / "fixtures" / "site"


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def test_serve_recompiles_the_changed_scenario(tmp_path: Path) -> None:
    project = tmp_path / "course"
    shutil.copytree(FIXTURE, project)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "builder.cli", "serve", "--language", "nl", "-a",
         f"127.0.0.1:{port}"], cwd=project, env=env, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, text=True)
    page = f"http://127.0.0.1:{port}/scenarios/cold-soup.html"
    try:
        deadline = time.monotonic() + 300
        while "De koude soep" not in _get(page) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert '<html lang="nl"' in _get(page), "the Dutch edition is served"
        overlay = project / "scenarios" / "cold-soup.nl.yaml"
        overlay.write_text(overlay.read_text(encoding="utf-8").replace(
            "De koude soep", "De lauwe soep", 1), encoding="utf-8")
        deadline = time.monotonic() + 120
        while "De lauwe soep" not in _get(page) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert "De lauwe soep" in _get(page), "the edit shows after a recompile"
        tree = project / ".cache" / "carecourse" / "serve" / "nl" / "mkdocs.yml"
        assert "carecourse" not in tree.read_text(encoding="utf-8").split("plugins:")[-1]
    finally:
        server.terminate()
        _, err = server.communicate(timeout=30)
    assert "recompiled nl" in err and "Traceback" not in err
