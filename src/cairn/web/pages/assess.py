"""Onboarding's assessments, one item per screen: interests, then work values, then the
first matches with their reasons.

Each answer is saved as it is given (a reload or a later visit resumes at the first
unanswered item); the last answer scores the take and moves on.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from cairn.core.errors import InvalidInput, NotReady
from cairn.services import assess_pages, explore_pages
from cairn.web.deps import Person
from cairn.web.forms import Form, Posted, number
from cairn.web.templating import render

router = APIRouter(include_in_schema=False)
NEXT = {"interests": "/onboarding/assess/values", "values": "/onboarding/matches"}
FIRST_MATCHES = 5


def _step(request: Request, c: Person, key: str, form: Form, status_code: int = 200,
          *, again: bool = False) -> Response:
    if key not in assess_pages.STEPPED:
        return render(request, "onboarding/assess_elsewhere.html",
                      {"title": "Take this assessment", "key": key})
    step = assess_pages.assessment_step(c, key)
    done = None if again or step.answered else assess_pages.take_result(c, key)
    return render(request, "onboarding/assess.html",
                  {"title": step.title, "item": step, "form": form, "done": done,
                   "next": NEXT[key]}, status_code=status_code)


@router.get("/onboarding/assess/{instrument}")
def assess(request: Request, c: Person, instrument: str, again: bool = False) -> Response:
    """The next unanswered item (a finished assessment shows its scores, to go on or
    take it again)."""
    return _step(request, c, instrument, Form(), again=again)


def read_choice(low: int, high: int) -> Callable[[str], float]:
    """A parser of an answer on the response scale."""
    whole = number("answer")

    def read(text: str) -> float:
        if not text.strip():
            raise InvalidInput("Choose an answer.", "Pick the one closest to how you feel.")
        value = whole(text)
        if value != int(value) or not low <= value <= high:
            raise InvalidInput(f"{text!r} is not one of the answers.",
                               f"Pick one from {low} to {high}.")
        return value

    return read


@router.post("/onboarding/assess/{instrument}")
def answer(request: Request, c: Person, instrument: str, fields: Posted) -> Response:
    """Save one answer; on to the next item, or the next step after the last."""
    key = instrument
    inst = assess_pages.stepped(c, key)
    form = Form(fields)
    value = form.parse("answer", read_choice(inst.low, inst.high))
    item_id = form.text("item_id")
    if form.ok and value is not None:
        try:
            finished = assess_pages.answer_step(c, key, item_id, value)
        except InvalidInput as err:
            form.fail(err)
        else:
            return RedirectResponse(NEXT[key] if finished else f"/onboarding/assess/{key}",
                                    status_code=303)
    return _step(request, c, key, form, status_code=422, again=True)


@router.get("/onboarding/matches")
def first_matches(request: Request, c: Person) -> Response:
    """Step 3: the scores of the assessments, and the first matches with their reasons."""
    results = [r for r in (assess_pages.take_result(c, k) for k in assess_pages.STEPPED) if r]
    catalog = explore_pages.catalog(c)
    page = problem = None
    if catalog.installed:
        try:
            page = explore_pages.matches(c, limit=FIRST_MATCHES)
        except NotReady as err:
            problem = err
    return render(request, "onboarding/matches.html",
                  {"title": "Your first matches", "results": results, "catalog": catalog,
                   "page": page, "problem": problem})
