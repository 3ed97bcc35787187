"""The role-play maps of the trainer's material: the layered layout and its SVG drawing."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as etree
from pathlib import Path

import pytest

from builder.loader import load_course
from builder.locale import ui_strings
from builder.pdf.layered import Box, Layout, layout
from builder.pdf.rolemap import FONT, MAP_HEIGHT, MAP_WIDTH, roleplay_views, text_width, wrap
from builder.schema import Roleplay
from builder.translate import localize_course

REPO = Path(__file__).resolve().parent.parent
SVG = "{http://www.w3.org/2000/svg}"


def boxes(*ids: str, width: float = 60, height: float = 20) -> list[Box]:
    return [Box(i, width, height) for i in ids]


def overlapping(drawn: Layout) -> list[tuple[str, str]]:
    nodes = list(drawn.nodes.values())
    return [(a.id, b.id) for a, b in itertools.combinations(nodes, 2)
            if a.x < b.x + b.width and b.x < a.x + a.width
            and a.y < b.y + b.height and b.y < a.y + a.height]


def crosses_a_box(drawn: Layout) -> list[str]:
    """Route segments that pass through a box they neither leave nor reach (sampled)."""
    found = []
    for route in drawn.routes:
        for (x0, y0), (x1, y1) in itertools.pairwise(route.points):
            for t in (i / 20 for i in range(1, 20)):
                x, y = x0 + (x1 - x0) * t, y0 + (y1 - y0) * t
                found += [f"{route.source}->{route.target} through {b.id}"
                          for b in drawn.nodes.values() if b.id not in (route.source, route.target)
                          and b.x < x < b.x + b.width and b.y < y < b.y + b.height]
    return found


# --- the layout ------------------------------------------------------------------------------


def test_a_chain_goes_down_one_layer_per_step():
    drawn = layout(boxes("a", "b", "c"), [("a", "b"), ("b", "c")], "a")
    assert [drawn.nodes[n].layer for n in "abc"] == [0, 1, 2]
    assert drawn.nodes["a"].y < drawn.nodes["b"].y < drawn.nodes["c"].y
    for route in drawn.routes:  # from the bottom of one box to the top of the next
        source, target = drawn.nodes[route.source], drawn.nodes[route.target]
        assert route.points[0][1] == source.y + source.height
        assert route.points[-1][1] == target.y
        assert source.x <= route.points[0][0] <= source.x + source.width


def test_a_cycle_is_drawn_with_one_edge_going_back_up():
    edges = [("start", "try"), ("try", "fail"), ("fail", "try"), ("try", "win")]
    drawn = layout(boxes("start", "try", "fail", "win"), edges, "start")
    back = [r for r in drawn.routes if r.back]
    assert [(r.source, r.target) for r in back] == [("fail", "try")]
    fail, again = drawn.nodes["fail"], drawn.nodes["try"]
    assert back[0].points[0][1] == fail.y  # leaves the top of "fail"...
    assert back[0].points[-1][1] == again.y + again.height  # ...for the bottom of "try"
    for route in drawn.routes:
        if not route.back:
            assert drawn.nodes[route.source].layer < drawn.nodes[route.target].layer


def test_long_edges_run_in_lanes_between_boxes():
    # a -> d skips two layers, beside the chain a -> b -> c -> d
    edges = [("a", "b"), ("b", "c"), ("c", "d"), ("a", "d"), ("a", "x"), ("x", "d")]
    drawn = layout(boxes("a", "b", "c", "d", "x"), edges, "a")
    long_edge = next(r for r in drawn.routes if (r.source, r.target) == ("a", "d"))
    assert len(long_edge.points) == 6  # two waypoints, each with a top and a bottom
    assert not overlapping(drawn)
    assert not crosses_a_box(drawn)


def test_barycentre_ordering_untangles_crossings():
    # written in the worst order: the layer below is listed the wrong way round
    edges = [("r", "a"), ("r", "b"), ("a", "a2"), ("b", "b2")]
    drawn = layout(boxes("r", "a", "b", "b2", "a2"), edges, "r")
    nodes = drawn.nodes
    assert (nodes["a"].x < nodes["b"].x) == (nodes["a2"].x < nodes["b2"].x)


def test_self_loops_and_unknown_targets_do_not_break_the_layout():
    drawn = layout(boxes("a", "b"), [("a", "a"), ("a", "b"), ("a", "ghost")], "a")
    loop = next(r for r in drawn.routes if r.source == r.target == "a")
    assert all(x >= drawn.nodes["a"].x + drawn.nodes["a"].width for x, _ in loop.points)
    assert len(drawn.routes) == 2


def test_the_layout_is_the_same_every_time():
    edges = [("a", "b"), ("a", "c"), ("b", "d"), ("c", "d"), ("d", "a")]
    first = layout(boxes("a", "b", "c", "d"), edges, "a")
    assert all(layout(boxes("a", "b", "c", "d"), edges, "a") == first for _ in range(3))


# --- the course's maps -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def maps() -> dict[str, dict]:
    course = load_course(REPO / "scenarios")
    out = {}
    for lang in ("en", "nl", "ru", "tr", "it"):
        scenarios = localize_course(course, lang, "en").scenarios
        out[lang] = roleplay_views(scenarios, ui_strings(lang, str(REPO)))
    return out


def test_every_scenario_with_a_role_play_has_a_map(maps):
    course = load_course(REPO / "scenarios")
    with_play = {s.id for s in course.scenarios if s.roleplay}
    assert with_play and all(set(views) == with_play for views in maps.values())


def test_maps_print_at_full_size_and_text_stays_in_its_box(maps):
    for lang, views in maps.items():
        for sid, view in views.items():
            svg = etree.fromstring(str(view.svg))
            width, height = (float(svg.get(k, "0").removesuffix("pt")) for k in ("width", "height"))
            box_w = float(svg.get("viewBox", "").split()[2])
            assert width <= MAP_WIDTH and height <= MAP_HEIGHT, (lang, sid)
            assert width / box_w == pytest.approx(1, abs=.01), f"{lang} {sid}: map shrunk"
            rects = [r for r in svg.iter(SVG + "rect") if float(r.get("height", 0)) > 12]
            assert len(rects) == len(view.nodes), (lang, sid)  # the rest label the arrows
            for t in svg.iter(SVG + "text"):  # every line of text ends inside its box
                x, y = float(t.get("x", 0)), float(t.get("y", 0))
                inside = [r for r in rects if float(r.get("x", 0)) <= x
                          and float(r.get("y", 0)) <= y
                          <= float(r.get("y", 0)) + float(r.get("height", 0))
                          and x <= float(r.get("x", 0)) + float(r.get("width", 0))]
                if not inside or t.get("text-anchor") == "middle":
                    continue  # a choice letter on an arrow, or a box's number
                box = min(inside, key=lambda r: float(r.get("width", 0)))
                right = float(box.get("x", 0)) + float(box.get("width", 0))
                assert x + text_width(t.text or "", FONT) <= right + .5, (lang, sid, t.text)


def test_points_are_numbered_in_the_order_a_learner_meets_them(maps):
    view = maps["en"]["margarine-run"]
    numbers = {n.anchor.split("--")[1]: n.number for n in view.nodes}
    assert numbers["ask"] == 1
    points = [n for n in view.nodes if n.point]
    assert [n.number for n in points] == list(range(1, len(points) + 1))
    ask = view.nodes[0]
    play = next(s for s in load_course(REPO / "scenarios").scenarios
                if s.id == "margarine-run").roleplay
    assert play is not None and play.points[0].id == "ask"
    assert [c.target.number for c in ask.choices] == [numbers[c.goto]
                                                       for c in play.points[0].choices]
    missed = next(n for n in view.nodes if n.anchor.endswith("--missed-moment"))
    assert missed.ending and missed.ending.rating == "poor"
    assert missed.recover and missed.recover.number == numbers["make-amends"]


def test_cyrillic_and_turkish_labels_are_wrapped_not_cut_mid_word(maps):
    for lang in ("ru", "tr"):
        svg = str(next(iter(maps[lang].values())).svg)
        assert re.search("[а-яё]{4}" if lang == "ru" else "[ğşıİçöü]", svg)
    lines = wrap("Одна две три четыре пять шесть семь восемь девять десять", 60, FONT, 3)
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert all(text_width(line.rstrip("…"), FONT) <= 60 for line in lines)


def test_a_poor_ending_is_drawn_with_a_dashed_arrow_back():
    play = Roleplay.model_validate({
        "start": "p1",
        "points": [{"id": "p1", "text": "Start here.", "choices": [
            {"text": "Good", "goto": "win"}, {"text": "Bad", "goto": "lose"}]},
            {"id": "p2", "text": "Try again.", "choices": [{"text": "Fix", "goto": "win"}]}],
        "endings": [{"id": "win", "rating": "ideal", "pillars": ["care"], "text": "Yes."},
                    {"id": "lose", "rating": "poor", "pillars": ["care"], "text": "No.",
                     "recover": "p2"}],
    })
    from builder.pdf.rolemap import roleplay_view

    view = roleplay_view("s", "Title", play, ui_strings("en", str(REPO)))
    svg = etree.fromstring(str(view.svg))
    dashed = [p for p in svg.iter(SVG + "polyline") if p.get("stroke-dasharray")]
    assert len(dashed) == 1
    heads = [t.text for t in svg.iter(SVG + "text") if t.get("font-weight") == "700"]
    assert "3 · Ideal" in heads and "4 · Poor" in heads


# --- the role-plays in the answer key (the PDFs of every language, rendered once) ------------


def test_answer_key_holds_every_role_play_in_full_and_the_handbook_none(course_pdfs, maps):
    from tests.test_pdf import norm, pdf_text, shown

    texts = {pdf.name: norm(pdf_text(pdf, layout=True)) for pdf in course_pdfs}
    ui = {lang: ui_strings(lang, str(REPO)) for lang in maps}
    for lang, views in maps.items():
        key, handbook = texts[f"answer-key-{lang}.pdf"], texts[f"handbook-{lang}.pdf"]
        for view in views.values():
            assert shown(view.title) in key, (lang, view.title)
            for node in view.nodes:
                if node.point:
                    assert shown(node.point.text)[:70] in key, (lang, node.anchor)
                    for choice in node.choices:
                        assert shown(choice.text)[:70] in key, (lang, choice.text)
                        if choice.feedback:
                            assert shown(choice.feedback)[:70] in key, (lang, choice.feedback)
                else:
                    assert node.ending is not None
                    rating = ui[lang]["roleplay"]["rating"][node.ending.rating]
                    assert shown(node.ending.text)[:70] in key, (lang, node.anchor)
                    assert norm(f"{node.number} · {rating[:1].upper()}{rating[1:]}") in key
                    assert shown(node.ending.text)[:70] not in handbook, (lang, node.anchor)
        assert norm(ui[lang]["pdf"]["roleplay_intro"])[:60] in key
