"""The final assessment's pool of exam-only questions, and how many an attempt asks.

Its settings are ``Settings.course.assessment`` (:class:`builder.settings.Assessment`),
``assessment:`` in the carecourse plugin settings (CONTRACTS.md, section 1)::

    assessment:
      questions_per_pillar: 3     # drawn per attempt from the exam-only pool of each pillar
      max_attempts: 0             # 0 = unlimited
      retry_after_minutes: 0      # waiting time between attempts
      reveal_answers: after_pass  # or "always"
"""

from __future__ import annotations

from collections.abc import Sequence

from builder.pillars import PILLAR_IDS
from builder.schema import Question, Scenario
from builder.settings import Assessment


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


def attempt_size(scenarios: Sequence[Scenario], settings: Assessment) -> int:
    """How many questions one attempt asks: ``questions_per_pillar`` or what a pillar has."""
    return sum(min(n, settings.questions_per_pillar) for n in pool_counts(scenarios).values())
