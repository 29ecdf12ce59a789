"""Which tasks to plan when not all of them fit: a small model of what, without when.

Earliest-deadline-first places every task with a deadline before any without one, whatever
their priorities, so when time runs short it drops the work that comes last, not the work
worth least. This model chooses the most valuable work that the capacity cuts (`cuts.py`)
leave room for, with sessions in order and dependencies before dependents; the greedy
planner then places that choice first. It is the linear relaxation the solver's bound comes
from, solved in whole numbers, so it takes a fraction of a second.
"""

from __future__ import annotations

import itertools

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
    units = [u for us in tasks.values() for u in us] + habits
    present: dict[str, cp_model.IntVar] = {}
    amounts: dict[str, cp_model.LinearExprT] = {}
    for u in units:
        p = present[u.key] = model.new_bool_var(f"p_{u.key}")
        model.add_hint(p, u.key in hint)
        if not grid.starts(u.area, u.min_length, u.lo, u.hi):
            model.add(p == 0)
        if u.min_length < u.length:  # a session of any length in its range
            amount = model.new_int_var(0, u.length, f"n_{u.key}")
            model.add(amount >= u.min_length * p)
            model.add(amount <= u.length * p)
            model.add_hint(amount, hint[u.key][1] if u.key in hint else 0)
            amounts[u.key] = amount
        else:
            amounts[u.key] = p * u.length
    for us in tasks.values():
        for prev, nxt in itertools.pairwise(us):
            model.add_implication(present[nxt.key], present[prev.key])
        model.add(sum(amounts[u.key] for u in us) <= us[0].total)
    for task in grid.problem.tasks:
        for dep in task.depends_on:
            if dep in tasks:
                model.add(sum(amounts[u.key] for u in tasks[dep]) == tasks[dep][0].total
                          ).only_enforce_if(present[tasks[task.id][0].key])
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
    return {tid for tid, us in tasks.items() if solver.value(present[us[0].key])}
