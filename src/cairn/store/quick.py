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
    LifeStage,
    Metric,
    Milestone,
    Priority,
    Profile,
    Task,
    TaskStatus,
)
from cairn.core.planning.model import (
    Boundary,
    BoundaryKind,
    Budget,
    DayPart,
    Habit,
    Overflow,
    Window,
    WindowKind,
)
from cairn.core.review import PROGRESS_FIELDS
from cairn.core.support import Contact, ContactKind, Interaction
from cairn.core.tracking import (
    CheckIn,
    EventKind,
    LifeEvent,
    RestPeriod,
    Review,
    ReviewKind,
    TimeEntry,
    Win,
)
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


def _stamp(value: dt.datetime) -> str:
    """A time as SQLAlchemy stores it in SQLite, for comparing with stored times."""
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


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

    def list_time(self, since: dt.date | None = None, until: dt.date | None = None
                  ) -> list[TimeEntry]:
        """Time entries between two dates (inclusive), oldest first."""
        sql = ('SELECT id, area_id, "on", minutes, task_id, note, habit_id FROM time_entry '
               "WHERE person_id = ?")
        values: list[object] = [self.person_id]
        if since is not None:
            sql += ' AND "on" >= ?'
            values.append(since.isoformat())
        if until is not None:
            sql += ' AND "on" <= ?'
            values.append(until.isoformat())
        return [TimeEntry(eid, area, dt.date.fromisoformat(on), minutes, task, note, habit)
                for eid, area, on, minutes, task, note, habit
                in self.conn.execute(sql + ' ORDER BY "on", id', values)]

    def list_wins(self) -> list[Win]:
        """Every win, newest first."""
        return [Win(wid, dt.date.fromisoformat(on), text) for wid, on, text in self.conn.execute(
            'SELECT id, "on", text FROM win WHERE person_id = ? ORDER BY "on" DESC, id DESC',
            (self.person_id,))]

    def list_checkins(self, since: dt.datetime | None = None) -> list[CheckIn]:
        """Check-ins (oldest first) with their ratings, optionally only those since a time."""
        me = self.person_id
        rating_sql = ("SELECT r.checkin_id, r.area_id, r.satisfaction FROM checkin_rating r "
                      "WHERE r.person_id = ?")
        sql = "SELECT id, at, energy, stress, hours_worked, note FROM checkin WHERE person_id = ?"
        values: list[object] = [me]
        if since is not None:
            rating_sql = ("SELECT r.checkin_id, r.area_id, r.satisfaction FROM checkin_rating r "
                          "JOIN checkin c ON c.person_id = r.person_id AND c.id = r.checkin_id "
                          "WHERE r.person_id = ? AND c.at >= ?")
            sql += " AND at >= ?"
            values.append(_stamp(since))
        ratings: dict[int, dict[int, int]] = {}
        for checkin, area, value in self.conn.execute(rating_sql + " ORDER BY r.id", values):
            ratings.setdefault(checkin, {})[area] = value
        return [CheckIn(cid, dt.datetime.fromisoformat(at), energy, stress, _real(hours),
                        ratings.get(cid, {}), note)
                for cid, at, energy, stress, hours, note
                in self.conn.execute(sql + " ORDER BY at, id", values)]

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

    # -- what status, well-being and a review's facts read (services/records.py) ----------

    def _one(self, sql: str) -> str | None:
        value: str | None = self.conn.execute(sql, (self.person_id,)).fetchone()[0]
        return value

    def _area_keys(self) -> dict[int, str]:
        return dict(self.conn.execute("SELECT id, key FROM area WHERE person_id = ?",
                                      (self.person_id,)))

    def profile(self) -> Profile | None:
        """As :func:`cairn.store.repo.get_profile`."""
        row = self.conn.execute(
            "SELECT name, life_stage, contract_hours, created_at FROM profile "
            "WHERE person_id = ? ORDER BY id LIMIT 1", (self.person_id,)).fetchone()
        if row is None:
            return None
        name, stage, hours, created = row
        return Profile(name, LifeStage(stage), float(hours), dt.datetime.fromisoformat(created))

    def tasks_for_progress(self) -> list[Task]:
        """Every task without its dependencies, in id order."""
        return [Task(id=tid, title=title, estimate_hours=float(hours), goal_id=goal,
                     milestone_id=milestone, status=_TASK_STATUS[status],
                     done_at=_moment(done_at))
                for tid, title, hours, goal, milestone, status, done_at in self.conn.execute(
                    "SELECT id, title, estimate_hours, goal_id, milestone_id, status, done_at "
                    "FROM task WHERE person_id = ? ORDER BY id", (self.person_id,))]

    def first_log_day(self) -> dt.date | None:
        """The day of the earliest time entry."""
        return _date(self._one('SELECT MIN("on") FROM time_entry WHERE person_id = ?'))

    def first_checkin_day(self) -> dt.date | None:
        """The day of the earliest check-in."""
        at = _moment(self._one("SELECT MIN(at) FROM checkin WHERE person_id = ?"))
        return None if at is None else at.date()

    def minutes_by_area(self, since: dt.date, until: dt.date) -> dict[int, int]:
        """Area id -> minutes logged between two dates (inclusive)."""
        return {area: int(minutes or 0) for area, minutes in self.conn.execute(
            'SELECT area_id, SUM(minutes) FROM time_entry WHERE person_id = ? AND "on" >= ? '
            'AND "on" <= ? GROUP BY area_id',
            (self.person_id, since.isoformat(), until.isoformat()))}

    def minutes_by_day(self, area_keys: Sequence[str], since: dt.date) -> dict[dt.date, int]:
        """Day -> minutes logged in the given areas since a date (all areas when none)."""
        sql = ('SELECT t."on", SUM(t.minutes) FROM time_entry t JOIN area a '
               "ON a.person_id = t.person_id AND a.id = t.area_id "
               'WHERE t.person_id = ? AND t."on" >= ?')
        if area_keys:
            sql += f" AND a.key IN ({', '.join('?' * len(area_keys))})"
        sql += ' GROUP BY t."on"'
        return {dt.date.fromisoformat(day): int(minutes or 0) for day, minutes
                in self.conn.execute(sql, (self.person_id, since.isoformat(), *area_keys))}

    def latest_satisfaction(self) -> dict[int, int]:
        """Area id -> the satisfaction given at the latest check-in that rated the area."""
        me = self.person_id
        return dict(self.conn.execute(
            "SELECT r.area_id, r.satisfaction FROM checkin_rating r JOIN "
            "(SELECT area_id, MAX(id) AS rid FROM checkin_rating WHERE person_id = ? "
            "GROUP BY area_id) latest ON latest.rid = r.id WHERE r.person_id = ?", (me, me)))

    def checkin_days(self) -> list[dt.datetime]:
        """When every check-in was made, oldest first."""
        return [dt.datetime.fromisoformat(at) for (at,) in self.conn.execute(
            "SELECT at FROM checkin WHERE person_id = ? ORDER BY at", (self.person_id,))]

    def list_rests(self) -> list[RestPeriod]:
        """Every rest period, oldest first."""
        return [RestPeriod(rid, dt.date.fromisoformat(first), _date(last), note)
                for rid, first, last, note in self.conn.execute(
                    "SELECT id, first_day, last_day, note FROM rest_period WHERE person_id = ? "
                    "ORDER BY first_day, id", (self.person_id,))]

    def list_habits(self) -> list[Habit]:
        """Habits in the order made."""
        keys = self._area_keys()
        return [Habit(hid, title, keys[area], per_week, low, high, DayPart(prefer))
                for hid, title, area, per_week, low, high, prefer in self.conn.execute(
                    "SELECT id, title, area_id, per_week, min_minutes, max_minutes, prefer "
                    "FROM habit WHERE person_id = ? ORDER BY id", (self.person_id,))]

    def habit_session_days(self, since: dt.date) -> dict[int, list[dt.date]]:
        """Habit id -> the day of each session logged for it since a day, oldest first."""
        days: dict[int, list[dt.date]] = {}
        for habit, day in self.conn.execute(
                'SELECT habit_id, "on" FROM time_entry WHERE person_id = ? AND habit_id IS NOT '
                'NULL AND "on" >= ? ORDER BY "on", id', (self.person_id, since.isoformat())):
            days.setdefault(habit, []).append(dt.date.fromisoformat(day))
        return days

    def last_review_dates(self) -> dict[ReviewKind, dt.datetime]:
        """The time of the latest review of each kind."""
        return {ReviewKind(kind): dt.datetime.fromisoformat(at) for kind, at in self.conn.execute(
            "SELECT kind, MAX(at) FROM review WHERE person_id = ? GROUP BY kind",
            (self.person_id,))}

    def list_events(self) -> list[LifeEvent]:
        """Every life event, newest first."""
        return [LifeEvent(eid, EventKind(kind), text, dt.date.fromisoformat(on), review)
                for eid, kind, text, on, review in self.conn.execute(
                    'SELECT id, kind, description, "on", review_id FROM life_event '
                    'WHERE person_id = ? ORDER BY "on" DESC, id DESC', (self.person_id,))]

    def last_goal_activity(self) -> dict[int, dt.datetime]:
        """Goal id -> the latest sign of progress: metric update, milestone, task done, time
        (as :func:`cairn.store.track.last_goal_activity`)."""
        found: dict[int, dt.datetime] = {}
        me = self.person_id
        sql = "SELECT goal_id, MAX(at) FROM goal_change WHERE person_id = ?"
        sql += f" AND field IN ({', '.join('?' * len(PROGRESS_FIELDS))})"
        changes = self.conn.execute(sql + " GROUP BY goal_id", (me, *PROGRESS_FIELDS)).fetchall()
        done = self.conn.execute(
            "SELECT goal_id, MAX(done_at) FROM task WHERE person_id = ? AND done_at IS NOT NULL "
            "GROUP BY goal_id", (me,)).fetchall()
        logged = self.conn.execute(
            'SELECT k.goal_id, MAX(t."on") FROM time_entry t JOIN task k '
            "ON k.person_id = t.person_id AND k.id = t.task_id WHERE t.person_id = ? "
            "GROUP BY k.goal_id", (me,)).fetchall()
        moments = [(goal, _moment(at)) for goal, at in [*changes, *done]]
        moments += [(goal, None if day is None else dt.datetime.fromisoformat(day))
                    for goal, day in logged]
        for goal, at in moments:
            if goal is not None and at is not None and (goal not in found or at > found[goal]):
                found[goal] = at
        return found

    def list_budgets(self) -> list[Budget]:
        """Area budgets in area order."""
        keys = self._area_keys()
        return [Budget(keys[area], float(floor), _real(cap), Overflow(overflow), bid)
                for bid, area, floor, cap, overflow in self.conn.execute(
                    "SELECT id, area_id, floor_hours, cap_hours, overflow FROM area_budget "
                    "WHERE person_id = ? ORDER BY area_id", (self.person_id,))]

    def list_boundaries(self) -> list[Boundary]:
        """Every boundary in the order made."""
        keys = self._area_keys()
        return [Boundary(BoundaryKind(kind), keys[area], after, before, weekday, start, end,
                         _real(hours), note, bid)
                for bid, area, kind, after, before, weekday, start, end, hours, note
                in self.conn.execute(
                    "SELECT id, area_id, kind, after_minute, before_minute, weekday, "
                    "start_minute, end_minute, hours, note FROM boundary WHERE person_id = ? "
                    "ORDER BY id", (self.person_id,))]

    def list_windows(self) -> list[Window]:
        """Weekly windows by weekday and time."""
        return [Window(weekday, start, end, WindowKind(kind), wid)
                for wid, weekday, start, end, kind in self.conn.execute(
                    "SELECT id, weekday, start_minute, end_minute, kind FROM availability_window "
                    "WHERE person_id = ? ORDER BY weekday, start_minute, id", (self.person_id,))]

    def list_weeks(self, state: str) -> dict[dt.date, float]:
        """Monday -> hours that did not fit, for each week of the draft or accepted plan."""
        return {dt.date.fromisoformat(week): float(hours) for week, hours in self.conn.execute(
            "SELECT week_start, missing_hours FROM plan_week WHERE person_id = ? AND state = ? "
            "ORDER BY week_start", (self.person_id, state))}

    def list_contacts(self) -> list[Contact]:
        """Every contact in id order."""
        return [Contact(cid, name, ContactKind(kind), helps, reach, cadence,
                        _moment(created), bool(archived))
                for cid, name, kind, helps, reach, cadence, created, archived in self.conn.execute(
                    "SELECT id, name, kind, helps_with, reach, cadence_weeks, created_at, "
                    "archived FROM contact WHERE person_id = ? ORDER BY id", (self.person_id,))]

    def list_interactions(self) -> list[Interaction]:
        """Every interaction, oldest first."""
        return [Interaction(iid, contact, dt.datetime.fromisoformat(at), note)
                for iid, contact, at, note in self.conn.execute(
                    "SELECT id, contact_id, at, note FROM contact_interaction WHERE person_id = ? "
                    "ORDER BY at, id", (self.person_id,))]


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
