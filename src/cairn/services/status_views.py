"""The status page's view models (Today on the web, ``cairn status`` and its ``--json``):
frozen dataclasses that ``services.viewmodel.to_json`` writes; the JSON shapes of the
tracking records themselves are in ``track_views``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cairn.core.balance import BalanceRow, HabitStreak, WeekSpan
from cairn.core.burnout import BurnoutRisk
from cairn.core.investment import Investment, JobHours
from cairn.core.review import DueReview
from cairn.core.support import FollowUp
from cairn.core.tracking import RestPeriod, ReviewKind
from cairn.services.views import GoalView

if TYPE_CHECKING:
    from cairn.services.status_reads import Status


def two_places(value: float | None) -> float | None:
    """Hours and ratios as the status shows them: two decimal places."""
    return None if value is None else round(value, 2)


# -- view models (frozen dataclasses; ``services.viewmodel.to_json`` writes them) ---------
# Field names are the JSON fields above; a trailing underscore (``from_``) is dropped in
# JSON, for names Python keeps to itself.


@dataclass(frozen=True, slots=True)
class WeeksView:
    """weeks, from, to: the complete weeks an average is over (no dates without one)."""

    weeks: int
    from_: dt.date | None
    to: dt.date | None

    @classmethod
    def of(cls, span: WeekSpan) -> WeeksView:
        """The span's weeks and first and last day."""
        if not span.weeks:
            return cls(0, None, None)
        return cls(span.weeks, span.first,
                   span.first + dt.timedelta(weeks=span.weeks, days=-1))


@dataclass(frozen=True, slots=True)
class BalanceView:
    """One area of the balance wheel (see :func:`balance_row`)."""

    area: str
    name: str
    satisfaction: int | None
    hours_per_week: float | None
    this_week: float
    weeks: WeeksView
    floor: float | None
    cap: float | None
    budget_state: str
    progress: float | None

    @classmethod
    def of(cls, r: BalanceRow) -> BalanceView:
        """The row as shown."""
        return cls(r.area.key, r.area.name, r.satisfaction, two_places(r.hours_per_week),
                   round(r.this_week, 2), WeeksView.of(r.span),
                   r.budget.floor if r.budget else None, r.budget.cap if r.budget else None,
                   r.budget_state, r.progress)


@dataclass(frozen=True, slots=True)
class ReasonView:
    """code, message, advice, points: one reason behind the burnout risk."""

    code: str
    message: str
    advice: str
    points: int


@dataclass(frozen=True, slots=True)
class BurnoutStatus:
    """level, points, reasons, offer_rest, resting, waiting (rest mode holds the reasons)."""

    level: str
    points: int
    reasons: tuple[ReasonView, ...]
    offer_rest: bool
    resting: bool
    waiting: bool

    @classmethod
    def of(cls, b: BurnoutRisk, *, waiting: bool) -> BurnoutStatus:
        """The risk as the status shows it."""
        return cls(b.level, b.points,
                   tuple(ReasonView(r.code, r.message, r.advice, r.points) for r in b.reasons),
                   b.offer_rest, b.resting, waiting)


@dataclass(frozen=True, slots=True)
class DueReviewView:
    """kind, due_on, reason, due, waiting (see :func:`due_review`)."""

    kind: ReviewKind
    due_on: dt.date
    reason: str
    due: bool
    waiting: bool

    @classmethod
    def of(cls, d: DueReview, today: dt.date, *, waiting: bool = False) -> DueReviewView:
        """The review as of ``today``."""
        return cls(d.kind, d.due_on, d.reason, d.is_due(today), waiting)


@dataclass(frozen=True, slots=True)
class RestView:
    """id, start, end (null while on), reason."""

    id: int
    start: dt.date
    end: dt.date | None
    reason: str

    @classmethod
    def of(cls, r: RestPeriod) -> RestView:
        """The rest period."""
        return cls(r.id, r.start, r.end, r.reason)


@dataclass(frozen=True, slots=True)
class HabitStreakView:
    """habit_id, title, per_week, this_week, weeks."""

    habit_id: int
    title: str
    per_week: int
    this_week: int
    weeks: int

    @classmethod
    def of(cls, h: HabitStreak) -> HabitStreakView:
        """The habit's streak."""
        return cls(h.habit_id, h.title, h.per_week, h.this_week, h.weeks)


