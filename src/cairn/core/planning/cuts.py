"""Redundant capacity constraints: how much work can possibly fit before each deadline.

They add nothing a plan must obey beyond the no-overlap and weekly rules, but they give
the linear relaxation (the solver's bound) the capacity that the no-overlap constraint
hides from it. The full CP-SAT model and the selection model (`selection.py`) share them.
"""

from __future__ import annotations

from collections.abc import Mapping

from ortools.sat.python import cp_model

from cairn.core.planning.grid import Grid
from cairn.core.planning.model import BoundaryKind, SessionKind
from cairn.core.planning.units import Unit


def capacity_cuts(model: cp_model.CpModel, grid: Grid, units: list[Unit],
                  amounts: Mapping[str, cp_model.LinearExprT]) -> None:
    """The work due by a slot cannot exceed the time usable before it, for every area alone,
    for all areas, and for all areas but one (time reserved for one area is then left out);
    likewise within each week for the work that must lie in it. ``amounts`` maps a unit's key
    to the slots it takes in the plan (0 when it is left out)."""
    used = sorted({u.area for u in units})
    groups = [frozenset([a]) for a in used] + [frozenset(used)]
    groups += [frozenset(used) - {a} for a in used if len(used) > 2]
    deadlines = sorted({u.hi for u in units if u.hi < grid.size} | {grid.size})
    most = _most(units)
    for group in dict.fromkeys(g for g in groups if g):
        bits = 0  # bytes are 0 or 1, so OR-ing them as one big integer ORs them slot by slot
        for area in group:
            bits |= int.from_bytes(grid.allowed[area], "big")
        prefix = _prefix(bytearray(bits.to_bytes(grid.size, "big")))
        mine = [u for u in units if u.area in group]
        total = 0
        for deadline in deadlines:
            due = [u for u in mine if u.hi <= deadline]
            if len(due) == total:
                continue
            total = len(due)
            room = prefix[deadline]
            if len(group) == 1:
                (area,) = group
                weeks = range(grid.week_of(max(0, deadline - 1)) + 1)
                room = min(room, sum(week_limit(grid, area, w) for w in weeks))
            if sum(most[u.key] for u in due) > room:  # else it can never bind
                model.add(_load(amounts, due) <= room)
        for week in range(grid.problem.weeks):  # habits and late-starting tasks, week by week
            first, last = grid.week_slots(week)
            inside = [u for u in mine if u.lo >= first and u.hi <= last]
            if sum(most[u.key] for u in inside) > prefix[last] - prefix[first]:
                model.add(_load(amounts, inside) <= prefix[last] - prefix[first])


def week_limit(grid: Grid, area: str, week: int) -> int:
    """The most slots an area may have in a week under its hard cap and max-hours rules."""
    cap, hard = grid.cap_slots(area)
    limits = [7 * grid.per_day, *([cap] if cap is not None and hard else [])]
    limits += [grid.max_hours_slots(b, week) for b in grid.problem.boundaries
               if b.kind is BoundaryKind.MAX_HOURS and b.area == area]
    return min(limits)


def _most(units: list[Unit]) -> dict[str, int]:
    """unit key -> the most slots it adds to any set of units that holds its task's sessions
    all or none (they share the task's window): a task's sessions take no more than the
    task, counted on its first session."""
    tasks: dict[int, list[Unit]] = {}
    most = {}
    for u in units:
        most[u.key] = u.length
        if u.kind is SessionKind.TASK:
            tasks.setdefault(u.ref_id, []).append(u)
    for us in tasks.values():
        most.update({u.key: 0 for u in us})
        most[us[0].key] = min(us[0].total, sum(u.length for u in us))
    return most


def _load(amounts: Mapping[str, cp_model.LinearExprT], units: list[Unit]
          ) -> cp_model.LinearExpr:
    return cp_model.LinearExpr.sum([amounts[u.key] for u in units])


def _prefix(mask: bytearray) -> list[int]:
    out = [0]
    for v in mask:
        out.append(out[-1] + v)
    return out
