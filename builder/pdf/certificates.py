"""Certificates of completion from a roster (CSV): one PDF per person, or one merged PDF.

The roster has the columns ``name,date,score`` and, optionally, ``care``,
``spontaneity``, ``recovery`` (percentages per pillar) and ``language``. A bad row
is reported with its line number and the reason, and never stops the good rows.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from builder.loader import display_path
from builder.pdf.documents import environment
from builder.pdf.settings import PdfError, PdfSettings
from builder.pdf.words import format_date, format_percent, ui_for
from builder.pillars import PILLAR_IDS
from builder.problems import did_you_mean, quoted_list

REQUIRED = ("name", "date", "score")
COLUMNS = (*REQUIRED, *PILLAR_IDS, "language")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class RosterRow:
    line: int  # where the row starts in the file (the header is line 1)
    name: str
    date: dt.date
    score: float
    pillar_scores: dict[str, float]
    language: str


@dataclass(frozen=True)
class RosterProblem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


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
        return sorted({p.line for p in self.problems})


# --- reading the roster ----------------------------------------------------------------------


def _number(value: str) -> float | None:
    text = value.strip().removesuffix("%").strip()
    if text.count(",") == 1 and "." not in text:  # 87,5 from a Dutch or Italian spreadsheet
        text = text.replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _percentage(column: str, value: str) -> tuple[float | None, str | None]:
    number = _number(value)
    if number is None or not 0 <= number <= 100:
        return None, f"'{column}' must be a number from 0 to 100, got {value.strip()!r}"
    return number, None


def _delimiter(header: str) -> str:
    """Spreadsheets save CSV with ',' or, in much of Europe, ';'."""
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_roster(path: Path, settings: PdfSettings,
                language: str | None = None) -> tuple[list[RosterRow], list[RosterProblem]]:
    """The good rows and the problems of a roster file (UTF-8, with or without BOM)."""
    path = Path(path)
    name = display_path(path)
    default_language = settings.check_language(language or settings.default_language)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [RosterProblem(name, 1, "the file is not UTF-8 text; save it from the "
                                  "spreadsheet as 'CSV UTF-8'")]
    except OSError as exc:
        return [], [RosterProblem(name, 1, f"cannot read the file ({exc.strerror})")]
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line))
    problems: list[RosterProblem] = []
    header: list[str] | None = None
    rows: list[RosterRow] = []
    line = 1
    for record in reader:
        start, line = line, reader.line_num + 1
        if header is None:
            if not any(cell.strip() for cell in record):
                continue
            header = [cell.strip().lower() for cell in record]
            problems.extend(_check_header(name, start, header))
            if any(col not in header for col in REQUIRED):
                return [], problems
            continue
        if not any(cell.strip() for cell in record):
            continue
        row, reasons = _read_row(header, record, start, default_language, settings)
        problems.extend(RosterProblem(name, start, r) for r in reasons)
        if row is not None:
            rows.append(row)
    if header is None:
        problems.append(RosterProblem(name, 1, "the file is empty; the first line must name "
                                      f"the columns {', '.join(REQUIRED)}"))
    elif not rows and not problems:
        problems.append(RosterProblem(name, 2, "no people in the roster (only the header)"))
    return rows, problems


def _check_header(name: str, line: int, header: list[str]) -> list[RosterProblem]:
    problems = []
    for col in header:
        if col and col not in COLUMNS:
            hint = did_you_mean(col, COLUMNS) or f"; the columns are {quoted_list(COLUMNS)}"
            problems.append(RosterProblem(name, line, f"unknown column '{col}'{hint}"))
    seen: set[str] = set()
    for col in header:
        if col in seen and col:
            problems.append(RosterProblem(name, line, f"the column '{col}' appears twice"))
        seen.add(col)
    missing = [col for col in REQUIRED if col not in header]
    if missing:
        problems.append(RosterProblem(
            name, line, f"missing column(s) {quoted_list(missing)}: the first line must name "
                        f"the columns {', '.join(REQUIRED)} (optional: "
                        f"{', '.join(COLUMNS[len(REQUIRED):])})"))
    return problems


def _read_row(header: list[str], record: list[str], line: int, default_language: str,
              settings: PdfSettings) -> tuple[RosterRow | None, list[str]]:
    values: dict[str, str] = {}
    for col, cell in zip(header, record, strict=False):
        if col and col not in values:
            values[col] = cell
    reasons = []
    extra = [cell for cell in record[len(header):] if cell.strip()]
    if extra:
        reasons.append(f"has {len(record)} values but the header names {len(header)} columns")
    person = " ".join(values.get("name", "").split())
    if not person:
        reasons.append("missing name")
    raw_date = values.get("date", "").strip()
    date = None
    if not raw_date:
        reasons.append("missing date (write it as YYYY-MM-DD, e.g. 2025-03-14)")
    elif not _ISO_DATE.match(raw_date):
        reasons.append(f"'date' must be written YYYY-MM-DD (e.g. 2025-03-14), got {raw_date!r}")
    else:
        try:
            date = dt.date.fromisoformat(raw_date)
        except ValueError:
            reasons.append(f"'date' must be a real date, got {raw_date!r}")
    raw_score = values.get("score", "")
    score = None
    if not raw_score.strip():
        reasons.append("missing score")
    else:
        score, reason = _percentage("score", raw_score)
        if reason:
            reasons.append(reason)
    pillar_scores: dict[str, float] = {}
    for pillar in PILLAR_IDS:
        raw = values.get(pillar, "")
        if raw.strip():
            value, reason = _percentage(pillar, raw)
            if reason:
                reasons.append(reason)
            elif value is not None:
                pillar_scores[pillar] = value
    language = values.get("language", "").strip().lower() or default_language
    if language not in settings.languages:
        hint = did_you_mean(language, settings.languages)
        reasons.append(f"unknown language {language!r}{hint or ''}; use one of "
                       f"{', '.join(settings.languages)}")
    if reasons or date is None or score is None:
        return None, reasons
    return RosterRow(line, person, date, score, pillar_scores, language), []


# --- file names ----------------------------------------------------------------------------

_TRANSLIT = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    "ı": "i", "ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "ł": "l", "đ": "d", "þ": "th",
})


def slug(name: str) -> str:
    """``"Şükrü Öztürk"`` -> ``"sukru-ozturk"``; Cyrillic is transliterated."""
    text = unicodedata.normalize("NFKD", name.lower().translate(_TRANSLIT))
    text = text.encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text[:60].strip("-")


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


def _name_size(name: str) -> str:
    return "long" if len(name) > 34 else "medium" if len(name) > 24 else "short"


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
        "name_size": _name_size(name),
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

    language = language or settings.default_language
    write_pdf(certificate_html(name, date, score, pillar_scores, language, settings), Path(out),
              base_dir=Path(out).parent)
    return Path(out)


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
    report.problems.sort(key=lambda p: p.line)
    if not good:
        return report
    views = [_certificate_view(r.name, r.date, r.score, r.pillar_scores, r.language, settings)
             for r in good]
    html = _certificates_document(views, settings, language)
    document = render(html, base_dir=roster_csv.parent)
    if len(document.pages) != len(good):  # pragma: no cover - the layout keeps one page each
        raise PdfError(f"expected {len(good)} certificate pages, got {len(document.pages)}")
    if merged:
        out = out_dir / f"{slug(roster_csv.stem) or 'roster'}-certificates.pdf"
        write_document(document, out)
        report.files.append(out)
        report.written = [Written(row, out, i) for i, row in enumerate(good, 1)]
        return report
    for row, page, file_name in zip(good, document.pages, unique_names([r.name for r in good]),
                                    strict=True):
        out = out_dir / file_name
        single = document.copy([page])
        ui = ui_for(row.language, settings)
        single.metadata.title = f"{ui['pdf']['certificate']} — {row.name}"
        single.metadata.lang = row.language
        write_document(single, out)
        report.files.append(out)
        report.written.append(Written(row, out))
    return report
