"""Burnout-risk indicator: a small, documented rule set over check-ins and logged time.

Each rule that fires gives a reason with points and advice; the points decide the level:

==================  ======  ==============================================================
code                points  fires when
==================  ======  ==============================================================
long-hours          2       in 3 or more of the last 4 weeks, hours worked (check-in, else
                            time logged in work areas) exceed the limit: the boundary if the
                            plan sets one, else the contract hours plus 10 % (at least +2 h)
stress-high         2       the mean stress of the last 3 check-ins (within 6 weeks) is >= 8
stress-rising       1       stress never fell over the last 3+ check-ins and rose by >= 2
energy-low          2       the mean energy of the last 3 check-ins is <= 3
energy-falling      1       energy never rose over the last 3+ check-ins and fell by >= 2
no-rest             1       for 3 weeks or more, time was logged but none of it in rest or
                            passion, and rest mode was not on
overcommitted       1       the time plan reports more hours asked than available
==================  ======  ==============================================================

Level: 0 points "low", 1-2 "elevated", 3 or more "high". At "high", or with long
hours and falling energy, Cairn offers rest mode, which pauses plans without penalty.

The rules read a :class:`WellbeingHistory` as of one day. A :class:`WellbeingRecord` holds
what is stored over a longer span; :func:`history_on` cuts out the history as of any day in
it (nothing after that day counts), so :func:`burnout_trend` evaluates the same rules week
by week from one read. What is not stored per day is taken as it is known now: the
contract hours, the plan's boundary, rest periods (by their dates), and the plan's
overcommitment (asked per week; the plan only knows the weeks it plans).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

from cairn.core.errors import InvalidInput
from cairn.core.tracking import CheckIn, RestPeriod

WINDOW_WEEKS = 4
SUSTAINED_WEEKS = 3
TREND_CHECKINS = 3
TREND_WINDOW = dt.timedelta(weeks=6)
NO_REST_DAYS = 21
POINTS = {"long-hours": 2, "stress-high": 2, "stress-rising": 1, "energy-low": 2,
          "energy-falling": 1, "no-rest": 1, "overcommitted": 1}


@dataclass(frozen=True, slots=True)
class Reason:
    """One rule that fired: what was seen, and what to do about it."""

    code: str
    message: str
    advice: str

    @property
    def points(self) -> int:
        """How much this reason weighs in the level."""
        return POINTS[self.code]


@dataclass(frozen=True, slots=True)
class BurnoutRisk:
    """The level, the reasons behind it and whether to offer rest mode."""

    level: str
    points: int
    reasons: tuple[Reason, ...]
    offer_rest: bool
    resting: bool


@dataclass(frozen=True, slots=True)
class WellbeingHistory:
    """Everything the rules read, written out so tests can state a history plainly."""

    today: dt.date
    checkins: Sequence[CheckIn]  # oldest first
    contract_hours: float
    work_hours_by_week: Mapping[dt.date, float]  # Monday -> hours logged in work areas
    logged_days: Sequence[dt.date]  # days with any time logged
    restorative_days: Sequence[dt.date]  # days with time logged in rest or passion
    rests: Sequence[RestPeriod] = ()
    boundary_hours: float | None = None  # the plan's weekly work limit, when set
    overcommitted_hours: float | None = None  # from the plan, when it has one


def hours_limit(contract_hours: float, boundary_hours: float | None) -> float:
    """The weekly hours beyond which work counts as long."""
    if boundary_hours is not None:
        return boundary_hours
    return contract_hours + max(2.0, contract_hours * 0.1)


def _weeks(today: dt.date) -> list[dt.date]:
    monday = today - dt.timedelta(days=today.weekday())
    return [monday - dt.timedelta(weeks=n) for n in range(WINDOW_WEEKS)]


def _long_hours(h: WellbeingHistory) -> Reason | None:
    limit = hours_limit(h.contract_hours, h.boundary_hours)
    reported: dict[dt.date, float] = {}
    for c in h.checkins:  # the latest check-in of a week speaks for it
        if c.hours_worked is not None:
            day = c.at.date()
            reported[day - dt.timedelta(days=day.weekday())] = c.hours_worked
    weeks = _weeks(h.today)
    hours = [reported.get(w, h.work_hours_by_week.get(w, 0.0)) for w in weeks]
    long_weeks = sum(1 for x in hours if x > limit)
    if long_weeks < SUSTAINED_WEEKS:
        return None
    return Reason("long-hours",
                  f"{long_weeks} of the last {WINDOW_WEEKS} weeks went beyond {limit:g} h "
                  f"(up to {max(hours):g} h).",
                  "Protect your evenings: set a boundary in the plan and move or drop work "
                  "that does not fit.")


def _trend(values: list[int]) -> int:
    """+1 when never falling and up by 2+, -1 when never rising and down by 2+, else 0."""
    steps = [b - a for a, b in pairwise(values)]
    if all(s >= 0 for s in steps) and values[-1] - values[0] >= 2:
        return 1
    if all(s <= 0 for s in steps) and values[0] - values[-1] >= 2:
        return -1
    return 0


def _checkin_reasons(h: WellbeingHistory) -> list[Reason]:
    since = h.today - TREND_WINDOW
    recent = [c for c in h.checkins if c.at.date() > since][-max(TREND_CHECKINS, 4):]
    if len(recent) < TREND_CHECKINS:
        return []
    reasons: list[Reason] = []
    stress, energy = [c.stress for c in recent], [c.energy for c in recent]
    last3 = recent[-TREND_CHECKINS:]
    mean_stress = sum(c.stress for c in last3) / len(last3)
    mean_energy = sum(c.energy for c in last3) / len(last3)
    if mean_stress >= 8:
        reasons.append(Reason("stress-high", f"Stress averaged {mean_stress:.1f}/10 over the "
                              f"last {len(last3)} check-ins.",
                              "Name the biggest stressor and take one thing off your plate "
                              "this week; talk to someone you trust."))
    elif _trend(stress) > 0:
        reasons.append(Reason("stress-rising", f"Stress rose from {stress[0]} to {stress[-1]} "
                              f"over {len(stress)} check-ins.",
                              "Look at what changed and plan a lighter week."))
    if mean_energy <= 3:
        reasons.append(Reason("energy-low", f"Energy averaged {mean_energy:.1f}/10 over the "
                              f"last {len(last3)} check-ins.",
                              "Sleep, movement and time off first; keep only essential work."))
    elif _trend(energy) < 0:
        reasons.append(Reason("energy-falling", f"Energy fell from {energy[0]} to {energy[-1]} "
                              f"over {len(energy)} check-ins.",
                              "Schedule rest before it is forced on you."))
    return reasons


def _no_rest(h: WellbeingHistory) -> Reason | None:
    start = h.today - dt.timedelta(days=NO_REST_DAYS)
    if not h.logged_days or min(h.logged_days) > start:
        return None  # too little history to say
    if any(start < d <= h.today for d in h.restorative_days):
        return None
    if any(r.covers(start + dt.timedelta(days=n)) for r in h.rests
           for n in range(NO_REST_DAYS + 1)):
        return None
    last = max((d for d in h.restorative_days if d <= h.today), default=None)
    since = f"since {last}" if last else "at all"
    return Reason("no-rest", f"No rest or passion time logged {since} "
                  f"({NO_REST_DAYS // 7}+ weeks).",
                  "Book time for rest and for what you love, as firmly as a meeting.")


def assess_burnout(h: WellbeingHistory) -> BurnoutRisk:
    """Apply every rule to the history and weigh the reasons into a level."""
    reasons: list[Reason] = []
    long_hours = _long_hours(h)
    if long_hours:
        reasons.append(long_hours)
    reasons.extend(_checkin_reasons(h))
    no_rest = _no_rest(h)
    if no_rest:
        reasons.append(no_rest)
    if h.overcommitted_hours is not None and h.overcommitted_hours > 0:
        reasons.append(Reason("overcommitted", f"The plan asks {h.overcommitted_hours:g} h a "
                              "week more than you have.",
                              "Use the plan's trade-offs: move a deadline or drop a goal."))
    points = sum(r.points for r in reasons)
    level = "low" if points == 0 else "elevated" if points < 3 else "high"
    codes = {r.code for r in reasons}
    offer = level == "high" or ("long-hours" in codes and bool(
        codes & {"energy-low", "energy-falling"}))
    resting = any(r.covers(h.today) for r in h.rests)
    return BurnoutRisk(level, points, tuple(reasons), offer and not resting, resting)


# -- the rules as of any day -----------------------------------------------------------

TREND_STEP_DAYS = 7


@dataclass(frozen=True, slots=True)
class WellbeingRecord:
    """What is stored over a span of days, read once; cut a history out with history_on."""

    checkins: Sequence[CheckIn]  # oldest first
    contract_hours: float
    work_hours_by_day: Mapping[dt.date, float]  # hours logged in work areas per day
    logged_days: Sequence[dt.date]  # days with any time logged
    restorative_days: Sequence[dt.date]  # days with time logged in rest or passion
    first_log_day: dt.date | None = None  # the earliest time entry ever, for no-rest
    rests: Sequence[RestPeriod] = ()
    boundary_hours: float | None = None


def lookback_start(day: dt.date) -> dt.date:
    """The first day the rules look at when judging ``day`` (a Monday, six weeks before
    the week of ``day``): enough for the four-week, six-week and three-week windows."""
    return day - dt.timedelta(days=day.weekday()) - dt.timedelta(weeks=WINDOW_WEEKS + 2)


def history_on(record: WellbeingRecord, day: dt.date,
               overcommitted_hours: float | None = None) -> WellbeingHistory:
    """The history as it stood at the end of ``day``: nothing after it, nothing the rules
    would not look at before it."""
    first = lookback_start(day)
    work: dict[dt.date, float] = {}
    for d, hours in record.work_hours_by_day.items():
        if first <= d <= day:
            monday = d - dt.timedelta(days=d.weekday())
            work[monday] = work.get(monday, 0.0) + hours
    logged = [d for d in record.logged_days if first <= d <= day]
    if record.first_log_day is not None and record.first_log_day <= day:
        logged.append(record.first_log_day)
    return WellbeingHistory(
        today=day,
        checkins=[c for c in record.checkins if first <= c.at.date() <= day],
        contract_hours=record.contract_hours, work_hours_by_week=work,
        logged_days=sorted(set(logged)),
        restorative_days=[d for d in record.restorative_days if first <= d <= day],
        rests=record.rests, boundary_hours=record.boundary_hours,
        overcommitted_hours=overcommitted_hours)


def trend_days(since: dt.date, until: dt.date, step_days: int = TREND_STEP_DAYS
               ) -> list[dt.date]:
    """``until`` and every ``step_days`` before it back to ``since``, oldest first; at least
    ``until`` itself, so the last point is always the level of today."""
    if step_days < 1:
        raise InvalidInput(f"A trend step of {step_days} days is not possible.",
                           "Use a step of one day or more (7 for weekly).")
    days = [until]
    while days[-1] - dt.timedelta(days=step_days) >= since:
        days.append(days[-1] - dt.timedelta(days=step_days))
    return days[::-1]


def burnout_trend(record: WellbeingRecord, days: Sequence[dt.date],
                  overcommitted: Callable[[dt.date], float | None] | None = None
                  ) -> list[tuple[dt.date, BurnoutRisk]]:
    """The burnout risk as of each day, oldest first; ``overcommitted`` gives the plan's
    overcommitment for the week of a day, when the plan knows it."""
    return [(d, assess_burnout(history_on(record, d, overcommitted(d) if overcommitted
                                          else None))) for d in sorted(days)]
