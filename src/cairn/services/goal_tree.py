"""The goal forest built from records (vision -> long-term -> short-term -> milestones ->
tasks): pure, so that a listing can build it without the services that read the records."""

from __future__ import annotations

from dataclasses import dataclass, field

from cairn.core.model import Goal, Milestone, Task
from cairn.core.progress import GoalProgress, roll_up


@dataclass(frozen=True)
class GoalNode:
    """A goal with its progress, child goals, milestones and tasks, for the tree view."""

    goal: Goal
    progress: GoalProgress
    children: list[GoalNode] = field(default_factory=list)
    milestones: list[tuple[Milestone, list[Task]]] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)


def goal_forest(goals: list[Goal], milestones: list[Milestone], tasks: list[Task],
                include_closed: bool = False) -> list[GoalNode]:
    """The roots of the goal forest (open goals and tasks only, unless ``include_closed``)."""
    progress = roll_up(goals, milestones, tasks)
    shown = [g for g in goals if include_closed or g.is_open]
    nodes = {g.id: GoalNode(g, progress[g.id]) for g in shown}
    for m in milestones:
        if m.goal_id in nodes:
            nodes[m.goal_id].milestones.append((m, []))
    by_ms = {m.id: lst for node in nodes.values() for m, lst in node.milestones}
    for t in tasks:
        if not include_closed and t.status.value != "open":
            continue
        if t.milestone_id in by_ms:
            by_ms[t.milestone_id].append(t)
        elif t.goal_id in nodes:
            nodes[t.goal_id].tasks.append(t)
    roots: list[GoalNode] = []
    for node in nodes.values():
        parent = node.goal.parent_id
        (nodes[parent].children if parent in nodes else roots).append(node)
    return roots
