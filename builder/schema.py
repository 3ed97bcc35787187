"""The scenario schema: one place that says what a valid scenario is.

A scenario YAML file is validated once into these typed objects; the site pages,
the PDFs and the LMS package are all rendered from them.

Text fields are plain strings in the default language. Translations live in
overlay files beside the scenario (``<id>.<lang>.yaml``) that mirror the same
structure, so adding a language never changes an existing file.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from builder.pillars import PILLAR_IDS

Slug = Annotated[
    str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", min_length=1, max_length=80)
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Pillar = Literal["care", "spontaneity", "recovery"]
QuestionType = Literal["single", "multiple", "ordering"]

assert set(Pillar.__args__) == set(PILLAR_IDS)  # type: ignore[attr-defined]


def _fail(message: str, *at: str | int) -> PydanticCustomError:
    """A validation error that points below the model it is raised in (``at``)."""
    return PydanticCustomError("carecourse", message, {"at": list(at)})


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Option(_Strict):
    text: Text
    feedback: Text
    correct: bool = False
    fixed: bool = False  # keep this option where it is written when options are shuffled


class Question(_Strict):
    id: Slug
    type: QuestionType
    pillar: Pillar
    prompt: Text
    options: list[Option] = Field(min_length=2, max_length=8)
    explanation: Text
    # "only": a question for the final assessment only; never shown for practice,
    # on pillar pages, in search or in the handbook (the answer key has it)
    assessment: Literal["only"] | None = None

    @property
    def exam_only(self) -> bool:
        return self.assessment == "only"

    @model_validator(mode="after")
    def _answers_make_sense(self) -> Question:
        n_correct = sum(o.correct for o in self.options)
        if self.type == "single" and n_correct != 1:
            raise _fail(
                f"a single-choice question needs exactly one option with 'correct: true' "
                f"(found {n_correct})",
                "options",
            )
        if self.type == "multiple" and n_correct == 0:
            raise _fail(
                "a multiple-choice question needs at least one option with 'correct: true'",
                "options",
            )
        if self.type == "ordering" and n_correct:
            first = next(i for i, o in enumerate(self.options) if o.correct)
            raise _fail(
                "an ordering question lists its steps in the right order and marks none "
                "'correct'; remove 'correct: true'",
                "options",
                first,
                "correct",
            )
        return self

    @property
    def correct_indexes(self) -> list[int]:
        if self.type == "ordering":
            return list(range(len(self.options)))
        return [i for i, o in enumerate(self.options) if o.correct]


Rating = Literal["ideal", "acceptable", "poor"]


class Choice(_Strict):
    text: Text
    goto: Slug
    feedback: Text | None = None  # what happens next, shown after the choice


class Point(_Strict):
    """A decision point: the situation, and the choices the learner has."""

    id: Slug
    text: Text
    choices: list[Choice] = Field(min_length=1, max_length=6)


class Ending(_Strict):
    id: Slug
    rating: Rating
    pillars: list[Pillar] = Field(min_length=1, max_length=3)
    text: Text
    recover: Slug | None = None  # a poor ending leads on to a point where it can be put right


class Roleplay(_Strict):
    """A branching rehearsal of the scenario (the graph is checked by builder.roleplay)."""

    title: Text | None = None
    start: Slug
    points: list[Point] = Field(min_length=1)
    endings: list[Ending] = Field(min_length=1)


class Scenario(_Strict):
    id: Slug
    title: Text
    summary: Text
    order: int = 0
    pillars: list[Pillar] = Field(min_length=1, max_length=3)
    setting: Text
    story: Text
    what_staff_did: Text
    why_it_worked: Text
    discussion: list[Text] = Field(min_length=1)
    quiz: list[Question] = Field(min_length=1)
    roleplay: Roleplay | None = None

    @model_validator(mode="after")
    def _unique_question_ids(self) -> Scenario:
        seen: dict[str, int] = {}
        for i, q in enumerate(self.quiz):
            if q.id in seen:
                raise _fail(
                    f"question id '{q.id}' is already used by quiz[{seen[q.id]}]",
                    "quiz",
                    i,
                    "id",
                )
            seen[q.id] = i
        return self

    @property
    def practice(self) -> list[Question]:
        """The questions shown on the scenario and pillar pages (not the exam-only ones)."""
        return [q for q in self.quiz if not q.exam_only]

    @property
    def exam_only(self) -> list[Question]:
        """The questions kept for the final assessment."""
        return [q for q in self.quiz if q.exam_only]

    @property
    def quiz_pillars(self) -> list[str]:
        return [p for p in PILLAR_IDS if any(q.pillar == p for q in self.practice)]

    def question_key(self, question: Question) -> str:
        """The id that names a question everywhere: pages, progress, PDFs, LMS."""
        return f"{self.id}/{question.id}"
