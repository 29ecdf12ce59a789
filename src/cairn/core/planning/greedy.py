"""The fast planner: habits first, then tasks earliest-deadline-first, each at the earliest fit.

It serves three purposes: an instant first plan, the fallback when the solver
finds nothing in time, and the hint that the solver starts from. When
re-planning, every accepted session that is still valid is kept first, and only
then is new or changed work placed around them: new work never pushes accepted
work away here (the solver may trade a move for more hours placed).
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Collection, Mapping
from dataclasses import replace

from cairn.core.planning.grid import Grid
from cairn.core.planning.model import WorkItem
from cairn.core.planning.units import Board, Unit, habit_units, task_lengths, task_units

Placement = dict[str, tuple[int, int]]  # unit key -> (start slot, length)
FAR = 10**9


def place_greedy(grid: Grid, accepted: Mapping[str, int] | None = None,
                 lengths: Mapping[str, int] | None = None,
                 first: Collection[int] | None = None) -> Placement:
    """Place every unit that fits; ``accepted`` maps unit keys to their accepted start slot,
    ``lengths`` to their accepted length in slots (by default: the problem's accepted plan).
    Tasks whose ids are in ``first`` are placed before all others (the solver's choice of what
    fits best); the others then fill what room is left, each pass earliest deadline first."""
    accepted = accepted or {}
    if lengths is None:
        lengths = accepted_lengths(grid)
    board = Board(grid)
    placed: Placement = {}
    tasks = Tasks(grid)
    pending = _keep_habits(board, habit_units(grid), accepted, lengths, placed)
    tasks.run(board, accepted, lengths, placed, keep_only=True)
    for unit in (u for us in tasks.units.values() for u in us):
        if unit.key in accepted and unit.key not in placed:  # new work goes around it if it can
            board.reserve(accepted[unit.key], lengths.get(unit.key, unit.length))
    _place_habits(grid, board, pending, placed)
    if first is not None:
        tasks.run(board, accepted, lengths, placed, keep_only=False, only=first)
    tasks.run(board, accepted, lengths, placed, keep_only=False)
    return _habits_in_order(placed)


def accepted_lengths(grid: Grid) -> dict[str, int]:
    """Accepted sessions: unit key -> length in slots."""
    return {s.key: grid.slot(s.end) - grid.slot(s.start) for s in grid.problem.accepted}


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
            unit.area, start, unit.length):
        return start
    return None


def _keep_habits(board: Board, units: list[Unit], accepted: Mapping[str, int],
                 lengths: Mapping[str, int], placed: Placement) -> list[Unit]:
    """Keep accepted habit sessions; returns the units still to place.

    A habit session may last anything from the habit's minimum to its maximum, so it is kept
    at its accepted length: one accepted shorter than the maximum may have no room to grow
    where it is, and it is still valid there."""
    pending = []
    for unit in units:
        length = max(unit.min_length, min(unit.length, lengths.get(unit.key, unit.length)))
        start = _keep(board, replace(unit, length=length), accepted, unit.lo)
        if start is None:
            pending.append(unit)  # placed afresh: longest first, as any new session
            continue
        board.take(unit.area, start, length)
        placed[unit.key] = (start, length)
    return pending


def _place_habits(grid: Grid, board: Board, units: list[Unit], placed: Placement) -> None:
    days_used: dict[tuple[int, int | None], set[int]] = {}
    for key, (kept, _) in placed.items():
        if key.startswith("habit:"):
            _, ref, monday, _ = key.split(":")
            week = (dt.date.fromisoformat(monday) - grid.monday).days // 7
            days_used.setdefault((int(ref), week), set()).add(kept // grid.per_day)
    per_week = {h.id: h.per_week for h in grid.problem.habits}
    for unit in units:
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
    the preferred part of the day first, time reserved for the habit's area before time that
    other work could use, then shorter down to the habit's minimum."""
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
            for own in (True, False):
                for day in days:
                    lo = max(unit.lo, day * grid.per_day)
                    hi = min(unit.hi, (day + 1) * grid.per_day)
                    if preferred:
                        base = day * grid.per_day
                        lo = max(lo, base + part[0] // grid.step)
                        hi = min(hi, base + part[1] // grid.step)
                    start = board.earliest(unit.area, length, lo, hi, own=own)
                    if start is not None:
                        return start, length
    return None, unit.length


class Tasks:
    """Tasks in dependency order, earliest deadline first."""

    def __init__(self, grid: Grid) -> None:
        self.tasks = {t.id: t for t in grid.problem.tasks}
        self.units = task_units(grid, grid.problem.tasks)
        self.ranges = {t.id: grid.session_range(t) for t in grid.problem.tasks}
        self.deps = {t.id: [d for d in t.depends_on if d in self.tasks]
                     for t in self.tasks.values()}
        self.dependents: dict[int, list[int]] = {}
        for tid, ds in self.deps.items():
            for d in ds:
                self.dependents.setdefault(d, []).append(tid)
        self.due = _propagated_due(self.tasks, self.deps, self.dependents)
        self.finish: dict[int, int] = {}  # task id -> end slot, once all its work is placed
        self.done: dict[int, int] = {}  # task id -> sessions placed so far
        self.slots: dict[int, int] = {}  # task id -> slots placed so far

    def run(self, board: Board, accepted: Mapping[str, int], lengths: Mapping[str, int],
            placed: Placement, *, keep_only: bool, only: Collection[int] | None = None) -> None:
        """One pass: keep accepted sessions only, or place everything that fits (of the tasks
        in ``only``, when given)."""
        waiting = {tid: len(ds) for tid, ds in self.deps.items()}
        ready = [self._rank(t) for t in self.tasks.values() if waiting[t.id] == 0]
        heapq.heapify(ready)
        while ready:
            *_, tid = heapq.heappop(ready)
            if tid not in self.finish and (only is None or tid in only):
                self._place(tid, board, accepted, lengths, placed, keep_only=keep_only)
            if tid not in self.finish:
                continue  # incomplete: its dependents cannot start, and are reported missing
            for nxt in self.dependents.get(tid, ()):
                waiting[nxt] -= 1
                if waiting[nxt] == 0:
                    heapq.heappush(ready, self._rank(self.tasks[nxt]))

    def _place(self, tid: int, board: Board, accepted: Mapping[str, int],
               lengths: Mapping[str, int], placed: Placement, *, keep_only: bool) -> None:
        """Place a task's next sessions in order, after its dependencies and its last session,
        until its work is placed or nothing more fits."""
        units = self.units[tid]
        count, done = self.done.get(tid, 0), self.slots.get(tid, 0)
        lo = max([self.finish[d] for d in self.deps[tid]], default=0)
        if count:
            last, length = placed[units[count - 1].key]
            lo = max(lo, last + length)
        for unit in units[count:]:
            left = unit.total - done
            if left <= 0:
                break
            lo = max(lo, unit.lo)
            allowed = task_lengths(left, *self.ranges[tid])
            if not allowed:
                break
            spot = _keep_task(board, unit, accepted, lengths, allowed, lo)
            if spot is None and not keep_only:
                if unit.key in accepted:
                    board.reserve(accepted[unit.key], lengths.get(unit.key, unit.length), 0)
                spot = board.fit(unit.area, allowed, lo, unit.hi)
            if spot is None:
                break
            start, length = spot
            board.take(unit.area, start, length)
            placed[unit.key] = (start, length)
            count, done, lo = count + 1, done + length, start + length
        self.done[tid], self.slots[tid] = count, done
        if done >= units[0].total:
            self.finish[tid] = lo

    def _rank(self, task: WorkItem) -> tuple[int, int, int]:
        return self.due[task.id], -task.weight, task.id


def _keep_task(board: Board, unit: Unit, accepted: Mapping[str, int],
               lengths: Mapping[str, int], allowed: list[int], lo: int) -> tuple[int, int] | None:
    """An accepted task session where it is: at its accepted length when the task still has
    that much work left, else as long as the work left allows (shorter, after the estimate
    went down)."""
    start = accepted.get(unit.key)
    if start is None:
        return None
    wanted = lengths.get(unit.key, unit.length)
    for n in sorted((n for n in allowed if n <= wanted), reverse=True):
        if start >= lo and start + n <= unit.hi and board.free(unit.area, start, n):
            return start, n
    return None


def _propagated_due(tasks: dict[int, WorkItem], deps: Mapping[int, list[int]],
                    dependents: Mapping[int, list[int]]) -> dict[int, int]:
    """Each task's deadline as a day number, or the earliest deadline of any task that waits on
    it (directly or not) when that is sooner: work that others wait for is due when they are.
    Ranked by its own deadline alone, a task without one went last, and so did everything that
    waits on it, deadlines or not."""
    due = {tid: t.due.toordinal() if t.due else FAR for tid, t in tasks.items()}
    waiting = {tid: len(ds) for tid, ds in deps.items()}
    order = [tid for tid, n in waiting.items() if n == 0]
    for tid in order:  # dependencies before dependents; a task in a cycle never comes
        for nxt in dependents.get(tid, ()):
            waiting[nxt] -= 1
            if waiting[nxt] == 0:
                order.append(nxt)
    for tid in reversed(order):
        due[tid] = min([due[tid], *(due[d] for d in dependents.get(tid, ()))])
    return due
