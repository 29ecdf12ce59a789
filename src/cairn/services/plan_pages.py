"""The Plan page's reads and moves: a week of the plan with busy times, rest days and
budgets (planned against logged hours), the report of the plan shown, and moving one
session by hand (fixed at its new time, the rest re-planned around it).

View models here are what the web's Plan page renders and what ``/api/v1/plan/...``
returns; their session and busy fields are those of ``cairn plan show --json`` and
``cairn calendar show --json``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cairn.core.errors import Conflict, InvalidInput, NotFound, NotReady
from cairn.core.model import GoalStatus, TaskStatus
from cairn.core.planning.model import (
    AreaWeek,
    BoundaryKind,
    EmptyFloor,
    Overflow,
    Session,
    Shortfall,
    TradeOff,
)
from cairn.services.planning import ACCEPTED, DRAFT, MAX_WEEKS
from cairn.services.planning_views import SessionView
from cairn.store import planning as store
from cairn.store import track as track_store

if TYPE_CHECKING:
    from cairn.core.planning.grid import Grid
    from cairn.services.app import Cairn


@dataclass(frozen=True, slots=True)
class BusyView:
    """An imported busy time (see ``cairn calendar show --json``): calendar, summary,
    start, end (local), all_day."""

    calendar: str
    summary: str
    start: dt.datetime
    end: dt.datetime
    all_day: bool


@dataclass(frozen=True, slots=True)
class BudgetView:
    """An area's weekly budget (``cairn budget list --json``): area, floor_hours, cap_hours,
    overflow."""

    area: str
    floor_hours: float
    cap_hours: float | None
    overflow: Overflow


@dataclass(frozen=True, slots=True)
class AreaView:
    """A life area (``cairn area list --json``): id, key, name, archived."""

    id: int
    key: str
    name: str
    archived: bool


@dataclass(frozen=True, slots=True)
class BudgetWeek:
    """One area in one week: its budget (floor, cap; none: no budget) against the hours
    the plan shown gives it and the hours logged."""

    area: str
    floor_hours: float | None
    cap_hours: float | None
    planned_hours: float
    logged_hours: float

    @property
    def state(self) -> str:
        """'over cap', 'under floor' (as planned) or ''."""
        if self.cap_hours is not None and self.planned_hours > self.cap_hours:
            return "over cap"
        if self.floor_hours is not None and self.planned_hours < self.floor_hours:
            return "under floor"
        return ""


@dataclass(frozen=True, slots=True)
class PlanWeek:
    """One week (Monday ``start`` to Sunday ``end``) of the plan shown: the draft waiting
    to be accepted when there is one (``plan`` 'draft'), else the accepted plan
    ('accepted'; 'none' without either). Sessions and busy times in local time."""

    timezone: str
    start: dt.date
    end: dt.date
    today: dt.date
    plan: str
    sessions: tuple[SessionView, ...]
    busy: tuple[BusyView, ...]
    rest_days: tuple[dt.date, ...]
    budgets: tuple[BudgetWeek, ...]


@dataclass(frozen=True, slots=True)
class PlanReport:
    """What the plan shown leaves out, from now on (as ``cairn plan`` reports it): work
    that misses, ranked trade-offs, work that goes on later, floors nothing could fill.
    ``ready`` is False (and ``reason`` says why) when there is nothing to plan in."""

    plan: str
    ready: bool
    reason: str
    shortfalls: tuple[Shortfall, ...] = ()
    trade_offs: tuple[TradeOff, ...] = ()
    later: tuple[Shortfall, ...] = ()
    empty_floors: tuple[EmptyFloor, ...] = ()
    areas: tuple[AreaWeek, ...] = ()

    @property
    def missing_hours(self) -> float:
        """Task hours that miss their deadline."""
        return round(sum(s.missing_hours for s in self.shortfalls if s.kind == "task"), 4)


def monday(day: dt.date) -> dt.date:
    """The Monday of ``day``'s week."""
    return day - dt.timedelta(days=day.weekday())


def _shown(c: Cairn) -> tuple[str, list[Session]]:
    """The plan the page shows: the draft if one waits, else the accepted plan (local)."""
    zone = c.planning.zone()
    with c.scope.read() as s:
        draft = store.list_sessions(s, DRAFT)
        if draft:
            return DRAFT, [_local(x, zone) for x in draft]
    accepted = c.planning.accepted()
    return (ACCEPTED if accepted else "none"), accepted


def _local(x: Session, zone: dt.tzinfo) -> Session:
    def local(when: dt.datetime) -> dt.datetime:
        return when.replace(tzinfo=dt.UTC).astimezone(zone).replace(tzinfo=None)

    return dataclasses.replace(x, start=local(x.start), end=local(x.end))


