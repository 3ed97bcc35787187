"""Build benchmark: ``carecourse build`` against a plain Material build of the same pages.

For each size N the script

1. writes a throw-away project with N scenarios (the shipped ones, cycled, each with a new id
   ``<orig>-<k>``, title and ``order``) next to a copy of ``content/en`` and ``mkdocs.yml``, and
   checks it with ``carecourse check``;
2. times ``carecourse build`` (the real CLI, as a subprocess, from an empty site folder);
3. writes the very Markdown the plugin would generate (scenario pages, pillar quizzes, the
   assessment) as plain ``.md`` files with the same nav, theme and extensions but *without* the
   carecourse plugin, and times ``mkdocs build`` on it: the difference is the plugin's own cost
   (YAML loading, validation, rendering) plus the CLI's;
4. also times ``mkdocs build`` *with* the plugin (no CLI), to split CLI cost from plugin cost;
5. prints the figures and a linearity check, and optionally saves them as JSON.

Usage::

    .venv/bin/python bench/build_bench.py [--sizes 10 100 1000] [--repeat N] [--json out.json]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from builder.loader import load_course, scenario_files  # noqa: E402
from builder.locale import ui_strings  # noqa: E402
from builder.nav import course_nav  # noqa: E402
from builder.pillars import PILLAR_IDS  # noqa: E402
from builder.plugin import ASSET_URIS, ASSETS, docs_pages  # noqa: E402
from builder.render import (  # noqa: E402
    assessment_markdown,
    pillar_quiz_markdown,
    scenario_markdown,
)

BIN = Path(sys.executable).parent  # .venv/bin when run as .venv/bin/python
TARGET_RATIO = 1.15


# --- reading mkdocs.yml without executing anything ----------------------------------------------


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


def read_mkdocs_yml(path: Path) -> dict[str, Any]:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    if not isinstance(data, dict):
        raise SystemExit(f"{path}: not a mapping")
    return data


def plugin_name(entry: Any) -> str:
    return entry if isinstance(entry, str) else next(iter(entry))


def carecourse_settings(raw: dict[str, Any]) -> dict[str, Any]:
    """The carecourse plugin settings, with the plugin's defaults filled in."""
    from builder.plugin import CarecourseConfig

    settings: dict[str, Any] = {}
    for entry in raw.get("plugins") or []:
        if plugin_name(entry) == "carecourse" and isinstance(entry, dict):
            settings = dict(entry["carecourse"] or {})
    config = CarecourseConfig()
    config.load_dict(settings)
    errors, _warnings = config.validate()
    if errors:
        raise SystemExit(f"mkdocs.yml: invalid carecourse settings: {errors}")
    return dict(config)


# --- step 1: the generated carecourse project ---------------------------------------------------


def _set_scalar(text: str, key: str, value: Any) -> tuple[str, bool]:
    """Replace a one-line top-level ``key: value`` (value written as JSON, which is YAML)."""
    pattern = re.compile(rf"^{key}:[ \t]*(?![|>])\S.*$", re.MULTILINE)
    new, count = pattern.subn(lambda _m: f"{key}: {json.dumps(value, ensure_ascii=False)}", text)
    return new, count == 1


def variant_yaml(text: str, k: int) -> str:
    """A copy of one shipped scenario: new id ``<orig>-<k>``, numbered title, ``order: k``."""
    data = yaml.safe_load(text)
    new = {
        "id": f"{data['id']}-{k}",
        "title": f"{data['title']} ({k})",
        "summary": f"{data['summary']} (Variant {k}.)",
        "order": k,
    }
    out = text
    for key, value in new.items():
        out, ok = _set_scalar(out, key, value)
        if not ok:  # a multi-line or missing value: rewrite the whole document instead
            return yaml.safe_dump({**data, **new}, sort_keys=False, allow_unicode=True, width=100)
    return out


