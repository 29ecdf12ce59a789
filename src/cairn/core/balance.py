"""The balance wheel and streaks, from check-ins and logged time, and the weeks averages cover.

Budgets (weekly floor and cap per area) and overcommitment belong to the time plan,
which lives elsewhere: they come in through :class:`PlanSignals`, and ``None``
everywhere means "no plan yet", never "zero".

Every weekly average here (the balance wheel's hours, career investment) covers whole
weeks, Monday to Sunday, that are over: the open week is still filling up and is shown
on its own ("this week so far"), and weeks before the person's records begin are not
counted as empty weeks (see :func:`complete_weeks`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from cairn.core.model import LifeArea
from cairn.core.planning.model import Boundary, BoundaryKind, Budget, Window, WindowKind
from cairn.core.tracking import RestPeriod

BALANCE_WEEKS = 4


def week_start(day: dt.date) -> dt.date:
    """The Monday of ``day``'s week."""
    return day - dt.timedelta(days=day.weekday())


@dataclass(frozen=True, slots=True)
class WeekSpan:
    """The whole weeks an average covers: ``weeks`` weeks from the Monday ``first``.

    ``weeks`` is 0 when there is no complete week to average yet.
    """

    first: dt.date
    weeks: int

    @property
    def last(self) -> dt.date:
        """The Sunday that ends the span (the day before ``first`` when it is empty)."""
        return self.first + dt.timedelta(weeks=self.weeks) - dt.timedelta(days=1)

    def covers(self, day: dt.date) -> bool:
        """True when ``day`` falls inside the span."""
        return self.first <= day <= self.last

    def mean(self, total: float) -> float | None:
        """``total`` hours as hours a week over the span; None for an empty span."""
        return total / self.weeks if self.weeks else None

    def describe(self) -> str:
        """'the 4 complete weeks 2026-10-26 to 2026-11-22', or 'no complete week yet'."""
        if not self.weeks:
            return "no complete week yet"
        what = "the complete week" if self.weeks == 1 else f"the {self.weeks} complete weeks"
        return f"{what} {self.first} to {self.last}"


def complete_weeks(today: dt.date, began: dt.date | None, most: int = BALANCE_WEEKS,
                   skip: int = 0) -> WeekSpan:
    """The latest ``most`` complete weeks before the open week of ``today`` (after leaving
    out the ``skip`` latest of them), never reaching before the week of ``began`` (when the
    person's records begin): on day one there is no complete week, and a person three
    weeks in has three, so no average is diluted by weeks before they began."""
    end = week_start(today) - dt.timedelta(weeks=skip)
    start = end - dt.timedelta(weeks=most)
    if began is not None:
        start = max(start, week_start(began))
    weeks = max(0, (end - start).days // 7)
    return WeekSpan(end - dt.timedelta(weeks=weeks), weeks)


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

    def working_days(self) -> frozenset[int]:
        """Weekdays (0 Monday .. 6 Sunday) on which the person has working hours."""


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

    def working_days(self) -> frozenset[int]:
        """No working hours known."""
        return frozenset()


@dataclass(frozen=True, slots=True)
class BalanceRow:
    """One spoke of the wheel: ``hours_per_week`` is the mean over ``span`` (None before the
    first complete week), ``this_week`` the hours so far in the open week."""

    area: LifeArea
    satisfaction: int | None
    hours_per_week: float | None
    budget: AreaBudget | None
    progress: float | None
    span: WeekSpan
    this_week: float = 0.0

    @property
    def budget_state(self) -> str:
        """'below floor', 'above cap', 'within budget', 'no budget', or 'no complete week
        yet' (a budget, but no week to hold it against)."""
        if self.budget is None or (self.budget.floor is None and self.budget.cap is None):
            return "no budget"
        if self.hours_per_week is None:
            return "no complete week yet"
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
    span: WeekSpan,
    budgets: Mapping[str, AreaBudget] | None = None,
    this_week: Mapping[int, float] | None = None,
) -> list[BalanceRow]:
    """Per area: latest satisfaction (None: never rated), mean weekly hours over ``span``
    (``hours`` holds the total logged in it), budget, goal progress, this week so far."""
    return [
        BalanceRow(a, satisfaction.get(a.id), span.mean(hours.get(a.id, 0.0)),
                   (budgets or {}).get(a.key), progress.get(a.id), span,
                   (this_week or {}).get(a.id, 0.0))
        for a in areas
    ]


PERSONAL_KEYS = ("rest", "passion", "relationships", "health")
PERSONAL_MIN_HOURS = 2.0  # a week, all personal areas together


def crowding_alerts(rows: Sequence[BalanceRow], work_keys: Iterable[str] = ("career",),
                    work_limit: float | None = None) -> list[str]:
    """Alerts when work crowds out the rest of life.

    With budgets: work above its cap while another area is below its floor.
    Without them: work logged beyond ``work_limit`` a week while rest, passion,
    relationships and health together got under two hours a week. Both read the
    weekly means over complete weeks; before the first one there is no alert.
    """
    keys = set(work_keys)
    alerts: list[str] = []
    over = [r for r in rows if r.area.key in keys and r.budget_state == "above cap"]
    starved = [r for r in rows if r.area.key not in keys and r.budget_state == "below floor"]
    if over and starved:
        names = ", ".join(r.area.name for r in starved)
        alerts.append(f"Work is over its cap while {names} fall below their floor.")
    if any(r.hours_per_week is None for r in rows):
        return alerts  # no complete week yet: nothing to judge
    work = sum(r.hours_per_week or 0.0 for r in rows if r.area.key in keys)
    personal = sum(r.hours_per_week or 0.0 for r in rows if r.area.key in PERSONAL_KEYS)
    if work_limit is not None and work > work_limit and personal < PERSONAL_MIN_HOURS:
        alerts.append(f"Work took {work:.1f} h a week (limit {work_limit:g} h) while rest, "
                      f"passion, relationships and health got {personal:.1f} h together.")
    return alerts


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

    A week counts when it holds ``per_week`` sessions (each logged entry is one), in
    rest mode or not; a week short of them that was (even partly) in rest mode or on
    holiday is passed over, neither counting nor breaking the run; and the current
    week does not break it while it is still open (as :func:`streak`).
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

    Walking back from the current period: a period with activity counts, whether or
    not it was spent in rest mode; a period without activity ends the streak, unless
    it was (even partly) in rest mode or on holiday: then it is passed over, neither
    counting nor breaking it. The current period does not break it while still open.
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


# -- what the plan's settings signal (budgets, the career-hours boundary, work days) ----


def area_budgets(budgets: Iterable[Budget]) -> dict[str, AreaBudget] | None:
    """Each budgeted area's weekly floor (None for a floor of 0) and cap; None when no
    budget is set."""
    found = {b.area: AreaBudget(b.floor or None, b.cap) for b in budgets}
    return found or None


def career_hour_limit(boundaries: Iterable[Boundary]) -> float | None:
    """The tightest weekly max-hours boundary on career work, or None without one."""
    limits = [b.hours for b in boundaries
              if b.kind is BoundaryKind.MAX_HOURS and b.area == "career" and b.hours is not None]
    return min(limits) if limits else None


def working_days(windows: Iterable[Window]) -> frozenset[int]:
    """Weekdays (0 Monday) holding a working-hours window."""
    return frozenset(w.weekday for w in windows if w.kind is WindowKind.WORK)
