"""``/api/v1/guidance`` and ``/api/v1/templates``: advice for the person's situation and
goal templates (as ``cairn guide --json`` and ``cairn template list --json``)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from cairn.core.parse import MAX_YEAR, MIN_YEAR
from cairn.services.pages import goal_view
from cairn.services.support_pages import advice_list, template_list
from cairn.services.support_views import AdviceView, TemplateView
from cairn.services.views import GoalView
from cairn.web.api import PREFIX, IsoDay, problems, respond
from cairn.web.deps import Person
from cairn.web.schema import model_of

router = APIRouter(prefix=PREFIX, tags=["guide"])


class TemplateUse(BaseModel):
    """How to apply a template, as `cairn template use` takes it (the start as an ISO
    date; today when left out)."""

    model_config = ConfigDict(extra="forbid")

    start: Annotated[IsoDay | None, Field(ge=dt.date(MIN_YEAR, 1, 1),
                                           le=dt.date(MAX_YEAR, 12, 31))] = None
    hours_per_week: Annotated[float | None, Field(
        gt=0, le=80, description="Hours a week; default: the budget's floor for the area "
                                 "holding most of its work, else the template's own pace.")
                              ] = None
    subject: Annotated[str | None, Field(max_length=200, description=(
        "The field, target occupation or passion, filled into the titles."))] = None
    gaps: Annotated[list[Annotated[str, Field(max_length=200)]], Field(
        max_length=20, description="Skill gaps to plan for, one step each.")] = []


@router.get("/guidance", response_model=list[model_of(AdviceView)],  # type: ignore[misc]
            responses=problems(409, 422), summary="Advice for you now",
            operation_id="listGuidance")
def guidance(c: Person, all_: Annotated[bool, Query(
        alias="all", description="Every piece of advice, not only what your data shows.")
                                        ] = False) -> JSONResponse:
    """Advice for the life stage and the obstacles found in the person's data, each with
    its command and its action: the fields of `cairn guide --json`."""
    return respond(advice_list(c, everything=all_))


@router.get("/templates", response_model=list[model_of(TemplateView)],  # type: ignore[misc]
            responses=problems(), summary="Goal templates", operation_id="listTemplates")
def templates(c: Person) -> JSONResponse:
    """Ready-made goal trees: the fields of `cairn template list --json`."""
    return respond(template_list(c))


@router.post("/templates/{name}", status_code=201,
             response_model=list[model_of(GoalView)],  # type: ignore[misc]
             responses=problems(400, 404, 409, 422), summary="Apply a goal template",
             operation_id="useTemplate")
def use_template(c: Person, name: Annotated[str, Path(max_length=100)],
                 use: TemplateUse) -> JSONResponse:
    """Create the template's goals, milestones and tasks in one transaction (all or
    nothing); returns the goals made, as `cairn goal list --json` lists them."""
    made = c.guide.use_template(name, use.start or c.scope.today(),
                                hours_per_week=use.hours_per_week, subject=use.subject,
                                skill_gaps=use.gaps)
    return respond([goal_view(c, g.id) for g in made.goals], status_code=201)
