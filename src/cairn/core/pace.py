"""The one pacing rule for plans made of steps: goal templates and goals made from skill gaps.

- **Weekly hours**: what the person gives; else the weekly floor of their budget for the
  area holding the work; else the plan's own pace (4 h a week for learning from gaps),
  kept under that area's weekly cap.
- **Dates**: the steps run one after another at those hours; each is due when the hours
  before it and its own are done, rounded up to whole weeks, and never in the same week
  as the step before.
- **A skill gap** takes its shortfall in whole levels of O*NET's 0-7 scale (rounded up, at
  least one), each ``HOURS_PER_LEVEL`` hours of study and practice: Cairn's estimate, six
  weeks a level at four hours a week.
- **Within a year**: a short-term goal made of gaps takes them in order while they fit in
  ``MAX_WEEKS`` (at least the first); the rest wait for a later goal.
- **Long-term goals** are due ``LONG_TERM_YEARS`` years from the start (or as many as a
  template says), or with their last short-term goal if that is later.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from cairn.core.errors import InvalidInput

HOURS_PER_LEVEL = 24.0
DEFAULT_HOURS_PER_WEEK = 4.0
MAX_WEEKS = 52
LONG_TERM_YEARS = 2
MAX_HOURS_PER_WEEK = 80.0


@dataclass(frozen=True, slots=True)
class Pace:
    """Hours a week a plan's work runs at, and where that figure came from."""

    hours_per_week: float
    source: str


@dataclass(frozen=True, slots=True)
class GapWork:
    """A skill gap to plan for: its name and the whole levels it takes to close."""

    name: str
    levels: int = 1

    @property
    def hours(self) -> float:
        """The hours of study and practice it takes."""
        return self.levels * HOURS_PER_LEVEL


def gap_levels(shortfall: float) -> int:
    """Whole levels a shortfall on the 0-7 scale takes: rounded up, at least one."""
    return max(1, math.ceil(shortfall - 1e-9))


def area_pace(area: str | None, budgets: Mapping[str, tuple[float, float | None]],
              asked: float | None = None, default: float = DEFAULT_HOURS_PER_WEEK,
              own: str = "Cairn's default pace") -> Pace:
    """The weekly hours for work in ``area``: asked, else the area's budget floor, else
    ``default`` (which ``own`` names) kept under the area's cap (``budgets`` maps an area
    to its weekly floor and cap)."""
    if asked is not None:
        return Pace(check_rate(asked), "as you asked")
    if area is None or area not in budgets:
        return Pace(default, own)
    floor, cap = budgets[area]
    if floor > 0:
        return Pace(floor, f"your {area} budget's weekly floor")
    if cap is not None and cap < default:
        return Pace(cap, f"your {area} budget's weekly cap")
    return Pace(default, own)


def check_rate(rate: float) -> float:
    """The weekly hours, or :class:`InvalidInput` outside 0-80."""
    if rate <= 0 or rate > MAX_HOURS_PER_WEEK:
        raise InvalidInput(f"{rate:g} hours a week is outside 0-80.",
                           "Give the hours a week you can put into this plan, e.g. 3.")
    return rate


def due_weeks(hours: Sequence[float], rate: float, *, done_hours: float = 0.0,
              last_week: int = 0) -> list[int]:
    """The week (counted from the start) each step is due, after ``done_hours`` of work
    already planned whose last step fell in ``last_week``."""
    weeks = []
    for h in hours:
        done_hours += h
        last_week = max(last_week + 1, math.ceil(done_hours / rate - 1e-9))
        weeks.append(last_week)
    return weeks


def within_year(hours: Sequence[float], rate: float, *, done_hours: float = 0.0,
                last_week: int = 0) -> int:
    """How many of the steps, in order, are due within ``MAX_WEEKS`` (at least one)."""
    weeks = due_weeks(hours, rate, done_hours=done_hours, last_week=last_week)
    return max(1, sum(1 for w in weeks if w <= MAX_WEEKS)) if weeks else 0
