"""Several processes changing one person's data at once, on SQLite and PostgreSQL: no lost
update, no duplicate id, no traceback.

Each worker is a separate process with its own facade (as separate ``cairn`` commands are);
they edit different fields of the same goal and add tasks as fast as they can.
"""

from __future__ import annotations

import multiprocessing
import subprocess
import sys
from pathlib import Path

from cairn.core.model import Horizon
from cairn.services.app import Cairn

WORKERS = 4
ROUNDS = 15
FIELDS = ("title", "why", "deadline", "priority")


def _worker(url: str, index: int, rounds: int, queue: multiprocessing.Queue) -> None:
    """Edit one field of goal 1 and add a task, ``rounds`` times; report what happened."""
    import datetime as dt

    from cairn.core.errors import CairnError
    from cairn.core.model import Priority

    app = Cairn.open(url)
    done, errors = 0, []
    field = FIELDS[index % len(FIELDS)]
    for n in range(rounds):
        value: object = f"{field} {index}.{n}"
        if field == "deadline":
            value = dt.date(2027, 1, 1) + dt.timedelta(days=n)
        elif field == "priority":
            value = (Priority.HIGH, Priority.LOW)[n % 2]
        try:
            app.goals.edit(1, f"worker {index} round {n}", **{field: value})
            app.tasks.add(f"task {index}.{n}", 1.0, goal_id=1)
            done += 1
        except CairnError as err:  # a clear error is allowed (busy); a traceback is not
            errors.append(f"{type(err).__name__}: {err.message}")
    app.close()
    queue.put((index, field, value, done, errors))


def _run(url: str) -> list[tuple[int, str, object, int, list[str]]]:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    workers = [context.Process(target=_worker, args=(url, i, ROUNDS, queue))
               for i in range(WORKERS)]
    for w in workers:
        w.start()
    results = [queue.get(timeout=300) for _ in workers]
    for w in workers:
        w.join(timeout=60)
        assert w.exitcode == 0
    return sorted(results, key=lambda r: r[0])


def test_concurrent_edits_and_adds_lose_nothing(db_url, frozen):
    app = Cairn.open(db_url)
    app.profile.init("Ada", "mid-career", 38)
    app.goals.add("Shared goal", area="career", horizon=Horizon.SHORT_TERM)
    app.close()

    results = _run(db_url)

    app = Cairn.open(db_url)
    goal = app.goals.get(1)
    history = app.goals.history(1)
    tasks = app.tasks.find(statuses=())
    app.close()
    errors = [e for r in results for e in r[4]]
    assert errors == []  # every write got through: writers wait their turn
    done = sum(r[3] for r in results)
    assert done == WORKERS * ROUNDS
    # no lost update: each field holds its worker's last value ...
    for _, field, last, _, _ in results:
        if field == "title":
            assert goal.title == last
        elif field == "why":
            assert goal.why == last
        elif field == "deadline":
            assert goal.deadline == last
        elif field == "priority":
            assert goal.priority == last
    # ... and every change is in the history, each with its reason
    reasons = {c.reason for c in history if c.field in FIELDS}
    assert len(reasons) == WORKERS * ROUNDS
    # no duplicate id, nothing lost: every task is there once
    assert len(tasks) == WORKERS * ROUNDS
    assert len({t.id for t in tasks}) == len(tasks)
    assert sorted(t.id for t in tasks) == list(range(1, len(tasks) + 1))


def test_a_writer_waiting_for_the_sqlite_lock_gets_a_clear_message(tmp_path):
    """Another process holds the write lock longer than Cairn waits: the command says the
    database is busy, changes nothing, and prints no traceback."""
    url = f"sqlite:///{tmp_path / 'busy.db'}"
    cairn = [sys.executable, "-m", "cairn", "--db", url]
    assert subprocess.run([*cairn, "init", "--name", "Ada", "--stage", "exploring",
                           "--hours", "0"], capture_output=True, check=False).returncode == 0
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sqlite3, sys, time\n"
         f"c = sqlite3.connect({str(tmp_path / 'busy.db')!r}, isolation_level=None)\n"
         "c.execute('BEGIN IMMEDIATE'); print('locked', flush=True); time.sleep(30)"],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        done = subprocess.run([*cairn, "goal", "add", "Blocked"], capture_output=True,
                              text=True, check=False, timeout=60)
    finally:
        holder.kill()
        holder.wait()
    assert done.returncode == 7, done.stderr
    assert "another Cairn is writing to it" in done.stderr
    assert "again in a moment" in done.stderr
    assert "Traceback" not in done.stderr
    listed = subprocess.run([*cairn, "goal", "list", "--json"], capture_output=True, text=True,
                            check=False)
    assert listed.stdout.strip() == "[]"
    assert Path(tmp_path / "busy.db").exists()
