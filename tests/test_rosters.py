"""HR rosters as spreadsheets really export them: stray quotes, huge cells, long names."""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from builder.pdf import make_certificates, read_roster, settings_from_mkdocs
from builder.pdf.roster import MAX_PEOPLE

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def settings():
    base = settings_from_mkdocs(REPO / "mkdocs.yml")
    return replace(base, organisation="Brasserie Test", date=dt.date(2025, 3, 14))


def roster(tmp_path: Path, *rows: str, name: str = "roster.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(["name,date,score", *rows]) + "\n", encoding="utf-8")
    return path


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def test_a_stray_quote_is_reported_on_its_line_and_swallows_nothing(tmp_path, settings):
    path = roster(tmp_path, "Ann Smith,2025-03-01,90", '"Bob Stray,2025-03-01,85',
                  *[f"Person {i},2025-03-01,88" for i in range(5)], 'Eve,2025-03-01,"9"0')
    rows, problems = read_roster(path, settings)
    assert [r.line for r in rows] == [2, 4, 5, 6, 7, 8]
    assert [(p.line, p.message.split(":")[0]) for p in problems] == [
        (3, 'a quote (") opens a value that is not closed on this line'),
        (9, 'a quote (") opens a value that is not closed on this line')]


def test_huge_cells_and_rows_are_messages_not_tracebacks(tmp_path, settings):
    path = roster(tmp_path, "Ann,2025-03-01,90", '"' + "x" * 200_000 + '",2025-03-01,90',
                  "Bo" + "b" * 600 + ",2025-03-01,90", "Cy,2025-03-01,90")
    rows, problems = read_roster(path, settings)
    assert [r.name for r in rows] == ["Ann", "Cy"]
    assert [str(p).split(": ", 1)[1] for p in problems] == [
        "this row has 200,016 characters, far more than a roster row needs",
        "'name' has 602 characters; a value may have at most 500"]


def test_too_many_people_are_counted_not_dropped_silently(tmp_path, settings):
    people = [f"P{i},2025-03-01,90" for i in range(MAX_PEOPLE + 7)]
    rows, problems = read_roster(roster(tmp_path, *people), settings)
    assert len(rows) == MAX_PEOPLE
    assert len(problems) == 1 and problems[0].rows == 7
    assert "7 rows from here on were not read" in problems[0].message


def test_long_names_and_organisations_still_fit_on_one_page(tmp_path, settings):
    wide = replace(settings, organisation="The Corner Bistro and Grand Brasserie of the Old "
                   "Harbour Quarter, Restaurants, Banqueting and Catering Services Ltd")
    names = ["Ann", "Bartholomew-Maximilian " * 5, "W" * 120,
             "Maria del Carmen Concepción Rodríguez de la Santísima Trinidad y Fernández",
             "X" * 121]
    path = roster(tmp_path, *[f"{n.strip()},2025-03-01,91" for n in names])
    report = make_certificates(path, tmp_path / "out", settings=wide)
    assert len(report.written) == 4 and report.refused == 1
    assert [p.line for p in report.problems] == [6]
    assert "at most 120 fit on a certificate" in report.problems[0].message
    for written in report.written:
        assert pages(written.path) == 1
    merged = make_certificates(path, tmp_path / "merged", settings=wide, merged=True)
    assert pages(merged.files[0]) == 4


def test_a_certificate_that_overflows_is_refused_and_the_others_written(tmp_path, settings):
    absurd = replace(settings, titles={"en": " ".join(["Course"] * 150)})
    path = roster(tmp_path, "Ann,2025-03-01,90", "Bo,2025-03-01,95")
    report = make_certificates(path, tmp_path / "out", settings=absurd)
    assert report.written == [] and report.refused == 2
    assert all("does not fit on one page" in p.message for p in report.problems)
