"""Benchmark of the planner: 200 tasks and 10 habits over 12 weeks.

Run: .venv/bin/python -m benchmarks.plan [--seconds 10] [--runs 3]

Reports the time to a first feasible plan (greedy, and CP-SAT's first
solution), the quality after the time limit against the solver's own bound,
greedy against CP-SAT in one table, and a re-plan after one changed task.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import random
import statistics
import time

from cairn.core.planning.check import plan_problems
from cairn.core.planning.greedy import place_greedy
from cairn.core.planning.grid import Grid
from cairn.core.planning.model import (
    Boundary,
    BoundaryKind,
    Budget,
    DayPart,
    Habit,
    Overflow,
    Problem,
    Window,
    WindowKind,
    WorkItem,
)
from cairn.core.planning.overcommit import later, shortfalls
from cairn.core.planning.planner import accepted_starts, make_plan, to_plan
from cairn.core.planning.solver import solve

START = dt.datetime(2026, 11, 23, 8, 0)
AREAS = ("career", "learning", "passion", "health", "relationships", "rest", "community")


def scenario(seed: int = 7) -> Problem:
    rng = random.Random(seed)
    windows = (*(Window(d, 18 * 60, 22 * 60) for d in range(5)),
               *(Window(d, 9 * 60, 18 * 60) for d in (5, 6)),
               *(Window(d, 9 * 60, 17 * 60, WindowKind.WORK) for d in range(5)))
    tasks = []
    for tid in range(1, 201):
        deps = tuple(rng.sample(range(max(1, tid - 15), tid), k=1)) if (
            tid > 2 and rng.random() < 0.25) else ()
        due = START.date() + dt.timedelta(days=rng.randint(10, 84)) if rng.random() < 0.6 else None
        earliest = START.date() + dt.timedelta(days=rng.randint(0, 30)) if (
            rng.random() < 0.15) else None
        if due and earliest and earliest > due:
            earliest = None
        tasks.append(WorkItem(tid, f"task {tid}", rng.choice(AREAS[:3]),
                              rng.choice([0.5, 1, 1, 1.5, 1.5, 2, 2, 3]), earliest, due, deps,
                              rng.randint(1, 25), rng.choice([2, 3, 3, 4])))
    habits = tuple(Habit(i, f"habit {i}", rng.choice(AREAS[2:]), rng.randint(1, 3),
                         30, rng.choice([30, 45, 60]), rng.choice(list(DayPart)))
                   for i in range(1, 11))
    return Problem(
        START, 12, windows, tuple(tasks), habits,
        budgets=(Budget("career", 0, 10), Budget("health", 3), Budget("learning", 2, 12,
                                                                      Overflow.ALLOW)),
        boundaries=(Boundary(BoundaryKind.CUTOFF, "career", after=20 * 60),
                    Boundary(BoundaryKind.RESERVE, "relationships", weekday=6, start=9 * 60,
                             end=13 * 60),
                    Boundary(BoundaryKind.MAX_HOURS, "career", hours=48)),
        areas=AREAS)


def stats(values: list[float]) -> str:
    return f"{statistics.median(values):8.3f} {min(values):8.3f} {max(values):8.3f}"


def _row(grid: Grid, name: str, place: dict[str, tuple[int, int]], objective: float,
         bound: float) -> str:
    miss = shortfalls(grid, place)
    task_miss = sum(s.missing_hours for s in miss if s.kind == "task")
    after = later(grid, place)
    unfinished = {s.ref for s in miss if s.kind == "task"} | {s.ref for s in after}
    done = sum(1 for t in grid.problem.tasks if str(t.id) not in unfinished)
    habit_miss = sum(s.missing_hours for s in miss if s.kind == "habit")
    floor_miss = sum(s.missing_hours for s in miss if s.kind == "floor")
    gap = (bound - objective) / abs(bound) if bound else float("nan")
    return (f"{name:8} {sum(n for _, n in place.values()) / 2:8g} {done:6d} {task_miss:9g} "
            f"{sum(s.missing_hours for s in after):8g} {habit_miss:10g} {floor_miss:10g} "
            f"{objective:14.0f} {gap:8.2%}")


def quality(grid: Grid, seconds: float, runs: int) -> None:
    """Greedy and CP-SAT side by side, scored on the solver's objective and its best bound."""
    greedy_times = []
    for _ in range(max(3, runs)):
        t0 = time.perf_counter()
        placement = place_greedy(grid)
        greedy_times.append(time.perf_counter() - t0)
    assert not plan_problems(grid, to_plan(grid, placement, "greedy"))
    scored = solve(grid, placement, seconds=10, workers=2, fixed=True)
    results = []
    for run in range(runs):
        result = solve(grid, placement, seconds=seconds, workers=2, seed=run)
        assert not plan_problems(grid, to_plan(grid, result.placement, "cp-sat"))
        results.append(result)
    print("\nseconds                         median      min      max")
    print(f"greedy plan (first feasible)  {stats(greedy_times)}")
    print(f"CP-SAT first solution         "
          f"{stats([r.first_solution_seconds or float('nan') for r in results])}")
    print(f"CP-SAT total ({seconds:g} s limit)    {stats([r.seconds for r in results])}")
    best = max(results, key=lambda r: r.objective or 0)
    print("\n'tasks' were placed in full; 'task miss' are hours that miss a deadline in the "
          "12 weeks, 'later' hours of tasks due after them (or never) that go on after them.")
    print("method   placed h  tasks  task miss   later  habit miss  floor miss      objective  gap")
    print(_row(grid, "greedy", placement, scored.objective or 0, best.bound or 0))
    print(_row(grid, "cp-sat", best.placement, best.objective or 0, best.bound or 0))
    gaps = [((r.bound or 0) - (r.objective or 0)) / abs(r.bound or 1) for r in results]
    print(f"CP-SAT gap to its own bound after {seconds:g} s: {stats(gaps)} (fraction)")
    print("CP-SAT search started from: " + ", ".join(sorted({
        "the selection model's tasks placed first" if r.hint == "selection"
        else "the greedy plan" for r in results})))


