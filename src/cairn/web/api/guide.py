"""``/api/v1/guidance`` and ``/api/v1/templates``: advice for the person's situation and
goal templates (as ``cairn guide --json`` and ``cairn template list --json``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from cairn.services.support_pages import advice_list, template_list
from cairn.services.support_views import AdviceView, TemplateView
from cairn.web.api import PREFIX, problems, respond
from cairn.web.deps import Person
from cairn.web.schema import model_of

router = APIRouter(prefix=PREFIX, tags=["guide"])


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