@dataclass(frozen=True, slots=True)
class StreaksView:
    """checkin_weeks, logging_days: streaks that rest and holidays never break."""

    checkin_weeks: int
    logging_days: int


@dataclass(frozen=True, slots=True)
class WeekHoursView:
    """week (its Monday), hours."""

    week: dt.date
    hours: float


@dataclass(frozen=True, slots=True)
class InvestmentView:
    """Career investment (see :func:`investment`)."""

    recent_per_week: float | None
    previous_per_week: float | None
    trend: str
    year_to_date: float
    weekly: tuple[WeekHoursView, ...]
    this_week: float
    recent_weeks: WeeksView
    previous_weeks: WeeksView
    job_hours: JobHours
    job_per_week: float | None

    @classmethod
    def of(cls, i: Investment) -> InvestmentView:
        """The investment as shown."""
        return cls(two_places(i.recent_per_week), two_places(i.previous_per_week), i.trend,
                   round(i.year_to_date, 2),
                   tuple(WeekHoursView(w, round(h, 2)) for w, h in i.weekly),
                   round(i.this_week, 2), WeeksView.of(i.recent), WeeksView.of(i.previous),
                   i.job_hours, two_places(i.job_per_week))


@dataclass(frozen=True, slots=True)
class FollowUpDueView:
    """contact_id, name, due, days_overdue, waiting (due, but rest mode is on)."""

    contact_id: int
    name: str
    due: dt.date
    days_overdue: int
    waiting: bool

    @classmethod
    def of(cls, f: FollowUp, *, waiting: bool) -> FollowUpDueView:
        """The follow-up."""
        return cls(f.contact.id, f.contact.name, f.due, f.days_overdue, waiting)


@dataclass(frozen=True, slots=True)
class StatusPage:
    """``cairn status --json`` and ``GET /api/v1/status``: where the person stands today.

    today, rest, reviews (due, waiting, then upcoming), burnout, balance, alerts,
    alerts_waiting, goals (open top-level goals), streaks, habit_streaks, investment,
    followups (due, then waiting).
    """

    today: dt.date
    rest: RestView | None
    reviews: tuple[DueReviewView, ...]
    burnout: BurnoutStatus
    balance: tuple[BalanceView, ...]
    alerts: tuple[str, ...]
    alerts_waiting: tuple[str, ...]
    goals: tuple[GoalView, ...]
    streaks: StreaksView
    habit_streaks: tuple[HabitStreakView, ...]
    investment: InvestmentView
    followups: tuple[FollowUpDueView, ...]

    @classmethod
    def of(cls, st: Status, day: dt.date, keys: Mapping[int, str]) -> StatusPage:
        """The page of a status read on ``day``; ``keys``: every area's key by id."""
        waits = st.nudges
        waiting = set(waits.reviews_waiting)
        return cls(
            today=day,
            rest=None if st.rest is None else RestView.of(st.rest),
            reviews=tuple(DueReviewView.of(d, day, waiting=d in waiting)
                          for d in (*waits.reviews_due, *waits.reviews_waiting,
                                    *waits.reviews_upcoming)),
            burnout=BurnoutStatus.of(st.burnout, waiting=waits.burnout_waits),
            balance=tuple(BalanceView.of(r) for r in st.balance),
            alerts=tuple(st.alerts), alerts_waiting=tuple(waits.alerts_waiting),
            goals=tuple(GoalView.of(g, st.progress[g.id], keys[g.area_id]) for g in st.goals
                        if g.is_open and g.parent_id is None),
            streaks=StreaksView(st.streaks["checkin_weeks"], st.streaks["logging_days"]),
            habit_streaks=tuple(HabitStreakView.of(h) for h in st.habits),
            investment=InvestmentView.of(st.investment),
            followups=(*(FollowUpDueView.of(f, waiting=False) for f in waits.followups_due),
                       *(FollowUpDueView.of(f, waiting=True) for f in waits.followups_waiting)),
        )
