"""The CP-SAT model: optional interval variables on the slot grid, seeded by a greedy plan.

Each unit (a task session or a habit session) is an optional interval whose start may only
take slots where its area is allowed, inside its window, and which chooses its length within
its range (an interval of variable size: one literal per length, each with the starts where
that length fits). One no-overlap constraint keeps the person in one place at a time.
Sessions of a task follow each other and together take no more than the task; a task starts
after the tasks it depends on are done. Weekly caps and max-hours boundaries are hard
(unless a budget allows overflow); floors are soft and counted.

The objective values placed slots by priority (a task due inside the planned weeks one point
above its goal's priority, since it is missed if it does not fit while later work only waits;
habits above any task, so a habit session is as long as room allows; of equal priority, work
due first), then keeping accepted sessions as they are, then preferred times of day, then
fewer task sessions, then earliness. Redundant capacity cuts
(`cuts.py`) give the bound the capacity that the no-overlap constraint hides from the linear
relaxation.

The search starts from the better of two greedy plans: the one given, and one that first
places the tasks the selection model (`selection.py`) chooses as worth most.
"""

from __future__ import annotations

import itertools
import time
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from cairn.core.planning.cuts import capacity_cuts
from cairn.core.planning.greedy import Placement, accepted_lengths, place_greedy
from cairn.core.planning.grid import Grid, Run
from cairn.core.planning.model import BoundaryKind, DayPart, SessionKind
from cairn.core.planning.selection import select_tasks
from cairn.core.planning.units import Unit, habit_units, task_units

VALUE = 100_000  # per slot and weight point; dominates every other term
MOVE_PENALTY = VALUE  # less than any slot of work: never drop work to avoid a move
FLOOR_PENALTY = 2 * VALUE
OVERFLOW_PENALTY = VALUE
PREFERENCE_BONUS = VALUE // 10
URGENCY = 10  # per slot and day a deadline lies before the plan's end: at most 1/27 of VALUE
SESSION_PENALTY = VALUE // 50  # per task session: of two plans of the same work, fewer sessions
SELECTION_SHARE = 0.15  # of the time (and work) limit, at most, spent choosing what goes first


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
    hint: str = "greedy"  # the plan the search started from: "greedy" or "selection"


class _Timeline(cp_model.CpSolverSolutionCallback):
    def __init__(self, started: float) -> None:
        super().__init__()
        self.started = started
        self.timeline: list[tuple[float, float]] = []

    def on_solution_callback(self) -> None:
        self.timeline.append((time.perf_counter() - self.started, self.objective_value))


@dataclass
class _Var:
    """A unit's variables. ``amount`` is the slots it takes (0 when left out); ``lengths``
    maps each length the unit may have to the starts where it fits, and ``choices`` each of
    those lengths to its literal when there is more than one."""

    unit: Unit
    start: cp_model.IntVar
    present: cp_model.IntVar
    amount: cp_model.LinearExprT
    size: cp_model.IntVar | int
    lengths: dict[int, list[Run]]
    choices: dict[int, cp_model.IntVar] = field(default_factory=dict)
    end: cp_model.IntVar | None = None
    interval: cp_model.IntervalVar | None = None
    hint: int | None = None  # the hinted start: every derived variable is hinted too
    hint_length: int | None = None

    @property
    def first(self) -> int:
        """The earliest start the unit could have (where an unused unit is hinted)."""
        return min(r[0][0] for r in self.lengths.values()) if self.lengths else max(
            0, self.unit.lo)


