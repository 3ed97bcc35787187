"""``carecourse package``: the command line of LMS packaging."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path

from builder.lms import FORMATS
from builder.plural import count_of
from builder.settings import Settings

log = logging.getLogger("carecourse")


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser("package", help="make LMS packages (SCORM 1.2, SCORM 2004, cmi5)")
    p.add_argument("--format", required=True, action="append", choices=FORMATS,
                   help="scorm12, scorm2004 or cmi5 (repeat for several)")
    which = p.add_mutually_exclusive_group()
    which.add_argument("-l", "--language", help="only this language (default: one package each)")
    which.add_argument("--all-languages", action="store_true",
                       help="one package holding every language, with the language selector")
    p.add_argument("-o", "--out", default="packages", help="output folder (default: packages/)")
    p.add_argument("--no-pdf", action="store_true",
                   help="leave the handbook PDF out of the package (the answer key never goes in)")
    return p


def _size(path: Path) -> str:
    size = path.stat().st_size
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size / 1000:.0f} kB"


def package_command(settings: Settings, args: argparse.Namespace) -> int:
    from builder.commands import INVALID, OK, checked, language_list, output_folder, refused
    from builder.lms.course import PackageError
    from builder.lms.package import make_packages
    from builder.lms.site import packaged_settings

    started = time.perf_counter()
    formats = list(dict.fromkeys(args.format))
    out = output_folder(settings, args.out, what="package")
    languages = language_list(settings, args.language)
    editions = checked(packaged_settings(settings), languages)
    if not editions.ok:
        refused(editions, "no package was made")
        return INVALID
    try:
        made, failures = make_packages(editions, formats, out, language=args.language,
                                       all_languages=args.all_languages, pdf=not args.no_pdf)
    except PackageError as exc:
        made, failures = [], [str(exc)]
    for item in made:
        log.info("wrote %s (%s, %d files)", os.path.relpath(item.path), _size(item.path),
                 item.files)
        log.info("  %s", item.suspend.line(item.course))
    for failure in failures:
        print(f"carecourse: {failure}", file=sys.stderr)
    if failures:
        print(f"carecourse: {count_of(len(failures), 'package', 'packages')} not made.",
              file=sys.stderr)
        return INVALID
    log.info("made %s in %.1f s", count_of(len(made), "package", "packages"),
             time.perf_counter() - started)
    return OK
