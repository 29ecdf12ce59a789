"""Calendar imports that would hang or store nonsense: bounded, checked, and said."""

from __future__ import annotations

import datetime as dt
import time
import zoneinfo

import pytest

from cairn.calendars import bounds
from cairn.calendars.ics_import import read_busy
from cairn.core.errors import ImportFormatError

UTC = zoneinfo.ZoneInfo("UTC")
START = dt.datetime(2026, 11, 16, 10, 0)
END = START + dt.timedelta(days=373)


def calendar(*events: str) -> bytes:
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n" + "".join(events)
            + "END:VCALENDAR\r\n").encode()


def event(uid: str, start: str, end: str, *extra: str, summary: str = "") -> str:
    lines = [f"UID:{uid}", "DTSTAMP:20261101T000000Z", f"DTSTART{start}", f"DTEND{end}",
             f"SUMMARY:{summary or uid}", *extra]
    return "BEGIN:VEVENT\r\n" + "".join(f"{x}\r\n" for x in lines) + "END:VEVENT\r\n"


def read(data: bytes, limit: float = 30.0):
    started = time.monotonic()
    found = read_busy(data, UTC, START, END)
    assert time.monotonic() - started < limit
    return found


@pytest.mark.parametrize(("rule", "says"), [
    ("RRULE:FREQ=MINUTELY;COUNT=100000000", "every minute"),
    ("RRULE:FREQ=SECONDLY", "every second"),
    ("RRULE:FREQ=DAILY;INTERVAL=0", "INTERVAL=0"),
    ("RRULE:FREQ=WEEKLY;COUNT=0", "COUNT=0"),
    ("RRULE:FREQ=HOURLY", "steps"),  # hourly since 1990: too long a walk to the window
])
def test_repeat_rules_that_would_hang_or_mean_nothing_are_left_out(rule, says):
    first = "19900101T080000Z" if "HOURLY" in rule else "20261120T080000Z"
    data = calendar(event("bad", f":{first}", f":{first[:-3]}30Z", rule),
                    event("fine", ":20261124T090000Z", ":20261124T100000Z"))
    found = read(data)
    assert [e.busy.summary for e in found.events] == ["fine"]
    assert len(found.left_out) == 1 and says in found.left_out[0].reason
    assert found.left_out[0].uid == "bad"


def test_an_unknown_time_zone_and_an_end_before_the_start_are_left_out():
    data = calendar(
        event("mars", ";TZID=Mars/Olympus:20261124T080000", ";TZID=Mars/Olympus:20261124T090000"),
        event("backwards", ":20261124T100000Z", ":20261124T090000Z"),
        event("negative", ":20261125T100000Z", ":20261125T110000Z").replace(
            "DTEND:20261125T110000Z", "DURATION:-PT1H"),
        event("broken", ":20261126T100000Z", ":2026112"),
        event("paris", ";TZID=Europe/Paris:20261124T080000", ";TZID=Europe/Paris:20261124T090000"))
    found = read(data)
    assert [e.busy.summary for e in found.events] == ["paris"]
    reasons = {x.uid: x.reason for x in found.left_out}
    assert "'Mars/Olympus' is not one Cairn knows" in reasons["mars"]
    assert "ends" in reasons["backwards"] and "before it starts" in reasons["backwards"]
    assert "negative" in reasons["negative"]
    assert "its DTEND '2026112' cannot be read" in reasons["broken"]


def test_fifty_thousand_events_mostly_in_the_past_are_read_quickly():
    base = dt.datetime(2017, 6, 1, 8)
    events = []
    for n in range(50_000):  # ten years of history, every 105 minutes
        first = base + dt.timedelta(minutes=105 * n)
        events.append(event(f"e{n}", f":{first:%Y%m%dT%H%M%SZ}",
                            f":{first + dt.timedelta(minutes=30):%Y%m%dT%H%M%SZ}"))
    found = read(calendar(*events), limit=20)
    in_window = [e for e in found.events if START <= e.busy.start < END]
    assert 0 < len(in_window) <= bounds.MAX_EVENTS
    assert found.left_out == [] or all("more than" in x.reason for x in found.left_out)


