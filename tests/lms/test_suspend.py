"""The suspend_data codec (the shell's JavaScript, run in Node) against its Python worst case."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from builder.lms.course import (
    LanguageSite,
    LmsCourse,
    PackageError,
    QuestionRef,
    ScenarioRef,
    load_lms_course,
)
from builder.lms.suspend import answer_bits, check_suspend, worst_case_chars
from tests.lms.conftest import Made

CODEC = Path(__file__).with_name("codec.mjs")
RATINGS = ("ideal", "acceptable", "poor")


def codec(data: dict[str, Any], **calls: list[Any]) -> dict[str, list[Any]]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node not found (./dev.sh installs nodejs)", pytrace=False)
    result = subprocess.run([node, str(CODEC)], input=json.dumps({"data": data, **calls}),
                            capture_output=True, text=True, timeout=60, check=True)
    return json.loads(result.stdout)


def shell_data(course: LmsCourse) -> dict[str, Any]:
    return {"fp": course.fingerprint, **course.tables()}


def biggest_answer(q: QuestionRef) -> list[int]:
    if q.type == "multiple":
        return list(range(q.n))
    if q.type == "single":
        return [q.n - 1]
    return list(reversed(range(q.n)))


def worst_state(course: LmsCourse) -> dict[str, Any]:
    """Every part at its largest: what builder/lms/suspend.py must bound."""
    keys = sorted(course.exam, key=answer_bits, reverse=True)[:course.attempt_size]
    answers = {q.key: biggest_answer(q) for q in keys}
    attempt = {"keys": [q.key for q in keys], "a": answers, "ok": dict.fromkeys(answers, True),
               "percent": 100, "by": {}, "passed": True, "at": 1_900_000_000_000}
    return {
        "v": 2, "seed": "~" * 32, "last": course.scenarios[-1].id,
        "q": {q.key: {"a": biggest_answer(q), "ok": True, "n": 15} for q in course.practice},
        "r": {s.id: {"e": dict.fromkeys(s.endings, "poor")} for s in course.scenarios},
        "x": {"cur": {"keys": attempt["keys"], "a": answers, "at": 1_900_000_000_000},
              "done": [dict(attempt, at=attempt["at"] + i) for i in range(course.kept_attempts)]},
    }


def synthetic(scenarios: int, *, pool: int = 0, max_attempts: int = 0) -> LmsCourse:
    rng = random.Random(scenarios)
    practice, refs = [], []
    for s in range(scenarios):
        first = len(practice)
        for q in range(5):
            practice.append(QuestionRef(f"s{s}/q{q}", rng.choice(["care", "spontaneity",
                                                                     "recovery"]),
                                        rng.choice(["single", "multiple", "ordering"]),
                                        rng.randint(2, 8)))
        refs.append(ScenarioRef(f"s{s}", tuple(range(first, len(practice))),
                                tuple(f"e{i}" for i in range(s % 4)), s % 4 > 0))
    exam_only = tuple(QuestionRef(f"x/q{i}", "care", "ordering", 8) for i in range(pool))
    return LmsCourse(pass_mark=80, per_pillar=3, max_attempts=max_attempts,
                     practice=tuple(practice), pool=exam_only, scenarios=tuple(refs),
                     languages=(LanguageSite("en", "Course", Path(".")),))


@pytest.fixture(scope="module")
def fixture_course(made: Made) -> LmsCourse:
    root = made.packages["scorm12"].root / "course"
    sites = [LanguageSite(c, c, root / c) for c in ("en", "nl")]
    return load_lms_course(sites, max_attempts=0)


def test_worst_case_is_exactly_the_encoded_worst_state(fixture_course: LmsCourse) -> None:
    courses = [fixture_course, synthetic(40, pool=6), synthetic(3, max_attempts=12)]
    for course in courses:
        out = codec(shell_data(course), encode=[worst_state(course)])
        assert len(out["encoded"][0]) == worst_case_chars(course)


def test_the_printed_worst_case_is_the_packages(made: Made, fixture_course: LmsCourse) -> None:
    chars = worst_case_chars(fixture_course)
    assert f"suspend_data at most {chars:,} of 4,096 characters" in made.output
    assert f"suspend_data at most {chars:,} of 64,000 characters" in made.output


def random_state(course: LmsCourse, rng: random.Random) -> dict[str, Any]:
    def answer(q: QuestionRef) -> list[int]:
        if q.type == "ordering":
            return rng.sample(range(q.n), q.n)
        if q.type == "single":
            return [rng.randrange(q.n)]
        return sorted(rng.sample(range(q.n), rng.randint(0, q.n)))

    def attempt(judged: bool) -> dict[str, Any]:
        keys = [q.key for q in rng.sample(course.exam, course.attempt_size)]
        exam = {q.key: q for q in course.exam}
        d: dict[str, Any] = {"keys": keys, "a": {k: answer(exam[k]) for k in keys
                                                   if rng.random() < 0.8},
                             "at": rng.randint(1_600_000_000, 2_000_000_000) * 1000}
        if judged:
            d["ok"] = {k: rng.random() < 0.5 for k in keys}
            by: dict[str, dict[str, int]] = {}
            for p in ("care", "spontaneity", "recovery"):
                mine = [k for k in keys if exam[k].pillar == p]
                if mine:
                    by[p] = {"right": sum(d["ok"][k] for k in mine), "total": len(mine)}
            d.update(percent=rng.randint(0, 100), by=by, passed=rng.random() < 0.5)
        return d

    state: dict[str, Any] = {
        "v": 2, "seed": "".join(rng.choice("abcXYZ019-_") for _ in range(12)),
        "q": {q.key: {"a": answer(q), "ok": rng.random() < 0.5, "n": rng.randint(0, 15)}
              for q in course.practice if rng.random() < 0.7},
        "r": {}, "x": {"done": [attempt(True) for _ in range(rng.randint(0, 3))]},
        "last": rng.choice(course.scenarios).id,
    }
    for s in course.scenarios:
        reached = {e: rng.choice(RATINGS) for e in s.endings if rng.random() < 0.5}
        if reached:
            state["r"][s.id] = {"e": reached}
    if rng.random() < 0.5:
        state["x"]["cur"] = attempt(False)
    return state


def test_states_come_back_as_they_were(fixture_course: LmsCourse) -> None:
    rng = random.Random(11)
    for course in (fixture_course, synthetic(12, pool=4)):
        states = [random_state(course, rng) for _ in range(25)]
        data = shell_data(course)
        texts = codec(data, encode=states)["encoded"]
        assert all(t.startswith("cc1" + course.fingerprint) for t in texts)
        assert all(set(t) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                  "0123456789-_") for t in texts), "ASCII letters, digits, - and _"
        back = codec(data, decode=texts)["decoded"]
        for state, decoded in zip(states, back, strict=True):
            assert decoded == state


def test_foreign_or_damaged_data_is_ignored(fixture_course: LmsCourse) -> None:
    data = shell_data(fixture_course)
    state = random_state(fixture_course, random.Random(3))
    good = codec(data, encode=[state])["encoded"][0]
    other = dict(data, fp="AAAAAA")
    foreign = ["", "viewed=1,2,3|lastviewedslide=31", '{"v":2}', good[:-3], good + "A",
               good.replace(fixture_course.fingerprint, "AAAAAA")]
    assert codec(data, decode=foreign)["decoded"] == [None] * len(foreign)
    assert codec(other, decode=[good])["decoded"] == [None], "another course version's data"


def test_attempts_beyond_the_limit_keep_the_best_and_the_latest(
        fixture_course: LmsCourse) -> None:
    state = worst_state(fixture_course)
    for i, attempt in enumerate(state["x"]["done"]):
        attempt["percent"] = 90 if i == 1 else 10 + i
    full = codec(shell_data(fixture_course), encode=[state])["encoded"][0]
    limit = len(full) - 1
    fitted = codec(shell_data(fixture_course), fit=[[state, limit]])["fitted"][0]
    assert fitted is not None and len(fitted) <= limit
    kept = codec(shell_data(fixture_course), decode=[fitted])["decoded"][0]["x"]["done"]
    assert [a["percent"] for a in kept] == [90, *[10 + i for i in range(2, 5)]]


def test_a_course_too_big_for_scorm12_is_refused_with_a_reason() -> None:
    course = synthetic(700)
    assert worst_case_chars(course) > 4096
    with pytest.raises(PackageError) as caught:
        check_suspend(course, "scorm12")
    message = str(caught.value)
    assert f"{worst_case_chars(course):,} characters" in message
    assert "4,096" in message and "scorm2004 or cmi5" in message
    assert check_suspend(course, "scorm2004").chars == worst_case_chars(course)
