"""The order options are shown in where there is no JavaScript (built pages, handbook PDF).

In the browser, quiz.js shuffles again per learner and per attempt; this is the fixed
order of the HTML as built and of the printed handbook: seeded by the question key, so
every build and every language show the same order, and never the order as written
(so the right answer does not sit where the trainer happened to write it).
"""

from __future__ import annotations

import random
from collections.abc import Sequence

TRIES = 24


def seeded_order(key: str, fixed: Sequence[bool], *, ordering: bool = False) -> list[int]:
    """A permutation of the option indexes: ``fixed`` options keep their place.

    Never the written order when two or more options may move; for ordering steps also
    never the exact reverse, unless there is no third way (two movable steps).
    """
    n = len(fixed)
    free = [i for i in range(n) if not fixed[i]]
    identity = list(range(n))
    if len(free) < 2:
        return identity
    rng = random.Random(key)
    forbidden = [identity]
    if ordering and len(free) > 2:
        forbidden.append(_with(identity, free, free[::-1]))
    for _ in range(TRIES):
        moved = free[:]
        rng.shuffle(moved)
        order = _with(identity, free, moved)
        if order not in forbidden:
            return order
    return _with(identity, free, free[1:] + free[:1])  # a rotation is never the identity


def _with(base: list[int], slots: list[int], values: list[int]) -> list[int]:
    out = base[:]
    for slot, value in zip(slots, values, strict=True):
        out[slot] = value
    return out
