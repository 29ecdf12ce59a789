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
             banned_edges: frozenset[tuple[int, int]] = frozenset()
             ) -> tuple[float, list[int]] | None:
    """Dijkstra's cheapest path from source to target avoiding the banned nodes and edges."""
    best = {source: 0.0}
    previous: dict[int, int] = {}
    queue = [(0.0, source)]
    while queue:
        cost, node = heapq.heappop(queue)
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
            new = cost + weight
            if new < best.get(nxt, float("inf")):
                best[nxt], previous[nxt] = new, node
                heapq.heappush(queue, (new, nxt))
    return None


def _cost(graph: Graph, path: Sequence[int]) -> float:
    weights = {(a, b): w for a in path for b, w in graph.get(a, ())}
    return sum(weights[(a, b)] for a, b in itertools.pairwise(path))


def k_shortest(graph: Graph, source: int, target: int, k: int) -> list[tuple[float, list[int]]]:
    """Yen's algorithm: up to ``k`` cheapest loopless paths, cheapest first."""
    first = shortest(graph, source, target)
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
            spur = shortest(graph, root[-1], target, frozenset(root[:-1]), banned_edges)
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
