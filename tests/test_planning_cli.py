"""Planning through the CLI on both databases: rules, plan, accept, re-plan, export, calendars."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from cairn.services.app import Cairn

FIXTURES = Path(__file__).parent / "fixtures" / "calendars"


@pytest.fixture
def week(cli):
    """A person in Berlin with evenings and weekend mornings free, and some boundaries."""
    steps = [
        ("init", "--name", "Ada", "--stage", "mid-career", "--hours", "38"),
        ("availability", "settings", "--timezone", "Europe/Berlin"),
        ("availability", "add", "mon-fri", "18:00-21:00"),
        ("availability", "add", "weekend", "09:00-13:00"),
        ("availability", "add", "weekdays", "09:00-17:00", "--work"),
        ("boundary", "cutoff", "--after", "20:00", "-a", "career", "-a", "learning"),
        ("boundary", "reserve", "sun", "-a", "relationships"),
        ("boundary", "max-hours", "45"),
        ("budget", "set", "health", "--floor", "2", "--cap", "4"),
        ("habit", "add", "exercise", "-a", "health", "-n", "3", "-m", "45", "--prefer",
         "evening"),
        ("goal", "add", "Learn Rust", "-a", "learning", "-d", "2026-12-20"),
        ("task", "add", "Read the book", "-e", "4", "-g", "1", "-d", "2026-11-29"),
        ("task", "add", "Small project", "-e", "3", "-g", "1", "--after", "1"),
        ("task", "add", "Update CV", "-e", "1"),
    ]
    for step in steps:
        result = cli(*step)
        assert result.exit_code == 0, (step, result.stderr)
    return cli


def _plan(cli, *args: str) -> dict:
    result = cli("plan", "--json", "--seconds", "1", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_plan_follows_every_rule(week):
    doc = _plan(week, "--weeks", "2")
    sessions = doc["sessions"]
    assert doc["timezone"] == "Europe/Berlin"
    assert doc["shortfalls"] == []
    assert {s["title"] for s in sessions} == {"Read the book", "Small project", "Update CV",
                                             "exercise"}
    for s in sessions:
        start, end = dt.datetime.fromisoformat(s["start"]), dt.datetime.fromisoformat(s["end"])
        assert start >= dt.datetime(2026, 11, 23, 11)  # now, in Berlin
        assert start.weekday() != 6  # Sunday is for relationships only
        if s["area"] in ("career", "learning"):
            assert end.time() <= dt.time(20, 0)
    cv = next(s for s in sessions if s["title"] == "Update CV")
    assert cv["area"] == "career"  # a task without a goal counts as career work
    book = max(s["end"] for s in sessions if s["title"] == "Read the book")
    assert book <= "2026-11-30T00:00:00"
    assert book <= min(s["start"] for s in sessions if s["title"] == "Small project")
    health = [a for a in doc["areas"] if a["area"] == "health"]
    assert [a["planned_hours"] for a in health] == [3, 3]  # 45 min is two 30-minute slots
    assert all(a["cap_hours"] == 4 for a in health)


def test_plan_shows_agenda_and_budgets(week):
    result = week("plan", "--seconds", "1")
    assert result.exit_code == 0, result.stderr
    assert "Mon 23 Nov 2026" in result.stdout
    assert "Hours per area against budget" in result.stdout
    assert "Everything fits." in result.stdout


def test_accept_then_replan_moves_nothing_and_export_is_stable(week, tmp_path):
    first = _plan(week)
    assert week("plan", "accept").exit_code == 0
    again = _plan(week)
    assert again["moved"] == 0
    assert [s["start"] for s in again["sessions"]] == [s["start"] for s in first["sessions"]]
    shown = json.loads(week("plan", "show", "--json").stdout)
    assert [s["key"] for s in shown] == [s["key"] for s in first["sessions"]]
    out = tmp_path / "plan.ics"
    assert week("plan", "export", str(out)).exit_code == 0
    uids = sorted(line for line in out.read_text().splitlines() if line.startswith("UID:"))
    sessions = [u for u in uids if u.startswith(("UID:task-", "UID:habit-"))]
    assert len(sessions) == len(first["sessions"])
    assert any(u.startswith("UID:review-") for u in uids)  # reviews are reminded too
    assert week("plan", "export", str(out)).exit_code == 0
    assert uids == sorted(line for line in out.read_text().splitlines()
                          if line.startswith("UID:"))
    assert "TZID=Europe/Berlin" in out.read_text()


def test_accept_needs_a_plan(week):
    result = week("plan", "accept")
    assert result.exit_code == 6
    assert "cairn plan" in result.stderr


def test_calendar_import_updates_and_blocks_time(week):
    first = week("calendar", "import", str(FIXTURES / "work.ics"))
    assert first.exit_code == 0, first.stderr
    assert "Imported calendar 'Work': 7 busy times" in first.stdout
    again = week("calendar", "import", str(FIXTURES / "work.ics"))
    assert "Updated calendar 'Work': 7 busy times (was 7)" in again.stdout
    listed = json.loads(week("calendar", "list", "--json").stdout)
    assert [(c["name"], c["events"]) for c in listed] == [("Work", 7)]
    doc = _plan(week)
    for s in doc["sessions"]:
        start, end = s["start"], s["end"]
        assert not (start < "2026-11-24T21:00:00" and end > "2026-11-24T19:00:00")  # choir
        assert not start.startswith(("2026-11-27", "2026-11-28"))  # the all-day offsite
    assert week("calendar", "remove", "Work").exit_code == 0
    assert json.loads(week("calendar", "list", "--json").stdout) == []


def test_rest_mode_schedules_nothing_and_waives_floors(week):
    assert week("availability", "rest", "2026-11-24", "2026-11-26", "--note", "ill").exit_code == 0
    doc = _plan(week)
    days = {s["start"][:10] for s in doc["sessions"]}
    assert not days & {"2026-11-24", "2026-11-25", "2026-11-26"}
    health = next(a for a in doc["areas"] if a["area"] == "health" and a["week"] == 0)
    assert health["floor_hours"] == pytest.approx(2 * 4 / 7, abs=0.5)
    listed = json.loads(week("availability", "list", "--json").stdout)
    assert listed["rest"][0]["note"] == "ill"


def test_rest_started_with_cairn_rest_pauses_the_plan_too(week):
    started = week("rest", "start", "--from", "2026-11-24", "--until", "2026-11-26",
                   "--reason", "ill")
    assert started.exit_code == 0, started.stderr
    days = {s["start"][:10] for s in _plan(week)["sessions"]}
    assert days and not days & {"2026-11-24", "2026-11-25", "2026-11-26"}
    listed = [line.split()[0] for line in
              week("availability", "--help").stdout.split("Commands:")[1].splitlines()
              if line.startswith("  ") and not line.startswith("   ")]
    assert "add" in listed and "rest" not in listed and "unrest" not in listed


def test_overcommitment_names_tasks_goals_and_trade_offs(week):
    week("task", "add", "Huge report", "-e", "30", "-g", "1", "-d", "2026-11-27")
    doc = _plan(week)
    missing = {s["title"]: s["missing_hours"] for s in doc["shortfalls"] if s["kind"] == "task"}
    assert missing["Huge report"] > 0
    assert doc["missing_hours"] == sum(missing.values())
    assert doc["goals_missing"][0]["goal_id"] == 1
    assert doc["trade_offs"]
    assert all(t["recovers_hours"] > 0 for t in doc["trade_offs"])
    human = week("plan", "--seconds", "1")
    assert "Overcommitted" in human.stdout
    assert "Trade-offs" in human.stdout


def test_work_due_later_goes_on_after_the_plan_and_is_not_called_missed(week):
    week("goal", "add", "Write a book", "-a", "career", "-d", "2027-06-30")
    week("task", "add", "Draft", "-e", "60", "-g", "2")  # due with its goal, next summer
    doc = _plan(week, "--weeks", "1")
    assert doc["shortfalls"] == []
    later = next(t for t in doc["later"] if t["title"] == "Draft")
    assert later["due"] == "2027-06-30"
    assert later["missing_hours"] > 0
    assert doc["later_hours"] == sum(t["missing_hours"] for t in doc["later"])
    human = week("plan", "--weeks", "1", "--seconds", "1").stdout
    assert "go on after these weeks" in human and "#4 Draft" in human
    assert "Everything due in these weeks fits." in human
    assert "Overcommitted" not in human


def test_a_task_is_due_when_its_milestone_is(week):
    week("milestone", "add", "1", "Chapter one read", "--due", "2026-11-25")
    week("task", "add", "Read chapter one", "-e", "12", "--milestone", "1")
    doc = _plan(week, "--weeks", "2")
    [short] = [s for s in doc["shortfalls"] if s["kind"] == "task"]
    assert (short["title"], short["due"]) == ("Read chapter one", "2026-11-25")
    assert short["goal_id"] == 1


def test_an_overcommitted_plan_reaches_burnout_guidance_and_resources(week):
    def reasons() -> list[str]:
        return [r["code"] for r in json.loads(week("burnout", "--json").stdout)["reasons"]]

    assert "overcommitted" not in reasons()  # no plan yet: nothing is known
    week("task", "add", "Huge report", "-e", "30", "-g", "1", "-d", "2026-11-27")
    doc = _plan(week, "--weeks", "2")
    missing = sum(s["missing_hours"] for s in doc["shortfalls"] if s["title"] == "Huge report")
    assert missing > 0
    burnout = json.loads(week("burnout", "--json").stdout)
    [reason] = [r for r in burnout["reasons"] if r["code"] == "overcommitted"]
    assert f"{missing:g} h" in reason["message"]
    advice = json.loads(week("guide", "--all", "--json").stdout)
    assert any(a["id"] == "obstacle.time" and f"{missing:g} hours" in a["evidence"]
               for a in advice)
    assert "time" in [n["key"] for n in json.loads(week("resource", "suggest", "--json").stdout)]
    assert week("plan", "accept").exit_code == 0  # the accepted plan now speaks for the week
    assert "overcommitted" in reasons()
    dropped = week("task", "drop", "4")
    assert dropped.exit_code == 0, dropped.stderr
    assert _plan(week, "--weeks", "2")["shortfalls"] == []  # the newest plan fits again
    assert "overcommitted" not in reasons()


def test_listings_and_removals(week):
    windows = json.loads(week("availability", "list", "--json").stdout)["windows"]
    assert len(windows) == 5 + 2 + 5
    assert week("availability", "remove", str(windows[0]["id"])).exit_code == 0
    boundaries = json.loads(week("boundary", "list", "--json").stdout)
    assert [b["rule"] for b in boundaries][:2] == ["no career work after 20:00",
                                                    "no learning work after 20:00"]
    assert json.loads(week("budget", "list", "--json").stdout)[0]["area"] == "health"
    habits = json.loads(week("habit", "list", "--json").stdout)
    assert habits[0]["per_week"] == 3
    assert week("habit", "remove", str(habits[0]["id"])).exit_code == 0
    assert week("budget", "remove", "health").exit_code == 0
    assert week("boundary", "remove", str(boundaries[0]["id"])).exit_code == 0
    assert week("boundary", "remove", "999").exit_code == 4


@pytest.mark.parametrize(("args", "code"), [
    (("availability", "add", "mon", "25:00-26:00"), 3),
    (("availability", "add", "someday", "18:00-19:00"), 3),
    (("availability", "add", "mon", "19:00-18:00"), 3),
    (("availability", "settings", "--timezone", "Mars/Olympus"), 3),
    (("budget", "set", "health", "--floor", "5", "--cap", "2"), 3),
    (("habit", "add", "x", "-a", "health", "-n", "9"), 3),
    (("boundary", "cutoff", "--after", "19:00"), 3),
    (("calendar", "import", str(FIXTURES / "broken.ics")), 8),
    (("calendar", "import", "missing.ics"), 4),
])
def test_bad_input_is_explained(cli, args, code):
    assert cli("init", "--name", "A", "--stage", "exploring", "--hours", "0").exit_code == 0
    result = cli(*args)
    assert result.exit_code == code, result.stderr
    assert "Fix:" in result.stderr


def test_plan_needs_free_time(cli):
    cli("init", "--name", "A", "--stage", "exploring", "--hours", "0")
    result = cli("plan")
    assert result.exit_code == 6
    assert "availability add" in result.stderr


def test_planning_data_round_trips_through_export(week, tmp_path):
    week("calendar", "import", str(FIXTURES / "work.ics"))
    _plan(week)
    week("plan", "accept")
    first = tmp_path / "a.json"
    assert week("export", str(first)).exit_code == 0
    other = Cairn.open(f"sqlite:///{tmp_path / 'b.db'}")
    try:
        other.data.import_(first.read_bytes())
        second = tmp_path / "b.json"
        second.write_bytes(other.data.export().content)
    finally:
        other.close()
    assert first.read_bytes() == second.read_bytes()
    tables = json.loads(first.read_text())
    assert any("busy_time" in str(k) for k in json.dumps(tables).split('"'))


def test_paused_goals_wait_and_so_do_tasks_that_need_them(week):
    assert week("goal", "pause", "1").exit_code == 0
    week("task", "add", "Show the project", "-e", "1", "--after", "2")
    doc = _plan(week)
    titles = {s["title"] for s in doc["sessions"]}
    assert titles == {"Update CV", "exercise"}


def test_the_machine_zone_is_stored_with_the_person(db_url, monkeypatch):
    """The command line gives a new person the machine's zone; later zones do not move it."""
    import tzlocal

    from conftest import cli_for

    cli = cli_for(db_url)
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    tzlocal.reload_localzone()  # each command is a new process; here, one process runs both
    assert "Asia/Tokyo" in cli("availability", "settings").stdout
    monkeypatch.setenv("TZ", "Europe/Paris")
    tzlocal.reload_localzone()
    assert "Asia/Tokyo" in cli("availability", "settings").stdout  # stored, not re-read
    assert json.loads(cli("availability", "list", "--json").stdout)["timezone"] == "Asia/Tokyo"
    monkeypatch.delenv("TZ")
    tzlocal.reload_localzone()


