"""Item-quality rules about the course's structure: the same in every language.

Translations keep answers, pillars, exam-only marks and role-play links as the
default language has them, so these rules run once, on the default-language
scenarios. The rules and their thresholds are documented in :mod:`builder.quality`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from builder.pillars import PILLAR_IDS
from builder.plural import count_of
from builder.quality_items import MIN_SAMPLE, Finding, numbered, percent
from builder.schema import Roleplay, Scenario

POSITION_SHARE = 0.40  # of right answers in one option position
MIN_MULTIPLE = 3  # multiple-choice questions needed before "always the same count" means anything
PILLAR_SHARE = 1 / 4  # of the practice questions, per pillar
RANK = {"poor": 0, "acceptable": 1, "ideal": 2}


def positions(scenarios: Sequence[Scenario]) -> list[Finding]:
    """Right answers (single and multiple choice) piled up in one option position."""
    choice = [(s, n, q) for s, n, q in numbered(scenarios) if q.type != "ordering"]
    counts = Counter(i for _, _, q in choice for i in q.correct_indexes)
    total = sum(counts.values())
    if len(choice) < MIN_SAMPLE or not total:
        return []
    top, most = counts.most_common(1)[0]
    if most <= POSITION_SHARE * total:
        return []
    width = max(len(q.options) for _, _, q in choice)
    histogram = ", ".join(f"option {i + 1}: {counts[i]}" for i in range(width))
    message = (f"the right answer is option {top + 1}, as are {most} of the {total} right answers "
               f"in the course ({percent(most, total)}; {histogram}); no position should hold "
               f"more than {round(100 * POSITION_SHARE)} %: move the right answer elsewhere")
    return [Finding(s.id, ("quiz", n, "options", top, "text"), message)
            for s, n, q in choice if top in q.correct_indexes]


def multiple_counts(scenarios: Sequence[Scenario]) -> list[Finding]:
    """Multiple-choice questions that all have the same number of right answers."""
    multiple = [(s, n, q) for s, n, q in numbered(scenarios) if q.type == "multiple"]
    counts = {len(q.correct_indexes) for _, _, q in multiple}
    if len(multiple) < MIN_MULTIPLE or len(counts) != 1:
        return []
    (count,) = counts
    right = count_of(count, "right answer", "right answers")
    message = (f"all {len(multiple)} multiple-choice questions in the course have {right}, "
               f"so a learner can guess how many to tick: make some of them have "
               f"fewer or more right options")
    return [Finding(s.id, ("quiz", n, "options"), message) for s, n, _ in multiple]


def _practice_on(scenario: Scenario, pillar: str) -> int:
    return sum(q.pillar == pillar for q in scenario.practice)


def _exam_on(scenario: Scenario, pillar: str) -> int:
    return sum(q.pillar == pillar for q in scenario.exam_only)


def _where(scenarios: Sequence[Scenario], pillar: str,
           count: Callable[[Scenario, str], int]) -> Scenario:
    """The scenario to add a ``pillar`` question to: one that teaches it, with the fewest."""
    teaching = [s for s in scenarios if pillar in s.pillars] or list(scenarios)
    return min(teaching, key=lambda s: count(s, pillar))


def pillar_balance(scenarios: Sequence[Scenario]) -> list[Finding]:
    """A pillar with fewer than a quarter of the practice questions."""
    per: Counter[str] = Counter(q.pillar for s in scenarios for q in s.practice)
    total = sum(per.values())
    if not total:
        return []
    figures = ", ".join(f"{p} {per[p]}" for p in PILLAR_IDS)
    out = []
    for pillar in PILLAR_IDS:
        if per[pillar] >= PILLAR_SHARE * total:
            continue
        target = _where(scenarios, pillar, _practice_on)
        out.append(Finding(
            target.id, ("quiz",),
            f"only {per[pillar]} of the {total} practice questions in the course "
            f"({percent(per[pillar], total)}; {figures}) are about '{pillar}'; give each pillar "
            f"at least a quarter: add '{pillar}' questions, for example here"))
    return out


def exam_pool(scenarios: Sequence[Scenario], per_pillar: int) -> list[Finding]:
    """Fewer exam-only questions for a pillar than the assessment draws per attempt."""
    per: Counter[str] = Counter(q.pillar for s in scenarios for q in s.exam_only)
    out = []
    for pillar in PILLAR_IDS:
        if per[pillar] >= per_pillar:
            continue
        target = _where(scenarios, pillar, _exam_on)
        drawn = count_of(per_pillar, f"'{pillar}' question", f"'{pillar}' questions")
        held = count_of(per[pillar], f"exam-only '{pillar}' question",
                        f"exam-only '{pillar}' questions")
        out.append(Finding(
            target.id, ("quiz",),
            f"the final assessment draws {drawn} per attempt (assessment: questions_per_pillar) "
            f"but the course has {held}: add {per_pillar - per[pillar]} with 'assessment: only', "
            "for example here"))
    return out


def _outcomes(play: Roleplay) -> Callable[[str], set[str]]:
    """The ratings of the endings a node can lead to, through choices (not recoveries)."""
    ratings = {e.id: e.rating for e in play.endings}
    steps = {p.id: [c.goto for c in p.choices] for p in play.points}

    def reach(node_id: str) -> set[str]:
        seen: set[str] = set()
        todo = [node_id]
        while todo:
            node = todo.pop()
            if node not in seen:
                seen.add(node)
                todo.extend(steps.get(node, []))
        return {ratings[n] for n in seen if n in ratings}

    return reach


def _ratings(ratings: set[str]) -> str:
    names = sorted(ratings, key=RANK.__getitem__, reverse=True)
    return " or ".join(f"'{r}'" for r in names)


def roleplay_points(scenarios: Sequence[Scenario]) -> list[Finding]:
    """Decision points where the choice makes no difference, and recoveries that cannot fail."""
    out = []
    for s in scenarios:
        play = s.roleplay
        if play is None:
            continue
        reach = _outcomes(play)
        recovers = {e.recover: e.id for e in play.endings if e.recover}
        for i, point in enumerate(play.points):
            where = ("roleplay", "points", i, "choices")
            each = [reach(c.goto) for c in point.choices]
            reachable = set().union(*each)
            if point.id in recovers and "poor" not in reachable:
                out.append(Finding(
                    s.id, where,
                    f"'{point.id}' is where the poor ending '{recovers[point.id]}' is put right, "
                    f"but no choice here can go wrong (every choice ends {_ratings(reachable)}): "
                    "add a choice that makes things worse, with its consequence"))
            elif len(point.choices) > 1 and len(reachable) == 1:
                out.append(Finding(
                    s.id, where,
                    f"every choice at '{point.id}' ends {_ratings(reachable)}, so there is "
                    "nothing to learn here: let one choice lead to a better or worse ending"))
    return out


def course_findings(scenarios: Sequence[Scenario], per_pillar: int) -> list[Finding]:
    """Every structural rule, on the default-language scenarios."""
    return [
        *positions(scenarios),
        *multiple_counts(scenarios),
        *pillar_balance(scenarios),
        *exam_pool(scenarios, per_pillar),
        *roleplay_points(scenarios),
    ]

