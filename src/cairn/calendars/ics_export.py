"""Writing the plan and reminders as an iCalendar file with stable UIDs."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass

from cairn.core.planning.model import Session

PRODID = "-//Cairn//Cairn plan//EN"
UID_SUFFIX = "@cairn"  # every event Cairn writes has a UID ending so, and only those


def is_cairn_uid(uid: str) -> bool:
    """True for the UID of an event Cairn wrote (a session or a reminder), also as stored for
    one occurrence of it ("UID/start")."""
    return uid.split("/", 1)[0].strip().endswith(UID_SUFFIX)


@dataclass(frozen=True, slots=True)
class Reminder:
    """Something to be reminded of at a time: a review, a follow-up, ...

    Later features add reminders through ``PlanningService.reminder_sources``; each
    needs a ``uid`` that stays the same while it is the same reminder. ``at`` is a local
    wall-clock time in the person's zone: a reminder at 09:00 rings at 09:00 where they are.
    """

    uid: str
    title: str
    at: dt.datetime  # naive, local time in the person's zone
    minutes: int = 30
    description: str = ""


def write_plan(sessions: Iterable[Session], reminders: Iterable[Reminder],
               zone: zoneinfo.ZoneInfo, stamp: dt.datetime) -> bytes:
    """The sessions and reminders (local times in ``zone``) as RFC 5545 bytes."""
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Cairn plan")
    aware_stamp = stamp.replace(tzinfo=dt.UTC)
    for s in sessions:
        event = icalendar.Event()
        event.add("uid", f"{s.key.replace(':', '-')}{UID_SUFFIX}")
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
        event.add("uid", f"{r.uid}{UID_SUFFIX}")
        event.add("dtstamp", aware_stamp)
        event.add("dtstart", r.at.replace(tzinfo=zone))
        event.add("dtend", (r.at + dt.timedelta(minutes=r.minutes)).replace(tzinfo=zone))
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
