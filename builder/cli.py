"""The ``carecourse`` command: build, serve and check a course."""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from builder import __version__
from builder.loader import Course, load_course
from builder.problems import errors, report

log = logging.getLogger("carecourse")


def _setup_logging(verbose: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    for name in ("mkdocs", "carecourse"):
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(logging.DEBUG if verbose else logging.WARNING)
        logger.propagate = False
    logging.getLogger("carecourse").setLevel(logging.DEBUG if verbose else logging.INFO)


def _load_config(config_file: str, **overrides: object):  # -> MkDocsConfig
    from mkdocs.config import load_config

    return load_config(config_file, **overrides)


def scenarios_path(config_file: str) -> Path:
    """The scenarios folder named in mkdocs.yml's carecourse plugin settings."""
    config = _load_config(config_file)
    plugin = config.plugins.get("carecourse")
    folder = plugin.config.scenarios if plugin is not None else "scenarios"
    return Path(config_file).resolve().parent / folder


def check_course(config_file: str) -> Course:
    course = load_course(scenarios_path(config_file))
    if course.problems:
        print(report(course.problems), file=sys.stderr)
    return course


def _summary(course: Course) -> str:
    questions = sum(len(s.quiz) for s in course.scenarios)
    return f"{len(course.scenarios)} scenarios, {questions} questions"


def swap_into_place(built: Path, target: Path) -> None:
    """Replace ``target`` with ``built`` so readers never see a half-written site."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        target.rename(old)
    built.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def build_site(config_file: str, site_dir: str | None, *, strict: bool) -> int:
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort, MkDocsException

    started = time.perf_counter()
    course = check_course(config_file)
    if errors(course.problems):
        print(f"carecourse: the site was not built; fix the {len(errors(course.problems))} "
              "problem(s) above.", file=sys.stderr)
        return 1
    config = _load_config(config_file, strict=strict)
    target = Path(site_dir).resolve() if site_dir else Path(config.site_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
    try:
        config = _load_config(config_file, strict=strict, site_dir=str(staging))
        build(config)
    except (MkDocsException, Abort) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"carecourse: build failed: {exc}", file=sys.stderr)
        return 1
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    swap_into_place(staging, target)
    elapsed = time.perf_counter() - started
    log.info("built %s into %s in %.1f s", _summary(course), os.path.relpath(target), elapsed)
    return 0


def serve_site(config_file: str, dev_addr: str | None) -> int:
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import MkDocsException

    course = check_course(config_file)
    if errors(course.problems):
        return 1
    try:
        serve(config_file=config_file, dev_addr=dev_addr, livereload=True)
    except MkDocsException as exc:
        print(f"carecourse: {exc}", file=sys.stderr)
        return 1
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    parser = argparse.ArgumentParser(
        prog="carecourse",
        description="Turn YAML service scenarios into a training course.",
    )
    parser.add_argument("--version", action="version", version=f"carecourse {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("-f", "--config-file", default="mkdocs.yml", help="default: mkdocs.yml")
        p.add_argument("-v", "--verbose", action="store_true", help="show MkDocs' messages")

    p_build = sub.add_parser("build", help="build the course website into site/")
    common(p_build)
    p_build.add_argument("-d", "--site-dir", help="where to write the site (default: site/)")
    p_build.add_argument("-s", "--strict", action="store_true", help="fail on any warning")
    p_serve = sub.add_parser("serve", help="preview the course; rebuilds when files change")
    common(p_serve)
    p_serve.add_argument("-a", "--dev-addr", help="address to serve on (default: 127.0.0.1:8000)")
    p_check = sub.add_parser("check", help="validate the scenarios without building")
    common(p_check)

    args = parser.parse_args(argv)
    _setup_logging(args.verbose)
    if not Path(args.config_file).is_file():
        print(f"carecourse: {args.config_file} not found; run carecourse in the course folder "
              "or pass -f path/to/mkdocs.yml", file=sys.stderr)
        return 1
    try:
        if args.command == "check":
            course = check_course(args.config_file)
            if errors(course.problems):
                print(f"carecourse: {len(errors(course.problems))} error(s).", file=sys.stderr)
                return 1
            print(f"carecourse: OK — {_summary(course)}.")
            return 0
        if args.command == "build":
            return build_site(args.config_file, args.site_dir, strict=args.strict)
        return serve_site(args.config_file, args.dev_addr)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a config error from MkDocs, a full disk...
        from mkdocs.exceptions import MkDocsException

        if isinstance(exc, MkDocsException | OSError):
            print(f"carecourse: {exc}", file=sys.stderr)
            return 1
        raise


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
