"""The PDFs as a reader sees them: nothing printed over anything else, page numbers in a
column of their own, no page left holding a stray line (checked in every language)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.pdfwords import collisions, page_numbers_out_of_line, pages, stray_pages

REPO = Path(__file__).resolve().parent.parent

MIN_LINES = 6  # a page that goes on from the one before holds at least this many lines


@pytest.fixture(scope="module")
def read(course_pdfs: list[Path]) -> dict[str, list]:
    return {pdf.name: pages(pdf) for pdf in course_pdfs}


def test_every_language_is_checked(read, course_pdf_settings):
    assert sorted(read) == sorted(f"{kind}-{lang}.pdf" for lang in course_pdf_settings.languages
                                  for kind in ("handbook", "answer-key"))


def test_no_page_number_runs_into_text(read):
    found = [f"{name} page {p.number}: {c}" for name, doc in read.items() for p in doc
             for c in collisions(p)]
    assert not found, "\n".join(found)


def test_index_page_numbers_share_one_right_edge(read):
    found = [f"{name} page {p.number}: {entry}" for name, doc in read.items() for p in doc
             for entry in page_numbers_out_of_line(p)]
    assert not found, "\n".join(found)


def test_indexes_have_a_page_number_for_every_entry(read):
    for name, doc in read.items():
        contents = doc[1]  # the page after the cover
        numbered = [row for row in contents.lines() if row[-1].text.isdigit()]
        assert len(numbered) >= 5, f"{name}: contents has {len(numbered)} page numbers"


def test_no_page_holds_only_a_stray_line_or_two(read):
    found = [f"{name} {stray}" for name, doc in read.items()
             for stray in stray_pages(doc, MIN_LINES)]
    assert not found, "\n".join(found)


def test_the_checks_see_what_a_reader_would(tmp_path):
    """A number printed over a word, a number glued to one, numbers out of line and a page
    with one stray sentence are all found (so the checks above cannot pass blindly)."""
    from builder.pdf.engine import write_pdf

    html = """<style>
    @page { size: A4; margin: 24mm; @top-right { content: "Chapter" } }
    body { font: 10pt "Noto Sans"; } p { margin: 0 0 3mm; position: relative; }
    .over { position: absolute; left: 8mm; top: 0; }
    </style>
    <p>Which one shows care?<span class="over">15</span></p>
    <p>Which one shows care?15</p>
    <p>First entry . . . . . . . . . . 3</p><p>Second entry . . . . . 12</p>
    <p style="break-before: page">Read on in the next chapter.</p>"""
    pdf = tmp_path / "bad.pdf"
    write_pdf(html, pdf, base_dir=tmp_path)
    first, second = pages(pdf)
    found = collisions(first)
    assert any("over '15'" in c for c in found) and "'care?15'" in found, found
    assert page_numbers_out_of_line(first) == ["Second entry 12"]
    assert stray_pages([first, second], MIN_LINES) == [
        "page 2: 1 line(s): Read on in the next chapter."]


def test_letter_paper_keeps_the_layout(tmp_path, course_pdf_settings):
    """US Letter is shorter than A4: the longest answer key (Russian) still has no stray
    page, no collision, and each role-play map on the page of its heading."""
    from dataclasses import replace

    from builder.pdf import make_answer_key

    pdf = make_answer_key(REPO, "ru", tmp_path / "answer-key-ru.pdf",
                          settings=replace(course_pdf_settings, paper="Letter"))
    doc = pages(pdf)
    assert doc[0].width == pytest.approx(612) and doc[0].height == pytest.approx(792)
    assert not [c for p in doc for c in collisions(p)]
    assert not stray_pages(doc, MIN_LINES)
    joined = ["".join(w.text for w in p.body()) for p in doc]
    headings = [text for text in joined if "РОЛЕВАЯИГРА" in text]  # the spaced-out kicker
    assert len(headings) == 4
    assert all("Идеальный" in text for text in headings)  # an ending box of the map
