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
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from builder import __version__
from builder.coverage import check_languages, format_table
from builder.languages import ENV_LANGUAGE, configured_languages, root_index_html
from builder.loader import Course, load_course
from builder.locale import locale_problems, ui_strings
from builder.problems import errors, report
from builder.quality import failing, quality_problems, questions_per_pillar, verdict

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


@dataclass
class Project:
    """What the CLI needs from mkdocs.yml."""

    config_file: str
    scenarios: Path
    docs_dir: Path
    languages: dict[str, str]
    site_dir: Path
    site_name: str
    questions_per_pillar: int  # assessment: questions_per_pillar, for the quality check

    @property
    def default_language(self) -> str:
        return next(iter(self.languages))


def read_project(config_file: str) -> Project:
    config = _load_config(config_file)
    plugin = config.plugins.get("carecourse")
    settings = plugin.config if plugin is not None else None
    folder = settings.scenarios if settings is not None else "scenarios"
    languages = configured_languages(
        settings.languages if settings is not None else {}, config.theme.get("language")
    )
    return Project(
        config_file=config_file,
        scenarios=Path(config_file).resolve().parent / folder,
        docs_dir=Path(config.docs_dir),
        languages=languages,
        site_dir=Path(config.site_dir),
        site_name=config.site_name,
        questions_per_pillar=questions_per_pillar(settings),
    )


def check_course(project: Project, *, table: bool = False) -> Course:
    """Validate the scenarios and every translation; print problems (and coverage)."""
    course = load_course(project.scenarios)
    problems = [*course.problems, *locale_problems(Path(project.config_file).resolve().parent,
                                                   list(project.languages))]
    if len(project.languages) > 1:  # translations of invalid scenarios are read too
        rows, translation_problems = check_languages(
            course, list(project.languages), project.docs_dir
        )
        problems.extend(translation_problems)
        if table:
            print(format_table(rows, project.default_language))
    if course.ok:
        problems.extend(quality_problems(course, list(project.languages),
                                         project.questions_per_pillar))
    course.problems = sorted(problems)
    if course.problems:
        print(report(course.problems), file=sys.stderr)
    return course


def _summary(course: Course, project: Project | None = None) -> str:
    questions = sum(len(s.quiz) for s in course.scenarios)
    text = f"{len(course.scenarios)} scenarios, {questions} questions"
    if project is not None and len(project.languages) > 1:
        text += f", {len(project.languages)} languages"
    return text


def swap_into_place(built: Path, target: Path) -> None:
    """Replace ``target`` with ``built`` so readers never see a half-written site."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        target.rename(old)
    built.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _build_one(config_file: str, site_dir: str, language: str | None, strict: bool,
               verbose: bool, site_url: str | None = None, pdf: bool = True) -> str | None:
    """One MkDocs build (in a worker process); returns an error message or None."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort, MkDocsException

    _setup_logging(verbose)
    if language is not None:
        os.environ[ENV_LANGUAGE] = language
    try:
        overrides: dict[str, object] = {"strict": strict, "site_dir": site_dir}
        if site_url:
            overrides["site_url"] = site_url
        config = _load_config(config_file, **overrides)
        plugin = config.plugins.get("carecourse")
        if plugin is not None and not pdf:
            plugin.config.pdf = False
        build(config)
    except (MkDocsException, Abort) as exc:
        where = f" ({language})" if language else ""
        return f"build failed{where}: {exc}"
    return None


def build_site(project: Project, site_dir: str | None, *, strict: bool,
               verbose: bool = False, site_url: str | None = None, pdf: bool = True) -> int:
    started = time.perf_counter()
    course = check_course(project)
    if failing(course.problems, strict=strict):
        print(f"carecourse: the site was not built; fix the "
              f"{verdict(course.problems, strict=strict)} above.", file=sys.stderr)
        return 1
    target = Path(site_dir).resolve() if site_dir else project.site_dir
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
    try:
        failures = _build_languages(project, staging, strict=strict, verbose=verbose,
                                    site_url=site_url, pdf=pdf)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if failures:
        shutil.rmtree(staging, ignore_errors=True)
        for failure in failures:
            print(f"carecourse: {failure}", file=sys.stderr)
        print(f"carecourse: {os.path.relpath(target)} was left as it was.", file=sys.stderr)
        return 1
    swap_into_place(staging, target)
    elapsed = time.perf_counter() - started
    log.info("built %s into %s in %.1f s", _summary(course, project), os.path.relpath(target),
             elapsed)
    return 0


def _build_languages(project: Project, staging: Path, *, strict: bool,
                     verbose: bool, site_url: str | None, pdf: bool) -> list[str]:
    codes = list(project.languages)
    if len(codes) == 1:
        failure = _build_one(project.config_file, str(staging), None, strict, verbose, site_url,
                             pdf)
        return [failure] if failure else []
    workers = max(1, min(len(codes), os.cpu_count() or 1))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [
            pool.submit(_build_one, project.config_file, str(staging / code), code, strict,
                        verbose, site_url, pdf)
            for code in codes
        ]
        failures = [f for f in (future.result() for future in futures) if f]
    ui = ui_strings(project.default_language)
    (staging / "index.html").write_text(
        root_index_html(project.languages, project.site_name, ui["pages"]["choose_language"]),
        encoding="utf-8",
    )
    return failures


