"""Career paths as a drawing: where each occupation of the services' paths sits in the SVG.

Only placement is decided here (the paths, their steps and distances are the services'):
the best path runs along the top row, left to right; each alternative adds a row for the
occupations the rows above do not have yet. A column is a step's place on its path.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from cairn.services.explore_views import PathView

COLUMN, ROW = 190, 110  # pixels between node centres
NODE_W, NODE_H = 170, 64
MARGIN = 12
LINE = 15  # characters a line of a node's title holds at the node's width


@dataclass(frozen=True, slots=True)
class Node:
    """An occupation in the drawing: its box's top left corner and its title's lines."""

    code: str
    title: str
    x: int
    y: int
    lines: tuple[str, ...]
    start: bool
    end: bool


@dataclass(frozen=True, slots=True)
class Edge:
    """A move between two occupations, from centre-right to centre-left."""

    x1: int
    y1: int
    x2: int
    y2: int
    best: bool


@dataclass(frozen=True, slots=True)
class Graph:
    """The drawing: its size, its boxes and its arrows."""

    width: int
    height: int
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


def layout(paths: Sequence[PathView]) -> Graph:
    """Place every occupation of ``paths`` once, and an arrow for each move."""
    at: dict[str, tuple[int, int]] = {}
    rows = 0
    for p in paths:
        new_row = False
        for col, step in enumerate(p.steps):
            if step.code not in at:
                at[step.code] = (col, rows)
                new_row = True
        rows += 1 if new_row or not at else 0
    rows = max(rows, 1)
    first = paths[0].steps if paths else ()
    start = first[0].code if first else ""
    end = first[-1].code if first else ""
    titles = {s.code: s.title for p in paths for s in p.steps}
    nodes = tuple(
        Node(code, titles[code], MARGIN + col * COLUMN, MARGIN + row * ROW,
             tuple(textwrap.wrap(titles[code], LINE, max_lines=3, placeholder="…")),
             code == start, code == end)
        for code, (col, row) in at.items())
    seen: set[tuple[str, str]] = set()
    edges = []
    for n, p in enumerate(paths):
        for a, b in zip(p.steps, p.steps[1:], strict=False):
            if (a.code, b.code) in seen:
                continue
            seen.add((a.code, b.code))
            (ca, ra), (cb, rb) = at[a.code], at[b.code]
            edges.append(Edge(MARGIN + ca * COLUMN + NODE_W, MARGIN + ra * ROW + NODE_H // 2,
                              MARGIN + cb * COLUMN, MARGIN + rb * ROW + NODE_H // 2, n == 0))
    columns = max((col for col, _ in at.values()), default=0) + 1
    return Graph(2 * MARGIN + (columns - 1) * COLUMN + NODE_W,
                 2 * MARGIN + (rows - 1) * ROW + NODE_H, nodes, tuple(edges))