def make_project(src: Path, dest: Path, n: int) -> list[str]:
    """Copy ``mkdocs.yml`` and the docs, and write ``n`` scenario files. Returns their ids."""
    raw = read_mkdocs_yml(src / "mkdocs.yml")
    docs_dir = raw.get("docs_dir", "docs")
    scenarios = carecourse_settings(raw)["scenarios"]
    dest.mkdir(parents=True)
    shutil.copy2(src / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(src / docs_dir, dest / docs_dir)
    if (src / "locales").is_dir():
        shutil.copytree(src / "locales", dest / "locales")
    shipped = scenario_files(src / scenarios)
    if not shipped:
        raise SystemExit(f"no scenario files in {src / scenarios}")
    texts = [p.read_text(encoding="utf-8") for p in shipped]
    out_dir = dest / scenarios
    out_dir.mkdir(parents=True)
    ids = []
    for k in range(1, n + 1):
        text = variant_yaml(texts[(k - 1) % len(texts)], k)
        sid = yaml.safe_load(text)["id"]
        (out_dir / f"{sid}.yaml").write_text(text, encoding="utf-8")
        ids.append(sid)
    return ids


# --- step 3: the plain Material project with the same pages --------------------------------------


def page_url(src_uri: str, use_directory_urls: bool) -> str:
    """The URL MkDocs gives a page (the same rule as ``mkdocs.structure.files.File``)."""
    from mkdocs.structure.files import File

    return File(src_uri, None, None, use_directory_urls).url


def make_plain_project(project: Path, dest: Path) -> None:
    """The same pages as plain Markdown files, built by Material without the carecourse plugin."""
    from mkdocs.utils import get_relative_url

    raw = read_mkdocs_yml(project / "mkdocs.yml")
    settings = carecourse_settings(raw)
    src_docs = project / raw.get("docs_dir", "docs")
    course = load_course(project / settings["scenarios"])
    if not course.ok:
        raise SystemExit("the generated scenarios do not validate")
    theme = raw.get("theme") or {}
    language = (theme.get("language") if isinstance(theme, dict) else None) or "en"
    ui = ui_strings(language, str(project))
    use_dir_urls = bool(raw.get("use_directory_urls", True))

    def linker(page: str):
        def link(target: str) -> str:
            return get_relative_url(page_url(target, use_dir_urls), page_url(page, use_dir_urls))

        return link

    docs = dest / "docs"
    shutil.copytree(src_docs, docs)
    for name, uri in ASSET_URIS.items():
        (docs / uri).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ASSETS / name, docs / uri)
    (docs / "scenarios").mkdir(exist_ok=True)
    for scenario in course.scenarios:
        (docs / f"scenarios/{scenario.id}.md").write_text(
            scenario_markdown(scenario, ui), encoding="utf-8"
        )
    for pillar in PILLAR_IDS:
        uri = f"pillars/{pillar}.md"
        path = docs / uri
        text = (
            path.read_text(encoding="utf-8") if path.is_file() else f"# {ui['pillars'][pillar]}\n"
        )
        quiz = pillar_quiz_markdown(course.scenarios, pillar, ui, linker(uri))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.rstrip() + "\n\n" + quiz, encoding="utf-8")
    (docs / "assessment.md").write_text(
        assessment_markdown(
            course.scenarios,
            ui,
            pass_mark=settings["pass_mark"],
            per_scenario=settings["assessment_questions_per_scenario"],
            link=linker("assessment.md"),
        ),
        encoding="utf-8",
    )

    plain = dict(raw)
    plain["docs_dir"] = "docs"
    plain["site_dir"] = "site"
    plain["plugins"] = [p for p in raw.get("plugins") or [] if plugin_name(p) != "carecourse"]
    for key, ext in (("extra_css", ".css"), ("extra_javascript", ".js")):
        values = list(raw.get(key) or [])
        values += [u for u in ASSET_URIS.values() if u.endswith(ext) and u not in values]
        plain[key] = values
    if raw.get("nav") is None:
        plain["nav"] = course_nav(
            docs_pages(str(src_docs)),
            course.scenarios,
            ui,
            per_section=settings["scenarios_per_section"],
        )
    (dest / "mkdocs.yml").write_text(
        yaml.safe_dump(plain, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8"
    )


# --- running and measuring -----------------------------------------------------------------------


def run(cmd: Sequence[str | Path]) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    proc = subprocess.run([str(c) for c in cmd], env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout + proc.stderr)
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(map(str, cmd))}")
    return elapsed


def best_of(cmd: Sequence[str | Path], site: Path, repeat: int) -> tuple[float, list[float]]:
    """Best wall-clock time of ``repeat`` builds, each into an empty site folder."""
    times = []
    for _ in range(repeat):
        shutil.rmtree(site, ignore_errors=True)
        times.append(run(cmd))
    return min(times), times


@dataclass
class SiteStats:
    total_bytes: int
    html_pages: int
    html_bytes: int
    scenario_pages: int
    scenario_html_bytes: int
    largest_page: str
    largest_page_bytes: int

    @property
    def avg_html(self) -> float:
        return self.html_bytes / self.html_pages if self.html_pages else 0.0

    @property
    def avg_scenario_html(self) -> float:
        return self.scenario_html_bytes / self.scenario_pages if self.scenario_pages else 0.0


