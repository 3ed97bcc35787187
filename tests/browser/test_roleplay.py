"""The role-play on a scenario page: one step at a time, Back, Start again, recovery, the map.

Paths are found in the scenario YAML (``builder.loader.load_course``), so the tests follow
the content: a walk to an ideal ending, to a poor one and back out of it, and so on.
"""

from __future__ import annotations

import re

import pytest
from conftest import Course
from multilang import BY_ID, SCENARIOS, SETTLE_MS, Play, path_to, rated, rating_of, stored
from playwright.sync_api import Page, expect
from test_a11y import BLOCKING, axe_violations, describe

pytestmark = pytest.mark.browser

SID = "margarine-run"


def open_play(course: Course, sid: str = SID) -> Play:
    course.open(f"scenarios/{sid}.html")
    return Play(course.page, sid).start()


def test_walk_to_an_ideal_ending(course: Course) -> None:
    play = open_play(course)
    start = play.play.start
    state = play.at(start, focused=False)
    assert state["back"] is False, "Back is possible on the first step"
    assert SID not in stored(course.page).get("r", {})
    expect(play.box.locator(".cc-play__live")).to_have_attribute("aria-live", "polite")

    path = play.reach(rated(play.play, "ideal"))
    assert len(path) >= 3, path
    assert play.state()["back"] is True
    assert stored(course.page)["r"][SID]["e"] == {path[-1]: "ideal"}


def test_a_poor_choice_can_be_made_right(course: Course) -> None:
    play = open_play(course)
    roleplay = play.play
    poor_id = play.reach(rated(roleplay, "poor"))[-1]
    poor = next(e for e in roleplay.endings if e.id == poor_id)
    assert poor.recover

    recover = play.button("recover")
    expect(recover).to_be_visible()
    expect(recover).to_have_text(play.t["recover"])
    recover.click()
    play.at(poor.recover)

    good = play.reach(rated(roleplay, "ideal", "acceptable"))[-1]
    # both endings are remembered
    assert stored(course.page)["r"][SID]["e"] == {poor.id: "poor", good: rating_of(roleplay, good)}


def test_back_and_start_again(course: Course) -> None:
    play = open_play(course)
    roleplay = play.play
    expect(play.button("back")).to_have_text(play.t["back"])
    expect(play.button("restart")).to_have_text(play.t["restart"])
    path = path_to(roleplay, roleplay.start, rated(roleplay, "ideal"))
    play.walk(path[:3])

    play.button("back").click()
    play.at(path[1])
    play.button("back").click()
    assert play.at(path[0])["back"] is False

    play.walk(path)  # all the way to the ending, then Back from it
    play.ended(path[-1])
    play.button("back").click()
    play.at(path[-2])

    play.button("restart").click()
    assert play.at(roleplay.start)["back"] is False


def test_role_plays_read_without_javascript(nojs_page: Page) -> None:
    page = nojs_page
    for scenario in SCENARIOS:
        roleplay = scenario.roleplay
        if roleplay is None:
            continue
        sid = scenario.id
        page.goto(f"scenarios/{sid}.html")
        box = page.locator(f"#play-{sid}")
        expect(box).not_to_contain_class("cc-js")
        nodes = [p.id for p in roleplay.points] + [e.id for e in roleplay.endings]
        shown = box.locator(".cc-step").evaluate_all(
            "(steps) => steps.filter((s) => s.getClientRects().length > 0)"
            ".map((s) => s.dataset.ccNode)"
        )
        assert shown == nodes, f"{sid}: every step is there to read, in turn"
        expect(box.locator("button")).to_have_count(0)
        for point in roleplay.points:
            step = box.locator(f"[data-cc-node='{point.id}']")
            links = step.locator("a.cc-choice__link")
            expect(links).to_have_count(len(point.choices))
            # every choice, in an order that is not the written one
            shown = links.evaluate_all("(ls) => ls.map((a) => a.getAttribute('href'))")
            assert sorted(shown) == sorted(f"#play-{sid}-{c.goto}" for c in point.choices)
            if len({c.goto for c in point.choices}) > 1:
                assert shown != [f"#play-{sid}-{c.goto}" for c in point.choices], point.id
            for link in links.all():
                expect(link).to_be_visible()
            feedback = step.locator(".cc-choice__then")
            expect(feedback).to_have_count(sum(1 for c in point.choices if c.feedback))
        for ending in roleplay.endings:
            if ending.recover:
                recover = box.locator(f"[data-cc-node='{ending.id}'] a.cc-recover")
                expect(recover).to_have_attribute("href", f"#play-{sid}-{ending.recover}")
        # a choice is a link to its next step
        first = roleplay.points[0].choices[0]
        box.locator(f"[data-cc-node='{roleplay.start}'] "
                    f"a.cc-choice__link[data-cc-goto='{first.goto}']").first.click()
        expect(page).to_have_url(re.compile(re.escape(f"#play-{sid}-{first.goto}") + "$"))
        expect(page.locator(f"#play-{sid}-{first.goto}")).to_be_in_viewport()


