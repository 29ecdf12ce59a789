"""Domain records for the person, life areas, goals, milestones and tasks.

Records are frozen dataclasses: the store builds them, services pass them on,
nothing mutates them. Changes go through services, which record history.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class LifeStage(StrEnum):
    """Where a person is in their working life; guidance and defaults depend on it."""

    EXPLORING = "exploring"
    EARLY_CAREER = "early-career"
    MID_CAREER = "mid-career"
    LATER_CAREER = "later-career"
    RETURNING = "returning"
    TRANSITION = "transition"


class Horizon(StrEnum):
    """How far a goal looks ahead: a vision, years, or up to a year."""

    VISION = "vision"
    LONG_TERM = "long-term"
    SHORT_TERM = "short-term"

    @property
    def rank(self) -> int:
        """Larger means further ahead; a parent's rank is never below its child's."""
        return {"vision": 3, "long-term": 2, "short-term": 1}[self.value]


class GoalStatus(StrEnum):
    """A goal's state. Goals are never deleted: they are done or dropped."""

    ACTIVE = "active"
    PAUSED = "paused"
    DONE = "done"
    DROPPED = "dropped"


class Priority(StrEnum):
    """How much a goal matters relative to the others."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class TaskStatus(StrEnum):
    """A task's state."""

    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


DEFAULT_AREAS: tuple[tuple[str, str], ...] = (
    ("career", "Career"),
    ("learning", "Learning"),
    ("passion", "Passion"),
    ("health", "Health"),
    ("relationships", "Relationships"),
    ("finance", "Finance"),
    ("rest", "Rest"),
    ("community", "Community"),
)


@dataclass(frozen=True, slots=True)
class Profile:
    """The person whose career this is."""

    name: str
    life_stage: LifeStage
    contract_hours: float
    created_at: dt.datetime


@dataclass(frozen=True, slots=True)
class LifeArea:
    """A part of life that goals and time belong to (career, health, rest, ...)."""

    id: int
    key: str
    name: str
    archived: bool = False


@dataclass(frozen=True, slots=True)
class Metric:
    """A measurable quantity that tells how far a goal has come."""

    name: str
    unit: str = ""
    baseline: float | None = None
    target: float | None = None
    current: float | None = None

    def progress(self) -> float | None:
        """Share of the way from baseline to target, clamped to 0..1; None if unknown."""
        if self.target is None:
            return None
        start = self.baseline if self.baseline is not None else 0.0
        now = self.current if self.current is not None else start
        if self.target == start:
            return 1.0 if now == start else 0.0
        return min(1.0, max(0.0, (now - start) / (self.target - start)))


@dataclass(frozen=True, slots=True)
class Goal:
    """Something the person wants to reach, in a life area, on a horizon."""

    id: int
    area_id: int
    horizon: Horizon
    title: str
    why: str = ""
    parent_id: int | None = None
    metric: Metric | None = None
    deadline: dt.date | None = None
    priority: Priority = Priority.MEDIUM
    status: GoalStatus = GoalStatus.ACTIVE
    created_at: dt.datetime | None = None

    @property
    def is_open(self) -> bool:
        """True while the goal is active or paused."""
        return self.status in (GoalStatus.ACTIVE, GoalStatus.PAUSED)


@dataclass(frozen=True, slots=True)
class Milestone:
    """A marked point on the way to a goal."""

    id: int
    goal_id: int
    title: str
    due: dt.date | None = None
    done_at: dt.datetime | None = None

    @property
    def done(self) -> bool:
        """True once the milestone is reached."""
        return self.done_at is not None


@dataclass(frozen=True, slots=True)
class Task:
    """A piece of work with an estimate, optionally towards a goal or milestone."""

    id: int
    title: str
    estimate_hours: float
    goal_id: int | None = None
    milestone_id: int | None = None
    due: dt.date | None = None
    earliest_start: dt.date | None = None
    status: TaskStatus = TaskStatus.OPEN
    done_at: dt.datetime | None = None
    depends_on: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class GoalChange:
    """One recorded change to a goal: what changed, from what, to what, when and why."""

    goal_id: int
    field: str
    old: str | None
    new: str | None
    at: dt.datetime
    reason: str = ""
