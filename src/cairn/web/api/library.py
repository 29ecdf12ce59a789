"""``/api/v1/resources``: the personal library and what would help now (as ``cairn
resource … --json``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from cairn.core.resources import ResourceKind, ResourceStatus
from cairn.services.support_pages import resource_list, resource_view, suggestions
from cairn.services.support_views import NeedView, ResourceView
from cairn.web.api import PREFIX, problems, respond
from cairn.web.deps import Person
from cairn.web.schema import model_of

router = APIRouter(prefix=PREFIX, tags=["library"])
Id = Annotated[int, Path(ge=1, le=2**31 - 1, description="The resource's id.")]
GoalId = Annotated[int, Field(ge=1, le=2**31 - 1)]
Short = Annotated[str, Field(max_length=200)]


class ResourceIn(BaseModel):
    """A new resource, as `cairn resource add` takes it."""

    model_config = ConfigDict(extra="forbid")

    title: Short
    kind: ResourceKind
    url: Annotated[str, Field(max_length=2000)] = ""
    note: Annotated[str, Field(max_length=10_000)] = ""
    skills: Annotated[list[Annotated[str, Field(max_length=40)]], Field(
        max_length=50, description="O*NET skill or knowledge element ids, e.g. 2.A.1.a.")] = []
    goal_ids: Annotated[list[GoalId], Field(max_length=50)] = []
    areas: Annotated[list[Short], Field(max_length=20,
                                        description="Life areas (key, name or id).")] = []


@router.get("/resources", response_model=list[model_of(ResourceView)],  # type: ignore[misc]
            responses=problems(422), summary="List the library", operation_id="listResources")
def list_resources(c: Person,
                   status: Annotated[ResourceStatus | None, Query(
                       description="Only this status.")] = None,
                   kind: Annotated[ResourceKind | None, Query(
                       description="Only this kind.")] = None) -> JSONResponse:
    """The library: the fields of `cairn resource list --json`."""
    return respond(resource_list(c, status=status, kind=kind))


@router.post("/resources", status_code=201, response_model=model_of(ResourceView),
             responses=problems(400, 404, 409, 422), summary="Add a resource",
             operation_id="addResource")
def add_resource(c: Person, resource: ResourceIn) -> JSONResponse:
    """Add a resource linked to skills, goals and life areas; returns it as listed."""
    added = c.resources.add(resource.title, resource.kind, url=resource.url,
                            note=resource.note, skills=resource.skills,
                            goal_ids=resource.goal_ids, areas=resource.areas)
    return respond(resource_view(c, added.id), status_code=201)


@router.get("/resources/suggestions", response_model=list[model_of(NeedView)],  # type: ignore[misc]
            responses=problems(409), summary="What would help now",
            operation_id="suggestResources")
def suggest(c: Person) -> JSONResponse:
    """Which kinds of resources would help now, why, and which of yours fit: `cairn
    resource suggest --json`."""
    return respond(suggestions(c))


@router.get("/resources/{resource_id}", response_model=model_of(ResourceView),
            responses=problems(404, 422), summary="One resource", operation_id="getResource")
def get_resource(c: Person, resource_id: Id) -> JSONResponse:
    """One resource: `cairn resource show --json`."""
    return respond(resource_view(c, resource_id))


@router.post("/resources/{resource_id}/start", response_model=model_of(ResourceView),
             responses=problems(404, 422), summary="Start a resource",
             operation_id="startResource")
def start(c: Person, resource_id: Id) -> JSONResponse:
    """Mark a resource in progress."""
    c.resources.start(resource_id)
    return respond(resource_view(c, resource_id))


@router.post("/resources/{resource_id}/done", response_model=model_of(ResourceView),
             responses=problems(404, 409, 422), summary="Finish a resource",
             operation_id="finishResource")
def finish(c: Person, resource_id: Id,
           raise_: Annotated[bool, Query(alias="raise", description=(
               "Raise the self-rating of each skill it newly gives evidence for one step "
               "(as `cairn resource done --raise`)."))] = False) -> JSONResponse:
    """Mark a resource done; each linked skill gets evidence (once per resource)."""
    c.resources.finish(resource_id, raise_ratings=raise_)
    return respond(resource_view(c, resource_id))
