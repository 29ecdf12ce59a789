"""Queries and writes for the person's profile, areas, goals, milestones and tasks.

Every function takes an open :class:`~sqlalchemy.orm.Session`; the caller
(a service) decides the transaction. Functions return core records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from cairn.core.model import (
    Goal,
    GoalChange,
    GoalStatus,
    LifeArea,
    Milestone,
    Profile,
    Task,
    TaskStatus,
)
from cairn.store import records
from cairn.store.people import person_of
from cairn.store.tables import (
    AreaRow,
    GoalChangeRow,
    GoalRow,
    MilestoneRow,
    ProfileRow,
    TaskDependencyRow,
    TaskRow,
)

# Enum(value) is slow enough to show on a 10,000-row listing; a dict lookup is not.
TASK_STATUS = {s.value: s for s in TaskStatus}

# -- profile and areas ---------------------------------------------------------


def get_profile(s: Session) -> Profile | None:
    """The profile, or None before ``cairn init``."""
    row = s.scalars(select(ProfileRow).where(ProfileRow.person_id == person_of(s))
                    .order_by(ProfileRow.id).limit(1)).first()
    return records.profile(row) if row else None


def save_profile(s: Session, p: Profile) -> None:
    """Create or replace the person's profile."""
    row = s.scalars(select(ProfileRow).where(ProfileRow.person_id == person_of(s))
                    .limit(1)).first() or ProfileRow(created_at=p.created_at)
    row.name, row.life_stage, row.contract_hours = p.name, p.life_stage.value, p.contract_hours
    s.add(row)


def list_areas(s: Session, *, include_archived: bool = True) -> list[LifeArea]:
    """Life areas in the order they were made."""
    q = select(AreaRow).where(AreaRow.person_id == person_of(s)).order_by(AreaRow.id)
    if not include_archived:
        q = q.where(AreaRow.archived.is_(False))
    return [records.area(r) for r in s.scalars(q)]


def add_area(s: Session, key: str, name: str) -> LifeArea:
    """Add a life area."""
    row = AreaRow(key=key, name=name, archived=False)
    s.add(row)
    s.flush()
    return records.area(row)


def update_area(s: Session, area_id: int, *, name: str | None = None,
                key: str | None = None, archived: bool | None = None) -> LifeArea | None:
    """Rename, re-key, archive or restore an area; None when it does not exist."""
    row = s.get(AreaRow, (person_of(s), area_id))
    if row is None:
        return None
    if name is not None:
        row.name = name
    if key is not None:
        row.key = key
    if archived is not None:
        row.archived = archived
    s.flush()
    return records.area(row)


# -- goals ----------------------------------------------------------------------


def get_goal(s: Session, goal_id: int) -> Goal | None:
    """One goal by id."""
    row = s.get(GoalRow, (person_of(s), goal_id))
    return records.goal(row) if row else None


def list_goals(s: Session, statuses: Sequence[GoalStatus] = ()) -> list[Goal]:
    """Goals in id order, optionally only those with the given statuses."""
    q = select(GoalRow).where(GoalRow.person_id == person_of(s)).order_by(GoalRow.id)
    if statuses:
        q = q.where(GoalRow.status.in_([st.value for st in statuses]))
    return [records.goal(r) for r in s.scalars(q)]


def add_goal(s: Session, goal: Goal, created_at: dt.datetime) -> Goal:
    """Insert a goal; its id is assigned by the database."""
    row = GoalRow(created_at=created_at, **records.goal_columns(goal))
    s.add(row)
    s.flush()
    return records.goal(row)


def replace_goal(s: Session, goal: Goal) -> None:
    """Write every field of ``goal`` over the stored row."""
    row = s.get(GoalRow, (person_of(s), goal.id))
    assert row is not None
    for name, value in records.goal_columns(goal).items():
        setattr(row, name, value)
    s.flush()


def parent_links(s: Session) -> dict[int, list[int]]:
    """goal id -> [parent id], for cycle checks."""
    rows = s.execute(select(GoalRow.id, GoalRow.parent_id).where(
        GoalRow.person_id == person_of(s), GoalRow.parent_id.is_not(None)))
    return {gid: [pid] for gid, pid in rows if pid is not None}


def add_changes(s: Session, changes: Sequence[GoalChange]) -> None:
    """Append entries to goals' history."""
    s.add_all(
        GoalChangeRow(goal_id=c.goal_id, field=c.field, old=c.old, new=c.new, at=c.at,
                      reason=c.reason)
        for c in changes
    )


def goal_history(s: Session, goal_id: int) -> list[GoalChange]:
    """A goal's history, oldest first."""
    q = select(GoalChangeRow).where(GoalChangeRow.person_id == person_of(s),
                                    GoalChangeRow.goal_id == goal_id).order_by(GoalChangeRow.id)
    return [records.change(r) for r in s.scalars(q)]


