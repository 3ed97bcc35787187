"""Build benchmark: ``carecourse build`` against a plain Material build of the same pages.

For each size N the script

1. writes a throw-away project: a copy of ``mkdocs.yml``, of the hand-written pages of every
   configured language (``content/<lang>``) and of ``locales/``, and N scenarios made from the
   shipped ones (cycled; copy k gets the id ``<orig>-<k>``, ``order: k`` and `` (k)`` after every
   text, so no two scenarios share a text and no text-keyed cache can flatter the figures), with
   their translation overlays ``<orig>-<k>.<lang>.yaml`` made the same way. It must pass
   ``carecourse check``.
2. times ``carecourse build --no-pdf`` (the real CLI, as a subprocess, into an empty folder):
   wall clock, and the CPU time (user + sys) of the process and its workers, which other jobs on
   a shared machine disturb much less than the wall clock. The handbook and answer-key PDFs that
   a plain ``carecourse build`` also makes are not part of a Material site: one build with them
   is timed on its own for the small sizes (``--pdf-max``).
3. builds the baseline, "a plain Material build of the same content": for every language it runs
   the carecourse plugin's own hooks in-process (``on_config``, ``on_files``,
   ``on_page_markdown``) and writes what they produce (the generated scenario, pillar,
   assessment and progress pages, the fallback pages, the assets) as plain files, with a
   ``mkdocs.yml`` that has the same theme, features, extensions, nav, extra CSS/JS, language and
   template overrides but *no* carecourse plugin. It times ``mkdocs build`` of those projects
   (as subprocesses, as many at a time as the CLI runs: one per CPU). The difference is the
   plugin's and the CLI's own cost: YAML loading, validation, translation, rendering.
4. also times ``mkdocs build`` *with* the plugin (no CLI; one per language, same parallelism),
   to tell the CLI's cost from the plugin's.
5. checks that the baseline really is the same site (byte-identical HTML pages), prints the
   figures and a linearity check, and optionally saves everything as JSON.

Usage::

    .venv/bin/python bench/build_bench.py [--sizes 10 100 1000] [--repeat N] [--json out.json]
        [--single-language] [--no-plugin-only] [--keep]
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BIN = Path(sys.executable).parent  # .venv/bin when run as .venv/bin/python
TARGET_RATIO = 1.15
ENV_LANGUAGE = "CARECOURSE_LANGUAGE"  # builder.languages.ENV_LANGUAGE
PLUGIN = "carecourse"


# --- reading and writing mkdocs.yml without executing anything -----------------------------------


class _TolerantLoader(yaml.SafeLoader):
    """A safe loader that keeps MkDocs' custom tags (``!ENV``, ``!relative``) as plain values."""


def _any_tag(loader: _TolerantLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]


