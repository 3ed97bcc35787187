"""Role-play graphs: checks that every point leads somewhere, and the trainer's map."""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from builder.problems import Path, did_you_mean
from builder.schema import Ending, Point, Roleplay

GraphProblem = tuple[Path, str]


def edges(play: Roleplay) -> dict[str, list[str]]:
    """Node id -> the node ids one step away (choices, and a poor ending's recovery)."""
    out: dict[str, list[str]] = {p.id: [c.goto for c in p.choices] for p in play.points}
    for e in play.endings:
        out[e.id] = [e.recover] if e.recover else []
    return out


def _reachable(start: str, graph: dict[str, list[str]]) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        node = todo.pop()
        if node in seen or node not in graph:
            continue
        seen.add(node)
        todo.extend(graph[node])
    return seen


def graph_problems(play: Roleplay) -> list[GraphProblem]:
    """Every structural problem, each with its path inside ``roleplay``."""
    problems: list[GraphProblem] = []
    ids: dict[str, Path] = {}
    groups: tuple[tuple[str, Sequence[Point | Ending]], ...] = (
        ("points", play.points), ("endings", play.endings))
    for kind, nodes in groups:
        for i, node in enumerate(nodes):
            if node.id in ids:
                problems.append(((kind, i, "id"),
                                 f"'{node.id}' is already used by {_name(ids[node.id])}"))
            else:
                ids[node.id] = (kind, i)
    point_ids = [p.id for p in play.points]
    all_ids = list(ids)

    if play.start not in point_ids:
        problems.append((("start",), f"'{play.start}' is not a point"
                         f"{did_you_mean(play.start, point_ids)}"))
    broken: list[str] = []  # link targets that do not exist
    for i, point in enumerate(play.points):
        for j, choice in enumerate(point.choices):
            if choice.goto not in ids:
                broken.append(choice.goto)
                problems.append(((("points", i, "choices", j, "goto")),
                                 f"there is no point or ending '{choice.goto}'"
                                 f"{did_you_mean(choice.goto, all_ids)}"))
    for k, ending in enumerate(play.endings):
        if ending.recover is not None and ending.recover not in point_ids:
            broken.append(ending.recover)
            problems.append((("endings", k, "recover"),
                             f"'{ending.recover}' is not a point"
                             f"{did_you_mean(ending.recover, point_ids)}"))
        if ending.rating == "poor" and ending.recover is None:
            problems.append((("endings", k),
                             "a poor ending needs 'recover:' — the point where the learner "
                             "can make things right (no dead ends)"))
    if not any(e.rating == "ideal" for e in play.endings):
        problems.append((("endings",), "needs at least one ending with rating 'ideal'"))
    links_sound = not broken
    # a node a broken link was probably meant for is not "unreachable" as well
    meant = {m for b in broken for m in difflib.get_close_matches(b, all_ids, n=1, cutoff=0.6)}
    if play.start not in point_ids:
        return problems  # nothing is reachable from a start that does not exist

    graph = edges(play)
    reached = _reachable(play.start, graph)
    for node_id, where in ids.items():
        if node_id not in reached and node_id not in meant:
            problems.append(((*where, "id"), f"'{node_id}' can never be reached from the "
                             f"start '{play.start}'; link to it from a choice or remove it"))
    if not links_sound:
        return problems  # "no way to an ending" would only repeat a broken link
    ending_ids = {e.id for e in play.endings}
    for i, point in enumerate(play.points):
        if point.id in reached and not (_reachable(point.id, graph) & ending_ids):
            problems.append((("points", i, "id"), f"there is no way from '{point.id}' to an "
                             "ending (its choices only loop back); add a choice that leads on"))
    return problems


def _name(where: Path) -> str:
    kind, index = where[0], where[1]
    return f"{kind}[{index}]"


def _label(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text.replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")


def mermaid_map(play: Roleplay, rating_names: dict[str, str]) -> str:
    """A Mermaid flowchart of the role-play for trainers."""
    lines = ["flowchart TD"]
    for point in play.points:
        lines.append(f'  {_node_id(point)}["{_label(point.text)}"]')
    for ending in play.endings:
        lines.append(f'  {_node_id(ending)}(["{rating_names[ending.rating]}: '
                     f'{_label(ending.text, 30)}"])')
        lines.append(f"  class {_node_id(ending)} {ending.rating}")
    for point in play.points:
        for choice in point.choices:
            lines.append(f'  {_node_id(point)} -- "{_label(choice.text, 30)}" --> '
                         f"{_mermaid_id(choice.goto)}")
    for ending in play.endings:
        if ending.recover:
            lines.append(f"  {_node_id(ending)} -.-> {_mermaid_id(ending.recover)}")
    # the colours of the ideal/acceptable/poor classes come from the site's CSS
    # (colours.css), added by roleplay.js when the map is drawn
    return "\n".join(lines)


def _node_id(node: Point | Ending) -> str:
    return _mermaid_id(node.id)


def _mermaid_id(node_id: str) -> str:
    return "n_" + node_id.replace("-", "_")
