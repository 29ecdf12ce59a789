"""The balance wheel, career investment and streaks, from check-ins and logged time.

Budgets (weekly floor and cap per area) and overcommitment belong to the time plan,
which lives elsewhere: they come in through :class:`PlanSignals`, and ``None``
everywhere means "no plan yet", never "zero".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from cairn.core.model import LifeArea
from cairn.core.tracking import RestPeriod

INVESTMENT_AREAS = ("career", "learning")
BALANCE_WEEKS = 4


@dataclass(frozen=True, slots=True)
class AreaBudget:
    """Weekly hours the plan wants for an area: at least ``floor``, at most ``cap``."""

    floor: float | None = None
    cap: float | None = None


class PlanSignals(Protocol):
    """What the time plan tells well-being; the planning feature implements it."""

    def budgets(self) -> Mapping[str, AreaBudget] | None:
        """Weekly budget per area key, or None when no plan exists."""

    def overcommitment(self) -> Mapping[dt.date, float]:
        """Monday -> hours the plan asks that week beyond the time available, for each week
        the latest plan covers (empty without a plan)."""

    def boundary_hours(self) -> float | None:
        """The most work hours a week the person's boundaries allow, or None."""


class NoPlan:
    """The stand-in until a time plan is plugged in: no budgets, no overcommitment."""

    def budgets(self) -> Mapping[str, AreaBudget] | None:
        """No budgets yet."""
        return None

    def overcommitment(self) -> Mapping[dt.date, float]:
        """Nothing known."""
        return {}

    def boundary_hours(self) -> float | None:
        """No boundary set: the contract hours decide."""
        return None


@dataclass(frozen=True, slots=True)
class BalanceRow:
    """One spoke of the wheel."""

    area: LifeArea
    satisfaction: int | None
    hours_per_week: float
    budget: AreaBudget | None
    progress: float | None

    @property
    def budget_state(self) -> str:
        """'below floor', 'above cap', 'within budget' or 'no budget'."""
        if self.budget is None or (self.budget.floor is None and self.budget.cap is None):
            return "no budget"
        if self.budget.floor is not None and self.hours_per_week < self.budget.floor:
            return "below floor"
        if self.budget.cap is not None and self.hours_per_week > self.budget.cap:
            return "above cap"
        return "within budget"


def balance_wheel(
    areas: Sequence[LifeArea],
    satisfaction: Mapping[int, int],
    hours: Mapping[int, float],
    progress: Mapping[int, float],
    budgets: Mapping[str, AreaBudget] | None = None,
    weeks: int = BALANCE_WEEKS,
) -> list[BalanceRow]:
    """Per area: latest satisfaction, mean weekly hours over ``weeks``, budget, goal progress."""
    return [
        BalanceRow(a, satisfaction.get(a.id), hours.get(a.id, 0.0) / weeks,
                   (budgets or {}).get(a.key), progress.get(a.id))
        for a in areas
    ]


PERSONAL_KEYS = ("rest", "passion", "relationships", "health")
PERSONAL_MIN_HOURS = 2.0  # a week, all personal areas together


def crowding_alerts(rows: Sequence[BalanceRow], work_keys: Iterable[str] = ("career",),
                    work_limit: float | None = None) -> list[str]:
    """Alerts when work crowds out the rest of life.

    With budgets: work above its cap while another area is below its floor.
    Without them: work logged beyond ``work_limit`` a week while rest, passion,
    relationships and health together got under two hours a week.
    """
    keys = set(work_keys)
    alerts: list[str] = []
    over = [r for r in rows if r.area.key in keys and r.budget_state == "above cap"]
    starved = [r for r in rows if r.area.key not in keys and r.budget_state == "below floor"]
    if over and starved:
        names = ", ".join(r.area.name for r in starved)
        alerts.append(f"Work is over its cap while {names} fall below their floor.")
    work = sum(r.hours_per_week for r in rows if r.area.key in keys)
    personal = sum(r.hours_per_week for r in rows if r.area.key in PERSONAL_KEYS)
    if work_limit is not None and work > work_limit and personal < PERSONAL_MIN_HOURS:
        alerts.append(f"Work took {work:.1f} h a week (limit {work_limit:g} h) while rest, "
                      f"passion, relationships and health got {personal:.1f} h together.")
    return alerts


