"""The PDFs: handbook and answer key per language, and certificates, checked with poppler."""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from builder.loader import load_course
from builder.locale import ui_strings
from builder.pdf import (
    PdfError,
    PdfSettings,
    make_all,
    make_certificate,
    make_certificates,
    read_roster,
    settings_from_mkdocs,
)
from builder.pdf.certificates import slug, unique_names
from builder.pdf.documents import css_content
from builder.render import md_inline
from builder.schema import Scenario
from builder.translate import localize_course
from tests.pdfwords import index_entries
from tests.pdfwords import pages as boxes

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
ORGANISATION = "Brasserie Test"



@pytest.fixture(autouse=True, scope="module")
def _poppler() -> None:
    """The PDFs are checked with poppler-utils; a missing tool fails, it never skips."""
    missing = [t for t in ("pdftotext", "pdffonts", "pdfinfo") if shutil.which(t) is None]
    if missing:
        pytest.fail(f"{', '.join(missing)} not found: install poppler-utils "
                    "(./dev.sh test and .ci/run do)")


# --- helpers ---------------------------------------------------------------------------------


def run(*args: str | Path) -> str:
    return subprocess.run([str(a) for a in args], check=True, capture_output=True,
                          text=True).stdout


def pdf_text(pdf: Path, first: int | None = None, last: int | None = None, *,
             layout: bool = False) -> str:
    args: list[str | Path] = ["pdftotext", "-enc", "UTF-8"]
    if first is not None:
        args += ["-f", str(first), "-l", str(last or first)]
    if layout:
        args.append("-layout")
    return run(*args, pdf, "-")


def norm(text: str) -> str:
    """Whitespace collapsed and hyphens dropped, for comparing texts with the PDF's.

    WeasyPrint hyphenates at line ends (U+2010) and pdftotext joins a word broken
    after a "-" (dropping it), so no hyphen of any kind takes part in comparisons.
    """
    text = re.sub("[\u2010\u00ad-]\\s*\n\\s*", "", text)
    return " ".join(re.sub("[\u2010\u00ad-]", "", text).split())


def shown(markdown: str) -> str:
    """A text field as it reads in the PDF (Markdown rendered, smart quotes and all)."""
    return norm(html.unescape(re.sub(r"<[^>]+>", "", str(md_inline(markdown)))))


def page_count(pdf: Path) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", run("pdfinfo", pdf), re.M).group(1))


def pdf_info(pdf: Path) -> dict[str, str]:
    rows = (line.split(":", 1) for line in run("pdfinfo", pdf).splitlines() if ":" in line)
    return {key.strip(): value.strip() for key, value in rows}


def first_heading(markdown_file: Path) -> str:
    for line in markdown_file.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    raise AssertionError(f"no title in {markdown_file}")


# --- fixtures: every PDF is rendered once per module ----------------------------------------


@pytest.fixture(scope="module")
def settings(course_pdf_settings: PdfSettings) -> PdfSettings:
    assert course_pdf_settings.organisation == ORGANISATION
    return course_pdf_settings


@pytest.fixture(scope="module")
def languages(settings: PdfSettings) -> list[str]:
    return list(settings.languages)


@pytest.fixture(scope="module")
def localized(settings: PdfSettings, languages: list[str]) -> dict[str, list[Scenario]]:
    course = load_course(REPO / "scenarios")
    assert course.ok
    return {lang: localize_course(course, lang, settings.default_language).scenarios
            for lang in languages}


@pytest.fixture(scope="module")
def pdfs(course_pdfs: list[Path], languages: list[str]) -> dict[tuple[str, str], Path]:
    paths = course_pdfs
    assert [p.name for p in paths] == [f"{kind}-{lang}.pdf" for lang in languages
                                       for kind in ("handbook", "answer-key")]
    return {(p.name.rsplit("-", 1)[0], p.stem.rsplit("-", 1)[1]): p for p in paths}


@pytest.fixture(scope="module")
def texts(pdfs: dict[tuple[str, str], Path]) -> dict[tuple[str, str], str]:
    # The answer key's numbered boxes make a column that pdftotext's reading order mixes
    # into wrapped option texts; its layout mode keeps them apart.
    return {key: norm(pdf_text(path, layout=key[0] == "answer-key"))
            for key, path in pdfs.items()}


