"""``carecourse compile``: one plain MkDocs project per language, from its edition.

``DIR/<lang>/`` holds ``mkdocs.yml`` (no carecourse plugin), ``docs/`` (the hand-written
pages as the site shows them, the generated scenario, pillar, assessment and progress
pages, the runtime, ``course.json`` and the PDFs) and ``overrides/`` (template
overrides). Stock ``mkdocs build -f DIR/<lang>/mkdocs.yml`` or ``properdocs build``
turns it into that language's site. Only files whose content changed are rewritten, so
MkDocs' dirty reload and the build cache see exactly what changed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from builder.cache import Cache, content_key
from builder.course import Edition
from builder.exam_pool_files import PoolFiles, pool_files
from builder.manifest import course_manifest
from builder.nav import course_nav
from builder.offline import HOOK_FILE, hook_files
from builder.offline import docs_files as offline_files
from builder.pages import generated_pages, hand_written_page, page_url
from builder.render import download_uri
from builder.runtime import served_assets, vendor_files
from builder.sitecfg import DOCS_DIR, OVERRIDES_DIR, dump_config, site_config
from builder.trainer import trainer_uri

MARKER = ".carecourse-compiled"  # a folder compile may rewrite (it made it)
OVERRIDES = Path(__file__).parent / "overrides"
PDF_KINDS = ("handbook", "answer-key")


class CompileError(Exception):
    """The output folder cannot be used (it holds files compile did not make)."""


@dataclass(frozen=True)
class Tree:
    """A compiled language: a plain MkDocs project."""

    language: str
    root: Path
    digest: str  # a hash of every file in the tree: equal digests build equal sites
    changed: tuple[str, ...]  # files written this time (relative to root)

    @property
    def config_file(self) -> Path:
        return self.root / "mkdocs.yml"


def _cached(cache: Cache | None, kind: str, key: str, make: Callable[[], str]) -> str:
    if cache is not None:
        hit = cache.get(kind, key)
        if hit is not None:
            return hit.decode("utf-8")
    text = make()
    if cache is not None:
        cache.put(kind, key, text.encode("utf-8"))
    return text


def _page_keys(edition: Edition) -> dict[str, str]:
    """A content key per generated page: what it is made from (a page of the same key is
    the same page). Pillar and assessment pages depend on every scenario they draw on."""
    ui = content_key(edition.ui)
    course = [edition.settings.course.model_dump(mode="json"),
              list(edition.settings.markdown.extensions), list(edition.settings.markdown.configs)]
    own = {s.id: content_key(s.model_dump_json(), edition.untranslated(s.id))
           for s in edition.scenarios}
    everything = content_key(sorted(own.items()))
    base = (ui, edition.language, edition.settings.use_directory_urls)
    keys = {f"scenarios/{sid}.md": content_key("scenario", *base, digest)
            for sid, digest in own.items()}
    keys.update({trainer_uri(sid): content_key("trainer", *base, digest)
                 for sid, digest in own.items()})
    keys["*"] = content_key("course", *base, everything, course, edition.site_name)
    return keys


def exam_files(edition: Edition, cache: Cache | None = None) -> PoolFiles:
    """The assessment's pool files (cached: they depend on the whole course)."""
    key = content_key("exam-pool", _page_keys(edition)["*"])
    text = _cached(cache, "pages", key, lambda: json.dumps(
        dataclasses.asdict(pool_files(list(edition.scenarios), edition.ui)), ensure_ascii=False))
    return PoolFiles(**json.loads(text))


def pages(edition: Edition, cache: Cache | None = None, *, pdf: bool = True,
          pool_version: str = "") -> dict[str, str]:
    """Every Markdown page of the language's site: uri -> text (``pdf``: with the PDFs'
    links and the trainers' downloads page; ``pool_version``: the assessment's pool)."""
    out: dict[str, str] = {}
    written = {f.uri for f in edition.pages}
    keys = _page_keys(edition)
    for source in edition.pages:
        text = source.path.read_text(encoding="utf-8-sig")
        key = content_key("page", keys["*"], source.uri, text, source.fallback, pdf)
        page = partial(hand_written_page, edition, source.uri, text, source.fallback, pdf=pdf)
        out[source.uri] = _cached(cache, "pages", key, page)
    for uri, make in generated_pages(edition, written, pdf=pdf,
                                     pool_version=pool_version).items():
        key = content_key(keys.get(uri) or content_key("generated", keys["*"], uri), pdf)
        out[uri] = _cached(cache, "pages", key, make)
    return out


def pdf_files(edition: Edition, cache: Cache | None = None) -> dict[str, bytes]:
    """The handbook and answer key of the edition (cached by everything they show)."""
    from builder.pdf import pdf_bytes
    from builder.pdf.settings import pdf_settings

    settings = pdf_settings(edition.settings)
    inputs = [repr(settings), edition.ui,  # the settings hold the date, paper, Markdown...
              [s.model_dump_json() for s in edition.scenarios],
              {sid: c.missing for sid, c in edition.localized.coverage.items()},
              [(f.uri, f.fallback, f.path.read_bytes()) for f in edition.files],
              edition.settings.logo_path.read_bytes() if edition.settings.logo_path else b""]
    out = {}
    for kind in PDF_KINDS:
        key = content_key("pdf", kind, edition.language, *inputs)
        data = cache.get("pdf", key, ".pdf") if cache is not None else None
        if data is None:
            data = pdf_bytes(kind, edition, settings)
            if cache is not None:
                cache.put("pdf", key, data, ".pdf")
        out[download_uri(kind, edition.language)] = data
    return out