@dataclass(frozen=True, slots=True)
class Investment:
    """Hours a week put into career and learning development, like a savings rate."""

    recent_per_week: float  # mean of the last four weeks
    previous_per_week: float  # mean of the four weeks before
    year_to_date: float
    weekly: tuple[tuple[dt.date, float], ...]  # week start -> hours, oldest first

    @property
    def trend(self) -> str:
        """'rising', 'falling' or 'steady' (within half an hour a week)."""
        delta = self.recent_per_week - self.previous_per_week
        if delta > 0.5:
            return "rising"
        if delta < -0.5:
            return "falling"
        return "steady"


def week_start(day: dt.date) -> dt.date:
    """The Monday of ``day``'s week."""
    return day - dt.timedelta(days=day.weekday())


def career_investment(daily_hours: Mapping[dt.date, float], today: dt.date,
                      weeks: int = 12) -> Investment:
    """Investment figures from hours per day logged in the career and learning areas."""
    this_week = week_start(today)
    starts = [this_week - dt.timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
    per_week = dict.fromkeys(starts, 0.0)
    for day, h in daily_hours.items():
        start = week_start(day)
        if start in per_week:
            per_week[start] += h
    # complete weeks only: the current week is still filling up
    done = [per_week[s] for s in starts[:-1]]
    recent, previous = done[-4:], done[-8:-4]
    ytd = sum(h for day, h in daily_hours.items() if day.year == today.year and day <= today)
    return Investment(sum(recent) / 4 if recent else 0.0,
                      sum(previous) / 4 if previous else 0.0, ytd,
                      tuple((s, per_week[s]) for s in starts))


@dataclass(frozen=True, slots=True)
class HabitStreak:
    """A habit's run of weeks that had their sessions, and this week's count so far."""

    habit_id: int
    title: str
    per_week: int
    this_week: int
    weeks: int


def habit_streak(habit_id: int, title: str, per_week: int, session_days: Iterable[dt.date],
                 today: dt.date, rests: Sequence[RestPeriod] = ()) -> HabitStreak:
    """Consecutive weeks in which a habit got at least ``per_week`` logged sessions.

    A week counts when it holds ``per_week`` sessions (each logged entry is one);
    weeks in rest mode or on holiday neither count nor break the run, and the
    current week does not break it while it is still open (as :func:`streak`).
    """
    days = list(session_days)
    counts: dict[dt.date, int] = {}
    for d in days:
        counts[week_start(d)] = counts.get(week_start(d), 0) + 1
    met = [w for w, n in counts.items() if n >= per_week]
    return HabitStreak(habit_id, title, per_week, counts.get(week_start(today), 0),
                       streak(met, today, rests, 7))


def streak(active: Iterable[dt.date], today: dt.date, rests: Sequence[RestPeriod] = (),
           period_days: int = 7) -> int:
    """Consecutive periods (weeks by default, days with 1) with activity, up to now.

    A period spent (even partly) in rest mode or on holiday neither counts nor
    breaks the streak; the current period does not break it while still open.
    """
    def start_of(day: dt.date) -> dt.date:
        return week_start(day) if period_days == 7 else day

    step = dt.timedelta(days=period_days)
    seen = {start_of(d) for d in active}
    current = start_of(today)

    def rested(start: dt.date) -> bool:
        days = [start + dt.timedelta(days=n) for n in range(period_days)]
        return any(r.covers(d) for r in rests for d in days if d <= today)

    count = 0
    cursor = current
    if cursor not in seen:
        cursor -= step
    earliest = min(seen, default=current)
    while cursor >= earliest:
        if cursor in seen:
            count += 1
        elif not rested(cursor):
            break
        cursor -= step
    return count
