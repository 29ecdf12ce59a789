"""Limits on what an .ics import reads, so that no file makes it hang, and checks per event.

Calendar apps export years of history; the planner needs the import window (about a
year). Before the file is parsed, events that lie wholly outside the window are
dropped from its text (recurring events, and their exceptions, are always kept). After
parsing, every event is checked: a time zone nobody knows, an end before its start, a
repeat rule that is invalid (``INTERVAL=0``) or would take too long to expand
(``FREQ=SECONDLY``, ``FREQ=MINUTELY;COUNT=100000000``) leaves that event out, and the
import says so. Repeat rules are counted (dateutil computes times only) and cut before
expansion at :data:`MAX_PER_EVENT` occurrences of one event and :data:`MAX_OCCURRENCES`
in all, the earliest kept, again saying what was left out.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

MAX_EVENTS = 5_000  # single events in the window: ten meetings a working day are 2,600
MAX_PER_EVENT = 2_000  # occurrences of one repeating event in the window (daily: ~370)
MAX_OCCURRENCES = 20_000  # busy times in all
MAX_RULE_STEPS = 100_000  # steps a repeat rule may take from its start to the window's end
MARGIN = dt.timedelta(days=2)  # time zones move a local date by at most a day

_PERIOD_SECONDS = {"YEARLY": 365.25 * 86400, "MONTHLY": 30.44 * 86400, "WEEKLY": 7 * 86400,
                   "DAILY": 86400, "HOURLY": 3600}
_TOO_OFTEN = {"MINUTELY": "every minute", "SECONDLY": "every second"}
_BY_PARTS = ("BYSECOND", "BYMINUTE", "BYHOUR", "BYDAY", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO",
             "BYMONTH", "BYSETPOS")

_FOLD = re.compile(rb"\r?\n[ \t]")
_BLOCK = re.compile(rb"^BEGIN:VEVENT\r?$.*?^END:VEVENT\r?$\n?", re.MULTILINE | re.DOTALL)
_REPEATS = re.compile(rb"^(?:RRULE|RDATE|EXRULE|RECURRENCE-ID)[;:]", re.MULTILINE)
_START = re.compile(rb"^DTSTART[^:\r\n]*:([0-9]{8})", re.MULTILINE)
_END = re.compile(rb"^DTEND[^:\r\n]*:([0-9]{8})", re.MULTILINE)
_DURATION = re.compile(rb"^DURATION[;:]", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class LeftOut:
    """An event (or some of its occurrences) the import did not take, and why."""

    uid: str
    summary: str
    reason: str


def _date(match: re.Match[bytes] | None) -> dt.date | None:
    if match is None:
        return None
    digits = match[1]
    try:
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None


def within_window(data: bytes, start: dt.date, end: dt.date) -> tuple[bytes, list[LeftOut]]:
    """The calendar's text without single events wholly outside [start, end).

    Keeps every event that repeats or changes a repeating one, and any event whose dates
    cannot be read here (the parser will judge it). Beyond :data:`MAX_EVENTS` single
    events in the window, the latest are left out and listed.
    """
    data = _FOLD.sub(b"", data)
    kept: list[tuple[dt.date, re.Match[bytes]]] = []
    dropped: list[tuple[int, int]] = []
    for block in _BLOCK.finditer(data):
        body = block[0]
        if _REPEATS.search(body):
            continue
        first = _date(_START.search(body))
        last = _date(_END.search(body)) or (None if _DURATION.search(body) else first)
        if first is None:
            continue
        if first > end + MARGIN or (last is not None and last < start - MARGIN):
            dropped.append(block.span())
        else:
            kept.append((first, block))
    left_out = []
    if len(kept) > MAX_EVENTS:
        kept.sort(key=lambda pair: pair[0])
        for first, block in kept[MAX_EVENTS:]:
            dropped.append(block.span())
            left_out.append(LeftOut(_field(block[0], b"UID"), _field(block[0], b"SUMMARY"),
                                    f"more than {MAX_EVENTS:,} events in the import window "
                                    f"(this one on {first})"))
    if not dropped:
        return data, left_out
    dropped.sort()
    parts, at = [], 0
    for begin, finish in dropped:
        parts.append(data[at:begin])
        at = finish
    parts.append(data[at:])
    return b"".join(parts), left_out


def _field(body: bytes, name: bytes) -> str:
    found = re.search(rb"^" + name + rb"[^:\r\n]*:(.*?)\r?$", body, re.MULTILINE)
    return found[1].decode("utf-8", "replace") if found else ""


def _rule_steps(rule: Any, first: dt.datetime | dt.date, end: dt.datetime) -> float:
    """About how many steps a repeat rule takes from its start to ``end``."""
    period = _PERIOD_SECONDS[str(rule["FREQ"][0]).upper()] * int(rule.get("INTERVAL", [1])[0])
    start = first if isinstance(first, dt.datetime) else dt.datetime.combine(first, dt.time())
    span = (end - start.replace(tzinfo=None)).total_seconds()
    until = rule.get("UNTIL")
    if until:
        last = until[0] if isinstance(until[0], dt.datetime) else dt.datetime.combine(
            until[0], dt.time())
        span = min(span, (last.replace(tzinfo=None) - start.replace(tzinfo=None)).total_seconds())
    by = [len(rule[part]) for part in _BY_PARTS if part in rule]
    multiplier = 1
    for count in by:
        multiplier *= max(1, count)
    steps = max(0.0, span) / period * multiplier + 1
    if "COUNT" in rule and not by:
        steps = min(steps, float(rule["COUNT"][0]))
    return steps


def _whole(rule: Any, part: str) -> int | None:
    try:
        return int(rule.get(part, [1])[0])
    except (TypeError, ValueError):
        return None


def _one_rule_problem(rule: Any, first: dt.datetime | dt.date, end: dt.datetime) -> str | None:
    freq = str((rule.get("FREQ") or [""])[0]).upper()
    if freq in _TOO_OFTEN:
        return f"it repeats {_TOO_OFTEN[freq]} (FREQ={freq}), which blocks no real time"
    if freq not in _PERIOD_SECONDS:
        return f"its repeat rule has no valid FREQ ({freq or 'none'})"
    bad = [f"{part}={rule[part][0]}" for part in ("INTERVAL", "COUNT")
           if part in rule and ((n := _whole(rule, part)) is None or n < 1)]
    if bad:
        return f"its repeat rule has {' and '.join(bad)} (a whole number from 1 is needed)"
    if _rule_steps(rule, first, end) > MAX_RULE_STEPS:
        return (f"its repeat rule (FREQ={freq}, from {first}) takes more than "
                f"{MAX_RULE_STEPS:,} steps to reach the import window")
    return None


def _rule_problem(event: Any, end: dt.datetime) -> str | None:
    rule = event.get("RRULE")
    rules = [] if rule is None else rule if isinstance(rule, list) else [rule]
    first = event.decoded("DTSTART")
    return next((p for r in rules if (p := _one_rule_problem(r, first, end))), None)


def _unknown_zone(event: Any, name: str) -> str | None:
    prop = event.get(name)
    if prop is None:
        return None
    zone = getattr(prop, "params", {}).get("TZID")
    try:
        value = getattr(prop, "dt", None)
    except ValueError:  # icalendar's broken property
        return f"its {name} cannot be read"
    if zone and isinstance(value, dt.datetime) and value.tzinfo is None:
        return f"its time zone {zone!r} is not one Cairn knows, so its time is unknown"
    return None


def _span_problem(first: Any, last: Any, duration: Any) -> str | None:
    if isinstance(duration, dt.timedelta) and duration < dt.timedelta():
        return f"its duration {duration} is negative"
    if last is not None and type(last) is type(first):
        a_aware = isinstance(first, dt.datetime) and first.tzinfo is not None
        b_aware = isinstance(last, dt.datetime) and last.tzinfo is not None
        if a_aware == b_aware and last < first:
            return f"it ends ({last}) before it starts ({first})"
    return None


def event_problem(event: Any, end: dt.datetime) -> str | None:
    """Why ``event`` (an icalendar VEVENT) cannot be read as busy time, or None."""
    if "DTSTART" not in event:
        return "it has no start (DTSTART)"
    try:
        first = event.decoded("DTSTART")
        last = event.decoded("DTEND") if "DTEND" in event else None
        duration = event.decoded("DURATION") if "DURATION" in event else None
    except (ValueError, TypeError, KeyError) as exc:
        return f"its times cannot be read ({exc})"
    for name, value, kinds in (("DTSTART", first, (dt.date,)),
                               ("DTEND", last, (dt.date, type(None))),
                               ("DURATION", duration, (dt.timedelta, type(None)))):
        if not isinstance(value, kinds):
            return f"its {name} {str(value)[:40]!r} cannot be read"
    problem = (_unknown_zone(event, "DTSTART") or _unknown_zone(event, "DTEND")
               or _span_problem(first, last, duration))
    if problem:
        return problem
    try:
        return _rule_problem(event, end)
    except (ValueError, TypeError, KeyError, IndexError, OverflowError) as exc:
        return f"its repeat rule cannot be read ({exc})"


# -- capping repeat rules before they are expanded -----------------------------------------


def _as_datetime(value: dt.date | dt.datetime) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())


def _naive_utc(value: dt.datetime, zone: dt.tzinfo) -> dt.datetime:
    if value.tzinfo is None:  # floating: the person's zone
        value = value.replace(tzinfo=zone)
    return value.astimezone(dt.UTC).replace(tzinfo=None)


def _first_in_window(event: Any, zone: dt.tzinfo, start: dt.datetime, end: dt.datetime,
                     count: int) -> list[dt.datetime]:
    """The first ``count`` starts of ``event``'s repeat rules in [start, end) (naive UTC);
    floating times are in ``zone``."""
    from dateutil.rrule import rrulestr

    first = _as_datetime(event.decoded("DTSTART"))
    rules = event.get("RRULE")
    lines = [f"RRULE:{rule.to_ical().decode()}" for rule in
             (rules if isinstance(rules, list) else [rules])]
    found = rrulestr("\n".join(lines), dtstart=first, forceset=True, ignoretz=False)
    own_zone = first.tzinfo or zone
    after = start.replace(tzinfo=dt.UTC).astimezone(own_zone)
    if first.tzinfo is None:
        after = after.replace(tzinfo=None)
    times = []
    for when in found.xafter(after, count=count, inc=True):
        utc = _naive_utc(when, own_zone)
        if utc >= end:
            break
        times.append(utc)
    return times


def _cut(event: Any, zone: dt.tzinfo, last_kept: dt.datetime) -> None:
    """End ``event``'s repeat rules just after ``last_kept`` (naive UTC): UNTIL, in the form
    RFC 5545 asks (a date for all-day events, UTC for zoned times, local for floating)."""
    first = event.decoded("DTSTART")
    until: dt.date
    if isinstance(first, dt.datetime) and first.tzinfo is not None:
        until = (last_kept + dt.timedelta(seconds=1)).replace(tzinfo=dt.UTC)
    else:
        local = last_kept.replace(tzinfo=dt.UTC).astimezone(zone).replace(tzinfo=None)
        until = local + dt.timedelta(seconds=1) if isinstance(first, dt.datetime) else local.date()
    rules = event.get("RRULE")
    for rule in rules if isinstance(rules, list) else [rules]:
        rule.pop("COUNT", None)
        rule["UNTIL"] = [until]


def cap_repeats(events: list[Any], zone: dt.tzinfo, start: dt.datetime, end: dt.datetime,
                room: int) -> list[LeftOut]:
    """Cut the repeat rules of ``events`` (VEVENTs) so that expanding them gives at most
    MAX_PER_EVENT occurrences of one event and ``room`` in all in [start, end) (naive UTC);
    the earliest are kept. An event whose rule cannot be counted is removed from
    ``events``. Returns what is left out. Counting uses dateutil, which only computes
    times: expanding into calendar components is what costs."""
    left_out: list[LeftOut] = []
    plans: list[tuple[Any, list[dt.datetime]]] = []
    for event in list(events):
        if event.get("RRULE") is None:
            continue
        try:
            times = _first_in_window(event, zone, start, end, MAX_PER_EVENT + 1)
        except (ValueError, TypeError, OverflowError, KeyError, IndexError) as exc:
            events.remove(event)
            left_out.append(LeftOut(str(event.get("UID", "")), str(event.get("SUMMARY", "")),
                                    f"its repeat rule cannot be read ({exc})"))
            continue
        if len(times) > MAX_PER_EVENT:
            _cut(event, zone, times[MAX_PER_EVENT - 1])
            left_out.append(LeftOut(str(event.get("UID", "")), str(event.get("SUMMARY", "")),
                                    f"it repeats more than {MAX_PER_EVENT:,} times in the "
                                    f"import window; from {times[MAX_PER_EVENT]:%Y-%m-%d} on "
                                    "it is left out"))
            times = times[:MAX_PER_EVENT]
        plans.append((event, times))
    every = sorted(t for _, times in plans for t in times)
    if len(every) > room:
        last = every[max(0, room - 1)]
        for event, times in plans:
            if times and times[-1] > last:
                _cut(event, zone, last)
                left_out.append(LeftOut(str(event.get("UID", "")),
                                        str(event.get("SUMMARY", "")),
                                        f"more than {MAX_OCCURRENCES:,} busy times in the import "
                                        f"window; after {last:%Y-%m-%d} it is left out"))
    return left_out
