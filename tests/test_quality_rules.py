"""Each item-quality rule on small crafted scenarios: where it fires, and where it must not."""

from __future__ import annotations

from typing import Any

import pytest

from builder.quality_course import (
    exam_pool,
    multiple_counts,
    pillar_balance,
    positions,
    roleplay_points,
)
from builder.quality_items import (
    LONG_PROMPT,
    all_or_none_options,
    longest_share,
    near_duplicates,
    prompts,
    right_is_longest,
)
from builder.schema import Question, Scenario


def question(qid: str, options: list[tuple[str, bool]], *, kind: str = "single",
             pillar: str = "care", prompt: str = "What do you do?",
             exam: bool = False) -> dict[str, Any]:
    return {
        "id": qid, "type": kind, "pillar": pillar, "prompt": prompt,
        "options": [{"text": t, "correct": c, "feedback": "Because."} for t, c in options],
        "explanation": "Why.", **({"assessment": "only"} if exam else {}),
    }


def scenario(quiz: list[dict[str, Any]], *, sid: str = "terrace",
             pillars: tuple[str, ...] = ("care", "recovery"),
             roleplay: dict[str, Any] | None = None) -> Scenario:
    data: dict[str, Any] = {
        "id": sid, "title": sid.title(), "summary": "S.", "pillars": list(pillars),
        "setting": "A terrace.", "story": "A story.", "what_staff_did": "Things.",
        "why_it_worked": "Reasons.", "discussion": ["Talk."], "quiz": quiz}
    if roleplay is not None:
        data["roleplay"] = roleplay
    return Scenario.model_validate(data)


def single(qid: str, right: int, texts: list[str] | None = None, **kw: Any) -> dict[str, Any]:
    texts = texts or ["Ask the guest.", "Tell the chef.", "Wait a minute."]
    return question(qid, [(t, i == right) for i, t in enumerate(texts)], **kw)


LONG_RIGHT = ["No.", "Apologise and bring a fresh plate straight away.", "Wait."]
EVEN = ["Bring the bill.", "Ask the chef.", "Offer a coffee."]


def test_right_is_longest_is_strict() -> None:
    assert right_is_longest(Question.model_validate(single("a", 1, LONG_RIGHT)))
    tie = ["Ask the chef.", "Ask the cook.", "No."]
    assert not right_is_longest(Question.model_validate(single("b", 0, tie)))
    assert not right_is_longest(Question.model_validate(single("c", 0, LONG_RIGHT)))


def test_longest_share_names_each_question_above_a_third() -> None:
    quiz = [single("q1", 1, LONG_RIGHT), single("q2", 1, LONG_RIGHT),
            *(single(f"e{i}", 0, EVEN) for i in range(3))]
    found = longest_share([scenario(quiz)], "nl")
    assert [f.path for f in found] == [("quiz", 0, "options", 1, "text"),
                                       ("quiz", 1, "options", 1, "text")]
    assert "2 of 5 single-choice questions in 'nl' (40 %" in found[0].message


def test_longest_share_at_a_third_or_in_a_small_quiz_is_fine() -> None:
    quiz = [single("q1", 1, LONG_RIGHT), *(single(f"e{i}", 0, EVEN) for i in range(4))]
    assert longest_share([scenario(quiz)], "en") == []  # 1 of 5
    few = [single(f"q{i}", 1, LONG_RIGHT) for i in range(4)]
    assert longest_share([scenario(few)], "en") == []  # 4 questions say nothing yet


@pytest.mark.parametrize(("a", "b"), [
    ("Apologise and offer a free dessert.", "Apologise and offer a free coffee."),
    ("Ask the guest what happened and listen.", "Ask the guests what happened, then listen."),
    ("Say sorry and fix it.", "Fix it and say sorry."),
    ("Bring the bill.", "Bring the bill now."),
])
def test_near_duplicate_options(a: str, b: str) -> None:
    found = near_duplicates([scenario([single("q", 0, [a, "Something else entirely.", b])])])
    assert [f.path for f in found] == [("quiz", 0, "options", 2, "text")]
    assert "reads almost like option 1" in found[0].message


