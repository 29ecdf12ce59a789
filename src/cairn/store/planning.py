"""Queries and writes for planning: settings, availability, boundaries, budgets, habits,
imported busy times and planned sessions. Areas are given and returned by key."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session as DbSession

from cairn.core.planning.model import (
    Boundary,
    BoundaryKind,
    Budget,
    Busy,
    DayPart,
    Habit,
    Overflow,
    RestPeriod,
    Session,
    SessionKind,
    Window,
    WindowKind,
)
from cairn.store.people import person_of
from cairn.store.planning_tables import (
    AreaBudgetRow,
    AvailabilityWindowRow,
    BoundaryRow,
    BusyTimeRow,
    CalendarRow,
    HabitRow,
    PlanSessionRow,
    PlanSettingRow,
    PlanWeekRow,
    RestPeriodRow,
)
from cairn.store.tables import AreaRow


@dataclass(frozen=True, slots=True)
class PlanSettings:
    """The stored planner settings (the time zone is the person's)."""

    slot_minutes: int
    session_min: int
    session_max: int


@dataclass(frozen=True, slots=True)
class CalendarInfo:
    """An imported calendar and how many busy times it holds."""

    name: str
    source: str
    imported_at: dt.datetime
    events: int


def _area_keys(s: DbSession) -> dict[int, str]:
    q = select(AreaRow.id, AreaRow.key).where(AreaRow.person_id == person_of(s))
    return {row.id: row.key for row in s.execute(q)}


def get_settings(s: DbSession) -> PlanSettings | None:
    """The planner settings, None until first saved."""
    row = s.scalars(select(PlanSettingRow).where(PlanSettingRow.person_id == person_of(s))
                    .limit(1)).first()
    if row is None:
        return None
    return PlanSettings(row.slot_minutes, row.session_min, row.session_max)


def save_settings(s: DbSession, value: PlanSettings) -> None:
    """Create or replace the settings row."""
    row = s.scalars(select(PlanSettingRow).where(PlanSettingRow.person_id == person_of(s))
                    .limit(1)).first() or PlanSettingRow()
    row.slot_minutes = value.slot_minutes
    row.session_min, row.session_max = value.session_min, value.session_max
    s.add(row)


def list_windows(s: DbSession) -> list[Window]:
    """Weekly windows by weekday and time."""
    q = select(AvailabilityWindowRow).where(
        AvailabilityWindowRow.person_id == person_of(s)).order_by(
        AvailabilityWindowRow.weekday, AvailabilityWindowRow.start_minute, AvailabilityWindowRow.id)
    return [Window(r.weekday, r.start_minute, r.end_minute, WindowKind(r.kind), r.id)
            for r in s.scalars(q)]


def add_windows(s: DbSession, windows: Sequence[Window]) -> list[Window]:
    """Insert windows; returns them with ids."""
    rows = [AvailabilityWindowRow(kind=w.kind.value, weekday=w.weekday, start_minute=w.start,
                                  end_minute=w.end) for w in windows]
    s.add_all(rows)
    s.flush()
    return [Window(r.weekday, r.start_minute, r.end_minute, WindowKind(r.kind), r.id)
            for r in rows]


def delete_row(s: DbSession, table: type[object], row_id: int) -> bool:
    """Delete one row of a planning table by id; False when there was none."""
    result = s.execute(delete(table).where(table.person_id == person_of(s),  # type: ignore[attr-defined]
                                           table.id == row_id))  # type: ignore[attr-defined]
    return bool(result.rowcount)  # type: ignore[attr-defined]


OPEN_REST = dt.timedelta(days=3650)  # rest mode with no end set lasts until it is stopped


def list_rest(s: DbSession) -> list[RestPeriod]:
    """Rest periods by first day."""
    q = select(RestPeriodRow).where(RestPeriodRow.person_id == person_of(s)).order_by(
        RestPeriodRow.first_day, RestPeriodRow.id)
    return [RestPeriod(r.first_day, r.last_day or r.first_day + OPEN_REST, r.note, r.id)
            for r in s.scalars(q)]


def add_rest(s: DbSession, period: RestPeriod) -> RestPeriod:
    """Insert a rest period."""
    row = RestPeriodRow(first_day=period.first, last_day=period.last, note=period.note)
    s.add(row)
    s.flush()
    return RestPeriod(row.first_day, period.last, row.note, row.id)


def _boundary(row: BoundaryRow, keys: dict[int, str]) -> Boundary:
    return Boundary(BoundaryKind(row.kind), keys[row.area_id], row.after_minute,
                    row.before_minute, row.weekday, row.start_minute, row.end_minute, row.hours,
                    row.note, row.id)


def list_boundaries(s: DbSession) -> list[Boundary]:
    """Every boundary in the order made."""
    keys = _area_keys(s)
    q = select(BoundaryRow).where(BoundaryRow.person_id == person_of(s)).order_by(BoundaryRow.id)
    return [_boundary(r, keys) for r in s.scalars(q)]


def add_boundary(s: DbSession, b: Boundary, area_id: int) -> Boundary:
    """Insert a boundary for the area ``area_id``."""
    row = BoundaryRow(area_id=area_id, kind=b.kind.value, after_minute=b.after,
                      before_minute=b.before, weekday=b.weekday, start_minute=b.start,
                      end_minute=b.end, hours=b.hours, note=b.note)
    s.add(row)
    s.flush()
    return _boundary(row, _area_keys(s))


def list_budgets(s: DbSession) -> list[Budget]:
    """Area budgets in area order."""
    keys = _area_keys(s)
    q = select(AreaBudgetRow).where(AreaBudgetRow.person_id == person_of(s)).order_by(
        AreaBudgetRow.area_id)
    return [Budget(keys[r.area_id], r.floor_hours, r.cap_hours, Overflow(r.overflow), r.id)
            for r in s.scalars(q)]


def set_budget(s: DbSession, area_id: int, floor: float, cap: float | None,
               overflow: Overflow) -> None:
    """Create or replace an area's budget."""
    row = s.scalars(select(AreaBudgetRow).where(AreaBudgetRow.person_id == person_of(s),
                                                AreaBudgetRow.area_id == area_id)).first()
    row = row or AreaBudgetRow(area_id=area_id)
    row.floor_hours, row.cap_hours, row.overflow = floor, cap, overflow.value
    s.add(row)


def delete_budget(s: DbSession, area_id: int) -> bool:
    """Remove an area's budget."""
    result = s.execute(delete(AreaBudgetRow).where(AreaBudgetRow.person_id == person_of(s),
                                                   AreaBudgetRow.area_id == area_id))
    return bool(result.rowcount)  # type: ignore[attr-defined]


def list_habits(s: DbSession) -> list[Habit]:
    """Habits in the order made."""
    keys = _area_keys(s)
    return [Habit(r.id, r.title, keys[r.area_id], r.per_week, r.min_minutes, r.max_minutes,
                  DayPart(r.prefer)) for r in s.scalars(
                select(HabitRow).where(HabitRow.person_id == person_of(s)).order_by(HabitRow.id))]


def add_habit(s: DbSession, h: Habit, area_id: int) -> Habit:
    """Insert a habit."""
    row = HabitRow(area_id=area_id, title=h.title, per_week=h.per_week,
                   min_minutes=h.min_minutes, max_minutes=h.max_minutes, prefer=h.prefer.value,
                   active=True)
    s.add(row)
    s.flush()
    return Habit(row.id, h.title, h.area, h.per_week, h.min_minutes, h.max_minutes, h.prefer)


def replace_calendar(s: DbSession, name: str, source: str, at: dt.datetime,
                     busy: Sequence[tuple[str, Busy, bool]]) -> tuple[int, int]:
    """Store a calendar's busy times (uid, times in UTC, all-day), replacing an earlier import
    of the same name; returns (busy times before, after)."""
    me = person_of(s)
    row = s.scalars(select(CalendarRow).where(CalendarRow.person_id == me,
                                              CalendarRow.name == name)).first()
    before = 0
    if row is None:
        row = CalendarRow(name=name, source=source, imported_at=at)
        s.add(row)
        s.flush()
    else:
        before = s.scalar(select(func.count()).where(BusyTimeRow.person_id == me,
                                                      BusyTimeRow.calendar_id == row.id)) or 0
        s.execute(delete(BusyTimeRow).where(BusyTimeRow.person_id == me,
                                            BusyTimeRow.calendar_id == row.id))
    row.source, row.imported_at = source, at
    s.add_all(BusyTimeRow(calendar_id=row.id, uid=uid, start=b.start, end=b.end,
                          summary=b.summary, all_day=all_day) for uid, b, all_day in busy)
    s.flush()
    return before, len(busy)


def list_calendars(s: DbSession) -> list[CalendarInfo]:
    """Imported calendars with their number of busy times."""
    me = person_of(s)
    counts = {row.calendar_id: row.n for row in s.execute(
        select(BusyTimeRow.calendar_id, func.count().label("n"))
        .where(BusyTimeRow.person_id == me).group_by(BusyTimeRow.calendar_id))}
    q = select(CalendarRow).where(CalendarRow.person_id == me).order_by(CalendarRow.name)
    return [CalendarInfo(r.name, r.source, r.imported_at, counts.get(r.id, 0))
            for r in s.scalars(q)]


def delete_calendar(s: DbSession, name: str) -> bool:
    """Forget a calendar and its busy times."""
    me = person_of(s)
    row = s.scalars(select(CalendarRow).where(CalendarRow.person_id == me,
                                              CalendarRow.name == name)).first()
    if row is None:
        return False
    s.execute(delete(BusyTimeRow).where(BusyTimeRow.person_id == me,
                                        BusyTimeRow.calendar_id == row.id))
    s.delete(row)
    return True


def busy_between(s: DbSession, start: dt.datetime, end: dt.datetime) -> list[Busy]:
    """Busy times (UTC) that overlap [start, end)."""
    q = select(BusyTimeRow).where(BusyTimeRow.person_id == person_of(s),
                                  BusyTimeRow.start < end, BusyTimeRow.end > start).order_by(
        BusyTimeRow.start, BusyTimeRow.id)
    return [Busy(r.start, r.end, r.summary) for r in s.scalars(q)]


def replace_sessions(s: DbSession, state: str, sessions: Sequence[Session]) -> None:
    """Store sessions (times in UTC) as the draft or the accepted plan, replacing the old."""
    s.execute(delete(PlanSessionRow).where(PlanSessionRow.person_id == person_of(s),
                                           PlanSessionRow.state == state))
    s.add_all(PlanSessionRow(state=state, key=x.key, kind=x.kind.value, ref_id=x.ref_id,
                             title=x.title, area=x.area, start=x.start, end=x.end)
              for x in sessions)
    s.flush()


def replace_weeks(s: DbSession, state: str, missing: dict[dt.date, float]) -> None:
    """Store the hours each week of the draft or accepted plan could not fit."""
    s.execute(delete(PlanWeekRow).where(PlanWeekRow.person_id == person_of(s),
                                        PlanWeekRow.state == state))
    s.add_all(PlanWeekRow(state=state, week_start=week, missing_hours=hours)
              for week, hours in sorted(missing.items()))
    s.flush()


def list_weeks(s: DbSession, state: str) -> dict[dt.date, float]:
    """Monday -> hours that did not fit, for each week of the draft or accepted plan."""
    q = select(PlanWeekRow).where(PlanWeekRow.person_id == person_of(s),
                                  PlanWeekRow.state == state).order_by(PlanWeekRow.week_start)
    return {r.week_start: r.missing_hours for r in s.scalars(q)}


def list_sessions(s: DbSession, state: str) -> list[Session]:
    """The draft or accepted sessions (times in UTC), in time order."""
    q = select(PlanSessionRow).where(PlanSessionRow.person_id == person_of(s),
                                     PlanSessionRow.state == state).order_by(
        PlanSessionRow.start, PlanSessionRow.id)
    return [Session(r.key, SessionKind(r.kind), r.ref_id, r.title, r.area, r.start, r.end)
            for r in s.scalars(q)]
