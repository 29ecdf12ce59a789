"""Overcommitment: what did not fit, by how much, and verified changes that would make it fit.

Hours are counted on the grid: a task of 1.2 h on a 30-minute grid wants
1.5 h, so that wanted = placed + missing holds exactly. Each trade-off is
checked by re-running the greedy planner with the change applied and measuring
how many of the missing hours it recovers; the cheapest come first.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from cairn.core.planning.greedy import Placement, place_greedy
from cairn.core.planning.grid import Grid
from cairn.core.planning.model import (
    AreaWeek,
    Boundary,
    BoundaryKind,
    Problem,
    Shortfall,
    TradeOff,
    WorkItem,
)
from cairn.core.planning.units import task_units

MAX_TARGETS = 3  # trade-offs are searched for the most important missing tasks only
EXTRA_WEEKS = 8  # a deadline may move this far past the planned weeks


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
    missing sessions, and unmet floors."""
    out = [t for t in unfinished_tasks(grid, placement) if not goes_on_later(grid, t)]
    placed_by_key = {k: n for k, (_, n) in placement.items()}
    hours = grid.step / 60
    for hs in grid.habit_slots():
        if hs.index == 0:
            keys = [hs.key.rsplit(":", 1)[0] + f":{k + 1}" for k in range(hs.habit.per_week)]
            if any(k not in placed_by_key for k in keys):
                placed = sum(placed_by_key.get(k, 0) for k in keys)
                out.append(Shortfall("habit", str(hs.habit.id), hs.habit.title, hs.habit.area,
                                     hs.habit.per_week * hs.length * hours, placed * hours,
                                     grid.week_start(hs.week), week=hs.week))
    for aw in area_weeks(grid, placement):
        if aw.planned < aw.floor:
            out.append(Shortfall("floor", aw.area, f"{aw.area} floor", aw.area, aw.floor,
                                 aw.planned, aw.week_start, week=aw.week))
    return out


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


def _missing(problem: Problem) -> dict[int, float]:
    """task id -> missing hours, by the greedy planner (the measure every trade-off uses)."""
    grid = Grid(problem)
    return {int(s.ref): s.missing_hours for s in shortfalls(grid, place_greedy(grid))
            if s.kind == "task"}


def trade_offs(problem: Problem, missing: list[Shortfall]) -> list[TradeOff]:
    """Ranked changes that recover missing task hours, each verified by re-planning."""
    tasks = {t.id: t for t in problem.tasks}
    targets = sorted((s for s in missing if s.kind == "task"),
                     key=lambda s: (-tasks[int(s.ref)].weight, s.due or dt.date.max))
    out: list[TradeOff] = []
    before = _missing(problem)
    total = sum(s.missing_hours for s in missing if s.kind == "task")
    seen: set[str] = set()
    for short in targets[:MAX_TARGETS]:
        task = tasks[int(short.ref)]
        offers = [_reduce_scope(task, short)]
        if before.get(task.id, 0) > 0:
            offers += [*_move_deadline(problem, task, before),
                       *_raise_budget(problem, task, before), *_pause_goal(problem, task, before)]
        for offer in offers:
            # measured greedy against greedy; said in terms of the plan shown, never more
            hours = (short.missing_hours if offer.kind == "move-deadline"
                     else min(offer.recovers_hours, total))
            if offer.description not in seen and hours > 0:
                seen.add(offer.description)
                out.append(dataclasses.replace(offer, recovers_hours=round(hours, 4)))
    return sorted(out, key=lambda t: (t.cost, t.target))


def _recovered(before: dict[int, float], after: dict[int, float], kept: set[int] | None = None
               ) -> float:
    """Missing hours of the (kept) tasks that a change recovers."""
    ids = set(before) if kept is None else set(before) & kept
    return round(sum(before[i] for i in ids) - sum(after.get(i, 0.0) for i in ids), 4)


def _with_task(problem: Problem, task: WorkItem) -> Problem:
    return dataclasses.replace(problem, tasks=tuple(
        task if t.id == task.id else t for t in problem.tasks))


