"""Career paths: stepping stones through O*NET's related occupations, weighted by skill distance.

Each occupation is a vector of importance-weighted skill levels (importance / 5 x
level, one entry per O*NET skill). A move from an occupation to one O*NET lists as
related costs the Euclidean distance between their vectors plus a small fixed cost
per move, so that of two equally close routes the one with fewer moves wins. The
best path is Dijkstra's; the alternatives are Yen's k shortest loopless paths.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from cairn.core.matching import Array, Matrices

HOP_COST = 0.5
MAX_PATHS = 20  # -k: the best path and up to 19 alternatives; Yen's work grows with k
NEW_GAP_MARGIN = 0.5  # a level this much above what you (or an earlier step) have
NEW_GAP_IMPORTANCE = 3.0
Graph = Mapping[int, Sequence[tuple[int, float]]]


def skill_vectors(m: Matrices) -> Array:
    """Every occupation's importance-weighted skill levels."""
    return np.asarray(m.skill_importance / 5.0 * m.skill_level, dtype=float)


def build_graph(m: Matrices, edges: Sequence[tuple[str, str]]
                ) -> dict[int, list[tuple[int, float]]]:
    """Adjacency lists over occupation rows: related pairs weighted by skill distance."""
    vectors = skill_vectors(m)
    pairs = [(m.row[a], m.row[b]) for a, b in edges if a in m.row and b in m.row and a != b]
    graph: dict[int, list[tuple[int, float]]] = {}
    if not pairs:
        return graph
    src = np.array([p[0] for p in pairs])
    dst = np.array([p[1] for p in pairs])
    cost = np.linalg.norm(vectors[src] - vectors[dst], axis=1) + HOP_COST
    for a, b, c in zip(src.tolist(), dst.tolist(), cost.tolist(), strict=True):
        graph.setdefault(a, []).append((b, c))
    return graph


def shortest(graph: Graph, source: int, target: int, banned_nodes: frozenset[int] = frozenset(),
             banned_edges: frozenset[tuple[int, int]] = frozenset(),
             to_target: Mapping[int, float] | None = None) -> tuple[float, list[int]] | None:
    """The cheapest path from source to target avoiding the banned nodes and edges.

    Dijkstra's algorithm; given ``to_target`` (every node's exact distance to the target in
    the whole graph, a lower bound once nodes or edges are banned) it becomes A*, which
    is what makes Yen's many spur searches cheap.
    """
    h = to_target if to_target is not None else {}
    if to_target is not None and source not in h:
        return None
    best = {source: 0.0}
    previous: dict[int, int] = {}
    queue = [(h.get(source, 0.0), 0.0, source)]
    while queue:
        _, cost, node = heapq.heappop(queue)
        if node == target:
            path = [node]
            while path[-1] != source:
                path.append(previous[path[-1]])
            return cost, path[::-1]
        if cost > best.get(node, float("inf")):
            continue
        for nxt, weight in graph.get(node, ()):
            if nxt in banned_nodes or (node, nxt) in banned_edges:
                continue
            if to_target is not None and nxt not in h:
                continue  # the target cannot be reached from there
            new = cost + weight
            if new < best.get(nxt, float("inf")):
                best[nxt], previous[nxt] = new, node
                heapq.heappush(queue, (new + h.get(nxt, 0.0), new, nxt))
    return None


def reverse(graph: Graph) -> dict[int, list[tuple[int, float]]]:
    """The graph with every edge turned around (build it once, with the graph)."""
    out: dict[int, list[tuple[int, float]]] = {}
    for a, edges in graph.items():
        for b, w in edges:
            out.setdefault(b, []).append((a, w))
    return out


def distances_to(reversed_graph: Graph, target: int) -> dict[int, float]:
    """Every node's cheapest distance to ``target`` (Dijkstra on the reversed graph)."""
    best = {target: 0.0}
    queue = [(0.0, target)]
    while queue:
        cost, node = heapq.heappop(queue)
        if cost > best[node]:
            continue
        for prev, w in reversed_graph.get(node, ()):
            if cost + w < best.get(prev, float("inf")):
                best[prev] = cost + w
                heapq.heappush(queue, (cost + w, prev))
    return best


def _cost(graph: Graph, path: Sequence[int]) -> float:
    weights = {(a, b): w for a in path for b, w in graph.get(a, ())}
    return sum(weights[(a, b)] for a, b in itertools.pairwise(path))


def k_shortest(graph: Graph, source: int, target: int, k: int,
               reversed_graph: Graph | None = None) -> list[tuple[float, list[int]]]:
    """Yen's algorithm: up to ``k`` cheapest loopless paths, cheapest first."""
    to_target = distances_to(reversed_graph or reverse(graph), target)
    first = shortest(graph, source, target, to_target=to_target)
    if first is None:
        return []
    found = [first]
    candidates: list[tuple[float, list[int]]] = []
    while len(found) < k:
        last = found[-1][1]
        for i in range(len(last) - 1):
            root = last[: i + 1]
            banned_edges = frozenset((p[i], p[i + 1]) for _, p in found
                                     if len(p) > i + 1 and p[: i + 1] == root)
            spur = shortest(graph, root[-1], target, frozenset(root[:-1]), banned_edges,
                            to_target)
            if spur is None:
                continue
            path = root[:-1] + spur[1]
            if all(path != p for _, p in found) and all(path != p for _, p in candidates):
                heapq.heappush(candidates, (_cost(graph, path), path))
        if not candidates:
            break
        found.append(heapq.heappop(candidates))
    return found


@dataclass(frozen=True, slots=True)
class Step:
    """One occupation on a path: the cost to reach it, and the skills it newly asks for."""

    code: str
    title: str
    distance: float
    new_gaps: tuple[tuple[str, float, float], ...]  # (skill, needed level, level so far)


@dataclass(frozen=True)
class CareerPath:
    """A route from one occupation to another; ``cost`` is the total skill distance."""

    cost: float
    steps: tuple[Step, ...]


def describe(m: Matrices, graph: Graph, path: Sequence[int], cost: float,
             levels: Mapping[str, float]) -> CareerPath:
    """A path's steps with each step's new gaps: skills of importance >= 3 whose level is
    above both the person's own rating and every earlier occupation on the path."""
    have = m.skill_level[path[0]].copy()
    for j, element in enumerate(m.skill_ids):
        if element in levels:
            have[j] = max(have[j], levels[element])
    steps = [Step(m.codes[path[0]], m.titles[path[0]], 0.0, ())]
    weights = {(a, b): w for a in path for b, w in graph.get(a, ())}
    for a, b in itertools.pairwise(path):
        need = m.skill_level[b]
        short = np.where(m.skill_importance[b] >= NEW_GAP_IMPORTANCE, need - have, 0.0)
        order = [int(j) for j in np.argsort(-short * m.skill_importance[b], kind="stable")[:3]
                 if short[j] > NEW_GAP_MARGIN]
        steps.append(Step(m.codes[b], m.titles[b], weights[(a, b)],
                          tuple((m.skill_names[j], float(need[j]), float(have[j]))
                                for j in order)))
        have = np.maximum(have, need)
    return CareerPath(cost, tuple(steps))
