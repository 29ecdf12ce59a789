"""Listings read quickly: the SQLite reader (store/quick.py) gives what the store gives, reads
only its person's rows, declines whenever opening the usual way would change something, and
a listing then imports none of the heavy modules it does not need."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from cairn.core.model import GoalStatus, Horizon, Metric, Priority, TaskStatus
from cairn.core.parse import parse_date
from cairn.core.tracking import ReviewKind
from cairn.services.app import Cairn
from cairn.services.listings import Listings
from cairn.store import people
from cairn.store.backup import automatic
from cairn.store.quick import file_of, open_reader

# What a listing must not import: the ORM and SQL toolkit, migrations, the PostgreSQL
# driver, validation, plotting, the solver, calendars. (Rich, the CLI's table library,
# draws the short tables people read: about 30 ms of imports.)
HEAVY = ("sqlalchemy", "alembic", "psycopg", "pydantic", "matplotlib", "ortools",
         "icalendar", "dateparser", "jinja2", "fastapi")


def _fill(app: Cairn) -> None:
    app.profile.init("Alex Rivera", "mid-career", 38)
    vision = app.goals.add("Work with data", area="career", horizon=Horizon.VISION)
    goal = app.goals.add("Learn SQL", area="learning", horizon=Horizon.SHORT_TERM,
                         why="Data jobs", parent_id=vision.id, deadline=dt.date(2027, 3, 1),
                         metric=Metric("chapters", "", 0, 12, 5))
    app.goals.add("Run a 10k", area="health", horizon=Horizon.LONG_TERM,
                  priority=Priority.HIGH, metric=Metric("km", "km", None, 10.5, None))
    app.goals.set_status(3, GoalStatus.PAUSED)
    app.goals.add("Old plan", area="career", horizon=Horizon.SHORT_TERM)
    app.goals.set_status(4, GoalStatus.DROPPED, reason="Changed course")
    ms = app.goals.add_milestone(goal.id, "Basics", dt.date(2026, 12, 1))
    app.goals.add_milestone(goal.id, "Joins")
    app.goals.milestone_done(ms.id)
    app.profile.set_archived("community", archived=True)
    app.tasks.add("Install Postgres", 1.5, goal_id=goal.id)
    app.tasks.add("Tutorial", 6, milestone_id=ms.id, due=dt.date(2026, 12, 20),
                  earliest_start=dt.date(2026, 12, 1), after=[1])
    app.tasks.add("Exercises", 2.25, after=[1, 2])
    app.tasks.add("Unrelated", 1)
    app.tasks.set_status(1, TaskStatus.DONE)
    app.tasks.set_status(4, TaskStatus.DROPPED)


@pytest.fixture
def filled(tmp_path: Path, frozen, new_sqlite) -> str:
    """A SQLite database with one person's tasks, its backup of the day taken."""
    url = new_sqlite(tmp_path / "cairn.db")
    app = Cairn.open(url, zone="Europe/Paris")
    _fill(app)
    app.close()
    automatic(tmp_path / "cairn.db", "daily", 7)
    return url


STATUSES = [(), (TaskStatus.OPEN,), (TaskStatus.DONE, TaskStatus.DROPPED)]


@pytest.mark.parametrize("statuses", STATUSES)
def test_the_quick_reader_gives_what_the_store_gives(filled, statuses):
    reader = open_reader(filled, None)
    assert reader is not None
    app = Cairn.open(filled)
    try:
        expected = app.tasks.find(statuses)
        assert reader.tasks(statuses) == expected
        assert len(expected) == {(): 4, (TaskStatus.OPEN,): 2}.get(statuses, 2)
        assert reader.timezone == "Europe/Paris"
        for goal in (None, 1, 2):
            assert (Listings(reader, lambda: app).tasks(statuses, goal_id=goal)
                    == Listings(None, lambda: app).tasks(statuses, goal_id=goal)
                    == app.tasks.find(statuses, goal_id=goal))
    finally:
        reader.close()
        app.close()


