"""Benchmark: `cairn status`, `review --summary` and every listing on a long history.

Three years of daily check-ins and time logs (three entries a day), 2,000 tasks
under 40 goals with milestones; each command runs as a whole process several
times. Target: `cairn status` and every listing within 0.2 s of CPU (the ratio columns
are median / target, of the wall clock and of the CPU time: a CPU ratio of at most 1.0
meets it; on a busy shared machine the wall clock mostly measures the wait for a CPU).
`--help` shows the floor that process start-up sets on this machine.

    .venv/bin/python -m benchmarks.status [--runs 7] [--keep PATH]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.foundation import compiled
from sqlalchemy import insert

from cairn.services.app import Cairn
from cairn.store.tables import Base, GoalRow, MilestoneRow, TaskRow
from cairn.store.track_tables import CheckInRatingRow, CheckInRow, TimeEntryRow

TARGET_S = 0.2
COMMANDS = (["status"], ["review", "--summary"], ["goal", "list"], ["goal", "tree"],
            ["task", "list"], ["milestone", "list"], ["checkin", "list"], ["log", "list"],
            ["win", "list"], ["review", "list"], ["area", "list"], ["--help"])
YEARS = 3
TASKS = 2000
GOALS = 40


def build(url: str) -> dict[str, int]:
    """Fill a fresh database; returns row counts."""
    app = Cairn.open(url)
    app.profile.init("Bench Mark", "mid-career", 38)
    today = dt.date.today()  # noqa: DTZ011 - the CLI runs on today's date
    rows = history([a.id for a in app.profile.areas()], today, 365 * YEARS, random.Random(6))
    with app.scope.write() as s:  # bulk rows name their person and ids themselves
        me = app.scope.person_id
        for table, some in rows:
            s.execute(insert(table), [row | {"person_id": me} for row in some])
    app.close()
    counts = {table: len(some) for table, some in rows}
    return {"goals": counts[GoalRow], "tasks": counts[TaskRow],
            "check-ins": counts[CheckInRow], "time entries": counts[TimeEntryRow]}


def history(areas: list[int], today: dt.date, days: int, rng: random.Random, *,
            goals: int = GOALS, tasks: int = TASKS, label: str = ""
            ) -> list[tuple[type[Base], list[dict[str, Any]]]]:
    """One person's rows over ``days`` days up to ``today``, without their ``person_id``
    (bulk rows name it and their ids themselves): ``goals`` goals with three milestones
    each, ``tasks`` tasks (a third open), a check-in a day rating three areas, and three
    time entries a day. ``areas`` are the person's area ids; ``label`` ends every goal's,
    milestone's and task's title (to tell people apart)."""
    start = today - dt.timedelta(days=days)
    created = dt.datetime.combine(start, dt.time(9))
    goal_rows = [{"id": g + 1, "area_id": areas[g % len(areas)], "parent_id": None,
                  "horizon": "short-term", "title": f"Goal {g + 1}{label}", "why": "growth",
                  "priority": ("high", "medium", "low")[g % 3], "status": "active",
                  "created_at": created, "deadline": today + dt.timedelta(days=90 + g)}
                 for g in range(goals)]
    milestones = [{"id": m + 1, "goal_id": m % goals + 1, "title": f"Milestone {m + 1}{label}",
                   "due": start + dt.timedelta(days=10 * m), "done_at": None}
                  for m in range(goals * 3)]
    task_rows = [{"id": t + 1, "goal_id": t % goals + 1, "milestone_id": None,
                  "title": f"Task {t + 1}{label}", "estimate_hours": 1.0 + t % 5, "due": None,
                  "earliest_start": None, "status": "done" if t % 3 else "open",
                  "done_at": created + dt.timedelta(hours=12 * t) if t % 3 else None,
                  "created_at": created} for t in range(tasks)]
    checkins: list[dict[str, Any]] = []
    ratings: list[dict[str, Any]] = []
    logs: list[dict[str, Any]] = []
    for n in range(days):
        day = start + dt.timedelta(days=n)
        checkins.append({"id": n + 1, "at": dt.datetime.combine(day, dt.time(20)),
                         "energy": rng.randint(3, 9), "stress": rng.randint(1, 8),
                         "hours_worked": rng.choice([None, 38.0, 42.0]), "note": "",
                         "score": 60.0})
        ratings += [{"id": len(ratings) + i + 1, "checkin_id": n + 1, "area_id": a,
                     "satisfaction": rng.randint(3, 9)} for i, a in enumerate(areas[:3])]
        logs += [{"id": len(logs) + i + 1, "area_id": rng.choice(areas),
                  "task_id": rng.choice([None, n % tasks + 1]), "habit_id": None,
                  "on": day, "minutes": rng.choice([30, 60, 90, 120]), "note": "",
                  "created_at": dt.datetime.combine(day, dt.time(21))} for i in range(3)]
    return [(GoalRow, goal_rows), (MilestoneRow, milestones), (TaskRow, task_rows),
            (CheckInRow, checkins), (CheckInRatingRow, ratings), (TimeEntryRow, logs)]


def timed(args: list[str], runs: int, env: dict[str, str] | None = None
          ) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds of each run of ``cairn ARGS`` as a separate process.

    CPU time (user + system of the child) is reported too: on a shared, loaded
    machine it says more about Cairn than the wall clock does.
    """
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        began = time.perf_counter()
        subprocess.run([sys.executable, "-m", "cairn", *args], check=True,
                       capture_output=True, env={"COLUMNS": "120", "PATH": ""} | (env or {}))
        walls.append(time.perf_counter() - began)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return walls, cpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="Keep the database at this path.")
    parser.add_argument("--people", type=int, default=1000,
                        help="People in the shared-database comparison (0: skip it).")
    opts = parser.parse_args()
    compiled()
    folder = Path(tempfile.mkdtemp(prefix="cairn-bench-"))
    path = opts.keep or folder / "bench.db"
    url = f"sqlite:///{path}"
    began = time.perf_counter()
    counts = build(url)
    print(f"built {counts} in {time.perf_counter() - began:.1f} s")
    print(f"load average {' '.join(f'{n:.2f}' for n in os.getloadavg())}")
    print(f"{'command':<28}{'median':>9}{'min':>9}{'max':>9}{'cpu median':>12}"
          f"{'wall ratio':>11}{'cpu ratio':>10}  target {TARGET_S} s of CPU")
    missed = []
    for args in COMMANDS:
        label = "cairn " + " ".join(args)
        times, cpu = timed(["--db", url, *args], opts.runs)
        ratio = statistics.median(times) / TARGET_S
        cpu_ratio = statistics.median(cpu) / TARGET_S
        if cpu_ratio > 1 and args != ["--help"]:
            missed.append(label)
        print(f"{label:<28}{statistics.median(times):>8.3f}s{min(times):>8.3f}s"
              f"{max(times):>8.3f}s{statistics.median(cpu):>11.3f}s{ratio:>11.2f}"
              f"{cpu_ratio:>10.2f}")
    print(f"load average {' '.join(f'{n:.2f}' for n in os.getloadavg())}")
    print("every listing and status within the target (CPU): "
          + ("met" if not missed else "MISSED by " + ", ".join(missed)))
    if opts.people > 1:
        crowd(url, path.with_name("crowd.db"), opts.people, opts.runs)


