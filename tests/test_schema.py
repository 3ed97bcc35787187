"""The scenario schema accepts good scenarios and rejects what would break a quiz."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from builder.schema import Question, Scenario


def q(**over: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "q1",
        "type": "single",
        "pillar": "care",
        "prompt": "What do you do?",
        "options": [
            {"text": "A", "feedback": "a", "correct": True},
            {"text": "B", "feedback": "b"},
        ],
        "explanation": "Because.",
    }
    return {**base, **over}


def scenario(**over: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "s1",
        "title": "T",
        "summary": "S",
        "pillars": ["care"],
        "setting": "x",
        "story": "x",
        "what_staff_did": "x",
        "why_it_worked": "x",
        "discussion": ["x"],
        "quiz": [q()],
    }
    return {**base, **over}


def test_valid_scenario_round_trip() -> None:
    s = Scenario.model_validate(scenario())
    assert s.quiz[0].correct_indexes == [0]
    assert s.question_key(s.quiz[0]) == "s1/q1"
    assert s.order == 0


@pytest.mark.parametrize("n_correct, ok", [(0, False), (1, True), (2, False)])
def test_single_needs_exactly_one_correct(n_correct: int, ok: bool) -> None:
    opts = [{"text": str(i), "feedback": "f", "correct": i < n_correct} for i in range(3)]
    if ok:
        Question.model_validate(q(options=opts))
    else:
        with pytest.raises(ValidationError, match="exactly one option"):
            Question.model_validate(q(options=opts))


def test_multiple_needs_at_least_one_correct() -> None:
    opts = [{"text": "a", "feedback": "f"}, {"text": "b", "feedback": "f"}]
    with pytest.raises(ValidationError, match="at least one option"):
        Question.model_validate(q(type="multiple", options=opts))
    opts[0]["correct"] = True
    opts[1]["correct"] = True
    assert Question.model_validate(q(type="multiple", options=opts)).correct_indexes == [0, 1]


def test_ordering_is_written_in_order_and_marks_nothing() -> None:
    opts = [{"text": s, "feedback": "f"} for s in ("listen", "apologise", "fix")]
    question = Question.model_validate(q(type="ordering", options=opts))
    assert question.correct_indexes == [0, 1, 2]
    opts[1]["correct"] = True
    with pytest.raises(ValidationError, match="marks none"):
        Question.model_validate(q(type="ordering", options=opts))


@pytest.mark.parametrize(
    "field, value",
    [
        ("pillar", "recovry"),
        ("type", "truefalse"),
        ("id", "Not A Slug"),
        ("prompt", "   "),
        ("options", [{"text": "only one", "feedback": "f", "correct": True}]),
    ],
)
def test_question_rejects(field: str, value: Any) -> None:
    with pytest.raises(ValidationError):
        Question.model_validate(q(**{field: value}))


def test_unknown_keys_are_errors() -> None:
    with pytest.raises(ValidationError, match="Extra inputs"):
        Scenario.model_validate(scenario(answer="x"))


def test_duplicate_question_ids() -> None:
    with pytest.raises(ValidationError, match="already used by quiz\\[0\\]"):
        Scenario.model_validate(scenario(quiz=[q(), q()]))


def test_text_is_stripped() -> None:
    s = Scenario.model_validate(scenario(title="  The margarine run \n"))
    assert s.title == "The margarine run"
