"""Lighthouse (mobile) on the built course: home page and a scenario page, median of runs.

    ./dev.sh build            # or: carecourse build --no-pdf
    .venv/bin/python bench/lighthouse.py [--site site] [--runs 3] [--language en]

The site is served from 127.0.0.1 by a small threaded server that gzips text files, as
any real web server does (python's http.server does not, which costs points that have
nothing to do with the course). Lighthouse is the npm dev dependency (package.json),
driving /usr/bin/chromium headless (CHROME_PATH overrides it); it needs no internet.
Scores swing by several points on a busy machine: the median of the runs is reported.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import tempfile
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

REPO = Path(__file__).resolve().parent.parent
LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
PAGES = {"home": "index.html", "scenario": "scenarios/margarine-run.html"}
CATEGORIES = ("performance", "accessibility", "best-practices")
COMPRESSED = (".html", ".js", ".css", ".json", ".svg", ".xml", ".webmanifest")


class GzipHandler(SimpleHTTPRequestHandler):
    """Static files, gzipped when the browser accepts it."""

    extensions_map: ClassVar[dict[str, str]] = {**SimpleHTTPRequestHandler.extensions_map,
                      ".webmanifest": "application/manifest+json", ".js": "text/javascript"}

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants and path.is_file() and path.suffix in COMPRESSED):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        return _Body(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Body:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, *_: object) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


def serve(site: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(GzipHandler, directory=str(site)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def run_once(url: str) -> dict[str, float]:
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        subprocess.run(
            [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
             "--only-categories=" + ",".join(CATEGORIES),
             "--chrome-flags=--headless=new --no-sandbox"],
            env=env, check=True, timeout=300)
        data = json.loads(report.read_text(encoding="utf-8"))
    scores = {c: round(data["categories"][c]["score"] * 100) for c in CATEGORIES}
    audits = data["audits"]
    scores["lcp_ms"] = round(audits["largest-contentful-paint"]["numericValue"])
    scores["cls"] = round(audits["cumulative-layout-shift"]["numericValue"], 3)
    scores["tbt_ms"] = round(audits["total-blocking-time"]["numericValue"])
    failed = sorted(k for k, a in audits.items()
                    if a.get("score") is not None and a["score"] < 0.9
                    and a.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings"))
    print(f"  {url}: {scores}; below 0.9: {', '.join(failed) or 'none'}")
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, default=REPO / "site")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--language", default="en")
    args = parser.parse_args()
    # the whole site: the language selector asks for every language's sitemap.xml
    server, base = serve(args.site)
    if (args.site / args.language).is_dir():
        base += f"{args.language}/"
    try:
        for name, page in PAGES.items():
            runs = [run_once(base + page) for _ in range(args.runs)]
            median = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
            print(f"{name} ({args.language}), median of {args.runs}: {median}")
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
