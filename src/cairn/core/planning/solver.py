"""The CP-SAT model: optional interval variables on the slot grid, seeded by the greedy plan.

Each unit (a task session or a habit session) is an optional fixed-size
interval whose start may only take slots where its area is allowed, inside its
window. One no-overlap constraint keeps the person in one place at a time.
Sessions of a task follow each other; a task starts after the tasks it depends
on end. Weekly caps and max-hours boundaries are hard (unless a budget allows
overflow); floors are soft and counted. The objective values placed hours by
priority, then keeping accepted sessions where they are, then earliness.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from ortools.sat.python import cp_model

from cairn.core.planning.greedy import Placement
from cairn.core.planning.grid import Grid, Run
from cairn.core.planning.model import BoundaryKind, DayPart, SessionKind
from cairn.core.planning.units import Unit, habit_units, task_units

VALUE = 100_000  # per slot and weight point; dominates every other term
MOVE_PENALTY = VALUE  # less than any slot of work: never drop work to avoid a move
FLOOR_PENALTY = 2 * VALUE
OVERFLOW_PENALTY = VALUE
PREFERENCE_BONUS = VALUE // 10


@dataclass
class SolveResult:
    """What the solver found, with its own bound and timings."""

    placement: Placement
    status: str
    objective: float | None = None
    bound: float | None = None
    seconds: float = 0.0
    first_solution_seconds: float | None = None
    moved: int = 0
    timeline: list[tuple[float, float]] = field(default_factory=list)


class _FirstSolution(cp_model.CpSolverSolutionCallback):
    def __init__(self, started: float) -> None:
        super().__init__()
        self.started = started
        self.timeline: list[tuple[float, float]] = []

    def on_solution_callback(self) -> None:
        self.timeline.append((time.perf_counter() - self.started, self.objective_value))


class _Var:
    def __init__(self, unit: Unit, start: cp_model.IntVar, present: cp_model.IntVar) -> None:
        self.unit, self.start, self.present = unit, start, present
        self.hint: int | None = None  # the greedy start: every derived variable is hinted too


def solve(grid: Grid, hint: Placement, accepted: Mapping[str, int] | None = None, *,
          seconds: float = 5.0, workers: int = 2, seed: int = 0, fixed: bool = False,
          work: float | None = None) -> SolveResult:
    """Optimise the plan for up to ``seconds``; ``hint`` is the greedy placement.
    With ``fixed`` the hint is imposed, which scores it on the solver's objective.
    ``work`` also limits CP-SAT's deterministic time (roughly seconds of an unloaded machine):
    with one worker the same work gives the same plan however busy the machine is, as long as
    ``seconds`` does not run out first."""
    started = time.perf_counter()
    accepted = accepted or {}
    model = cp_model.CpModel()
    tasks = task_units(grid, grid.problem.tasks)
    habits = [replace(u, length=hint[u.key][1] if u.key in hint else u.min_length)
              for u in habit_units(grid)]
    units = [u for us in tasks.values() for u in us] + habits
    vs: dict[str, _Var] = {}
    objective: list[cp_model.LinearExprT] = []
    for u in units:
        v = _unit_var(model, grid, u)
        vs[u.key] = v
        objective.append(v.present * (u.length * u.weight * VALUE))
        objective.append(-v.start)  # earlier is better, all else equal
        if u.key in hint:
            v.hint = hint[u.key][0]
            model.add_hint(v.start, hint[u.key][0])
            model.add_hint(v.present, 1)
            if fixed:
                model.add(v.start == hint[u.key][0])
                model.add(v.present == 1)
        else:
            model.add_hint(v.present, 0)
            if fixed:
                model.add(v.present == 0)
        if u.key in accepted:
            stay = model.new_bool_var(f"stay_{u.key}")
            model.add_hint(stay, v.hint == accepted[u.key])
            model.add(v.start == accepted[u.key]).only_enforce_if(stay)
            model.add_implication(stay, v.present)
            objective.append(stay * MOVE_PENALTY)
        if u.prefer is not DayPart.ANY:
            _prefer(model, grid, v, objective)
    model.add_no_overlap([
        model.new_optional_fixed_size_interval_var(v.start, v.unit.length, v.present, f"i_{k}")
        for k, v in vs.items()
    ])
    _sequence(model, grid, tasks, habits, vs)
    _weekly(model, grid, units, vs, objective)
    _capacity_cuts(model, grid, units, vs)
    model.maximize(sum(objective))
    # the limit covers building the model too, so that callers get the time they asked for
    solver = _solver(max(0.1, seconds - (time.perf_counter() - started)), workers, seed, work)
    callback = _FirstSolution(started)
    status = solver.solve(model, callback)
    result = SolveResult({}, solver.status_name(status), seconds=time.perf_counter() - started,
                         timeline=callback.timeline)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return result
    result.objective, result.bound = solver.objective_value, solver.best_objective_bound
    result.first_solution_seconds = callback.timeline[0][0] if callback.timeline else None
    for key, v in vs.items():
        if solver.value(v.present):
            result.placement[key] = (solver.value(v.start), v.unit.length)
    result.moved = sum(1 for k, s in accepted.items()
                       if k in vs and result.placement.get(k, (None,))[0] != s)
    return result


def _solver(seconds: float, workers: int, seed: int, work: float | None) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    if work is not None:
        solver.parameters.max_deterministic_time = work
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    return solver


def _domain(ranges: list[Run]) -> cp_model.Domain:
    return cp_model.Domain.from_intervals([[a, b] for a, b in ranges])


def _unit_var(model: cp_model.CpModel, grid: Grid, u: Unit) -> _Var:
    ranges = grid.starts(u.area, u.length, u.lo, u.hi)
    if not ranges:  # nowhere to go: fixed variables of its own, never shared constants,
        # since CP-SAT rejects a model that hints one variable twice (MODEL_INVALID)
        lo = max(0, u.lo)
        return _Var(u, model.new_int_var(lo, lo, f"s_{u.key}"),
                    model.new_int_var(0, 0, f"p_{u.key}"))
    start = model.new_int_var_from_domain(_domain(ranges), f"s_{u.key}")
    return _Var(u, start, model.new_bool_var(f"p_{u.key}"))


def _prefer(model: cp_model.CpModel, grid: Grid, v: _Var,
            objective: list[cp_model.LinearExprT]) -> None:
    lo, hi = v.unit.prefer.minutes
    ranges = []
    for a, b in grid.starts(v.unit.area, v.unit.length, v.unit.lo, v.unit.hi):
        base = a // grid.per_day * grid.per_day  # runs of start slots lie within one day
        first, last = base + lo // grid.step, base + hi // grid.step - v.unit.length
        if a <= last and b >= first:
            ranges.append((max(a, first), min(b, last)))
    if not ranges:
        return  # the preferred time is never free: no bonus to hope for
    liked = model.new_bool_var(f"pref_{v.unit.key}")
    model.add_hint(liked, v.hint is not None and any(a <= v.hint <= b for a, b in ranges))
    model.add_linear_expression_in_domain(v.start, _domain(ranges)).only_enforce_if(liked)
    model.add_implication(liked, v.present)
    objective.append(liked * PREFERENCE_BONUS)


def _sequence(model: cp_model.CpModel, grid: Grid, tasks: dict[int, list[Unit]],
              habits: list[Unit], vs: dict[str, _Var]) -> None:
    """Sessions of a task in order, dependencies before dependents, habit days distinct."""
    for us in tasks.values():
        for prev, nxt in itertools.pairwise(us):
            a, b = vs[prev.key], vs[nxt.key]
            model.add_implication(b.present, a.present)
            model.add(b.start >= a.start + prev.length).only_enforce_if(b.present)
    for task in grid.problem.tasks:
        first = vs[tasks[task.id][0].key]
        for dep in task.depends_on:
            if dep not in tasks:
                continue  # done, dropped or not planned: nothing to wait for
            last_unit = tasks[dep][-1]
            last = vs[last_unit.key]
            model.add_implication(first.present, last.present)
            model.add(first.start >= last.start + last_unit.length).only_enforce_if(first.present)
    groups: dict[tuple[int, int | None], list[Unit]] = {}
    for u in habits:
        groups.setdefault((u.ref_id, u.week), []).append(u)
    for us in groups.values():
        days = []
        for u in us:
            day = model.new_int_var(0, grid.days, f"d_{u.key}")
            if vs[u.key].hint is not None:
                model.add_hint(day, (vs[u.key].hint or 0) // grid.per_day)
            model.add_division_equality(day, vs[u.key].start, grid.per_day)
            days.append(day)
        for i in range(1, len(us)):
            b = vs[us[i].key]
            model.add_implication(b.present, vs[us[i - 1].key].present)
            model.add(days[i] > days[i - 1]).only_enforce_if(b.present)


def _weekly(model: cp_model.CpModel, grid: Grid, units: list[Unit], vs: dict[str, _Var],
            objective: list[cp_model.LinearExprT]) -> None:
    """Budgets (caps and floors) and max-hours boundaries, week by week."""
    limited = {b.area for b in grid.problem.budgets} | {
        b.area for b in grid.problem.boundaries if b.kind is BoundaryKind.MAX_HOURS}
    load: dict[tuple[str, int], list[cp_model.LinearExprT]] = {}
    for u in units:
        if u.area not in limited:
            continue
        v = vs[u.key]
        if u.kind is SessionKind.HABIT and u.week is not None:
            load.setdefault((u.area, u.week), []).append(v.present * u.length)
            continue
        weeks = sorted({grid.week_of(s) for a, b in grid.starts(u.area, u.length, u.lo, u.hi)
                        for s in (a, b)})
        weeks = list(range(weeks[0], weeks[-1] + 1)) if weeks else []
        flags = []
        for w in weeks:
            a, b = grid.week_slots(w)
            flag = model.new_bool_var(f"w{w}_{u.key}")
            model.add_hint(flag, v.hint is not None and grid.week_of(v.hint) == w)
            model.add_linear_constraint(v.start, a, b - 1).only_enforce_if(flag)
            load.setdefault((u.area, w), []).append(flag * u.length)
            flags.append(flag)
        model.add(sum(flags) == v.present)
    for week in range(grid.problem.weeks):
        for area in limited:
            terms = load.get((area, week))
            if not terms:
                _floor_only(grid, area, week, objective)
                continue
            used = sum(terms)
            cap, hard = grid.cap_slots(area)
            if cap is not None and hard:
                model.add(used <= cap)
            elif cap is not None:
                over = model.new_int_var(0, 7 * grid.per_day, f"over_{area}_{week}")
                model.add(over >= used - cap)
                objective.append(-over * OVERFLOW_PENALTY)
            floor = grid.floor_slots(area, week)
            if floor:
                short = model.new_int_var(0, floor, f"short_{area}_{week}")
                model.add(short >= floor - used)
                objective.append(-short * FLOOR_PENALTY)
            for rule in grid.problem.boundaries:
                if rule.kind is BoundaryKind.MAX_HOURS and rule.area == area:
                    model.add(used <= grid.max_hours_slots(rule, week))


def _floor_only(grid: Grid, area: str, week: int, objective: list[cp_model.LinearExprT]
                ) -> None:
    """A floor with nothing that could meet it is a constant penalty: keep the bound honest."""
    objective.append(-grid.floor_slots(area, week) * FLOOR_PENALTY)


def _capacity_cuts(model: cp_model.CpModel, grid: Grid, units: list[Unit],
                   vs: dict[str, _Var]) -> None:
    """Redundant energy limits that tighten the solver's bound: the work due by a slot cannot
    exceed the time usable before it, for every area alone, for all areas, and for all areas
    but one (time reserved for one area is then left out)."""
    used = sorted({u.area for u in units})
    groups = [frozenset([a]) for a in used] + [frozenset(used)]
    groups += [frozenset(used) - {a} for a in used if len(used) > 2]
    deadlines = sorted({u.hi for u in units if u.hi < grid.size} | {grid.size})
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
                room = min(room, sum(_week_limit(grid, area, w) for w in weeks))
            model.add(_load(vs, due) <= room)
        for week in range(grid.problem.weeks):  # habits and late-starting tasks, week by week
            first, last = grid.week_slots(week)
            inside = [u for u in mine if u.lo >= first and u.hi <= last]
            if inside:
                model.add(_load(vs, inside) <= prefix[last] - prefix[first])


def _week_limit(grid: Grid, area: str, week: int) -> int:
    """The most slots an area may have in a week under its hard cap and max-hours rules."""
    cap, hard = grid.cap_slots(area)
    limits = [7 * grid.per_day, *([cap] if cap is not None and hard else [])]
    limits += [grid.max_hours_slots(b, week) for b in grid.problem.boundaries
               if b.kind is BoundaryKind.MAX_HOURS and b.area == area]
    return min(limits)


def _load(vs: dict[str, _Var], units: list[Unit]) -> cp_model.LinearExpr:
    return cp_model.LinearExpr.weighted_sum([vs[u.key].present for u in units],
                                            [u.length for u in units])


def _prefix(mask: bytearray) -> list[int]:
    out = [0]
    for v in mask:
        out.append(out[-1] + v)
    return out