def replan(problem: Problem, seconds: float, runs: int) -> None:
    """Accept a plan, change one task's estimate, plan again: time and sessions moved."""
    base = make_plan(problem, seconds=seconds, explain=False)
    changed_task = dataclasses.replace(problem.tasks[40], hours=problem.tasks[40].hours + 2)
    changed = dataclasses.replace(
        problem, accepted=base.sessions,
        tasks=tuple(changed_task if t.id == changed_task.id else t for t in problem.tasks))
    accepted = accepted_starts(Grid(changed))
    for label, use_solver, limit in (("greedy", False, 0.0), ("cp-sat 1 s", True, 1.0)):
        times, moved = [], []
        for _ in range(runs):
            plan = make_plan(changed, seconds=limit, use_solver=use_solver, explain=False)
            times.append(plan.seconds)
            moved.append(plan.moved)
        print(f"re-plan after one changed task ({label}): {stats(times)} s; moved "
              f"{statistics.median(moved):g} of {len(accepted)} accepted sessions "
              f"({statistics.median(moved) / len(accepted):.1%})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    problem = scenario()
    grid = Grid(problem)
    wanted = sum(grid.task_slots(t) for t in problem.tasks) / 2
    print(f"200 tasks ({wanted:g} h), 10 habits, 12 weeks, {grid.size} slots of 30 min")
    quality(grid, args.seconds, args.runs)
    replan(problem, args.seconds, args.runs)
    t0 = time.perf_counter()
    plan = make_plan(problem, use_solver=False)
    print(f"overcommitment report with trade-offs: {time.perf_counter() - t0:.2f} s, "
          f"{len(plan.trade_offs)} trade-offs")


if __name__ == "__main__":
    main()
