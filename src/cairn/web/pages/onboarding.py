"""Onboarding: a first-time person makes their profile (name, life stage, contracted
hours), then goes on to the interests assessment.

The pattern for a page with a form: GET shows it (filled from what is stored), POST
reads the fields with ``forms.Form`` (each parsed at the edge by the core's parsers),
calls the service, and on success redirects (303); on failure it shows the form again
with 422, the values as typed and each error beside its field, and nothing written.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from cairn.core.errors import InvalidInput, NotReady
from cairn.core.model import LifeStage
from cairn.core.parse import parse_choice
from cairn.core.rules import check_title
from cairn.web.deps import Person
from cairn.web.forms import Form, Posted, number
from cairn.web.templating import render

router = APIRouter(include_in_schema=False)

STAGES: tuple[tuple[LifeStage, str], ...] = (
    (LifeStage.EXPLORING, "Exploring: finding out what work would suit you"),
    (LifeStage.EARLY_CAREER, "Early career: the first years of working"),
    (LifeStage.MID_CAREER, "Mid-career: growing in or beyond your field"),
    (LifeStage.LATER_CAREER, "Later career: shaping the years ahead"),
    (LifeStage.RETURNING, "Returning: coming back after a break"),
    (LifeStage.TRANSITION, "Transition: moving to another field"),
)


def read_stage(text: str) -> LifeStage:
    """The life stage chosen (its value, as the form posts it)."""
    if not text.strip():
        raise InvalidInput("Choose where you are in your working life.",
                           "Pick the stage closest to yours; you can change it later.")
    return parse_choice(LifeStage, text, "life stage")


def _show(request: Request, form: Form, status_code: int = 200) -> Response:
    return render(request, "onboarding/profile.html",
                  {"title": "Welcome to Cairn", "form": form, "stages": STAGES},
                  status_code=status_code)


@router.get("/onboarding")
def profile_form(request: Request, c: Person) -> Response:
    """Step 1: the profile form (filled in when the profile exists, to change it)."""
    try:
        p = c.profile.get()
    except NotReady:
        return _show(request, Form({"contract_hours": "0"}))
    return _show(request, Form({"name": p.name, "life_stage": p.life_stage.value,
                                "contract_hours": f"{p.contract_hours:g}"}))


@router.post("/onboarding")
def save_profile(request: Request, c: Person, fields: Posted) -> Response:
    """Save the profile, or show the form again with what is wrong."""
    form = Form(fields)
    name = form.parse("name", lambda text: check_title(text, "name"))
    stage = form.parse("life_stage", read_stage)
    hours = form.parse("contract_hours", number("contracted hours a week"))
    if form.ok and name is not None and stage is not None and hours is not None:
        try:
            c.profile.init(name, stage.value, hours)
        except InvalidInput as err:
            form.fail(err)
        else:
            return RedirectResponse("/onboarding/next", status_code=303)
    return _show(request, form, status_code=422)


@router.get("/onboarding/next")
def next_step(request: Request, c: Person) -> Response:
    """Step 2: on to the interests assessment (or straight to Today)."""
    profile = c.profile.get()
    return render(request, "onboarding/next.html",
                  {"title": "Your profile is saved", "profile": profile})