def site_stats(site: Path) -> SiteStats:
    total = html = html_n = sc = sc_n = 0
    largest, largest_bytes = "", 0
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        size = path.stat().st_size
        total += size
        if path.suffix == ".html":
            html += size
            html_n += 1
            rel = path.relative_to(site).as_posix()
            if rel.startswith("scenarios/"):
                sc += size
                sc_n += 1
            if size > largest_bytes:
                largest, largest_bytes = rel, size
    return SiteStats(total, html_n, html, sc_n, sc, largest, largest_bytes)


def same_pages(a: Path, b: Path) -> tuple[int, int]:
    """How many HTML pages of site ``a`` are byte-identical in site ``b``."""
    pages = sorted(a.rglob("*.html"))
    same = 0
    for page in pages:
        other = b / page.relative_to(a)
        if other.is_file() and other.read_bytes() == page.read_bytes():
            same += 1
    return same, len(pages)


@dataclass
class Result:
    n: int
    repeat: int
    check_s: float
    carecourse_s: float
    carecourse_runs: list[float]
    plugin_s: float | None
    plugin_runs: list[float]
    plain_s: float
    plain_runs: list[float]
    carecourse_site: dict[str, Any]
    plain_site: dict[str, Any]
    identical_pages: int
    compared_pages: int
    derived: dict[str, float] = field(default_factory=dict)


def bench_size(n: int, repeat: int, workdir: Path, *, plugin_only: bool) -> Result:
    project = workdir / f"n{n}" / "carecourse"
    plain = workdir / f"n{n}" / "plain"
    print(f"N={n}: generating...", file=sys.stderr, flush=True)
    make_project(ROOT, project, n)
    check_s = run([BIN / "carecourse", "check", "-f", project / "mkdocs.yml"])
    make_plain_project(project, plain)

    print(f"N={n}: carecourse build x{repeat}...", file=sys.stderr, flush=True)
    cc_site = project / "site"
    cc_cmd = [BIN / "carecourse", "build", "-f", project / "mkdocs.yml", "-d", cc_site]
    cc_best, cc_runs = best_of(cc_cmd, cc_site, repeat)

    plugin_best, plugin_runs = None, []
    if plugin_only:
        print(f"N={n}: mkdocs build with the plugin x{repeat}...", file=sys.stderr, flush=True)
        mk_site = project / "site-mkdocs"
        mk_cmd = [BIN / "mkdocs", "build", "-q", "-f", project / "mkdocs.yml", "-d", mk_site]
        plugin_best, plugin_runs = best_of(mk_cmd, mk_site, repeat)
        shutil.rmtree(mk_site, ignore_errors=True)

    print(f"N={n}: plain mkdocs build x{repeat}...", file=sys.stderr, flush=True)
    pl_site = plain / "site"
    pl_cmd = [BIN / "mkdocs", "build", "-q", "-f", plain / "mkdocs.yml", "-d", pl_site]
    pl_best, pl_runs = best_of(pl_cmd, pl_site, repeat)

    cc_stats, pl_stats = site_stats(cc_site), site_stats(pl_site)
    same, compared = same_pages(cc_site, pl_site)
    result = Result(
        n=n,
        repeat=repeat,
        check_s=check_s,
        carecourse_s=cc_best,
        carecourse_runs=cc_runs,
        plugin_s=plugin_best,
        plugin_runs=plugin_runs,
        plain_s=pl_best,
        plain_runs=pl_runs,
        carecourse_site={
            **asdict(cc_stats),
            "avg_html": cc_stats.avg_html,
            "avg_scenario_html": cc_stats.avg_scenario_html,
        },
        plain_site={
            **asdict(pl_stats),
            "avg_html": pl_stats.avg_html,
            "avg_scenario_html": pl_stats.avg_scenario_html,
        },
        identical_pages=same,
        compared_pages=compared,
    )
    result.derived = {
        "ratio": cc_best / pl_best,
        "plugin_ratio": (plugin_best / pl_best) if plugin_best else float("nan"),
        "site_mb": cc_stats.total_bytes / 1e6,
        "s_per_scenario": cc_best / n,
        "plain_s_per_scenario": pl_best / n,
    }
    return result


# --- reporting -----------------------------------------------------------------------------------


