"""Settings: life areas, availability windows, boundaries, budgets, the time zone and
task session lengths: what ``cairn area``, ``availability``, ``boundary`` and ``budget`` do.

One page, one form per change. A form that fails shows the page again (422) with that
form's values as typed and its errors beside its fields; the other forms start empty.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, TypeVar

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import RedirectResponse, Response

from cairn.core.errors import CairnError, InvalidInput
from cairn.core.parse import parse_choice, parse_clock, parse_days, parse_span
from cairn.core.planning.model import BoundaryKind, Overflow, WindowKind
from cairn.core.rules import check_title
from cairn.services.app import Cairn
from cairn.services.planning_views import describe_boundary
from cairn.web.deps import Person
from cairn.web.forms import Form, Posted, number
from cairn.web.templating import render

router = APIRouter(include_in_schema=False)
Id = Annotated[int, Path(ge=1, le=2**31 - 1)]
T = TypeVar("T")


def _back(anchor: str) -> Response:
    return RedirectResponse(f"/settings#{anchor}", status_code=303)


def _show(request: Request, c: Cairn, failed: dict[str, Form] | None = None,
          status_code: int = 200) -> Response:
    rules = c.planning.rules
    settings = rules.settings()
    forms = {"zone": Form({"timezone": c.planning.zone().key,
                           "session_min": str(settings.session_min),
                           "session_max": str(settings.session_max)}),
             "area": Form({}), "window": Form({"kind": "free"}),
             "boundary": Form({"boundary_kind": "cutoff"}),
             "budget": Form({"overflow": "defer"}), **(failed or {})}
    return render(request, "settings.html", {
        "title": "Settings", "fs": forms,
        "areas": c.profile.areas(include_archived=True),
        "windows": rules.windows(),
        "boundaries": [(b, describe_boundary(b)) for b in rules.boundaries()],
        "budgets": rules.budgets()}, status_code=status_code)


def _apply(request: Request, c: Cairn, name: str, form: Form, change: Callable[[], object],
           anchor: str) -> Response:
    """Run ``change`` when every field parsed; else (or when it fails) show the form again."""
    if form.ok:
        try:
            change()
        except CairnError as err:
            form.fail(err)
        else:
            return _back(anchor)
    return _show(request, c, {name: form}, status_code=422)


@router.get("/settings")
def settings(request: Request, c: Person,
             days: Annotated[str, Query(max_length=60)] = "",
             span: Annotated[str, Query(max_length=20)] = "") -> Response:
    """Every setting, each with its form (a link may fill in the free-time form: the
    ``availability.add`` action's ``days`` and ``span``)."""
    window = {"kind": "free", "days": days, "span": span} if days or span else None
    return _show(request, c, {"window": Form(window)} if window else None)


def whole_minutes(what: str) -> Callable[[str], int]:
    """A parser of whole minutes."""

    def read(text: str) -> int:
        value = number(what)(text)
        if value != int(value) or not 0 < value <= 24 * 60:
            raise InvalidInput(f"{text!r} is not a number of minutes in a day.",
                               f"Give the {what} in whole minutes, such as 60.")
        return int(value)

    return read


@router.post("/settings/zone")
def save_zone(request: Request, c: Person, fields: Posted) -> Response:
    """The time zone and the shortest and longest task session."""
    form = Form(fields)
    zone = form.parse("timezone", lambda t: check_title(t, "time zone"))
    low = form.parse("session_min", whole_minutes("shortest session"))
    high = form.parse("session_max", whole_minutes("longest session"))
    return _apply(request, c, "zone", form, lambda: c.planning.rules.configure(
        timezone=zone, session_min=low, session_max=high), "zone-title")


# -- areas -------------------------------------------------------------------------------


@router.post("/settings/areas")
def add_area(request: Request, c: Person, fields: Posted) -> Response:
    """Add a life area."""
    form = Form(fields)
    name = form.parse("area_name", lambda t: check_title(t, "area name"))
    return _apply(request, c, "area", form, lambda: c.profile.add_area(name or ""),
                  "areas-title")


@router.post("/settings/areas/{area_id}/rename")
def rename_area(request: Request, c: Person, area_id: Id, fields: Posted) -> Response:
    """Rename a life area (its key stays)."""
    form = Form(fields)
    name = form.parse("new_name", lambda t: check_title(t, "area name"))
    if not form.ok:  # the field is one of many on the page: say it above the areas' form
        form.problem = next(iter(form.errors.values()))
    return _apply(request, c, "area", form,
                  lambda: c.profile.rename_area(str(area_id), name or ""), "areas-title")


@router.post("/settings/areas/{area_id}/archive")
def archive_area(c: Person, area_id: Id) -> Response:
    """Archive a life area (its goals and history kept)."""
    c.profile.set_archived(str(area_id), archived=True)
    return _back("areas-title")


@router.post("/settings/areas/{area_id}/restore")
def restore_area(c: Person, area_id: Id) -> Response:
    """Bring back an archived life area."""
    c.profile.set_archived(str(area_id), archived=False)
    return _back("areas-title")


# -- availability ------------------------------------------------------------------------


@router.post("/settings/availability")
def add_window(request: Request, c: Person, fields: Posted) -> Response:
    """Add weekly windows of free time (or working hours)."""
    form = Form(fields)
    days = form.parse("days", lambda t: (parse_days(t), t)[1])
    span = form.parse("span", lambda t: (parse_span(t), t)[1])
    kind = form.parse("kind", lambda t: parse_choice(WindowKind, t, "kind of window"))
    return _apply(request, c, "window", form, lambda: c.planning.rules.add_windows(
        days or "", span or "", kind or WindowKind.FREE), "availability-title")


@router.post("/settings/availability/{window_id}/remove")
def remove_window(c: Person, window_id: Id) -> Response:
    """Remove a weekly window."""
    c.planning.rules.remove_window(window_id)
    return _back("availability-title")


# -- boundaries --------------------------------------------------------------------------


def _optional(read: Callable[[str], T]) -> Callable[[str], T | None]:
    return lambda text: read(text) if text.strip() else None


def read_area(text: str) -> str:
    """The area chosen (the service resolves it)."""
    if not text.strip():
        raise InvalidInput("Choose a life area.", "Pick one from the list.")
    return text


@router.post("/settings/boundaries")
def add_boundary(request: Request, c: Person, fields: Posted) -> Response:
    """Add a boundary: a cutoff time, a reserved day, or at most so many hours a week."""
    form = Form(fields)
    kind = form.parse("boundary_kind", lambda t: parse_choice(BoundaryKind, t, "boundary"))
    area = form.parse("boundary_area", read_area)
    extra: dict[str, object] = {}
    days: list[int] = []
    if kind is BoundaryKind.CUTOFF:
        after = form.parse("after", _optional(parse_clock))
        before = form.parse("before", _optional(parse_clock))
        if form.ok and after is None and before is None:
            form.error("after", InvalidInput("Give a time: no work after it (or before).",
                                             "For example 19:00."))
        extra = {"after": after, "before": before}
    elif kind is BoundaryKind.RESERVE:
        days = form.parse("day", parse_days) or []
        span = form.parse("day_span", _optional(parse_span)) or (0, 1440)
        extra = {"start": span[0], "end": span[1]}
    elif kind is BoundaryKind.MAX_HOURS:
        extra = {"hours": form.parse("hours", number("hours a week"))}

    def change() -> None:
        with c.scope.write():  # one boundary per reserved day, all or none
            for each in [{**extra, "weekday": d} for d in days] or [extra]:
                c.planning.rules.add_boundary(kind or BoundaryKind.CUTOFF, area or "", **each)

    return _apply(request, c, "boundary", form, change, "boundaries-title")


@router.post("/settings/boundaries/{boundary_id}/remove")
def remove_boundary(c: Person, boundary_id: Id) -> Response:
    """Remove a boundary."""
    c.planning.rules.remove_boundary(boundary_id)
    return _back("boundaries-title")


# -- budgets -----------------------------------------------------------------------------


@router.post("/settings/budgets")
def set_budget(request: Request, c: Person, fields: Posted) -> Response:
    """Set an area's weekly floor and cap, and what happens to work over the cap."""
    form = Form(fields)
    area = form.parse("budget_area", read_area)
    floor = form.parse("floor", _optional(number("floor"))) or 0.0
    cap = form.parse("cap", _optional(number("cap")))
    overflow = form.parse("overflow", lambda t: parse_choice(Overflow, t, "overflow rule"))
    return _apply(request, c, "budget", form, lambda: c.planning.rules.set_budget(
        area or "", floor, cap, (overflow or Overflow.DEFER).value), "budgets-title")


@router.post("/settings/budgets/{area}/remove")
def remove_budget(c: Person, area: Annotated[str, Path(max_length=200)]) -> Response:
    """Remove an area's budget."""
    c.planning.rules.remove_budget(area)
    return _back("budgets-title")
