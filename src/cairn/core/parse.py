"""Reading what people type: dates (ISO or phrases), enum choices, weekdays, times of day.

Pure functions from text to typed values, each with an error that says what it expected.
The edges (the command line, the web's forms) parse; services take the typed values.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import TypeVar

from cairn.core.errors import InvalidInput

HINT = "Use YYYY-MM-DD, or a phrase such as 'in 6 months', 'next friday' or 'tomorrow'."
MIN_YEAR, MAX_YEAR = 1900, 2199  # room for any plan, and for date arithmetic around it
MAX_DATE_TEXT = 60
_YMD = re.compile(r"([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})")
_NUMERIC = re.compile(r"[0-9]{1,2}[-/.][0-9]{1,2}[-/.][0-9]{2,4}")
# "7 days ago" (`cairn log list`'s default) is read here, as dateparser reads it: importing
# dateparser alone would take a listing's whole time budget
_AGO = re.compile(r"([0-9]{1,4}) (day|week)s? ago")


def _in_range(day: dt.date, text: str) -> dt.date:
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise InvalidInput(f"{text!r} is {day}, outside the years {MIN_YEAR}-{MAX_YEAR}.",
                           "Give a date within a lifetime.")
    return day


def parse_date(text: str, base: dt.date) -> dt.date:
    """Read ``text`` as a date; relative phrases count from ``base`` (the person's today).

    What looks like a year-month-day date is read strictly as one (``2027-13-05`` is
    refused, not turned into 13 May); all-number dates in another order
    (``05/06/2027``) are refused as ambiguous.
    """
    cleaned = text.strip()
    if len(cleaned) > MAX_DATE_TEXT:
        raise InvalidInput(f"Cannot read {cleaned[:20]!r}... as a date: it is too long.", HINT)
    ymd = _YMD.fullmatch(cleaned)
    if ymd:
        try:
            day = dt.date(int(ymd[1]), int(ymd[2]), int(ymd[3]))
        except ValueError as exc:
            raise InvalidInput(f"Cannot read {text!r} as a date: {exc}.",
                               "Write it as YYYY-MM-DD, the month 01-12 first, then the day."
                               ) from None
        return _in_range(day, text)
    if _NUMERIC.fullmatch(cleaned):
        raise InvalidInput(f"Cannot read {text!r} as a date: it could be day/month or "
                           "month/day.", "Write it as YYYY-MM-DD.")
    try:
        return _in_range(dt.date.fromisoformat(cleaned), text)
    except ValueError:
        pass
    ago = _AGO.fullmatch(cleaned)
    if ago:
        days = int(ago[1]) * (7 if ago[2] == "week" else 1)
        return _in_range(base - dt.timedelta(days=days), text)
    import dateparser  # slow to import: only when a phrase needs it

    anchor = dt.datetime.combine(base, dt.time(12, 0))
    try:
        parsed = dateparser.parse(
            cleaned,
            languages=["en"],
            settings={"PREFER_DATES_FROM": "future", "RELATIVE_BASE": anchor,
                      "RETURN_AS_TIMEZONE_AWARE": False},
        )
    except (OverflowError, ValueError, ArithmeticError):  # "in 99999 years", absurd numbers
        parsed = None
    if parsed is None:
        raise InvalidInput(f"Cannot read {text!r} as a date.", HINT)
    return _in_range(parsed.date(), text)


def parse_optional_date(text: str | None, base: dt.date) -> dt.date | None:
    """Like :func:`parse_date`, passing None and the empty string through as None."""
    if text is None or not text.strip():
        return None
    return parse_date(text, base)


E = TypeVar("E", bound=StrEnum)


def parse_choice(kind: type[E], text: str, what: str) -> E:
    """Read ``text`` as a member of ``kind``; 'long term' and 'long_term' both work."""
    cleaned = text.strip().lower().replace(" ", "-").replace("_", "-")
    aliases = {"long": "long-term", "short": "short-term"}
    cleaned = aliases.get(cleaned, cleaned)
    for member in kind:
        if member.value == cleaned:
            return member
    choices = ", ".join(m.value for m in kind)
    raise InvalidInput(f"'{text}' is not a {what}.", f"Use one of: {choices}.")


DAY_HINT = "Use days like mon, mon-fri, sat,sun or daily."
TIME_HINT = "Use HH:MM-HH:MM, for example 18:00-21:30."


DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _weekday(word: str, text: str) -> int:
    """'mon', 'monday' (or any start of it from three letters) -> 0."""
    for index, name in enumerate(DAY_NAMES):
        if len(word) >= 3 and name.startswith(word):
            return index
    raise InvalidInput(f"Cannot read the days {text!r}.", DAY_HINT)


def parse_days(text: str) -> list[int]:
    """'mon-fri' -> [0..4]; 'sat,sun'; 'daily'; 'weekdays'; 'weekend'; 'fri-mon' runs
    over the weekend."""
    spec = text.strip().lower()
    spec = {"daily": "mon-sun", "weekdays": "mon-fri", "weekend": "sat-sun"}.get(spec, spec)
    days: list[int] = []
    for part in spec.split(","):
        first, _, last = part.strip().partition("-")
        a = _weekday(first.strip(), text)
        b = _weekday(last.strip(), text) if last else a
        span = [(a + i) % 7 for i in range((b - a) % 7 + 1)]
        days += [d for d in span if d not in days]
    return days


def parse_clock(text: str) -> int:
    """'18:30' -> 1110 minutes; '24:00' is the end of the day."""
    match = re.fullmatch(r"([0-9]{1,2})(?::([0-9]{2}))?", text.strip())
    if not match or int(match[1]) > 24 or int(match[2] or 0) > 59 or (
            int(match[1]) == 24 and int(match[2] or 0)):
        raise InvalidInput(f"Cannot read the time {text!r}.", "Use HH:MM, for example 19:00.")
    return int(match[1]) * 60 + int(match[2] or 0)


def parse_span(text: str) -> tuple[int, int]:
    """'18:00-21:30' -> (1080, 1290)."""
    first, sep, last = text.partition("-")
    if not sep:
        raise InvalidInput(f"Cannot read the time range {text!r}.", TIME_HINT)
    start, end = parse_clock(first), parse_clock(last)
    if end <= start:
        raise InvalidInput(f"The range {text!r} ends before it starts.",
                           "Split a window that crosses midnight into two days.")
    return start, end


def clock(minutes: int) -> str:
    """1110 -> '18:30'."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
