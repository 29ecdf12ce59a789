"""Stable JSON shapes of planning records for ``--json`` (add fields, never rename)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TypedDict

from cairn.core.parse import clock
from cairn.core.planning.model import (
    WEEKDAYS,
    AreaWeek,
    Boundary,
    Budget,
    Busy,
    EmptyFloor,
    Habit,
    RestPeriod,
    Session,
    SessionKind,
    Shortfall,
    TradeOff,
    Window,
)
from cairn.services.planning import PlanResult
from cairn.store.busy import BusyTime
from cairn.store.planning import CalendarInfo

# -- the shapes (TypedDicts: mypy checks every key a builder writes and a caller reads) ---


class WindowJson(TypedDict):
    """:func:`window`."""

    id: int
    kind: str
    weekday: str
    start: str
    end: str


class RestJson(TypedDict):
    """:func:`rest`."""

    id: int
    first: str
    last: str
    note: str


class BoundaryJson(TypedDict):
    """:func:`boundary`."""

    id: int
    kind: str
    area: str
    after: str | None
    before: str | None
    weekday: str | None
    start: str
    end: str
    hours: float | None
    rule: str


class BudgetJson(TypedDict):
    """:func:`budget`."""

    area: str
    floor_hours: float
    cap_hours: float | None
    overflow: str


class HabitJson(TypedDict):
    """:func:`habit`."""

    id: int
    title: str
    area: str
    per_week: int
    min_minutes: int
    max_minutes: int
    prefer: str


class CalendarJson(TypedDict):
    """:func:`calendar`."""

    name: str
    source: str
    imported_at: str
    events: int


class BusyJson(TypedDict):
    """:func:`busy`."""

    calendar: str
    summary: str
    start: str
    end: str
    all_day: bool


class SessionJson(TypedDict):
    """:func:`session`."""

    key: str
    kind: str
    ref_id: int
    title: str
    area: str
    start: str
    end: str
    hours: float


class ShortfallJson(TypedDict):
    """:func:`shortfall`."""

    kind: str
    ref: str
    title: str
    area: str
    wanted_hours: float
    placed_hours: float
    missing_hours: float
    due: str | None
    goal_id: int | None
    week: int | None


class TradeOffJson(TypedDict):
    """:func:`trade_off`."""

    kind: str
    description: str
    target: str
    recovers_hours: float
    cost: float


class AreaWeekJson(TypedDict):
    """:func:`area_week`."""

    area: str
    week: int
    week_start: str
    planned_hours: float
    floor_hours: float
    cap_hours: float | None


class EmptyFloorJson(TypedDict):
    """:func:`empty_floor`."""

    area: str
    week: int
    week_start: str
    floor_hours: float
    planned_hours: float
    unfilled_hours: float


class GoalMissingJson(TypedDict):
    """A goal with tasks that did not fit (in :func:`plan`'s ``goals_missing``)."""

    goal_id: int
    missing_hours: float


class PlanJson(TypedDict):
    """:func:`plan`."""

    timezone: str
    method: str
    status: str
    objective: float | None
    bound: float | None
    seconds: float
    moved: int
    sessions: list[SessionJson]
    areas: list[AreaWeekJson]
    shortfalls: list[ShortfallJson]
    goals_missing: list[GoalMissingJson]
    missing_hours: float
    trade_offs: list[TradeOffJson]
    later: list[ShortfallJson]
    later_hours: float
    empty_floors: list[EmptyFloorJson]


def window(w: Window) -> WindowJson:
    """id, kind, weekday, start, end."""
    return {"id": w.id, "kind": w.kind.value, "weekday": WEEKDAYS[w.weekday],
            "start": clock(w.start), "end": clock(w.end)}


def rest(r: RestPeriod) -> RestJson:
    """id, first, last, note."""
    return {"id": r.id, "first": r.first.isoformat(), "last": r.last.isoformat(), "note": r.note}


def boundary(b: Boundary) -> BoundaryJson:
    """id, kind, area, after, before, weekday, start, end, hours, rule."""
    return {"id": b.id, "kind": b.kind.value, "area": b.area,
            "after": None if b.after is None else clock(b.after),
            "before": None if b.before is None else clock(b.before),
            "weekday": None if b.weekday is None else WEEKDAYS[b.weekday],
            "start": clock(b.start), "end": clock(b.end), "hours": b.hours,
            "rule": describe_boundary(b)}


def describe_boundary(b: Boundary) -> str:
    """The rule in words."""
    if b.kind.value == "cutoff":
        parts = []
        if b.after is not None:
            parts.append(f"after {clock(b.after)}")
        if b.before is not None:
            parts.append(f"before {clock(b.before)}")
        return f"no {b.area} work {' or '.join(parts)}"
    if b.kind.value == "reserve":
        day = WEEKDAYS[b.weekday] if b.weekday is not None else "every day"
        return f"{day} {clock(b.start)}-{clock(b.end)} only for {b.area}"
    return f"at most {b.hours:g} {b.area} hours a week" + (
        " (working hours count)" if b.area == "career" else "")


def budget(b: Budget) -> BudgetJson:
    """area, floor_hours, cap_hours, overflow."""
    return {"area": b.area, "floor_hours": b.floor, "cap_hours": b.cap,
            "overflow": b.overflow.value}


def habit(h: Habit) -> HabitJson:
    """id, title, area, per_week, min_minutes, max_minutes, prefer."""
    return {"id": h.id, "title": h.title, "area": h.area, "per_week": h.per_week,
            "min_minutes": h.min_minutes, "max_minutes": h.max_minutes,
            "prefer": h.prefer.value}


def calendar(c: CalendarInfo) -> CalendarJson:
    """name, source, imported_at, events."""
    return {"name": c.name, "source": c.source, "imported_at": c.imported_at.isoformat(),
            "events": c.events}


def busy(row: BusyTime, local: Busy) -> BusyJson:
    """calendar, summary, start, end (local), all_day."""
    return {"calendar": row.calendar, "summary": local.summary, "start": local.start.isoformat(),
            "end": local.end.isoformat(), "all_day": row.all_day}


def session(s: Session) -> SessionJson:
    """key, kind, ref_id, title, area, start, end (local), hours."""
    return {"key": s.key, "kind": s.kind.value, "ref_id": s.ref_id, "title": s.title,
            "area": s.area, "start": s.start.isoformat(), "end": s.end.isoformat(),
            "hours": s.hours}


def shortfall(s: Shortfall) -> ShortfallJson:
    """kind, ref, title, area, wanted_hours, placed_hours, missing_hours, due, goal_id, week."""
    return {"kind": s.kind, "ref": s.ref, "title": s.title, "area": s.area,
            "wanted_hours": s.wanted_hours, "placed_hours": s.placed_hours,
            "missing_hours": s.missing_hours,
            "due": None if s.due is None else s.due.isoformat(), "goal_id": s.goal_id,
            "week": s.week}


def trade_off(t: TradeOff) -> TradeOffJson:
    """kind, description, target, recovers_hours, cost."""
    return {"kind": t.kind, "description": t.description, "target": t.target,
            "recovers_hours": t.recovers_hours, "cost": round(t.cost, 2)}


def area_week(a: AreaWeek) -> AreaWeekJson:
    """area, week, week_start, planned_hours, floor_hours, cap_hours."""
    return {"area": a.area, "week": a.week, "week_start": a.week_start.isoformat(),
            "planned_hours": a.planned, "floor_hours": a.floor, "cap_hours": a.cap}


def empty_floor(e: EmptyFloor) -> EmptyFloorJson:
    """area, week, week_start, floor_hours, planned_hours, unfilled_hours."""
    return {"area": e.area, "week": e.week, "week_start": e.week_start.isoformat(),
            "floor_hours": e.floor, "planned_hours": e.planned, "unfilled_hours": e.unfilled}


def goal_misses(shortfalls: tuple[Shortfall, ...]) -> dict[int, float]:
    """goal id -> missing task hours, for goals with tasks that did not fit."""
    out: dict[int, float] = {}
    for s in shortfalls:
        if s.kind == "task" and s.goal_id is not None:
            out[s.goal_id] = out.get(s.goal_id, 0.0) + s.missing_hours
    return out


def plan(r: PlanResult) -> PlanJson:
    """timezone, method, status, objective, bound, seconds, moved, sessions, areas,
    shortfalls, goals_missing, missing_hours, trade_offs, later, later_hours, empty_floors."""
    p = r.plan
    return {
        "timezone": r.timezone, "method": p.method, "status": p.status,
        "objective": p.objective, "bound": p.bound, "seconds": round(p.seconds, 3),
        "moved": p.moved, "sessions": [session(s) for s in p.sessions],
        "areas": [area_week(a) for a in r.areas],
        "shortfalls": [shortfall(s) for s in p.shortfalls],
        "goals_missing": [{"goal_id": g, "missing_hours": h}
                          for g, h in sorted(goal_misses(p.shortfalls).items())],
        "missing_hours": sum(s.missing_hours for s in p.shortfalls if s.kind == "task"),
        "trade_offs": [trade_off(t) for t in p.trade_offs],
        "later": [shortfall(s) for s in p.later],
        "later_hours": round(sum(s.missing_hours for s in p.later), 4),
        "empty_floors": [empty_floor(e) for e in p.empty_floors],
    }


@dataclass(frozen=True, slots=True)
class SessionView:
    """A planned session (see :func:`session`): key, kind, ref_id, title, area, start, end
    (local time), hours."""

    key: str
    kind: SessionKind
    ref_id: int
    title: str
    area: str
    start: dt.datetime
    end: dt.datetime
    hours: float

    @classmethod
    def of(cls, s: Session) -> SessionView:
        """The session as shown."""
        return cls(s.key, s.kind, s.ref_id, s.title, s.area, s.start, s.end, s.hours)