def linearity(results: list[Result]) -> dict[str, Any]:
    rs = sorted(results, key=lambda r: r.n)
    steps = []
    for a, b in itertools.pairwise(rs):
        dn = b.n - a.n
        steps.append(
            {
                "from": a.n,
                "to": b.n,
                "carecourse_s_per_added_scenario": (b.carecourse_s - a.carecourse_s) / dn,
                "plain_s_per_added_scenario": (b.plain_s - a.plain_s) / dn,
                "avg_page_bytes_ratio": b.carecourse_site["avg_html"]
                / a.carecourse_site["avg_html"],
                "scenario_page_bytes_ratio": (
                    b.carecourse_site["avg_scenario_html"] / a.carecourse_site["avg_scenario_html"]
                ),
            }
        )
    return {"steps": steps}


def print_report(results: list[Result], lin: dict[str, Any]) -> None:
    rows = [
        (
            "N",
            "cc build s",
            "mk+plugin s",
            "plain s",
            "ratio",
            "site MB",
            "avg B/page",
            "scen. B/page",
            "s/scenario",
            "same pages",
        ),
    ]
    for r in sorted(results, key=lambda r: r.n):
        cs = r.carecourse_site
        rows.append(
            (
                str(r.n),
                f"{r.carecourse_s:.2f}",
                "-" if r.plugin_s is None else f"{r.plugin_s:.2f}",
                f"{r.plain_s:.2f}",
                f"{r.derived['ratio']:.2f}",
                f"{r.derived['site_mb']:.1f}",
                f"{cs['avg_html']:,.0f}",
                f"{cs['avg_scenario_html']:,.0f}",
                f"{r.derived['s_per_scenario']:.4f}",
                f"{r.identical_pages}/{r.compared_pages}",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for i, row in enumerate(rows):
        print("  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)))
        if i == 0:
            print("  ".join("-" * w for w in widths))
    print()
    for r in sorted(results, key=lambda r: r.n):
        cs = r.carecourse_site
        print(
            f"N={r.n}: check {r.check_s:.2f} s; runs carecourse {_fmt(r.carecourse_runs)}, "
            f"plugin {_fmt(r.plugin_runs)}, plain {_fmt(r.plain_runs)}; "
            f"{cs['html_pages']} pages; largest {cs['largest_page']} "
            f"{cs['largest_page_bytes'] / 1e6:.2f} MB"
        )
    print()
    for s in lin["steps"]:
        print(
            f"N {s['from']}->{s['to']}: marginal carecourse "
            f"{s['carecourse_s_per_added_scenario'] * 1000:.1f} ms/scenario, plain "
            f"{s['plain_s_per_added_scenario'] * 1000:.1f} ms/scenario; bytes per page x"
            f"{s['avg_page_bytes_ratio']:.2f} (all pages), x"
            f"{s['scenario_page_bytes_ratio']:.2f} (scenario pages)"
        )
    over = [r.n for r in results if r.derived["ratio"] > TARGET_RATIO]
    print()
    if over:
        print(f"ratio above {TARGET_RATIO} for N = {', '.join(map(str, over))}")
    else:
        print(f"ratio within {TARGET_RATIO} for every N")


def _fmt(times: list[float]) -> str:
    return "[" + ", ".join(f"{t:.2f}" for t in times) + "]" if times else "-"


def main(argv: Sequence[str] | None = None) -> int:
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument(
        "--repeat", type=int, help="builds per size, best counts (default: 3 for N <= 100, 1 above)"
    )
    parser.add_argument("--json", type=Path, help="save the figures to this file")
    parser.add_argument(
        "--no-plugin-only",
        dest="plugin_only",
        action="store_false",
        help="skip the extra `mkdocs build` with the plugin (no CLI)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the generated projects")
    args = parser.parse_args(argv)
    if not (BIN / "carecourse").exists():
        parser.error(f"{BIN / 'carecourse'} not found: run with the project's .venv/bin/python")

    workdir = Path(tempfile.mkdtemp(prefix="carecourse-bench-"))
    results = []
    try:
        for n in args.sizes:
            repeat = args.repeat or (3 if n <= 100 else 1)
            results.append(bench_size(n, repeat, workdir, plugin_only=args.plugin_only))
            if not args.keep:
                shutil.rmtree(workdir / f"n{n}", ignore_errors=True)
    finally:
        if args.keep:
            print(f"projects kept in {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    lin = linearity(results)
    print_report(results, lin)
    if args.json:
        from importlib.metadata import version

        data = {
            "machine": {
                "cpus": os.cpu_count(),
                "python": platform.python_version(),
                "platform": platform.platform(),
                "mkdocs": version("mkdocs"),
                "mkdocs-material": version("mkdocs-material"),
            },
            "target_ratio": TARGET_RATIO,
            "results": [asdict(r) for r in results],
            "linearity": lin,
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
