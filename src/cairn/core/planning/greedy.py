"""The fast planner: habits first, then tasks earliest-deadline-first, each at the earliest fit.

It serves three purposes: an instant first plan, the fallback when the solver
finds nothing in time, and the hint that the solver starts from. Accepted
sessions that are still valid stay where they are, so re-planning moves little.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping

from cairn.core.planning.grid import Grid
from cairn.core.planning.model import WorkItem
from cairn.core.planning.units import Board, Unit, habit_units, task_units

Placement = dict[str, tuple[int, int]]  # unit key -> (start slot, length)
FAR = 10**9


def place_greedy(grid: Grid, accepted: Mapping[str, int] | None = None) -> Placement:
    """Place every unit that fits; ``accepted`` maps unit keys to their accepted start slot."""
    accepted = accepted or {}
    board = Board(grid)
    placed: Placement = {}
    _place_habits(grid, board, habit_units(grid), accepted, placed)
    _place_tasks(grid, board, accepted, placed)
    return _habits_in_order(placed)


def _habits_in_order(placed: Placement) -> Placement:
    """Number each week's habit sessions in time order (session 1 first), as the solver does."""
    groups: dict[str, list[tuple[int, int]]] = {}
    out: Placement = {}
    for key, value in placed.items():
        if key.startswith("habit:"):
            groups.setdefault(key.rsplit(":", 1)[0], []).append(value)
        else:
            out[key] = value
    for prefix, values in groups.items():
        for k, value in enumerate(sorted(values), 1):
            out[f"{prefix}:{k}"] = value
    return out


def _keep(board: Board, unit: Unit, accepted: Mapping[str, int], lo: int) -> int | None:
    start = accepted.get(unit.key)
    if start is not None and start >= lo and start + unit.length <= unit.hi and board.free(
        unit.area, start, unit.length
    ):
        return start
    return None


def _place_habits(grid: Grid, board: Board, units: list[Unit], accepted: Mapping[str, int],
                  placed: Placement) -> None:
    days_used: dict[tuple[int, int | None], set[int]] = {}
    pending = []
    for unit in units:  # accepted habit sessions first, so new ones go around them
        start = _keep(board, unit, accepted, unit.lo)
        if start is None:
            pending.append(unit)
            continue
        board.take(unit.area, start, unit.length)
        placed[unit.key] = (start, unit.length)
        days_used.setdefault((unit.ref_id, unit.week), set()).add(start // grid.per_day)
    per_week = {u.ref_id: 1 + max(v.index for v in units if v.ref_id == u.ref_id) for u in units}
    for unit in pending:
        used = days_used.setdefault((unit.ref_id, unit.week), set())
        start, length = _habit_spot(grid, board, unit, used, per_week[unit.ref_id])
        if start is None:
            continue
        board.take(unit.area, start, length)
        placed[unit.key] = (start, length)
        used.add(start // grid.per_day)


def _habit_spot(grid: Grid, board: Board, unit: Unit, used: set[int],
                per_week: int) -> tuple[int | None, int]:
    """Spread a habit's sessions over its week: try days from an evenly spaced target day,
    the preferred part of the day first, then shorter down to the habit's minimum."""
    first_day, last_day = unit.lo // grid.per_day, (unit.hi - 1) // grid.per_day
    span = last_day - first_day + 1
    if span <= 0:
        return None, unit.length
    target = first_day + (unit.index * span) // max(1, per_week)
    days = [first_day + (target - first_day + k) % span for k in range(span)]
    days = [d for d in days if d not in used]
    part = unit.prefer.minutes
    for length in range(unit.length, unit.min_length - 1, -1):
        for preferred in (True, False):
            for day in days:
                lo = max(unit.lo, day * grid.per_day)
                hi = min(unit.hi, (day + 1) * grid.per_day)
                if preferred:
                    base = day * grid.per_day
                    lo = max(lo, base + part[0] // grid.step)
                    hi = min(hi, base + part[1] // grid.step)
                start = board.earliest(unit.area, length, lo, hi)
                if start is not None:
                    return start, length
    return None, unit.length


def _place_tasks(grid: Grid, board: Board, accepted: Mapping[str, int],
                 placed: Placement) -> None:
    tasks = {t.id: t for t in grid.problem.tasks}
    units = task_units(grid, grid.problem.tasks)
    deps = {t.id: [d for d in t.depends_on if d in tasks] for t in tasks.values()}
    waiting = {tid: len(ds) for tid, ds in deps.items()}
    dependents: dict[int, list[int]] = {}
    for tid, ds in deps.items():
        for d in ds:
            dependents.setdefault(d, []).append(tid)
    finish: dict[int, int] = {}
    ready = [_rank(t) for t in tasks.values() if waiting[t.id] == 0]
    heapq.heapify(ready)
    while ready:
        *_, tid = heapq.heappop(ready)
        end = _place_task(board, units[tid], accepted, placed,
                          max([finish[d] for d in deps[tid]], default=0))
        if end is None:
            continue  # incomplete: its dependents cannot start, and are reported missing
        finish[tid] = end
        for nxt in dependents.get(tid, ()):
            waiting[nxt] -= 1
            if waiting[nxt] == 0:
                heapq.heappush(ready, _rank(tasks[nxt]))


def _rank(task: WorkItem) -> tuple[int, int, int]:
    due = task.due.toordinal() if task.due else FAR
    return due, -task.weight, task.id


def _place_task(board: Board, units: list[Unit], accepted: Mapping[str, int],
                placed: Placement, after: int) -> int | None:
    """Place a task's sessions in order; the end slot when all fit, else None."""
    lo = after
    for unit in units:
        lo = max(lo, unit.lo)
        start = _keep(board, unit, accepted, lo)
        if start is None:
            start = board.earliest(unit.area, unit.length, lo, unit.hi)
        if start is None:
            return None
        board.take(unit.area, start, unit.length)
        placed[unit.key] = (start, unit.length)
        lo = start + unit.length
    return lo
