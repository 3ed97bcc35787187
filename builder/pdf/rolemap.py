"""A role-play for the trainer's material: its points and endings numbered, and its map.

The map is an SVG drawing made here, at build time (WeasyPrint runs no JavaScript, so
the site's Mermaid map cannot print): numbered boxes for the points, rounded boxes in the
rating's colour for the endings, arrows lettered with the choices, dashed arrows from a
poor ending to the point where it can be put right. The layout is ``layered.layout``.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from builder.pdf.layered import Box, Layout, Placed, Route, layout
from builder.render import md_inline
from builder.schema import Ending, Point, Roleplay, Scenario

MAP_WIDTH = 459.0  # pt: the text width of an A4 page in print.css (Letter is wider)
MAP_HEIGHT = 520.0  # pt: what a Letter page leaves below the role-play's heading and intro
FONT = 7.2  # pt, the boxes' text
LINE = 8.8  # pt, their line height
PAD = 5.0
LINES = {"point": 4, "ending": 2}  # lines of text a box shows at its widest
MAX_BOX, MIN_BOX = 132.0, 76.0  # pt, the width of a box
RATING_COLOURS = {  # stroke / fill / text, as on the site's map
    "ideal": ("#1b5e20", "#e8f5e9", "#1b5e20"),
    "acceptable": ("#7a4b00", "#fff4e0", "#7a4b00"),
    "poor": ("#a31515", "#fdecea", "#a31515"),
}
_NARROW, _WIDE = set("ijlftrI.,:;!|'ı’()[] "), set("mwMWшщжюыфмШЩЖЮЫФ—")


@dataclass(frozen=True)
class Target:
    number: int
    anchor: str
    rating: str | None  # an ending's rating; None for a point


@dataclass(frozen=True)
class ChoiceView:
    letter: str
    text: str
    feedback: str | None
    target: Target


@dataclass(frozen=True)
class NodeView:
    number: int
    anchor: str
    point: Point | None
    ending: Ending | None
    choices: list[ChoiceView]
    recover: Target | None  # a poor ending's way back


@dataclass(frozen=True)
class RoleplayView:
    anchor: str
    title: str
    nodes: list[NodeView]
    svg: Markup


def _flow_order(play: Roleplay) -> list[str]:
    """Points in the order a learner meets them (breadth first from the start), then the
    endings in the same order; anything left over keeps the file's order."""
    nexts = {p.id: [c.goto for c in p.choices] for p in play.points}
    nexts.update({e.id: [e.recover] if e.recover else [] for e in play.endings})
    seen, todo = [play.start], [play.start]
    while todo:
        for n in nexts.get(todo.pop(0), []):
            if n in nexts and n not in seen:
                seen.append(n)
                todo.append(n)
    ids = [*seen, *(n for n in nexts if n not in seen)]
    points = {p.id for p in play.points}
    return [n for n in ids if n in points] + [n for n in ids if n not in points]


def roleplay_view(scenario_id: str, title: str, play: Roleplay, ui: dict[str, Any]) -> RoleplayView:
    points = {p.id: p for p in play.points}
    endings = {e.id: e for e in play.endings}
    order = _flow_order(play)
    number = {n: i for i, n in enumerate(order, 1)}
    anchor = {n: f"rp-{scenario_id}--{n}" for n in order}

    def target(node_id: str) -> Target:
        ending = endings.get(node_id)
        return Target(number[node_id], anchor[node_id], ending.rating if ending else None)

    nodes = []
    for n in order:
        point, ending = points.get(n), endings.get(n)
        choices = [ChoiceView("abcdefgh"[i], c.text, c.feedback, target(c.goto))
                   for i, c in enumerate(point.choices)] if point else []
        recover = target(ending.recover) if ending and ending.recover else None
        nodes.append(NodeView(number[n], anchor[n], point, ending, choices, recover))
    return RoleplayView(f"rp-{scenario_id}", title, nodes, map_svg(nodes, ui))


# --- the drawing -----------------------------------------------------------------------------


def text_width(text: str, size: float, bold: bool = False) -> float:
    """An estimate of ``text``'s width in Noto Sans (erring on the wide side)."""
    em = sum(.31 if c in _NARROW else .9 if c in _WIDE else .66 if c.isupper()
             else .58 if c.isdigit() else .6 for c in text)
    return em * size * (1.06 if bold else 1.0) * 1.04


