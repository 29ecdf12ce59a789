"""Check-in: the weekly check-in (the check-in instrument's items), logging time, adding a
win, and rest mode when the services offer it; what was recorded lately, listed.

Each form posts on its own address and redirects back here (303) with what was saved; a
form with bad input is shown again (422) with its values as typed and the other forms
empty.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from cairn.core.errors import CairnError, InvalidInput, NotFound
from cairn.core.parse import parse_optional_date
from cairn.core.rules import check_text
from cairn.core.tracking import format_minutes, parse_duration
from cairn.services.app import Cairn
from cairn.services.track_pages import checkin_page
from cairn.services.tracking import checkin_instrument
from cairn.web.deps import Person
from cairn.web.forms import Form, Posted, number
from cairn.web.pages.today import has_profile
from cairn.web.templating import render

router = APIRouter(include_in_schema=False)

FORMS = ("checkin", "log", "win")
SAVED = {"checkin": "Check-in saved.", "log": "Time logged.", "win": "Win noted.",
         "rest": "Rest mode is on: plans pause, streaks keep."}
REST_REASON = "offered at check-in"
PREFILLED = ("duration", "area", "what")


def whole(what: str) -> Callable[[str], int]:
    """A parser of a whole number (the service checks its scale)."""

    def read(text: str) -> int:
        try:
            return int(text.strip())
        except ValueError:
            raise InvalidInput(f"Cannot read {text!r} as a whole number.",
                               f"Give {what} from 0 to 10.") from None

    return read


def habit_id(text: str) -> int | None:
    """The habit chosen (its id), or None."""
    if not text.strip():
        return None
    if not text.strip().isdecimal() or len(text.strip()) > 9:
        raise InvalidInput(f"There is no habit {text!r}.", "Choose one of your habits.")
    return int(text)


def win_text(text: str) -> str:
    """What went well: some words of plain text."""
    if not check_text(text, "win").strip():
        raise InvalidInput("The win is empty.", "Say what went well, in a few words.")
    return text


def optional(read: Callable[[str], float]) -> Callable[[str], float | None]:
    """``read``, or None for an empty field."""
    return lambda text: read(text) if text.strip() else None


def _show(request: Request, c: Cairn, forms: dict[str, Form] | None = None,
          saved: str | None = None, status_code: int = 200) -> Response:
    shown = {name: Form() for name in FORMS} | (forms or {})
    return render(request, "checkin.html",
                  {"title": "Check-in", "page": checkin_page(c), "page_forms": shown,
                   "items": {i.id: i for i in checkin_instrument().items},
                   "saved": SAVED.get(saved or ""), "minutes": format_minutes},
                  status_code=status_code)


def _saved(what: str) -> RedirectResponse:
    return RedirectResponse(f"/checkin?saved={what}#{what}", status_code=303)


@router.get("/checkin")
def checkin(request: Request, c: Person, saved: str | None = None) -> Response:
    """The check-in page; a link may fill in the time log's form (``?duration=1h&area=...``,
    as the ``log`` action's parameters)."""
    if not has_profile(c):
        return RedirectResponse("/onboarding", status_code=303)
    given = {name: request.query_params[name] for name in PREFILLED
             if name in request.query_params}
    return _show(request, c, {"log": Form(given)} if given else None, saved=saved)


def _run(form: Form, use_case: Callable[[], object]) -> bool:
    """Run the use case when every field parsed; a service's error lands on the form."""
    if not form.ok:
        return False
    try:
        use_case()
    except (InvalidInput, NotFound) as err:
        form.fail(err)
        return False
    return True


@router.post("/checkin")
def take_checkin(request: Request, c: Person, fields: Posted) -> Response:
    """Record a check-in: energy and stress (0-10), satisfaction per area (optional),
    hours worked and a note."""
    form = Form(fields)
    energy = form.parse("energy", whole("your energy"))
    stress = form.parse("stress", whole("your stress"))
    ratings: dict[str, int] = {}
    for area in c.profile.areas():
        if form.text(f"sat-{area.key}").strip():
            rating = form.parse(f"sat-{area.key}", whole(f"satisfaction with {area.name}"))
            if rating is not None:
                ratings[area.key] = rating
    hours = form.parse("hours", optional(number("hours worked")))
    note = form.parse("note", lambda text: check_text(text, "note"))
    if energy is not None and stress is not None and note is not None and _run(
            form, lambda: c.track.record.checkin(energy, stress, hours_worked=hours,
                                                 satisfaction=ratings, note=note)):
        return _saved("checkin")
    return _show(request, c, {"checkin": form}, status_code=422)


@router.post("/checkin/log")
def log_time(request: Request, c: Person, fields: Posted) -> Response:
    """Log time: how long, the area (or the habit's), what it was, a habit, a day."""
    form = Form(fields)
    minutes = form.parse("duration", parse_duration)
    habit = form.parse("habit", habit_id)
    area = form.text("area").strip() or None
    what = form.parse("what", lambda text: check_text(text, "note"))
    day = form.parse("log_on", lambda text: parse_optional_date(text, c.scope.today()))
    if area is None and habit is None and form.ok:
        form.error("area", InvalidInput("Which life area was the time for?",
                                        "Choose the area, or the habit it was a session of."))
    if minutes is not None and what is not None and _run(
            form, lambda: c.track.record.log(minutes, area, on=day, note=what,
                                             habit_id=habit)):
        return _saved("log")
    return _show(request, c, {"log": form}, status_code=422)


@router.post("/checkin/win")
def add_win(request: Request, c: Person, fields: Posted) -> Response:
    """Add a win to the journal."""
    form = Form(fields)
    day = form.parse("win_on", lambda text: parse_optional_date(text, c.scope.today()))
    text = form.parse("win", win_text)
    if text is not None and _run(form, lambda: c.track.record.add_win(text, day)):
        return _saved("win")
    return _show(request, c, {"win": form}, status_code=422)


@router.post("/checkin/rest")
def start_rest(request: Request, c: Person) -> Response:
    """Turn rest mode on, as the check-in offers when burnout risk is high."""
    try:
        c.track.record.start_rest(REST_REASON)
    except CairnError as err:
        form = Form()
        form.fail(err)
        return _show(request, c, {"checkin": form}, status_code=409)
    return _saved("rest")
