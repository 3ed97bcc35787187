"""Build benchmark: ``carecourse build`` against a plain Material build of the same pages.

For each size N it makes a course of N scenarios in every configured language
(``bench/course_maker.py``) and measures, on whatever cores the machine gives:

- ``carecourse check`` (wall), cold and again with nothing changed (from its cache);
- a cold ``carecourse build --no-pdf`` (cache and site removed): wall, CPU of the whole
  process tree, peak memory of the tree (sum of RSS, sampled every 50 ms);
- **plain**: stock ``mkdocs build`` of the very trees that build compiled
  (``.cache/carecourse/compiled/<lang>/mkdocs.yml``), as many at a time as build runs
  them; the CPU ratio carecourse / plain is the cost of carecourse itself;
- that both sites are the same (files compared; the search index as parsed JSON);
- a second build with nothing changed (wall and CPU, as a share of the first);
- the largest page of the site;
- optionally (``--pdf-max``) a cold build with the PDFs, the live reload of
  ``carecourse serve`` after one YAML edit (``--reload-size``), and ``zensical build``
  on a compiled tree (``--zensical``: what works and how fast; not a requirement).

Usage::

    .venv/bin/python bench/build_bench.py [--sizes 10 100 1000] [--json bench/out/run.json]
        [--pdf-max 10] [--reload-size 100] [--zensical] [--keep]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_probes import live_reload, same_files, zensical_try
from course_maker import ROOT, make_course

BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
CORES = len(os.sched_getaffinity(0))


def _tree_rss(pid: int) -> int:
    """Resident memory of ``pid`` and all its descendants, in bytes."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        parents[int(stat.parent.name)] = int(fields[1])
        rss[int(stat.parent.name)] = int(fields[21]) * resource.getpagesize()
    tree, todo = {pid}, [pid]
    while todo:
        current = todo.pop()
        kids = [p for p, ppid in parents.items() if ppid == current]
        tree.update(kids)
        todo.extend(kids)
    return sum(rss.get(p, 0) for p in tree)


def timed(command: list[str], cwd: Path) -> dict[str, float]:
    """Run ``command``; wall clock, CPU of it and its descendants, peak memory of the tree."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    peak = 0
    while process.poll() is None:
        peak = max(peak, _tree_rss(process.pid))
        time.sleep(0.05)
    wall = time.perf_counter() - started
    output = process.stdout.read() if process.stdout else ""
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{output}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "peak_mb": peak / 2**20}


def plain_builds(project: Path, languages: list[str], out: Path) -> dict[str, float]:
    """Stock mkdocs on the compiled trees, ``CORES`` at a time (as carecourse runs them)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()

    def one(language: str) -> None:
        tree = project / ".cache" / "carecourse" / "compiled" / language / "mkdocs.yml"
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(tree), "-d",
                        str(out / language)], env=ENV, check=True, capture_output=True)

    with ThreadPoolExecutor(max_workers=CORES) as pool:
        list(pool.map(one, languages))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": time.perf_counter() - started, "cpu": cpu}


def largest_page(site: Path) -> tuple[str, int]:
    pages = [(p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html")]
    size, name = max(pages)
    return name, size


def measure(n: int, args: argparse.Namespace, work: Path) -> dict[str, Any]:
    project = make_course(work / f"n{n}", n)
    carecourse = [str(BIN / "carecourse")]
    row: dict[str, Any] = {"n": n, "cores": CORES, "load": os.getloadavg()[0]}
    row["check"] = timed([*carecourse, "check"], project)
    row["check_again"] = timed([*carecourse, "check"], project)  # unchanged: from the cache
    row["build"] = timed([*carecourse, "build", "--no-pdf"], project)
    languages = sorted(p.name for p in (project / "site").iterdir() if p.is_dir())
    row["plain"] = plain_builds(project, languages, work / f"plain{n}")
    row["cpu_ratio"] = row["build"]["cpu"] / row["plain"]["cpu"]
    row["different_files"] = sum(len(same_files(project / "site" / lang, work / f"plain{n}" /
                                                lang)) for lang in languages)
    row["second"] = timed([*carecourse, "build", "--no-pdf"], project)
    row["second_share"] = row["second"]["wall"] / row["build"]["wall"]
    row["largest_page"] = largest_page(project / "site")
    if n <= args.pdf_max:
        shutil.rmtree(project / ".cache", ignore_errors=True)
        row["with_pdf"] = timed([*carecourse, "build"], project)
    if n == args.reload_size:
        row["reload_s"] = live_reload(project, carecourse)
    if args.zensical:
        row["zensical"] = zensical_try(project, work / f"zensical{n}")
    if not args.keep:
        shutil.rmtree(project, ignore_errors=True)
        shutil.rmtree(work / f"plain{n}", ignore_errors=True)
    return row


def table(rows: list[dict[str, Any]]) -> str:
    head = ("| N | check s (again) | build s | build CPU s | plain CPU s | **CPU ratio** | "
            "peak MB | 2nd build s (share) | largest page | differing files |\n"
            + "|---" * 10 + "|")
    lines = [head]
    for r in rows:
        page, size = r["largest_page"]
        lines.append(
            f"| {r['n']} | {r['check']['wall']:.2f} ({r['check_again']['wall']:.2f}) | "
            f"{r['build']['wall']:.1f} | "
            f"{r['build']['cpu']:.1f} | {r['plain']['cpu']:.1f} | **{r['cpu_ratio']:.2f}** | "
            f"{r['build']['peak_mb']:.0f} | {r['second']['wall']:.1f} "
            f"({r['second_share']:.0%}) | {size / 1024:.0f} KB `{page}` | "
            f"{r['different_files']} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--json", type=Path)
    parser.add_argument("--pdf-max", type=int, default=10)
    parser.add_argument("--reload-size", type=int, default=100)
    parser.add_argument("--zensical", action="store_true")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="cc-bench-") as tmp:
        work = Path(tmp)
        for n in args.sizes:
            rows.append(measure(n, args, work))
            print(json.dumps(rows[-1]), flush=True)
            if args.json:
                args.json.parent.mkdir(parents=True, exist_ok=True)
                args.json.write_text(json.dumps(rows, indent=1))
    print(table(rows))
    print(f"(builder at {ROOT}, {CORES} cores)")


if __name__ == "__main__":
    main()
