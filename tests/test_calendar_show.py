"""Imported calendars through the CLI, checked against a hand-written calendar: what an
import keeps (the whole current week, all-day events as dates, never Cairn's own plan), what
`calendar show` lists, and reminders at a local hour."""

from __future__ import annotations

import datetime as dt
import json
import zoneinfo
from pathlib import Path

from icalendar import Calendar

FIXTURES = Path(__file__).parent / "fixtures" / "calendars"
HOME = FIXTURES / "home.ics"
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def _setup(cli, zone: str = "Europe/Berlin") -> None:
    for step in (("init", "--name", "Ada", "--stage", "mid-career", "--hours", "38"),
                 ("availability", "settings", "--timezone", zone),
                 ("availability", "add", "daily", "18:00-21:00")):
        assert cli(*step).exit_code == 0, step


def _show(cli, *args: str) -> list[tuple[str, str, str, bool]]:
    result = cli("calendar", "show", "--json", *args)
    assert result.exit_code == 0, result.stderr
    return [(b["summary"], b["start"], b["end"], b["all_day"]) for b in json.loads(result.stdout)]


def test_show_lists_the_week_with_what_is_already_past(cli, frozen):
    frozen.move_to(dt.datetime(2026, 11, 29, 20, 0, tzinfo=dt.UTC))  # Sunday 21:00 in Berlin
    _setup(cli)
    imported = cli("calendar", "import", str(HOME))
    assert imported.exit_code == 0, imported.stderr
    # 4 choir rehearsals (24 Nov - 15 Dec), the physio, the day off and the offsite; the
    # Cairn session and the Cairn review are left out, and said so
    assert "Imported calendar 'Home': 7 busy times (was 0)." in imported.stdout
    assert "Left out 2 events of Cairn's own plan" in imported.stdout
    assert _show(cli, "--week") == [
        ("Physio", "2026-11-23T08:00:00", "2026-11-23T09:00:00", False),
        ("Day off", "2026-11-24T00:00:00", "2026-11-25T00:00:00", True),
        ("Choir", "2026-11-24T19:00:00", "2026-11-24T21:00:00", False),
        ("Team offsite", "2026-11-27T00:00:00", "2026-11-29T00:00:00", True)]
    # without --week: today and the next 13 days
    assert [b[:2] for b in _show(cli)] == [("Choir", "2026-12-01T19:00:00"),
                                           ("Choir", "2026-12-08T19:00:00")]
    human = cli("calendar", "show", "--week").stdout
    assert "all day" in human and "Physio" in human and "Home" in human


def test_the_import_keeps_the_start_of_a_week_longer_than_seven_days(cli, frozen, tmp_path):
    # The week the clocks go back lasts 169 hours: on its Sunday night, seven days back is
    # Monday 00:30, and an appointment at Monday 00:00 was lost.
    frozen.move_to(dt.datetime(2026, 10, 25, 22, 30, tzinfo=dt.UTC))  # Sunday 23:30 in Berlin
    _setup(cli)
    night = tmp_path / "night.ics"
    night.write_text(HOME.read_text().replace(
        "DTSTART;TZID=Europe/Berlin:20261123T080000\nDTEND;TZID=Europe/Berlin:20261123T090000",
        "DTSTART;TZID=Europe/Berlin:20261019T000000\nDTEND;TZID=Europe/Berlin:20261019T003000"))
    assert cli("calendar", "import", str(night)).exit_code == 0
    assert _show(cli, "--week") == [
        ("Physio", "2026-10-19T00:00:00", "2026-10-19T00:30:00", False)]


def test_all_day_events_stay_their_dates_when_the_time_zone_changes(cli):
    # Imported in Berlin, the offsite was kept as Berlin midnights in UTC: in New York it ran
    # from Thursday 18:00 to Saturday 18:00, blocking Thursday evening and freeing Saturday's.
    _setup(cli)
    assert cli("calendar", "import", str(HOME)).exit_code == 0
    assert cli("availability", "settings", "--timezone", "America/New_York").exit_code == 0
    offsite = [b for b in _show(cli, "--week") if b[0] == "Team offsite"]
    assert offsite == [("Team offsite", "2026-11-27T00:00:00", "2026-11-29T00:00:00", True)]
    for n in range(1, 8):
        assert cli("task", "add", f"Work {n}", "-e", "3").exit_code == 0
    doc = json.loads(cli("plan", "--json", "--weeks", "1", "--seconds", "1").stdout)
    days = {s["start"][:10] for s in doc["sessions"]}
    assert "2026-11-26" in days  # Thursday evening is free in New York
    assert not days & {"2026-11-27", "2026-11-28"}


def test_importing_cairns_own_plan_blocks_nothing(cli, tmp_path):
    _setup(cli)
    for step in (("habit", "add", "Run", "-a", "health", "-n", "3", "-m", "45"),
                 ("task", "add", "Write CV", "-e", "3"), ("task", "add", "Read", "-e", "2")):
        assert cli(*step).exit_code == 0
    first = json.loads(cli("plan", "--json", "--seconds", "1").stdout)
    assert cli("plan", "accept").exit_code == 0
    exported = tmp_path / "cairn.ics"
    assert cli("plan", "export", str(exported)).exit_code == 0
    imported = cli("calendar", "import", str(exported), "--name", "Google")
    assert "Imported calendar 'Google': 0 busy times" in imported.stdout
    own = len(Calendar.from_ical(exported.read_bytes()).walk("VEVENT"))
    assert f"Left out {own} events of Cairn's own plan" in imported.stdout
    again = json.loads(cli("plan", "--json", "--seconds", "1").stdout)
    assert again["moved"] == 0
    assert again["sessions"] == first["sessions"]


def test_cairn_events_imported_before_are_left_out_of_the_plan(person):
    # Busy times stored by an earlier Cairn that read its own sessions as commitments.
    from cairn.core.planning.model import Busy
    from cairn.store import planning as store

    person.planning.rules.configure(timezone="UTC")
    person.planning.rules.add_windows("daily", "18:00-19:00")
    person.tasks.add("Read", 1)
    evening = dt.datetime(2026, 11, 23, 18)
    with person.scope.write() as s:
        store.replace_calendar(s, "Google", "google.ics", evening, [
            (f"task-1-1@cairn/{evening.isoformat()}",
             Busy(evening, evening + dt.timedelta(hours=1), "Read"), False)])
    [session] = person.planning.plan(1, seconds=1).plan.sessions
    assert session.start == evening
    assert person.planning.busy(evening.date(), evening.date()) == []


def test_reminders_are_at_nine_in_the_persons_time_zone(cli, tmp_path):
    _setup(cli, "America/Chicago")
    for step in (("task", "add", "Update CV", "-e", "1"),
                 ("contact", "add", "Sam Lee", "--every", "2"), ("plan", "--seconds", "1")):
        assert cli(*step).exit_code == 0, step
    out = tmp_path / "plan.ics"
    assert cli("plan", "export", str(out)).exit_code == 0
    events = {str(e["SUMMARY"]): e for e in Calendar.from_ical(out.read_bytes()).walk("VEVENT")}
    chicago = zoneinfo.ZoneInfo("America/Chicago")
    for title in ("Follow up with Sam Lee", "Cairn weekly review"):
        start = events[title].decoded("DTSTART")
        # 09:00 UTC was 03:00 in Chicago
        assert start.astimezone(chicago).time() == dt.time(9, 0), title
