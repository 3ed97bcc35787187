"""What each ``carecourse`` command does, on settings read once and a course loaded once.

Exit codes: 0 ok, 1 invalid content, 2 bad usage or settings, 3 an unexpected error.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path

from builder.cache import CACHE_DIR
from builder.course import Editions, load_editions
from builder.coverage import format_table
from builder.outdir import check_output
from builder.plural import count_of
from builder.problems import Problem, errors, report
from builder.quality import failing, quality_problems, verdict
from builder.settings import Settings

log = logging.getLogger("carecourse")
OK, INVALID, USAGE, UNEXPECTED = 0, 1, 2, 3


class UsageError(Exception):
    """A command-line mistake: exit 2 with this message."""


def summary(editions: Editions) -> str:
    scenarios = editions.course.scenarios
    text = f"{len(scenarios)} scenarios, {sum(len(s.quiz) for s in scenarios)} questions"
    if len(editions.settings.languages) > 1:
        text += f", {len(editions.settings.languages)} languages"
    return text


def course_problems(editions: Editions) -> list[Problem]:
    """Every problem of the loaded course and, when its scenarios are valid, the
    item-quality warnings in each of its languages (``builder.quality``)."""
    problems = editions.problems
    if not editions.course.ok:
        return problems
    localized = {code: edition.scenarios for code, edition in editions.editions.items()}
    quality = quality_problems(editions.course, list(localized),
                               editions.settings.course.assessment.questions_per_pillar,
                               localized=localized)
    return sorted({*problems, *quality})


def checked(settings: Settings, languages: list[str] | None = None) -> Editions:
    """Load every language (or ``languages``) once and print every problem."""
    editions = load_editions(settings, languages)
    if editions.problems:
        print(report(editions.problems), file=sys.stderr)
    return editions


def refused(editions: Editions, outcome: str) -> None:
    """Tell the trainer what did not happen and why: ``outcome``; fix the 2 errors above."""
    found = count_of(len(errors(editions.problems)), "error", "errors")
    print(f"carecourse: {outcome}; fix the {found} above.", file=sys.stderr)


def output_folder(settings: Settings, folder: str | Path, *, what: str = "site") -> Path:
    inputs = [*settings.inputs, settings.project_dir / CACHE_DIR]
    return check_output(Path(folder), settings.project_dir, inputs, what=what)


def language_list(settings: Settings, language: str | None) -> list[str]:
    if language is None:
        return list(settings.languages)
    if language not in settings.languages:
        raise UsageError(f"'{language}' is not one of the course languages "
                         f"({', '.join(settings.languages)})")
    return [language]


def check_command(settings: Settings, args: argparse.Namespace) -> int:
    """Everything build validates; an unchanged course is answered from the cache."""
    from builder.check_cache import check_key, recall, remember

    key = check_key(settings)
    known = recall(settings, key)
    if known is None:
        editions = load_editions(settings)
        rows = [e.coverage_row() for e in editions.editions.values()]
        known = course_problems(editions), rows, summary(editions)
        remember(settings, key, *known)
    problems, rows, text = known
    if len(rows) > 1:
        print(format_table(rows, settings.default_language))
    if problems:
        print(report(problems), file=sys.stderr)
    if failing(problems, strict=args.strict):
        print(f"carecourse: {verdict(problems, strict=args.strict)}.", file=sys.stderr)
        return INVALID
    print(f"carecourse: OK — {text}.")
    return OK


def build_command(settings: Settings, args: argparse.Namespace) -> int:
    from builder.build import BuildOptions, build_site

    started = time.perf_counter()
    target = output_folder(settings, args.site_dir or settings.site_dir)
    editions = load_editions(settings)
    problems = course_problems(editions)
    if problems:
        print(report(problems), file=sys.stderr)
    if failing(problems, strict=args.strict):
        print(f"carecourse: the site was not built; fix the "
              f"{verdict(problems, strict=args.strict)} above.", file=sys.stderr)
        return INVALID
    options = BuildOptions(strict=args.strict, site_url=args.site_url,
                           pdf=False if args.no_pdf else None, generator=args.generator)
    code = build_site(editions, target, options)
    if code == OK:
        log.info("built %s into %s in %.1f s", summary(editions), os.path.relpath(target),
                 time.perf_counter() - started)
    return code


def compile_command(settings: Settings, args: argparse.Namespace) -> int:
    from builder.cache import Cache
    from builder.compile import compile_edition

    started = time.perf_counter()
    out = output_folder(settings, args.out, what="compile")
    languages = language_list(settings, args.language)
    editions = checked(settings, languages)
    if not editions.ok:
        refused(editions, "nothing was compiled")
        return INVALID
    cache = Cache(settings.project_dir / CACHE_DIR)
    for language in languages:
        tree = compile_edition(editions[language], out / language, site_url=args.site_url,
                               pdf=False if args.no_pdf else None, cache=cache)
        log.info("compiled %s: %s changed", os.path.relpath(tree.root),
                 count_of(len(tree.changed), "file", "files"))
    log.info("compiled %s into %s in %.1f s (build one with: mkdocs build -f %s)",
             summary(editions), os.path.relpath(out), time.perf_counter() - started,
             os.path.relpath(out / languages[0] / "mkdocs.yml"))
    return OK


def documents_command(settings: Settings, args: argparse.Namespace) -> int:
    """``carecourse pdf`` and ``carecourse certificates``."""
    from builder.pdf import PdfError, make_all, make_certificates
    from builder.pdf.settings import pdf_settings

    started = time.perf_counter()
    paper = pdf_settings(settings, args.paper)
    try:
        if args.command == "pdf":
            languages = language_list(settings, args.language)
            editions = checked(settings, languages)
            if not editions.ok:
                refused(editions, "no PDF was made")
                return INVALID
            paths = make_all(settings.project_dir, languages, Path(args.out), settings=paper,
                             localized={code: editions[code].localized for code in languages})
            log.info("made %d PDFs in %.1f s", len(paths), time.perf_counter() - started)
            return OK
        roster = Path(args.roster)
        if not roster.is_file():
            raise UsageError(f"{args.roster}: no such file")
        if args.language:
            language_list(settings, args.language)
        result = make_certificates(roster, Path(args.out), settings=paper,
                                   language=args.language, merged=args.merged,
                                   require_pass=not args.allow_below_pass)
    except PdfError as exc:
        print(f"carecourse: {exc}", file=sys.stderr)
        return INVALID
    for problem in result.problems:
        print(str(problem), file=sys.stderr)
    for path in result.files:
        log.info("wrote %s", os.path.relpath(path))
    log.info("%s written, %s refused", count_of(len(result.written), "certificate",
                                                "certificates"),
             count_of(result.refused, "row", "rows"))
    return OK if result.ok else INVALID
