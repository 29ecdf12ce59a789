"""Goals and milestones: adding, editing with history, completing, dropping, checking."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from cairn.core.actions import Action, Example
from cairn.core.errors import InvalidInput, NotFound
from cairn.core.model import (
    Goal,
    GoalChange,
    GoalStatus,
    Horizon,
    Metric,
    Milestone,
    Priority,
)
from cairn.core.progress import GoalProgress, roll_up
from cairn.core.rules import check_metric, check_no_cycle, check_parent_horizon, check_title
from cairn.core.smart import Finding, smart_check_all
from cairn.services.goal_tree import GoalNode, goal_forest  # GoalNode: tree()'s result
from cairn.services.profile import ProfileService
from cairn.services.scope import Scope, reads, writes
from cairn.store import repo

GOAL_FIELDS = ("area_id", "horizon", "parent_id", "title", "why", "deadline", "priority",
               "status")
METRIC_FIELDS = ("name", "unit", "baseline", "target", "current")


@dataclass(frozen=True, slots=True)
class GoalEdit:
    """What to change in a goal, typed (None: leave it as it is). ``area`` is a key, name or
    id (an archived area is refused); ``no_parent`` makes it a top-level goal; the metric's
    fields are ``metric`` (its name), ``unit``, ``baseline``, ``target``, ``current``."""

    title: str | None = None
    why: str | None = None
    area: str | None = None
    horizon: Horizon | None = None
    parent_id: int | None = None
    no_parent: bool = False
    metric: str | None = None
    unit: str | None = None
    baseline: float | None = None
    target: float | None = None
    current: float | None = None
    deadline: dt.date | None = None
    priority: Priority | None = None
    status: GoalStatus | None = None

    @property
    def empty(self) -> bool:
        """True when it changes nothing."""
        return self == GoalEdit()


def _text(value: object) -> str | None:
    """A field's value as history keeps it; nothing (None, '') is None."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


