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
from cairn.core.errors import CairnError, InvalidInput, NotReady
from cairn.services import assess_pages, explore_pages
from cairn.services.assess import PASSIONS
from cairn.web.deps import Person
from cairn.web.forms import Form, Posted, number
from cairn.web.templating import render

router = APIRouter(include_in_schema=False)
NEXT = {"interests": "/onboarding/assess/values", "values": "/onboarding/matches"}
MAX_PASSIONS = 50  # passion rows read from the form
FIRST_MATCHES = 5


def _step(request: Request, c: Person, key: str, form: Form, status_code: int = 200,
          *, again: bool = False) -> Response:
    if key == PASSIONS:
        return RedirectResponse("/assess/passions", status_code=303)
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


PASSION_ROWS = 3  # empty rows for new passions below the ones kept


def _passions(request: Request, c: Person, form: Form | None = None,
              status_code: int = 200) -> Response:
    saved = assess_pages.passions_form(c)
    kept = saved.constraints
    rows = len(kept.passions) + PASSION_ROWS
    if form is None:
        values = {"min_income": kept.min_income, "max_hours": kept.max_hours,
                  "max_job_zone": kept.max_job_zone,
                  "current_occupation": kept.current_occupation}
        fields = {k: "" if v is None else f"{v:g}" if isinstance(v, float) else str(v)
                  for k, v in values.items()}
        for n, passion in enumerate(kept.passions, 1):
            fields |= {f"passion_{n}_name": passion.name,
                       f"passion_{n}_hours": f"{passion.hours:g}",
                       f"passion_{n}_income": "1" if passion.income else ""}
        form = Form(fields)
    else:
        rows = max(rows, sum(1 for k in form.values if k.endswith("_name")))
    return render(request, "assess_passions.html",
                  {"title": "Passions and constraints", "form": form, "rows": rows,
                   "saved_at": saved.saved_at}, status_code=status_code)


@router.get("/assess/passions")
def passions(request: Request, c: Person) -> Response:
    """Your passions and hobbies, and your limits: income, hours, preparation, current job
    (as last saved, to change)."""
    return _passions(request, c)


@router.post("/assess/passions")
def save_passions(request: Request, c: Person, fields: Posted) -> Response:
    """Keep the form as a new take (every problem shown at once; nothing kept unless all
    is right)."""
    form = Form(fields)

    def optional(name: str, what: str) -> float | None:
        return form.parse(name, number(what)) if form.text(name).strip() else None

    doc: dict[str, object] = {
        "min_income": optional("min_income", "income"),
        "max_hours": optional("max_hours", "hours"),
        "max_job_zone": optional("max_job_zone", "job zone"),
        "current_occupation": form.text("current_occupation").strip() or None}
    wanted = []
    for n in range(1, MAX_PASSIONS + 1):
        name = form.text(f"passion_{n}_name").strip()
        hours = optional(f"passion_{n}_hours", "hours")
        if name or hours is not None:
            wanted.append({"name": name, "hours": hours or 0.0,
                           "income": bool(form.text(f"passion_{n}_income"))})
    doc["passions"] = wanted
    if isinstance(doc["max_job_zone"], float) and doc["max_job_zone"].is_integer():
        doc["max_job_zone"] = int(doc["max_job_zone"])
    if form.ok:
        try:
            c.assess.save_constraints(doc)
        except CairnError as err:
            form.fail(err)
        else:
            return RedirectResponse("/assess", status_code=303)
    return _passions(request, c, form, status_code=422)


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
