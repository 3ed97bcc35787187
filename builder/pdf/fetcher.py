"""What the PDF renderer may load: files inside the project's content folder, its logo
and carecourse's own package data, nothing else.

WeasyPrint fetches ``file:`` URLs (and embeds ``rel="attachment"`` targets) by
default, so a scenario text with ``<img src="file:///etc/hostname">`` or a
``../`` path could put any readable file into a published PDF. Every URL goes
through :class:`ProjectFetcher`; refused ones are collected, so that the build
can say where they were written.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher

from builder.loader import display_path
from builder.pdf.settings import PdfSettings
from builder.problems import format_path
from builder.yamlsource import Pos, YamlSyntaxError, load_file

log = logging.getLogger("carecourse")

PACKAGE = Path(__file__).resolve().parent.parent  # builder/: print.css, templates, assets


def allowed_roots(settings: PdfSettings | None, project_dir: Path | None) -> tuple[Path, ...]:
    """The folders (and single files) a PDF may load from."""
    roots = [PACKAGE]
    if settings is not None and settings.logo is not None:
        roots.append(Path(settings.logo))
    if settings is not None and project_dir is not None:
        docs = Path(project_dir) / settings.docs_dir
        # content/en -> content/ (every language's pages and images), or docs/ itself
        roots.append(docs.parent if docs.name == settings.default_language else docs)
    return tuple(r.resolve() for r in roots)


class ProjectFetcher(URLFetcher):
    """Loads ``file:`` URLs inside ``roots`` and ``data:`` URLs; refuses everything else."""

    def __init__(self, roots: Iterable[Path]) -> None:
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False)
        self.roots = tuple(Path(r).resolve() for r in roots)
        self.refused: list[str] = []

    def allows(self, url: str) -> bool:
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            return True
        if scheme != "file":
            return False
        path = Path(unquote(urlsplit(url).path)).resolve()  # follows symlinks and ../
        return any(path == root or path.is_relative_to(root) for root in self.roots)

    def fetch(self, url, headers=None):
        if not self.allows(url):
            self.refused.append(url)
            raise ValueError(f"refused {url}: the PDFs load only files inside the project's "
                             "content folder and carecourse's own files")
        return super().fetch(url, headers)


def _references(url: str) -> list[str]:
    """How a refused URL may have been written in a source file."""
    parts = urlsplit(url)
    name = Path(unquote(parts.path)).name
    return [url, *([name] if name else []), *([parts.netloc] if parts.netloc else [])]


def where_written(url: str, folders: Iterable[Path]) -> tuple[str, str]:
    """Where ``url`` (or its file name) is written: ``("scenarios/x.nl.yaml:12:9", "story")``,
    or ``("", "")``."""
    for needle in _references(url):
        pattern = re.compile(re.escape(needle))
        for folder in folders:
            if not folder.is_dir():
                continue
            for path in sorted([*folder.rglob("*.yaml"), *folder.rglob("*.yml"),
                                *folder.rglob("*.md")]):
                text = path.read_text(encoding="utf-8", errors="replace")
                match = pattern.search(text)
                if match:
                    line = text.count("\n", 0, match.start()) + 1
                    col = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
                    field = _field_at(path, Pos(line, col)) if path.suffix != ".md" else ""
                    return f"{display_path(path)}:{line}:{col}", field
    return "", ""


def _field_at(path: Path, pos: Pos) -> str:
    """The text field of a YAML file that holds ``pos`` (``quiz[2].options[1].feedback``)."""
    try:
        _, smap = load_file(path)
    except YamlSyntaxError:
        return ""
    before = [(p.line, p.col, loc) for loc, p in smap.values.items()
              if (p.line, p.col) <= (pos.line, pos.col)]
    return format_path(max(before, key=lambda item: item[:2])[2]) if before else ""


def report_refused(pdf: Path, refused: Iterable[str], folders: Iterable[Path]) -> None:
    """A warning for each URL the PDF was not allowed to load, with where it is written."""
    folders = list(folders)
    for url in dict.fromkeys(refused):
        where, field = where_written(url, folders)
        shown = url if len(url) <= 80 else url[:77] + "..."
        log.warning("%swarning: %s%s was left out of %s: the PDFs load only files inside the "
                    "project's content folder", f"{where}: " if where else "",
                    f"{field}: " if field else "", shown, pdf.name)