def solve(grid: Grid, hint: Placement, accepted: Mapping[str, int] | None = None, *,
          seconds: float = 5.0, workers: int = 2, seed: int = 0, fixed: bool = False,
          work: float | None = None, select: bool = True) -> SolveResult:
    """Optimise the plan for up to ``seconds``; ``hint`` is the greedy placement, replaced by
    the selection model's greedy plan when that is better (unless ``select`` is False).
    With ``fixed`` the hint is imposed, which scores it on the solver's objective.
    ``work`` also limits CP-SAT's deterministic time (roughly seconds of an unloaded machine):
    with one worker the same work gives the same plan however busy the machine is, as long as
    ``seconds`` does not run out first."""
    started = time.perf_counter()
    accepted = accepted or {}
    lengths = accepted_lengths(grid)
    tasks = task_units(grid, grid.problem.tasks)
    habits = habit_units(grid)
    units = [u for us in tasks.values() for u in us] + habits
    source = "greedy"
    if select and not fixed:
        hint, source = _best_hint(grid, tasks, habits, hint, accepted, lengths, seconds=seconds,
                                  work=work, seed=seed)
    model = cp_model.CpModel()
    vs: dict[str, _Var] = {}
    objective: list[cp_model.LinearExprT] = []
    starts: dict[tuple[str, int, int, int], list[Run]] = {}
    for u in units:
        v = vs[u.key] = _unit_var(model, grid, u, starts)
        objective.append(v.amount * u.value(VALUE, URGENCY))
        objective.append(-v.start)  # earlier is better, all else equal
        if u.kind is SessionKind.TASK:
            objective.append(-v.present * SESSION_PENALTY)  # fewer, longer sessions
        _hint(model, v, *hint.get(u.key, (None, None)), fixed=fixed)
        if u.key in accepted:
            _stay(model, v, accepted[u.key], _kept_length(u, lengths), objective)
        if u.prefer is not DayPart.ANY:
            _prefer(model, grid, v, objective)
    model.add_no_overlap([v.interval for v in vs.values() if v.interval is not None])
    _sequence(model, grid, tasks, habits, vs)
    _weekly(model, grid, units, vs, objective)
    capacity_cuts(model, grid, units, {k: v.amount for k, v in vs.items()})
    model.maximize(sum(objective))
    # the limit covers building the model too, so that callers get the time they asked for
    solver = _solver(max(0.1, seconds - (time.perf_counter() - started)), workers, seed, work)
    callback = _Timeline(started)
    status = solver.solve(model, callback)
    result = SolveResult({}, solver.status_name(status), seconds=time.perf_counter() - started,
                         timeline=callback.timeline, hint=source)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return result
    result.objective, result.bound = solver.objective_value, solver.best_objective_bound
    result.first_solution_seconds = callback.timeline[0][0] if callback.timeline else None
    for key, v in vs.items():
        if solver.value(v.present):
            size = v.size if isinstance(v.size, int) else solver.value(v.size)
            result.placement[key] = (solver.value(v.start), size)
    result.moved = moved(result.placement, accepted, lengths)
    return result


def moved(placement: Placement, accepted: Mapping[str, int], lengths: Mapping[str, int]
          ) -> int:
    """Accepted sessions that ``placement`` does not keep: moved or dropped, or made shorter
    or longer (the length of a session is the planner's choice, within its range)."""
    return sum(1 for k, s in accepted.items()
               if placement.get(k, (None, 0))[0] != s or placement[k][1] != lengths.get(k))


def _solver(seconds: float, workers: int, seed: int, work: float | None) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    if work is not None:
        solver.parameters.max_deterministic_time = work
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    # No presolve and no probing. With task sessions of any length the model has many
    # intervals of variable size in one no-overlap: probing each literal through it took 5 s
    # of the benchmark's 10 before the search began (the hint only became a solution after
    # it), and the rest of presolve 2 s more while it weakened the bound (it drops the
    # redundant capacity cuts): on the benchmark the first solution now comes after about a
    # second and the gap after 10 s is 0.6 % instead of 1.6 %.
    solver.parameters.cp_model_presolve = False
    solver.parameters.cp_model_probing_level = 0
    return solver


