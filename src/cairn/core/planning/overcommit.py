"""Overcommitment: what did not fit, and by how much; and what is not overcommitment.

Hours are counted on the grid: a task of 1.2 h on a 30-minute grid wants
1.5 h, so that wanted = placed + missing holds exactly. Work due after the
planned weeks goes on later; a floor that no work of its area could fill is
empty, not overcommitted. The trade-offs live in `tradeoffs.py`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from cairn.core.planning.greedy import Placement
from cairn.core.planning.grid import Grid
from cairn.core.planning.model import AreaWeek, EmptyFloor, Shortfall
from cairn.core.planning.units import task_units


def unfinished_tasks(grid: Grid, placement: Placement) -> list[Shortfall]:
    """Every task with hours the plan did not place, whatever its deadline."""
    hours = grid.step / 60
    placed_by_task: dict[str, int] = defaultdict(int)
    for key, (_, n) in placement.items():
        if key.startswith("task:"):
            placed_by_task[key.split(":")[1]] += n
    out = []
    for task in grid.problem.tasks:
        total, placed = grid.task_slots(task), placed_by_task[str(task.id)]
        if placed < total:
            out.append(Shortfall("task", str(task.id), task.title, task.area,
                                 total * hours, placed * hours, task.due, task.goal_id))
    return out


def goes_on_later(grid: Grid, task: Shortfall) -> bool:
    """True for a task due after the planned weeks, or never: its unplaced hours are work
    that continues after them, not work that misses its deadline."""
    return task.due is None or task.due > grid.date(grid.days - 1)


def later(grid: Grid, placement: Placement) -> list[Shortfall]:
    """Tasks whose remaining hours continue after the planned weeks (see `goes_on_later`)."""
    return [t for t in unfinished_tasks(grid, placement) if goes_on_later(grid, t)]


def shortfalls(grid: Grid, placement: Placement) -> list[Shortfall]:
    """Tasks that miss hours before a deadline inside the planned weeks, habit weeks with
    missing sessions, and the part of each unmet floor that work of its area, left out for
    want of time, could have filled (beyond the sessions already counted as missing)."""
    tasks = unfinished_tasks(grid, placement)
    habits = _habit_shortfalls(grid, placement)
    floors, _ = _floors(grid, placement, tasks, habits)
    return [*(t for t in tasks if not goes_on_later(grid, t)), *habits, *floors]


def empty_floors(grid: Grid, placement: Placement) -> list[EmptyFloor]:
    """Hours of unmet floors that no task or habit of the area could fill: nothing is planned
    for them. This is not overcommitment; a habit or a lower floor is the remedy."""
    tasks = unfinished_tasks(grid, placement)
    return _floors(grid, placement, tasks, _habit_shortfalls(grid, placement))[1]


def _habit_shortfalls(grid: Grid, placement: Placement) -> list[Shortfall]:
    placed_by_key = {k: n for k, (_, n) in placement.items()}
    hours = grid.step / 60
    out = []
    for hs in grid.habit_slots():
        if hs.index == 0:
            keys = [hs.key.rsplit(":", 1)[0] + f":{k + 1}" for k in range(hs.habit.per_week)]
            if any(k not in placed_by_key for k in keys):
                placed = sum(placed_by_key.get(k, 0) for k in keys)
                out.append(Shortfall("habit", str(hs.habit.id), hs.habit.title, hs.habit.area,
                                     hs.habit.per_week * hs.length * hours, placed * hours,
                                     grid.week_start(hs.week), week=hs.week))
    return out


def _floors(grid: Grid, placement: Placement, tasks: list[Shortfall],
            habits: list[Shortfall]) -> tuple[list[Shortfall], list[EmptyFloor]]:
    """Each unmet floor, split: the hours the area's unplaced work could have filled that are
    not counted missing already (a floor shortfall), and the hours nothing could fill."""
    hours = grid.step / 60
    room: dict[tuple[str, int], float] = defaultdict(float)  # habits: as long as they may be
    for hs in grid.habit_slots():
        room[hs.habit.area, hs.week] += hs.length * hours
    areas = {str(h.id): h.area for h in grid.problem.habits}
    for key, (start, length) in placement.items():
        if key.startswith("habit:"):
            room[areas[key.split(":")[1]], grid.week_of(start)] -= length * hours
    counted: dict[tuple[str, int], float] = defaultdict(float)  # missing already
    for h in habits:
        counted[h.area, h.week or 0] += h.missing_hours
    waiting: dict[tuple[str, int], float] = defaultdict(float)
    by_id = {str(t.id): t for t in grid.problem.tasks}
    for t in tasks:
        lo, hi = grid.task_range(by_id[t.ref])
        for week in range(grid.week_of(lo), grid.week_of(hi - 1) + 1) if hi > lo else ():
            waiting[t.area, week] += t.missing_hours
            if not goes_on_later(grid, t):
                counted[t.area, week] += t.missing_hours
    found, empty = [], []
    for aw in area_weeks(grid, placement):
        gap = round(aw.floor - aw.planned, 4)
        if gap <= 0:
            continue
        at = (aw.area, aw.week)
        fillable = min(gap, round(room[at] + waiting[at], 4))
        extra = round(fillable - counted[at], 4)
        if extra > 0:
            found.append(Shortfall("floor", aw.area, f"{aw.area} floor", aw.area,
                                   aw.planned + extra, aw.planned, aw.week_start, week=aw.week))
        if gap > fillable:
            empty.append(EmptyFloor(aw.area, aw.week, aw.week_start, aw.floor, aw.planned,
                                    round(gap - fillable, 4)))
    return found, empty


def area_weeks(grid: Grid, placement: Placement) -> list[AreaWeek]:
    """Planned hours per area per week, with the budget's floor (prorated) and cap."""
    hours = grid.step / 60
    units = _areas_by_key(grid)
    used: dict[tuple[str, int], int] = defaultdict(int)
    for key, (start, length) in placement.items():
        used[units[key], grid.week_of(start)] += length
    areas = sorted({a for a, _ in used} | {b.area for b in grid.problem.budgets})
    out = []
    for week in range(grid.problem.weeks):
        for area in areas:
            cap, _ = grid.cap_slots(area)
            out.append(AreaWeek(area, week, grid.week_start(week), used[area, week] * hours,
                                grid.floor_slots(area, week) * hours,
                                None if cap is None else cap * hours))
    return out


def _areas_by_key(grid: Grid) -> dict[str, str]:
    """Unit key -> its area, for every unit the plan may hold."""
    out = {u.key: u.area for us in task_units(grid, grid.problem.tasks).values() for u in us}
    out.update({hs.key: hs.habit.area for hs in grid.habit_slots()})
    return out


def missing_by_week(found: Sequence[Shortfall], monday: dt.date, weeks: int
                    ) -> dict[dt.date, float]:
    """Hours that did not fit, per Monday-based week of the plan (every week, 0 when all fit).

    Habit and floor shortfalls belong to their week. A task's missing hours belong to
    the week of its deadline (a deadline already past counts in the first week); a task
    due after the planned weeks, or never, is not overcommitment: its work can wait.
    """
    last = monday + dt.timedelta(weeks=weeks - 1)
    missing = {monday + dt.timedelta(weeks=w): 0.0 for w in range(weeks)}
    for f in found:
        if f.week is not None:
            week = monday + dt.timedelta(weeks=f.week)
        elif f.due is not None and f.due <= last + dt.timedelta(days=6):
            week = max(monday, f.due - dt.timedelta(days=f.due.weekday()))
        else:
            continue
        if week in missing:
            missing[week] = round(missing[week] + f.missing_hours, 4)
    return missing
