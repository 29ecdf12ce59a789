"""Reading busy times from an .ics export, recurring events expanded.

Timed events become naive UTC; all-day events stay dates (naive local midnight to
midnight, in no zone), so that a day off is the same day wherever the person is when the
plan reads it. Cairn's own events (an exported plan, or a calendar that includes one) are
recognised by their UIDs and left out: they are the plan, not time taken from it.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cairn.calendars.ics_export import is_cairn_uid
from cairn.core.errors import ImportFormatError
from cairn.core.planning.model import Busy

if TYPE_CHECKING:
    import icalendar


@dataclass(frozen=True, slots=True)
class BusyEvent:
    """One busy occurrence: a stable id (UID and occurrence start); times in naive UTC, or
    for an all-day event its dates as naive midnights (the day after the last one ends it)."""

    uid: str
    busy: Busy
    all_day: bool


@dataclass(frozen=True, slots=True)
class CalendarRead:
    """What a calendar holds: its busy occurrences, and how many occurrences of Cairn's own
    sessions and reminders it left out."""

    events: list[BusyEvent]
    own: int = 0


def _utc(value: dt.datetime, zone: zoneinfo.ZoneInfo) -> dt.datetime:
    if value.tzinfo is None:  # a floating time means "wherever the person is"
        value = value.replace(tzinfo=zone)
    return value.astimezone(dt.UTC).replace(tzinfo=None)


def calendar_name(data: bytes) -> str | None:
    """The calendar's own name (X-WR-CALNAME), when it has one."""
    cal = _parse(data)
    name = cal.get("X-WR-CALNAME")
    return (str(name).strip() or None) if name is not None else None


def _parse(data: bytes) -> icalendar.Calendar:
    import icalendar

    try:
        return icalendar.Calendar.from_ical(data)
    except (ValueError, IndexError, KeyError) as exc:
        raise ImportFormatError(f"This is not an iCalendar file: {exc}",
                                "Export the calendar as .ics from your calendar app.") from exc


def read_busy(data: bytes, zone: zoneinfo.ZoneInfo, start: dt.datetime, end: dt.datetime
              ) -> CalendarRead:
    """Busy occurrences overlapping [start, end) (naive UTC) of the calendar in ``data``;
    floating times are read in ``zone``."""
    import recurring_ical_events

    cal = _parse(data)
    if getattr(cal, "name", "") != "VCALENDAR":
        raise ImportFormatError("The file has no VCALENDAR.",
                                "Export the calendar as .ics from your calendar app.")
    local_start = start.replace(tzinfo=dt.UTC).astimezone(zone)
    local_end = end.replace(tzinfo=dt.UTC).astimezone(zone)
    try:
        events = recurring_ical_events.of(cal).between(local_start, local_end)
    except Exception as exc:  # the library raises many kinds on broken rules
        raise ImportFormatError(f"The calendar's events cannot be expanded: {exc}",
                                "Check the file, or export it again.") from exc
    out, own = [], 0
    for event in events:
        if is_cairn_uid(str(event.get("UID", ""))):
            own += 1
            continue
        if str(event.get("TRANSP", "OPAQUE")).upper() == "TRANSPARENT":
            continue  # marked "free" in the calendar app
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            continue
        first = event.decoded("DTSTART")
        last = event.decoded("DTEND") if "DTEND" in event else None
        all_day = not isinstance(first, dt.datetime)
        if all_day:
            last_day = last if isinstance(last, dt.date) else first + dt.timedelta(days=1)
            begin, finish = (dt.datetime.combine(d, dt.time()) for d in (first, last_day))
        else:
            if last is None:
                last = first + (event.decoded("DURATION") if "DURATION" in event
                                else dt.timedelta())
            begin, finish = _utc(first, zone), _utc(last, zone)
        if finish <= begin:
            continue  # a point in time blocks nothing
        uid = f"{event.get('UID', '')}/{begin.isoformat()}"
        out.append(BusyEvent(uid, Busy(begin, finish, str(event.get("SUMMARY", ""))), all_day))
    out.sort(key=lambda e: (e.busy.start, e.uid))
    return CalendarRead(out, own)
