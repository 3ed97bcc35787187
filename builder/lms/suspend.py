"""The worst case of the shell's ``suspend_data`` (the layout is in assets/lms/codec.js).

Every practice question answered with its largest answer, every role-play ending reached,
an assessment in progress and as many finished attempts as the package keeps. A package
whose worst case does not fit the LMS's limit is not made: the learner would lose progress.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from builder.lms.course import LmsCourse, PackageError, QuestionRef

LIMITS = {"scorm12": 4096, "scorm2004": 64000}  # cmi5 keeps the state in the State API
HEADER = 3 + 6  # "cc1" + the course fingerprint
SEED_CHARS = 32
TIME_BITS = 1 + 32


def bits(n: int) -> int:
    """Bits for a number below ``n`` (as ``bits`` in codec.js)."""
    return 0 if n <= 1 else math.ceil(math.log2(n))


def answer_bits(q: QuestionRef) -> int:
    if q.type == "multiple":
        return q.n
    if q.type == "single":
        return 1 + bits(q.n)
    return 1 + bits(math.factorial(q.n))


def _attempt_bits(course: LmsCourse, judged: bool) -> int:
    exam = course.exam
    k = course.attempt_size
    largest = sorted((answer_bits(q) for q in exam), reverse=True)[:k]
    total = bits(len(exam) + 1) + k * bits(len(exam)) + sum(1 + b for b in largest)
    if judged:
        total += k + 7 + 1  # right or wrong per answer, percent, passed
    return total + TIME_BITS


def worst_case_bits(course: LmsCourse) -> int:
    total = 1 + 5 + 1 + SEED_CHARS * 7
    total += 1 + bits(len(course.scenarios))
    total += sum(1 + answer_bits(q) + 1 + 4 for q in course.practice)
    total += sum(3 for s in course.scenarios for _ in s.endings)
    keep = course.kept_attempts
    if course.exam:
        total += 1 + _attempt_bits(course, judged=False)
        total += bits(keep + 1) + keep * _attempt_bits(course, judged=True)
    else:
        total += 1 + bits(keep + 1)
    return total


def worst_case_chars(course: LmsCourse) -> int:
    return HEADER + math.ceil(worst_case_bits(course) / 6)


@dataclass(frozen=True)
class SuspendReport:
    chars: int
    limit: int | None
    kept_attempts: int

    def line(self, course: LmsCourse) -> str:
        unlimited = course.max_attempts == 0
        attempts = (f"the best and latest {self.kept_attempts} assessment attempts kept"
                    if unlimited else f"all {self.kept_attempts} assessment attempts kept")
        case = (f"{len(course.practice)} questions answered, every role-play ending reached, "
                f"{attempts}")
        if self.limit is None:
            return (f"saved progress at most {self.chars:,} characters ({case}; kept in the "
                    "LRS's State API)")
        return f"suspend_data at most {self.chars:,} of {self.limit:,} characters ({case})"


def check_suspend(course: LmsCourse, fmt: str) -> SuspendReport:
    """The worst case for ``fmt``; raises when it does not fit."""
    chars = worst_case_chars(course)
    limit = LIMITS.get(fmt)
    report = SuspendReport(chars, limit, course.kept_attempts)
    if limit is not None and chars > limit:
        hint = ("lower assessment.max_attempts, " if course.max_attempts > 0 else "")
        raise PackageError(
            f"{fmt}: the saved progress can reach {chars:,} characters, more than the "
            f"{limit:,} an LMS must keep for SCORM {'1.2' if fmt == 'scorm12' else '2004'}; "
            f"learners would lose progress. Make the course smaller ({len(course.practice)} "
            f"practice questions now), {hint}or package it as scorm2004 or cmi5.")
    return report
