"""Review rules: what is due, which goals are stale, which milestones overdue, where time drifts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from cairn.core.model import Goal, GoalStatus, Milestone, Priority
from cairn.core.tracking import ReviewKind

STALE_DAYS = 28
# Changes in a goal's history that count as a sign of progress (with tasks done and time).
PROGRESS_FIELDS = ("metric.current", "milestone.done", "status")
DRIFT_MIN_HOURS = 2.0  # below this, too little was logged to speak of drift
PRIORITY_WEIGHT = {Priority.HIGH: 3.0, Priority.MEDIUM: 2.0, Priority.LOW: 1.0}


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, clamped to the month's end (Aug 31 + 6 -> Feb 28)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for dd in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, dd)
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


@dataclass(frozen=True, slots=True)
class DueReview:
    """A review cadence and when it is (or was) due."""

    kind: ReviewKind
    due_on: dt.date
    reason: str

    def is_due(self, today: dt.date) -> bool:
        """True on or after the due date."""
        return self.due_on <= today


def review_schedule(today: dt.date, started: dt.date,
                    last: Mapping[ReviewKind, dt.date], six_monthly_months: int = 6,
                    open_events: int = 0) -> list[DueReview]:
    """When each review falls due. A longer review also counts as the shorter ones.

    ``started`` is when the person began (the profile's creation); ``last`` holds
    the date of the latest review of each kind; unreviewed life events make the
    weekly review due today.
    """
    def latest(kind: ReviewKind) -> dt.date | None:
        dates = [d for k, d in last.items() if k.rank >= kind.rank]
        return max(dates, default=None)

    weekly_last = latest(ReviewKind.WEEKLY)
    monthly_last = latest(ReviewKind.MONTHLY)
    six_last = latest(ReviewKind.SIX_MONTHLY)
    weekly = DueReview(ReviewKind.WEEKLY, (weekly_last or started) + dt.timedelta(days=7),
                       "a week since the last review" if weekly_last else "your first week")
    if open_events:
        weekly = DueReview(ReviewKind.WEEKLY, min(weekly.due_on, today),
                           f"{open_events} life event(s) not yet reviewed")
    monthly = DueReview(ReviewKind.MONTHLY, add_months(monthly_last or started, 1),
                        "a month since the last monthly review" if monthly_last
                        else "your first month")
    six = DueReview(ReviewKind.SIX_MONTHLY, add_months(six_last or started, six_monthly_months),
                    f"{six_monthly_months} months since the last reassessment" if six_last
                    else f"{six_monthly_months} months since you started")
    return [weekly, monthly, six]


@dataclass(frozen=True, slots=True)
class StaleGoal:
    """An active goal with no sign of progress for a while."""

    goal: Goal
    last_activity: dt.date
    days: int


def stale_goals(goals: Sequence[Goal], last_activity: Mapping[int, dt.datetime],
                today: dt.date, days: int = STALE_DAYS) -> list[StaleGoal]:
    """Active goals whose last progress (or creation) is ``days`` or more ago, oldest first.

    ``last_activity`` holds the latest sign of progress per goal: a task done,
    time logged on its task, a metric update, a milestone reached.
    """
    found: list[StaleGoal] = []
    for g in goals:
        if g.status is not GoalStatus.ACTIVE:
            continue
        candidates = [x for x in (last_activity.get(g.id), g.created_at) if x is not None]
        if not candidates:
            continue
        last = max(candidates).date()
        age = (today - last).days
        if age >= days:
            found.append(StaleGoal(g, last, age))
    return sorted(found, key=lambda s: (s.last_activity, s.goal.id))


def overdue_milestones(milestones: Sequence[Milestone], open_goal_ids: set[int],
                       today: dt.date) -> list[Milestone]:
    """Milestones of open goals past their due date and not reached, most overdue first."""
    late = [m for m in milestones
            if not m.done and m.due is not None and m.due < today and m.goal_id in open_goal_ids]
    return sorted(late, key=lambda m: (m.due or today, m.id))


@dataclass(frozen=True, slots=True)
class Drift:
    """An area whose share of logged time is out of line with its goals' priorities."""

    area_id: int
    kind: str  # "neglected": high priority, little time; "crowding": low priority, much time
    expected_share: float
    actual_share: float
    hours: float


def priority_shares(goals: Sequence[Goal]) -> dict[int, float]:
    """Each area's share of the active goals' priority weight (high 3, medium 2, low 1)."""
    weight: dict[int, float] = {}
    for g in goals:
        if g.status is GoalStatus.ACTIVE:
            weight[g.area_id] = weight.get(g.area_id, 0.0) + PRIORITY_WEIGHT[g.priority]
    total = sum(weight.values())
    return {a: w / total for a, w in weight.items()} if total else {}


def detect_drift(goals: Sequence[Goal], hours_by_area: Mapping[int, float]) -> list[Drift]:
    """Time that went against stated priorities.

    Only areas with active goals take part (rest and health time is never drift).
    An area holding a high-priority goal is *neglected* when it got less than half
    its priority share of the time; an area whose goals are all low priority is
    *crowding* when it took at least a quarter of the time and 20 points more than
    its share.
    """
    shares = priority_shares(goals)
    hours = {a: hours_by_area.get(a, 0.0) for a in shares}
    total = sum(hours.values())
    if total < DRIFT_MIN_HOURS:
        return []
    best: dict[int, float] = {}
    for g in goals:
        if g.status is GoalStatus.ACTIVE:
            best[g.area_id] = max(best.get(g.area_id, 0.0), PRIORITY_WEIGHT[g.priority])
    found: list[Drift] = []
    for area_id, expected in sorted(shares.items()):
        actual = hours[area_id] / total
        if best[area_id] == PRIORITY_WEIGHT[Priority.HIGH] and actual < expected / 2:
            found.append(Drift(area_id, "neglected", expected, actual, hours[area_id]))
        elif (best[area_id] == PRIORITY_WEIGHT[Priority.LOW] and actual >= 0.25
              and actual >= expected + 0.2):
            found.append(Drift(area_id, "crowding", expected, actual, hours[area_id]))
    return found