_TolerantLoader.add_multi_constructor("!", _any_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


def read_yaml(path: Path) -> dict[str, Any]:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    if not isinstance(data, dict):
        raise SystemExit(f"{path}: not a mapping")
    return data


def write_yaml(path: Path, data: Any) -> None:
    path.write_text(
        yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8"
    )


def plugin_name(entry: Any) -> str:
    return entry if isinstance(entry, str) else next(iter(entry))


def plugin_settings(raw: dict[str, Any]) -> dict[str, Any]:
    for entry in raw.get("plugins") or []:
        if plugin_name(entry) == PLUGIN and isinstance(entry, dict):
            return dict(entry[PLUGIN] or {})
    return {}


def language_codes(raw: dict[str, Any]) -> list[str]:
    """The course languages, default first (as ``builder.languages.configured_languages``)."""
    languages = plugin_settings(raw).get("languages")
    if languages:
        return [str(code) for code in languages]
    theme = raw.get("theme") or {}
    return [str((theme.get("language") if isinstance(theme, dict) else None) or "en")]


# --- step 1: the generated carecourse project ---------------------------------------------------


def _mark_texts(value: Any, k: int) -> Any:
    """Append `` (k)`` to every text that contains a space (before a trailing newline).

    Ids, pillars, question types and ratings never contain spaces, so they stay valid.
    """
    if isinstance(value, dict):
        return {name: _mark_texts(v, k) for name, v in value.items()}
    if isinstance(value, list):
        return [_mark_texts(v, k) for v in value]
    if isinstance(value, str) and any(c.isspace() for c in value.strip()):
        body = value.rstrip("\n")
        return f"{body} ({k})" + value[len(body) :]
    return value


class _Dumper(yaml.SafeDumper):
    """Writes multi-line texts as ``|`` blocks, the way the shipped scenarios are written."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value.rstrip("\n") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def variant_yaml(text: str, k: int) -> str:
    """Copy ``k`` of a scenario (or of a translation overlay): new id and order, texts numbered."""
    data = yaml.safe_load(text)
    new = {**_mark_texts(data, k), "id": f"{data['id']}-{k}", "order": k}
    return yaml.dump(new, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def make_project(src: Path, dest: Path, n: int, *, single_language: bool) -> None:
    """Copy the course around the scenarios, and write ``n`` scenarios with their overlays."""
    raw = read_yaml(src / "mkdocs.yml")
    settings = plugin_settings(raw)
    codes = language_codes(raw)
    dest.mkdir(parents=True)
    if single_language and "languages" in settings:
        settings.pop("languages")
        raw["plugins"] = [
            {PLUGIN: settings} if plugin_name(p) == PLUGIN else p for p in raw["plugins"]
        ]
        write_yaml(dest / "mkdocs.yml", raw)
        codes = codes[:1]
    else:
        shutil.copy2(src / "mkdocs.yml", dest / "mkdocs.yml")
    docs = Path(raw.get("docs_dir", "docs"))
    shutil.copytree(src / docs, dest / docs)
    if docs.name == codes[0]:  # content/en: the other languages live in content/<lang>
        for code in codes[1:]:
            if (src / docs.parent / code).is_dir():
                shutil.copytree(src / docs.parent / code, dest / docs.parent / code)
    if (src / "locales").is_dir():
        shutil.copytree(src / "locales", dest / "locales")

    scenarios = Path(settings.get("scenarios", "scenarios"))
    shipped = sorted(
        p
        for p in (src / scenarios).iterdir()
        if p.suffix in (".yaml", ".yml") and "." not in p.stem
    )
    if not shipped:
        raise SystemExit(f"no scenario files in {src / scenarios}")
    out = dest / scenarios
    out.mkdir(parents=True)
    for k in range(1, n + 1):
        base = shipped[(k - 1) % len(shipped)]
        (out / f"{base.stem}-{k}{base.suffix}").write_text(
            variant_yaml(base.read_text(encoding="utf-8"), k), encoding="utf-8"
        )
        for code in codes[1:]:
            overlay = base.with_name(f"{base.stem}.{code}{base.suffix}")
            if overlay.is_file():
                (out / f"{base.stem}-{k}.{code}{base.suffix}").write_text(
                    variant_yaml(overlay.read_text(encoding="utf-8"), k), encoding="utf-8"
                )


# --- step 3: the plain Material projects with the same pages -------------------------------------


def _plain_value(value: Any) -> Any:
    """MkDocs config values (ExtraScriptValue, config objects) as plain YAML data."""
    if isinstance(value, str):
        return str(value)
    if isinstance(value, dict) or hasattr(value, "items"):
        return {str(k): _plain_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain_value(v) for v in value]
    return value


def record_plain_project(project: Path, language: str | None, dest: Path) -> int:
    """Run the plugin's hooks for ``language`` and write their output as a plain project.

    Returns the number of pages written.
    """
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files
    from mkdocs.structure.pages import Page

    if language is None:
        os.environ.pop(ENV_LANGUAGE, None)
    else:
        os.environ[ENV_LANGUAGE] = language
    try:
        config = load_config(str(project / "mkdocs.yml"))
        plugin = config.plugins[PLUGIN]
        if "pdf" in plugin.config:  # the site only: PDFs are timed on their own
            plugin.config.pdf = False
        config.plugins._current_plugin = PLUGIN  # as PluginCollection.run_event sets it
        config = plugin.on_config(config) or config
        files = get_files(config)
        files = plugin.on_files(files, config=config) or files
        docs = dest / "docs"
        pages = 0
        for file in files:
            target = docs / file.src_uri
            target.parent.mkdir(parents=True, exist_ok=True)
            if not file.is_documentation_page():
                target.write_bytes(file.content_bytes)
                continue
            page = Page(None, file, config)
            page.read_source(config)
            markdown = plugin.on_page_markdown(
                page.markdown or "", page=page, config=config, files=files
            )
            front = f"---\n{yaml.safe_dump(page.meta, allow_unicode=True)}---\n\n"
            target.write_text((front if page.meta else "") + markdown, encoding="utf-8")
            pages += 1
    finally:
        os.environ.pop(ENV_LANGUAGE, None)

    plain = read_yaml(project / "mkdocs.yml")
    plain["plugins"] = [p for p in plain.get("plugins") or [] if plugin_name(p) != PLUGIN]
    plain["docs_dir"] = "docs"
    plain["site_dir"] = "site"
    plain["site_name"] = config.site_name
    if config.site_url:
        plain["site_url"] = config.site_url
    plain["nav"] = _plain_value(config.nav)
    plain["extra_css"] = _plain_value(config.extra_css)
    plain["extra_javascript"] = _plain_value(config.extra_javascript)
    if config.extra:
        plain["extra"] = _plain_value(config.extra)
    theme = dict(plain.get("theme") or {})
    theme["language"] = config.theme["language"]
    overrides = Path(sys.modules[type(plugin).__module__].__file__ or "").parent / "overrides"
    if "on_env" in type(plugin).__dict__ and overrides.is_dir():  # the plugin's own partials
        theme["custom_dir"] = str(overrides)
    plain["theme"] = theme
    write_yaml(dest / "mkdocs.yml", plain)
    return pages


# --- running and measuring -----------------------------------------------------------------------


@dataclass
class Timing:
    """Wall-clock and CPU (user + sys, all processes) seconds of each run; the best counts."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    @property
    def best_wall(self) -> float:
        return min(self.wall)

    @property
    def best_cpu(self) -> float:
        return min(self.cpu)


Job = tuple[list[str], dict[str, str]]  # command, extra environment


def _run_job(job: Job) -> None:
    cmd, extra_env = job
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **extra_env}
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout + proc.stderr)
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}")