def _move_deadline(problem: Problem, task: WorkItem, before: dict[int, float]
                   ) -> list[TradeOff]:
    if task.due is None:
        return []
    problem = dataclasses.replace(problem, weeks=min(52, problem.weeks + EXTRA_WEEKS))
    end = Grid(problem).week_start(problem.weeks)
    weeks = [w for w in range(1, problem.weeks + 1) if task.due + dt.timedelta(weeks=w) < end]
    lo, hi, best = 0, len(weeks) - 1, None
    while lo <= hi:  # the smallest delay that makes the task fit
        mid = (lo + hi) // 2
        moved = task.due + dt.timedelta(weeks=weeks[mid])
        if _missing(_with_task(problem, dataclasses.replace(task, due=moved))).get(task.id, 0) == 0:
            best, hi = moved, mid - 1
        else:
            lo = mid + 1
    if best is None:
        return []
    days = (best - task.due).days
    return [TradeOff("move-deadline",
                     f"Move the deadline of task #{task.id} '{task.title}' from {task.due} "
                     f"to {best} ({days} days later).",
                     f"task {task.id}", before[task.id], days * task.weight / 3)]


def _raise_budget(problem: Problem, task: WorkItem, before: dict[int, float]
                  ) -> list[TradeOff]:
    out = []
    weeks = max(1, problem.weeks if task.due is None else
                min(problem.weeks, 1 + (task.due - problem.start.date()).days // 7))
    extra = max(1.0, round(before[task.id] / weeks * 2 + 0.49) / 2)  # whole half hours
    budget = next((b for b in problem.budgets if b.area == task.area and b.cap is not None), None)
    if budget is not None and budget.cap is not None:
        raised = dataclasses.replace(budget, cap=budget.cap + extra)
        changed = dataclasses.replace(problem, budgets=tuple(
            raised if b is budget else b for b in problem.budgets))
        gained = _recovered(before, _missing(changed))
        if gained > 0:
            out.append(TradeOff("raise-budget",
                                f"Raise the {task.area} cap from {budget.cap:g} to "
                                f"{budget.cap + extra:g} h a week.",
                                f"area {task.area}", gained, extra * 1.5 * weeks))
    for b in problem.boundaries:
        if b.kind is BoundaryKind.MAX_HOURS and b.area == task.area and b.hours is not None:
            higher: Boundary = dataclasses.replace(b, hours=b.hours + extra)
            changed = dataclasses.replace(problem, boundaries=tuple(
                higher if x is b else x for x in problem.boundaries))
            gained = _recovered(before, _missing(changed))
            if gained > 0:
                out.append(TradeOff("raise-boundary",
                                    f"Allow {b.hours + extra:g} instead of {b.hours:g} "
                                    f"{task.area} hours a week.",
                                    f"boundary {b.id}", gained, extra * 3 * weeks))
    return out


def _pause_goal(problem: Problem, task: WorkItem, before: dict[int, float]
                ) -> list[TradeOff]:
    goals: dict[int, list[WorkItem]] = defaultdict(list)
    for t in problem.tasks:
        if t.goal_id is not None and t.goal_id != task.goal_id:
            goals[t.goal_id].append(t)
    candidates = sorted(goals.items(), key=lambda kv: (kv[1][0].weight, sum(
        t.hours for t in kv[1])))
    for goal_id, ts in candidates[:4]:
        gone = {t.id for t in ts}
        kept = tuple(t for t in problem.tasks if t.id not in gone)
        if any(set(t.depends_on) & gone for t in kept):
            continue  # pausing it would stall other work too
        gained = _recovered(before, _missing(dataclasses.replace(problem, tasks=kept)),
                            {t.id for t in kept})
        if gained > 0:
            hours = sum(t.hours for t in ts)
            return [TradeOff("pause-goal",
                             f"Pause goal #{goal_id} ({len(ts)} open tasks, {hours:g} h) "
                             f"until task #{task.id} is done.",
                             f"goal {goal_id}", gained, hours * ts[0].weight / 3 + 5)]
    return []



def _reduce_scope(task: WorkItem, short: Shortfall) -> TradeOff:
    """Always possible and always the dearest: do only what fits."""
    when = f"by {task.due}" if task.due else "in the planned weeks"
    text = (f"Cut task #{task.id} '{task.title}' to the {short.placed_hours:g} h that fit {when}."
            if short.placed_hours else f"Drop task #{task.id} '{task.title}' from these weeks.")
    return TradeOff("reduce-scope", text, f"task {task.id}", short.missing_hours,
                    short.missing_hours * task.weight * 2)


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
