"""Planning end to end: greedy first, CP-SAT to improve it, checks, shortfalls, trade-offs."""

from __future__ import annotations

import time

from cairn.core.planning.check import plan_problems
from cairn.core.planning.greedy import Placement, accepted_lengths, place_greedy
from cairn.core.planning.grid import Grid
from cairn.core.planning.model import Plan, Problem, Session, SessionKind
from cairn.core.planning.overcommit import empty_floors, later, shortfalls
from cairn.core.planning.solver import moved, solve
from cairn.core.planning.tradeoffs import trade_offs


def accepted_starts(grid: Grid) -> dict[str, int]:
    """Accepted sessions still ahead: unit key -> start slot."""
    return {s.key: grid.slot(s.start) for s in grid.problem.accepted
            if s.start >= grid.problem.start}


def make_plan(problem: Problem, *, seconds: float = 2.0, use_solver: bool = True,
              workers: int = 2, explain: bool = True, work: float | None = None) -> Plan:
    """The best plan found within about ``seconds`` in all; never worse than the greedy plan.
    ``work`` also caps the solver's deterministic time (see `solve`), for repeatable plans."""
    started = time.perf_counter()
    grid = Grid(problem)
    accepted = accepted_starts(grid)
    placement, method, status = place_greedy(grid, accepted), "greedy", "FEASIBLE"
    objective = bound = None
    if use_solver and placement is not None:
        spent = time.perf_counter() - started
        # what follows the solver (a greedy top-up, the checks, the shortfalls) takes about
        # as long as the greedy plan did: leave that much of the limit for it
        left = max(0.2, seconds - 2 * spent - 0.02)
        result = solve(grid, placement, accepted, seconds=left, workers=workers,
                       work=work)
        solved = top_up(grid, result.placement)
        candidate = to_plan(grid, solved, "cp-sat")
        if solved and not plan_problems(grid, candidate) and _hours(solved) >= _hours(placement):
            placement, method = solved, "cp-sat"
            objective, bound = result.objective, result.bound
        status = result.status
    plan = to_plan(grid, placement, method)
    missing = shortfalls(grid, placement)
    return Plan(plan.sessions, tuple(missing), method, status, objective, bound,
                time.perf_counter() - started, moved(placement, accepted, accepted_lengths(grid)),
                tuple(trade_offs(problem, missing, placement)) if explain and missing else (),
                tuple(later(grid, placement)), tuple(empty_floors(grid, placement)))


def top_up(grid: Grid, placement: Placement) -> Placement:
    """The solver's placement with whatever else still fits added by the greedy planner, which
    keeps every session the solver placed. The solver may stop at its time limit with a
    feasible plan that leaves room (under CPU load it often does): without this, re-planning
    the accepted plan would fill that room and the plan would change although nothing did."""
    if not placement:
        return placement
    filled = place_greedy(grid, {k: start for k, (start, _) in placement.items()},
                          {k: length for k, (_, length) in placement.items()})
    # compared by time, not key: a habit's sessions are renumbered in time order
    return filled if set(placement.values()) <= set(filled.values()) else placement


def _hours(placement: Placement) -> int:
    return sum(n for _, n in placement.values())


def to_plan(grid: Grid, placement: Placement, method: str) -> Plan:
    """Sessions in time order from a placement."""
    titles = {f"task:{t.id}": (t.title, t.area) for t in grid.problem.tasks}
    titles.update({f"habit:{h.id}": (h.title, h.area) for h in grid.problem.habits})
    sessions = []
    for key, (start, length) in placement.items():
        kind, ref = key.split(":")[:2]
        title, area = titles[f"{kind}:{ref}"]
        sessions.append(Session(key, SessionKind(kind), int(ref), title, area,
                                grid.time(start), grid.time(start + length)))
    sessions.sort(key=lambda s: (s.start, s.key))
    return Plan(tuple(sessions), (), method)