def plan_week(c: Cairn, start: dt.date | None = None) -> PlanWeek:
    """The week from the Monday of ``start`` (default: this week), read in one transaction."""
    with c.scope.read() as s:
        today = c.scope.today()
        first = monday(start or today)
        last = first + dt.timedelta(days=6)
        kind, sessions = _shown(c)
        inside = tuple(SessionView.of(x) for x in sessions
                       if first <= x.start.date() <= last)
        busy = tuple(BusyView(row.calendar, local.summary, local.start, local.end, row.all_day)
                     for row, local in c.planning.busy(first, last))
        rests = [(r.first, r.last) for r in c.planning.rules.rest_periods()]
        rests += [(r.start, r.end or last) for r in track_store.list_rests(s)]
        budgets = {b.area: b for b in c.planning.rules.budgets()}
        areas = c.profile.areas(include_archived=True)
        logged = track_store.minutes_by_area(s, first, last)
    rest_days = tuple(d for d in (first + dt.timedelta(days=i) for i in range(7))
                      if any(a <= d <= b for a, b in rests))
    planned: dict[str, float] = {}
    for x in inside:
        planned[x.area] = planned.get(x.area, 0.0) + x.hours
    rows = []
    for a in areas:
        b = budgets.get(a.key)
        hours = round(planned.get(a.key, 0.0), 4)
        done = round(logged.get(a.id, 0) / 60, 4)
        if b is None and not hours and not done:
            continue
        rows.append(BudgetWeek(a.key, None if b is None else b.floor,
                               None if b is None else b.cap, hours, done))
    return PlanWeek(c.planning.zone().key, first, last, today, kind, inside, busy, rest_days,
                    tuple(rows))


def plan_report(c: Cairn) -> PlanReport:
    """The report of the plan shown, from now on: the core's shortfalls, trade-offs (each
    checked by re-planning), work going on later and empty floors of the stored sessions."""
    from cairn.core.planning.grid import Grid
    from cairn.core.planning.overcommit import area_weeks, empty_floors, later, shortfalls
    from cairn.core.planning.tradeoffs import trade_offs

    kind, sessions = _shown(c)
    if kind == "none":
        return PlanReport(kind, ready=False, reason="There is no plan yet.")
    try:
        problem = c.planning.problem(_weeks_for(c, sessions))
    except NotReady as err:
        return PlanReport(kind, ready=False, reason=err.message)
    grid = Grid(problem)
    placement = _placement(grid, sessions)
    missing = shortfalls(grid, placement)
    return PlanReport(kind, ready=True, reason="", shortfalls=tuple(missing),
                      trade_offs=tuple(trade_offs(problem, missing, placement)) if missing
                      else (),
                      later=tuple(later(grid, placement)),
                      empty_floors=tuple(empty_floors(grid, placement)),
                      areas=tuple(area_weeks(grid, placement)))


def _placement(grid: Grid, sessions: list[Session]) -> dict[str, tuple[int, int]]:
    """Sessions from the grid's start on as the core's placement (key -> start, length)."""
    start, end = grid.problem.start, grid.time(grid.size)
    return {x.key: (grid.slot(x.start), grid.slot(x.end) - grid.slot(x.start))
            for x in sessions if x.start >= start and x.end <= end}