# -- milestones -----------------------------------------------------------------


def add_milestone(s: Session, goal_id: int, title: str, due: dt.date | None) -> Milestone:
    """Add a milestone to a goal."""
    row = MilestoneRow(goal_id=goal_id, title=title, due=due)
    s.add(row)
    s.flush()
    return records.milestone(row)


def get_milestone(s: Session, milestone_id: int) -> Milestone | None:
    """One milestone by id."""
    row = s.get(MilestoneRow, (person_of(s), milestone_id))
    return records.milestone(row) if row else None


def set_milestone_done(s: Session, milestone_id: int, at: dt.datetime | None) -> None:
    """Mark a milestone reached (or not, with None)."""
    row = s.get(MilestoneRow, (person_of(s), milestone_id))
    assert row is not None
    row.done_at = at


def list_milestones(s: Session) -> list[Milestone]:
    """Every milestone in id order."""
    q = select(MilestoneRow).where(MilestoneRow.person_id == person_of(s)).order_by(
        MilestoneRow.id)
    return [records.milestone(r) for r in s.scalars(q)]


# -- tasks ----------------------------------------------------------------------


def _dependencies(s: Session, task_ids: Sequence[int] | None = None) -> dict[int, list[int]]:
    q = select(TaskDependencyRow.task_id, TaskDependencyRow.depends_on_id).where(
        TaskDependencyRow.person_id == person_of(s)).order_by(
        TaskDependencyRow.task_id, TaskDependencyRow.depends_on_id
    )
    if task_ids is not None:
        q = q.where(TaskDependencyRow.task_id.in_(task_ids))
    deps: dict[int, list[int]] = {}
    for tid, dep in s.execute(q).all():
        deps.setdefault(tid, []).append(dep)
    return deps


def dependency_links(s: Session) -> dict[int, list[int]]:
    """task id -> the task ids it depends on."""
    return _dependencies(s)


def add_task(s: Session, task: Task, created_at: dt.datetime) -> Task:
    """Insert a task and its dependencies."""
    row = TaskRow(
        goal_id=task.goal_id, milestone_id=task.milestone_id, title=task.title,
        estimate_hours=task.estimate_hours, due=task.due, earliest_start=task.earliest_start,
        status=task.status.value, created_at=created_at,
    )
    s.add(row)
    s.flush()
    s.add_all(TaskDependencyRow(task_id=row.id, depends_on_id=d) for d in task.depends_on)
    s.flush()
    return records.task(row, tuple(task.depends_on))


def get_task(s: Session, task_id: int) -> Task | None:
    """One task by id, with its dependencies."""
    row = s.get(TaskRow, (person_of(s), task_id))
    if row is None:
        return None
    return records.task(row, tuple(_dependencies(s, [task_id]).get(task_id, [])))


def list_tasks(s: Session, statuses: Sequence[TaskStatus] = ()) -> list[Task]:
    """Tasks in id order, optionally only those with the given statuses."""
    c = TaskRow.__table__.c
    # Core rows fetched at once (not one fetch a row) and unpacked as tuples, in Task's
    # field order: a list of 10,000 stays fast
    q = select(c.id, c.title, c.estimate_hours, c.goal_id, c.milestone_id, c.due,
               c.earliest_start, c.status, c.done_at).where(
        c.person_id == person_of(s)).order_by(c.id)
    if statuses:
        q = q.where(c.status.in_([st.value for st in statuses]))
    deps = _dependencies(s)
    none: tuple[int, ...] = ()
    return [
        Task(tid, title, hours, goal, milestone, due, start, TASK_STATUS[status], done_at,
             tuple(deps[tid]) if tid in deps else none)
        for tid, title, hours, goal, milestone, due, start, status, done_at in s.execute(q).all()
    ]


def replace_task(s: Session, task: Task) -> None:
    """Write every field of ``task`` over the stored row, dependencies included."""
    row = s.get(TaskRow, (person_of(s), task.id))
    assert row is not None
    row.goal_id, row.milestone_id, row.title = task.goal_id, task.milestone_id, task.title
    row.estimate_hours, row.due, row.earliest_start = (
        task.estimate_hours, task.due, task.earliest_start)
    row.status, row.done_at = task.status.value, task.done_at
    s.execute(delete(TaskDependencyRow).where(TaskDependencyRow.person_id == person_of(s),
                                              TaskDependencyRow.task_id == task.id))
    s.add_all(TaskDependencyRow(task_id=task.id, depends_on_id=d) for d in task.depends_on)
    s.flush()


def count(s: Session, table: type[ProfileRow | GoalRow | TaskRow | AreaRow]) -> int:
    """Number of rows in one of the person's tables."""
    return s.scalar(select(func.count()).select_from(table).where(
        table.person_id == person_of(s))) or 0
