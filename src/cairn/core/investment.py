"""Career investment: hours a week put into development, tracked like a savings rate.

What counts is time logged in the learning and career areas, except the person's job:
career time logged without a task or a habit, on a weekday that holds working hours
(``cairn availability add DAYS HH:MM-HH:MM --work``) and not in rest mode, is taken as
the job's own hours and left out, unless the person chooses to count it. A time entry
has a day but no time of day, so this is as near as Cairn can come to "the hours of the
job's shifts"; without working hours Cairn cannot tell the job apart, and counts it all.

The averages follow the one rule of :mod:`cairn.core.balance`: complete weeks only,
never before the person's records begin; the open week is reported on its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from cairn.core.balance import BALANCE_WEEKS, WeekSpan, complete_weeks, week_start
from cairn.core.tracking import RestPeriod, TimeEntry

INVESTMENT_AREAS = ("career", "learning")
JOB_AREAS = ("career",)  # where a job's own hours are logged, if they are
HISTORY_WEEKS = 12
STEADY_HOURS = 0.5  # a change of less than this a week is "steady"


class JobHours(StrEnum):
    """How the person's job's hours were treated."""

    LEFT_OUT = "left out"  # working days known: career time on them without a task is left out
    COUNTED = "counted"  # the person chose to count their job's hours as investment
    UNKNOWN = "unknown"  # no working hours set: Cairn cannot tell the job apart


@dataclass(frozen=True, slots=True)
class InvestedTime:
    """Hours per day counted as investment, and career hours per day taken as the job's."""

    invested: Mapping[dt.date, float]
    job: Mapping[dt.date, float]
    rule: JobHours


def invested_time(entries: Iterable[TimeEntry], area_keys: Mapping[int, str],
                  working_days: Collection[int], rests: Sequence[RestPeriod] = (), *,
                  count_job_hours: bool = False) -> InvestedTime:
    """Split logged time into investment and the job's own hours (see the module notes).

    ``area_keys`` maps an area id to its key; ``working_days`` holds the weekdays
    (0 Monday .. 6 Sunday) with working hours; a day in ``rests`` has no shift.
    """
    if count_job_hours:
        rule = JobHours.COUNTED
    else:
        rule = JobHours.LEFT_OUT if working_days else JobHours.UNKNOWN
    invested: dict[dt.date, float] = {}
    job: dict[dt.date, float] = {}
    for e in entries:
        key = area_keys.get(e.area_id)
        if key not in INVESTMENT_AREAS:
            continue
        is_job = (rule is JobHours.LEFT_OUT and key in JOB_AREAS and e.task_id is None
                  and e.habit_id is None and e.on.weekday() in working_days
                  and not any(r.covers(e.on) for r in rests))
        target = job if is_job else invested
        target[e.on] = target.get(e.on, 0.0) + e.minutes / 60
    return InvestedTime(invested, job, rule)


@dataclass(frozen=True, slots=True)
class Investment:
    """Hours a week put into career and learning development, like a savings rate.

    ``recent_per_week`` is the mean over ``recent`` (the latest four complete weeks),
    ``previous_per_week`` over ``previous`` (the four before); either is None when its
    span holds no complete week. ``this_week`` is the open week so far, in no average.
    ``job_per_week`` is the mean of the job's hours left out over ``recent``.
    """

    recent_per_week: float | None
    previous_per_week: float | None
    year_to_date: float
    weekly: tuple[tuple[dt.date, float], ...]  # week start -> hours, oldest first, open last
    recent: WeekSpan
    previous: WeekSpan
    this_week: float = 0.0
    job_per_week: float | None = None
    job_hours: JobHours = JobHours.UNKNOWN

    @property
    def trend(self) -> str:
        """'rising', 'falling' or 'steady' (within half an hour a week); 'not enough weeks
        yet' until both spans hold a complete week."""
        if self.recent_per_week is None or self.previous_per_week is None:
            return "not enough weeks yet"
        delta = self.recent_per_week - self.previous_per_week
        if delta > STEADY_HOURS:
            return "rising"
        if delta < -STEADY_HOURS:
            return "falling"
        return "steady"


def _total(hours: Mapping[dt.date, float], span: WeekSpan) -> float:
    return sum(h for day, h in hours.items() if span.covers(day))


def career_investment(daily_hours: Mapping[dt.date, float], today: dt.date,
                      began: dt.date | None = None, *, weeks: int = HISTORY_WEEKS,
                      job_hours: Mapping[dt.date, float] | None = None,
                      rule: JobHours = JobHours.UNKNOWN) -> Investment:
    """Investment figures from the hours per day counted as investment.

    ``began`` is the first day of the person's records: weeks before it are in no mean.
    ``job_hours`` holds the career hours per day left out as the job's.
    """
    this_week = week_start(today)
    starts = [this_week - dt.timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
    per_week = dict.fromkeys(starts, 0.0)
    for day, h in daily_hours.items():
        start = week_start(day)
        if start in per_week:
            per_week[start] += h
    recent = complete_weeks(today, began, BALANCE_WEEKS)
    previous = complete_weeks(today, began, BALANCE_WEEKS, skip=BALANCE_WEEKS)
    ytd = sum(h for day, h in daily_hours.items() if day.year == today.year and day <= today)
    left_out = recent.mean(_total(job_hours or {}, recent))
    return Investment(recent.mean(_total(daily_hours, recent)),
                      previous.mean(_total(daily_hours, previous)), ytd,
                      tuple((s, per_week[s]) for s in starts), recent, previous,
                      per_week[this_week],
                      left_out if rule is JobHours.LEFT_OUT else None, rule)
