"""Certificates of completion from a roster (CSV): one PDF per person, or one merged PDF.

The roster is read by :mod:`builder.pdf.roster`. A bad row is reported with its line
number and the reason, and never stops the good rows: not even a name or an
organisation too long for one page (it shrinks and wraps first).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from builder.loader import display_path
from builder.pdf.documents import environment
from builder.pdf.roster import RosterProblem, RosterRow, read_roster
from builder.pdf.settings import PdfSettings
from builder.pdf.words import format_date, format_percent, ui_for
from builder.pillars import PILLAR_IDS
from builder.problems import slugify

__all__ = ["CertificateReport", "RosterProblem", "RosterRow", "Written", "certificate_html",
           "make_certificate", "make_certificates", "read_roster", "slug", "unique_names"]

@dataclass(frozen=True)
class Written:
    row: RosterRow
    path: Path  # the person's PDF, or the merged PDF
    page: int = 1  # the person's page in ``path``


@dataclass
class CertificateReport:
    """What ``make_certificates`` did: the certificates written and the rows refused."""

    written: list[Written] = field(default_factory=list)
    problems: list[RosterProblem] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def bad_lines(self) -> list[int]:
        """The lines of the rows that got no certificate."""
        return sorted({p.line for p in self.problems if p.rows})

    @property
    def refused(self) -> int:
        """How many people got no certificate (rows not read included)."""
        return sum(p.rows for p in self.problems)


# --- file names ----------------------------------------------------------------------------

def slug(name: str) -> str:
    """``"Şükrü Öztürk"`` -> ``"sukru-ozturk"``; Cyrillic is transliterated."""
    return slugify(name)


def unique_names(names: list[str], prefix: str = "certificate-") -> list[str]:
    """One file name per person, never the same twice (``-2``, ``-3`` for namesakes)."""
    used: set[str] = set()
    out = []
    for i, person in enumerate(names, 1):
        base = f"{prefix}{slug(person) or f'person-{i}'}"
        candidate, n = base, 1
        while candidate in used:
            n += 1
            candidate = f"{base}-{n}"
        used.add(candidate)
        out.append(f"{candidate}.pdf")
    return out


# --- rendering -------------------------------------------------------------------------------


# (longest text, size class): the name and organisation shrink step by step, then wrap
_NAME_SIZES = ((24, "short"), (34, "medium"), (48, "long"), (72, "xlong"))
_ORG_SIZES = ((48, "short"), (90, "long"))


def _size(text: str, sizes: tuple[tuple[int, str], ...]) -> str:
    length = max(len(text), 2 * max((len(w) for w in text.split()), default=0) // 3)
    return next((name for limit, name in sizes if length <= limit), "tiny")


def _certificate_view(name: str, date: dt.date, score: float,
                      pillar_scores: Mapping[str, float] | None, language: str,
                      settings: PdfSettings) -> dict[str, Any]:
    settings.check_language(language)
    ui = ui_for(language, settings)
    pdf = ui["pdf"]
    course = Markup("<strong>{}</strong>").format(settings.title(language))
    return {
        "language": language,
        "name": " ".join(name.split()),
        "name_size": _size(" ".join(name.split()), _NAME_SIZES),
        "org_size": _size(settings.organisation, _ORG_SIZES),
        "pdf": pdf,
        "completed": Markup(escape(pdf["completed"])).format(course=course),
        "date_text": format_date(date, language, ui),
        "score_text": pdf["overall_score"].format(score=format_percent(score, language, ui)),
        "pillars": [
            {"id": p, "name": ui["pillars"][p],
             "value": format_percent(pillar_scores[p], language, ui)}
            for p in PILLAR_IDS if pillar_scores and p in pillar_scores
        ],
        "title": settings.title(language),
    }


def _certificates_document(views: list[dict[str, Any]], settings: PdfSettings,
                           language: str) -> str:
    ui = ui_for(language, settings)
    names = ", ".join(v["name"] for v in views)
    return environment().get_template("certificate.html.j2").render(
        certificates=views,
        settings=settings,
        lang=language,
        doc_title=f"{ui['pdf']['certificate']} — {names}" if names else ui["pdf"]["certificate"],
        logo_url=settings.logo.resolve().as_uri() if settings.logo else None,
    )


def certificate_html(name: str, date: dt.date, score: float,
                     pillar_scores: Mapping[str, float] | None, language: str,
                     settings: PdfSettings) -> str:
    """One certificate as a complete HTML document, to be styled with ``PRINT_CSS``."""
    view = _certificate_view(name, date, score, pillar_scores, language, settings)
    return _certificates_document([view], settings, language)


def make_certificate(name: str, date: dt.date, score: float, out: Path, *,
                     settings: PdfSettings, language: str | None = None,
                     pillar_scores: Mapping[str, float] | None = None) -> Path:
    """One person's certificate as a one-page PDF."""
    from builder.pdf.engine import write_pdf
    from builder.pdf.fetcher import allowed_roots

    language = language or settings.default_language
    write_pdf(certificate_html(name, date, score, pillar_scores, language, settings), Path(out),
              base_dir=Path(out).parent, roots=allowed_roots(settings, None))
    return Path(out)


