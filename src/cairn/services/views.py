"""Stable JSON shapes of Cairn's records, shared by ``--json`` output and the web API.

These field names are a promise to scripts: add fields, never rename or remove them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TypedDict

from cairn.core.model import (
    Goal,
    GoalChange,
    GoalStatus,
    Horizon,
    LifeArea,
    Metric,
    Milestone,
    Priority,
    Profile,
    Task,
)
from cairn.core.progress import GoalProgress
from cairn.core.smart import Finding


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


# -- the shapes (TypedDicts: mypy checks every key a builder writes and a caller reads) ---


class ProfileJson(TypedDict):
    """:func:`profile`."""

    name: str
    life_stage: str
    contract_hours: float
    created_at: str | None


class AreaJson(TypedDict):
    """:func:`area`."""

    id: int
    key: str
    name: str
    archived: bool


class MetricJson(TypedDict):
    """A goal's metric."""

    name: str
    unit: str
    baseline: float | None
    target: float | None
    current: float | None


class GoalJson(TypedDict):
    """:func:`goal`."""

    id: int
    area_id: int
    area: str | None
    horizon: str
    parent_id: int | None
    title: str
    why: str
    metric: MetricJson | None
    deadline: str | None
    priority: str
    status: str
    created_at: str | None
    progress: float | None


class MilestoneJson(TypedDict):
    """:func:`milestone`."""

    id: int
    goal_id: int
    title: str
    due: str | None
    done: bool
    done_at: str | None


class TaskJson(TypedDict):
    """:func:`task`."""

    id: int
    title: str
    estimate_hours: float
    goal_id: int | None
    milestone_id: int | None
    due: str | None
    earliest_start: str | None
    status: str
    done_at: str | None
    depends_on: list[int]


class MilestoneTasksJson(MilestoneJson):
    """A milestone with its tasks (``cairn goal tree --json``)."""

    tasks: list[TaskJson]


class GoalTreeJson(GoalJson):
    """A goal with its child goals, milestones (with their tasks) and its own tasks
    (``cairn goal tree --json``)."""

    children: list[GoalTreeJson]
    milestones: list[MilestoneTasksJson]
    tasks: list[TaskJson]


class ChangeJson(TypedDict):
    """:func:`change`."""

    goal_id: int
    field: str
    old: str | None
    new: str | None
    at: str | None
    reason: str


class FindingJson(TypedDict):
    """:func:`finding`."""

    goal_id: int
    code: str
    severity: str
    message: str
    fix: str
    action: dict[str, object] | None


def profile(p: Profile) -> ProfileJson:
    """name, life_stage, contract_hours, created_at."""
    return {"name": p.name, "life_stage": p.life_stage.value,
            "contract_hours": p.contract_hours, "created_at": _iso(p.created_at)}


def area(a: LifeArea) -> AreaJson:
    """id, key, name, archived."""
    return {"id": a.id, "key": a.key, "name": a.name, "archived": a.archived}


def goal(g: Goal, progress: GoalProgress | None = None, area_key: str | None = None
         ) -> GoalJson:
    """id, area_id, area, horizon, parent_id, title, why, metric, deadline, priority,
    status, created_at, progress (0..1 or null)."""
    m = g.metric
    return {
        "id": g.id, "area_id": g.area_id, "area": area_key, "horizon": g.horizon.value,
        "parent_id": g.parent_id, "title": g.title, "why": g.why,
        "metric": None if m is None else {"name": m.name, "unit": m.unit,
                                          "baseline": m.baseline, "target": m.target,
                                          "current": m.current},
        "deadline": _iso(g.deadline), "priority": g.priority.value, "status": g.status.value,
        "created_at": _iso(g.created_at),
        "progress": progress.fraction if progress else None,
    }


def milestone(m: Milestone) -> MilestoneJson:
    """id, goal_id, title, due, done, done_at."""
    return {"id": m.id, "goal_id": m.goal_id, "title": m.title, "due": _iso(m.due),
            "done": m.done, "done_at": _iso(m.done_at)}


def task(t: Task) -> TaskJson:
    """id, title, estimate_hours, goal_id, milestone_id, due, earliest_start, status,
    done_at, depends_on."""
    return {"id": t.id, "title": t.title, "estimate_hours": t.estimate_hours,
            "goal_id": t.goal_id, "milestone_id": t.milestone_id, "due": _iso(t.due),
            "earliest_start": _iso(t.earliest_start), "status": t.status.value,
            "done_at": _iso(t.done_at), "depends_on": list(t.depends_on)}


def change(c: GoalChange) -> ChangeJson:
    """goal_id, field, old, new, at, reason."""
    return {"goal_id": c.goal_id, "field": c.field, "old": c.old, "new": c.new,
            "at": _iso(c.at), "reason": c.reason}


def finding(f: Finding) -> FindingJson:
    """goal_id, code, severity, message, fix, action (the fix as ``{verb, params}``)."""
    return {"goal_id": f.goal_id, "code": f.code, "severity": f.severity.value,
            "message": f.message, "fix": f.fix,
            "action": None if f.action is None else f.action.as_json()}


# -- view models (frozen dataclasses; ``services.viewmodel.to_json`` writes them) ---------


@dataclass(frozen=True, slots=True)
class MetricView:
    """name, unit, baseline, target, current."""

    name: str
    unit: str
    baseline: float | None
    target: float | None
    current: float | None

    @classmethod
    def of(cls, m: Metric) -> MetricView:
        """The metric as shown."""
        return cls(m.name, m.unit, m.baseline, m.target, m.current)


@dataclass(frozen=True, slots=True)
class GoalView:
    """A goal as ``cairn goal list --json`` and ``/api/v1/goals`` show it (see :func:`goal`)."""

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

    @classmethod
    def of(cls, g: Goal, progress: GoalProgress | None = None, area_key: str | None = None
           ) -> GoalView:
        """The goal with its progress (0..1) and its area's key."""
        return cls(g.id, g.area_id, area_key, g.horizon, g.parent_id, g.title, g.why,
                   None if g.metric is None else MetricView.of(g.metric), g.deadline,
                   g.priority, g.status, g.created_at,
                   progress.fraction if progress else None)
