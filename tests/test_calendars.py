"""Calendar import and export on hand-written .ics files: recurrences, exceptions, all-day
events, time zones and DST, and re-imports that update instead of duplicating."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from pathlib import Path

import pytest

from cairn.calendars.ics_export import Reminder, write_plan
from cairn.calendars.ics_import import calendar_name, read_busy
from cairn.core.errors import ImportFormatError
from cairn.core.planning.model import Session, SessionKind

FIXTURES = Path(__file__).parent / "fixtures" / "calendars"
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
START = dt.datetime(2026, 11, 16, 10, 0)
END = START + dt.timedelta(days=373)


def _busy(name: str, zone: zoneinfo.ZoneInfo = BERLIN) -> dict[str, tuple[dt.datetime, ...]]:
    events = read_busy((FIXTURES / name).read_bytes(), zone, START, END).events
    out: dict[str, tuple[dt.datetime, ...]] = {}
    for e in events:
        out.setdefault(e.busy.summary, ())
        out[e.busy.summary] += (e.busy.start, e.busy.end)
    return out


def test_weekly_event_with_exdate_and_moved_occurrence():
    busy = _busy("work.ics")
    choir = busy["Choir rehearsal"]
    starts = choir[0::2]
    # Tuesdays 19:00 Berlin (18:00 UTC); 1 Dec moved to Wednesday, 8 Dec cancelled by EXDATE
    assert starts == (dt.datetime(2026, 11, 24, 18), dt.datetime(2026, 12, 15, 18),
                      dt.datetime(2026, 12, 22, 18), dt.datetime(2026, 12, 29, 18))
    assert busy["Choir rehearsal (moved to Wednesday)"] == (
        dt.datetime(2026, 12, 2, 17), dt.datetime(2026, 12, 2, 19))


def test_all_day_floating_free_and_cancelled_events():
    events = read_busy((FIXTURES / "work.ics").read_bytes(), BERLIN, START, END).events
    offsite = next(e for e in events if e.busy.summary == "Team offsite")
    assert offsite.all_day
    # two whole days, kept as dates (midnight to midnight in whatever zone the person is)
    assert (offsite.busy.start, offsite.busy.end) == (
        dt.datetime(2026, 11, 27), dt.datetime(2026, 11, 29))
    tokyo = read_busy((FIXTURES / "work.ics").read_bytes(), zoneinfo.ZoneInfo("Asia/Tokyo"),
                      START, END).events
    assert next(e for e in tokyo if e.all_day).busy == offsite.busy
    dentist = next(e for e in events if e.busy.summary.startswith("Dentist"))
    assert (dentist.busy.start, dentist.busy.end) == (
        dt.datetime(2026, 11, 25, 8), dt.datetime(2026, 11, 25, 9))
    summaries = {e.busy.summary for e in events}
    assert "Birthday (free)" not in summaries
    assert "Cancelled call" not in summaries
    assert len(events) == 7
    assert len({e.uid for e in events}) == 7


def test_several_time_zones_and_a_dst_change():
    busy = _busy("zones.ics")
    standup = busy["New York stand-up"][0::2]
    # 09:00 in New York is 14:00 UTC until DST starts on 14 March 2027, then 13:00 UTC
    assert standup == (dt.datetime(2027, 3, 1, 14), dt.datetime(2027, 3, 8, 14),
                       dt.datetime(2027, 3, 15, 13), dt.datetime(2027, 3, 22, 13))
    assert busy["Tokyo call"] == (dt.datetime(2026, 11, 30, 0), dt.datetime(2026, 11, 30, 1))
    assert busy["Review (UTC)"] == (dt.datetime(2026, 12, 1, 15), dt.datetime(2026, 12, 1, 16))


def test_floating_times_follow_the_persons_zone():
    tokyo = read_busy((FIXTURES / "work.ics").read_bytes(), zoneinfo.ZoneInfo("Asia/Tokyo"),
                      START, END).events
    dentist = next(e for e in tokyo if e.busy.summary.startswith("Dentist"))
    assert dentist.busy.start == dt.datetime(2026, 11, 25, 0)


def test_calendar_name_and_broken_file():
    assert calendar_name((FIXTURES / "work.ics").read_bytes()) == "Work"
    assert calendar_name((FIXTURES / "zones.ics").read_bytes()) is None
    with pytest.raises(ImportFormatError):
        read_busy((FIXTURES / "broken.ics").read_bytes(), BERLIN, START, END)


def _session(key: str, start: dt.datetime, hours: int = 1) -> Session:
    return Session(key, SessionKind.TASK, 1, "Write CV", "career", start,
                   start + dt.timedelta(hours=hours))


def test_export_has_stable_uids_and_is_recognised_on_import(tmp_path):
    sessions = [_session("task:1:1", dt.datetime(2026, 11, 24, 18)),
                _session("task:1:2", dt.datetime(2026, 11, 25, 18, 30))]
    reminder = Reminder("review-weekly-2026-11-29", "Weekly review", dt.datetime(2026, 11, 29, 17))
    first = write_plan(sessions, [reminder], BERLIN, dt.datetime(2026, 11, 23, 10))
    again = write_plan(sessions[::-1], [reminder], BERLIN, dt.datetime(2026, 11, 24, 10))
    uids = [line for line in first.decode().splitlines() if line.startswith("UID:")]
    assert uids == ["UID:task-1-1@cairn", "UID:task-1-2@cairn",
                    "UID:review-weekly-2026-11-29@cairn"]
    assert sorted(uids) == sorted(
        line for line in again.decode().splitlines() if line.startswith("UID:"))
    assert b"BEGIN:VTIMEZONE" in first
    assert b"BEGIN:VALARM" in first
    # the reminder is at 17:00 where the person is (Berlin), not 17:00 UTC
    assert b"DTSTART;TZID=Europe/Berlin:20261129T170000" in first
    # importing Cairn's own plan blocks nothing: its two sessions and its reminder are its own
    back = read_busy(first, BERLIN, START, END)
    assert (back.events, back.own) == ([], 3)