def docs_files(edition: Edition, *, pdf: bool, cache: Cache | None = None) -> dict[str, bytes]:
    """Everything under ``docs/``: uri -> content."""
    files: dict[str, bytes] = {f.uri: f.path.read_bytes() for f in edition.files
                               if not f.is_page}
    pool = exam_files(edition, cache)
    files.update({uri: text.encode("utf-8") for uri, text in pool.files.items()})
    files.update({uri: text.encode("utf-8") for uri, text in
                  pages(edition, cache, pdf=pdf, pool_version=pool.version).items()})
    files.update({uri: text.encode("utf-8") for uri, text in served_assets().items()})
    if any(s.roleplay for s in edition.scenarios):
        files.update({uri: path.read_bytes() for uri, path in vendor_files().items()})
    dir_urls = edition.settings.use_directory_urls
    urls = {s.id: page_url(f"scenarios/{s.id}.md", dir_urls) for s in edition.scenarios}
    course = edition.settings.course
    manifest = course_manifest(list(edition.scenarios), urls, edition.ui,
                               pass_mark=course.pass_mark, assessment=course.assessment)
    files["assets/carecourse/course.json"] = manifest.encode("utf-8")
    # the same as a script, for a site opened from a file (where fetch fails)
    files["assets/carecourse/course.js"] = f"window.carecourse.course={manifest};".encode()
    if edition.settings.course.offline:
        files.update(offline_files(edition))
    if pdf:
        files.update(pdf_files(edition, cache))
    return files


def _overrides(edition: Edition) -> dict[str, bytes]:
    """The project's own ``theme.custom_dir`` with carecourse's partials on top."""
    found: dict[str, bytes] = {}
    custom = edition.settings.theme.get("custom_dir")
    for folder in ([edition.settings.project_dir / custom] if isinstance(custom, str) else []) \
            + [OVERRIDES]:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                found[path.relative_to(folder).as_posix()] = path.read_bytes()
    return found


def tree_files(edition: Edition, *, site_url: str | None = None, pdf: bool | None = None,
               cache: Cache | None = None, preview: bool = False) -> dict[str, bytes]:
    """The whole compiled tree of a language: relative path -> content.

    ``preview``: for ``carecourse serve``, without the search plugin (Material's search
    fails on MkDocs' dirty rebuilds, which rebuild only the pages that changed)."""
    with_pdf = edition.settings.course.pdf if pdf is None else pdf
    docs = docs_files(edition, pdf=with_pdf, cache=cache)
    nav = edition.settings.nav
    if nav is None:
        nav = course_nav([u for u in docs if u in {f.uri for f in edition.pages}],
                         list(edition.scenarios), edition.ui,
                         per_section=edition.settings.course.scenarios_per_section)
    config = site_config(edition, nav, site_url=site_url)
    config["hooks"] = [*config.get("hooks", []), HOOK_FILE]
    if edition.settings.course.offline and not preview:  # no cached pages while editing
        config.setdefault("extra", {})["carecourse_offline"] = True
    if preview:
        config["plugins"] = [p for p in config.get("plugins", ["search"]) if p != "search"]
    files = {f"{DOCS_DIR}/{uri}": data for uri, data in docs.items()}
    files.update(hook_files())
    files.update({f"{OVERRIDES_DIR}/{uri}": data for uri, data in _overrides(edition).items()})
    source = os.path.relpath(edition.settings.config_file, Path.cwd())
    files["mkdocs.yml"] = dump_config(config, source=source).encode("utf-8")
    files[MARKER] = json.dumps({"language": edition.language}).encode("utf-8")
    return files


def digest_of(files: dict[str, bytes]) -> str:
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + hashlib.sha256(files[name]).digest())
    return digest.hexdigest()


def write_tree(root: Path, files: dict[str, bytes]) -> tuple[str, ...]:
    """Make ``root`` hold exactly ``files``: rewrite what changed, remove what went away."""
    if root.exists() and any(root.iterdir()) and not (root / MARKER).is_file():
        raise CompileError(f"{root} holds files carecourse did not make; choose an empty "
                           "or new folder")
    changed = []
    for name, data in files.items():
        target = root / name
        try:
            if target.read_bytes() == data:
                continue
        except OSError:
            target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        changed.append(name)
    for path in sorted(root.rglob("*"), reverse=True):
        name = path.relative_to(root).as_posix()
        if path.is_file() and name not in files and not name.startswith("site/"):
            path.unlink()
        elif path.is_dir() and name != "site" and not any(path.iterdir()):
            path.rmdir()
    return tuple(changed)


def compile_edition(edition: Edition, root: Path, **options: Any) -> Tree:
    """Compile one language into ``root`` (``DIR/<lang>``)."""
    files = tree_files(edition, **options)
    changed = write_tree(root, files)
    return Tree(edition.language, root, digest_of(files), changed)