def run_jobs(jobs: Sequence[Job], workers: int) -> tuple[float, float]:
    """Run the jobs, ``workers`` at a time; return the wall-clock and total CPU seconds.

    CPU time is that of every finished child process and of their own children
    (the CLI's worker processes), from ``getrusage(RUSAGE_CHILDREN)``.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    if workers <= 1 or len(jobs) == 1:
        for job in jobs:
            _run_job(job)
    else:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(_run_job, jobs))
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def timed(jobs: Sequence[Job], workers: int, clean: Sequence[Path], repeat: int) -> Timing:
    """``repeat`` runs of ``jobs``, each after emptying the ``clean`` folders."""
    timing = Timing()
    for _ in range(repeat):
        for folder in clean:
            shutil.rmtree(folder, ignore_errors=True)
        wall, cpu = run_jobs(jobs, workers)
        timing.wall.append(wall)
        timing.cpu.append(cpu)
    return timing


@dataclass
class SiteStats:
    total_bytes: int = 0
    html_pages: int = 0
    html_bytes: int = 0
    scenario_pages: int = 0
    scenario_html_bytes: int = 0
    largest_page: str = ""
    largest_page_bytes: int = 0

    @property
    def avg_html(self) -> float:
        return self.html_bytes / self.html_pages if self.html_pages else 0.0

    @property
    def avg_scenario_html(self) -> float:
        return self.scenario_html_bytes / self.scenario_pages if self.scenario_pages else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            **asdict(self),
            "avg_html": self.avg_html,
            "avg_scenario_html": self.avg_scenario_html,
        }


def site_stats(site: Path) -> SiteStats:
    stats = SiteStats()
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        size = path.stat().st_size
        stats.total_bytes += size
        if path.suffix != ".html":
            continue
        rel = path.relative_to(site).as_posix()
        stats.html_bytes += size
        stats.html_pages += 1
        if "/scenarios/" in f"/{rel}":
            stats.scenario_html_bytes += size
            stats.scenario_pages += 1
        if size > stats.largest_page_bytes:
            stats.largest_page, stats.largest_page_bytes = rel, size
    return stats


def compare_sites(pairs: Sequence[tuple[Path, Path]]) -> tuple[int, int, list[str]]:
    """How many HTML pages of the carecourse sites are byte-identical in the plain ones."""
    same = total = 0
    differ: list[str] = []
    for cc_site, plain_site in pairs:
        for page in sorted(cc_site.rglob("*.html")):
            rel = page.relative_to(cc_site)
            other = plain_site / rel
            total += 1
            if other.is_file() and other.read_bytes() == page.read_bytes():
                same += 1
            else:
                differ.append(f"{cc_site.name}/{rel.as_posix()}")
    return same, total, differ


@dataclass
class Result:
    n: int
    languages: list[str]
    repeat: int
    load_average: float  # 1-minute load average just before the builds of this size
    check: Timing  # carecourse check
    carecourse: Timing  # carecourse build (the CLI), the site only (--no-pdf when it has PDFs)
    plugin: Timing | None  # mkdocs build with the carecourse plugin, per language (no CLI)
    plain: Timing  # mkdocs build of the same pages without the plugin, per language
    carecourse_site: dict[str, Any]
    plain_site: dict[str, Any]
    identical_pages: int
    compared_pages: int
    differing_pages: list[str]
    with_pdfs: Timing | None = None  # plain `carecourse build`, PDFs included (one run)
    # a hash of builder/ before and after the builds: the code under test must not change
    builder_before: str = ""
    builder_after: str = ""
    derived: dict[str, float] = field(default_factory=dict)


def plugin_defaults() -> dict[str, Any]:
    """The plugin's settings and their defaults (to see which options this version has)."""
    from builder.plugin import CarecourseConfig

    config = CarecourseConfig()
    config.load_dict({})
    config.validate()
    return dict(config)


