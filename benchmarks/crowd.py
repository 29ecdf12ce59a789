"""Other people in the benchmark databases: a shared server holds many people, and the
person measured must not pay for the others.

``add_people(url, count)`` adds ``count`` people beside the ones already there, each with a
profile, the eight life areas, goals, tasks, and some months of check-ins and time logs,
written in bulk (without the services, which is much faster).
"""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import func, insert, select

from cairn.store.db import Database
from cairn.store.tables import AreaRow, GoalRow, PersonRow, ProfileRow, TaskRow
from cairn.store.track_tables import CheckInRow, TimeEntryRow

AREAS = ("career", "learning", "passion", "health", "relationships", "finance", "rest",
         "community")
CHUNK = 5_000  # rows per insert statement


def _bulk(s: object, table: object, rows: list[dict[str, object]]) -> None:
    for start in range(0, len(rows), CHUNK):
        s.execute(insert(table), rows[start:start + CHUNK])  # type: ignore[attr-defined]


def add_people(url: str, count: int, *, goals: int = 20, tasks: int = 100, days: int = 90,
               seed: int = 7) -> int:
    """Add ``count`` people with data; returns the rows written."""
    rng = random.Random(seed)
    db = Database(url)
    today = dt.date.today()  # noqa: DTZ011 - the benchmarks run on today's date
    start = today - dt.timedelta(days=days)
    at = dt.datetime.combine(start, dt.time(9))
    written = 0
    with db.session(write=True) as s:
        first = int(s.scalar(select(func.max(PersonRow.id))) or 0) + 1
        people = list(range(first, first + count))
        plan: list[tuple[object, list[dict[str, object]]]] = [
            (PersonRow, [{"id": p, "timezone": "UTC", "created_at": at} for p in people]),
            (ProfileRow, [{"person_id": p, "id": 1, "name": f"Person {p}",
                           "life_stage": "mid-career", "contract_hours": 38.0, "created_at": at}
                          for p in people]),
            (AreaRow, [{"person_id": p, "id": i + 1, "key": k, "name": k.title(),
                        "archived": False} for p in people for i, k in enumerate(AREAS)]),
            (GoalRow, [{"person_id": p, "id": g + 1, "area_id": g % 8 + 1, "parent_id": None,
                        "horizon": "short-term", "title": f"Goal {g + 1} of {p}", "why": "",
                        "priority": "medium", "status": "active", "created_at": at,
                        "deadline": today + dt.timedelta(days=60 + g)}
                       for p in people for g in range(goals)]),
            (TaskRow, [{"person_id": p, "id": t + 1, "goal_id": t % goals + 1,
                        "milestone_id": None, "title": f"Task {t + 1} of {p}",
                        "estimate_hours": 1.0, "due": None, "earliest_start": None,
                        "status": "open" if t % 2 else "done", "done_at": None if t % 2 else at,
                        "created_at": at} for p in people for t in range(tasks)]),
            (CheckInRow, [{"person_id": p, "id": n + 1,
                           "at": dt.datetime.combine(start + dt.timedelta(days=n), dt.time(20)),
                           "energy": rng.randint(3, 9), "stress": rng.randint(1, 8),
                           "hours_worked": 40.0, "note": "", "score": 60.0}
                          for p in people for n in range(days)]),
            (TimeEntryRow, [{"person_id": p, "id": n + 1, "area_id": n % 8 + 1,
                             "task_id": None, "habit_id": None,
                             "on": start + dt.timedelta(days=n // 2), "minutes": 60,
                             "note": "", "created_at": at}
                            for p in people for n in range(days * 2)]),
        ]
        for table, rows in plan:
            _bulk(s, table, rows)
            written += len(rows)
        if s.get_bind().dialect.name == "postgresql":
            s.execute(select(func.setval(func.pg_get_serial_sequence("person", "id"),
                                         first + count - 1)))
    db.close()
    return written
