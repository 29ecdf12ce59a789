"""Readers of the Goals pages and API, each in one transaction: a goal as ``cairn goal show``
has it, its history, the goal tree with SMART findings (filtered by area and status), the
timeline, and tasks as ``cairn task list`` and ``cairn task show`` have them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from cairn.core.errors import InvalidInput
from cairn.core.model import GoalStatus, TaskStatus
from cairn.services.goal_views import (
    ChangeView,
    CommentView,
    FeedbackView,
    FindingView,
    GoalDetail,
    GoalNodeView,
    GoalPage,
    GoalsPage,
    HistoryLine,
    MilestoneNode,
    MilestoneView,
    TaskView,
    TimelineEntry,
    TimelinePage,
)
from cairn.services.history_words import field, value
from cairn.services.sharing import goal_comments
from cairn.services.views import GoalView

if TYPE_CHECKING:
    from cairn.core.smart import Finding
    from cairn.services.app import Cairn
    from cairn.services.goal_tree import GoalNode

# The status filter of the Goals page: its name -> the statuses it shows.
STATUS_FILTERS: dict[str, tuple[GoalStatus, ...]] = {
    "open": (GoalStatus.ACTIVE, GoalStatus.PAUSED),
    "active": (GoalStatus.ACTIVE,),
    "paused": (GoalStatus.PAUSED,),
    "done": (GoalStatus.DONE,),
    "dropped": (GoalStatus.DROPPED,),
    "all": tuple(GoalStatus),
}


def _keys(c: Cairn) -> dict[int, str]:
    return {a.id: a.key for a in c.profile.areas(include_archived=True)}


def goal_detail(c: Cairn, goal_id: int) -> GoalDetail:
    """One goal with everything ``cairn goal show --json`` has."""
    with c.scope.read():
        goal = c.goals.get(goal_id)
        progress = c.goals.progress()[goal_id]
        milestones = c.goals.milestones(goal_id)
        tasks = c.tasks.find(statuses=(), goal_id=goal_id)
        children = [g.id for g in c.goals.find() if g.parent_id == goal_id]
        findings = c.goals.check(goal_id)[goal_id]
        feedback = c.support.requests(goal_id=goal_id)
        comments = goal_comments(c, goal_id)
        key = _keys(c)[goal.area_id]
    v = GoalView.of(goal, progress, key)
    return GoalDetail(
        v.id, v.area_id, v.area, v.horizon, v.parent_id, v.title, v.why, v.metric,
        v.deadline, v.priority, v.status, v.created_at, v.progress,
        milestones=tuple(MilestoneView.of(m) for m in milestones),
        tasks=tuple(TaskView.of(t) for t in tasks), children=tuple(children),
        findings=tuple(FindingView.of(f) for f in findings),
        feedback=tuple(FeedbackView.of(r) for r in feedback),
        comments=tuple(CommentView(n.author, n.body, n.at) for n in comments))


def goal_history(c: Cairn, goal_id: int) -> tuple[ChangeView, ...]:
    """Every change to a goal, oldest first (``cairn goal history --json``)."""
    return tuple(ChangeView.of(ch) for ch in c.goals.history(goal_id))


def _areas(c: Cairn) -> tuple[tuple[str, str], ...]:
    return tuple((a.key, a.name) for a in c.profile.areas())


def goal_page(c: Cairn, goal_id: int) -> GoalPage:
    """The page of one goal: its detail and history, its parent and sub-goals as listed,
    the names of the contacts asked for feedback, and what its forms offer."""
    with c.scope.read():
        detail = goal_detail(c, goal_id)
        changes = c.goals.history(goal_id)
        goals = c.goals.find()
        progress = c.goals.progress()
        keys = _keys(c)
        contacts = {r.contact_id: c.support.get(r.contact_id).name for r in detail.feedback}
        # the areas it can move to, and its own even when archived (its form keeps it)
        areas = tuple((a.key, a.name) for a in c.profile.areas(include_archived=True)
                      if not a.archived or a.key == detail.area)
    listed = {g.id: GoalView.of(g, progress[g.id], keys[g.area_id]) for g in goals}
    history = tuple(HistoryLine(c.scope.local(ch.at), field(ch.field),
                                value(ch.field, ch.old, keys), value(ch.field, ch.new, keys),
                                ch.reason) for ch in changes)
    return GoalPage(
        goal=detail, history=history,
        parent=listed.get(detail.parent_id) if detail.parent_id else None,
        children=tuple(listed[i] for i in detail.children),
        contacts=contacts, areas=areas,
        parents=tuple(v for v in listed.values() if v.id != goal_id and (
            v.status in (GoalStatus.ACTIVE, GoalStatus.PAUSED) or v.id == detail.parent_id)))


def _node(node: GoalNode, keys: dict[int, str], findings: dict[int, list[Finding]],
          children: tuple[GoalNodeView, ...]) -> GoalNodeView:
    return GoalNodeView(
        goal=GoalView.of(node.goal, node.progress, keys[node.goal.area_id]),
        findings=tuple(FindingView.of(f) for f in findings.get(node.goal.id, [])),
        children=children,
        milestones=tuple(MilestoneNode(MilestoneView.of(m), tuple(TaskView.of(t) for t in ts))
                         for m, ts in node.milestones),
        tasks=tuple(TaskView.of(t) for t in node.tasks))


def goals_page(c: Cairn, area: str | None = None, status: str = "open") -> GoalsPage:
    """The goal tree with each goal's SMART findings, only the goals of ``area`` (a key,
    name or id) with a status in ``status`` (a name of :data:`STATUS_FILTERS`); a goal
    whose parent is not shown is shown at the top."""
    if status not in STATUS_FILTERS:
        raise InvalidInput(f"There is no status filter {status!r}.",
                           f"Choose one of: {', '.join(STATUS_FILTERS)}.", field="status")
    statuses = STATUS_FILTERS[status]
    with c.scope.read():
        area_id = c.profile.resolve_area(area, include_archived=True).id if area else None
        roots = c.goals.tree(include_closed=status != "open")
        findings = c.goals.check()
        keys = _keys(c)
        areas = _areas(c)
        open_goals = c.goals.find((GoalStatus.ACTIVE, GoalStatus.PAUSED))
        progress = c.goals.progress()

    def shown(node: GoalNode) -> bool:
        return node.goal.status in statuses and area_id in (None, node.goal.area_id)

    def walk(node: GoalNode) -> list[GoalNodeView]:
        below = tuple(v for child in node.children for v in walk(child))
        if shown(node):
            return [_node(node, keys, findings, below)]
        return list(below)  # the sub-goals that are shown move up

    tree = tuple(v for root in roots for v in walk(root))

    def count(nodes: Sequence[GoalNodeView]) -> int:
        return sum(1 + count(n.children) for n in nodes)

    return GoalsPage(roots=tree, area=keys[area_id] if area_id else None, status=status,
                     shown=count(tree), areas=areas,
                     parents=tuple(GoalView.of(g, progress[g.id], keys[g.area_id])
                                   for g in open_goals))


def timeline_page(c: Cairn) -> TimelinePage:
    """Open goals and their open milestones by due date (the soonest first), and the open
    goals without a deadline."""
    with c.scope.read():
        today = c.scope.today()
        goals = c.goals.find((GoalStatus.ACTIVE, GoalStatus.PAUSED))
        progress = c.goals.progress()
        milestones = c.goals.milestones()
        keys = _keys(c)
    listed = {g.id: GoalView.of(g, progress[g.id], keys[g.area_id]) for g in goals}
    entries = [TimelineEntry(g.deadline, (g.deadline - today).days, "goal", g, None)
               for g in listed.values() if g.deadline is not None]
    entries += [TimelineEntry(m.due, (m.due - today).days, "milestone", listed[m.goal_id],
                              MilestoneView.of(m))
                for m in milestones if m.due is not None and not m.done and m.goal_id in listed]
    entries.sort(key=lambda e: (e.date, e.kind != "goal", e.goal.id,
                                e.milestone.id if e.milestone else 0))
    return TimelinePage(today=today, entries=tuple(entries),
                        undated=tuple(g for g in listed.values() if g.deadline is None))


def task_list(c: Cairn, statuses: Sequence[TaskStatus] = (TaskStatus.OPEN,),
              goal_id: int | None = None) -> tuple[TaskView, ...]:
    """Tasks as ``cairn task list --json`` lists them."""
    return tuple(TaskView.of(t) for t in c.tasks.find(statuses, goal_id=goal_id))


def task_view(c: Cairn, task_id: int) -> TaskView:
    """One task as ``cairn task show --json`` shows it."""
    return TaskView.of(c.tasks.get(task_id))