@pytest.fixture(scope="module")
def certificates(tmp_path_factory: pytest.TempPathFactory, settings: PdfSettings):
    out = tmp_path_factory.mktemp("certificates")
    single = make_certificates(FIXTURES / "roster.csv", out / "single", settings=settings,
                               language="en")
    merged = make_certificates(FIXTURES / "roster.csv", out / "merged", settings=settings,
                               language="en", merged=True)
    return single, merged


# --- handbook --------------------------------------------------------------------------------


def test_handbook_has_every_scenario_and_question(texts, localized, languages):
    for lang in languages:
        text = texts["handbook", lang]
        for scenario in localized[lang]:
            assert norm(scenario.title) in text, (lang, scenario.title)
            for question in scenario.practice:
                assert shown(question.prompt) in text, (lang, question.prompt)
                for option in question.options:  # every option, in any order
                    assert shown(option.text) in text, (lang, option.text)


def test_handbook_gives_no_answers(texts, localized):
    text = texts["handbook", "en"]
    for scenario in localized["en"]:
        for question in scenario.quiz:
            for option in question.options:
                assert shown(option.feedback) not in text, option.feedback


def test_ordering_steps_are_shuffled_with_boxes(texts, localized):
    text = texts["handbook", "en"]
    for scenario in localized["en"]:
        for question in scenario.practice:  # exam-only questions are not in the handbook
            if question.type != "ordering":
                continue
            positions = [text.index(shown(o.text)) for o in question.options]
            assert positions != sorted(positions), f"{question.id} shows the right order"


def test_toc_page_numbers_match_the_pages(pdfs, localized, languages):
    for lang in languages:
        pdf = pdfs["handbook", lang]
        content = REPO / "content" / lang
        titles = [first_heading(content / "lesson.md")]
        titles += [first_heading(content / "pillars" / f"{p}.md")
                   for p in ("care", "spontaneity", "recovery")]
        titles += [s.title for s in localized[lang]]
        toc = pdf_text(pdf, 2, layout=True).splitlines()
        for title in titles:
            line = next((line for line in toc if norm(title) in norm(line)), None)
            assert line is not None, f"{lang}: '{title}' is not in the table of contents"
            page = int(re.search(r"(\d+)\s*$", line).group(1))
            lines = [x for x in pdf_text(pdf, page, layout=True).splitlines() if x.strip()]
            body = norm("\n".join(lines[1:]))  # lines[0] is the running header
            assert norm(title) in body[:120], f"{lang}: '{title}' does not start page {page}"


def test_running_header_and_footer_are_translated(pdfs):
    en = pdf_text(pdfs["handbook", "en"], 5, layout=True)
    assert "Service that cares" in en and "Care and concern" in en.splitlines()[0]
    pages = page_count(pdfs["handbook", "en"])
    assert f"Page 5 of {pages}" in en
    nl = pdf_text(pdfs["handbook", "nl"], 5)
    assert f"Pagina 5 van {page_count(pdfs['handbook', 'nl'])}" in nl
    ru = pdf_text(pdfs["handbook", "ru"], 5)
    assert f"Страница 5 из {page_count(pdfs['handbook', 'ru'])}" in ru


def test_cyrillic_and_turkish_letters_survive(texts, localized):
    ru = texts["handbook", "ru"]
    assert "Содержание" in ru
    assert re.search("[а-яё]{6,}", ru)
    assert localized["ru"][0].title in ru
    tr = texts["handbook", "tr"]
    assert "İçindekiler" in tr
    for letter in "ğşıİçöü":
        assert letter in tr, f"'{letter}' is missing from the Turkish handbook"
    assert localized["tr"][0].title in tr


# --- answer key ------------------------------------------------------------------------------


def test_answer_key_has_every_answer_feedback_and_explanation(texts, localized, languages):
    for lang in languages:
        text = texts["answer-key", lang]
        for scenario in localized[lang]:
            for question in scenario.quiz:
                assert shown(question.prompt) in text
                for i in question.correct_indexes:
                    assert shown(question.options[i].text) in text, (lang, question.id)
                for option in question.options:
                    assert shown(option.feedback) in text, (lang, option.feedback)
                first_paragraph = question.explanation.strip().split("\n\n")[0]
                assert shown(first_paragraph)[:80] in text, (lang, question.id)


