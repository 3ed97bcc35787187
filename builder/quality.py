"""Item-quality check for trainers: quizzes that can be guessed, or teach nothing.

``carecourse check`` prints these as warnings beside the others; ``--strict`` makes
every warning fail the check. Each rule is a plain function over the validated
scenarios; thresholds are module constants.

Rules on the words, per language (:mod:`builder.quality_items`), on the course as
it reads in that language; warnings point at the translation file's lines. A text
a translation lacks is shown in the default language, and warned about there only.

- **longest right answer**: in more than ``LONGEST_SHARE`` (a third) of the
  single-choice questions, the right answer is strictly the longest option. Each
  such question is named. Learners pick the longest option when unsure.
- **near-duplicate options**: two options of a question that read almost the same
  (:mod:`builder.quality_phrases`: ``difflib`` ratio >= 0.85 on normalised words, or
  the same words >= 80 %).
- **"all/none of the above"** options, in en, nl, ru, tr and it wordings; pinning
  them with ``fixed: true`` does not excuse them.
- **long prompts**: more than ``LONG_PROMPT`` (250) characters.
- **negative prompts**: "Which of these is NOT ...", "What should you never ...",
  "all ... except", and the equivalents in the five languages; only the
  interrogative pattern (a negation inside an "if" clause is fine).

Rules on the structure, once for the course (:mod:`builder.quality_course`;
translations keep answers, pillars and links, so the figures are the same in every
language; warnings point at the default-language file):

- **right-answer positions**: one option position holds more than
  ``POSITION_SHARE`` (40 %) of the right answers of single and multiple-choice
  questions; the warning shows the histogram and names each question to change.
- **multiple choice**: all multiple-choice questions (at least ``MIN_MULTIPLE``)
  have the same number of right answers.
- **pillar balance**: a pillar has fewer than ``PILLAR_SHARE`` (a quarter) of the
  practice questions.
- **exam pool**: fewer exam-only questions (``assessment: only``) for a pillar than
  the assessment draws per attempt (``assessment: questions_per_pillar``, default 3).
- **role-play points** with two or more choices where every choice can only end in
  endings of one rating (nothing to learn), and **recovery points** (named by a poor
  ending's ``recover:``) where no choice can lead to a poor ending. A choice is judged
  by every ending it can still lead to (through choices, not recoveries): judging it
  by its best reachable ending alone would flag every opening whose weak choice can
  still be turned round, which is how a good role-play is built.

The share rules need ``MIN_SAMPLE`` (5) questions before they say anything.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from builder.loader import Course, display_path
from builder.plural import count_of
from builder.problems import Path as DataPath
from builder.problems import Problem, errors, format_path
from builder.quality_course import course_findings
from builder.quality_items import Finding, language_findings
from builder.schema import Scenario
from builder.translate import localize_course, overlay_path
from builder.yamlsource import SourceMap, YamlSyntaxError, load

DEFAULT_QUESTIONS_PER_PILLAR = 3


@dataclass(frozen=True)
class _Source:
    """One scenario file: its name, source map, and where each question sits in it."""

    name: str
    smap: SourceMap
    quiz: dict[int, int]  # index in the default-language quiz -> index in this file

    def locate(self, path: DataPath) -> DataPath | None:
        """``path`` in this file's indexes, or None when the file does not write it."""
        if path[:1] == ("quiz",) and len(path) > 1:
            if not isinstance(path[1], int) or path[1] not in self.quiz:
                return None
            path = ("quiz", self.quiz[path[1]], *path[2:])
        return path if path in self.smap.values else None


def _read(path: Path, base_ids: list[str]) -> _Source | None:
    try:
        data, smap = load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YamlSyntaxError):
        return None  # reported by the loader or the translation check
    quiz = data.get("quiz") if isinstance(data, dict) else None
    where = {q.get("id"): i for i, q in enumerate(quiz or []) if isinstance(q, dict)}
    return _Source(display_path(path), smap,
                   {n: where[qid] for n, qid in enumerate(base_ids) if qid in where})


class _Locator:
    """Turns findings into warnings at the line of the file that holds the text."""

    def __init__(self, course: Course, default: str) -> None:
        self.course = course
        self.default = default
        self.files: dict[tuple[str, str], _Source | None] = {}

    def _file(self, scenario_id: str, language: str) -> _Source | None:
        key = (scenario_id, language)
        if key not in self.files:
            source = self.course.sources[scenario_id]
            scenario = next(s for s in self.course.scenarios if s.id == scenario_id)
            path = source if language == self.default else overlay_path(source, language)
            self.files[key] = _read(path, [q.id for q in scenario.quiz]) if path.is_file() else None
        return self.files[key]

    def warning(self, finding: Finding, language: str) -> Problem | None:
        """The warning at the finding's line in ``language``'s file; None for a text that
        file does not translate (the default-language check covers it)."""
        source = self._file(finding.scenario, language)
        path = source.locate(finding.path) if source is not None else None
        if source is not None and path is not None:
            pos = source.smap.value_pos(path)
            return Problem(source.name, pos.line, pos.col, format_path(path), finding.message,
                           "warning")
        if language != self.default:
            return None
        name = display_path(self.course.sources[finding.scenario])
        return Problem(name, 1, 1, format_path(finding.path), finding.message, "warning")


def quality_problems(course: Course, languages: Sequence[str],
                     per_pillar: int = DEFAULT_QUESTIONS_PER_PILLAR, *,
                     localized: Mapping[str, Sequence[Scenario]] | None = None) -> list[Problem]:
    """Every item-quality warning for the course, in every language (the default first),
    sorted. ``localized``: the scenarios of each language, when they are loaded already."""
    default = languages[0]
    locator = _Locator(course, default)
    found = {locator.warning(f, default) for f in course_findings(course.scenarios, per_pillar)}
    for language in languages:
        if localized is not None:
            scenarios = localized[language]
        elif language == default:
            scenarios = course.scenarios
        else:
            scenarios = localize_course(course, language, default).scenarios
        found.update(locator.warning(f, language) for f in language_findings(scenarios, language))
    return sorted(p for p in found if p is not None)


def failing(problems: Iterable[Problem], *, strict: bool) -> list[Problem]:
    """What fails a check: the errors, and with ``--strict`` every warning too."""
    return list(problems) if strict else errors(problems)


def verdict(problems: Sequence[Problem], *, strict: bool) -> str:
    """What failed a check: "2 errors", or "5 warnings (--strict ...)" under --strict."""
    n_errors = len(errors(problems))
    n_warnings = len(problems) - n_errors if strict else 0
    parts = [count_of(n_errors, "error", "errors")] if n_errors or not n_warnings else []
    if n_warnings:
        parts.append(f"{count_of(n_warnings, 'warning', 'warnings')} "
                     "(--strict makes warnings errors)")
    return " and ".join(parts)
