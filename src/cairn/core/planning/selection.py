"""Which tasks to plan when not all of them fit: a small model of what, without when.

Earliest-deadline-first places every task with a deadline before any without one, whatever
their priorities, so when time runs short it drops the work that comes last, not the work
worth least. This model chooses the most valuable work that the capacity cuts (`cuts.py`)
leave room for, with sessions in order and dependencies before dependents; the greedy
planner then places that choice first. It is the linear relaxation the solver's bound comes
from, solved in whole numbers, so it takes a fraction of a second.
"""

from __future__ import annotations

import dataclasses

from ortools.sat.python import cp_model

from cairn.core.planning.cuts import capacity_cuts
from cairn.core.planning.greedy import Placement
from cairn.core.planning.grid import Grid
from cairn.core.planning.units import Unit


def select_tasks(grid: Grid, tasks: dict[int, list[Unit]], habits: list[Unit],
                 hint: Placement, *, seconds: float, work: float | None = None,
                 seed: int = 0) -> set[int] | None:
    """Ids of the tasks worth placing first, or None when no choice was found in time.
    ``hint`` (a plan) is where the search starts, so the choice is worth at least as much;
    ``work`` limits the deterministic time (one worker: the same work, the same choice)."""
    model = cp_model.CpModel()
    # a task is its work as a whole here: how it is cut into sessions does not change how
    # much of it the capacity cuts leave room for
    whole = {tid: dataclasses.replace(us[0], key=f"task:{tid}", length=us[0].total)
             for tid, us in tasks.items()}
    hinted: dict[str, int] = {}
    for key, (_, length) in hint.items():
        kind, ref = key.split(":")[:2]
        name = f"task:{ref}" if kind == "task" else key
        hinted[name] = hinted.get(name, 0) + length
    units = [*whole.values(), *habits]
    present: dict[str, cp_model.IntVar] = {}
    amounts: dict[str, cp_model.LinearExprT] = {}
    for u in units:
        p = present[u.key] = model.new_bool_var(f"p_{u.key}")
        model.add_hint(p, u.key in hinted)
        if not grid.starts(u.area, u.min_length, u.lo, u.hi):
            model.add(p == 0)
        if u.min_length < u.length:  # any amount in its range
            amount = model.new_int_var(0, u.length, f"n_{u.key}")
            model.add(amount >= u.min_length * p)
            model.add(amount <= u.length * p)
            model.add_hint(amount, hinted.get(u.key, 0))
            amounts[u.key] = amount
        else:
            amounts[u.key] = p * u.length
    for task in grid.problem.tasks:
        for dep in task.depends_on:
            if dep in whole:
                model.add(amounts[whole[dep].key] == whole[dep].total).only_enforce_if(
                    present[whole[task.id].key])
    capacity_cuts(model, grid, units, amounts)
    # weight first; of work of the same weight, that due first (as in the solver's objective)
    model.maximize(cp_model.LinearExpr.sum([amounts[u.key] * u.value(1000, 1) for u in units]))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.01, seconds)
    if work is not None:
        solver.parameters.max_deterministic_time = work
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return {tid for tid, u in whole.items() if solver.value(present[u.key])}
