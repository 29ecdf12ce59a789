"""Foundation benchmark: `cairn --help`, `task list`, `goal tree` on 1,000 goals, 10,000 tasks.

Beside them, in the same run, Taskwarrior lists the same 10,000 tasks with `task list`,
in turn with `cairn task list` (one run of each, then again), so that a machine's changing
load hits both alike; their wall-clock and CPU ratios are printed.
Every command runs as a whole process, several times; the table shows median, min, max.

    .venv/bin/python -m benchmarks.foundation [--runs 7]

Needs Taskwarrior (`apt-get install taskwarrior`); without it the comparison row says so.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cairn.services.app import Cairn
from cairn.services.transfer import FORMAT, SCHEMA_VERSION, encode

GOALS, TASKS = 1_000, 10_000
CAIRN = str(Path(sys.executable).with_name("cairn"))
AREAS = ["career", "learning", "passion", "health", "relationships", "finance", "rest",
         "community"]


def export_document() -> dict[str, object]:
    """An export holding 1,000 goals (in trees) and 10,000 tasks, built without the CLI."""
    at = "2026-11-23T10:00:00"
    areas = [{"id": i + 1, "key": k, "name": k.title(), "archived": False}
             for i, k in enumerate(AREAS)]
    goals = []
    for gid in range(1, GOALS + 1):
        horizon = "vision" if gid % 50 == 1 else "long-term" if gid % 10 == 1 else "short-term"
        parent = None if horizon == "vision" else (
            (gid - 1) // 50 * 50 + 1 if horizon == "long-term" else (gid - 1) // 10 * 10 + 1)
        goals.append({
            "id": gid, "area_id": gid % 8 + 1, "parent_id": parent, "horizon": horizon,
            "title": f"Goal {gid}", "why": "Growth", "metric_name": None, "metric_unit": None,
            "metric_baseline": None, "metric_target": None, "metric_current": None,
            "deadline": (dt.date(2027, 1, 1) + dt.timedelta(days=gid % 300)).isoformat(),
            "priority": "medium", "status": "active", "created_at": at,
        })
    tasks = [{
        "id": tid, "goal_id": (tid % GOALS) + 1, "milestone_id": None,
        "title": f"Task {tid} of the plan", "estimate_hours": 1.5, "created_at": at,
        "due": (dt.date(2027, 1, 1) + dt.timedelta(days=tid % 365)).isoformat(),
        "earliest_start": None, "status": "open", "done_at": None,
    } for tid in range(1, TASKS + 1)]
    profile = [{"id": 1, "name": "Bench", "life_stage": "mid-career", "contract_hours": 40.0,
                "created_at": at}]
    return {"format": FORMAT, "schema_version": SCHEMA_VERSION,
            "tables": {"profile": profile, "area": areas, "goal": goals, "task": tasks}}


def taskwarrior_data(folder: Path) -> dict[str, str] | None:
    """A Taskwarrior data folder with the same 10,000 pending tasks; its environment."""
    if shutil.which("task") is None:
        return None
    rc = folder / "taskrc"
    rc.write_text(f"data.location={folder / 'data'}\nconfirmation=off\nverbose=nothing\n"
                  "json.array=on\n")
    env = os.environ | {"TASKRC": str(rc), "TASKDATA": str(folder / "data")}
    rows = [{"description": f"Task {tid} of the plan", "status": "pending",
             "entry": "20261123T100000Z", "project": f"goal{(tid % GOALS) + 1}",
             "due": (dt.date(2027, 1, 1) + dt.timedelta(days=tid % 365)).strftime("%Y%m%dT000000Z"),
             "uuid": f"00000000-0000-4000-8000-{tid:012d}"} for tid in range(1, TASKS + 1)]
    source = folder / "tasks.json"
    source.write_text(json.dumps(rows))
    subprocess.run(["task", "import", str(source)], env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return env


def compiled() -> None:
    """Compile Cairn's modules to bytecode before timing, as an installed Cairn has them
    (pip compiles a wheel's modules when it installs them). Where PYTHONDONTWRITEBYTECODE
    is set, as on this project's machine, an editable install would otherwise compile every
    module it imports from source on every run (about 0.1 s a command)."""
    import cairn

    compileall.compile_dir(Path(cairn.__file__).parent, quiet=1)


def timed(command: list[str], env: dict[str, str], runs: int) -> list[float]:
    """Wall-clock seconds of ``runs`` whole-process runs (after one warm-up run)."""
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return times


def alternating(first: list[str], first_env: dict[str, str], second: list[str],
                second_env: dict[str, str], runs: int) -> list[tuple[list[float], list[float]]]:
    """Wall-clock and CPU seconds (user + system) of two commands run in turn, ``runs``
    times each, so that a machine's changing load hits both alike."""
    measured: list[tuple[list[float], list[float]]] = [([], []), ([], [])]
    for command, env in ((first, first_env), (second, second_env)):  # one warm-up run each
        subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    for _ in range(runs):
        for (wall, cpu), command, env in zip(measured, (first, second), (first_env, second_env),
                                             strict=True):
            used = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
            wall.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime - used.ru_utime + after.ru_stime - used.ru_stime)
    return measured