def with_plugin_setting(raw: dict[str, Any], key: str, value: Any) -> dict[str, Any]:
    settings = {**plugin_settings(raw), key: value}
    raw = dict(raw)
    raw["plugins"] = [{PLUGIN: settings} if plugin_name(p) == PLUGIN else p for p in raw["plugins"]]
    return raw


def builder_fingerprint() -> str:
    """A short hash of the builder's sources (code, templates, assets, locales)."""
    digest = hashlib.sha256()
    root = ROOT / "builder"
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def bench_size(n: int, repeat: int, workdir: Path, args: argparse.Namespace) -> Result:
    project = workdir / f"n{n}" / "carecourse"
    plain_root = workdir / f"n{n}" / "plain"
    config = str(project / "mkdocs.yml")
    before = builder_fingerprint()
    say(f"N={n}: generating the project (builder {before})")
    make_project(ROOT, project, n, single_language=args.single_language)
    codes = language_codes(read_yaml(project / "mkdocs.yml"))
    multi = len(codes) > 1
    workers = max(1, min(len(codes), os.cpu_count() or 1))  # as the CLI's process pool
    check = timed([([str(BIN / "carecourse"), "check", "-f", config], {})], 1, [], 1)
    has_pdfs = "pdf" in plugin_defaults()
    # mkdocs build has no --no-pdf: the same settings with `pdf: false`, beside mkdocs.yml
    site_config = config
    if has_pdfs:
        site_config = str(project / "mkdocs.bench-site-only.yml")
        write_yaml(Path(site_config), with_plugin_setting(read_yaml(Path(config)), "pdf", False))

    say(f"N={n}: recording the plugin's pages for {', '.join(codes)}")
    plains = {code: plain_root / code for code in codes}
    for code, dest in plains.items():
        record_plain_project(project, code if multi else None, dest)
    load = os.getloadavg()[0]

    say(f"N={n}: carecourse build x{repeat}")
    cc_site = project / "site"
    cc_cmd = [str(BIN / "carecourse"), "build", "-f", config, "-d", str(cc_site)]
    cc = timed([([*cc_cmd, "--no-pdf"] if has_pdfs else cc_cmd, {})], 1, [cc_site], repeat)

    def per_language(config_of: Any, site_of: Any) -> list[Job]:
        return [
            (
                [str(BIN / "mkdocs"), "build", "-q", "-f", config_of(c), "-d", str(site_of(c))],
                {ENV_LANGUAGE: c} if multi else {},
            )
            for c in codes
        ]

    plugin = None
    if args.plugin_only:
        say(f"N={n}: mkdocs build with the plugin x{repeat} ({workers} at a time)")
        mk_root = project / "site-mkdocs"
        mk_jobs = per_language(lambda c: site_config, lambda c: mk_root / c)
        plugin = timed(mk_jobs, workers, [mk_root], repeat)
        shutil.rmtree(mk_root, ignore_errors=True)

    say(f"N={n}: plain mkdocs build x{repeat} ({workers} at a time)")
    pl_jobs = per_language(lambda c: str(plains[c] / "mkdocs.yml"), lambda c: plains[c] / "site")
    pl = timed(pl_jobs, workers, [p / "site" for p in plains.values()], repeat)

    pairs = [(cc_site / c if multi else cc_site, plains[c] / "site") for c in codes]
    same, compared, differ = compare_sites(pairs)
    cc_stats = site_stats(cc_site)
    pl_stats = SiteStats()
    for p in plains.values():
        s = site_stats(p / "site")
        pl_stats.total_bytes += s.total_bytes
        pl_stats.html_pages += s.html_pages
        pl_stats.html_bytes += s.html_bytes
    with_pdfs = None
    if has_pdfs and n <= args.pdf_max:
        say(f"N={n}: carecourse build with PDFs x1")
        pdf_site = project / "site-pdf"
        with_pdfs = timed([([*cc_cmd[:-1], str(pdf_site)], {})], 1, [pdf_site], 1)
        shutil.rmtree(pdf_site, ignore_errors=True)

    result = Result(
        n=n,
        languages=codes,
        repeat=repeat,
        load_average=load,
        check=check,
        carecourse=cc,
        plugin=plugin,
        plain=pl,
        carecourse_site=cc_stats.as_dict(),
        plain_site=pl_stats.as_dict(),
        identical_pages=same,
        compared_pages=compared,
        differing_pages=differ[:20],
        with_pdfs=with_pdfs,
        builder_before=before,
        builder_after=builder_fingerprint(),
    )
    if result.builder_after != before:
        say(f"N={n}: WARNING: builder/ changed during the measurement; run this size again")
    result.derived = {
        "ratio": cc.best_wall / pl.best_wall,
        "cpu_ratio": cc.best_cpu / pl.best_cpu,
        "plugin_cpu_ratio": plugin.best_cpu / pl.best_cpu if plugin else float("nan"),
        "site_mb": cc_stats.total_bytes / 1e6,
        "s_per_scenario": cc.best_wall / n,
        "cpu_s_per_scenario": cc.best_cpu / n,
        "plain_cpu_s_per_scenario": pl.best_cpu / n,
    }
    say(
        f"N={n}: carecourse {cc.best_wall:.1f} s ({cc.best_cpu:.1f} s CPU), "
        f"plain {pl.best_wall:.1f} s ({pl.best_cpu:.1f} s CPU), "
        f"{same}/{compared} pages identical"
    )
    return result


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- reporting -----------------------------------------------------------------------------------