def test_role_plays_mid_way_are_accessible(course: Course, axe_source) -> None:
    """axe-core at phone size after one or two choices, on every scenario's role-play."""
    report = []
    for scenario in SCENARIOS:
        if scenario.roleplay is None:
            continue
        play = open_play(course, scenario.id)
        node = play.play.start
        for _ in range(2):  # choices that lead on to further points, where there are any
            point = next(p for p in play.play.points if p.id == node)
            onward = [c.goto for c in point.choices if rating_of(play.play, c.goto) is None]
            if not onward:
                break
            play.walk([node, onward[0]])
            node = onward[0]
        course.page.wait_for_timeout(SETTLE_MS)
        play.wait_at(node, "two choices")
        blocking = [v for v in axe_violations(course.page, axe_source) if v["impact"] in BLOCKING]
        if blocking:
            report.append(f"{scenario.id} (at {node}):\n{describe(blocking)}")
    if report:
        pytest.fail("axe: serious or critical problems in role-plays\n" + "\n".join(report))


def test_trainers_map_is_drawn_with_the_sites_own_mermaid(course: Course, site_url: str) -> None:
    page = course.open(f"trainers/{SID}.html")
    roleplay = BY_ID[SID].roleplay
    assert roleplay is not None
    box = page.locator("details.cc-map-box")
    expect(box.locator("pre.cc-map")).to_be_attached()  # the text, until it is drawn
    with page.expect_response(re.compile(r"mermaid[^/]*\.js")) as loading:
        box.locator("summary").click()
    response = loading.value
    assert response.ok and response.url.startswith(site_url), response.url
    svg = box.locator(".cc-map-svg svg")
    expect(svg).to_be_visible()
    expect(box.locator(".cc-map-svg")).to_have_attribute("role", "img")
    expect(svg.locator("g.node")).to_have_count(len(roleplay.points) + len(roleplay.endings))
    expect(box.locator("pre.cc-map")).to_have_count(0)


def test_trainers_map_after_instant_navigation(course: Course, site_url: str) -> None:
    """The map on a trainer page reached by instant navigation from a page at another
    depth (home, then the scenario's quiet link for trainers)."""
    page = course.open("", settle=True)
    page.evaluate("() => { window.__ccMarker = 1; }")
    page.locator(f".md-content a[href$='scenarios/{SID}.html']").first.click()
    page.wait_for_url(f"{site_url}scenarios/{SID}.html")
    course.wait_ready(f"#scenario-{SID}")
    page.locator(f".cc-for-trainers a[href$='trainers/{SID}.html']").click()
    page.wait_for_url(f"{site_url}trainers/{SID}.html")
    assert page.evaluate("() => window.__ccMarker === 1"), "instant navigation is off"
    box = page.locator("details.cc-map-box")
    with page.expect_request(re.compile(r"mermaid[^/]*\.js")) as loading:
        box.locator("summary").click()
    wanted = f"{site_url}assets/carecourse/vendor/"
    assert loading.value.url.startswith(wanted), (
        f"Mermaid was requested from {loading.value.url}, not from {wanted}"
    )
    expect(box.locator(".cc-map-svg svg")).to_be_visible()