def test_a_plan_across_a_dst_change_keeps_local_times(person, frozen):
    from cairn.store import planning as store

    frozen.move_to(dt.datetime(2027, 3, 26, 8, 0, tzinfo=dt.UTC))  # Friday before DST starts
    person.planning.rules.configure(timezone="Europe/Berlin", session_max=60)
    person.planning.rules.add_windows("daily", "18:00-19:00")
    person.tasks.add("Read", 5)
    result = person.planning.plan(2, seconds=1)
    local = [s.start for s in result.plan.sessions]
    assert all(s.time() == dt.time(18, 0) for s in local)
    with person.scope.read() as s:
        utc = {x.start.date(): x.start.time() for x in store.list_sessions(s, "draft")}
    assert utc[dt.date(2027, 3, 27)] == dt.time(17, 0)  # CET, UTC+1
    assert utc[dt.date(2027, 3, 29)] == dt.time(16, 0)  # CEST, UTC+2


def test_reminders_from_other_features_are_exported(person, tmp_path):
    from cairn.calendars.ics_export import Reminder
    from cairn.services.planning import PlanningService

    person.planning.rules.add_windows("daily", "18:00-19:00")
    person.tasks.add("Read", 1)
    person.planning.plan(1, seconds=1)
    review = Reminder("review-weekly-2026-11-29", "Weekly review", dt.datetime(2026, 11, 29, 17))
    # a planning service given only this test's reminder, not the facade's
    planning = PlanningService(person.scope, person.profile, person.goals, person.tasks,
                               reminder_sources=[lambda: [review]])
    assert planning.reminders() == [review]
    content, events = planning.calendar_bytes()
    assert events == 2
    text = content.decode("utf-8")
    assert "UID:review-weekly-2026-11-29@cairn" in text
    assert "UID:task-1-1@cairn" in text
