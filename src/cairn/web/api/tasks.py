"""``/api/v1/tasks``: list tasks (as ``cairn task list --json``), add one, show one (as
``cairn task show --json``), change it (``cairn task edit``) and mark it done."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from cairn.core.errors import InvalidInput
from cairn.core.model import TaskStatus
from cairn.services.goal_pages import task_list, task_view
from cairn.services.goal_views import TaskView
from cairn.web.api import PREFIX, problems, respond
from cairn.web.api.goals import Day, FiniteFloat, Id
from cairn.web.deps import Person
from cairn.web.schema import model_of

router = APIRouter(prefix=PREFIX, tags=["tasks"])
TaskId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The task's id.")]
Text = Annotated[str, Field(max_length=10_000)]
Ids = Annotated[list[Id], Field(max_length=100)]


class TaskIn(BaseModel):
    """A new task, as `cairn task add` takes it (dates as ISO dates; `after`: ids of tasks
    that must be done first)."""

    model_config = ConfigDict(extra="forbid")

    title: Text
    estimate_hours: FiniteFloat = 1.0
    goal_id: Id | None = None
    milestone_id: Id | None = None
    due: Day | None = None
    earliest_start: Day | None = None
    after: Ids = []


class TaskPatch(BaseModel):
    """What to change in a task, as `cairn task edit` takes it (a field left out stays as
    it is); `after` adds dependencies, `not_after` removes them."""

    model_config = ConfigDict(extra="forbid")

    title: Text | None = None
    estimate_hours: FiniteFloat | None = None
    goal_id: Id | None = None
    due: Day | None = None
    earliest_start: Day | None = None
    after: Ids = []
    not_after: Ids = []


@router.get("/tasks", response_model=list[model_of(TaskView)],  # type: ignore[misc]
            responses=problems(404, 409, 422), summary="List tasks", operation_id="listTasks")
def list_tasks(c: Person,
               all_: Annotated[bool, Query(alias="all",
                                           description="Include done and dropped tasks.")] = False,
               goal: Annotated[int | None, Query(ge=1, le=2**31 - 1,
                                                 description="Only this goal's tasks.")] = None,
               ) -> JSONResponse:
    """Tasks (open ones unless `all`): the fields of `cairn task list --json`."""
    return respond(task_list(c, () if all_ else (TaskStatus.OPEN,), goal_id=goal))


@router.post("/tasks", status_code=201, response_model=model_of(TaskView),
             responses=problems(400, 404, 409, 422), summary="Add a task", operation_id="addTask")
def add_task(c: Person, task: TaskIn) -> JSONResponse:
    """Add a task (a milestone implies its goal); returns it as shown."""
    added = c.tasks.add(task.title, task.estimate_hours, goal_id=task.goal_id,
                        milestone_id=task.milestone_id, due=task.due,
                        earliest_start=task.earliest_start, after=task.after)
    return respond(task_view(c, added.id), status_code=201)


@router.get("/tasks/{task_id}", response_model=model_of(TaskView),
            responses=problems(404, 409, 422), summary="Show a task", operation_id="showTask")
def show_task(c: Person, task_id: TaskId) -> JSONResponse:
    """One task: the fields of `cairn task show --json`."""
    return respond(task_view(c, task_id))


@router.patch("/tasks/{task_id}", response_model=model_of(TaskView),
              responses=problems(400, 404, 409, 422), summary="Change a task",
              operation_id="editTask")
def edit_task(c: Person, task_id: TaskId, patch: TaskPatch) -> JSONResponse:
    """Change a task (as `cairn task edit`); a dependency that would make a loop is
    refused. Returns it as shown."""
    fields: dict[str, Any] = patch.model_dump(exclude={"after", "not_after"},
                                              exclude_none=True)
    if not fields and not patch.after and not patch.not_after:
        raise InvalidInput("Nothing to change.", "Give at least one field to change.")
    c.tasks.edit(task_id, add_deps=patch.after, remove_deps=patch.not_after, **fields)
    return respond(task_view(c, task_id))


@router.post("/tasks/{task_id}/done", response_model=model_of(TaskView),
             responses=problems(404, 409, 422), summary="Mark a task done",
             operation_id="taskDone")
def task_done(c: Person, task_id: TaskId) -> JSONResponse:
    """Mark the task done (as `cairn task done`); returns it as shown."""
    c.tasks.set_status(task_id, TaskStatus.DONE)
    return respond(task_view(c, task_id))
