"""Trade-offs: changes that would make missing work fit, each verified by re-planning.

Every figure is measured against the plan shown: a change recovers the hours by which the
plan's own missing work shrinks when the problem is changed and planned again by the greedy
planner, both keeping the plan's sessions (they are still valid after any change offered
here, so nothing that fits now is lost) and from scratch, whichever misses less. The greedy
planner may miss more than the plan; measured against itself it would offer to recover
hours that the plan never missed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Mapping

from cairn.core.planning.greedy import Placement, place_greedy
from cairn.core.planning.grid import Grid
from cairn.core.planning.model import (
    Boundary,
    BoundaryKind,
    Problem,
    Shortfall,
    TradeOff,
    WorkItem,
)
from cairn.core.planning.overcommit import shortfalls

MAX_TARGETS = 3  # trade-offs are searched for the most important missing tasks only
EXTRA_WEEKS = 8  # a deadline may move this far past the planned weeks


def trade_offs(problem: Problem, missing: list[Shortfall], placement: Placement | None = None
               ) -> list[TradeOff]:
    """Ranked changes that recover missing task hours of the plan (``placement``, the plan
    whose ``missing`` these are), each verified by re-planning."""
    tasks = {t.id: t for t in problem.tasks}
    targets = sorted((s for s in missing if s.kind == "task"),
                     key=lambda s: (-tasks[int(s.ref)].weight, s.due or dt.date.max))
    before = {int(s.ref): s.missing_hours for s in missing if s.kind == "task"}
    kept = placement or {}
    out: list[TradeOff] = []
    seen: set[str] = set()
    for short in targets[:MAX_TARGETS]:
        task = tasks[int(short.ref)]
        offers = [_reduce_scope(task, short), *_move_deadline(problem, task, before, kept),
                  *_raise_budget(problem, task, before, kept),
                  *_pause_goal(problem, task, before, kept)]
        for offer in offers:
            if offer.description not in seen and offer.recovers_hours > 0:
                seen.add(offer.description)
                out.append(offer)
    return sorted(out, key=lambda t: (t.cost, t.target))


def _missing(problem: Problem, kept: Placement, *, fresh: bool = True) -> dict[int, float]:
    """task id -> hours missing before its deadline once ``problem`` is planned again: keeping
    the plan's sessions (``kept``) and, with ``fresh``, from scratch; whichever misses less."""
    grid = Grid(problem)
    plans = [place_greedy(grid, {k: s for k, (s, _) in kept.items()},
                          {k: n for k, (_, n) in kept.items()})]
    if fresh:
        plans.append(place_greedy(grid))
    found = [{int(s.ref): s.missing_hours for s in shortfalls(grid, p) if s.kind == "task"}
             for p in plans]
    return min(found, key=lambda m: sum(m.values()))


def _recovered(before: Mapping[int, float], after: Mapping[int, float],
               kept: set[int] | None = None) -> float:
    """Missing hours of the plan's (kept) tasks that a change recovers."""
    ids = set(before) if kept is None else set(before) & kept
    return round(sum(before[i] for i in ids) - sum(after.get(i, 0.0) for i in ids), 4)


def _with_task(problem: Problem, task: WorkItem) -> Problem:
    return dataclasses.replace(problem, tasks=tuple(
        task if t.id == task.id else t for t in problem.tasks))


def _move_deadline(problem: Problem, task: WorkItem, before: Mapping[int, float],
                   kept: Placement) -> list[TradeOff]:
    """The smallest delay, in whole weeks, after which the task fits while every other task
    keeps what the plan gives it."""
    if task.due is None:
        return []
    problem = dataclasses.replace(problem, weeks=min(52, problem.weeks + EXTRA_WEEKS))
    end = Grid(problem).week_start(problem.weeks)
    weeks = [w for w in range(1, problem.weeks + 1) if task.due + dt.timedelta(weeks=w) < end]
    lo, hi, best = 0, len(weeks) - 1, None
    while lo <= hi:
        mid = (lo + hi) // 2
        moved = task.due + dt.timedelta(weeks=weeks[mid])
        after = _missing(_with_task(problem, dataclasses.replace(task, due=moved)), kept,
                         fresh=False)
        if after.get(task.id, 0) == 0:
            best, hi = moved, mid - 1
        else:
            lo = mid + 1
    if best is None:
        return []
    days = (best - task.due).days
    return [TradeOff("move-deadline",
                     f"Move the deadline of task #{task.id} '{task.title}' from {task.due} "
                     f"to {best} ({days} days later).",
                     f"task {task.id}", before[task.id], days * task.weight / 3,
                     best.isoformat())]


def _raise_budget(problem: Problem, task: WorkItem, before: Mapping[int, float],
                  kept: Placement) -> list[TradeOff]:
    out = []
    weeks = max(1, problem.weeks if task.due is None else
                min(problem.weeks, 1 + (task.due - problem.start.date()).days // 7))
    extra = max(1.0, round(before[task.id] / weeks * 2 + 0.49) / 2)  # whole half hours
    budget = next((b for b in problem.budgets if b.area == task.area and b.cap is not None), None)
    if budget is not None and budget.cap is not None:
        raised = dataclasses.replace(budget, cap=budget.cap + extra)
        changed = dataclasses.replace(problem, budgets=tuple(
            raised if b is budget else b for b in problem.budgets))
        gained = _recovered(before, _missing(changed, kept))
        if gained > 0:
            out.append(TradeOff("raise-budget",
                                f"Raise the {task.area} cap from {budget.cap:g} to "
                                f"{budget.cap + extra:g} h a week.",
                                f"area {task.area}", gained, extra * 1.5 * weeks,
                                f"{budget.cap + extra:g}"))
    for b in problem.boundaries:
        if b.kind is BoundaryKind.MAX_HOURS and b.area == task.area and b.hours is not None:
            higher: Boundary = dataclasses.replace(b, hours=b.hours + extra)
            changed = dataclasses.replace(problem, boundaries=tuple(
                higher if x is b else x for x in problem.boundaries))
            gained = _recovered(before, _missing(changed, kept))
            if gained > 0:
                out.append(TradeOff("raise-boundary",
                                    f"Allow {b.hours + extra:g} instead of {b.hours:g} "
                                    f"{task.area} hours a week.",
                                    f"boundary {b.id}", gained, extra * 3 * weeks,
                                    f"{b.hours + extra:g}"))
    return out


def _pause_goal(problem: Problem, task: WorkItem, before: Mapping[int, float],
                kept: Placement) -> list[TradeOff]:
    goals: dict[int, list[WorkItem]] = defaultdict(list)
    for t in problem.tasks:
        if t.goal_id is not None and t.goal_id != task.goal_id:
            goals[t.goal_id].append(t)
    candidates = sorted(goals.items(), key=lambda kv: (kv[1][0].weight, sum(
        t.hours for t in kv[1])))
    for goal_id, ts in candidates[:4]:
        gone = {t.id for t in ts}
        left = tuple(t for t in problem.tasks if t.id not in gone)
        if any(set(t.depends_on) & gone for t in left):
            continue  # pausing it would stall other work too
        gained = _recovered(before, _missing(dataclasses.replace(problem, tasks=left), kept),
                            {t.id for t in left})
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
                    short.missing_hours * task.weight * 2,
                    f"{short.placed_hours:g}" if short.placed_hours else "")
