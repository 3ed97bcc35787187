"""The final assessment's settings and its pool of exam-only questions.

``assessment:`` in the carecourse plugin settings (CONTRACTS.md, section 1)::

    assessment:
      questions_per_pillar: 3     # drawn per attempt from the exam-only pool of each pillar
      max_attempts: 0             # 0 = unlimited
      retry_after_minutes: 0      # waiting time between attempts
      reveal_answers: after_pass  # or "always"
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from builder.pillars import PILLAR_IDS
from builder.schema import Question, Scenario

Reveal = Literal["after_pass", "always"]
REVEALS: tuple[Reveal, ...] = ("after_pass", "always")


class AssessmentSettingsError(ValueError):
    """A bad ``assessment:`` setting, worded for the trainer."""


@dataclass(frozen=True)
class AssessmentSettings:
    questions_per_pillar: int = 3
    max_attempts: int = 0  # 0: unlimited
    retry_after_minutes: int = 0
    reveal_answers: Reveal = "after_pass"

    def __post_init__(self) -> None:
        checks = (
            ("questions_per_pillar", self.questions_per_pillar, 1),
            ("max_attempts", self.max_attempts, 0),
            ("retry_after_minutes", self.retry_after_minutes, 0),
        )
        for name, value, least in checks:
            if isinstance(value, bool) or not isinstance(value, int) or value < least:
                raise AssessmentSettingsError(
                    f"assessment.{name} must be a whole number of at least {least}, "
                    f"got {value!r}")
        if self.reveal_answers not in REVEALS:
            raise AssessmentSettingsError(
                f"assessment.reveal_answers must be 'after_pass' or 'always', "
                f"got {self.reveal_answers!r}")

    @classmethod
    def from_config(cls, raw: Mapping[str, Any] | None) -> AssessmentSettings:
        """The ``assessment:`` mapping of ``mkdocs.yml``; unknown keys are refused."""
        raw = dict(raw or {})
        known = set(cls.__dataclass_fields__)
        unknown = sorted(set(raw) - known)
        if unknown:
            raise AssessmentSettingsError(
                f"assessment: unknown setting {', '.join(map(repr, unknown))}; the settings "
                f"are {', '.join(sorted(known))}")
        return cls(**raw)

    def as_json(self) -> dict[str, Any]:
        return {"per_pillar": self.questions_per_pillar, "max_attempts": self.max_attempts,
                "retry_after_minutes": self.retry_after_minutes,
                "reveal_answers": self.reveal_answers}


def exam_pool(scenarios: Sequence[Scenario]) -> list[tuple[Scenario, Question]]:
    """Every exam-only question, pillar by pillar in course order (the browser draws)."""
    return [(s, q) for p in PILLAR_IDS for s in scenarios for q in s.exam_only
            if q.pillar == p]


def pool_counts(scenarios: Sequence[Scenario]) -> dict[str, int]:
    """Exam-only questions per pillar."""
    counts = dict.fromkeys(PILLAR_IDS, 0)
    for _, q in exam_pool(scenarios):
        counts[q.pillar] += 1
    return counts


def attempt_size(scenarios: Sequence[Scenario], settings: AssessmentSettings) -> int:
    """How many questions one attempt asks: ``questions_per_pillar`` or what a pillar has."""
    return sum(min(n, settings.questions_per_pillar) for n in pool_counts(scenarios).values())
