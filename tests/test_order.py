"""The order options are built and printed in: seeded, never as written, pins kept."""

from __future__ import annotations

import itertools
from collections import Counter
from pathlib import Path

import pytest

from builder.loader import load_course
from builder.order import seeded_order
from builder.render import shown_order

REPO = Path(__file__).resolve().parent.parent
KEYS = [f"scenario-{i}/question-{j}" for i in range(40) for j in range(5)]


@pytest.mark.parametrize("n", range(2, 9))
def test_a_permutation_that_is_never_the_written_order(n: int) -> None:
    for key in KEYS:
        order = seeded_order(key, [False] * n)
        assert sorted(order) == list(range(n))
        assert order != list(range(n)), key
        assert order == seeded_order(key, [False] * n), "the same key gives the same order"


@pytest.mark.parametrize("n", range(3, 9))
def test_ordering_steps_are_never_solved_nor_reversed(n: int) -> None:
    for key in KEYS:
        order = seeded_order(key, [False] * n, ordering=True)
        assert order not in (list(range(n)), list(range(n))[::-1]), key


def test_two_ordering_steps_are_swapped() -> None:
    assert seeded_order("any/key", [False, False], ordering=True) == [1, 0]


def test_pinned_options_keep_their_place() -> None:
    for key in KEYS:
        for pins in itertools.product([False, True], repeat=5):
            order = seeded_order(key, list(pins))
            for i, pinned in enumerate(pins):
                if pinned:
                    assert order[i] == i, (key, pins, order)
            if pins.count(False) >= 2:
                assert order != list(range(5))
    assert seeded_order("k", [True, False, True]) == [0, 1, 2], "one free option cannot move"


def test_the_right_answer_is_not_where_it_was_written() -> None:
    """Written second in every question (the shipped course's habit), it lands anywhere."""
    for n in (3, 4, 5):
        shown = Counter(seeded_order(key, [False] * n).index(1) for key in KEYS)
        assert len(shown) == n, shown
        assert shown[1] / len(KEYS) < 0.4, (n, shown)


def test_shipped_questions_are_not_shown_as_written() -> None:
    for scenario in load_course(REPO / "scenarios").scenarios:
        for question in scenario.quiz:
            shown = [o.index for o in shown_order(question, scenario.question_key(question))]
            assert shown != list(range(len(question.options))), question.id
