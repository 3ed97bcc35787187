"""A small layered ("Sugiyama") layout for directed graphs, top to bottom.

Enough for a role-play map of a dozen boxes, with no system binary: edges that close a
cycle are turned round (depth-first from the root), nodes go to layers by longest path,
edges that skip layers get invisible waypoints, a few barycentre sweeps order each layer to
cut crossings, and each node is pulled towards the middle of its neighbours. Edges come out
as polylines from the bottom of one box to the top of the next (back edges the other way),
their ends spread along the box's side in the order of the boxes they lead to.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass

Point = tuple[float, float]
WAY = "\0"  # the first character of a waypoint's id (a node id never has it)


@dataclass(frozen=True)
class Box:
    id: str
    width: float
    height: float


@dataclass(frozen=True)
class Placed:
    id: str
    x: float  # left
    y: float  # top
    width: float
    height: float
    layer: int

    @property
    def centre(self) -> float:
        return self.x + self.width / 2


@dataclass(frozen=True)
class Route:
    source: str
    target: str
    points: list[Point]  # from the source's side to the target's side
    back: bool  # drawn upwards: it closes a cycle


@dataclass(frozen=True)
class Layout:
    nodes: dict[str, Placed]
    routes: list[Route]
    width: float
    height: float


def _back_edges(ids: list[str], edges: list[tuple[str, str]], root: str) -> set[tuple[str, str]]:
    """Edges that point at a node still on the depth-first path: each closes a cycle."""
    out: dict[str, list[str]] = defaultdict(list)
    for s, t in edges:
        out[s].append(t)
    state: dict[str, int] = {}  # 1 = on the path, 2 = done
    back: set[tuple[str, str]] = set()
    for start in [root, *ids]:
        if start in state:
            continue
        state[start] = 1
        stack = [(start, iter(out[start]))]
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
            elif state.get(child) == 1:
                back.add((node, child))
            elif child not in state:
                state[child] = 1
                stack.append((child, iter(out[child])))
    return back


def _layers(ids: list[str], dag: list[tuple[str, str]]) -> dict[str, int]:
    """Longest path from the sources: every edge points at least one layer down."""
    preds: dict[str, list[str]] = defaultdict(list)
    for s, t in dag:
        preds[t].append(s)
    layer: dict[str, int] = {}

    def visit(node: str) -> int:
        if node not in layer:
            layer[node] = 0  # provisional; the graph is acyclic, so never read early
            layer[node] = max((visit(p) + 1 for p in preds[node]), default=0)
        return layer[node]

    for node in ids:
        visit(node)
    return layer


def _crossings(order: list[list[str]], links: set[tuple[str, str]]) -> int:
    count = 0
    for upper, lower in itertools.pairwise(order):
        pos_u = {n: i for i, n in enumerate(upper)}
        pos_l = {n: i for i, n in enumerate(lower)}
        pairs = [(pos_u[s], pos_l[t]) for s, t in links if s in pos_u and t in pos_l]
        count += sum(1 for i, (a, b) in enumerate(pairs) for c, d in pairs[i + 1:]
                     if (a - c) * (b - d) < 0)
    return count


def _barycentres(layer: list[str], ref: dict[str, int],
                 near: dict[str, list[str]]) -> list[str]:
    """``layer`` sorted by the mean position of each node's neighbours in ``ref``."""
    def key(item: tuple[int, str]) -> float:
        k, node = item
        seen = [ref[n] for n in near[node] if n in ref]
        return sum(seen) / len(seen) if seen else k

    return [n for _, n in sorted(enumerate(layer), key=key)]


def _order(order: list[list[str]], links: set[tuple[str, str]], sweeps: int = 8) -> None:
    """Barycentre sweeps, down and up; keeps the ordering with the fewest crossings."""
    ups: dict[str, list[str]] = defaultdict(list)
    downs: dict[str, list[str]] = defaultdict(list)
    for s, t in links:
        downs[s].append(t)
        ups[t].append(s)
    best, best_count = [list(layer) for layer in order], _crossings(order, links)
    for sweep in range(sweeps):
        down = sweep % 2 == 0
        for i in range(1, len(order)) if down else range(len(order) - 2, -1, -1):
            ref = {n: k for k, n in enumerate(order[i - 1 if down else i + 1])}
            order[i] = _barycentres(order[i], ref, ups if down else downs)
        count = _crossings(order, links)
        if count < best_count:
            best, best_count = [list(layer) for layer in order], count
    order[:] = best


