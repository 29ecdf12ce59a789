"""``/api/v1/goals``: list goals (as ``cairn goal list --json``), add one, show one (as
``cairn goal show --json``), change it (``cairn goal edit``), update its progress, read its
history, and drop it (``DELETE``: goals are never erased, a dropped goal keeps its
history)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from cairn.core.errors import InvalidInput
from cairn.core.model import GoalStatus, Horizon, Metric, Priority
from cairn.services.goal_pages import goal_detail, goal_history
from cairn.services.goal_views import ChangeView, GoalDetail
from cairn.services.goals import GoalEdit
from cairn.services.pages import goal_list, goal_view
from cairn.services.views import GoalView
from cairn.web.api import PREFIX, IsoDay, problems, respond
from cairn.web.deps import Person
from cairn.web.schema import model_of

router = APIRouter(prefix=PREFIX, tags=["goals"])
Id = Annotated[int, Field(ge=1, le=2**31 - 1, strict=True)]
GoalId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The goal's id.")]
Text = Annotated[str, Field(max_length=10_000)]
# JSON numbers and ISO date text only: no "3" for a number, no 0 for a date
FiniteFloat = Annotated[float, Field(strict=True, allow_inf_nan=False)]
Flag = Annotated[bool, Field(strict=True)]


Day = IsoDay


class MetricIn(BaseModel):
    """What the goal measures: its name and unit, where it starts and where it should get."""

    model_config = ConfigDict(extra="forbid")

    name: Text
    unit: Text = ""
    baseline: FiniteFloat | None = None
    target: FiniteFloat | None = None


class GoalIn(BaseModel):
    """A new goal, as `cairn goal add` takes it (the deadline as an ISO date)."""

    model_config = ConfigDict(extra="forbid")

    title: Text
    area: Text = "career"
    horizon: Horizon = Horizon.SHORT_TERM
    why: Text = ""
    parent_id: Id | None = None
    metric: MetricIn | None = None
    deadline: Day | None = None
    priority: Priority = Priority.MEDIUM


class GoalPatch(BaseModel):
    """What to change in a goal, as `cairn goal edit` takes it (a field left out stays as
    it is); `metric` names what it measures, `status` done, paused, active or dropped
    (dropping needs a `reason`). Every change is kept in its history with the reason."""

    model_config = ConfigDict(extra="forbid")

    title: Text | None = None
    why: Text | None = None
    area: Text | None = None
    horizon: Horizon | None = None
    parent_id: Id | None = None
    no_parent: Flag = False
    metric: Text | None = None
    unit: Text | None = None
    baseline: FiniteFloat | None = None
    target: FiniteFloat | None = None
    current: FiniteFloat | None = None
    deadline: Day | None = None
    priority: Priority | None = None
    status: GoalStatus | None = None
    reason: Text = ""


class ProgressIn(BaseModel):
    """Where the goal's metric stands now, as `cairn goal progress` takes it."""

    model_config = ConfigDict(extra="forbid")

    value: FiniteFloat
    reason: Text = ""


@router.get("/goals", response_model=list[model_of(GoalView)],  # type: ignore[misc]
            responses=problems(404, 409, 422), summary="List goals", operation_id="listGoals")
def list_goals(c: Person,
               all_: Annotated[bool, Query(alias="all",
                                           description="Include done and dropped goals.")] = False,
               area: Annotated[str | None, Query(max_length=200,
                                                 description="Only this life area (key, name "
                                                             "or id).")] = None,
               horizon: Annotated[Horizon | None, Query(description="Only this horizon.")] = None,
               ) -> JSONResponse:
    """Goals with their progress (active and paused unless `all`): the fields of
    `cairn goal list --json`."""
    statuses = () if all_ else (GoalStatus.ACTIVE, GoalStatus.PAUSED)
    return respond(goal_list(c, statuses, area=area, horizon=horizon))


@router.post("/goals", status_code=201, response_model=model_of(GoalView),
             responses=problems(400, 404, 409, 422), summary="Add a goal", operation_id="addGoal")
def add_goal(c: Person, goal: GoalIn) -> JSONResponse:
    """Add a goal after checking its area, parent and metric; returns it as listed."""
    m = goal.metric
    added = c.goals.add(
        goal.title, area=goal.area, horizon=goal.horizon, why=goal.why,
        parent_id=goal.parent_id,
        metric=None if m is None else Metric(m.name, m.unit, m.baseline, m.target, m.baseline),
        deadline=goal.deadline, priority=goal.priority)
    return respond(goal_view(c, added.id), status_code=201)


@router.get("/goals/{goal_id}", response_model=model_of(GoalDetail),
            responses=problems(404, 409, 422), summary="Show a goal", operation_id="showGoal")
def show_goal(c: Person, goal_id: GoalId) -> JSONResponse:
    """One goal with its milestones, tasks, sub-goals, SMART findings (each fix also as an
    action) and feedback: the fields of `cairn goal show --json`."""
    return respond(goal_detail(c, goal_id))


@router.patch("/goals/{goal_id}", response_model=model_of(GoalView),
              responses=problems(400, 404, 409, 422), summary="Change a goal",
              operation_id="editGoal")
def edit_goal(c: Person, goal_id: GoalId, patch: GoalPatch) -> JSONResponse:
    """Change a goal's fields (as `cairn goal edit`); returns it as listed."""
    change = GoalEdit(**patch.model_dump(exclude={"reason"}))
    if change.empty:
        raise InvalidInput("Nothing to change.", "Give at least one field to change.")
    c.goals.update(goal_id, change, patch.reason)
    return respond(goal_view(c, goal_id))


@router.delete("/goals/{goal_id}", response_model=model_of(GoalView),
               responses=problems(404, 409, 422), summary="Drop a goal",
               operation_id="dropGoal")
def drop_goal(c: Person, goal_id: GoalId,
              reason: Annotated[str, Query(min_length=1, max_length=10_000,
                                           description="Why you drop it (kept in its "
                                                       "history).")]) -> JSONResponse:
    """Drop a goal (as `cairn goal drop --reason`): goals are never erased; it stays, with
    its history, among the dropped goals (`all=true`). Returns it as listed."""
    c.goals.set_status(goal_id, GoalStatus.DROPPED, reason)
    return respond(goal_view(c, goal_id))


@router.post("/goals/{goal_id}/progress", response_model=model_of(GoalView),
             responses=problems(400, 404, 409, 422), summary="Update a goal's progress",
             operation_id="goalProgress")
def goal_progress(c: Person, goal_id: GoalId, progress: ProgressIn) -> JSONResponse:
    """Set the goal's metric to where it stands now (as `cairn goal progress`); returns the
    goal as listed."""
    c.goals.update(goal_id, GoalEdit(current=progress.value), progress.reason)
    return respond(goal_view(c, goal_id))


@router.get("/goals/{goal_id}/history", response_model=list[model_of(ChangeView)],  # type: ignore[misc]
            responses=problems(404, 409, 422), summary="A goal's history",
            operation_id="goalHistory")
def history(c: Person, goal_id: GoalId) -> JSONResponse:
    """Every change to the goal, oldest first, with its reason: the fields of
    `cairn goal history --json`."""
    return respond(goal_history(c, goal_id))
