"""Item-quality rules that read the words of the questions, run once per language.

Each rule returns :class:`Finding` objects: a scenario, a path inside it (indexes
as in the default-language file) and a message that says what to change. The
rules and their thresholds are documented in :mod:`builder.quality`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from builder.problems import Path
from builder.quality_phrases import all_or_none, near_duplicate, negative_stem
from builder.schema import Question, Scenario

LONGEST_SHARE = 1 / 3  # of single-choice questions whose right answer is the longest option
MIN_SAMPLE = 5  # questions needed before a share means anything
LONG_PROMPT = 250  # characters


@dataclass(frozen=True)
class Finding:
    scenario: str
    path: Path
    message: str


Numbered = list[tuple[Scenario, int, Question]]


def numbered(scenarios: Sequence[Scenario]) -> Numbered:
    """Every question with its scenario and its index in the scenario's quiz."""
    return [(s, n, q) for s in scenarios for n, q in enumerate(s.quiz)]


def percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)} %"


def _clip(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def right_is_longest(question: Question) -> bool:
    """A single-choice question whose right answer is strictly longer than every other option."""
    if question.type != "single":
        return False
    right = question.correct_indexes[0]
    lengths = [len(o.text) for o in question.options]
    return all(lengths[right] > n for i, n in enumerate(lengths) if i != right)


def longest_share(scenarios: Sequence[Scenario], language: str) -> list[Finding]:
    singles = [(s, n, q) for s, n, q in numbered(scenarios) if q.type == "single"]
    longest = [(s, n, q) for s, n, q in singles if right_is_longest(q)]
    if len(singles) < MIN_SAMPLE or len(longest) <= LONGEST_SHARE * len(singles):
        return []
    share = (f"as in {len(longest)} of {len(singles)} single-choice questions in '{language}' "
             f"({percent(len(longest), len(singles))}; keep it to a third at most)")
    return [
        Finding(s.id, ("quiz", n, "options", q.correct_indexes[0], "text"),
                f"the right answer is the longest option, {share}: shorten it, or give a wrong "
                "option the same length and detail")
        for s, n, q in longest
    ]


def near_duplicates(scenarios: Sequence[Scenario]) -> list[Finding]:
    out = []
    for s, n, q in numbered(scenarios):
        for j, option in enumerate(q.options):
            twin = next((i for i in range(j) if near_duplicate(q.options[i].text, option.text)),
                        None)
            if twin is not None:
                out.append(Finding(
                    s.id, ("quiz", n, "options", j, "text"),
                    f"reads almost like option {twin + 1} (\"{_clip(q.options[twin].text)}\"): "
                    "make the two clearly different, or keep only one"))
    return out


def all_or_none_options(scenarios: Sequence[Scenario], language: str) -> list[Finding]:
    out = []
    for s, n, q in numbered(scenarios):
        for j, option in enumerate(q.options):
            wording = all_or_none(option.text, language)
            if wording is not None:
                out.append(Finding(
                    s.id, ("quiz", n, "options", j, "text"),
                    f"\"{_clip(wording)}\" can be answered by elimination and means nothing once "
                    "options are shuffled (fixed: true does not change that): write a real "
                    "option instead"))
    return out


def prompts(scenarios: Sequence[Scenario], language: str) -> list[Finding]:
    out = []
    for s, n, q in numbered(scenarios):
        where = ("quiz", n, "prompt")
        if len(q.prompt) > LONG_PROMPT:
            out.append(Finding(
                s.id, where,
                f"the prompt is {len(q.prompt)} characters long (keep it to {LONG_PROMPT}): "
                "leave the background to the story and ask one short question"))
        wording = negative_stem(q.prompt, language)
        if wording is not None:
            out.append(Finding(
                s.id, where,
                f"asks for the wrong answer (\"{_clip(wording)}\"); negative questions are easy "
                "to misread: ask what to do instead, and make the wrong actions the options"))
    return out


def language_findings(scenarios: Sequence[Scenario], language: str) -> list[Finding]:
    """Every wording rule, on the course as it reads in ``language``."""
    return [
        *longest_share(scenarios, language),
        *near_duplicates(scenarios),
        *all_or_none_options(scenarios, language),
        *prompts(scenarios, language),
    ]
