"""Library: books, courses, tools and more, the skills they raise, and what would help now;
what ``cairn resource …`` does."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import RedirectResponse, Response

from cairn.core.errors import InvalidInput, NotReady
from cairn.core.parse import parse_choice
from cairn.core.resources import ResourceKind, ResourceStatus, check_skill_ids
from cairn.core.rules import check_text, check_title
from cairn.services.support_pages import library_page, resource_choices, resource_page
from cairn.web.deps import Person
from cairn.web.forms import Form, Posted
from cairn.web.templating import render

router = APIRouter(include_in_schema=False)
Id = Annotated[int, Path(ge=1, le=2**31 - 1)]
KINDS = [(k.value, k.value.capitalize()) for k in ResourceKind]
STATUSES = [(s.value, s.value.replace("-", " ").capitalize()) for s in ResourceStatus]


def skills(text: str) -> tuple[str, ...]:
    """O*NET element ids separated by commas or spaces (checked for their form)."""
    return check_skill_ids(text.replace(",", " ").split())


@router.get("/library")
def library(request: Request, c: Person,
            status: Annotated[str, Query(max_length=20)] = "",
            kind: Annotated[str, Query(max_length=20)] = "") -> Response:
    """The library (filtered by status and kind), suggestions and skill evidence."""
    try:
        page = library_page(
            c, status=parse_choice(ResourceStatus, status, "status") if status else None,
            kind=parse_choice(ResourceKind, kind, "resource kind") if kind else None)
    except NotReady:  # the suggestions need the profile's life stage
        return RedirectResponse("/onboarding", status_code=303)
    return render(request, "library/index.html",
                  {"title": "Library", "page": page, "status": status, "kind": kind,
                   "kinds": KINDS, "statuses": STATUSES})


def _form(request: Request, c: Person, form: Form, *, status_code: int = 200) -> Response:
    return render(request, "library/form.html",
                  {"title": "Add a resource", "form": form, "kinds": KINDS,
                   "page_choices": resource_choices(c)}, status_code=status_code)


@router.get("/library/new")
def new_resource(request: Request, c: Person,
                 title: Annotated[str, Query(max_length=200)] = "",
                 kind: Annotated[str, Query(max_length=20)] = "") -> Response:
    """The form to add a resource."""
    return _form(request, c, Form({"title": title, "kind": kind}))


@router.post("/library")
def add_resource(request: Request, c: Person, fields: Posted) -> Response:
    """Add a resource linked to skills, goals and areas; on to its page."""
    form = Form(fields)
    title = form.parse("title", check_title)
    kind = form.parse("kind", lambda t: parse_choice(ResourceKind, t, "resource kind"))
    url = form.parse("url", lambda t: check_text(t, "address"))
    note = form.parse("note", lambda t: check_text(t, "note"))
    skill_ids = form.parse("skills", skills)
    choices = resource_choices(c)
    goal_ids = [int(g.id) for g in choices.goals if form.text(f"goal_{g.id}")]
    areas = [str(a.id) for a in choices.areas if form.text(f"area_{a.id}")]
    if form.ok and title is not None and kind is not None and skill_ids is not None:
        try:
            added = c.resources.add(title, kind, url=url or "", note=note or "",
                                    skills=skill_ids, goal_ids=goal_ids, areas=areas)
        except InvalidInput as err:
            form.fail(err)
        else:
            return RedirectResponse(f"/library/{added.id}", status_code=303)
    return _form(request, c, form, status_code=422)


@router.get("/library/{resource_id}")
def resource(request: Request, c: Person, resource_id: Id) -> Response:
    """One resource, its links and, once finished, its skills' self-ratings."""
    page = resource_page(c, resource_id)
    return render(request, "library/resource.html",
                  {"title": page.resource.title, "page": page})


@router.post("/library/{resource_id}/start")
def start(c: Person, resource_id: Id) -> Response:
    """Mark a resource in progress."""
    c.resources.start(resource_id)
    return RedirectResponse(f"/library/{resource_id}", status_code=303)


@router.post("/library/{resource_id}/done")
def done(c: Person, resource_id: Id, fields: Posted) -> Response:
    """Mark a resource done; with ``raise`` checked, each skill it gave evidence for has
    its self-rating raised one step."""
    c.resources.finish(resource_id, raise_ratings=fields.get("raise") == "1")
    return RedirectResponse(f"/library/{resource_id}", status_code=303)


@router.post("/library/{resource_id}/raise")
def raise_ratings(c: Person, resource_id: Id) -> Response:
    """Raise the self-rating of each skill of a finished resource one step (once per
    resource, as ``cairn resource done --raise``)."""
    c.resources.raise_all(resource_id)
    return RedirectResponse(f"/library/{resource_id}", status_code=303)
