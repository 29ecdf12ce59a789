"""Imported busy times in the person's local time, and the span of time an import reads.

Timed busy times are stored in UTC and converted with the person's zone when read; all-day
ones are stored as their dates and stay those dates whatever the zone is when read (a day
off in Berlin is the same day off after moving to Tokyo).
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable

from cairn.calendars.ics_export import is_cairn_uid
from cairn.core.planning.model import Busy
from cairn.store.busy import BusyTime

IMPORT_DAYS_AHEAD = 366
MIDNIGHT = dt.time()


def import_window(now: dt.datetime, zone: zoneinfo.ZoneInfo) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) in naive UTC that an import reads: from the start of the person's current
    week (Monday, local midnight), or seven days back when that is earlier, to a year ahead.
    Seven days back alone missed the start of a week that was longer than seven days (the
    week the clocks go back)."""
    local = now.replace(tzinfo=dt.UTC).astimezone(zone)
    monday = dt.datetime.combine(local.date() - dt.timedelta(days=local.weekday()), MIDNIGHT)
    start = min(_utc(monday, zone), now - dt.timedelta(days=7))
    return start, now + dt.timedelta(days=IMPORT_DAYS_AHEAD)


def local_busy(rows: Iterable[BusyTime], zone: zoneinfo.ZoneInfo, start: dt.datetime,
               end: dt.datetime) -> list[tuple[BusyTime, Busy]]:
    """Stored busy times that overlap [start, end) (local), each with its local times; the
    occurrences of Cairn's own events, imported before they were recognised, left out."""
    out = []
    for row in rows:
        if is_cairn_uid(row.uid):
            continue
        busy = _local_busy(row, zone)
        if busy.start < end and busy.end > start:
            out.append((row, busy))
    return out


def _local_busy(row: BusyTime, zone: zoneinfo.ZoneInfo) -> Busy:
    if not row.all_day:
        return Busy(_local(row.start, zone), _local(row.end, zone), row.summary)
    if row.start.time() == MIDNIGHT and row.end.time() == MIDNIGHT:
        return Busy(row.start, row.end, row.summary)
    # imported before all-day events were kept as dates: the UTC instant of a local midnight
    return Busy(_nearest_midnight(_local(row.start, zone)),
                _nearest_midnight(_local(row.end, zone)), row.summary)


def _nearest_midnight(when: dt.datetime) -> dt.datetime:
    return dt.datetime.combine((when + dt.timedelta(hours=12)).date(), MIDNIGHT)


def _local(when: dt.datetime, zone: zoneinfo.ZoneInfo) -> dt.datetime:
    return when.replace(tzinfo=dt.UTC).astimezone(zone).replace(tzinfo=None)


def _utc(when: dt.datetime, zone: zoneinfo.ZoneInfo) -> dt.datetime:
    return when.replace(tzinfo=zone).astimezone(dt.UTC).replace(tzinfo=None)
