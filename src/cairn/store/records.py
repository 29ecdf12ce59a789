"""Conversions between table rows and the core's frozen records."""

from __future__ import annotations

from cairn.core.model import (
    Goal,
    GoalChange,
    GoalStatus,
    Horizon,
    LifeArea,
    LifeStage,
    Metric,
    Milestone,
    Priority,
    Profile,
    Task,
    TaskStatus,
)
from cairn.store.tables import (
    AreaRow,
    GoalChangeRow,
    GoalRow,
    MilestoneRow,
    ProfileRow,
    TaskRow,
)


def profile(row: ProfileRow) -> Profile:
    """The person's profile record."""
    return Profile(row.name, LifeStage(row.life_stage), row.contract_hours, row.created_at)


def area(row: AreaRow) -> LifeArea:
    """A life area record."""
    return LifeArea(row.id, row.key, row.name, row.archived)


def goal(row: GoalRow) -> Goal:
    """A goal record, with its metric when it has one."""
    metric = None
    if row.metric_name is not None:
        metric = Metric(
            row.metric_name,
            row.metric_unit or "",
            row.metric_baseline,
            row.metric_target,
            row.metric_current,
        )
    return Goal(
        id=row.id,
        area_id=row.area_id,
        horizon=Horizon(row.horizon),
        title=row.title,
        why=row.why,
        parent_id=row.parent_id,
        metric=metric,
        deadline=row.deadline,
        priority=Priority(row.priority),
        status=GoalStatus(row.status),
        created_at=row.created_at,
    )


def goal_columns(g: Goal) -> dict[str, object]:
    """The column values of a goal record (without its id)."""
    m = g.metric
    return {
        "area_id": g.area_id,
        "parent_id": g.parent_id,
        "horizon": g.horizon.value,
        "title": g.title,
        "why": g.why,
        "metric_name": m.name if m else None,
        "metric_unit": m.unit if m else None,
        "metric_baseline": m.baseline if m else None,
        "metric_target": m.target if m else None,
        "metric_current": m.current if m else None,
        "deadline": g.deadline,
        "priority": g.priority.value,
        "status": g.status.value,
    }


def change(row: GoalChangeRow) -> GoalChange:
    """A goal-history record."""
    return GoalChange(row.goal_id, row.field, row.old, row.new, row.at, row.reason)


def milestone(row: MilestoneRow) -> Milestone:
    """A milestone record."""
    return Milestone(row.id, row.goal_id, row.title, row.due, row.done_at)


def task(row: TaskRow, depends_on: tuple[int, ...] = ()) -> Task:
    """A task record with the ids it depends on."""
    return Task(
        id=row.id,
        title=row.title,
        estimate_hours=row.estimate_hours,
        goal_id=row.goal_id,
        milestone_id=row.milestone_id,
        due=row.due,
        earliest_start=row.earliest_start,
        status=TaskStatus(row.status),
        done_at=row.done_at,
        depends_on=depends_on,
    )
