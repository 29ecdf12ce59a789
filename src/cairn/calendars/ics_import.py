"""Reading busy times from an .ics export, recurring events expanded.

Timed events become naive UTC; all-day events stay dates (naive local midnight to
midnight, in no zone), so that a day off is the same day wherever the person is when the
plan reads it. Cairn's own events (an exported plan, or a calendar that includes one) are
recognised by their UIDs and left out: they are the plan, not time taken from it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import zoneinfo
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cairn.calendars import bounds
from cairn.calendars.bounds import LeftOut
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
    except Exception as exc:
        raise ImportFormatError(f"This is not an iCalendar file: {exc}",
                                "Export the calendar as .ics from your calendar app.") from exc


@dataclass(frozen=True, slots=True)
class CalendarRead:
    """What a calendar holds: its busy occurrences; how many occurrences of Cairn's own
    sessions and reminders it left out (the plan itself); and every other event or
    occurrence left out, each with its reason."""

    events: list[BusyEvent]
    own: int = 0
    left_out: list[LeftOut] = dataclasses.field(default_factory=list)


def read_busy(data: bytes, zone: zoneinfo.ZoneInfo, start: dt.datetime, end: dt.datetime
              ) -> CalendarRead:
    """Busy occurrences overlapping [start, end) (naive UTC) of the calendar in ``data``,
    within the limits of :mod:`cairn.calendars.bounds`; floating times are read in
    ``zone``. Cairn's own events are counted, everything else left out is listed with why."""
    import recurring_ical_events

    data, left_out = bounds.within_window(data, start.date(), end.date())
    cal = _parse(data)
    if getattr(cal, "name", "") != "VCALENDAR":
        raise ImportFormatError("The file has no VCALENDAR.",
                                "Export the calendar as .ics from your calendar app.")
    local_start = start.replace(tzinfo=dt.UTC).astimezone(zone)
    local_end = end.replace(tzinfo=dt.UTC).astimezone(zone)
    for event in [c for c in cal.subcomponents if getattr(c, "name", "") == "VEVENT"]:
        problem = bounds.event_problem(event, local_end.replace(tzinfo=None))
        if problem:
            cal.subcomponents.remove(event)
            left_out.append(bounds.LeftOut(str(event.get("UID", "")),
                                           str(event.get("SUMMARY", "")), problem))
    events = [c for c in cal.subcomponents if getattr(c, "name", "") == "VEVENT"]
    singles = sum(1 for e in events if e.get("RRULE") is None)
    left_out += bounds.cap_repeats(events, zone, start, end,
                                   max(0, bounds.MAX_OCCURRENCES - singles))
    kept = {id(e) for e in events}
    cal.subcomponents[:] = [c for c in cal.subcomponents
                            if getattr(c, "name", "") != "VEVENT" or id(c) in kept]
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
    within, left_out = _within_limits(out, left_out)
    return CalendarRead(within, own, left_out)


def _within_limits(events: list[BusyEvent], left_out: list[bounds.LeftOut]
                   ) -> tuple[list[BusyEvent], list[bounds.LeftOut]]:
    """At most MAX_PER_EVENT occurrences of one event and MAX_OCCURRENCES in all (the
    earliest are kept); what is cut is listed."""
    seen: dict[str, int] = {}
    kept = []
    for e in events:
        series = e.uid.rpartition("/")[0]
        seen[series] = seen.get(series, 0) + 1
        if seen[series] <= bounds.MAX_PER_EVENT:
            kept.append(e)
    summaries = {e.uid.rpartition("/")[0]: e.busy.summary for e in events}
    left_out += [bounds.LeftOut(uid, summaries[uid], f"it occurs {n:,} times in the import "
                                f"window; the first {bounds.MAX_PER_EVENT:,} are read")
                 for uid, n in seen.items() if n > bounds.MAX_PER_EVENT]
    if len(kept) > bounds.MAX_OCCURRENCES:
        first_cut = kept[bounds.MAX_OCCURRENCES]
        left_out.append(bounds.LeftOut("", "", f"{len(kept) - bounds.MAX_OCCURRENCES:,} busy "
                                       f"times from {first_cut.busy.start:%Y-%m-%d} on: more "
                                       f"than {bounds.MAX_OCCURRENCES:,} in the import window"))
        kept = kept[:bounds.MAX_OCCURRENCES]
    return kept, left_out
