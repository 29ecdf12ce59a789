"""The assessments, one question per screen: onboarding's interests, then work values,
then the first matches with their reasons; and ``/assess``, every instrument a person can
take (the skills profile, a coach's loaded instruments) with where they stand.

Each answer is saved as it is given (a reload or a later visit resumes at the first
unanswered question); a question that may be skipped has a Skip button; the last answer
scores the take and moves on. The passions form is taken with ``cairn assess passions``.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from cairn.core.assessment import Answer
from cairn.core.errors import InvalidInput, NotReady
from cairn.services import assess_pages, explore_pages
from cairn.services.assess import PASSIONS
from cairn.web.deps import Person
from cairn.web.forms import Form, Posted, number
from cairn.web.templating import render

router = APIRouter(include_in_schema=False)
NEXT = {"interests": "/onboarding/assess/values", "values": "/onboarding/matches"}
FIRST_MATCHES = 5


def _step(request: Request, c: Person, key: str, form: Form, status_code: int = 200,
          *, again: bool = False) -> Response:
    if key == PASSIONS:
        return render(request, "onboarding/assess_elsewhere.html",
                      {"title": "Take this assessment", "key": key})
    step = assess_pages.assessment_step(c, key)
    done = None if again or step.answered else assess_pages.take_result(c, key)
    return render(request, "onboarding/assess.html",
                  {"title": step.title, "item": step, "form": form, "done": done,
                   "next": NEXT.get(key, "/assess"), "onboarding": key in NEXT},
                  status_code=status_code)


@router.get("/assess")
def assessments(request: Request, c: Person) -> Response:
    """Every assessment you can take, with your latest scores and any take under way."""
    return render(request, "assess.html", {"title": "Assessments",
                                           "instruments": assess_pages.statuses(c)})


@router.get("/onboarding/assess/{instrument}")
def assess(request: Request, c: Person, instrument: str, again: bool = False) -> Response:
    """The next unanswered question (a finished assessment shows its scores, to go on or
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


def read_text(text: str) -> str:
    """A text answer: something written."""
    if not text.strip():
        raise InvalidInput("Write an answer.", "A few words are enough.")
    return text.strip()


@router.post("/onboarding/assess/{instrument}")
def answer(request: Request, c: Person, instrument: str, fields: Posted) -> Response:
    """Save one answer (or skip a question that may be skipped); on to the next question,
    or the next step after the last."""
    key = instrument
    step = assess_pages.assessment_step(c, key)
    form = Form(fields)
    skip = form.text("skip") == "1"
    reader: Callable[[str], Answer] = (
        read_choice(int(step.choices[0].value), int(step.choices[-1].value))
        if step.kind == "rating" and step.choices
        else read_text if step.kind == "text" else number("answer"))
    value = None if skip else form.parse("answer", reader)
    if form.ok and (skip or value is not None):
        try:
            finished = assess_pages.answer_step(c, key, form.text("item_id"), value)
        except InvalidInput as err:
            form.fail(err)
        else:
            return RedirectResponse(NEXT.get(key, "/assess") if finished
                                    else f"/onboarding/assess/{key}", status_code=303)
    return _step(request, c, key, form, status_code=422, again=True)


@router.get("/onboarding/matches")
def first_matches(request: Request, c: Person) -> Response:
    """Step 3: the scores of the assessments, and the first matches with their reasons."""
    results = [r for r in (assess_pages.take_result(c, k) for k in assess_pages.ONBOARDING)
               if r]
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
