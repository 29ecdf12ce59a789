"""The plan on a page: the pure record a report is rendered from, and how its parts are built.

Sections owned by features that may not be installed (the weekly time plan,
the balance wheel, burnout, skill gaps, reviews) are None: the report then
says "not available yet" for them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from cairn.core.errors import InvalidInput
from cairn.core.model import Goal, Horizon, Milestone, Task, TaskStatus
from cairn.core.progress import GoalProgress

PERIOD = re.compile(r"^([0-9]{1,5})([dwmy])$")
PERIOD_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}
MAX_PERIOD_DAYS = 100 * 365  # a report looks back a lifetime at most


def period_days(text: str) -> int:
    """'30d' -> 30, '12w' -> 84, '3m' -> 90, '1y' -> 365."""
    found = PERIOD.match(text.strip().lower())
    if not found or int(found[1]) == 0:
        raise InvalidInput(f"'{text}' is not a period.", "Use a number and d, w, m or y: "
                           "30d, 90d, 1y.")
    days = int(found[1]) * PERIOD_DAYS[found[2]]
    if days > MAX_PERIOD_DAYS:
        raise InvalidInput(f"'{text}' is more than 100 years.", "Use a shorter period: 1y.")
    return days


@dataclass(frozen=True, slots=True)
class GoalLine:
    """A goal as the report shows it."""

    id: int
    title: str
    horizon: str
    area: str
    status: str
    deadline: dt.date | None
    progress: float | None
    started: dt.date | None
    milestones: tuple[tuple[str, dt.date | None, bool], ...] = ()


@dataclass(frozen=True, slots=True)
class AreaWeek:
    """Hours spent in one area in the week starting ``week`` (a Monday)."""

    area: str
    week: dt.date
    hours: float


@dataclass(frozen=True, slots=True)
class PlanLine:
    """The time plan against the budget for one area, in hours a week."""

    area: str
    planned: float
    budget: float | None


@dataclass(frozen=True, slots=True)
class WheelSpoke:
    """One area of the balance wheel: satisfaction 0-10 (None: never rated, which is not
    0) and hours a week (the balance wheel's mean over complete weeks) against budget."""

    area: str
    satisfaction: float | None
    hours: float | None = None
    budget: float | None = None


@dataclass(frozen=True, slots=True)
class BurnoutPoint:
    """The burnout-risk indicator as of one day: its level, points and reasons' codes."""

    on: dt.date
    level: str  # low, elevated or high (cairn.core.burnout)
    points: int  # 0 is low, 1-2 elevated, 3 or more high
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class GapLine:
    """A skill gap to the target occupation."""

    skill: str
    importance: float
    gap: float


@dataclass(frozen=True, slots=True)
class DatedItem:
    """Something coming up: a review or a follow-up."""

    on: dt.date
    what: str
    overdue: bool = False


@dataclass(frozen=True, slots=True)
class FeedbackLine:
    """Feedback asked on a goal, and given when it came."""

    goal_id: int
    contact: str
    question: str
    feedback: str | None


@dataclass(frozen=True, slots=True)
class ReportData:
    """Everything a plan report shows, in the order it shows it."""

    generated_at: dt.datetime
    period_start: dt.date
    period_end: dt.date
    person: str
    life_stage: str
    vision: tuple[GoalLine, ...]
    goals: tuple[GoalLine, ...]
    task_hours: tuple[AreaWeek, ...]
    followups: tuple[DatedItem, ...]
    feedback: tuple[FeedbackLine, ...]
    resources: tuple[str, ...]
    advice: tuple[tuple[str, str], ...]
    # -- sections from other features; None = "not available yet" -------------
    time_plan: tuple[PlanLine, ...] | None = None
    balance_wheel: tuple[WheelSpoke, ...] | None = None
    burnout: tuple[BurnoutPoint, ...] | None = None
    skill_gaps: tuple[GapLine, ...] | None = None
    reviews: tuple[DatedItem, ...] | None = None
    hours_basis: str = "finished tasks' estimates"  # or "time logged", once time is logged
    onet_attribution: str = ""  # O*NET's CC BY 4.0 credit, when a section shows O*NET figures


def monday(day: dt.date) -> dt.date:
    """The Monday of ``day``'s week."""
    return day - dt.timedelta(days=day.weekday())


def task_hours_by_week(tasks: Sequence[Task], goals: Sequence[Goal], area_names: Mapping[int, str],
                       start: dt.date, end: dt.date) -> tuple[AreaWeek, ...]:
    """Estimated hours of tasks done between ``start`` and ``end``, per area and week.

    Until time is logged, the estimate of a finished task is the best record of
    where the hours went; tasks without a goal count as "unassigned".
    """
    area_of = {g.id: area_names.get(g.area_id, "?") for g in goals}
    totals: dict[tuple[str, dt.date], float] = {}
    for t in tasks:
        if t.status is not TaskStatus.DONE or t.done_at is None:
            continue
        day = t.done_at.date()
        if not start <= day <= end:
            continue
        area = area_of.get(t.goal_id, "unassigned") if t.goal_id else "unassigned"
        key = (area, monday(day))
        totals[key] = totals.get(key, 0.0) + t.estimate_hours
    return tuple(AreaWeek(a, w, h) for (a, w), h in sorted(totals.items()))


def goal_lines(goals: Sequence[Goal], progress: Mapping[int, GoalProgress],
               milestones: Sequence[Milestone], area_names: Mapping[int, str]
               ) -> tuple[tuple[GoalLine, ...], tuple[GoalLine, ...]]:
    """(vision, other open goals) as report lines, deadlines first."""
    by_goal: dict[int, list[Milestone]] = {}
    for m in milestones:
        by_goal.setdefault(m.goal_id, []).append(m)
    lines = [
        GoalLine(g.id, g.title, g.horizon.value, area_names.get(g.area_id, "?"), g.status.value,
                 g.deadline, progress[g.id].fraction if g.id in progress else None,
                 g.created_at.date() if g.created_at else None,
                 tuple((m.title, m.due, m.done) for m in by_goal.get(g.id, [])))
        for g in goals if g.is_open
    ]
    far = dt.date.max
    vision = tuple(x for x in lines if x.horizon == Horizon.VISION.value)
    rest = sorted((x for x in lines if x.horizon != Horizon.VISION.value),
                  key=lambda x: (x.deadline or far, x.id))
    return vision, tuple(rest)