def _weeks_for(c: Cairn, sessions: list[Session], *also: dt.datetime) -> int:
    """Weeks from this week's Monday to the last of ``sessions`` (and ``also``)."""
    first = monday(c.scope.today())
    ends = [x.end for x in sessions] + list(also)
    last = max(ends).date() if ends else first
    return max(1, min(MAX_WEEKS, (last - first).days // 7 + 1))


def move_session(c: Cairn, key: str, start: dt.datetime) -> tuple[SessionView, ...]:
    """Move a session of the accepted plan to ``start`` (local time, same length): it is
    fixed there, sessions it would overlap are taken out and everything not yet placed is
    re-planned around it (the greedy planner, which keeps the other accepted sessions).
    The new plan is the accepted one; a draft made before is dropped (it no longer
    follows from the accepted plan). Returns the accepted plan."""
    from cairn.core.planning.grid import Grid
    from cairn.core.planning.overcommit import missing_by_week
    from cairn.core.planning.planner import make_plan

    with c.scope.write() as s:
        accepted = c.planning.accepted()
        moving = next((x for x in accepted if x.key == key), None)
        if moving is None:
            raise NotFound(f"There is no session {key!r} in your accepted plan.",
                           "Accept a plan first, then move its sessions.")
        horizon = monday(c.scope.today()) + dt.timedelta(weeks=MAX_WEEKS)
        if start.date() < c.scope.today():
            raise InvalidInput(f"{start:%a %d %b %Y} has passed.",
                               "Move the session to a time still ahead.", field="start")
        if start.date() >= horizon:
            raise InvalidInput(f"{start:%d %b %Y} is not in the {MAX_WEEKS} weeks Cairn plans.",
                               "Move it to a day from today on, within a year.", field="start")
        fixed = dataclasses.replace(moving, start=start, end=start + (moving.end - moving.start))
        weeks = _weeks_for(c, accepted, fixed.end)
        problem = c.planning.problem(weeks)
        _check_time(fixed, problem.start, problem.settings.slot_minutes, weeks)
        if moving.start < problem.start:
            raise InvalidInput(f"'{moving.title}' has already begun ({moving.start:%a %H:%M}).",
                               "Move a session that is still ahead.", field="start")
        others = tuple(x for x in problem.accepted
                       if x.key != key and (x.end <= fixed.start or x.start >= fixed.end))
        plan = make_plan(dataclasses.replace(problem, accepted=(fixed, *others)),
                         use_solver=False, explain=False)
        if not any(x.kind is fixed.kind and x.ref_id == fixed.ref_id and x.start == fixed.start
                   and x.end == fixed.end for x in plan.sessions):
            raise InvalidInput(
                f"'{fixed.title}' cannot go at {fixed.start:%a %d %b %H:%M}-{fixed.end:%H:%M}: "
                f"that time is not free for {fixed.area} work.",
                "Choose a time inside your free time, away from busy times, rest days, "
                "your boundaries and the area's cap.", field="start")
        past = [x for x in accepted if x.start < problem.start]
        zone = c.planning.zone()

        def utc(when: dt.datetime) -> dt.datetime:
            return when.replace(tzinfo=zone).astimezone(dt.UTC).replace(tzinfo=None)

        store.replace_sessions(s, ACCEPTED, [
            dataclasses.replace(x, start=utc(x.start), end=utc(x.end))
            for x in (*past, *plan.sessions)])
        store.replace_weeks(s, ACCEPTED, missing_by_week(plan.shortfalls,
                                                         Grid(problem).monday, weeks))
        store.replace_sessions(s, DRAFT, [])
        store.replace_weeks(s, DRAFT, {})
    return tuple(SessionView.of(x) for x in c.planning.accepted())


def _check_time(fixed: Session, now: dt.datetime, slot: int, weeks: int) -> None:
    if fixed.start < now:
        raise InvalidInput(f"{fixed.start:%a %d %b %H:%M} has passed.",
                           "Move the session to a time still ahead.", field="start")
    if fixed.start.minute % slot or fixed.start.second or fixed.start.microsecond:
        raise InvalidInput(f"{fixed.start:%H:%M} is not on the {slot}-minute grid.",
                           f"Start on a whole multiple of {slot} minutes.", field="start")
    if fixed.end.date() >= monday(now.date()) + dt.timedelta(weeks=weeks):
        raise InvalidInput(f"{fixed.start:%d %b %Y} is beyond the {MAX_WEEKS} weeks Cairn plans.",
                           "Move it to a time within a year.", field="start")


def budgets(c: Cairn) -> tuple[BudgetView, ...]:
    """Every area budget, as ``cairn budget list --json``."""
    return tuple(BudgetView(b.area, b.floor, b.cap, b.overflow)
                 for b in c.planning.rules.budgets())


def areas(c: Cairn, *, include_archived: bool = False) -> tuple[AreaView, ...]:
    """The life areas, as ``cairn area list --json``."""
    return tuple(AreaView(a.id, a.key, a.name, a.archived)
                 for a in c.profile.areas(include_archived=include_archived))


def accept(c: Cairn) -> tuple[SessionView, ...]:
    """Accept the draft; returns the accepted plan."""
    with c.scope.write():
        c.planning.accept()
        return tuple(SessionView.of(x) for x in c.planning.accepted())


def apply_trade_off(c: Cairn, index: int, description: str) -> TradeOff:
    """Apply the trade-off numbered ``index`` (from 0) of the report of the plan shown, as
    the report offers it now (``description`` must still match: the plan or the data may
    have changed since it was shown), then plan the same weeks again (a draft to accept).
    Moving a deadline sets the task's own deadline; a cut task keeps the hours that fit
    (dropped when none do); a paused goal keeps the trade-off as its reason."""
    kind, sessions = _shown(c)
    report = plan_report(c)
    if not 0 <= index < len(report.trade_offs) or (
            report.trade_offs[index].description != description):
        raise Conflict("This trade-off is no longer on offer: the plan or your data changed.",
                       "Look at the trade-offs on the Plan page again.")
    t = report.trade_offs[index]
    ref = t.target.split(" ", 1)[1]
    rules = c.planning.rules
    with c.scope.write():
        if t.kind == "move-deadline":
            c.tasks.edit(int(ref), due=dt.date.fromisoformat(t.value))
        elif t.kind == "raise-budget":
            budget = next(b for b in rules.budgets() if b.area == ref)
            rules.set_budget(ref, budget.floor, float(t.value), budget.overflow.value)
        elif t.kind == "raise-boundary":
            boundary = next(b for b in rules.boundaries() if b.id == int(ref))
            rules.remove_boundary(boundary.id)
            rules.add_boundary(BoundaryKind.MAX_HOURS, boundary.area, hours=float(t.value))
        elif t.kind == "pause-goal":
            c.goals.set_status(int(ref), GoalStatus.PAUSED, reason=t.description)
        elif t.kind == "reduce-scope" and t.value:
            c.tasks.edit(int(ref), estimate_hours=float(t.value))
        elif t.kind == "reduce-scope":
            c.tasks.set_status(int(ref), TaskStatus.DROPPED)
        else:
            raise Conflict(f"Cairn cannot apply a {t.kind!r} trade-off.", "Make the change "
                           "by hand.")
    if kind != "none":
        c.planning.plan(_weeks_for(c, sessions))
    return t
