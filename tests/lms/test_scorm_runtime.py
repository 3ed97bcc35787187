"""The SCORM packages under a real SCORM runtime (scorm-again) in Chromium.

A learner practises on two pages, switches language, passes the assessment and leaves with
one role-play still to do; the LMS keeps what the course reported. A second launch resumes
from that data (entry = resume), at the same page with the same progress, and finishing the
role-play completes the course.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from typing import Any

import pytest
from playwright.sync_api import Browser, Frame, Page, expect

from tests.lms.conftest import Made, watched
from tests.lms.learner import (
    course_frame,
    go,
    pass_assessment,
    play_to,
    practise_page,
    switch_language,
)

PILLARS = {"pillar-care", "pillar-spontaneity", "pillar-recovery"}
IDENTIFIER = re.compile(r"^[A-Za-z0-9_.-]+$")
ATTEMPT = {"keys", "a", "ok", "percent", "by", "passed", "at"}  # CONTRACTS section 3


@dataclass(frozen=True)
class Version:
    fmt: str
    name: str  # "1.2" or "2004"
    init: str
    finish: str
    status: tuple[str, ...]  # the status elements
    score: str  # prefix of the score elements
    exit: str
    location: str
    entry: tuple[str, ...]  # where entry lives in the CMI JSON
    response: str  # the learner-response element of an interaction
    response_pattern: re.Pattern[str]
    results: frozenset[str]
    limit: int  # suspend_data characters a real LMS of this version must keep


V12 = Version("scorm12", "1.2", "LMSInitialize", "LMSFinish", ("cmi.core.lesson_status",),
              "cmi.core.score.", "cmi.core.exit", "cmi.core.lesson_location", ("core", "entry"),
              "student_response", re.compile(r"^[a-h](,[a-h])*$"),
              frozenset({"correct", "wrong"}), 4096)
V2004 = Version("scorm2004", "2004", "Initialize", "Terminate",
                ("cmi.completion_status", "cmi.success_status"), "cmi.score.", "cmi.exit",
                "cmi.location", ("entry",), "learner_response",
                re.compile(r"^[a-h](\[,\][a-h])*$"), frozenset({"correct", "incorrect"}), 64000)


class Lms:
    """The test LMS page (harness.html) running one package under scorm-again."""

    def __init__(self, page: Page, v: Version) -> None:
        self.page = page
        self.v = v

    def log(self) -> dict[str, list[Any]]:
        return self.page.evaluate("() => window.LOG")

    def values(self) -> dict[str, str]:
        """The last value the course set for each element."""
        return {k: v for k, v, _ in self.log()["sets"]}

    def shell(self) -> Frame:
        return next(f for f in self.page.frames if f.url.endswith(f"/{self.v.fmt}/index.html"))

    def state(self) -> dict[str, Any]:
        return self.shell().evaluate("() => window.carecourseLms.load()")

    def close_course(self) -> None:
        """The LMS takes the course away (as when the learner leaves it)."""
        self.page.evaluate("() => { document.getElementById('sco').src = 'about:blank'; }")
        self.page.wait_for_function(
            "(n) => window.LOG.calls.includes(n)", arg=self.v.finish)

    def cmi(self) -> dict[str, Any]:
        return self.page.evaluate(
            "() => JSON.parse(JSON.stringify(window.LMS.renderCMIToJSONObject()))")


def launch(browser: Browser, base: str, v: Version, cmi: dict[str, Any] | None):
    context, watch = watched(browser, base)
    harness = {"version": v.name, "cmi": cmi, "src": f"/{v.fmt}/index.html"}
    context.add_init_script(f"window.HARNESS = {json.dumps(harness)};")
    page = context.new_page()
    page.goto("/harness/harness.html")
    return context, watch, Lms(page, v)


def resume_data(cmi: dict[str, Any], v: Version) -> dict[str, Any]:
    """What an LMS hands the next launch: everything kept, entry = resume."""
    data = json.loads(json.dumps(cmi["cmi"]))
    node = data
    for part in v.entry[:-1]:
        node = node[part]
    node[v.entry[-1]] = "resume"
    for session_only in ("exit", "session_time"):
        (data.get("core") or data).pop(session_only, None)
    return data


def normalised(state: dict[str, Any], tables: dict[str, Any]) -> dict[str, Any]:
    """A state as the suspend_data keeps it: the contract's fields, times to the second,
    choices in option order."""
    types = {row[0]: row[2] for row in tables["practice"] + tables["pool"]}
    out = json.loads(json.dumps(state))
    for key, entry in out["q"].items():
        entry["n"] = entry.get("n", 0) % 16
        if types[key] == "multiple":
            entry["a"] = sorted(entry["a"])
    out["x"]["done"] = [{k: v for k, v in a.items() if k in ATTEMPT} for a in out["x"]["done"]]
    for attempt in out["x"]["done"]:
        attempt["at"] = math.floor(attempt["at"] / 1000 + 0.5) * 1000
        attempt["a"] = {k: sorted(a) if types[k] == "multiple" else a
                        for k, a in attempt["a"].items()}
    return out


def check_session(lms: Lms, v: Version) -> dict[str, str]:
    """One session, every value accepted, the score before the status; returns the values."""
    log = lms.log()
    assert log["calls"].count(v.init) == 1
    assert log["calls"].count(v.finish) == 1
    refused = [s for s in log["sets"] if s[2] != "0"]
    assert not refused, f"the LMS refused: {refused}"
    elements = [k for k, _, _ in log["sets"]]
    if f"{v.score}raw" in elements:
        first_pass = next(i for i, (k, val, _) in enumerate(log["sets"])
                          if k in v.status and val == "passed")
        assert elements.index(f"{v.score}raw") < first_pass, "score written after the status"
    return lms.values()


def objectives(values: dict[str, str]) -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    for key, value in values.items():
        m = re.match(r"^cmi\.objectives\.(\d+)\.(.+)$", key)
        if m:
            found.setdefault(m[1], {})[m[2]] = value
    return {o["id"]: o for o in found.values()}


def interactions(values: dict[str, str]) -> list[dict[str, str]]:
    found: dict[int, dict[str, str]] = {}
    for key, value in values.items():
        m = re.match(r"^cmi\.interactions\.(\d+)\.(.+)$", key)
        if m:
            found.setdefault(int(m[1]), {})[m[2]] = value
    return [found[i] for i in sorted(found)]


@pytest.mark.parametrize("v", [V12, V2004], ids=["scorm12", "scorm2004"])
def test_scorm_session_then_resume(chromium: Browser, lms_url: str, made: Made,
                                   v: Version) -> None:
    tables = made.packages[v.fmt].shell_data()
    context, watch, lms = launch(chromium, lms_url, v, None)
    frame = course_frame(lms.page)
    assert frame.url.endswith("/course/en/index.html")
    practise_page(go(frame, "scenarios/warm-welcome.html"))
    cold = practise_page(go(frame, "scenarios/cold-soup.html"))
    frame = switch_language(frame, "nl")
    assert frame.url.endswith("/course/nl/scenarios/cold-soup.html")
    expect(frame.locator(".cc-q--done")).to_have_count(len(cold))
    exam = pass_assessment(go(frame, "assessment.html"))
    state = lms.state()
    lms.close_course()
    values = check_session(lms, v)

    assert values[f"{v.score}raw"] == "100"
    assert (values[f"{v.score}min"], values[f"{v.score}max"]) == ("0", "100")
    if v.name == "1.2":
        assert values["cmi.core.lesson_status"] == "passed"
    else:
        assert values["cmi.score.scaled"] == "1"
        assert values["cmi.success_status"] == "passed"
        assert values["cmi.completion_status"] == "incomplete", "a role-play is still to do"
        assert values["cmi.progress_measure"] == "0.5"
    goals = objectives(values)
    assert set(goals) == PILLARS
    for goal in goals.values():
        assert goal["score.raw"] == "100"
        assert goal["status" if v.name == "1.2" else "success_status"] == "passed"
    answers = interactions(values)
    assert len(answers) == len(exam) == len(set(exam))
    assert {a["id"] for a in answers} == {k.replace("/", ".") for k in exam}
    assert {a["type"] for a in answers} == {"choice", "sequencing"}
    for a in answers:
        assert IDENTIFIER.match(a["id"]) and a["objectives.0.id"] in PILLARS
        assert v.response_pattern.match(a[v.response]), a
        assert a["result"] in v.results and a["result"] == "correct"
    suspend = values["cmi.suspend_data"]
    assert suspend.startswith("cc1") and re.fullmatch(r"[A-Za-z0-9_-]+", suspend)
    assert len(suspend) <= 4096, "SCORM 1.2 LMSs keep 4,096 characters"
    assert values[v.exit] == "suspend"
    assert values[v.location] == "nl/assessment.html"
    cmi = lms.cmi()
    context.close()
    watch.check()

    # A new launch: the LMS hands back what it kept.
    context, watch, lms = launch(chromium, lms_url, v, resume_data(cmi, v))
    frame = course_frame(lms.page)
    assert frame.url.endswith("/course/nl/assessment.html"), "resume where the learner left"
    assert lms.state() == normalised(state, tables)
    expect(frame.locator(".cc-verdict--pass")).to_be_visible()
    frame = go(frame, "scenarios/warm-welcome.html")
    expect(frame.locator(".cc-q--done")).to_have_count(2)
    play_to(go(frame, "scenarios/cold-soup.html"), "ideal")
    lms.close_course()
    values = check_session(lms, v)
    assert not interactions(values), "the attempt was reported once, in the first session"
    if v.name == "1.2":
        assert values["cmi.core.lesson_status"] == "passed"
        assert values["cmi.core.exit"] == ""
    else:
        assert values["cmi.completion_status"] == "completed"
        assert values["cmi.exit"] == "normal"
    context.close()
    watch.check()


def test_foreign_suspend_data_is_kept_until_there_is_new_progress(
        chromium: Browser, lms_url: str) -> None:
    """Data from another package (or course version) is ignored, and nothing the LMS holds
    is lost by merely opening the course: its suspend_data stays, its status is not undone."""
    held = {"suspend_data": "viewed=1,2,3|lastviewedslide=3",
            "core": {"entry": "resume", "lesson_status": "completed",
                     "lesson_location": "../../elsewhere.html"}}
    context, watch, lms = launch(chromium, lms_url, V12, held)
    frame = course_frame(lms.page)
    assert frame.url.endswith("/course/en/index.html"), "an unknown location is not followed"
    frame = go(frame, "scenarios/warm-welcome.html")
    lms.page.wait_for_function(
        "() => window.LOG.sets.some(([k]) => k === 'cmi.core.lesson_location')")
    values = lms.values()
    assert "cmi.suspend_data" not in values
    assert values["cmi.core.lesson_status"] == "completed"
    practise_page(frame)
    lms.close_course()
    values = check_session(lms, V12)
    assert values["cmi.suspend_data"].startswith("cc1"), "new progress is saved"
    assert values["cmi.core.lesson_status"] == "completed"
    context.close()
    watch.check()
