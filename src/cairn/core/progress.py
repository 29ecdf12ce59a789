"""Progress roll-up: tasks and milestones to goals, child goals to parents, goals to areas."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from cairn.core.model import Goal, GoalStatus, Milestone, Task, TaskStatus


@dataclass(frozen=True, slots=True)
class GoalProgress:
    """How far a goal has come, 0..1, and what the figure is based on."""

    goal_id: int
    fraction: float | None
    basis: str


def _work_fraction(tasks: Sequence[Task], milestones: Sequence[Milestone]) -> float | None:
    """Hours of done tasks over all live tasks, with each milestone counting like one task."""
    live = [t for t in tasks if t.status is not TaskStatus.DROPPED]
    total = sum(t.estimate_hours for t in live)
    done = sum(t.estimate_hours for t in live if t.status is TaskStatus.DONE)
    mean = total / len(live) if live else 1.0
    total += mean * len(milestones)
    done += mean * sum(1 for m in milestones if m.done)
    return done / total if total else None

T = TypeVar("T")


def _group(items: Sequence[T], key: Callable[[T], int | None]) -> dict[int, list[T]]:
    groups: dict[int, list[T]] = {}
    for item in items:
        k = key(item)
        if k is not None:
            groups.setdefault(k, []).append(item)
    return groups


def roll_up(
    goals: Sequence[Goal], milestones: Sequence[Milestone], tasks: Sequence[Task]
) -> dict[int, GoalProgress]:
    """Compute every goal's progress.

    A done goal is 1. A goal with a metric target uses the metric. Otherwise the
    goal averages its own work (tasks weighted by estimate, milestones) and its
    open or done child goals, each child counting once.
    """
    by_goal_tasks = _group(tasks, lambda t: t.goal_id)
    by_goal_ms = _group(milestones, lambda m: m.goal_id)
    children = _group(goals, lambda g: g.parent_id)
    result: dict[int, GoalProgress] = {}

    def visit(goal: Goal, depth: int = 0) -> GoalProgress:
        if goal.id in result:
            return result[goal.id]
        if goal.status is GoalStatus.DONE:
            gp = GoalProgress(goal.id, 1.0, "done")
        elif goal.metric is not None and goal.metric.target is not None:
            gp = GoalProgress(goal.id, goal.metric.progress(), "metric")
        else:
            parts: list[float] = []
            own = _work_fraction(by_goal_tasks.get(goal.id, []), by_goal_ms.get(goal.id, []))
            if own is not None:
                parts.append(own)
            if depth < len(goals):  # guards against a malformed cycle
                for child in children.get(goal.id, []):
                    if child.status is GoalStatus.DROPPED:
                        continue
                    sub = visit(child, depth + 1).fraction
                    if sub is not None:
                        parts.append(sub)
            fraction = sum(parts) / len(parts) if parts else None
            gp = GoalProgress(goal.id, fraction, "work" if parts else "none")
        result[goal.id] = gp
        return gp

    for g in goals:
        visit(g)
    return result


def area_progress(goals: Sequence[Goal], progress: dict[int, GoalProgress]) -> dict[int, float]:
    """Mean progress of each area's top-level open or done goals."""
    sums: dict[int, list[float]] = {}
    ids = {g.id for g in goals}
    for g in goals:
        if g.status is GoalStatus.DROPPED or (g.parent_id in ids):
            continue
        frac = progress[g.id].fraction
        if frac is not None:
            sums.setdefault(g.area_id, []).append(frac)
    return {area: sum(v) / len(v) for area, v in sums.items()}
