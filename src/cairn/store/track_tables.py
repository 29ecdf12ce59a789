"""Tables for tracking and course correction: time, wins, check-ins, events, reviews, rest."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, Float, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cairn.store import planning_tables  # noqa: F401 - time_entry.habit_id refers to habit
from cairn.store.tables import Base, Personal, keys


class TimeEntryRow(Personal, Base):
    """Time spent in a life area on a day."""

    __tablename__ = "time_entry"
    __table_args__ = keys("time_entry", refs={"area_id": "area", "task_id": "task",
                                              "habit_id": "habit"},
                          indexes=("area_id", "task_id", "on", "habit_id"))
    area_id: Mapped[int] = mapped_column(Integer)
    task_id: Mapped[int | None] = mapped_column(Integer)
    on: Mapped[dt.date] = mapped_column(Date)
    minutes: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    habit_id: Mapped[int | None] = mapped_column(Integer)


class WinRow(Personal, Base):
    """An entry of the wins journal."""

    __tablename__ = "win"
    on: Mapped[dt.date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class CheckInRow(Personal, Base):
    """A check-in: energy, stress, hours worked, a note, and its index score."""

    __tablename__ = "checkin"
    __table_args__ = keys("checkin", indexes=("at",))
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    energy: Mapped[int] = mapped_column(Integer)
    stress: Mapped[int] = mapped_column(Integer)
    hours_worked: Mapped[float | None] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="")
    score: Mapped[float | None] = mapped_column(Float)


class CheckInRatingRow(Personal, Base):
    """Satisfaction with one life area at a check-in (0-10)."""

    __tablename__ = "checkin_rating"
    __table_args__ = keys("checkin_rating", refs={"checkin_id": "checkin", "area_id": "area"},
                          indexes=("checkin_id", "area_id"))
    checkin_id: Mapped[int] = mapped_column(Integer)
    area_id: Mapped[int] = mapped_column(Integer)
    satisfaction: Mapped[int] = mapped_column(Integer)


class InstrumentResultRow(Personal, Base):
    """A completed questionnaire loaded from a file (a well-being scale, for instance)."""

    __tablename__ = "instrument_result"
    __table_args__ = keys("instrument_result", indexes=("instrument",))
    instrument: Mapped[str] = mapped_column(String(80))
    version: Mapped[int] = mapped_column(Integer)
    taken_at: Mapped[dt.datetime] = mapped_column(DateTime)
    raw: Mapped[float] = mapped_column(Float)
    score: Mapped[float] = mapped_column(Float)
    answers: Mapped[str] = mapped_column(Text)  # canonical JSON


class ReviewRow(Personal, Base):
    """A review held: its facts and decisions as canonical JSON, notes, pending steps."""

    __tablename__ = "review"
    __table_args__ = keys("review", indexes=("kind",))
    kind: Mapped[str] = mapped_column(String(20))
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    facts: Mapped[str] = mapped_column(Text)
    decisions: Mapped[str] = mapped_column(Text)
    notes: Mapped[str] = mapped_column(Text, default="")
    pending: Mapped[str] = mapped_column(Text)


class LifeEventRow(Personal, Base):
    """A life event; ``review_id`` is set once a review has taken it into account."""

    __tablename__ = "life_event"
    __table_args__ = keys("life_event", refs={"review_id": "review"}, indexes=("review_id",))
    kind: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(Text)
    on: Mapped[dt.date] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    review_id: Mapped[int | None] = mapped_column(Integer)


