"""Translation coverage: language × scenarios, pages, questions."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from builder.languages import docs_dir_for
from builder.loader import display_path
from builder.problems import Problem
from builder.translate import LocalizedCourse


@dataclass(frozen=True)
class Row:
    language: str
    scenarios: tuple[int, int]
    pages: tuple[int, int]
    questions: tuple[int, int]

    @property
    def complete(self) -> bool:
        return all(done == total for done, total in (self.scenarios, self.pages, self.questions))


def _pages(docs: Path) -> set[str]:
    return {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")} if docs.is_dir() else set()


def page_problems(default_docs: Path, default: str, language: str) -> list[Problem]:
    """A warning for each page the language lacks."""
    docs = docs_dir_for(default_docs, default, language)
    if docs == default_docs:
        docs = default_docs.parent / language
    have = _pages(docs)
    return [
        Problem(display_path(docs / page), 1, 1, "",
                f"not translated into '{language}' yet (the page is shown in "
                f"'{default}' with a note)", "warning")
        for page in sorted(_pages(default_docs) - have)
    ]


def coverage_row(localized: LocalizedCourse, default_docs: Path, default: str) -> Row:
    covs = list(localized.coverage.values())
    scenarios = (sum(c.complete for c in covs), len(covs))
    questions = (sum(c.questions_translated for c in covs), sum(c.questions for c in covs))
    wanted = _pages(default_docs)
    if localized.language == default:
        pages = (len(wanted), len(wanted))
    else:
        have = _pages(default_docs.parent / localized.language)
        pages = (len(wanted & have), len(wanted))
    return Row(localized.language, scenarios, pages, questions)


def format_table(rows: list[Row], default: str) -> str:
    def cell(pair: tuple[int, int]) -> str:
        return f"{pair[0]}/{pair[1]}"

    header = ("language", "scenarios", "pages", "questions", "")
    body = [
        (
            row.language + (" (default)" if row.language == default else ""),
            cell(row.scenarios),
            cell(row.pages),
            cell(row.questions),
            "complete" if row.complete else "incomplete",
        )
        for row in rows
    ]
    widths = [max(len(r[i]) for r in [header, *body]) for i in range(len(header))]
    lines = ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip()
             for r in [header, *body]]
    return "\n".join(lines)