def crowd(url: str, copy: Path, people: int, runs: int, env: dict[str, str]
          ) -> list[tuple[str, list[float]]]:
    """``task list`` of the same person (the 10,000 tasks) in a database of ``people``
    people and in the database of one, alternately in one run."""
    from benchmarks.crowd import add_people

    shutil.copy(url.removeprefix("sqlite:///"), copy)
    crowd_url = f"sqlite:///{copy}"
    add_people(crowd_url, people - 1)
    shared_env = env | {"CAIRN_DATABASE_URL": crowd_url, "CAIRN_PERSON": "1"}
    alone, shared = [], []
    for _ in range(runs):  # alternate, so load changes hit both alike
        alone += timed([CAIRN, "task", "list"], env, 1)
        shared += timed([CAIRN, "task", "list"], shared_env, 1)
    return [("task list, 1 person (again)", alone), (f"task list, {people} people", shared)]


def main() -> None:
    """Build the data, time the commands, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--people", type=int, default=1000,
                        help="People in the shared-database comparison (0: skip it).")
    args = parser.parse_args()
    compiled()
    with tempfile.TemporaryDirectory(prefix="cairn-bench-") as tmp:
        folder = Path(tmp)
        source = folder / "export.json"
        source.write_text(encode(export_document()))
        url = f"sqlite:///{folder / 'bench.db'}"
        app = Cairn.open(url)
        app.data.import_(source.read_bytes())
        app.close()
        # Output goes to a pipe, as in a script; Rich then renders without a terminal width
        env = os.environ | {"CAIRN_DATABASE_URL": url, "COLUMNS": "120"}
        rows: list[tuple[str, list[float]]] = [
            ("cairn --help", timed([CAIRN, "--help"], env, args.runs)),
            ("cairn task list (10,000 open)", timed([CAIRN, "task", "list"], env, args.runs)),
            ("cairn task list --json", timed([CAIRN, "task", "list", "--json"], env, args.runs)),
            ("cairn goal tree (1,000 goals)", timed([CAIRN, "goal", "tree"], env, args.runs)),
        ]
        if args.people > 1:
            rows += crowd(url, folder / "crowd.db", args.people, args.runs, env)
        tw_env = taskwarrior_data(folder)
        pair = None if tw_env is None else alternating(
            [CAIRN, "task", "list"], env, ["task", "list"], tw_env, args.runs)
        if pair is not None:
            rows += [("cairn task list (in turn with tw)", pair[0][0]),
                     ("task list (Taskwarrior, 10,000)", pair[1][0])]
    print(f"load average at the end: {' '.join(f'{n:.2f}' for n in os.getloadavg())}")
    print(f"{'command':<34} {'median s':>9} {'min s':>7} {'max s':>7}   ({args.runs} runs)")
    for name, times in rows:
        print(f"{name:<34} {statistics.median(times):>9.3f} {min(times):>7.3f} "
              f"{max(times):>7.3f}")
    medians = {name: statistics.median(times) for name, times in rows}
    help_s = medians["cairn --help"]
    print(f"\ncairn --help: {help_s:.3f} s (target < 0.3 s): {'met' if help_s < 0.3 else 'MISSED'}")
    crowded = [name for name in medians if name.startswith("task list, ") and "people" in name]
    if crowded:
        ratio = medians[crowded[0]] / medians["task list, 1 person (again)"]
        print(f"{crowded[0]} / 1 person: {ratio:.2f}x (target <= 1.10): "
              f"{'met' if ratio <= 1.10 else 'MISSED'}")
    if tw_env is None:
        print("Taskwarrior not installed (apt-get install taskwarrior): no comparison.")
        return
    assert pair is not None
    (cairn_wall, cairn_cpu), (tw_wall, tw_cpu) = pair
    wall = statistics.median(cairn_wall) / statistics.median(tw_wall)
    cpu = statistics.median(cairn_cpu) / statistics.median(tw_cpu)
    print(f"CPU seconds (user + system), medians: cairn task list "
          f"{statistics.median(cairn_cpu):.3f}, Taskwarrior {statistics.median(tw_cpu):.3f}")
    print(f"cairn task list / Taskwarrior task list, run in turn: {wall:.2f}x wall clock, "
          f"{cpu:.2f}x CPU (target <= 1x: no slower than Taskwarrior in the same run): "
          f"{'met' if wall <= 1 else 'MISSED'}")

if __name__ == "__main__":
    main()