def test_the_quick_reader_gives_the_goals_areas_and_tree_the_store_gives(filled):
    reader = open_reader(filled, None)
    assert reader is not None
    app = Cairn.open(filled)
    quick, usual = Listings(reader, lambda: app), Listings(None, lambda: app)
    try:
        for archived in (False, True):
            assert (quick.areas(include_archived=archived)
                    == usual.areas(include_archived=archived)
                    == app.profile.areas(include_archived=archived))
        assert any(a.archived for a in quick.areas(include_archived=True))
        for statuses in ((), (GoalStatus.ACTIVE, GoalStatus.PAUSED)):
            for horizon in (None, Horizon.VISION, Horizon.SHORT_TERM):
                assert (quick.goals(statuses, horizon=horizon)
                        == app.goals.find(statuses, horizon=horizon))
            assert quick.goals(statuses, area="learning") == app.goals.find(statuses,
                                                                            area="learning")
        assert {g.metric for g in quick.goals()} == {
            None, Metric("chapters", "", 0, 12, 5), Metric("km", "km", None, 10.5, None)}
        assert quick.progress() == app.goals.progress()
        for goal in (None, 2, 3):
            assert quick.milestones(goal) == app.goals.milestones(goal)
        assert quick.milestones()[0].done
        for closed in (False, True):
            assert quick.tree(include_closed=closed) == app.goals.tree(include_closed=closed)
    finally:
        reader.close()
        app.close()


def test_the_quick_reader_gives_the_tracking_the_store_gives(filled):
    app = Cairn.open(filled)
    app.track.record.log(80, "learning", task_id=2, on=dt.date(2026, 11, 20), note="reading")
    app.track.record.log(30, "career", on=dt.date(2026, 11, 10))
    app.track.record.add_win("Passed the quiz", dt.date(2026, 11, 21))
    app.track.record.add_win("Kept going", dt.date(2026, 11, 22))
    app.track.record.checkin(6, 4, hours_worked=40.5, satisfaction={"career": 6, "learning": 8},
                             note="long week")
    app.track.record.checkin(7, 3)
    reviews = app.track.reviews
    reviews.hold(ReviewKind.WEEKLY, ["pause 3"], "fine")
    reader = open_reader(filled, None)
    assert reader is not None
    quick, record = Listings(reader, lambda: app), app.track.record
    try:
        for since in (None, dt.date(2026, 11, 15), dt.date(2026, 11, 20)):
            assert quick.time_entries(since) == record.time_entries(since)
        assert len(quick.time_entries()) == 2
        assert quick.wins() == record.wins() and len(quick.wins()) == 2
        assert quick.checkins() == record.checkins() and len(quick.checkins()) == 2
        assert quick.checkin_scores() == record.checkin_scores()
        assert quick.reviews() == reviews.past() and len(quick.reviews()) == 1
        assert quick.zone == app.scope.zone and quick.today() == app.scope.today()
    finally:
        reader.close()
        app.close()


def test_the_quick_reader_reads_only_its_persons_rows(filled, tmp_path):
    path = tmp_path / "cairn.db"
    app = Cairn.open(filled)
    with app.db.session(write=True) as s:
        other = people.add_person(s, "Europe/Lisbon", dt.datetime(2026, 1, 1)).id
    b = Cairn.for_person(app.db, other)
    b.profile.init("Bo", "mid-career", 30)
    b.tasks.add("B-SECRET task", 1)
    app.close()
    automatic(path, "daily", 7)
    assert open_reader(filled, None) is None  # several people: the usual way says so
    for person, titles in ((1, ["Tutorial", "Exercises"]), (other, ["B-SECRET task"])):
        reader = open_reader(filled, person)
        assert reader is not None
        assert [t.title for t in reader.tasks((TaskStatus.OPEN,))] == titles
        reader.close()