def serve_site(project: Project, dev_addr: str | None, language: str | None) -> int:
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import MkDocsException

    course = check_course(project)
    if errors(course.problems):
        return 1
    if language:
        if language not in project.languages:
            print(f"carecourse: '{language}' is not one of {', '.join(project.languages)}",
                  file=sys.stderr)
            return 1
        os.environ[ENV_LANGUAGE] = language
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    try:
        serve(config_file=project.config_file, dev_addr=dev_addr, livereload=True)
    except MkDocsException as exc:
        print(f"carecourse: {exc}", file=sys.stderr)
        return 1
    return 0


def make_documents(args: argparse.Namespace, project: Project) -> int:
    """``carecourse pdf`` and ``carecourse certificates``."""
    from builder.pdf import PdfError, make_all, make_certificates, settings_from_mkdocs

    started = time.perf_counter()
    try:
        paper = args.paper or _plugin_option(project, "paper", "A4")
        settings = settings_from_mkdocs(Path(project.config_file), paper=paper)
        project_dir = Path(project.config_file).resolve().parent
        if args.command == "pdf":
            languages = [args.language] if args.language else list(project.languages)
            paths = make_all(project_dir, languages, Path(args.out), settings=settings)
            log.info("made %d PDFs in %.1f s", len(paths), time.perf_counter() - started)
            return 0
        roster = Path(args.roster)
        if not roster.is_file():
            print(f"carecourse: {args.roster}: no such file", file=sys.stderr)
            return 1
        report = make_certificates(roster, Path(args.out), settings=settings,
                                   language=args.language, merged=args.merged,
                                   require_pass=not args.allow_below_pass)
    except PdfError as exc:
        print(f"carecourse: {exc}", file=sys.stderr)
        return 1
    for problem in report.problems:
        print(str(problem), file=sys.stderr)
    for path in report.files:
        log.info("wrote %s", os.path.relpath(path))
    log.info("%d certificate(s) written, %d row(s) refused", len(report.written),
             report.refused)
    return 0 if report.ok else 1


def _plugin_option(project: Project, name: str, default: str) -> str:
    plugin = _load_config(project.config_file).plugins.get("carecourse")
    return str(getattr(plugin.config, name, default)) if plugin is not None else default


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
    p_build.add_argument("--site-url", help="the address the site is published at "
                         "(overrides site_url in mkdocs.yml)")
    p_build.add_argument("--no-pdf", action="store_true",
                         help="leave out the handbook and answer key PDFs (a quicker build)")
    p_serve = sub.add_parser("serve", help="preview the course; rebuilds when files change")
    common(p_serve)
    p_serve.add_argument("-a", "--dev-addr", help="address to serve on (default: 127.0.0.1:8000)")
    p_serve.add_argument("-l", "--language", help="language to preview (default: the first)")
    p_check = sub.add_parser("check", help="validate the scenarios without building")
    common(p_check)
    p_check.add_argument("-s", "--strict", action="store_true",
                         help="fail on any warning (item quality, translations)")
    p_pdf = sub.add_parser("pdf", help="make the handbook and answer key PDFs")
    common(p_pdf)
    p_pdf.add_argument("-o", "--out", default="pdf", help="output folder (default: pdf/)")
    p_pdf.add_argument("-l", "--language", help="only this language (default: all)")
    p_pdf.add_argument("--paper", choices=("A4", "Letter"), help="paper size (default: A4)")
    p_cert = sub.add_parser("certificates", help="make certificates from a CSV roster "
                            "(columns: name,date,score and optionally care,spontaneity,"
                            "recovery,language)")
    common(p_cert)
    p_cert.add_argument("roster", help="the roster CSV file")
    p_cert.add_argument("-o", "--out", default="certificates", help="output folder")
    p_cert.add_argument("-l", "--language", help="language for rows without one")
    p_cert.add_argument("--merged", action="store_true", help="one PDF with a page per person")
    p_cert.add_argument("--paper", choices=("A4", "Letter"), help="paper size (default: A4)")
    p_cert.add_argument("--allow-below-pass", action="store_true",
                        help="also certify scores below the pass mark")
    # --- LMS packages (builder/lms): `carecourse package` ---
    from builder.lms.command import add_parser as add_package_parser

    common(add_package_parser(sub))

    args = parser.parse_args(argv)
    _setup_logging(args.verbose)
    if not Path(args.config_file).is_file():
        print(f"carecourse: {args.config_file} not found; run carecourse in the course folder "
              "or pass -f path/to/mkdocs.yml", file=sys.stderr)
        return 1
    try:
        project = read_project(args.config_file)
        if args.command == "check":
            course = check_course(project, table=True)
            if failing(course.problems, strict=args.strict):
                print(f"carecourse: {verdict(course.problems, strict=args.strict)}.",
                      file=sys.stderr)
                return 1
            print(f"carecourse: OK — {_summary(course, project)}.")
            return 0
        if args.command in ("pdf", "certificates"):
            return make_documents(args, project)
        if args.command == "package":  # LMS packages (builder/lms)
            from builder.lms.command import run as run_package

            if errors(check_course(project).problems):
                print("carecourse: no package was made; fix the error(s) above.",
                      file=sys.stderr)
                return 1
            return run_package(args)
        if args.command == "build":
            return build_site(project, args.site_dir, strict=args.strict, verbose=args.verbose,
                              site_url=args.site_url, pdf=not args.no_pdf)
        return serve_site(project, args.dev_addr, args.language)
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
