"""What a package must not do: load anything from outside itself, or install a service worker."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

# attributes that make the browser fetch something (an <a href> is a link, not a load)
_LOADS = {("script", "src"), ("link", "href"), ("img", "src"), ("img", "srcset"),
          ("iframe", "src"), ("frame", "src"), ("source", "src"), ("source", "srcset"),
          ("video", "src"), ("video", "poster"), ("audio", "src"), ("embed", "src"),
          ("object", "data"), ("track", "src"), ("image", "href"), ("use", "href"),
          ("input", "src")}
_OUTSIDE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
_CSS_URL = re.compile(
    r"""(?:url\(\s*['"]?|@import\s+['"])\s*((?:[a-z][a-z0-9+.-]*:)?//[^'")\s]+)""",
    re.IGNORECASE)
_WORKER = re.compile(r"serviceWorker\s*\.\s*register\s*\(")
_PASSIVE_LINKS = {"alternate", "canonical"}  # <link rel=...> that browsers do not fetch


class _Loads(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.split(":")[-1]: v or "" for k, v in attrs}
        rel = set(values.get("rel", "").lower().split())
        for name, value in values.items():
            if (tag, name) in _LOADS and not (tag == "link" and rel & _PASSIVE_LINKS):
                urls = [u.strip().split(" ")[0] for u in value.split(",")] if "srcset" in name \
                    else [value]
                self.found += [u for u in urls if _OUTSIDE.match(u)]
        self.found += _CSS_URL.findall(values.get("style", ""))
        self._style = tag == "style"

    def handle_data(self, data: str) -> None:
        if self._style:
            self.found += _CSS_URL.findall(data)

    def handle_endtag(self, tag: str) -> None:
        self._style = False


def outside_loads(root: Path) -> list[str]:
    """``file: url`` for each thing a packaged page or stylesheet would load from elsewhere."""
    problems: list[str] = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.suffix == ".html":
            parser = _Loads()
            parser.feed(path.read_text(encoding="utf-8", errors="replace"))
            problems += [f"{rel}: {u}" for u in parser.found]
        elif path.suffix == ".css":
            problems += [f"{rel}: {u}" for u in
                         _CSS_URL.findall(path.read_text(encoding="utf-8", errors="replace"))]
    return problems


def service_workers(root: Path) -> list[str]:
    return [path.relative_to(root).as_posix() for path in sorted(root.rglob("*"))
            if path.suffix in (".js", ".html")
            and _WORKER.search(path.read_text(encoding="utf-8", errors="replace"))]