def _first_pages(document: Any, count: int) -> list[Any | None]:
    """Each certificate's page, or None for one that spilled onto a second page."""
    starts: dict[int, int] = {}
    for number, page in enumerate(document.pages):
        for anchor in page.anchors:
            if anchor.startswith("cc-cert-"):
                starts.setdefault(int(anchor.removeprefix("cc-cert-")), number)
    ends = [*(starts.get(i + 1, len(document.pages)) for i in range(count))]
    return [document.pages[starts[i]] if i in starts and ends[i] - starts[i] == 1 else None
            for i in range(count)]


def make_certificates(roster_csv: Path, out_dir: Path, *, settings: PdfSettings,
                      language: str | None = None, merged: bool = False,
                      require_pass: bool = True) -> CertificateReport:
    """Certificates for every good row of the roster; bad rows are reported, not fatal.

    ``language`` is used for rows without a ``language`` column. With ``merged``,
    one PDF (``<roster>-certificates.pdf``) holds one page per person; otherwise each
    person gets ``certificate-<name>.pdf``. With ``require_pass``, a score below the
    pass mark is reported instead of certified.
    """
    from builder.pdf.engine import render, write_document
    from builder.pdf.fetcher import allowed_roots

    roster_csv = Path(roster_csv)
    out_dir = Path(out_dir)
    language = settings.check_language(language or settings.default_language)
    rows, problems = read_roster(roster_csv, settings, language)
    report = CertificateReport(problems=list(problems))
    good: list[RosterRow] = []
    for row in rows:
        if require_pass and row.score < settings.pass_mark:
            report.problems.append(RosterProblem(
                display_path(roster_csv), row.line,
                f"{row.name}: score {row.score:g} is below the pass mark "
                f"({settings.pass_mark}); no certificate"))
        else:
            good.append(row)
    if not good:
        report.problems.sort(key=lambda p: p.line)
        return report
    views = [_certificate_view(r.name, r.date, r.score, r.pillar_scores, r.language, settings)
             for r in good]
    html = _certificates_document(views, settings, language)
    document = render(html, base_dir=roster_csv.parent, roots=allowed_roots(settings, None))
    pages = _first_pages(document, len(good))
    for row, page in zip(good, pages, strict=True):
        if page is None:
            report.problems.append(RosterProblem(
                display_path(roster_csv), row.line,
                f"{row.name}: the certificate does not fit on one page; shorten the name "
                "(or the organisation or course title in mkdocs.yml)"))
    report.problems.sort(key=lambda p: p.line)
    fitting = [(row, page) for row, page in zip(good, pages, strict=True) if page is not None]
    if not fitting:
        return report
    if merged:
        out = out_dir / f"{slug(roster_csv.stem) or 'roster'}-certificates.pdf"
        write_document(document.copy([page for _, page in fitting]), out)
        report.files.append(out)
        report.written = [Written(row, out, i) for i, (row, _) in enumerate(fitting, 1)]
        return report
    names = unique_names([row.name for row, _ in fitting])
    for (row, page), file_name in zip(fitting, names, strict=True):
        out = out_dir / file_name
        single = document.copy([page])
        ui = ui_for(row.language, settings)
        single.metadata.title = f"{ui['pdf']['certificate']} — {row.name}"
        single.metadata.lang = row.language
        write_document(single, out)
        report.files.append(out)
        report.written.append(Written(row, out))
    return report