def _best_hint(grid: Grid, tasks: dict[int, list[Unit]], habits: list[Unit], hint: Placement,
               accepted: Mapping[str, int], lengths: Mapping[str, int], *, seconds: float,
               work: float | None, seed: int) -> tuple[Placement, str]:
    """The given hint, or a greedy plan of the selection model's tasks first when that scores
    higher on the objective's main terms."""
    chosen = select_tasks(grid, tasks, habits, hint, seconds=seconds * SELECTION_SHARE,
                          work=None if work is None else work * SELECTION_SHARE, seed=seed)
    if chosen is None:
        return hint, "greedy"
    other = place_greedy(grid, accepted, lengths, first=chosen)
    units = {u.key: u for us in tasks.values() for u in us} | {u.key: u for u in habits}
    if _score(grid, units, other, accepted, lengths) > _score(grid, units, hint, accepted,
                                                             lengths):
        return other, "selection"
    return hint, "greedy"


def _score(grid: Grid, units: Mapping[str, Unit], placement: Placement,
           accepted: Mapping[str, int], lengths: Mapping[str, int]) -> int:
    """A plan's objective without the small terms (preferred times, earliness): placed slots
    by priority, accepted sessions kept, floors and overflow."""
    value = 0
    load: dict[tuple[str, int], int] = defaultdict(int)
    for key, (start, length) in placement.items():
        unit = units.get(key)
        if unit is not None:
            value += length * unit.value(VALUE, URGENCY)
            load[unit.area, grid.week_of(start)] += length
    value += MOVE_PENALTY * sum(
        1 for k, s in accepted.items()
        if k in units and placement.get(k) == (s, _kept_length(units[k], lengths)))
    for area in {b.area for b in grid.problem.budgets}:
        cap, hard = grid.cap_slots(area)
        for week in range(grid.problem.weeks):
            used = load[area, week]
            value -= FLOOR_PENALTY * max(0, grid.floor_slots(area, week) - used)
            if cap is not None and not hard:
                value -= OVERFLOW_PENALTY * max(0, used - cap)
    return value


def _kept_length(unit: Unit, lengths: Mapping[str, int]) -> int:
    """The length an accepted session keeps: a habit's accepted length within its range."""
    return max(unit.min_length, min(unit.length, lengths.get(unit.key, unit.length)))


def _domain(ranges: list[Run]) -> cp_model.Domain:
    return cp_model.Domain.from_intervals([[a, b] for a, b in ranges])


def _unit_var(model: cp_model.CpModel, grid: Grid, u: Unit,
              starts: dict[tuple[str, int, int, int], list[Run]]) -> _Var:
    """A unit's variables; ``starts`` remembers where each length fits (a task's sessions
    share their area and window, and so their starts)."""
    for n in range(u.min_length, u.length + 1):
        if (u.area, n, u.lo, u.hi) not in starts:
            starts[u.area, n, u.lo, u.hi] = grid.starts(u.area, n, u.lo, u.hi)
    fits = {n: starts[u.area, n, u.lo, u.hi] for n in range(u.min_length, u.length + 1)}
    fits = {n: ranges for n, ranges in fits.items() if ranges}
    if not fits:  # nowhere to go: fixed variables of its own, never shared constants,
        # since CP-SAT rejects a model that hints one variable twice (MODEL_INVALID)
        lo = max(0, u.lo)
        present = model.new_int_var(0, 0, f"p_{u.key}")
        return _Var(u, model.new_int_var(lo, lo, f"s_{u.key}"), present, present, u.length, {})
    shortest = min(fits)  # a shorter session fits wherever a longer one does, and more
    start = model.new_int_var_from_domain(_domain(fits[shortest]), f"s_{u.key}")
    present = model.new_bool_var(f"p_{u.key}")
    if len(fits) == 1:
        interval = model.new_optional_fixed_size_interval_var(start, shortest, present,
                                                              f"i_{u.key}")
        return _Var(u, start, present, present * shortest, shortest, fits, interval=interval)
    choices = {n: model.new_bool_var(f"n{n}_{u.key}") for n in fits}
    model.add(sum(choices.values()) == present)
    for n, literal in choices.items():
        if fits[n] != fits[shortest]:
            model.add_linear_expression_in_domain(start, _domain(fits[n])).only_enforce_if(
                literal)
    amount = cp_model.LinearExpr.weighted_sum(list(choices.values()), list(choices))
    size = model.new_int_var(shortest, max(fits), f"n_{u.key}")
    model.add(size == amount).only_enforce_if(present)
    end = model.new_int_var(0, grid.size, f"e_{u.key}")
    interval = model.new_optional_interval_var(start, size, end, present, f"i_{u.key}")
    return _Var(u, start, present, amount, size, fits, choices, end, interval)