def linearity(results: list[Result]) -> list[dict[str, Any]]:
    """Marginal cost per added scenario between consecutive sizes, and growth of page size."""
    steps = []
    for a, b in itertools.pairwise(sorted(results, key=lambda r: r.n)):
        dn = b.n - a.n
        steps.append(
            {
                "from": a.n,
                "to": b.n,
                "carecourse_wall_s_per_added_scenario": (
                    b.carecourse.best_wall - a.carecourse.best_wall
                )
                / dn,
                "carecourse_cpu_s_per_added_scenario": (
                    b.carecourse.best_cpu - a.carecourse.best_cpu
                )
                / dn,
                "plain_cpu_s_per_added_scenario": (b.plain.best_cpu - a.plain.best_cpu) / dn,
                "avg_page_bytes_ratio": b.carecourse_site["avg_html"]
                / a.carecourse_site["avg_html"],
                "scenario_page_bytes_ratio": b.carecourse_site["avg_scenario_html"]
                / a.carecourse_site["avg_scenario_html"],
            }
        )
    return steps


def table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def print_report(results: list[Result], steps: list[dict[str, Any]]) -> None:
    results = sorted(results, key=lambda r: r.n)
    timing: list[tuple[str, ...]] = [
        (
            "N",
            "carecourse s",
            "plain s",
            "ratio",
            "cc CPU s",
            "mk+plugin CPU s",
            "plain CPU s",
            "CPU ratio",
            "s/scenario",
            "CPU s/scen.",
            "with PDFs s (CPU)",
            "load",
        )
    ]
    sizes: list[tuple[str, ...]] = [
        ("N", "site MB", "pages", "avg HTML B/page", "scenario B/page", "largest page", "same")
    ]
    for r in results:
        cs, d = r.carecourse_site, r.derived
        timing.append(
            (
                str(r.n),
                f"{r.carecourse.best_wall:.2f}",
                f"{r.plain.best_wall:.2f}",
                f"{d['ratio']:.2f}",
                f"{r.carecourse.best_cpu:.2f}",
                "-" if r.plugin is None else f"{r.plugin.best_cpu:.2f}",
                f"{r.plain.best_cpu:.2f}",
                f"{d['cpu_ratio']:.2f}",
                f"{d['s_per_scenario']:.4f}",
                f"{d['cpu_s_per_scenario']:.4f}",
                "-"
                if r.with_pdfs is None
                else f"{r.with_pdfs.best_wall:.1f} ({r.with_pdfs.best_cpu:.1f})",
                f"{r.load_average:.1f}",
            )
        )
        sizes.append(
            (
                str(r.n),
                f"{d['site_mb']:.1f}",
                str(cs["html_pages"]),
                f"{cs['avg_html']:,.0f}",
                f"{cs['avg_scenario_html']:,.0f}",
                f"{cs['largest_page']} {cs['largest_page_bytes'] / 1e6:.2f} MB",
                f"{r.identical_pages}/{r.compared_pages}",
            )
        )
    print(f"languages: {', '.join(results[0].languages)}" if results else "no results")
    print(table(timing))
    print()
    print(table(sizes))
    print()
    for r in results:
        runs = [f"carecourse {_fmt(r.carecourse.wall)}", f"plain {_fmt(r.plain.wall)}"]
        if r.plugin is not None:
            runs.insert(1, f"mkdocs+plugin {_fmt(r.plugin.wall)}")
        print(
            f"N={r.n}: wall runs {'; '.join(runs)}; "
            f"carecourse check {r.check.best_wall:.2f} s ({r.check.best_cpu:.2f} s CPU)"
        )
        if r.differing_pages:
            print(f"  pages that differ from the plain build: {', '.join(r.differing_pages)}")
    print()
    for s in steps:
        print(
            f"N {s['from']} -> {s['to']}: each added scenario costs carecourse "
            f"{s['carecourse_cpu_s_per_added_scenario'] * 1000:.1f} ms CPU "
            f"({s['carecourse_wall_s_per_added_scenario'] * 1000:.1f} ms wall), plain "
            f"{s['plain_cpu_s_per_added_scenario'] * 1000:.1f} ms CPU; bytes per page "
            f"x{s['avg_page_bytes_ratio']:.2f} (all pages), "
            f"x{s['scenario_page_bytes_ratio']:.2f} (scenario pages)"
        )
    print()
    for label, key in (("wall-clock", "ratio"), ("CPU", "cpu_ratio")):
        over = [str(r.n) for r in results if r.derived[key] > TARGET_RATIO]
        verdict = f"above {TARGET_RATIO} for N = {', '.join(over)}" if over else "within target"
        print(f"{label} ratio carecourse / plain: {verdict}")
    changed = [str(r.n) for r in results if r.builder_before != r.builder_after]
    versions = {r.builder_before for r in results}
    if changed:
        print(f"WARNING: builder/ changed while N = {', '.join(changed)} was measured")
    if len(versions) > 1:
        print(f"WARNING: the sizes were measured on different builder versions: {versions}")
    cpus = os.cpu_count() or 1
    busy = [str(r.n) for r in results if r.load_average > cpus / 2]
    if busy:
        print(
            f"note: the machine was busy (load average above {cpus / 2:g} on {cpus} CPUs) "
            f"for N = {', '.join(busy)}: trust the CPU columns more than the wall clock"
        )


