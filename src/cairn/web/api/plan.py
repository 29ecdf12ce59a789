"""``/api/v1/plan/...``, ``/api/v1/budgets`` and ``/api/v1/areas``: a week of the plan, moving
a session, accepting the draft; budgets and life areas (as the command line's ``--json``)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from cairn.core.errors import InvalidInput
from cairn.services.plan_pages import (
    AreaView,
    BudgetView,
    PlanWeek,
    accept,
    areas,
    budgets,
    move_session,
    plan_week,
)
from cairn.services.planning_views import SessionView
from cairn.web.api import PREFIX, IsoDay, problems, respond
from cairn.web.deps import Person
from cairn.web.schema import model_of

router = APIRouter(prefix=PREFIX, tags=["plan"])
FIRST, LAST = dt.date(1900, 1, 1), dt.date(2199, 12, 31)  # the dates Cairn reads


class MoveIn(BaseModel):
    """A session of the accepted plan (its `key`) and its new start, in the person's time
    zone without an offset (it keeps its length)."""

    model_config = ConfigDict(extra="forbid")

    key: Annotated[str, Field(min_length=1, max_length=200)]
    start: Annotated[dt.datetime, Field(description="Local time, e.g. 2026-12-01T18:30:00.")]


@router.get("/plan/week", response_model=model_of(PlanWeek),
            responses=problems(422), summary="A week of the plan", operation_id="planWeek")
def week(c: Person,
         start: Annotated[IsoDay | None, Query(
             ge=FIRST, le=LAST, description="Any day of the week (default: this week).")] = None,
         ) -> JSONResponse:
    """The week from the Monday of `start`: the plan shown (the draft waiting to be
    accepted, else the accepted plan), busy times, rest days and budgets against planned
    and logged hours. Sessions have the fields of `cairn plan show --json`, busy times those
    of `cairn calendar show --json`."""
    return respond(plan_week(c, start))


@router.post("/plan/move", response_model=list[model_of(SessionView)],  # type: ignore[misc]
             responses=problems(400, 404, 409, 422), summary="Move a session",
             operation_id="moveSession")
def move(c: Person, body: MoveIn) -> JSONResponse:
    """Fix a session of the accepted plan at a new time and plan the rest around it;
    returns the accepted plan (as `cairn plan show --json`)."""
    if body.start.tzinfo is not None:
        raise InvalidInput("Give the start without a time zone.",
                           "Times are the person's local time.", field="start")
    return respond(move_session(c, body.key, body.start))


@router.post("/plan/accept", response_model=list[model_of(SessionView)],  # type: ignore[misc]
             responses=problems(409), summary="Accept the new plan", operation_id="acceptPlan")
def accept_plan(c: Person) -> JSONResponse:
    """Make the draft the accepted plan (as `cairn plan accept`); returns it as
    `cairn plan show --json`."""
    return respond(accept(c))


@router.get("/budgets", response_model=list[model_of(BudgetView)],  # type: ignore[misc]
            responses=problems(), summary="List budgets", operation_id="listBudgets")
def list_budgets(c: Person) -> JSONResponse:
    """Weekly budgets per area: the fields of `cairn budget list --json`."""
    return respond(budgets(c))


@router.get("/areas", response_model=list[model_of(AreaView)],  # type: ignore[misc]
            responses=problems(422), summary="List life areas", operation_id="listAreas")
def list_areas(c: Person,
               archived: Annotated[bool, Query(description="Include archived areas.")] = False,
               ) -> JSONResponse:
    """The life areas: the fields of `cairn area list --json`."""
    return respond(areas(c, include_archived=archived))