def _hint(model: cp_model.CpModel, v: _Var, start: int | None, length: int | None, *,
          fixed: bool) -> None:
    """Hint (or with ``fixed`` impose) a unit's place, or its absence when ``start`` is None."""
    if isinstance(v.size, int) and not v.lengths:
        return  # fixed variables need no hint
    placed = start is not None and length is not None and length in v.lengths
    at = start if placed and start is not None else v.first
    n = length if placed and length is not None else min(v.lengths)
    v.hint, v.hint_length = (at, n) if placed else (None, None)
    model.add_hint(v.start, at)
    model.add_hint(v.present, placed)
    for m, literal in v.choices.items():
        model.add_hint(literal, placed and m == n)
    if not isinstance(v.size, int):
        model.add_hint(v.size, n)
    if v.end is not None:
        model.add_hint(v.end, at + n)
    if fixed:
        model.add(v.present == int(placed))
        if placed:
            model.add(v.start == at)
            if v.choices:
                model.add(v.choices[n] == 1)


def _stay(model: cp_model.CpModel, v: _Var, start: int, length: int,
          objective: list[cp_model.LinearExprT]) -> None:
    """Reward keeping an accepted session where it is, a habit's also at its length."""
    if length not in v.lengths:
        return  # it cannot be kept as it was
    stay = model.new_bool_var(f"stay_{v.unit.key}")
    model.add_hint(stay, v.hint == start and v.hint_length == length)
    model.add(v.start == start).only_enforce_if(stay)
    model.add_implication(stay, v.present)
    if v.choices:
        model.add_implication(stay, v.choices[length])
    objective.append(stay * MOVE_PENALTY)


def _prefer(model: cp_model.CpModel, grid: Grid, v: _Var,
            objective: list[cp_model.LinearExprT]) -> None:
    lo, hi = v.unit.prefer.minutes
    liked_starts: dict[int, list[Run]] = {}
    for n, fits in v.lengths.items():
        ranges = []
        for a, b in fits:
            base = a // grid.per_day * grid.per_day  # runs of start slots lie within one day
            first, last = base + lo // grid.step, base + hi // grid.step - n
            if a <= last and b >= first:
                ranges.append((max(a, first), min(b, last)))
        liked_starts[n] = ranges
    if not any(liked_starts.values()):
        return  # the preferred time is never free: no bonus to hope for
    liked = model.new_bool_var(f"pref_{v.unit.key}")
    model.add_hint(liked, v.hint is not None and v.hint_length is not None and any(
        a <= v.hint <= b for a, b in liked_starts[v.hint_length]))
    model.add_implication(liked, v.present)
    for n, ranges in liked_starts.items():
        literals = [liked, v.choices[n]] if v.choices else [liked]
        if ranges:
            model.add_linear_expression_in_domain(v.start, _domain(ranges)).only_enforce_if(
                literals)
        else:
            model.add_bool_or([~lit for lit in literals])
    objective.append(liked * PREFERENCE_BONUS)