def _fmt(times: list[float]) -> str:
    return "[" + ", ".join(f"{t:.2f}" for t in times) + "]"


def save_json(path: Path, results: list[Result], single_language: bool) -> None:
    from importlib.metadata import version

    data = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "mkdocs": version("mkdocs"),
            "mkdocs-material": version("mkdocs-material"),
        },
        "single_language": single_language,
        "target_ratio": TARGET_RATIO,
        "results": [asdict(r) for r in sorted(results, key=lambda r: r.n)],
        "linearity": linearity(results),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def load_results(path: Path) -> list[Result]:
    """The results saved by ``--json``, to report runs made separately together."""
    out = []
    for raw in json.loads(path.read_text(encoding="utf-8"))["results"]:
        for key in ("check", "carecourse", "plugin", "plain", "with_pdfs"):
            if raw.get(key) is not None:
                raw[key] = Timing(**raw[key])
        out.append(Result(**raw))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument(
        "--repeat",
        type=int,
        help="runs per size; the best counts (default: 3 for N <= 100, 1 above)",
    )
    parser.add_argument(
        "--json", type=Path, help="save the figures to this file (rewritten after every size)"
    )
    parser.add_argument(
        "--single-language",
        action="store_true",
        help="drop the plugin's `languages` setting: one build, the default language only",
    )
    parser.add_argument(
        "--no-plugin-only",
        dest="plugin_only",
        action="store_false",
        help="skip the extra `mkdocs build` with the plugin but without the CLI",
    )
    parser.add_argument(
        "--pdf-max",
        type=int,
        default=10,
        metavar="N",
        help="also time one `carecourse build` with its PDFs for sizes up to N (default: 10; "
        "0: never)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the generated projects")
    parser.add_argument(
        "--report",
        type=Path,
        nargs="+",
        metavar="JSON",
        help="build nothing: report the figures saved by earlier runs (with --json) together",
    )
    args = parser.parse_args(argv)
    if args.report:
        results = [r for path in args.report for r in load_results(path)]
        print_report(results, linearity(results))
        if args.json:
            save_json(args.json, results, args.single_language)
        return 0
    if not (BIN / "carecourse").exists():
        parser.error(f"{BIN / 'carecourse'} not found: run with the project's .venv/bin/python")
    if any(n < 1 for n in args.sizes):
        parser.error("sizes must be at least 1")

    workdir = Path(tempfile.mkdtemp(prefix="carecourse-bench-"))
    results: list[Result] = []
    try:
        for n in args.sizes:
            repeat = args.repeat or (3 if n <= 100 else 1)
            results.append(bench_size(n, repeat, workdir, args))
            if args.json:
                save_json(args.json, results, args.single_language)
            if not args.keep:
                shutil.rmtree(workdir / f"n{n}", ignore_errors=True)
    finally:
        if args.keep:
            say(f"projects kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    print_report(results, linearity(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
