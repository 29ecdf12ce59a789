"""Times as a person reads them: in their own time zone, to the minute.

Cairn stores moments as naive UTC (see ``store/docs.md``); every listing, history
and report header shows them through :func:`minute` with the person's zone (the
facade's scope holds it).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from cairn.services.app import Cairn


def local(when: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """A stored moment (naive UTC, or aware) in ``zone``."""
    aware = when if when.tzinfo is not None else when.replace(tzinfo=dt.UTC)
    return aware.astimezone(zone)


def minute(when: dt.datetime | None, zone: ZoneInfo) -> str:
    """'2026-11-23 04:00' in the person's zone; '-' when there is no moment."""
    return "-" if when is None else local(when, zone).strftime("%Y-%m-%d %H:%M")


def day(when: dt.datetime | None, zone: ZoneInfo) -> str:
    """The person's calendar day of a moment: '2026-11-23'; '-' when there is none."""
    return "-" if when is None else local(when, zone).strftime("%Y-%m-%d")


def with_zone(when: dt.datetime, zone: ZoneInfo) -> str:
    """'2026-11-23 04:00 CST': for a line that stands alone, such as a report header."""
    moment = local(when, zone)
    return f"{moment:%Y-%m-%d %H:%M} {moment.tzname() or zone.key}"


def zone_of(c: Cairn) -> ZoneInfo:
    """The person's time zone."""
    return c.scope.zone
