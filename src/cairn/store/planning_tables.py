"""Tables of the time and balance plan: availability, boundaries, budgets, habits,
imported calendars and planned sessions.

Times of day are minutes (0..1440); instants are naive UTC like every other table.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, Float, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cairn.store.tables import Base, Personal, keys


class PlanSettingRow(Personal, Base):
    """The planner's settings (one row per person): grid step and session lengths. The time
    zone is the person's (``person.timezone``)."""

    __tablename__ = "plan_setting"
    slot_minutes: Mapped[int] = mapped_column(Integer)
    session_min: Mapped[int] = mapped_column(Integer)
    session_max: Mapped[int] = mapped_column(Integer)


class AvailabilityWindowRow(Personal, Base):
    """A weekly window: free time for the plan, or working hours."""

    __tablename__ = "availability_window"
    kind: Mapped[str] = mapped_column(String(10))
    weekday: Mapped[int] = mapped_column(Integer)
    start_minute: Mapped[int] = mapped_column(Integer)
    end_minute: Mapped[int] = mapped_column(Integer)


class RestPeriodRow(Personal, Base):
    """Days in rest mode (holiday, illness): nothing is scheduled, nothing counts against you.

    Shared by the planner and by tracking (streaks, burnout rules); ``last_day`` is None
    while rest mode is on with no end set (``cairn rest start``).
    """

    __tablename__ = "rest_period"
    first_day: Mapped[dt.date] = mapped_column(Date)
    last_day: Mapped[dt.date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")


class BoundaryRow(Personal, Base):
    """A rule protecting time, tied to a life area."""

    __tablename__ = "boundary"
    __table_args__ = keys("boundary", refs={"area_id": "area"}, indexes=("area_id",))
    area_id: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(12))
    after_minute: Mapped[int | None] = mapped_column(Integer)
    before_minute: Mapped[int | None] = mapped_column(Integer)
    weekday: Mapped[int | None] = mapped_column(Integer)
    start_minute: Mapped[int] = mapped_column(Integer, default=0)
    end_minute: Mapped[int] = mapped_column(Integer, default=1440)
    hours: Mapped[float | None] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="")


class AreaBudgetRow(Personal, Base):
    """Weekly hours for a life area: a floor, a cap and what happens to overflow."""

    __tablename__ = "area_budget"
    __table_args__ = keys("area_budget", refs={"area_id": "area"}, unique=[("area_id",)])
    area_id: Mapped[int] = mapped_column(Integer)
    floor_hours: Mapped[float] = mapped_column(Float)
    cap_hours: Mapped[float | None] = mapped_column(Float)
    overflow: Mapped[str] = mapped_column(String(10))


class HabitRow(Personal, Base):
    """A recurring activity with a weekly frequency and a session length range."""

    __tablename__ = "habit"
    __table_args__ = keys("habit", refs={"area_id": "area"}, indexes=("area_id",))
    area_id: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    per_week: Mapped[int] = mapped_column(Integer)
    min_minutes: Mapped[int] = mapped_column(Integer)
    max_minutes: Mapped[int] = mapped_column(Integer)
    prefer: Mapped[str] = mapped_column(String(10))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class CalendarRow(Personal, Base):
    """An imported calendar; re-importing one with the same name replaces its busy times."""

    __tablename__ = "calendar"
    __table_args__ = keys("calendar", unique=[("name",)])
    name: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(Text, default="")
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime)


class BusyTimeRow(Personal, Base):
    """One busy occurrence from an imported calendar."""

    __tablename__ = "busy_time"
    __table_args__ = keys("busy_time", refs={"calendar_id": "calendar"},
                          indexes=("calendar_id", "start"))
    calendar_id: Mapped[int] = mapped_column(Integer)
    uid: Mapped[str] = mapped_column(String(300))
    start: Mapped[dt.datetime] = mapped_column(DateTime)
    end: Mapped[dt.datetime] = mapped_column(DateTime)
    summary: Mapped[str] = mapped_column(Text, default="")
    all_day: Mapped[bool] = mapped_column(Boolean, default=False)


class PlanWeekRow(Personal, Base):
    """Hours a plan could not fit in one of its weeks (``draft`` or ``accepted``, as sessions)."""

    __tablename__ = "plan_week"
    __table_args__ = keys("plan_week", indexes=("state",))
    state: Mapped[str] = mapped_column(String(10))
    week_start: Mapped[dt.date] = mapped_column(Date)
    missing_hours: Mapped[float] = mapped_column(Float)


class PlanSessionRow(Personal, Base):
    """A planned session: ``draft`` from the last `cairn plan`, or ``accepted``."""

    __tablename__ = "plan_session"
    __table_args__ = keys("plan_session", indexes=("state",))
    state: Mapped[str] = mapped_column(String(10))
    key: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(10))
    ref_id: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    area: Mapped[str] = mapped_column(String(40))
    start: Mapped[dt.datetime] = mapped_column(DateTime)
    end: Mapped[dt.datetime] = mapped_column(DateTime)


class CalendarFeedRow(Personal, Base):
    """The secret in the address of the person's calendar subscription (one row, id 1):
    whoever has the address can read the accepted plan. A new token revokes the old one."""

    __tablename__ = "calendar_feed"
    token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