def test_fifty_thousand_events_in_the_window_stop_at_the_limit_and_say_so():
    base = dt.datetime(2026, 11, 17, 0)
    events = [event(f"e{n}", f":{base + dt.timedelta(minutes=10 * n):%Y%m%dT%H%M%SZ}",
                    f":{base + dt.timedelta(minutes=10 * n + 5):%Y%m%dT%H%M%SZ}")
              for n in range(50_000)]
    found = read(calendar(*events), limit=60)
    assert len(found.events) == bounds.MAX_EVENTS
    assert len(found.left_out) == 50_000 - bounds.MAX_EVENTS
    first_left = min(found.left_out, key=lambda x: int(x.uid[1:]))
    assert first_left.uid == f"e{bounds.MAX_EVENTS}"  # the earliest are kept
    assert "more than 5,000 events in the import window" in first_left.reason


def test_one_event_occurring_too_often_is_cut_at_its_limit():
    data = calendar(event("often", ":20261117T000000Z", ":20261117T000500Z",
                          "RRULE:FREQ=HOURLY;BYMINUTE=0,30"))
    found = read(data)
    assert len(found.events) == bounds.MAX_PER_EVENT
    assert found.events[-1].busy.start == dt.datetime(2026, 12, 28, 15, 30)  # the first 2,000
    assert len(found.left_out) == 1
    assert "repeats more than 2,000 times" in found.left_out[0].reason
    assert "from 2026-12-28 on it is left out" in found.left_out[0].reason


def test_a_dense_rule_is_counted_before_it_is_expanded():
    # found by the fuzz run: a second rule, hourly at six seconds, took 50 s to expand
    data = calendar(event("dense", ";TZID=Europe/Berlin:20261124T190000",
                          ";TZID=Europe/Berlin:20261124T210000",
                          "RRULE:FREQ=HOURLY;BYSECOND=0,1,2,3,4,5",
                          "RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=6"))
    found = read(data, limit=10)
    assert len(found.events) == bounds.MAX_PER_EVENT
    assert "repeats more than 2,000 times" in found.left_out[0].reason


def test_many_repeating_events_stop_at_the_limit_in_all():
    series = [event(f"daily{n}", f":202611{17 + n % 10}T{n % 24:02d}0000Z",
                    f":202611{17 + n % 10}T{n % 24:02d}0500Z", "RRULE:FREQ=DAILY")
              for n in range(200)]  # 200 daily events: 74,000 busy times in the window
    found = read(calendar(*series), limit=60)
    assert len(found.events) <= bounds.MAX_OCCURRENCES
    assert len(found.events) > bounds.MAX_OCCURRENCES * 0.9
    assert all("more than 20,000" in x.reason for x in found.left_out)
    assert {x.uid for x in found.left_out} >= {f"daily{n}" for n in range(200)}


def test_a_time_zone_defined_twice_is_a_clear_error():
    data = calendar().replace(b"VERSION:2.0", b"VERSION:2.0\r\nBEGIN:VTIMEZONE\r\n"
                              b"TZID:Europe/Berlin\r\nTZID:Europe/Berlin\r\n"
                              b"END:VTIMEZONE")
    with pytest.raises(ImportFormatError, match="not an iCalendar file"):
        read(data)


def test_the_cli_says_what_it_left_out(cli, tmp_path):
    cli("init", "--name", "Ada", "--stage", "exploring", "--hours", "10")
    path = tmp_path / "mixed.ics"
    path.write_bytes(calendar(
        event("m", ":20261124T080000Z", ":20261124T080030Z", "RRULE:FREQ=MINUTELY;COUNT=100000000",
              summary="Tick"),
        event("z", ";TZID=Mars/Olympus:20261124T080000", ";TZID=Mars/Olympus:20261124T090000",
              summary="Base camp"),
        event("ok", ":20261125T090000Z", ":20261125T100000Z", summary="Dentist")))
    started = time.monotonic()
    out = cli("calendar", "import", str(path))
    assert time.monotonic() - started < 30
    assert out.exit_code == 0, out.stderr
    assert "1 busy times" in out.stdout
    assert "Left out 1 event(s) ('Tick'): it repeats every minute" in out.stdout
    assert "Left out 1 event(s) ('Base camp'): its time zone 'Mars/Olympus'" in out.stdout