def _sequence(model: cp_model.CpModel, grid: Grid, tasks: dict[int, list[Unit]],
              habits: list[Unit], vs: dict[str, _Var]) -> None:
    """A task's sessions in order and within its work, dependencies before dependents, habit
    days distinct."""
    for us in tasks.values():
        for prev, nxt in itertools.pairwise(us):
            a, b = vs[prev.key], vs[nxt.key]
            model.add_implication(b.present, a.present)
            model.add(b.start >= a.start + a.size).only_enforce_if(b.present)
        if sum(u.length for u in us) > us[0].total:
            model.add(sum(vs[u.key].amount for u in us) <= us[0].total)
    for task in grid.problem.tasks:
        first = vs[tasks[task.id][0].key]
        for dep in task.depends_on:
            if dep not in tasks:
                continue  # done, dropped or not planned: nothing to wait for
            before = tasks[dep]
            model.add(sum(vs[u.key].amount for u in before) == before[0].total
                      ).only_enforce_if(first.present)
            for u in before:  # after whichever of its sessions is the last
                last = vs[u.key]
                model.add(first.start >= last.start + last.size).only_enforce_if(
                    [first.present, last.present])
    groups: dict[tuple[int, int | None], list[Unit]] = {}
    for u in habits:
        groups.setdefault((u.ref_id, u.week), []).append(u)
    for us in groups.values():
        days = []
        for u in us:
            v = vs[u.key]
            day = model.new_int_var(0, grid.days, f"d_{u.key}")
            model.add_hint(day, (v.first if v.hint is None else v.hint) // grid.per_day)
            model.add_division_equality(day, v.start, grid.per_day)
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
    load, hinted = _loads(model, grid, [u for u in units if u.area in limited], vs)
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
                model.add_hint(over, max(0, hinted[area, week] - cap))
                model.add(over >= used - cap)
                objective.append(-over * OVERFLOW_PENALTY)
            floor = grid.floor_slots(area, week)
            if floor:
                short = model.new_int_var(0, floor, f"short_{area}_{week}")
                model.add_hint(short, max(0, floor - hinted[area, week]))
                model.add(short >= floor - used)
                objective.append(-short * FLOOR_PENALTY)
            for rule in grid.problem.boundaries:
                if rule.kind is BoundaryKind.MAX_HOURS and rule.area == area:
                    model.add(used <= grid.max_hours_slots(rule, week))


def _loads(model: cp_model.CpModel, grid: Grid, units: list[Unit], vs: dict[str, _Var]
           ) -> tuple[dict[tuple[str, int], list[cp_model.LinearExprT]],
                      dict[tuple[str, int], int]]:
    """Slots of each area in each week, as terms and as hinted: a task session's week is
    chosen by one literal per week its window spans (when it spans more than one)."""
    load: dict[tuple[str, int], list[cp_model.LinearExprT]] = {}
    hinted: dict[tuple[str, int], int] = defaultdict(int)
    for u in units:
        v = vs[u.key]
        if v.hint is not None and v.hint_length is not None:
            hinted[u.area, grid.week_of(v.hint)] += v.hint_length
        if u.kind is SessionKind.HABIT and u.week is not None:
            load.setdefault((u.area, u.week), []).append(v.amount)
            continue
        if not v.lengths:
            continue  # it has nowhere to go
        first = grid.week_of(min(runs[0][0] for runs in v.lengths.values()))
        last = grid.week_of(max(runs[-1][1] for runs in v.lengths.values()))
        if first == last:
            load.setdefault((u.area, first), []).append(v.amount)
            continue
        flags, terms = [], []
        for w in range(first, last + 1):
            a, b = grid.week_slots(w)
            flag = model.new_bool_var(f"w{w}_{u.key}")
            in_week = v.hint is not None and grid.week_of(v.hint) == w
            model.add_hint(flag, in_week)
            model.add_linear_constraint(v.start, a, b - 1).only_enforce_if(flag)
            if isinstance(v.size, int):
                term: cp_model.LinearExprT = flag * v.size
            else:  # a session of a chosen length: its slots count in the week it lies in
                term = model.new_int_var(0, u.length, f"a{w}_{u.key}")
                model.add(term <= u.length * flag)
                model.add_hint(term, v.hint_length if in_week and v.hint_length else 0)
                terms.append(term)
            load.setdefault((u.area, w), []).append(term)
            flags.append(flag)
        model.add(sum(flags) == v.present)
        if terms:
            model.add(sum(terms) == v.amount)
    return load, hinted


def _floor_only(grid: Grid, area: str, week: int, objective: list[cp_model.LinearExprT]
                ) -> None:
    """A floor with nothing that could meet it is a constant penalty: keep the bound honest."""
    objective.append(-grid.floor_slots(area, week) * FLOOR_PENALTY)
