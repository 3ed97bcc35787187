"""Printable PDFs of the course: a handbook and an answer key per language, and certificates.

Everything is rendered from the same validated objects as the site (a language's
:class:`~builder.course.Edition`, or ``load_course`` + ``localize_course``) and from
the hand-written Markdown pages, through Jinja2 templates
(``templates/``) and one paged-media stylesheet (``print.css``), with WeasyPrint.
Nothing is loaded from the network while rendering; fonts are the system's own.

WeasyPrint is imported only when a PDF is actually written, so importing this
package stays cheap for the rest of the CLI.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from builder import markdown
from builder.loader import Course
from builder.pdf.certificates import (
    CertificateReport,
    RosterProblem,
    RosterRow,
    Written,
    certificate_html,
    make_certificate,
    make_certificates,
    read_roster,
)
from builder.pdf.documents import (
    CourseView,
    answer_key_html,
    course_view,
    handbook_html,
    load_checked_course,
    localized_course,
)
from builder.pdf.settings import PRINT_CSS, PdfError, PdfSettings, settings_from_mkdocs

__all__ = [
    "PRINT_CSS",
    "CertificateReport",
    "PdfError",
    "PdfSettings",
    "RosterProblem",
    "RosterRow",
    "Written",
    "answer_key_html",
    "certificate_html",
    "handbook_html",
    "make_all",
    "make_answer_key",
    "make_certificate",
    "make_certificates",
    "make_handbook",
    "pdf_bytes",
    "read_roster",
    "settings_from_mkdocs",
]

if TYPE_CHECKING:
    from weasyprint.document import Document

    from builder.course import Edition
    from builder.translate import LocalizedCourse

log = logging.getLogger("carecourse")

KINDS = ("handbook", "answer-key")


def _document(kind: str, view: CourseView, project_dir: Path, settings: PdfSettings,
              name: str) -> Document:
    """The handbook or answer key of ``view``, laid out (``name``: for warnings)."""
    from builder.pdf.engine import render
    from builder.pdf.fetcher import allowed_roots, report_refused

    markdown.configure(settings.markdown)
    html = handbook_html(settings, view) if kind == "handbook" else answer_key_html(settings, view)
    refused: list[str] = []
    document = render(html, base_dir=project_dir, roots=allowed_roots(settings, project_dir),
                      refused=refused)
    report_refused(Path(name), refused, [project_dir / settings.scenarios,
                                         project_dir / settings.docs_dir])
    return document


def _make(kind: str, project_dir: Path, language: str, out: Path, settings: PdfSettings,
          course: Course | None, localized: LocalizedCourse | None = None) -> tuple[Path, int]:
    from builder.pdf.engine import write_document

    view = course_view(project_dir, settings, language, course, localized=localized)
    document = _document(kind, view, project_dir, settings, Path(out).name)
    write_document(document, out)
    log.debug("wrote %s (%d pages)", out, len(document.pages))
    return Path(out), len(document.pages)


def pdf_bytes(kind: str, edition: Edition, settings: PdfSettings) -> bytes:
    """The handbook or answer key of an edition, as PDF bytes (nothing is loaded again)."""
    project_dir = edition.settings.project_dir
    view = course_view(project_dir, settings, edition.language, localized=edition.localized)
    document = _document(kind, view, project_dir, settings, pdf_name(kind, edition.language))
    return bytes(document.write_pdf())


def make_handbook(project_dir: Path, language: str, out: Path, *, settings: PdfSettings,
                  course: Course | None = None) -> Path:
    """The learners' handbook in ``language``: lesson, pillars, scenarios, blank quizzes."""
    return _make("handbook", Path(project_dir), language, Path(out), settings, course)[0]


def make_answer_key(project_dir: Path, language: str, out: Path, *, settings: PdfSettings,
                    course: Course | None = None) -> Path:
    """The trainers' answer key in ``language``: answers, feedback, explanations, pillar index."""
    return _make("answer-key", Path(project_dir), language, Path(out), settings, course)[0]


def pdf_name(kind: str, language: str) -> str:
    return f"{kind}-{language}.pdf"


def _cores() -> int:
    """The cores this process may use (a container may allow fewer than the machine has)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _context() -> multiprocessing.context.BaseContext:
    """``fork`` is quickest, but only safe while this process runs a single thread."""
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def make_all(project_dir: Path, languages: list[str], out_dir: Path, *, settings: PdfSettings,
             workers: int | None = None,
             localized: Mapping[str, LocalizedCourse] | None = None) -> list[Path]:
    """Handbook and answer key for every language (``handbook-en.pdf``, ``answer-key-en.pdf``...).

    From the validated course of each language (``localized``: each language's
    :class:`~builder.course.Edition`'s), or else loaded and validated once here; the
    documents are rendered in parallel processes, one per core.
    """
    project_dir = Path(project_dir)
    out_dir = Path(out_dir)
    for language in languages:
        settings.check_language(language)
    course = None
    if localized is None:
        course = load_checked_course(project_dir, settings)
        # translation errors stop everything before any work starts
        localized = {language: localized_course(course, settings, language)
                    for language in languages}
    jobs = [(kind, language, out_dir / pdf_name(kind, language))
            for language in languages for kind in KINDS]
    count = max(1, min(len(jobs), workers or _cores()))
    if count == 1:
        results = [_make(kind, project_dir, lang, out, settings, course, localized[lang])
                   for kind, lang, out in jobs]
    else:
        with ProcessPoolExecutor(max_workers=count, mp_context=_context()) as pool:
            # the bigger handbooks first, so that the cores finish together
            order = sorted(range(len(jobs)), key=lambda i: jobs[i][0] != "handbook")
            futures = {i: pool.submit(_make, jobs[i][0], project_dir, jobs[i][1], jobs[i][2],
                                      settings, None, localized[jobs[i][1]]) for i in order}
            results = [futures[i].result() for i in range(len(jobs))]
    for path, pages in results:
        log.info("wrote %s (%d pages)", path, pages)
    return [path for path, _ in results]
