"""Plan: the week as a calendar (FullCalendar, enhanced by ``static/js/plan.js``) and as a
table; make a plan, accept it, move a session; budgets against planned and logged hours;
the overcommitment report; calendar import and export.

Every form posts plain HTML. Moving a session is a form (session and new start) and, with
JavaScript, a drag on the calendar that posts to ``/api/v1/plan/move``.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import RedirectResponse, Response

from cairn.core.errors import CairnError, InvalidInput
from cairn.core.parse import parse_date
from cairn.services import calendar_feed
from cairn.services.app import Cairn
from cairn.services.plan_pages import (
    PlanWeek,
    apply_trade_off,
    move_session,
    plan_report,
    plan_week,
)
from cairn.web.deps import Person
from cairn.web.forms import Form, Posted
from cairn.web.templating import render

router = APIRouter(include_in_schema=False)
MAX_ICS = 5 * 1024 * 1024  # bytes: larger is not a calendar export a person uploads
WEEKS = (1, 2, 3, 4, 6, 8)


def read_start(text: str) -> dt.datetime:
    """A new start as the form posts it: 'YYYY-MM-DDTHH:MM' (or with a space)."""
    try:
        when = dt.datetime.fromisoformat(text.strip().replace(" ", "T"))
    except ValueError:
        raise InvalidInput(f"Cannot read {text!r} as a day and time.",
                           "Give it as 2026-12-01T18:30.") from None
    if when.tzinfo is not None:
        raise InvalidInput("Give the time without a time zone.",
                           "Times are in your own time zone, e.g. 2026-12-01T18:30.")
    return when


def read_key(text: str) -> str:
    """The session chosen."""
    if not text.strip():
        raise InvalidInput("Choose the session to move.", "Pick one from the list.")
    return text.strip()


def read_week(c: Cairn, text: str | None) -> dt.date | None:
    """The week asked for (any day of it), or None for this week."""
    if not text:
        return None
    return parse_date(text, c.scope.today())


Row = tuple[dt.datetime, dt.datetime, str, str, str, bool]


def week_rows(page: PlanWeek) -> list[Row]:
    """The week's sessions, busy times and rest days as the table's rows, in time order:
    (start, end, area, what, kind, all day)."""
    rows: list[Row] = [(s.start, s.end, s.area, s.title + (" (habit)" if s.kind.value == "habit"
                                                           else ""), "session", False)
                       for s in page.sessions]
    rows += [(b.start, b.end, "busy", f"{b.summary or 'Busy'} ({b.calendar})", "busy", b.all_day)
             for b in page.busy]
    rows += [(dt.datetime.combine(d, dt.time()), dt.datetime.combine(d, dt.time()), "rest",
              "Rest day: nothing is planned", "rest", True) for d in page.rest_days]
    return sorted(rows, key=lambda r: (r[0], not r[5]))


def _show(request: Request, c: Cairn, week: dt.date | None, *, move: Form | None = None,
          imported: Any = None, status_code: int = 200) -> Response:
    page = plan_week(c, week)
    report = plan_report(c)
    token = calendar_feed.token(c)
    feed = None if token is None else f"{request.url.netloc}/plan/feed/{token}.ics"
    return render(request, "plan.html", {
        "title": "Plan", "page": page, "rows": week_rows(page), "report": report,
        "calendars": c.planning.calendars(), "feed": feed,
        "move": move or Form({}), "imported": imported, "weeks": WEEKS,
        "previous": page.start - dt.timedelta(weeks=1),
        "next": page.start + dt.timedelta(weeks=1)}, status_code=status_code)


@router.get("/plan")
def plan(request: Request, c: Person,
         week: Annotated[str | None, Query(max_length=40)] = None) -> Response:
    """The week of the plan shown (``week``: any day of it; default this week)."""
    return _show(request, c, read_week(c, week))


@router.post("/plan/new")
def make_plan(c: Person, fields: Posted) -> Response:
    """Plan the coming weeks (a draft to accept); greedy is the fast planner alone."""
    c.planning.plan(read_weeks(fields.get("weeks", "2")), seconds=2.0,
                    use_solver=fields.get("greedy") != "1")
    return RedirectResponse("/plan", status_code=303)


def read_weeks(text: str) -> int:
    """How many weeks to plan: one of the choices the form offers."""
    if text.strip() not in {str(w) for w in WEEKS}:
        raise InvalidInput(f"{text[:20]!r} is not a number of weeks Cairn offers here.",
                           f"Choose one of {', '.join(map(str, WEEKS))}.")
    return int(text)


@router.post("/plan/accept")
def accept(c: Person) -> Response:
    """Make the draft the current plan."""
    c.planning.accept()
    return RedirectResponse("/plan", status_code=303)


@router.post("/plan/trade-offs")
def trade_off(c: Person, fields: Posted) -> Response:
    """Apply one trade-off of the report, then plan again (a new plan to accept)."""
    text = fields.get("index", "")
    if not text.isdigit() or len(text) > 4:
        raise InvalidInput(f"{text[:20]!r} is not a trade-off's number.",
                           "Choose a trade-off on the Plan page.")
    apply_trade_off(c, int(text), fields.get("description", ""))
    return RedirectResponse("/plan#make-title", status_code=303)


@router.post("/plan/move")
def move(request: Request, c: Person, fields: Posted) -> Response:
    """Move a session of the accepted plan; the rest is re-planned around it."""
    form = Form(fields)
    key = form.parse("key", read_key)
    start = form.parse("start", read_start)
    if form.ok and key is not None and start is not None:
        try:
            move_session(c, key, start)
        except CairnError as err:
            form.fail(err)
        else:
            return RedirectResponse(f"/plan?week={start.date().isoformat()}", status_code=303)
    week = start.date() if start is not None and "start" not in form.errors else None
    return _show(request, c, week, move=form, status_code=422)


@router.post("/plan/calendars")
async def import_calendar(request: Request, c: Person) -> Response:
    """Import an uploaded .ics file as busy times; shows what was read and left out."""
    data = await request.form()
    upload, name = data.get("file"), data.get("name")
    form = Form({"name": name if isinstance(name, str) else ""})
    if isinstance(upload, str) or upload is None or not upload.filename:
        form.error("file", InvalidInput("Choose an .ics file to import.",
                                        "Export it from your calendar app first."))
        return _show(request, c, None, imported=form, status_code=422)
    content = await upload.read(MAX_ICS + 1)
    if len(content) > MAX_ICS:
        form.error("file", InvalidInput("This file is larger than 5 MB.",
                                        "Export a shorter span of your calendar."))
        return _show(request, c, None, imported=form, status_code=422)
    try:
        done = c.planning.import_calendar(content, form.text("name").strip() or None,
                                          upload.filename)
    except CairnError as err:
        form.error("file", err)
        return _show(request, c, None, imported=form, status_code=422)
    # Shown, not redirected: the list of events left out exists only now. Posting the same
    # file again replaces that calendar's busy times, so a reload changes nothing.
    return _show(request, c, None, imported=done)


@router.post("/plan/calendars/remove")
def remove_calendar(c: Person, fields: Posted) -> Response:
    """Forget an imported calendar and its busy times."""
    c.planning.remove_calendar(fields.get("name", ""))
    return RedirectResponse("/plan", status_code=303)


@router.get("/plan/calendar.ics")
def export_calendar(c: Person) -> Response:
    """The accepted plan (or the draft) and reminders as an .ics download."""
    content, _count = c.planning.calendar_bytes()
    return Response(content, media_type="text/calendar; charset=utf-8",
                    headers={"content-disposition": 'attachment; filename="cairn.ics"'})


@router.get("/plan/feed/{token}.ics")
def feed(c: Person, token: Annotated[str, Path(max_length=100)]) -> Response:
    """The calendar subscription: the accepted plan for the holder of the secret address."""
    return Response(calendar_feed.feed(c, token), media_type="text/calendar; charset=utf-8",
                    headers={"cache-control": "no-store"})


@router.post("/plan/feed/new")
def new_feed(c: Person) -> Response:
    """Make a subscription address (a new one stops the old one)."""
    calendar_feed.new_token(c)
    return RedirectResponse("/plan#subscribe-title", status_code=303)


@router.post("/plan/feed/revoke")
def revoke_feed(c: Person) -> Response:
    """Stop the subscription: its address stops working."""
    calendar_feed.revoke(c)
    return RedirectResponse("/plan#subscribe-title", status_code=303)
