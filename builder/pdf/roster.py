"""Reading an HR roster (CSV) strictly: every bad row reported on its own line.

The roster has the columns ``name,date,score`` and, optionally, ``care``,
``spontaneity``, ``recovery`` (percentages per pillar) and ``language``. Each
physical line is one row: a stray quote is reported on its line instead of
swallowing the rows after it (a value cannot span lines). Files, rows and cells
have limits, so that a broken export gives a message, never a traceback.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import re
from dataclasses import dataclass
from pathlib import Path

from builder.loader import display_path
from builder.pdf.settings import PdfSettings
from builder.pillars import PILLAR_IDS
from builder.plural import count_of, noun
from builder.problems import did_you_mean, quoted_list

REQUIRED = ("name", "date", "score")
COLUMNS = (*REQUIRED, *PILLAR_IDS, "language")
MAX_BYTES = 10_000_000
MAX_PEOPLE = 5_000  # one run; a bigger roster is split into several files
MAX_CELL = 500  # characters in one value
MAX_NAME = 120  # characters of a name that still fit on a certificate
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LINE_BREAK = re.compile(r"\r\n|\n|\r")


@dataclass(frozen=True)
class RosterRow:
    line: int  # the row's line in the file (the header is line 1)
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
    rows: int = 1  # how many rows it refuses (0: a header problem; more: rows not read)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


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
        return None, f"'{column}' must be a number from 0 to 100, got {_shown(value.strip())}"
    return number, None


def _shown(value: str) -> str:
    return repr(value) if len(value) <= 40 else repr(value[:37] + "...")


def _delimiter(header: str) -> str:
    """Spreadsheets save CSV with ',' or, in much of Europe, ';'."""
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _text(path: Path) -> tuple[str | None, str]:
    """The roster's text, or None and why it cannot be read."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, (f"the file has {size:,} bytes; a roster may have at most "
                          f"{MAX_BYTES:,} (split it into several files)")
        return path.read_bytes().decode("utf-8-sig"), ""
    except UnicodeDecodeError:
        return None, "the file is not UTF-8 text; save it from the spreadsheet as 'CSV UTF-8'"
    except OSError as exc:
        return None, f"cannot read the file ({exc.strerror})"


def _record(line: str, delimiter: str) -> tuple[list[str] | None, str]:
    """One physical line as a list of values, or None and what is wrong with it."""
    if len(line) > MAX_CELL * (len(COLUMNS) + 2):
        return None, f"this row has {len(line):,} characters, far more than a roster row needs"
    try:
        return next(csv.reader([line], delimiter=delimiter, strict=True), []), ""
    except csv.Error:
        return None, ('a quote (") opens a value that is not closed on this line: quote the '
                      'whole value and double any quote inside it ("Anne ""Nan"" Smith"), '
                      "or remove the quote")


def read_roster(path: Path, settings: PdfSettings,
                language: str | None = None) -> tuple[list[RosterRow], list[RosterProblem]]:
    """The good rows and the problems of a roster file (UTF-8, with or without BOM)."""
    path = Path(path)
    name = display_path(path)
    default_language = settings.check_language(language or settings.default_language)
    text, why = _text(path)
    if text is None:
        return [], [RosterProblem(name, 1, why)]
    lines = _LINE_BREAK.split(text)
    delimiter = _delimiter(next((line for line in lines if line.strip()), ""))
    problems: list[RosterProblem] = []
    header: list[str] | None = None
    rows: list[RosterRow] = []
    people = 0
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        record, why = _record(line, delimiter)
        if header is None:
            if record is None:
                return [], [RosterProblem(name, number, f"the header row: {why}")]
            header = [cell.strip().lower() for cell in record]
            problems.extend(_check_header(name, number, header))
            if any(col not in header for col in REQUIRED):
                return [], problems
            continue
        if record is not None and not any(cell.strip() for cell in record):
            continue
        people += 1
        if people > MAX_PEOPLE:
            left = sum(1 for rest in lines[number - 1:] if rest.strip())
            problems.append(RosterProblem(
                name, number, f"{count_of(left, 'row', 'rows', thousands=True)} from here on "
                f"were not read: a roster may have "
                f"at most {MAX_PEOPLE:,} people; split it into several files", rows=left))
            break
        if record is None:
            problems.append(RosterProblem(name, number, why))
            continue
        row, reasons = _read_row(header, record, number, default_language, settings)
        problems.extend(RosterProblem(name, number, r) for r in reasons[:1])
        problems.extend(RosterProblem(name, number, r, rows=0) for r in reasons[1:])
        if row is not None:
            rows.append(row)
    if header is None:
        problems.append(RosterProblem(name, 1, "the file is empty; the first line must name "
                                      f"the columns {', '.join(REQUIRED)}", rows=0))
    elif not rows and not problems:
        problems.append(RosterProblem(name, 2, "no people in the roster (only the header)",
                                      rows=0))
    return rows, problems


def _check_header(name: str, line: int, header: list[str]) -> list[RosterProblem]:
    problems = []
    for col in header:
        if col and col not in COLUMNS:
            hint = did_you_mean(col, COLUMNS) or f"; the columns are {quoted_list(COLUMNS)}"
            problems.append(RosterProblem(name, line, f"unknown column {_shown(col)}{hint}", 0))
    seen: set[str] = set()
    for col in header:
        if col in seen and col:
            problems.append(RosterProblem(name, line, f"the column '{col}' appears twice", 0))
        seen.add(col)
    missing = [col for col in REQUIRED if col not in header]
    if missing:
        problems.append(RosterProblem(
            name, line, f"missing {noun(len(missing), 'column', 'columns')} "
                        f"{quoted_list(missing)}: the first line must name "
                        f"the columns {', '.join(REQUIRED)} (optional: "
                        f"{', '.join(COLUMNS[len(REQUIRED):])})", 0))
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
    long = [col for col, cell in values.items() if len(cell) > MAX_CELL]
    if long:
        return None, [f"'{long[0]}' has {len(values[long[0]]):,} characters; a value may have "
                      f"at most {MAX_CELL}"]
    person = " ".join(values.get("name", "").split())
    if not person:
        reasons.append("missing name")
    elif len(person) > MAX_NAME:
        reasons.append(f"the name has {len(person)} characters; at most {MAX_NAME} fit on a "
                       "certificate")
    raw_date = values.get("date", "").strip()
    date = None
    if not raw_date:
        reasons.append("missing date (write it as YYYY-MM-DD, e.g. 2025-03-14)")
    elif not _ISO_DATE.match(raw_date):
        reasons.append(f"'date' must be written YYYY-MM-DD (e.g. 2025-03-14), got "
                       f"{_shown(raw_date)}")
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
        reasons.append(f"unknown language {_shown(language)}{hint or ''}; use one of "
                       f"{', '.join(settings.languages)}")
    if reasons or date is None or score is None:
        return None, reasons
    return RosterRow(line, person, date, score, pillar_scores, language), []