@pytest.mark.parametrize(("a", "b"), [
    ("Offer a replacement dish straight away.", "Offer a refund straight away."),
    ("Ask the manager.", "Ask the chef."),
    ('Ask "Everything OK?" as you walk past the table.',
     "Ask how everything was when you bring the bill."),  # the closest pair shipped
])
def test_distinct_options_are_not_near_duplicates(a: str, b: str) -> None:
    assert near_duplicates([scenario([single("q", 0, [a, b])])]) == []


def test_all_or_none_option_even_when_fixed() -> None:
    q = single("q", 0, ["Ask the guest.", "Tell the chef.", "None of the above."])
    q["options"][2]["fixed"] = True
    found = all_or_none_options([scenario([q])], "en")
    assert [f.path for f in found] == [("quiz", 0, "options", 2, "text")]
    assert '"None of the above"' in found[0].message and "fixed: true" in found[0].message
    plain = single("p", 0, ["Ask all of the guests at the table.", "Tell none of them."])
    assert all_or_none_options([scenario([plain])], "en") == []


def test_long_prompt() -> None:
    ok = single("ok", 0, prompt="x" * LONG_PROMPT)
    long = single("long", 0, prompt="x" * (LONG_PROMPT + 1))
    found = prompts([scenario([ok, long])], "en")
    assert [f.path for f in found] == [("quiz", 1, "prompt")]
    assert f"{LONG_PROMPT + 1} characters" in found[0].message


def test_negative_prompt_in_the_question_language() -> None:
    neg = single("neg", 0, prompt="Welke van deze reacties is niet gepast?")
    found = prompts([scenario([neg])], "nl")
    assert [f.path for f in found] == [("quiz", 0, "prompt")]
    assert "Welke van deze reacties is niet" in found[0].message
    assert prompts([scenario([neg])], "en") == [], "Dutch words are not English negations"


def test_positions_histogram_names_each_question() -> None:
    quiz = [single(f"q{i}", 1) for i in range(4)] + [single("q4", 0), single("q5", 2)]
    found = positions([scenario(quiz)])
    assert [f.path[1] for f in found] == [0, 1, 2, 3]
    assert found[0].path == ("quiz", 0, "options", 1, "text")
    assert "4 of the 6 right answers" in found[0].message
    assert "option 1: 1, option 2: 4, option 3: 1" in found[0].message


def test_positions_count_multiple_choice_and_skip_ordering() -> None:
    mc = question("m", [("A.", True), ("B.", True), ("C.", False)], kind="multiple")
    order = question("o", [("First.", False), ("Second.", False)], kind="ordering")
    quiz = [single("a", 0), single("b", 1), single("c", 2), single("d", 2), mc, order]
    assert positions([scenario(quiz)]) == []  # 2, 2, 2 of 6 right answers (33 %)
    quiz.append(single("e", 0))
    found = positions([scenario(quiz)])  # option 1: 3 of 7 (43 %)
    assert {f.path[1] for f in found} == {0, 4, 6}


def test_multiple_choice_with_the_same_count() -> None:
    def mc(qid: str, right: int) -> dict[str, Any]:
        return question(qid, [(f"Option {i}.", i < right) for i in range(4)], kind="multiple")
    found = multiple_counts([scenario([mc("a", 2), mc("b", 2), mc("c", 2)])])
    assert [f.path for f in found] == [("quiz", i, "options") for i in range(3)]
    assert "all 3 multiple-choice questions in the course have 2 right" in found[0].message
    assert multiple_counts([scenario([mc("a", 2), mc("b", 3), mc("c", 2)])]) == []
    assert multiple_counts([scenario([mc("a", 2), mc("b", 2)])]) == []


