"""Guide: advice for the person's life stage and what their data shows, each linked to the
page that carries it out; goal templates to preview and apply (``cairn guide``, ``cairn
template …``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import RedirectResponse, Response

from cairn.core.errors import CairnError, InvalidInput, NotReady
from cairn.core.parse import parse_date
from cairn.core.rules import check_text
from cairn.services.pages import goal_view
from cairn.services.support_pages import guide_page, template_preview
from cairn.web.deps import Person
from cairn.web.forms import Form, Posted, number
from cairn.web.templating import render

router = APIRouter(include_in_schema=False)
Name = Annotated[str, Path(max_length=100)]
MAX_ID = 2**31 - 1
FIELDS = ("start", "hours_per_week", "subject", "gaps")


@router.get("/guide")
def guide(request: Request, c: Person,
          all_: Annotated[bool, Query(alias="all")] = False) -> Response:
    """Advice (all of it with ``all``) and the goal templates."""
    try:
        page = guide_page(c, everything=all_)
    except NotReady:
        return RedirectResponse("/onboarding", status_code=303)
    return render(request, "guide/index.html", {"title": "Guide", "page": page, "all": all_})


@dataclass(frozen=True, slots=True)
class Choices:
    """A template's choices as read from its form."""

    start: dt.date | None
    hours_per_week: float | None
    subject: str | None
    gaps: tuple[str, ...]


def _read(c: Person, form: Form) -> Choices | None:
    today = c.scope.today()
    start = form.parse("start", lambda t: parse_date(t, today) if t.strip() else today)
    hours = form.parse("hours_per_week", lambda t: number("hours a week")(t) if t.strip()
                       else None)
    subject = form.parse("subject", lambda t: check_text(t, "subject").strip() or None)
    gaps = form.parse("gaps", lambda t: tuple(g.strip() for g in check_text(t, "gaps")
                                              .split(",") if g.strip()))
    if not form.ok or gaps is None:
        return None
    return Choices(start, hours, subject, gaps)


def _show(request: Request, c: Person, name: str, form: Form) -> Response:
    """The template with its form; its preview when the choices are valid."""
    preview = None
    choices = _read(c, form)
    if choices is not None:
        try:
            preview = template_preview(c, name, choices.start,
                                       hours_per_week=choices.hours_per_week,
                                       subject=choices.subject, skill_gaps=choices.gaps)
        except InvalidInput as err:
            form.fail(err)
    if preview is None:
        preview_default = template_preview(c, name)  # the template itself, for the page
        return render(request, "guide/template.html",
                      {"title": preview_default.template.title, "form": form,
                       "template": preview_default.template, "preview": None},
                      status_code=422)
    return render(request, "guide/template.html",
                  {"title": preview.template.title, "form": form,
                   "template": preview.template, "preview": preview})


@router.get("/guide/templates/{name}")
def template(request: Request, c: Person, name: Name,
             start: Annotated[str, Query(max_length=100)] = "",
             hours_per_week: Annotated[str, Query(max_length=20)] = "",
             subject: Annotated[str, Query(max_length=200)] = "",
             gaps: Annotated[str, Query(max_length=2000)] = "") -> Response:
    """A template and what it would create with the choices given (preview)."""
    return _show(request, c, name, Form({"start": start, "hours_per_week": hours_per_week,
                                         "subject": subject, "gaps": gaps}))


@router.post("/guide/templates/{name}")
def apply(request: Request, c: Person, name: Name, fields: Posted) -> Response:
    """Create the template's goals, milestones and tasks (all or nothing); on to the goals
    it made."""
    c.guide.template(name)
    form = Form({k: fields.get(k, "") for k in FIELDS})
    choices = _read(c, form)
    if choices is not None and choices.start is not None:
        try:
            made = c.guide.use_template(name, choices.start,
                                        hours_per_week=choices.hours_per_week,
                                        subject=choices.subject, skill_gaps=choices.gaps)
        except CairnError as err:
            form.fail(err)
        else:
            query = "&".join(f"goal={g.id}" for g in made.goals)
            return RedirectResponse(f"/guide/made?{query}", status_code=303)
    return _show(request, c, name, form)


@router.get("/guide/made")
def made(request: Request, c: Person,
         goal: Annotated[list[int], Query(max_length=50)]) -> Response:
    """The goals a template made."""
    if any(not 1 <= g <= MAX_ID for g in goal):
        raise InvalidInput("A goal id is out of range.", "Goal ids are whole numbers from 1.")
    goals = [goal_view(c, g) for g in goal]
    return render(request, "guide/made.html", {"title": "Your new goals", "goals": goals})