def _positions(order: list[list[str]], size: dict[str, float], links: set[tuple[str, str]],
               gap: float, rounds: int = 12) -> dict[str, float]:
    """Left edges: each node pulled to the mean centre of its neighbours, order and gaps
    kept (the mean of a placement packed from the left and one packed from the right)."""
    near: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for s, t in links:  # a long edge's waypoints pull hardest: its lane should run straight
        weight = {0: 1.0, 1: 2.0, 2: 8.0}[s.startswith(WAY) + t.startswith(WAY)]
        near[s].append((t, weight))
        near[t].append((s, weight))
    x: dict[str, float] = {}
    for layer in order:
        left = 0.0
        for n in layer:
            x[n], left = left, left + size[n] + gap

    def pull(n: str) -> float:
        total = sum(w for _, w in near[n])
        return sum((x[m] + size[m] / 2) * w for m, w in near[n]) / total - size[n] / 2

    for _ in range(rounds):
        for layer in order:
            want = [pull(n) if near[n] else x[n] for n in layer]
            from_left, from_right = list(want), list(want)
            for i in range(1, len(layer)):
                from_left[i] = max(want[i], from_left[i - 1] + size[layer[i - 1]] + gap)
            for i in range(len(layer) - 2, -1, -1):
                from_right[i] = min(want[i], from_right[i + 1] - size[layer[i]] - gap)
            for i, n in enumerate(layer):
                x[n] = (from_left[i] + from_right[i]) / 2
    shift = min(x.values(), default=0.0)
    return {n: v - shift for n, v in x.items()}


def layout(boxes: list[Box], edges: list[tuple[str, str]], root: str, *,
           layer_gap: float = 28, node_gap: float = 14, lane: float = 8) -> Layout:
    """Place ``boxes`` in layers below ``root`` and route ``edges`` between them.

    ``lane`` is the width an edge takes where it passes through a layer.
    """
    ids = [b.id for b in boxes]
    known = set(ids)
    loops = [(s, t) for s, t in edges if s == t and s in known]
    edges = [(s, t) for s, t in edges if s in known and t in known and s != t]
    back = _back_edges(ids, edges, root if root in known else ids[0])
    dag = [(t, s) if (s, t) in back else (s, t) for s, t in edges]
    layer = _layers(ids, dag)
    size = {b.id: b.width for b in boxes}
    chains: dict[int, list[str]] = {}  # edge index -> its nodes, waypoints included
    for k, (s, t) in enumerate(dag):
        chain = [s]
        for step in range(layer[s] + 1, layer[t]):
            way = f"{WAY}{k}.{step}"
            layer[way], size[way] = step, lane
            chain.append(way)
        chains[k] = [*chain, t]
    links = {(a, b) for chain in chains.values() for a, b in itertools.pairwise(chain)}
    order: list[list[str]] = [[] for _ in range(max(layer.values(), default=0) + 1)]
    for n in [*ids, *sorted(set(layer) - known)]:
        order[layer[n]].append(n)
    _order(order, links)
    x = _positions(order, size, links, node_gap)
    heights = {b.id: b.height for b in boxes}
    band = [max((heights.get(n, 0) for n in row), default=0) for row in order]
    tops = [sum(band[:i]) + i * layer_gap for i in range(len(order))]
    placed = {b.id: Placed(b.id, x[b.id], tops[layer[b.id]] + (band[layer[b.id]] - b.height) / 2,
                           b.width, b.height, layer[b.id]) for b in boxes}
    routes = _routes(dag, chains, back, edges, placed, x, size, layer, tops, band)
    routes += [_loop(placed[s], lane) for s, _ in loops]
    width = max((x[n] + size[n] for n in x), default=0) + (lane if loops else 0)
    return Layout(placed, routes, width, tops[-1] + band[-1] if order else 0)


def _routes(dag: list[tuple[str, str]], chains: dict[int, list[str]],
            back: set[tuple[str, str]], edges: list[tuple[str, str]],
            placed: dict[str, Placed], x: dict[str, float], size: dict[str, float],
            layer: dict[str, int], tops: list[float], band: list[float]) -> list[Route]:
    """Polylines, each end on its own spot along the box's bottom or top side."""
    centre = {n: x[n] + size[n] / 2 for n in x}
    bottoms: dict[str, list[tuple[float, int]]] = defaultdict(list)
    tops_: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for k, chain in chains.items():
        bottoms[chain[0]].append((centre[chain[1]], k))
        tops_[chain[-1]].append((centre[chain[-2]], k))

    def spot(side: dict[str, list[tuple[float, int]]], node: str, k: int) -> float:
        ends = sorted(side[node])
        box = placed[node]
        i = [e[1] for e in ends].index(k)
        return box.x + box.width * (i + 1) / (len(ends) + 1)

    routes = []
    for k, (s, t) in enumerate(dag):
        chain = chains[k]
        points: list[Point] = [(spot(bottoms, s, k), placed[s].y + placed[s].height)]
        for way in chain[1:-1]:
            top = tops[layer[way]]
            points += [(centre[way], top), (centre[way], top + band[layer[way]])]
        points.append((spot(tops_, t, k), placed[t].y))
        turned = edges[k] in back
        if turned:
            points.reverse()
        routes.append(Route(*edges[k], points=points, back=turned))
    return routes


def _loop(box: Placed, lane: float) -> Route:
    """A choice that stays at its point: a small loop on the box's right side."""
    right, top, bottom = box.x + box.width, box.y + box.height * .3, box.y + box.height * .7
    return Route(box.id, box.id, [(right, top), (right + lane, top), (right + lane, bottom),
                                  (right, bottom)], back=False)