def test_pillar_balance_counts_practice_only_and_points_at_a_teacher() -> None:
    first = scenario([single(f"c{i}", 0) for i in range(5)]
                     + [single(f"x{i}", 0, pillar="spontaneity", exam=True) for i in range(3)]
                     + [single("r", 0, pillar="recovery")],
                     sid="first", pillars=("care", "recovery"))
    second = scenario([single("s", 0, pillar="spontaneity"), single("r2", 0, pillar="recovery")],
                      sid="second", pillars=("spontaneity", "recovery"))
    found = pillar_balance([first, second])  # care 5, spontaneity 1, recovery 2 (a quarter)
    assert [(f.scenario, f.path) for f in found] == [("second", ("quiz",))]
    assert found[0].message.startswith("only 1 of the 8 practice questions in the course "
                                       "(12 %; care 5, spontaneity 1, recovery 2) are about "
                                       "'spontaneity'")


def test_exam_pool_per_pillar() -> None:
    quiz = [single(f"c{i}", 0, exam=True) for i in range(2)]
    quiz += [single("s", 0, pillar="spontaneity"), single("r", 0, pillar="recovery", exam=True)]
    found = exam_pool([scenario(quiz)], 2)
    messages = [f.message for f in found]
    assert len(found) == 2
    assert "2 'spontaneity' questions per attempt" in messages[0]
    assert "has 0 exam-only 'spontaneity'" in messages[0] and "add 2" in messages[0]
    assert "has 1 exam-only 'recovery'" in messages[1] and "add 1" in messages[1]
    assert len(exam_pool([scenario(quiz)], 1)) == 1


def play(points: list[tuple[str, list[str]]], endings: dict[str, str],
         recover: dict[str, str] | None = None) -> dict[str, Any]:
    recover = recover or {}
    return {
        "start": points[0][0],
        "points": [{"id": pid, "text": "What now?",
                    "choices": [{"text": f"Go to {g}.", "goto": g} for g in goes]}
                   for pid, goes in points],
        "endings": [{"id": eid, "rating": rating, "pillars": ["care"], "text": "The end.",
                     **({"recover": recover[eid]} if eid in recover else {})}
                    for eid, rating in endings.items()],
    }


def findings_for(roleplay: dict[str, Any]) -> list[tuple[int, str]]:
    found = roleplay_points([scenario([single("q", 0)], roleplay=roleplay)])
    return [(f.path[2], f.message) for f in found]  # type: ignore[misc]


def test_point_where_every_choice_ends_the_same() -> None:
    found = findings_for(play(
        [("start", ["fine", "flat"]), ("flat", ["ok1", "ok2"])],
        {"fine": "ideal", "ok1": "acceptable", "ok2": "acceptable"}))
    assert found == [(1, "every choice at 'flat' ends 'acceptable', so there is nothing to "
                         "learn here: let one choice lead to a better or worse ending")]


def test_opening_whose_choices_can_all_still_end_well_is_fine() -> None:
    # both openings can still reach the ideal ending; the choice still matters
    found = findings_for(play(
        [("start", ["good", "bad"]), ("good", ["best", "meh"]), ("bad", ["best", "lost"]),
         ("amends", ["best", "lost"])],
        {"best": "ideal", "meh": "acceptable", "lost": "poor"}, {"lost": "amends"}))
    assert found == []


def test_single_continuation_is_not_a_decision() -> None:
    found = findings_for(play([("start", ["next", "end2"]), ("next", ["end1"])],
                              {"end1": "ideal", "end2": "acceptable"}))
    assert found == []


def test_recovery_point_that_cannot_go_wrong() -> None:
    found = findings_for(play(
        [("start", ["best", "lost"]), ("amends", ["best", "meh"])],
        {"best": "ideal", "meh": "acceptable", "lost": "poor"}, {"lost": "amends"}))
    assert found == [(1, "'amends' is where the poor ending 'lost' is put right, but no choice "
                         "here can go wrong (every choice ends 'ideal' or 'acceptable'): add a "
                         "choice that makes things worse, with its consequence")]


def test_recovery_point_with_one_flat_rating_gets_one_warning() -> None:
    found = findings_for(play(
        [("start", ["best", "lost"]), ("amends", ["meh", "meh2"])],
        {"best": "ideal", "meh": "acceptable", "meh2": "acceptable", "lost": "poor"},
        {"lost": "amends"}))
    assert len(found) == 1 and "no choice here can go wrong" in found[0][1]
