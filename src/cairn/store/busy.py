"""Imported busy times with the calendar each came from, for the plan and `calendar show`.

Timed busy times are naive UTC; all-day ones hold their dates as naive midnights (local
dates in no zone), so a caller widens the range it asks for by a day on each side.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from cairn.store.people import person_of
from cairn.store.planning_tables import BusyTimeRow, CalendarRow


@dataclass(frozen=True, slots=True)
class BusyTime:
    """One stored busy occurrence."""

    calendar: str
    uid: str
    start: dt.datetime
    end: dt.datetime
    summary: str
    all_day: bool


def busy_times(s: DbSession, start: dt.datetime, end: dt.datetime) -> list[BusyTime]:
    """Busy times whose stored span overlaps [start, end), in time order."""
    q = (select(BusyTimeRow, CalendarRow.name)
         .join(CalendarRow, (CalendarRow.person_id == BusyTimeRow.person_id)
               & (CalendarRow.id == BusyTimeRow.calendar_id))
         .where(BusyTimeRow.person_id == person_of(s), BusyTimeRow.start < end,
                BusyTimeRow.end > start)
         .order_by(BusyTimeRow.start, BusyTimeRow.id))
    return [BusyTime(name, r.uid, r.start, r.end, r.summary, r.all_day)
            for r, name in s.execute(q).tuples()]
