"""``assets/carecourse/course.json``, per language (CONTRACTS.md, section 4)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from builder.assessment import exam_pool
from builder.schema import Question, Scenario
from builder.settings import Assessment


def course_manifest(
    scenarios: Sequence[Scenario],
    urls: dict[str, str],
    ui: dict[str, Any],
    *,
    pass_mark: int = 80,
    assessment: Assessment | None = None,
) -> str:
    """``assets/carecourse/course.json`` (CONTRACTS.md, section 4): what the progress
    runtime and the LMS shell need to know. No answers."""

    def brief(s: Scenario, q: Question) -> dict[str, Any]:
        return {"key": s.question_key(q), "pillar": q.pillar, "type": q.type,
                "n": len(q.options)}

    settings = assessment or Assessment()
    data = {
        "pass_mark": pass_mark,
        "pillars": ui["pillars"],
        "t": ui["progress"],
        "scenarios": [
            {
                "id": s.id,
                "title": s.title,
                "url": urls[s.id],
                "questions": [brief(s, q) for q in s.practice],
                "play": s.roleplay is not None,
                "endings": {e.id: e.pillars for e in s.roleplay.endings} if s.roleplay else {},
            }
            for s in scenarios
        ],
        "exam": {**exam_settings(settings),
                 "pool": [brief(s, q) for s, q in exam_pool(scenarios)]},
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def exam_settings(settings: Assessment) -> dict[str, Any]:
    """The assessment settings as course.json gives them to the runtime and the LMS."""
    return {"per_pillar": settings.questions_per_pillar, "max_attempts": settings.max_attempts,
            "retry_after_minutes": settings.retry_after_minutes,
            "reveal_answers": settings.reveal_answers}
