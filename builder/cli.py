"""The ``carecourse`` command: check, compile, build, serve, the PDFs and LMS packages.

Exit codes: 0 ok, 1 invalid content (every problem is listed), 2 bad usage or settings,
3 an unexpected error (one line, and where to report it; never a traceback).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from builder import __version__
from builder.commands import (
    UNEXPECTED,
    USAGE,
    UsageError,
    build_command,
    check_command,
    compile_command,
    documents_command,
)
from builder.plural import count_of
from builder.settings import Settings

log = logging.getLogger("carecourse")
REPORT_TO = ("this is a bug in carecourse; please report it (see 'Reporting a bug' in the "
             "README) with the command you ran and this line")


def _setup_logging(verbose: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    for name in ("mkdocs", "carecourse"):
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(logging.DEBUG if verbose else logging.WARNING)
        logger.propagate = False
    logging.getLogger("carecourse").setLevel(logging.DEBUG if verbose else logging.INFO)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="carecourse", description="Turn YAML service scenarios into a training course.",
        epilog="Exit codes: 0 ok, 1 invalid content, 2 bad usage or settings, "
               "3 unexpected error.")
    parser.add_argument("--version", action="version", version=f"carecourse {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("-f", "--config-file", default="mkdocs.yml", help="default: mkdocs.yml")
        p.add_argument("-v", "--verbose", action="store_true", help="show MkDocs' messages")
        return p

    def command(name: str, text: str) -> argparse.ArgumentParser:
        return common(sub.add_parser(name, help=text, description=text))

    p_build = command("build", "build the course website into site/")
    p_build.add_argument("-d", "--site-dir", help="where to write the site (default: site/)")
    p_build.add_argument("-s", "--strict", action="store_true", help="fail on any warning")
    p_build.add_argument("--site-url", help="the address the site is published at "
                         "(overrides site_url in mkdocs.yml)")
    p_build.add_argument("--no-pdf", action="store_true",
                         help="leave out the handbook and answer key PDFs (a quicker build)")
    p_build.add_argument("--generator", choices=("mkdocs", "properdocs"), default="mkdocs",
                         help="the site generator run on each compiled language "
                         "(default: mkdocs)")
    p_compile = command("compile", "write one plain MkDocs project per language "
                        "(DIR/<lang>/mkdocs.yml and docs/), buildable without carecourse")
    p_compile.add_argument("-o", "--out", default="compiled", help="default: compiled/")
    p_compile.add_argument("-l", "--language", help="only this language (default: all)")
    p_compile.add_argument("--site-url", help="overrides site_url in mkdocs.yml")
    p_compile.add_argument("--no-pdf", action="store_true", help="leave out the PDFs")
    p_serve = command("serve", "preview one language; recompiles when a file changes")
    p_serve.add_argument("-a", "--dev-addr", help="address to serve on (default: 127.0.0.1:8000)")
    p_serve.add_argument("-l", "--language", help="language to preview (default: the first)")
    p_check = command("check", "validate the settings, scenarios, translations and pages, "
                      "and the quality of quiz items")
    p_check.add_argument("-s", "--strict", action="store_true",
                         help="fail on any warning (item quality, translations)")
    p_pdf = command("pdf", "make the handbook and answer key PDFs")
    p_pdf.add_argument("-o", "--out", default="pdf", help="output folder (default: pdf/)")
    p_pdf.add_argument("-l", "--language", help="only this language (default: all)")
    p_pdf.add_argument("--paper", choices=("A4", "Letter"), help="paper size (default: A4)")
    p_cert = command("certificates", "make certificates from a CSV roster (columns: "
                     "name,date,score and optionally care,spontaneity,recovery,language)")
    p_cert.add_argument("roster", help="the roster CSV file")
    p_cert.add_argument("-o", "--out", default="certificates", help="output folder")
    p_cert.add_argument("-l", "--language", help="language for rows without one")
    p_cert.add_argument("--merged", action="store_true", help="one PDF with a page per person")
    p_cert.add_argument("--paper", choices=("A4", "Letter"), help="paper size (default: A4)")
    p_cert.add_argument("--allow-below-pass", action="store_true",
                        help="also certify scores below the pass mark")
    from builder.lms.command import add_parser as add_package_parser

    common(add_package_parser(sub))  # LMS packages (builder/lms)
    return parser


def _serve(settings: Settings, args: argparse.Namespace) -> int:
    from builder.serve import serve_language

    return serve_language(settings, args.language, args.dev_addr)


def _package(settings: Settings, args: argparse.Namespace) -> int:
    from builder.lms.command import package_command

    return package_command(settings, args)


COMMANDS: dict[str, Callable[[Settings, argparse.Namespace], int]] = {
    "check": check_command,
    "build": build_command,
    "compile": compile_command,
    "serve": _serve,
    "pdf": documents_command,
    "certificates": documents_command,
    "package": _package,
}


def run(args: argparse.Namespace) -> int:
    from builder.outdir import OutputError
    from builder.settings import SettingsError, read_settings

    if not Path(args.config_file).is_file():
        print(f"carecourse: {args.config_file} not found; run carecourse in the course folder "
              "or pass -f path/to/mkdocs.yml", file=sys.stderr)
        return USAGE
    try:
        settings = read_settings(args.config_file)
        return COMMANDS[args.command](settings, args)
    except SettingsError as exc:
        print(exc, file=sys.stderr)
        print(f"carecourse: fix {os.path.relpath(args.config_file)} first "
              f"({count_of(len(exc.problems), 'problem', 'problems')}).", file=sys.stderr)
        return USAGE
    except (OutputError, UsageError) as exc:
        print(f"carecourse: {exc}", file=sys.stderr)
        return USAGE


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    args = _parser().parse_args(argv)
    _setup_logging(args.verbose)
    try:
        return run(args)
    except KeyboardInterrupt:
        return 130
    except OSError as exc:  # a full disk, a read-only folder...
        where = f": {exc.filename}" if exc.filename else ""
        print(f"carecourse: {exc.strerror or exc}{where}; nothing was replaced.",
              file=sys.stderr)
        return UNEXPECTED
    except Exception as exc:
        if args.verbose:  # the details a bug report needs
            traceback.print_exc()
        print(f"carecourse: unexpected error ({type(exc).__name__}: {exc}); {REPORT_TO}.",
              file=sys.stderr)
        return UNEXPECTED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
