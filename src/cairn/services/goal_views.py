"""View models of the Goals pages and API: a goal with everything ``cairn goal show``
has, the goal tree with its SMART findings, the timeline, tasks, milestones and history.

Field names are those of ``--json`` (``services.views``): ``viewmodel.to_json`` of a view
here equals what the command line prints for the same record.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cairn.core.actions import Action
from cairn.core.model import (
    GoalChange,
    GoalStatus,
    Horizon,
    Milestone,
    Priority,
    Task,
    TaskStatus,
)
from cairn.core.smart import Finding, Severity
from cairn.core.support import FeedbackRequest
from cairn.services.views import GoalView, MetricView


@dataclass(frozen=True, slots=True)
class MilestoneView:
    """id, goal_id, title, due, done, done_at (``cairn milestone list --json``)."""

    id: int
    goal_id: int
    title: str
    due: dt.date | None
    done: bool
    done_at: dt.datetime | None

    @classmethod
    def of(cls, m: Milestone) -> MilestoneView:
        """The milestone as shown."""
        return cls(m.id, m.goal_id, m.title, m.due, m.done, m.done_at)


@dataclass(frozen=True, slots=True)
class TaskView:
    """id, title, estimate_hours, goal_id, milestone_id, due, earliest_start, status,
    done_at, depends_on (``cairn task show --json``)."""

    id: int
    title: str
    estimate_hours: float
    goal_id: int | None
    milestone_id: int | None
    due: dt.date | None
    earliest_start: dt.date | None
    status: TaskStatus
    done_at: dt.datetime | None
    depends_on: tuple[int, ...]

    @classmethod
    def of(cls, t: Task) -> TaskView:
        """The task as shown."""
        return cls(t.id, t.title, t.estimate_hours, t.goal_id, t.milestone_id, t.due,
                   t.earliest_start, t.status, t.done_at, tuple(t.depends_on))


@dataclass(frozen=True, slots=True)
class ChangeView:
    """goal_id, field, old, new, at, reason (``cairn goal history --json``)."""

    goal_id: int
    field: str
    old: str | None
    new: str | None
    at: dt.datetime
    reason: str

    @classmethod
    def of(cls, c: GoalChange) -> ChangeView:
        """The change as shown."""
        return cls(c.goal_id, c.field, c.old, c.new, c.at, c.reason)


@dataclass(frozen=True, slots=True)
class FindingView:
    """goal_id, code, severity, message, fix (the command), action (the fix as data)."""

    goal_id: int
    code: str
    severity: Severity
    message: str
    fix: str
    action: Action | None

    @classmethod
    def of(cls, f: Finding) -> FindingView:
        """The finding as shown."""
        return cls(f.goal_id, f.code, f.severity, f.message, f.fix, f.action)


@dataclass(frozen=True, slots=True)
class CommentView:
    """author, body, at: a mentor's comment on a goal (on a server for many people)."""

    author: str
    body: str
    at: dt.datetime


@dataclass(frozen=True, slots=True)
class FeedbackView:
    """id, contact_id, goal_id, question, asked_at, feedback, answered_at."""

    id: int
    contact_id: int
    goal_id: int
    question: str
    asked_at: dt.datetime
    feedback: str | None
    answered_at: dt.datetime | None

    @classmethod
    def of(cls, r: FeedbackRequest) -> FeedbackView:
        """The request as shown."""
        return cls(r.id, r.contact_id, r.goal_id, r.question, r.asked_at, r.feedback,
                   r.answered_at)


@dataclass(frozen=True, slots=True)
class GoalDetail:
    """A goal with everything ``cairn goal show --json`` has: its fields (as listed),
    milestones, tasks, the ids of its sub-goals, SMART findings, feedback and mentors'
    comments."""

    id: int
    area_id: int
    area: str | None
    horizon: Horizon
    parent_id: int | None
    title: str
    why: str
    metric: MetricView | None
    deadline: dt.date | None
    priority: Priority
    status: GoalStatus
    created_at: dt.datetime | None
    progress: float | None
    milestones: tuple[MilestoneView, ...]
    tasks: tuple[TaskView, ...]
    children: tuple[int, ...]
    findings: tuple[FindingView, ...]
    feedback: tuple[FeedbackView, ...]
    comments: tuple[CommentView, ...] = ()


@dataclass(frozen=True, slots=True)
class HistoryLine:
    """A change as ``cairn goal history`` lists it: when (the person's local time), what,
    was, now (in people's words: area keys, '-' for nothing) and why."""

    at: dt.datetime
    what: str
    was: str
    now: str
    why: str


@dataclass(frozen=True, slots=True)
class GoalPage:
    """The page of one goal: its detail, its history, its sub-goals and parent as listed,
    the contacts named in its feedback, and what its forms offer (areas, possible
    parents)."""

    goal: GoalDetail
    history: tuple[HistoryLine, ...]
    parent: GoalView | None
    children: tuple[GoalView, ...]
    contacts: dict[int, str]
    areas: tuple[tuple[str, str], ...]  # (key, name) of the areas a goal can move to
    parents: tuple[GoalView, ...]  # open goals it could serve


@dataclass(frozen=True, slots=True)
class MilestoneNode:
    """A milestone in the tree, with its tasks."""

    milestone: MilestoneView
    tasks: tuple[TaskView, ...]


@dataclass(frozen=True, slots=True)
class GoalNodeView:
    """A goal in the tree: the goal as listed, its SMART findings, sub-goals, milestones
    (with their tasks) and its own tasks."""

    goal: GoalView
    findings: tuple[FindingView, ...]
    children: tuple[GoalNodeView, ...]
    milestones: tuple[MilestoneNode, ...]
    tasks: tuple[TaskView, ...]


@dataclass(frozen=True, slots=True)
class GoalsPage:
    """The Goals page: the tree filtered by area and status (a goal whose parent is
    filtered out is shown at the top), and what the filters and the add form offer."""

    roots: tuple[GoalNodeView, ...]
    area: str | None  # the area filter's key (None: every area)
    status: str  # open, active, paused, done, dropped or all
    shown: int  # goals in the tree
    areas: tuple[tuple[str, str], ...]  # (key, name) of the person's areas
    parents: tuple[GoalView, ...]  # open goals a new goal could serve


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """A goal or milestone by its date: when, what, and how many days are left (negative
    when past)."""

    date: dt.date
    days_left: int
    kind: str  # goal or milestone
    goal: GoalView
    milestone: MilestoneView | None


@dataclass(frozen=True, slots=True)
class TimelinePage:
    """Open goals and their open milestones by due date, and the goals without one."""

    today: dt.date
    entries: tuple[TimelineEntry, ...]
    undated: tuple[GoalView, ...]
