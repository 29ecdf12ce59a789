"""Writing the plan and reminders as an iCalendar file with stable UIDs."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass

from cairn.core.planning.model import Session

PRODID = "-//Cairn//Cairn plan//EN"


@dataclass(frozen=True, slots=True)
class Reminder:
    """Something to be reminded of at a time: a review, a follow-up, ...

    Later features add reminders through ``PlanningService.reminder_sources``; each
    needs a ``uid`` that stays the same while it is the same reminder.
    """

    uid: str
    title: str
    at: dt.datetime  # naive UTC
    minutes: int = 30
    description: str = ""


def write_plan(sessions: Iterable[Session], reminders: Iterable[Reminder],
               zone: zoneinfo.ZoneInfo, stamp: dt.datetime) -> bytes:
    """The sessions (local times in ``zone``) and reminders (UTC) as RFC 5545 bytes."""
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Cairn plan")
    aware_stamp = stamp.replace(tzinfo=dt.UTC)
    for s in sessions:
        event = icalendar.Event()
        event.add("uid", f"{s.key.replace(':', '-')}@cairn")
        event.add("dtstamp", aware_stamp)
        event.add("dtstart", s.start.replace(tzinfo=zone))
        event.add("dtend", s.end.replace(tzinfo=zone))
        event.add("summary", s.title)
        event.add("categories", [s.area])
        event.add("description", f"Cairn {s.kind.value} session ({s.area}).")
        event.add("transp", "OPAQUE")
        cal.add_component(event)
    for r in reminders:
        event = icalendar.Event()
        event.add("uid", f"{r.uid}@cairn")
        event.add("dtstamp", aware_stamp)
        event.add("dtstart", r.at.replace(tzinfo=dt.UTC))
        event.add("dtend", r.at.replace(tzinfo=dt.UTC) + dt.timedelta(minutes=r.minutes))
        event.add("summary", r.title)
        event.add("description", r.description)
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", r.title)
        alarm.add("trigger", dt.timedelta(minutes=-15))
        event.add_component(alarm)
        cal.add_component(event)
    cal.add_missing_timezones()
    return bytes(cal.to_ical())