def _schema_behind(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0017'")


def _no_zone(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE person SET timezone = NULL")


def _no_backup(path: Path) -> None:
    for backup in (path.parent / "backups").iterdir():
        backup.unlink()


def _rollback_journal(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")


def _not_sqlite(path: Path) -> None:
    path.write_bytes(b"not a database at all")


@pytest.mark.parametrize("change", [_schema_behind, _no_zone, _no_backup, _rollback_journal,
                                    _not_sqlite])
def test_the_quick_reader_declines_what_the_usual_way_would_change(filled, tmp_path, change):
    reader = open_reader(filled, None)
    assert reader is not None
    reader.close()
    change(tmp_path / "cairn.db")
    assert open_reader(filled, None) is None


def test_the_quick_reader_declines_other_urls_and_missing_files(tmp_path):
    for url in ("sqlite://", "sqlite:///:memory:", "sqlite+pysqlite:///x.db",
                "sqlite:///file:x.db?mode=ro&uri=true", "sqlite:///a%20b.db",
                "postgresql://u@localhost/cairn"):
        assert file_of(url) is None, url
    assert file_of("sqlite:///a/b.db") == Path("a/b.db")
    assert open_reader(f"sqlite:///{tmp_path / 'none.db'}", None) is None
    assert open_reader(f"sqlite:///{tmp_path}", None) is None  # a folder
    assert not (tmp_path / "none.db").exists()  # declining creates nothing


def _run(*args: str, env: dict[str, str] | None = None) -> str:
    """``cairn ARGS`` as a process; its output, then the modules it imported (last line)."""
    code = ("import sys; from cairn.cli.main import run\n"
            f"try: run({list(args)!r})\n"
            "except SystemExit as e: assert not e.code, e.code\n"
            "print(' '.join(sorted(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, env={"COLUMNS": "120", "PATH": "", **(env or {})})
    return done.stdout


@pytest.mark.parametrize("many", [False, True])
def test_task_list_reads_quickly_the_same_text_and_imports_nothing_heavy(tmp_path, many):
    path = tmp_path / "cairn.db"
    url = f"sqlite:///{path}"
    app = Cairn.open(url, zone="UTC")
    _fill(app)
    for n in range(250 if many else 0):  # over 200 rows: the plain layout
        app.tasks.add(f"Task {n}", 1 + n % 4 / 4)
    app.close()
    first = _run("--db", url, "task", "list", "--all")  # the usual way: takes the backup
    assert " sqlalchemy " in first
    quick = _run("--db", url, "task", "list", "--all")
    loaded = set(quick.splitlines()[-1].split())
    assert not {m for m in loaded if m.split(".")[0] in HEAVY}
    assert "cairn.store.quick" in loaded
    usual = _run("--db", f"sqlite+pysqlite:///{path}", "task", "list", "--all")
    assert " sqlalchemy " in usual  # this URL form is read the usual way
    text = quick.splitlines()[:-1]
    assert text == first.splitlines()[:-1] == usual.splitlines()[:-1]
    assert ("Tasks (254)" if many else "Tasks") in text[0]
    assert any("Exercises" in line and "1,2" in line for line in text)


LISTINGS = [("goal", "list"), ("goal", "list", "--all", "--horizon", "short-term"),
            ("goal", "list", "--area", "learning"), ("goal", "tree"), ("goal", "tree", "--all"),
            ("milestone", "list"), ("milestone", "list", "--goal", "2"), ("area", "list"),
            ("area", "list", "--archived"), ("checkin", "list"), ("log", "list"),
            ("log", "list", "--since", "2026-11-01"), ("win", "list"), ("review", "list"),
            ("checkin", "list", "--json"), ("log", "list", "--since", "3 weeks ago", "--json"),
            ("win", "list", "--json"), ("review", "list", "--json"), ("goal", "list", "--json"),
            ("task", "list", "--all", "--json"), ("task", "list", "--goal", "2", "--json"),
            ("goal", "tree", "--json"), ("milestone", "list", "--json"),
            ("area", "list", "--json")]


def test_goal_milestone_and_area_listings_read_quickly_the_same_text(filled, tmp_path):
    path = tmp_path / "cairn.db"
    app = Cairn.open(filled)
    app.track.record.log(80, "learning", task_id=2, on=dt.date(2026, 11, 22), note="reading")
    app.track.record.log(30, "career", on=dt.date(2026, 11, 10))
    app.track.record.add_win("Passed the quiz", dt.date(2026, 11, 21))
    app.track.record.checkin(6, 4, hours_worked=40.5, satisfaction={"career": 6}, note="a note")
    app.track.reviews.hold(ReviewKind.WEEKLY, [], "fine")
    app.close()
    _run("--db", filled, "area", "list")  # the usual way: the backup of the real day
    for args in LISTINGS:
        quick = _run("--db", filled, *args)
        usual = _run("--db", f"sqlite+pysqlite:///{path}", *args)
        assert quick.splitlines()[:-1] == usual.splitlines()[:-1], args
        assert len(quick.splitlines()) >= 2, args  # at least a line besides the modules
        loaded = {m.split(".")[0] for m in quick.splitlines()[-1].split()}
        allowed = {"sqlalchemy", "alembic"} if "--area" in args else set()  # looked up fully
        assert not (loaded & set(HEAVY)) - allowed, (args, loaded & set(HEAVY))
        assert "sqlalchemy" in usual.splitlines()[-1].split()
    assert "Learn SQL" in _run("--db", filled, "goal", "tree")
    assert "reading" in _run("--db", filled, "log", "list", "--since", "2026-11-01")
    assert "a note" in _run("--db", filled, "checkin", "list")
    assert "Passed the quiz" in _run("--db", filled, "win", "list")


@pytest.mark.parametrize("text", ["0 days ago", "1 day ago", "7 days ago", "30 days ago",
                                  "1 week ago", "3 weeks ago", "1000 days ago"])
def test_days_ago_is_read_as_dateparser_reads_it(text):
    import dateparser

    base = dt.date(2026, 3, 29)  # the day summer time begins in Europe
    anchor = dt.datetime.combine(base, dt.time(12, 0))
    expected = dateparser.parse(text, languages=["en"],
                                settings={"PREFER_DATES_FROM": "future", "RELATIVE_BASE": anchor,
                                          "RETURN_AS_TIMEZONE_AWARE": False})
    assert expected is not None
    assert parse_date(text, base) == expected.date()


# -- status, well-being and a review's facts, read the quick way -----------------------


def _fill_status(app: Cairn, frozen, *, resting: bool = False) -> None:
    """Everything `cairn status` and a review's facts read, a few weeks of it, each kind
    of row at least once: time (with a habit's sessions), check-ins with ratings, budgets,
    boundaries, working hours, a plan's missing hours, rest, a life event, contacts and
    their interactions, reviews."""
    from cairn.core.planning.model import BoundaryKind, WindowKind
    from cairn.core.support import ContactKind
    from cairn.core.tracking import EventKind
    from cairn.store import planning as plan_store

    rules, record = app.planning.rules, app.track.record
    habit = rules.add_habit("Run", "health", 3, 30)
    rules.set_budget("learning", 3, 6)
    rules.set_budget("career", 0, 40)
    rules.add_boundary(BoundaryKind.MAX_HOURS, "career", hours=42)
    rules.add_boundary(BoundaryKind.MAX_HOURS, "career", hours=39.5)
    rules.add_windows("mon-fri", "09:00-17:00", WindowKind.WORK)
    mentor = app.support.add("Dana", ContactKind.MENTOR, cadence_weeks=2, reach="dana@x.org")
    app.support.add("Guild", ContactKind.COMMUNITY)
    today = app.scope.today()
    frozen.move_to(FROZEN - dt.timedelta(days=45))
    for day in range(45):
        on = app.scope.today()
        area = ("career", "learning", "rest", "passion", "career")[day % 5]
        record.log(60 + day * 7 % 300, area, on=on, note=f"day {day}")
        if day % 2:
            record.log(30, habit_id=habit.id, on=on)
        if day % 4 == 0:
            record.checkin(4 + day % 6, 2 + day % 5, hours_worked=38 + day % 9,
                           satisfaction={"career": day % 11, "rest": 5} if day % 8 else {},
                           note=f"check {day}")
        if day == 20:
            app.support.log(mentor.id, "coffee")
            app.track.reviews.hold(ReviewKind.WEEKLY, [], "first")
        if day == 30:
            app.goals.milestone_done(2)
        frozen.shift(dt.timedelta(days=1))
    frozen.move_to(FROZEN)
    record.log(45, "learning", task_id=2, on=today)
    record.log(20, task_id=1, on=today)
    record.add_event(EventKind.MOVE, "Moved to Lyon", today - dt.timedelta(days=3))
    app.planning.rules.add_rest(today - dt.timedelta(days=30), today - dt.timedelta(days=26))
    if resting:
        record.start_rest("tired")
    with app.scope.write() as s:
        monday = today - dt.timedelta(days=today.weekday())
        plan_store.replace_weeks(s, "accepted", {monday: 2.5,
                                                 monday + dt.timedelta(weeks=1): 0.0})
        if resting:
            plan_store.replace_weeks(s, "draft", {monday: 6.0})


FROZEN = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)  # as conftest's `frozen`


@pytest.fixture(params=[False, True], ids=["working", "resting"])
def lived(request, tmp_path: Path, frozen, new_sqlite) -> str:
    """A SQLite database with weeks of one person's life, its backup of the day taken."""
    url = new_sqlite(tmp_path / "cairn.db")
    app = Cairn.open(url, zone="America/Chicago")
    _fill(app)
    _fill_status(app, frozen, resting=request.param)
    app.close()
    automatic(tmp_path / "cairn.db", "daily", 7)
    return url


def test_the_quick_reader_answers_every_question_status_asks_as_the_store_does(lived):
    from cairn.store.session_records import SessionRecords

    reader = open_reader(lived, None)
    assert reader is not None
    app = Cairn.open(lived)
    days = [dt.date(2026, 10, 1), dt.date(2026, 11, 10), dt.date(2026, 11, 23)]
    try:
        with app.scope.read() as s:
            usual = SessionRecords(s)
            for name in ("profile", "areas", "goals", "milestones", "tasks_for_progress",
                         "first_log_day", "first_checkin_day", "latest_satisfaction",
                         "checkin_days", "checkin_scores", "list_rests", "list_habits",
                         "list_time", "last_review_dates", "list_reviews", "list_events",
                         "last_goal_activity", "list_budgets", "list_boundaries",
                         "list_windows", "list_contacts", "list_interactions",
                         "list_checkins"):
                mine, theirs = getattr(reader, name)(), getattr(usual, name)()
                assert mine == theirs, name
                assert mine not in (None, [], {}), name  # each kind of row is there
            assert reader.areas(include_archived=False) == usual.areas(include_archived=False)
            assert reader.goals((GoalStatus.ACTIVE,)) == usual.goals((GoalStatus.ACTIVE,))
            for state in ("draft", "accepted", "none"):
                assert reader.list_weeks(state) == usual.list_weeks(state)
            for since in days:
                for at in (dt.datetime.combine(since, dt.time()),  # as the services ask
                           dt.datetime.combine(since, dt.time(13, 30))):
                    assert reader.list_checkins(at) == usual.list_checkins(at)
                assert reader.habit_session_days(since) == usual.habit_session_days(since)
                assert reader.minutes_by_area(since, days[-1]) == usual.minutes_by_area(
                    since, days[-1])
                assert reader.list_time(since, days[1]) == usual.list_time(since, days[1])
                for keys in ((), ("career",), ("rest", "passion"), ("nowhere",)):
                    assert reader.minutes_by_day(keys, since) == usual.minutes_by_day(
                        keys, since), keys
            assert usual.habit_session_days(days[1]) and usual.minutes_by_day(("career",),
                                                                               days[1])
    finally:
        reader.close()
        app.close()


def test_status_and_review_facts_read_quickly_are_those_of_the_facade(lived):
    reader = open_reader(lived, None)
    assert reader is not None
    app = Cairn.open(lived)
    quick = Listings(reader, lambda: app, app.scope.settings)
    try:
        day = app.scope.today()
        usual = app.track.status(followups=app.support.due_followups(day))
        assert quick.status() == usual
        assert usual.balance and usual.investment.weekly and usual.habits
        assert usual.rest is not None or usual.due or usual.upcoming
        assert quick.due_reviews() == app.track.reviews.due()
        for kind in ReviewKind:
            assert quick.review_facts(kind) == app.track.reviews.facts(kind), kind
    finally:
        reader.close()
        app.close()


STATUS_COMMANDS = [("status",), ("status", "--json"), ("review", "--summary"),
                   ("review", "--summary", "--json"), ("review", "--summary", "--kind", "monthly"),
                   ("balance",)]


def test_status_and_review_summary_read_quickly_the_same_text(lived, tmp_path):
    path = tmp_path / "cairn.db"
    _run("--db", lived, "area", "list")  # the usual way: the backup of the real day
    for args in STATUS_COMMANDS:
        quick = _run("--db", lived, *args)
        usual = _run("--db", f"sqlite+pysqlite:///{path}", *args)
        assert quick.splitlines()[:-1] == usual.splitlines()[:-1], args
        assert len(quick.splitlines()) >= 4, args
        loaded = {m.split(".")[0] for m in quick.splitlines()[-1].split()}
        heavy = loaded & set(HEAVY)
        assert not heavy if args[0] != "balance" else "sqlalchemy" in heavy, (args, heavy)
    assert "Cairn status" in _run("--db", lived, "status")


def test_status_read_quickly_keeps_the_persons_settings(lived, tmp_path):
    path = tmp_path / "cairn.db"
    _run("--db", lived, "area", "list")  # the usual way: the backup of the real day
    seen = []
    for months in ("1", "12"):
        setting = {"CAIRN_REASSESS_MONTHS": months}
        quick = _run("--db", lived, "status", "--json", env=setting)
        usual = _run("--db", f"sqlite+pysqlite:///{path}", "status", "--json", env=setting)
        assert quick.splitlines()[:-1] == usual.splitlines()[:-1], months
        assert "sqlalchemy" not in quick.splitlines()[-1].split()
        seen.append(quick.splitlines()[:-1])
    assert seen[0] != seen[1]  # the six-monthly review falls due by the setting
