"""Probes of the bench: site comparison, live reload, and a try of ``zensical build``."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Any

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def same_files(a: Path, b: Path) -> list[str]:
    """Files that differ between two sites (the search index compared as parsed JSON)."""
    names = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    other = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    differ = sorted(names ^ other)
    for name in sorted(names & other):
        x, y = (a / name).read_bytes(), (b / name).read_bytes()
        if name.endswith(".json"):
            equal = json.loads(x) == json.loads(y)
        elif name.endswith(".gz"):
            equal = gzip.decompress(x) == gzip.decompress(y)
        else:
            equal = GENERATOR.sub(b"", x) == GENERATOR.sub(b"", y)
        if not equal:
            differ.append(name)
    return differ


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def live_reload(project: Path, carecourse: list[str], edits: int = 3) -> list[float]:
    """Seconds from saving one scenario to the served page showing the change."""
    port = _free_port()
    server = subprocess.Popen([*carecourse, "serve", "-a", f"127.0.0.1:{port}"], cwd=project,
                              env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    scenario = sorted(p for p in (project / "scenarios").glob("*.yaml") if "." not in p.stem)[0]
    # the page as a file (use_directory_urls: false, the shipped setting) or a folder
    pages = [f"http://127.0.0.1:{port}/scenarios/{scenario.stem}{tail}"
             for tail in (".html", "/")]
    page = pages[0]
    original = scenario.read_text(encoding="utf-8")
    times: list[float] = []
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            page = next((url for url in pages if _get(url)), "")
            if page:
                break
            time.sleep(0.2)
        for k in range(edits):
            word = f"Edited{k} "
            started = time.perf_counter()
            scenario.write_text(original.replace("title: ", f"title: {word}", 1), "utf-8")
            while word not in _get(page) and time.perf_counter() - started < 60:
                time.sleep(0.02)
            times.append(time.perf_counter() - started)
            time.sleep(1.5)
    finally:
        scenario.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait(timeout=30)
    return times


def zensical_try(project: Path, work: Path, language: str = "en") -> dict[str, Any]:
    """``zensical build`` on a compiled tree: does it run, how fast, what carries over."""
    exe = shutil.which("zensical") or str(Path(os.sys.executable).parent / "zensical")
    tree = project / ".cache" / "carecourse" / "compiled" / language
    if not Path(exe).exists():
        return {"ran": False, "why": "zensical is not installed"}
    copy = work / language
    shutil.copytree(tree, copy)
    started = time.perf_counter()
    result = subprocess.run([exe, "build", "-f", str(copy / "mkdocs.yml")], cwd=copy, env=ENV,
                            capture_output=True, text=True, timeout=1800)
    wall = time.perf_counter() - started
    site = copy / "site"
    pages = list(site.rglob("*.html")) if site.is_dir() else []
    index = (site / "index.html").read_text("utf-8") if (site / "index.html").is_file() else ""
    scenario = next(iter(sorted(site.glob("scenarios/*/index.html"))), None)
    html = scenario.read_text("utf-8") if scenario else ""
    return {"ran": result.returncode == 0, "wall": wall, "pages": len(pages),
            "runtime_loaded": "carecourse.js" in index, "quiz_html": 'data-cc-q="' in html,
            "selector": "hreflang" in index, "said": (result.stderr or result.stdout)[-600:]}
