"""Listings read straight from a SQLite file through the standard library's ``sqlite3``.

Importing SQLAlchemy alone costs a command more than its whole budget (about 0.25 s of
CPU on the project's busy machine, against a 0.2 s target for a listing), so a listing
on a SQLite file reads here instead, without it.

:func:`open_reader` opens only a database that opening it the usual way
(:class:`cairn.store.db.Database`, then the local person) would leave as it is: a
``sqlite:///PATH`` URL naming an existing, writable SQLite database in WAL mode, at this
Cairn's schema head, whose automatic backup of the day is already taken, and whose person
(``person_id``, or the only one) has a time zone stored. For anything else it returns
None, and the caller opens the database the usual way, which migrates, backs up, creates
the person, or says what is wrong. The queries mirror those of ``repo.py`` (and give the
same domain objects); tests compare the two on the same database.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from cairn.core.model import (
    Goal,
    GoalStatus,
    Horizon,
    LifeArea,
    Metric,
    Milestone,
    Priority,
    Task,
    TaskStatus,
)
from cairn.core.tracking import CheckIn, Review, ReviewKind, TimeEntry, Win
from cairn.store.backup import daily_due
from cairn.store.migrations import SCHEMA_HEAD
from cairn.store.sqlite_file import SQLITE_HEADER

SQLITE_BUSY_TIMEOUT_MS = 5000  # as store/db.py
_TASK_STATUS = {s.value: s for s in TaskStatus}
_PLAIN_URL = "sqlite:///"


def file_of(url: str) -> Path | None:
    """The file of a plain ``sqlite:///PATH`` URL; None for any other form (another driver,
    a query string, memory, URI filenames, escapes), which the usual way reads."""
    if not url.startswith(_PLAIN_URL):
        return None
    database = url[len(_PLAIN_URL):]
    if not database or database == ":memory:" or database.startswith("file:") or any(
            c in database for c in "?#%"):
        return None
    return Path(database).expanduser()


def _date(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def _moment(value: str | None) -> dt.datetime | None:
    return None if value is None else dt.datetime.fromisoformat(value)


def _real(value: float | None) -> float | None:
    return None if value is None else float(value)


class Reader:
    """One read transaction on the database, for one person."""

    def __init__(self, conn: sqlite3.Connection, person_id: int, timezone: str) -> None:
        self.conn = conn
        self.person_id = person_id
        self.timezone = timezone

    def close(self) -> None:
        """End the read transaction and close the connection."""
        self.conn.close()

    def areas(self, *, include_archived: bool = True) -> list[LifeArea]:
        """As :func:`cairn.store.repo.list_areas`: life areas in the order they were made."""
        sql = "SELECT id, key, name, archived FROM area WHERE person_id = ?"
        if not include_archived:
            sql += " AND archived = 0"
        return [LifeArea(aid, key, name, bool(archived)) for aid, key, name, archived
                in self.conn.execute(sql + " ORDER BY id", (self.person_id,))]

    def goals(self, statuses: Sequence[GoalStatus] = ()) -> list[Goal]:
        """As :func:`cairn.store.repo.list_goals`: goals in id order, optionally only those
        with the given statuses."""
        sql = ("SELECT id, area_id, horizon, title, why, parent_id, metric_name, metric_unit, "
               "metric_baseline, metric_target, metric_current, deadline, priority, status, "
               "created_at FROM goal WHERE person_id = ?")
        values: list[object] = [self.person_id]
        if statuses:
            sql += f" AND status IN ({', '.join('?' * len(statuses))})"
            values += [s.value for s in statuses]
        return [
            Goal(id=gid, area_id=area, horizon=Horizon(horizon), title=title, why=why,
                 parent_id=parent,
                 metric=None if name is None else Metric(name, unit or "", _real(baseline),
                                                         _real(target), _real(current)),
                 deadline=_date(deadline), priority=Priority(priority),
                 status=GoalStatus(status), created_at=_moment(created))
            for (gid, area, horizon, title, why, parent, name, unit, baseline, target, current,
                 deadline, priority, status, created)
            in self.conn.execute(sql + " ORDER BY id", values)
        ]

    def milestones(self) -> list[Milestone]:
        """As :func:`cairn.store.repo.list_milestones`: every milestone in id order."""
        return [Milestone(mid, goal, title, _date(due), _moment(done))
                for mid, goal, title, due, done in self.conn.execute(
                    "SELECT id, goal_id, title, due, done_at FROM milestone WHERE person_id = ? "
                    "ORDER BY id", (self.person_id,))]

    def tasks(self, statuses: Sequence[TaskStatus] = ()) -> list[Task]:
        """As :func:`cairn.store.repo.list_tasks`: tasks in id order, optionally only those
        with the given statuses."""
        me = self.person_id
        deps: dict[int, list[int]] = {}
        for tid, dep in self.conn.execute(
                "SELECT task_id, depends_on_id FROM task_dependency WHERE person_id = ? "
                "ORDER BY task_id, depends_on_id", (me,)):
            deps.setdefault(tid, []).append(dep)
        sql = ("SELECT id, title, estimate_hours, goal_id, milestone_id, due, earliest_start, "
               "status, done_at FROM task WHERE person_id = ?")
        values: list[object] = [me]
        if statuses:
            sql += f" AND status IN ({', '.join('?' * len(statuses))})"
            values += [s.value for s in statuses]
        none: tuple[int, ...] = ()
        date, moment, status_of = _date, _moment, _TASK_STATUS
        return [
            Task(tid, title, float(hours), goal, milestone, date(due), date(start),
                 status_of[status], moment(done_at),
                 tuple(deps[tid]) if tid in deps else none)
            for tid, title, hours, goal, milestone, due, start, status, done_at
            in self.conn.execute(sql + " ORDER BY id", values).fetchall()
        ]


    # -- tracking: as the functions of the same names in store/track.py ----------------------

    def list_time(self, since: dt.date | None = None) -> list[TimeEntry]:
        """Time entries since a date (inclusive), oldest first."""
        sql = ('SELECT id, area_id, "on", minutes, task_id, note, habit_id FROM time_entry '
               "WHERE person_id = ?")
        values: list[object] = [self.person_id]
        if since is not None:
            sql += ' AND "on" >= ?'
            values.append(since.isoformat())
        return [TimeEntry(eid, area, dt.date.fromisoformat(on), minutes, task, note, habit)
                for eid, area, on, minutes, task, note, habit
                in self.conn.execute(sql + ' ORDER BY "on", id', values)]

    def list_wins(self) -> list[Win]:
        """Every win, newest first."""
        return [Win(wid, dt.date.fromisoformat(on), text) for wid, on, text in self.conn.execute(
            'SELECT id, "on", text FROM win WHERE person_id = ? ORDER BY "on" DESC, id DESC',
            (self.person_id,))]

    def list_checkins(self) -> list[CheckIn]:
        """Check-ins (oldest first) with their ratings."""
        ratings: dict[int, dict[int, int]] = {}
        for checkin, area, value in self.conn.execute(
                "SELECT checkin_id, area_id, satisfaction FROM checkin_rating "
                "WHERE person_id = ? ORDER BY id", (self.person_id,)):
            ratings.setdefault(checkin, {})[area] = value
        return [CheckIn(cid, dt.datetime.fromisoformat(at), energy, stress, _real(hours),
                        ratings.get(cid, {}), note)
                for cid, at, energy, stress, hours, note in self.conn.execute(
                    "SELECT id, at, energy, stress, hours_worked, note FROM checkin "
                    "WHERE person_id = ? ORDER BY at, id", (self.person_id,))]

    def checkin_scores(self) -> dict[int, float | None]:
        """Check-in id -> its index score."""
        return {cid: _real(score) for cid, score in self.conn.execute(
            "SELECT id, score FROM checkin WHERE person_id = ?", (self.person_id,))}

    def list_reviews(self) -> list[Review]:
        """Every review, oldest first."""
        return [Review(rid, ReviewKind(kind), dt.datetime.fromisoformat(at), json.loads(facts),
                       json.loads(decisions), notes, json.loads(pending))
                for rid, kind, at, facts, decisions, notes, pending in self.conn.execute(
                    "SELECT id, kind, at, facts, decisions, notes, pending FROM review "
                    "WHERE person_id = ? ORDER BY at, id", (self.person_id,))]


def open_reader(url: str, person_id: int | None) -> Reader | None:
    """A reader of the database at ``url`` for ``person_id`` (None: the only person), or
    None when opening it the usual way could change something or report a problem."""
    path = file_of(url)
    if (path is None or not _plain_file(path)
            or daily_due(path, dt.datetime.now(dt.UTC).date())):
        return None
    try:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    except sqlite3.Error:
        return None
    try:
        conn.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.close()
            return None
        conn.execute("BEGIN")
        person = _person(conn, person_id)
    except sqlite3.Error:
        person = None
    if person is None:
        conn.close()
        return None
    return Reader(conn, *person)


def _plain_file(path: Path) -> bool:
    """A SQLite database file its user may write (as the usual way opens it read-write)."""
    try:
        if not path.is_file() or not os.access(path, os.W_OK) or not os.access(
                path.parent, os.W_OK):
            return False
        with path.open("rb") as f:
            return f.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def _person(conn: sqlite3.Connection, person_id: int | None) -> tuple[int, str] | None:
    """The person (id, time zone) when the schema is at its head and the person is known
    with a time zone; else None."""
    found = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                         "AND name = 'alembic_version'").fetchone()
    if found is None or conn.execute(
            "SELECT version_num FROM alembic_version").fetchall() != [(SCHEMA_HEAD,)]:
        return None
    if person_id is None:
        people = conn.execute("SELECT id, timezone FROM person ORDER BY id LIMIT 2").fetchall()
    else:
        people = conn.execute("SELECT id, timezone FROM person WHERE id = ?",
                              (person_id,)).fetchall()
    if len(people) != 1 or people[0][1] is None:
        return None
    return people[0][0], people[0][1]
