"""Benchmark: guidance, needs, report assembly and rendering on a busy personal database.

Run: .venv/bin/python -m benchmarks.support   (prints median, min, max over several runs)
"""

from __future__ import annotations

import datetime as dt
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from cairn.core.model import Horizon, TaskStatus
from cairn.core.resources import ResourceKind
from cairn.core.support import ContactKind
from cairn.services.app import Cairn

RUNS = 5
GOALS, TASKS_PER_GOAL, CONTACTS, RESOURCES = 40, 5, 20, 60


def fill(c: Cairn) -> None:
    c.profile.init("Bench Person", "mid-career", 38)
    areas = [a.key for a in c.profile.areas()]
    for i in range(GOALS):
        goal = c.goals.add(f"Goal {i}", area=areas[i % len(areas)], horizon=Horizon.SHORT_TERM,
                           deadline=dt.date(2027, 1, 1) + dt.timedelta(days=i))
        for j in range(TASKS_PER_GOAL):
            task = c.tasks.add(f"Task {i}.{j}", 1 + j, goal_id=goal.id)
            if j % 2 == 0:
                c.tasks.set_status(task.id, TaskStatus.DONE)
        if i % 3 == 0:
            c.goals.edit(goal.id, "later", deadline=dt.date(2027, 3, 1) + dt.timedelta(days=i))
            c.goals.edit(goal.id, "later", deadline=dt.date(2027, 5, 1) + dt.timedelta(days=i))
    for i in range(CONTACTS):
        contact = c.support.add(f"Contact {i}", list(ContactKind)[i % 4], cadence_weeks=1 + i % 6)
        c.support.log(contact.id, "hello")
    kinds = list(ResourceKind)
    for i in range(RESOURCES):
        c.resources.add(f"Resource {i}", kinds[i % len(kinds)], skills=[f"2.A.1.{'abcdef'[i % 6]}"])


def timed(label: str, action: Callable[[], object]) -> None:
    runs = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        runs.append((time.perf_counter() - start) * 1000)
    print(f"{label:<28} {statistics.median(runs):>9.1f} {min(runs):>9.1f} {max(runs):>9.1f}")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        c = Cairn.open(f"sqlite:///{Path(folder) / 'bench.db'}")
        fill(c)
        data = c.reports.build("90d")
        print(f"{GOALS} goals, {GOALS * TASKS_PER_GOAL} tasks, {CONTACTS} contacts, "
              f"{RESOURCES} resources; {RUNS} runs, milliseconds")
        print(f"{'operation':<28} {'median':>9} {'min':>9} {'max':>9}")
        timed("guide.advice", c.guide.advice)
        timed("guide.needs", c.guide.needs)
        timed("support.due_followups", c.support.due_followups)
        timed("reports.build", lambda: c.reports.build("90d"))
        for fmt in ("md", "html", "pdf"):
            timed(f"render {fmt}", lambda fmt=fmt: c.reports.render(data, fmt))
        c.close()


if __name__ == "__main__":
    main()
