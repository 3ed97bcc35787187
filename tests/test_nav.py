"""Navigation: a sensible order, and grouped scenarios so big courses stay linear."""

from __future__ import annotations

from builder.locale import ui_strings
from builder.nav import course_nav, scenario_nav
from builder.schema import Scenario


def make(n: int) -> list[Scenario]:
    q = {
        "id": "q",
        "type": "single",
        "pillar": "care",
        "prompt": "p",
        "options": [
            {"text": "a", "feedback": "f", "correct": True},
            {"text": "b", "feedback": "f"},
        ],
        "explanation": "e",
    }
    return [
        Scenario.model_validate(
            {
                "id": f"s{i}",
                "title": f"S{i}",
                "summary": "s",
                "pillars": ["care"],
                "setting": "x",
                "story": "x",
                "what_staff_did": "x",
                "why_it_worked": "x",
                "discussion": ["x"],
                "quiz": [q],
            }
        )
        for i in range(n)
    ]


def test_course_nav_order() -> None:
    ui = ui_strings("en")
    nav = course_nav(
        ["index.md", "lesson.md", "extra.md", "pillars/care.md"], make(2), ui, per_section=25
    )
    assert nav[0] == "index.md"
    assert nav[1] == "lesson.md"
    assert nav[2] == {
        "The three pillars": ["pillars/care.md", "pillars/spontaneity.md", "pillars/recovery.md"]
    }
    assert nav[3] == {"Scenarios": [{"S0": "scenarios/s0.md"}, {"S1": "scenarios/s1.md"}]}
    assert nav[4] == {"Final assessment": "assessment.md"}
    assert nav[5] == {"My progress": "progress.md"}
    assert nav[6] == "extra.md"


def test_many_scenarios_are_grouped() -> None:
    groups = scenario_nav(make(60), per_section=25)
    assert [next(iter(g)) for g in groups] == ["1–25", "26–50", "51–60"]
    assert sum(len(next(iter(g.values()))) for g in groups) == 60


def test_few_scenarios_stay_flat() -> None:
    assert len(scenario_nav(make(25), per_section=25)) == 25


def test_very_many_scenarios_get_two_levels() -> None:
    blocks = scenario_nav(make(620), per_section=25)
    assert [next(iter(b)) for b in blocks] == ["1–250", "251–500", "501–620"]
    sections = next(iter(blocks[2].values()))
    assert [next(iter(s)) for s in sections] == ["501–525", "526–550", "551–575", "576–600",
                                                 "601–620"]
    assert sum(len(next(iter(s.values()))) for b in blocks for s in next(iter(b.values()))) \
        == 620
