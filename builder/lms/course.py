"""What a package needs to know about the course, read from each built site's course.json.

The launch shell maps question keys to indexes (for a compact ``suspend_data``), so the
tables below are fixed when the package is made; their fingerprint goes into every saved
state, and a state saved by another version of the course is ignored rather than misread.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from builder.pillars import PILLAR_IDS

COURSE_JSON = "assets/carecourse/course.json"
QUESTION_TYPES = ("single", "multiple", "ordering")
KEPT_WHEN_UNLIMITED = 5  # finished assessment attempts kept when max_attempts is 0 (unlimited)


class PackageError(Exception):
    """A problem that stops a package from being made, worded for the trainer."""


@dataclass(frozen=True)
class QuestionRef:
    key: str  # "scenario/question"
    pillar: str
    type: str  # single | multiple | ordering
    n: int  # number of options

    def row(self) -> list[Any]:
        return [self.key, self.pillar, self.type, self.n]


@dataclass(frozen=True)
class ScenarioRef:
    id: str
    questions: tuple[int, ...]  # indexes into LmsCourse.practice
    endings: tuple[str, ...]  # role-play ending ids (empty: no role-play)
    play: bool


@dataclass(frozen=True)
class LanguageSite:
    code: str
    title: str  # the course title in that language
    root: Path  # the built site of this language


@dataclass(frozen=True)
class LmsCourse:
    pass_mark: int
    per_pillar: int  # questions drawn per pillar in an assessment attempt
    max_attempts: int  # 0 = unlimited
    practice: tuple[QuestionRef, ...]
    pool: tuple[QuestionRef, ...]  # exam-only questions
    scenarios: tuple[ScenarioRef, ...]
    languages: tuple[LanguageSite, ...]

    @property
    def exam(self) -> tuple[QuestionRef, ...]:
        """Every question an assessment attempt may hold: the pool, then practice ones."""
        return self.pool + self.practice

    @property
    def kept_attempts(self) -> int:
        """Finished attempts a saved state holds: all of them, or the best and the latest."""
        return self.max_attempts if self.max_attempts > 0 else KEPT_WHEN_UNLIMITED

    @property
    def attempt_size(self) -> int:
        return min(len(self.exam), self.per_pillar * len(PILLAR_IDS))

    def tables(self) -> dict[str, Any]:
        """The index tables the shell's suspend-data codec uses (JSON-ready)."""
        return {
            "keep": self.kept_attempts,
            "pillars": list(PILLAR_IDS),
            "practice": [q.row() for q in self.practice],
            "pool": [q.row() for q in self.pool],
            "scenarios": [[s.id, list(s.questions), list(s.endings), s.play]
                          for s in self.scenarios],
        }

    @property
    def fingerprint(self) -> str:
        """Six characters that change whenever the tables change."""
        text = json.dumps(self.tables(), separators=(",", ":"), sort_keys=True)
        digest = hashlib.sha256(text.encode("utf-8")).digest()
        return base64.urlsafe_b64encode(digest).decode("ascii")[:6]


def _question(data: Any, where: str) -> QuestionRef:
    try:
        ref = QuestionRef(str(data["key"]), str(data["pillar"]), str(data["type"]),
                          int(data["n"]))
    except (KeyError, TypeError, ValueError):
        raise PackageError(f"{where}: a question lacks key, pillar, type or n") from None
    if ref.type not in QUESTION_TYPES or ref.pillar not in PILLAR_IDS or not 2 <= ref.n <= 8:
        raise PackageError(f"{where}: question {ref.key!r} has an unknown type, pillar or size")
    return ref


def read_course_json(site: Path) -> dict[str, Any]:
    path = site / COURSE_JSON
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise PackageError(f"{path}: cannot read the course data ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("scenarios"), list):
        raise PackageError(f"{path}: no scenarios in the course data")
    if not isinstance(data.get("pass_mark"), int):
        raise PackageError(f"{path}: the course data has no pass_mark; rebuild the site")
    return data


def _tables(data: dict[str, Any], where: str) -> tuple[tuple[QuestionRef, ...],
                                                       tuple[ScenarioRef, ...],
                                                       tuple[QuestionRef, ...], int]:
    practice: list[QuestionRef] = []
    scenarios: list[ScenarioRef] = []
    for s in data["scenarios"]:
        first = len(practice)
        practice.extend(_question(q, where) for q in s.get("questions", []))
        endings = tuple(str(e) for e in (s.get("endings") or {}))
        scenarios.append(ScenarioRef(str(s["id"]), tuple(range(first, len(practice))),
                                     endings, bool(s.get("play"))))
    found = data.get("exam")
    exam: dict[str, Any] = found if isinstance(found, dict) else {}
    pool = tuple(_question(q, where) for q in exam.get("pool", []))
    per_pillar = int(exam.get("per_pillar", 3))
    return tuple(practice), tuple(scenarios), pool, per_pillar


def load_lms_course(sites: list[LanguageSite], *, max_attempts: int) -> LmsCourse:
    """The course as every packaged language's course.json describes it (they must agree)."""
    first: tuple[Any, ...] | None = None
    pass_mark = 0
    for site in sites:
        data = read_course_json(site.root)
        tables = _tables(data, str(site.root / COURSE_JSON))
        if first is None:
            first, pass_mark = tables, int(data["pass_mark"])
        elif tables != first:
            raise PackageError(f"the {site.code} site's questions or role-plays differ from "
                               f"the {sites[0].code} site's; rebuild both from the same scenarios")
    if first is None:
        raise PackageError("no language to package")
    practice, scenarios, pool, per_pillar = first
    if len({q.key for q in pool + practice}) != len(pool) + len(practice):
        raise PackageError("a question key appears twice in the course data")
    return LmsCourse(pass_mark=pass_mark, per_pillar=max(1, per_pillar),
                     max_attempts=max(0, max_attempts), practice=practice, pool=pool,
                     scenarios=scenarios, languages=tuple(sites))
