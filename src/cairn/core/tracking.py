"""Records of tracking and course correction: time logs, wins, check-ins, events, reviews.

Also the rules that read what people type for them: durations ("1h30") and 0-10 ratings.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum

from cairn.core.errors import InvalidInput

MAX_LOG_MINUTES = 24 * 60  # one entry covers at most a day


class EventKind(StrEnum):
    """Kinds of life events that prompt a review."""

    FAMILY = "family"
    HEALTH = "health"
    MOVE = "move"
    JOB_CHANGE = "job-change"
    NEW_INTEREST = "new-interest"
    MARKET_SHIFT = "market-shift"
    MILESTONE_REACHED = "milestone-reached"
    OTHER = "other"


class ReviewKind(StrEnum):
    """The review cadences: each longer one also covers the shorter ones."""

    WEEKLY = "weekly"
    MONTHLY = "monthly"
    SIX_MONTHLY = "six-monthly"

    @property
    def rank(self) -> int:
        """Larger covers more: a monthly review counts as this week's weekly review."""
        return {"weekly": 1, "monthly": 2, "six-monthly": 3}[self.value]


@dataclass(frozen=True, slots=True)
class TimeEntry:
    """Time spent in a life area on a day, optionally on a task."""

    id: int
    area_id: int
    on: dt.date
    minutes: int
    task_id: int | None = None
    note: str = ""
    habit_id: int | None = None  # a session of this habit (``cairn log ... --habit ID``)

    @property
    def hours(self) -> float:
        """The duration in hours."""
        return self.minutes / 60


@dataclass(frozen=True, slots=True)
class Win:
    """An entry in the wins journal."""

    id: int
    on: dt.date
    text: str


@dataclass(frozen=True, slots=True)
class CheckIn:
    """How the person is: energy, stress, satisfaction per area, hours worked this week."""

    id: int
    at: dt.datetime
    energy: int
    stress: int
    hours_worked: float | None = None
    satisfaction: dict[int, int] = field(default_factory=dict)  # area id -> 0..10
    note: str = ""


@dataclass(frozen=True, slots=True)
class LifeEvent:
    """Something that changed in life and calls for a review."""

    id: int
    kind: EventKind
    description: str
    on: dt.date
    review_id: int | None = None

    @property
    def reviewed(self) -> bool:
        """True once a review has taken the event into account."""
        return self.review_id is not None


@dataclass(frozen=True, slots=True)
class RestPeriod:
    """A stretch of rest mode (or a holiday): plans pause, streaks do not break."""

    id: int
    start: dt.date
    end: dt.date | None = None  # None while rest mode is on
    reason: str = ""

    def covers(self, day: dt.date) -> bool:
        """True when ``day`` falls inside the period (an open period runs until today)."""
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Review:
    """A review that was held: what it saw, what it decided, what is still pending."""

    id: int
    kind: ReviewKind
    at: dt.datetime
    facts: dict[str, object] = field(default_factory=dict)
    decisions: list[str] = field(default_factory=list)
    notes: str = ""
    pending: list[str] = field(default_factory=list)


_DURATION = re.compile(  # ASCII digits, a few of them: "1h30", not 10,000 digits
    r"^\s*(?:(?P<h>[0-9]{1,5}(?:\.[0-9]{1,4})?)\s*h(?:ours?|rs?)?)?\s*"
    r"(?:(?P<m>[0-9]{1,6})\s*(?:m(?:in(?:utes?)?)?)?)?\s*$",
    re.IGNORECASE,
)


def parse_duration(text: str) -> int:
    """Minutes in '90m', '1h30', '1h 30m', '1.5h', '2h' or '45'; raises on anything else."""
    match = _DURATION.match(text)
    hours, minutes = (match.group("h"), match.group("m")) if match else (None, None)
    if not match or (hours is None and minutes is None):
        raise InvalidInput(f"Cannot read {text!r} as a duration.",
                           "Write it like 90m, 1h30, 1.5h or 2h.")
    total = round(float(hours or 0) * 60) + int(minutes or 0)
    if total <= 0:
        raise InvalidInput(f"{text!r} is no time at all; a log entry takes 1 minute to 24 h.",
                           "Give the time you spent, e.g. 45m or 1h30.")
    if total > MAX_LOG_MINUTES:
        raise InvalidInput(f"{text!r} is {total} minutes; a log entry takes 1 minute to 24 h.",
                           "Log each day separately (--date).")
    return total


def format_minutes(minutes: float) -> str:
    """150 -> '2h30', 45 -> '45m', 120 -> '2h'."""
    hours, rest = divmod(round(minutes), 60)
    if not hours:
        return f"{rest}m"
    return f"{hours}h{rest:02d}" if rest else f"{hours}h"