def wrap(text: str, width: float, size: float, lines: int) -> list[str]:
    """``text`` in at most ``lines`` lines of ``width``; an ellipsis when cut short."""
    out: list[str] = []
    for word in text.split():
        if out and text_width(f"{out[-1]} {word}", size) <= width:
            out[-1] = f"{out[-1]} {word}"
        elif len(out) < lines:
            out.append(word)
        else:  # cut short: the last line makes room for the ellipsis
            last = out[-1].split()
            while len(last) > 1 and text_width(" ".join(last) + "…", size) > width:
                last.pop()
            out[-1] = " ".join(last).rstrip(",.;:") + "…"
            return out
    return out


def plain(markdown: str) -> str:
    """A text field as plain words (Markdown rendered, tags dropped)."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", str(md_inline(markdown)))).split())


def _label(node: NodeView, ui: dict[str, Any], width: float) -> tuple[str, list[str]]:
    """The box's first line (number, and the rating for an ending) and its text lines:
    about as many words in a narrow box as in a wide one."""
    lines = LINES["ending" if node.ending else "point"]
    lines = min(2 * lines, round(lines * (MAX_BOX - 2 * PAD) / width))
    if node.ending:
        rating = ui["roleplay"]["rating"][node.ending.rating]
        head = f"{node.number} · {rating[:1].upper()}{rating[1:]}"
        return head, wrap(plain(node.ending.text), width - 3, FONT, lines)
    assert node.point is not None
    return str(node.number), wrap(plain(node.point.text), width - 14, FONT, lines)


def _boxes(nodes: list[NodeView], ui: dict[str, Any],
           width: float) -> tuple[list[Box], dict[str, tuple[str, list[str]]]]:
    labels = {n.anchor: _label(n, ui, width - 2 * PAD) for n in nodes}
    return [Box(n.anchor, width, 2 * PAD + LINE * (len(labels[n.anchor][1])
                                                   + (1 if n.ending else 0)))
            for n in nodes], labels


def map_svg(nodes: list[NodeView], ui: dict[str, Any]) -> Markup:
    """The role-play's map: an SVG element sized to fit a page. The boxes narrow until the
    map is as wide as the page; only a map still too big then shrinks as a whole."""
    edges: dict[tuple[str, str], list[str]] = defaultdict(list)  # one arrow per pair of boxes
    for node in nodes:
        for c in node.choices:
            edges[(node.anchor, c.target.anchor)].append(c.letter)
        if node.recover:
            edges[(node.anchor, node.recover.anchor)].append("")
    def attempt(width: float, gap: float = 28, side: float = 14,
                lane: float = 12) -> tuple[Layout, dict[str, tuple[str, list[str]]]]:
        boxes, labels = _boxes(nodes, ui, width)
        return layout(boxes, list(edges), nodes[0].anchor, layer_gap=gap, node_gap=side,
                      lane=lane), labels

    drawn, labels = attempt(MAX_BOX)
    heads = [_label(n, ui, MAX_BOX)[0] for n in nodes if n.ending]  # "10 · Acceptable"
    floor = max([text_width(h, FONT, bold=True) + 2 * PAD + 3 for h in heads], default=0)
    low, high = max(MIN_BOX, floor), MAX_BOX  # the widest boxes that still fit: by halving
    while drawn.width + 8 > MAP_WIDTH and high - low > 2:
        middle = (low + high) / 2
        drawn, labels = attempt(middle)
        low, high = (middle, high) if drawn.width + 8 <= MAP_WIDTH else (low, middle)
    side, lane = 14.0, 12.0
    if drawn.width + 8 > MAP_WIDTH:  # the narrowest boxes are still too wide: closer together
        for side, lane in ((14.0, 12.0), (10.0, 10.0), (6.0, 8.0), (4.0, 6.0)):
            drawn, labels = attempt(low, side=side, lane=lane)
            if drawn.width + 8 <= MAP_WIDTH:
                break
    width = drawn.nodes[nodes[0].anchor].width
    for gap in (22.0, 16.0):  # a tall map draws its layers closer together
        if drawn.height + 8 <= MAP_HEIGHT:
            break
        drawn, labels = attempt(width, gap, side, lane)
    return _svg(drawn, nodes, labels, edges)


def _svg(drawn: Layout, nodes: list[NodeView], labels: dict[str, tuple[str, list[str]]],
         edges: dict[tuple[str, str], list[str]]) -> Markup:
    margin = 4.0
    w, h = drawn.width + 2 * margin, drawn.height + 2 * margin
    scale = min(1.0, MAP_WIDTH / w, MAP_HEIGHT / h)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="cc-map__svg" '
             f'width="{w * scale:.1f}pt" height="{h * scale:.1f}pt" '
             f'viewBox="{-margin:.1f} {-margin:.1f} {w:.1f} {h:.1f}" '
             f'font-family="Noto Sans, DejaVu Sans, sans-serif" font-size="{FONT}">']
    kinds = {n.anchor: n for n in nodes}
    for route in drawn.routes:
        parts.append(_arrow(route, edges[(route.source, route.target)],
                            dashed=kinds[route.source].ending is not None))
    for node in nodes:
        parts.append(_box(drawn.nodes[node.anchor], node, labels[node.anchor]))
    parts.append("</svg>")
    return Markup("".join(parts))


def _arrow(route: Route, letters: list[str], dashed: bool) -> str:
    pts = route.points
    colour = "#a31515" if dashed else "#5f6966"
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)
    out = [f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width=".8"'
           + (' stroke-dasharray="3 2"' if dashed else "") + "/>"]
    (x0, y0), (x1, y1) = pts[-2], pts[-1]
    length = max(((x1 - x0) ** 2 + (y1 - y0) ** 2) ** .5, .01)
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    a, b = (x1 - 5 * ux - 2.2 * uy, y1 - 5 * uy + 2.2 * ux), (x1 - 5 * ux + 2.2 * uy,
                                                              y1 - 5 * uy - 2.2 * ux)
    out.append(f'<polygon points="{x1:.1f},{y1:.1f} {a[0]:.1f},{a[1]:.1f} {b[0]:.1f},{b[1]:.1f}" '
               f'fill="{colour}"/>')
    text = ", ".join(t for t in letters if t)
    if text:
        (sx, sy), (tx, ty) = pts[0], pts[1]
        lx, ly = sx + (tx - sx) * .45, sy + (ty - sy) * .45
        half = text_width(text, 6.5, bold=True) / 2 + 2.2
        out.append(f'<rect x="{lx - half:.1f}" y="{ly - 4.6:.1f}" width="{2 * half:.1f}" '
                   f'height="9.2" rx="4.6" fill="#fff" stroke="{colour}" stroke-width=".6"/>'
                   f'<text x="{lx:.1f}" y="{ly + 2.3:.1f}" text-anchor="middle" font-size="6.5" '
                   f'font-weight="700" fill="{colour}">{html.escape(text)}</text>')
    return "".join(out)


def _box(box: Placed, node: NodeView, label: tuple[str, list[str]]) -> str:
    head, lines = label
    x, y = box.x, box.y
    if node.ending:
        stroke, fill, ink = RATING_COLOURS[node.ending.rating]
        out = [f'<rect x="{x:.1f}" y="{y:.1f}" width="{box.width:.1f}" height="{box.height:.1f}" '
               f'rx="9" fill="{fill}" stroke="{stroke}" stroke-width="1"/>',
               f'<text x="{x + PAD + 3:.1f}" y="{y + PAD + 6.4:.1f}" font-weight="700" '
               f'fill="{ink}">{html.escape(head)}</text>']
        first, left = 2, x + PAD + 3
    else:
        out = [f'<rect x="{x:.1f}" y="{y:.1f}" width="{box.width:.1f}" height="{box.height:.1f}" '
               f'rx="1.5" fill="#fff" stroke="#00695c" stroke-width="1"/>',
               f'<circle cx="{x + PAD + 4.5:.1f}" cy="{y + PAD + 4:.1f}" r="5" fill="#00695c"/>',
               f'<text x="{x + PAD + 4.5:.1f}" y="{y + PAD + 6.5:.1f}" text-anchor="middle" '
               f'font-size="6.8" font-weight="700" fill="#fff">{html.escape(head)}</text>']
        first, left = 1, x + PAD + 14
    out += [f'<text x="{left:.1f}" y="{y + PAD + 6.4 + LINE * (first - 1 + i):.1f}" '
            f'fill="#1f2321">{html.escape(line)}</text>' for i, line in enumerate(lines)]
    return "".join(out)


def roleplay_views(scenarios: list[Scenario], ui: dict[str, Any]) -> dict[str, RoleplayView]:
    """The role-play of each scenario that has one, by scenario id."""
    return {s.id: roleplay_view(s.id, s.roleplay.title or s.title, s.roleplay, ui)
            for s in scenarios if s.roleplay}
