"""Records of a plan: what the person allows, what must be done, and what was placed.

Every time here is a naive *local* wall-clock datetime in the person's time zone;
minutes of the day are integers 0..1440. Weekdays are 0 (Monday) to 6 (Sunday).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

DEFAULT_TASK_AREA = "career"
"""The area of a task that serves no goal: unattached work is assumed to be career work."""

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class WindowKind(StrEnum):
    """What a weekly window is: time for the plan, or contracted working hours."""

    FREE = "free"
    WORK = "work"


class BoundaryKind(StrEnum):
    """The rules a person can set to protect their time."""

    CUTOFF = "cutoff"  # no work of the area after (or before) a time of day
    RESERVE = "reserve"  # a weekday (or part of it) only for the area
    MAX_HOURS = "max-hours"  # at most so many hours a week in the area (working hours count)


class Overflow(StrEnum):
    """What happens to work beyond an area's weekly cap."""

    DEFER = "defer"  # the cap is hard: the rest waits for a later week
    ALLOW = "allow"  # the cap may be passed; the plan shows by how much


class DayPart(StrEnum):
    """When a habit is preferably done."""

    ANY = "any"
    MORNING = "morning"
    AFTERNOON = "afternoon"
    EVENING = "evening"

    @property
    def minutes(self) -> tuple[int, int]:
        """The part of the day as (start, end) minutes."""
        return {"any": (0, 1440), "morning": (360, 720), "afternoon": (720, 1020),
                "evening": (1020, 1380)}[self.value]


class SessionKind(StrEnum):
    """What a planned session is for."""

    TASK = "task"
    HABIT = "habit"


@dataclass(frozen=True, slots=True)
class Window:
    """A weekly window on one weekday, from ``start`` to ``end`` minutes of the day."""

    weekday: int
    start: int
    end: int
    kind: WindowKind = WindowKind.FREE
    id: int = 0


@dataclass(frozen=True, slots=True)
class RestPeriod:
    """Days (inclusive) in rest mode: nothing is scheduled and no floor counts against them."""

    first: dt.date
    last: dt.date
    note: str = ""
    id: int = 0


@dataclass(frozen=True, slots=True)
class Boundary:
    """A rule that protects time, tied to one life area (by key)."""

    kind: BoundaryKind
    area: str
    after: int | None = None  # CUTOFF: no work from this minute of the day
    before: int | None = None  # CUTOFF: no work until this minute of the day
    weekday: int | None = None  # RESERVE
    start: int = 0  # RESERVE: part of the day, whole day by default
    end: int = 1440
    hours: float | None = None  # MAX_HOURS
    note: str = ""
    id: int = 0


@dataclass(frozen=True, slots=True)
class Budget:
    """Hours a week for a life area: at least ``floor``, at most ``cap`` (None: no cap)."""

    area: str
    floor: float = 0.0
    cap: float | None = None
    overflow: Overflow = Overflow.DEFER
    id: int = 0


@dataclass(frozen=True, slots=True)
class Habit:
    """A recurring activity: ``per_week`` sessions of ``min_minutes``..``max_minutes``."""

    id: int
    title: str
    area: str
    per_week: int
    min_minutes: int
    max_minutes: int
    prefer: DayPart = DayPart.ANY


@dataclass(frozen=True, slots=True)
class Busy:
    """A commitment from a calendar: time that is not free."""

    start: dt.datetime
    end: dt.datetime
    summary: str = ""


@dataclass(frozen=True, slots=True)
class WorkItem:
    """An open task as the planner sees it: hours, area, window and dependencies."""

    id: int
    title: str
    area: str
    hours: float
    earliest: dt.date | None = None
    due: dt.date | None = None
    depends_on: tuple[int, ...] = ()
    goal_id: int | None = None
    weight: int = 3  # from the goal's priority: high 4, medium 3, low 2


@dataclass(frozen=True, slots=True)
class Session:
    """One placed block of time. ``key`` is stable across re-plans (and calendar UIDs)."""

    key: str
    kind: SessionKind
    ref_id: int
    title: str
    area: str
    start: dt.datetime
    end: dt.datetime

    @property
    def hours(self) -> float:
        """Length in hours."""
        return (self.end - self.start).total_seconds() / 3600


@dataclass(frozen=True, slots=True)
class Settings:
    """How the planner cuts time: grid step and task session lengths, in minutes."""

    slot_minutes: int = 30
    session_min: int = 30
    session_max: int = 120


@dataclass(frozen=True, slots=True)
class Problem:
    """Everything the planner needs, already in local time."""

    start: dt.datetime
    weeks: int
    windows: tuple[Window, ...]
    tasks: tuple[WorkItem, ...] = ()
    habits: tuple[Habit, ...] = ()
    budgets: tuple[Budget, ...] = ()
    boundaries: tuple[Boundary, ...] = ()
    rest: tuple[RestPeriod, ...] = ()
    busy: tuple[Busy, ...] = ()
    areas: tuple[str, ...] = ()
    accepted: tuple[Session, ...] = ()
    settings: Settings = field(default_factory=Settings)


@dataclass(frozen=True, slots=True)
class Shortfall:
    """Work that did not fit: which, in what area, and by how many hours."""

    kind: str  # "task", "habit" or "floor"
    ref: str  # task or habit id, or the area key for a floor
    title: str
    area: str
    wanted_hours: float
    placed_hours: float
    due: dt.date | None = None
    goal_id: int | None = None
    week: int | None = None  # habit and floor shortfalls are per week

    @property
    def missing_hours(self) -> float:
        """Hours that did not fit."""
        return round(self.wanted_hours - self.placed_hours, 4)


@dataclass(frozen=True, slots=True)
class EmptyFloor:
    """Hours of an area's weekly floor that no task or habit of the area could fill: nothing
    is planned for them. Not overcommitment: the plan does not ask for more than there is."""

    area: str
    week: int
    week_start: dt.date
    floor: float  # the week's floor, prorated as the plan counts it
    planned: float
    unfilled: float


@dataclass(frozen=True, slots=True)
class TradeOff:
    """A change that would make missing work fit, verified by re-planning."""

    kind: str  # "move-deadline", "raise-budget", "pause-goal", "raise-cap-boundary"
    description: str
    target: str  # what it is about, e.g. "task 12" or "goal 3"
    recovers_hours: float
    cost: float  # lower is cheaper; the ranking key
    # what the target becomes, to apply it: the new deadline (ISO date), the new cap or
    # max-hours, the hours a cut task keeps; "" when nothing is to choose (pause, drop)
    value: str = ""


@dataclass(frozen=True, slots=True)
class AreaWeek:
    """Planned hours of one area in one week, against its budget."""

    area: str
    week: int
    week_start: dt.date
    planned: float
    floor: float
    cap: float | None


@dataclass(frozen=True, slots=True)
class Plan:
    """The result of planning: sessions, what missed, and how it was found."""

    sessions: tuple[Session, ...]
    shortfalls: tuple[Shortfall, ...]
    method: str  # "greedy" or "cp-sat"
    status: str = ""
    objective: float | None = None
    bound: float | None = None
    seconds: float = 0.0
    moved: int = 0  # accepted sessions that this plan moves, shortens, lengthens or drops
    trade_offs: tuple[TradeOff, ...] = ()
    # tasks due after the planned weeks (or never) whose work goes on after them: not missed
    later: tuple[Shortfall, ...] = ()
    # floors, or parts of them, that no work of their area could fill: not missed either
    empty_floors: tuple[EmptyFloor, ...] = ()
