"""Tasks: adding with estimates, windows and dependencies; editing; completing."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from cairn.core.actions import Action
from cairn.core.errors import InvalidInput, NotFound
from cairn.core.model import Task, TaskStatus
from cairn.core.rules import check_estimate, check_no_cycle, check_title, check_window
from cairn.services.goals import GoalService
from cairn.services.scope import Scope, writes
from cairn.store import repo


class TaskService:
    """Use cases for tasks."""

    def __init__(self, scope: Scope, goals: GoalService) -> None:
        self.scope = scope
        self.goals = goals

    def get(self, task_id: int) -> Task:
        """One task, or :class:`NotFound`."""
        with self.scope.read() as s:
            task = repo.get_task(s, task_id)
        if task is None:
            raise NotFound(f"There is no task #{task_id}.", "See the ids with {action}.",
                           Action.to("task.list"))
        return task

    def find(self, statuses: Sequence[TaskStatus] = (TaskStatus.OPEN,),
             goal_id: int | None = None) -> list[Task]:
        """Tasks with the given statuses (open by default), optionally of one goal."""
        with self.scope.read() as s:
            tasks = repo.list_tasks(s, statuses)
        return [t for t in tasks if goal_id is None or t.goal_id == goal_id]

    @writes
    def add(self, title: str, estimate_hours: float, *, goal_id: int | None = None,
            milestone_id: int | None = None, due: dt.date | None = None,
            earliest_start: dt.date | None = None, after: Sequence[int] = ()) -> Task:
        """Add a task; a milestone implies its goal."""
        task = Task(id=0, title=check_title(title), estimate_hours=check_estimate(estimate_hours),
                    goal_id=goal_id, milestone_id=milestone_id, due=due,
                    earliest_start=earliest_start, depends_on=tuple(dict.fromkeys(after)))
        task = self._checked(task)
        with self.scope.write() as s:
            return repo.add_task(s, task, self.scope.now())

    def _checked(self, task: Task) -> Task:
        if task.milestone_id is not None:
            ms = self.goals.get_milestone(task.milestone_id)
            if task.goal_id is not None and task.goal_id != ms.goal_id:
                raise InvalidInput(
                    f"Milestone #{ms.id} belongs to goal #{ms.goal_id}, not #{task.goal_id}.",
                    "Give only the milestone; the goal follows from it.",
                )
            task = dataclasses.replace(task, goal_id=ms.goal_id)
        elif task.goal_id is not None:
            self.goals.get(task.goal_id)
        check_window(task.earliest_start, task.due)
        for dep in task.depends_on:
            if dep == task.id:
                raise InvalidInput(f"Task #{dep} cannot depend on itself.")
            self.get(dep)
        if task.id and task.depends_on:
            with self.scope.read() as s:
                links = repo.dependency_links(s)
            links[task.id] = list(task.depends_on)
            check_no_cycle(links, task.id, "tasks")
        return task

    @writes
    def edit(self, task_id: int, *, add_deps: Sequence[int] = (),
             remove_deps: Sequence[int] = (), **fields: object) -> Task:
        """Change a task's fields and dependencies; cycles are refused."""
        old = self.get(task_id)
        allowed = {"title", "estimate_hours", "goal_id", "milestone_id", "due", "earliest_start"}
        unknown = set(fields) - allowed
        if unknown:
            raise InvalidInput(f"Tasks have no field {', '.join(sorted(unknown))}.")
        if "title" in fields:
            fields["title"] = check_title(str(fields["title"]))
        if "estimate_hours" in fields:
            fields["estimate_hours"] = check_estimate(float(str(fields["estimate_hours"])))
        deps = [d for d in old.depends_on if d not in remove_deps]
        deps += [d for d in add_deps if d not in deps]
        new = self._checked(dataclasses.replace(old, depends_on=tuple(deps), **fields))  # type: ignore[arg-type]
        with self.scope.write() as s:
            repo.replace_task(s, new)
        return new

    @writes
    def set_status(self, task_id: int, status: TaskStatus) -> Task:
        """Mark a task done, dropped, or open again."""
        old = self.get(task_id)
        new = dataclasses.replace(old, status=status,
                                  done_at=self.scope.now() if status is TaskStatus.DONE else None)
        with self.scope.write() as s:
            repo.replace_task(s, new)
        return new