class GoalService:
    """Use cases for goals and milestones."""

    def __init__(self, scope: Scope, profile: ProfileService) -> None:
        self.scope = scope
        self.profile = profile

    # -- reading -----------------------------------------------------------------

    def get(self, goal_id: int) -> Goal:
        """One goal; raises :class:`NotFound` with a hint when it does not exist."""
        with self.scope.read() as s:
            goal = repo.get_goal(s, goal_id)
        if goal is None:
            raise NotFound(f"There is no goal #{goal_id}.", "See the ids with {action}.",
                           Action.to("goal.list"))
        return goal

    def find(self, statuses: Sequence[GoalStatus] = (), area: str | None = None,
             horizon: Horizon | None = None) -> list[Goal]:
        """Goals, filtered by status, area and horizon."""
        area_id = self.profile.resolve_area(area, include_archived=True).id if area else None
        with self.scope.read() as s:
            goals = repo.list_goals(s, statuses)
        return [g for g in goals
                if (area_id is None or g.area_id == area_id)
                and (horizon is None or g.horizon is horizon)]

    @reads
    def progress(self) -> dict[int, GoalProgress]:
        """Every goal's progress, rolled up from tasks, milestones and child goals."""
        with self.scope.read() as s:
            return roll_up(repo.list_goals(s), repo.list_milestones(s), repo.list_tasks(s))

    def history(self, goal_id: int) -> list[GoalChange]:
        """Every recorded change to a goal, oldest first."""
        self.get(goal_id)
        with self.scope.read() as s:
            return repo.goal_history(s, goal_id)

    def milestones(self, goal_id: int | None = None) -> list[Milestone]:
        """Milestones, of one goal or all."""
        with self.scope.read() as s:
            found = repo.list_milestones(s)
        return [m for m in found if goal_id is None or m.goal_id == goal_id]

    @reads
    def check(self, goal_id: int | None = None) -> dict[int, list[Finding]]:
        """SMART findings for one goal or for every open goal, all at once."""
        with self.scope.read() as s:
            goals = repo.list_goals(s)
        if goal_id is not None:
            self.get(goal_id)
            children = [g for g in goals if g.parent_id == goal_id]
            goals = [g for g in goals if g.id == goal_id] + children
            return {goal_id: smart_check_all(goals, self.scope.today())[goal_id]}
        return smart_check_all([g for g in goals if g.is_open], self.scope.today())

    @reads
    def tree(self, include_closed: bool = False) -> list[GoalNode]:
        """The goal forest: vision -> long-term -> short-term -> milestones -> tasks."""
        with self.scope.read() as s:
            goals = repo.list_goals(s)
            milestones = repo.list_milestones(s)
            tasks = repo.list_tasks(s)
        return goal_forest(goals, milestones, tasks, include_closed)

    # -- writing -----------------------------------------------------------------

    @writes
    def add(self, title: str, *, area: str, horizon: Horizon, why: str = "",
            parent_id: int | None = None, metric: Metric | None = None,
            deadline: dt.date | None = None, priority: Priority = Priority.MEDIUM) -> Goal:
        """Add a goal after checking its area, parent and metric."""
        self.profile.get()
        area_row = self.profile.resolve_area(area)
        if parent_id is not None:
            check_parent_horizon(horizon, self.get(parent_id).horizon)
        if metric is not None:
            metric = check_metric(metric)
        goal = Goal(id=0, area_id=area_row.id, horizon=horizon, title=check_title(title),
                    why=why.strip(), parent_id=parent_id, metric=metric, deadline=deadline,
                    priority=priority)
        at = self.scope.now()
        with self.scope.write() as s:
            added = repo.add_goal(s, goal, at)
            repo.add_changes(s, [GoalChange(added.id, "created", None, added.title, at,
                                            "")])
        return added

    @writes
    def update(self, goal_id: int, change: GoalEdit, reason: str = ""
               ) -> tuple[Goal, list[GoalChange]]:
        """Apply a typed :class:`GoalEdit` (what ``cairn goal edit`` and the web's edit form
        take) and record each change in the goal's history; dropping needs a reason."""
        if change.status is GoalStatus.DROPPED and not reason.strip():
            raise InvalidInput("Dropping a goal needs a reason.",
                               "Say why; it is kept in the goal's history.", field="reason")
        changes: dict[str, object] = {}
        for name in ("title", "horizon", "deadline", "priority", "status"):
            if getattr(change, name) is not None:
                changes[name] = getattr(change, name)
        if change.why is not None:
            changes["why"] = change.why.strip()
        if change.area is not None:
            changes["area_id"] = self.profile.resolve_area(change.area).id
        if change.parent_id is not None or change.no_parent:
            changes["parent_id"] = None if change.no_parent else change.parent_id
        for name, value in (("name", change.metric), ("unit", change.unit),
                            ("baseline", change.baseline), ("target", change.target),
                            ("current", change.current)):
            if value is not None:
                changes[f"metric_{name}"] = value
        return self.edit(goal_id, reason, **changes)

    @writes
    def edit(self, goal_id: int, reason: str = "", **changes: object
             ) -> tuple[Goal, list[GoalChange]]:
        """Change fields of a goal and record each change in its history.

        ``changes`` takes goal fields (title, why, area_id, horizon, parent_id,
        deadline, priority, status) and metric fields as ``metric_<name>``.
        """
        old = self.get(goal_id)
        goal_updates = {k: v for k, v in changes.items() if k in GOAL_FIELDS}
        metric_updates = {k.removeprefix("metric_"): v for k, v in changes.items()
                          if k.startswith("metric_") and k.removeprefix("metric_") in METRIC_FIELDS}
        unknown = set(changes) - set(goal_updates) - {f"metric_{k}" for k in metric_updates}
        if unknown:
            raise InvalidInput(f"Goals have no field {', '.join(sorted(unknown))}.")
        if "title" in goal_updates:
            goal_updates["title"] = check_title(str(goal_updates["title"]))
        new = dataclasses.replace(old, **goal_updates)  # type: ignore[arg-type]
        if metric_updates:
            new = dataclasses.replace(new, metric=self._new_metric(old, metric_updates))
        self._check_structure(new)
        at = self.scope.now()
        log = [GoalChange(goal_id, name, _text(getattr(old, name)), _text(getattr(new, name)),
                          at, reason.strip())
               for name in GOAL_FIELDS if _text(getattr(old, name)) != _text(getattr(new, name))]
        for name in METRIC_FIELDS:
            before = getattr(old.metric, name) if old.metric else None
            after = getattr(new.metric, name) if new.metric else None
            if _text(before) != _text(after):  # an empty unit where none was is no change
                log.append(GoalChange(goal_id, f"metric.{name}", _text(before), _text(after),
                                      at, reason.strip()))
        if log:
            with self.scope.write() as s:
                repo.replace_goal(s, new)
                repo.add_changes(s, log)
        return new, log

    def _new_metric(self, old: Goal, updates: dict[str, object]) -> Metric:
        if old.metric is None:
            if not updates.get("name"):
                raise InvalidInput(
                    f"Goal #{old.id} has no metric yet.",
                    "Name it first: {action}",
                    Action.to("goal.edit", goal_id=old.id, metric=Example("'name'"),
                              target=Example("N")),
                )
            # the names are Metric's (edit refuses others); check_metric checks the values
            return check_metric(Metric(**{k: v for k, v in updates.items()  # type: ignore[arg-type]
                                          if v is not None or k == "name"}))
        return check_metric(dataclasses.replace(old.metric, **updates))  # type: ignore[arg-type]

    def _check_structure(self, goal: Goal) -> None:
        self.profile.resolve_area(str(goal.area_id), include_archived=True)
        for child in self.find():
            if child.parent_id == goal.id:
                check_parent_horizon(child.horizon, goal.horizon)
        if goal.parent_id is None:
            return
        check_parent_horizon(goal.horizon, self.get(goal.parent_id).horizon)
        with self.scope.read() as s:
            links = repo.parent_links(s)
        links[goal.id] = [goal.parent_id]
        check_no_cycle(links, goal.id, "goals")

    @writes
    def set_status(self, goal_id: int, status: GoalStatus, reason: str = "") -> Goal:
        """Mark a goal done, paused, active or dropped; dropping needs a reason."""
        if status is GoalStatus.DROPPED and not reason.strip():
            raise InvalidInput("Dropping a goal needs a reason.",
                               "Say why with --reason; it is kept in the goal's history.")
        goal, _ = self.edit(goal_id, reason, status=status)
        return goal

    @writes
    def add_milestone(self, goal_id: int, title: str, due: dt.date | None = None) -> Milestone:
        """Add a milestone to a goal."""
        goal = self.get(goal_id)
        if due and goal.deadline and due > goal.deadline:
            raise InvalidInput(
                f"The milestone is due {due}, after the goal's deadline {goal.deadline}.",
                "Give an earlier date, or move the goal's deadline with {action}.",
                Action.to("goal.edit", goal_id=goal.id),
            )
        with self.scope.write() as s:
            ms = repo.add_milestone(s, goal_id, check_title(title), due)
            repo.add_changes(s, [GoalChange(goal_id, "milestone", None, ms.title,
                                            self.scope.now(), "")])
        return ms

    def get_milestone(self, milestone_id: int) -> Milestone:
        """One milestone, or :class:`NotFound`."""
        with self.scope.read() as s:
            ms = repo.get_milestone(s, milestone_id)
        if ms is None:
            raise NotFound(f"There is no milestone #{milestone_id}.",
                           "See milestones with {action}.", Action.to("goal.show", goal_id=None))
        return ms

    @writes
    def milestone_done(self, milestone_id: int) -> Milestone:
        """Mark a milestone reached and note it in its goal's history."""
        ms = self.get_milestone(milestone_id)
        if ms.done:
            return ms
        at = self.scope.now()
        with self.scope.write() as s:
            repo.set_milestone_done(s, milestone_id, at)
            repo.add_changes(s, [GoalChange(ms.goal_id, "milestone.done", None, ms.title, at,
                                            "")])
        return dataclasses.replace(ms, done_at=at)