def crowd(url: str, copy: Path, people: int, runs: int) -> None:
    """The same person in a database of ``people`` people, against the database of one,
    run alternately in one run: the ratio should stay within 1.10."""
    import shutil

    from benchmarks.crowd import add_people

    shutil.copy(url.removeprefix("sqlite:///"), copy)
    crowd_url = f"sqlite:///{copy}"
    began = time.perf_counter()
    rows = add_people(crowd_url, people - 1)
    print(f"\n{people} people: {rows} rows for the other {people - 1} in "
          f"{time.perf_counter() - began:.1f} s (the person measured is person 1)")
    print(f"{'command':<28}{'1 person':>10}{f'{people} people':>14}{'ratio':>8}  target 1.10")
    for args in (["status"], ["task", "list"], ["goal", "list"], ["checkin", "list"]):
        alone, shared = [], []
        for _ in range(runs):  # alternate, so load changes hit both alike
            alone += timed(["--db", url, *args], 1)[0]
            shared += timed(["--db", crowd_url, *args], 1, {"CAIRN_PERSON": "1"})[0]
        ratio = statistics.median(shared) / statistics.median(alone)
        print(f"{'cairn ' + ' '.join(args):<28}{statistics.median(alone):>9.3f}s"
              f"{statistics.median(shared):>13.3f}s{ratio:>8.2f}  "
              f"{'met' if ratio <= 1.10 else 'MISSED'}")


if __name__ == "__main__":
    main()
