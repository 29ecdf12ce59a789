"""``/api/v1/goals``: list goals (as ``cairn goal list --json``) and add one."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, FiniteFloat

from cairn.core.model import GoalStatus, Horizon, Metric, Priority
from cairn.services.pages import goal_list, goal_view
from cairn.services.views import GoalView
from cairn.web.api import PREFIX, problems, respond
from cairn.web.deps import Person
from cairn.web.schema import model_of

router = APIRouter(prefix=PREFIX, tags=["goals"])
Id = Annotated[int, Field(ge=1, le=2**31 - 1)]
Text = Annotated[str, Field(max_length=10_000)]


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
    deadline: dt.date | None = None
    priority: Priority = Priority.MEDIUM


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