def test_answer_key_marks_the_final_assessment_questions(texts, localized):
    asked = [q for s in localized["en"] for q in s.exam_only]
    assert texts["answer-key", "en"].count("FINAL ASSESSMENT ONLY") == len(asked) > 0


@pytest.fixture(scope="module")
def exam_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Handbook and answer key of a course with exam-only questions (tests/fixtures/exam)."""
    project = FIXTURES / "exam"
    out = tmp_path_factory.mktemp("exam-pdfs")
    paths = make_all(project, ["en"], out, settings=settings_from_mkdocs(project / "mkdocs.yml"),
                     workers=1)
    return {p.name.rsplit("-", 1)[0]: norm(pdf_text(p, layout=True)) for p in paths}


def test_exam_only_questions_are_in_the_key_not_in_the_handbook(exam_pdfs):
    scenarios = load_course(FIXTURES / "exam" / "scenarios").scenarios
    exam_only = [q for s in scenarios for q in s.exam_only]
    practice = [q for s in scenarios for q in s.practice]
    assert exam_only and practice
    for question in practice:
        assert shown(question.prompt) in exam_pdfs["handbook"], question.id
    for question in exam_only:
        assert shown(question.prompt) not in exam_pdfs["handbook"], question.id
        assert shown(question.prompt) in exam_pdfs["answer-key"], question.id
        assert shown(question.explanation) in exam_pdfs["answer-key"], question.id
    assert exam_pdfs["answer-key"].count("FINAL ASSESSMENT ONLY") == len(exam_only)
    # the handbook's pillar pages count practice questions only
    intro = ui_strings("en")["pages"]["practise_pillar_intro"]
    for pillar in ("care", "spontaneity", "recovery"):
        both = [q for s in scenarios for q in s.quiz if q.pillar == pillar]
        mine = [q for q in both if not q.exam_only]
        assert len(mine) < len(both)
        assert norm(intro.format(count=len(both))) not in exam_pdfs["handbook"], pillar


def test_answer_key_pillar_index_points_to_the_questions(pdfs, localized, languages):
    for lang in languages:
        pdf = pdfs["answer-key", lang]
        texts = [norm(p) for p in pdf_text(pdf).split("\f")]
        found = dict(e for p in boxes(pdf) for e in index_entries(p))
        for n, scenario in enumerate(localized[lang], 1):
            for m, question in enumerate([*scenario.practice, *scenario.exam_only], 1):
                number = f"{n}.{m}"
                assert number in found, f"{lang}: question {number} is not in the pillar index"
                page = found[number]
                assert shown(question.prompt) in texts[page - 1], (lang, number, page)


# --- fonts and metadata ----------------------------------------------------------------------


def test_every_font_is_embedded(pdfs, certificates):
    merged = certificates[1].files[0]
    for pdf in [*pdfs.values(), merged]:
        rows = run("pdffonts", pdf).splitlines()[2:]
        assert rows, f"{pdf.name} has no fonts"
        for row in rows:
            emb = re.search(r"\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", row)
            assert emb and emb.group(1) == "yes", f"{pdf.name}: not embedded: {row}"


def test_metadata(pdfs):
    info = pdf_info(pdfs["handbook", "ru"])
    assert info["Title"].startswith("Сервис с заботой")
    assert info["Author"] == ORGANISATION
    assert pdf_info(pdfs["answer-key", "en"])["Page size"].endswith("(A4)")


# --- certificates ----------------------------------------------------------------------------


def test_bad_rows_are_reported_and_good_rows_still_certified(certificates):
    report, _ = certificates
    messages = [str(p) for p in report.problems]
    assert any(m.endswith(":4: 'score' must be a number from 0 to 100, got 'ninety'")
               for m in messages), messages
    assert any(m.endswith(":5: missing name") for m in messages)
    assert any(":6: 'date' must be written YYYY-MM-DD" in m for m in messages)
    assert any(":8: unknown language 'de'" in m for m in messages)
    assert any(m.endswith(":10: 'date' must be a real date, got '2025-02-30'") for m in messages)
    assert any(":12:" in m and "below the pass mark" in m for m in messages)
    assert report.bad_lines == [4, 5, 6, 8, 10, 12]
    assert all(m.split(":")[0].endswith("roster.csv") for m in messages)
    assert [w.row.line for w in report.written] == [2, 3, 7, 9, 11, 13]
    files = [w.path.name for w in report.written]
    assert files == ["certificate-anna-de-vries.pdf", "certificate-sukru-ozturk.pdf",
                     "certificate-dmitriy-ivanov.pdf", "certificate-giulia-bianchi.pdf",
                     "certificate-ilknur-isik.pdf", "certificate-anna-de-vries-2.pdf"]
    for written in report.written:
        assert written.path.is_file() and page_count(written.path) == 1
    text = norm(pdf_text(report.written[1].path))
    assert "Şükrü Öztürk" in text and "Eğitim Tamamlama Sertifikası" in text
    assert "%88,5" in text  # Turkish writes the percent sign first, and a decimal comma
    text = norm(pdf_text(report.written[2].path))
    assert "Дмитрий Иванов" in text and "100 %" in text


def test_merged_certificates_have_one_page_per_good_row(certificates):
    single, merged = certificates
    assert len(merged.files) == 1
    pdf = merged.files[0]
    assert page_count(pdf) == len(single.written) == len(merged.written) == 6
    width, height = map(float, re.findall(r"[\d.]+", pdf_info(pdf)["Page size"])[:2])
    assert width > height
    pages = pdf_text(pdf).split("\f")
    assert "İlknur Işık" in pages[4] and "Anna de Vries" in pages[5]
    assert "Certificate of completion" in pages[5] and "Certificaat" in pages[0]


def test_letter_certificate(tmp_path, settings):
    out = make_certificate("Jo Doe", dt.date(2025, 3, 14), 90, tmp_path / "jo.pdf",
                           settings=replace(settings, paper="Letter"), language="en",
                           pillar_scores={"care": 95})
    size = pdf_info(out)["Page size"]
    assert size.startswith("792 x 612"), size
    text = norm(pdf_text(out))
    assert "Jo Doe" in text and "14 March 2025" in text and "Overall score: 90%" in text


# --- unit tests (no rendering) -------------------------------------------------------------


def test_roster_with_semicolons_bom_less_and_decimal_commas(settings):
    rows, problems = read_roster(FIXTURES / "roster-semicolon.csv", settings, "nl")
    assert [(r.name, r.score, r.pillar_scores, r.language) for r in rows] == [
        ("Lotte Jansen", 87.5, {"care": 90.0, "spontaneity": 85.0}, "nl"),
        ("Pieter Smit", 81.0, {}, "nl"),
    ]
    assert [(p.line, p.message) for p in problems] == [
        (5, "'date' must be written YYYY-MM-DD (e.g. 2025-03-14), got '2025-4-1'")]


def test_roster_without_required_columns(tmp_path, settings):
    roster = tmp_path / "people.csv"
    roster.write_text("naam,date\nAnna,2025-01-01\n", encoding="utf-8")
    rows, problems = read_roster(roster, settings)
    assert rows == []
    assert "unknown column 'naam'; did you mean 'name'?" in str(problems[0])
    assert "missing columns 'name', 'score'" in str(problems[1])


def test_file_names_are_slugs_and_unique():
    assert slug("Şükrü Öztürk") == "sukru-ozturk"
    assert slug("İlknur Işık") == "ilknur-isik"
    assert slug("Дмитрий Иванов") == "dmitriy-ivanov"
    assert unique_names(["Anna", "anna", "???"]) == [
        "certificate-anna.pdf", "certificate-anna-2.pdf", "certificate-person-3.pdf"]


def test_footer_template_becomes_css():
    assert css_content("Page {page} of {pages}", page="counter(page)",
                       pages="counter(pages)") == '"Page " counter(page) " of " counter(pages)'
    assert css_content('Sayfa {page} / "{pages}"', page="A", pages="B") == (
        '"Sayfa " A " / \\"" B "\\""')


def test_settings_reject_bad_paper_and_unknown_language(settings):
    with pytest.raises(PdfError, match="A4 or Letter"):
        replace(settings, paper="A5")
    with pytest.raises(PdfError, match="not one of the course languages"):
        settings.check_language("de")


def test_the_network_is_refused():
    from builder.pdf.fetcher import PACKAGE, ProjectFetcher

    fetcher = ProjectFetcher([PACKAGE])
    with pytest.raises(ValueError, match="load only files inside the project"):
        fetcher.fetch("https://fonts.googleapis.com/css?family=Roboto")
    assert fetcher.refused == ["https://fonts.googleapis.com/css?family=Roboto"]
