"""Tables of the time and balance plan: availability, boundaries, budgets, habits,
imported calendars and planned sessions.

Times of day are minutes (0..1440); instants are naive UTC like every other table.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cairn.store.tables import Base


class PlanSettingRow(Base):
    """The planner's settings (one row): time zone, grid step and session lengths."""

    __tablename__ = "plan_setting"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    timezone: Mapped[str] = mapped_column(String(64))
    slot_minutes: Mapped[int] = mapped_column(Integer)
    session_min: Mapped[int] = mapped_column(Integer)
    session_max: Mapped[int] = mapped_column(Integer)


class AvailabilityWindowRow(Base):
    """A weekly window: free time for the plan, or working hours."""

    __tablename__ = "availability_window"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    weekday: Mapped[int] = mapped_column(Integer)
    start_minute: Mapped[int] = mapped_column(Integer)
    end_minute: Mapped[int] = mapped_column(Integer)


class RestPeriodRow(Base):
    """Days in rest mode (holiday, illness): nothing is scheduled, nothing counts against you.

    Shared by the planner and by tracking (streaks, burnout rules); ``last_day`` is None
    while rest mode is on with no end set (``cairn rest start``).
    """

    __tablename__ = "rest_period"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    first_day: Mapped[dt.date] = mapped_column(Date)
    last_day: Mapped[dt.date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")


class BoundaryRow(Base):
    """A rule protecting time, tied to a life area."""

    __tablename__ = "boundary"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("area.id"), index=True)
    kind: Mapped[str] = mapped_column(String(12))
    after_minute: Mapped[int | None] = mapped_column(Integer)
    before_minute: Mapped[int | None] = mapped_column(Integer)
    weekday: Mapped[int | None] = mapped_column(Integer)
    start_minute: Mapped[int] = mapped_column(Integer, default=0)
    end_minute: Mapped[int] = mapped_column(Integer, default=1440)
    hours: Mapped[float | None] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="")


class AreaBudgetRow(Base):
    """Weekly hours for a life area: a floor, a cap and what happens to overflow."""

    __tablename__ = "area_budget"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("area.id"), unique=True)
    floor_hours: Mapped[float] = mapped_column(Float)
    cap_hours: Mapped[float | None] = mapped_column(Float)
    overflow: Mapped[str] = mapped_column(String(10))


class HabitRow(Base):
    """A recurring activity with a weekly frequency and a session length range."""

    __tablename__ = "habit"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("area.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    per_week: Mapped[int] = mapped_column(Integer)
    min_minutes: Mapped[int] = mapped_column(Integer)
    max_minutes: Mapped[int] = mapped_column(Integer)
    prefer: Mapped[str] = mapped_column(String(10))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class CalendarRow(Base):
    """An imported calendar; re-importing one with the same name replaces its busy times."""

    __tablename__ = "calendar"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    source: Mapped[str] = mapped_column(Text, default="")
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime)


class BusyTimeRow(Base):
    """One busy occurrence from an imported calendar."""

    __tablename__ = "busy_time"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    calendar_id: Mapped[int] = mapped_column(ForeignKey("calendar.id"), index=True)
    uid: Mapped[str] = mapped_column(String(300))
    start: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    end: Mapped[dt.datetime] = mapped_column(DateTime)
    summary: Mapped[str] = mapped_column(Text, default="")
    all_day: Mapped[bool] = mapped_column(Boolean, default=False)


class PlanWeekRow(Base):
    """Hours a plan could not fit in one of its weeks (``draft`` or ``accepted``, as sessions)."""

    __tablename__ = "plan_week"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    state: Mapped[str] = mapped_column(String(10), index=True)
    week_start: Mapped[dt.date] = mapped_column(Date)
    missing_hours: Mapped[float] = mapped_column(Float)


class PlanSessionRow(Base):
    """A planned session: ``draft`` from the last `cairn plan`, or ``accepted``."""

    __tablename__ = "plan_session"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    state: Mapped[str] = mapped_column(String(10), index=True)
    key: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(10))
    ref_id: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    area: Mapped[str] = mapped_column(String(40))
    start: Mapped[dt.datetime] = mapped_column(DateTime)
    end: Mapped[dt.datetime] = mapped_column(DateTime)
