"""Tables for tracking and course correction: time, wins, check-ins, events, reviews, rest."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cairn.store import planning_tables  # noqa: F401 - time_entry.habit_id refers to habit
from cairn.store.tables import Base


class TimeEntryRow(Base):
    """Time spent in a life area on a day."""

    __tablename__ = "time_entry"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("area.id"), index=True)
    task_id: Mapped[int | None] = mapped_column(ForeignKey("task.id"), index=True)
    on: Mapped[dt.date] = mapped_column(Date, index=True)
    minutes: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    habit_id: Mapped[int | None] = mapped_column(ForeignKey("habit.id"), index=True)


class WinRow(Base):
    """An entry of the wins journal."""

    __tablename__ = "win"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    on: Mapped[dt.date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class CheckInRow(Base):
    """A check-in: energy, stress, hours worked, a note, and its index score."""

    __tablename__ = "checkin"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    energy: Mapped[int] = mapped_column(Integer)
    stress: Mapped[int] = mapped_column(Integer)
    hours_worked: Mapped[float | None] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="")
    score: Mapped[float | None] = mapped_column(Float)


class CheckInRatingRow(Base):
    """Satisfaction with one life area at a check-in (0-10)."""

    __tablename__ = "checkin_rating"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    checkin_id: Mapped[int] = mapped_column(ForeignKey("checkin.id"), index=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("area.id"), index=True)
    satisfaction: Mapped[int] = mapped_column(Integer)


class InstrumentResultRow(Base):
    """A completed questionnaire loaded from a file (a well-being scale, for instance)."""

    __tablename__ = "instrument_result"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    instrument: Mapped[str] = mapped_column(String(80), index=True)
    version: Mapped[int] = mapped_column(Integer)
    taken_at: Mapped[dt.datetime] = mapped_column(DateTime)
    raw: Mapped[float] = mapped_column(Float)
    score: Mapped[float] = mapped_column(Float)
    answers: Mapped[str] = mapped_column(Text)  # canonical JSON


class ReviewRow(Base):
    """A review held: its facts and decisions as canonical JSON, notes, pending steps."""

    __tablename__ = "review"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    facts: Mapped[str] = mapped_column(Text)
    decisions: Mapped[str] = mapped_column(Text)
    notes: Mapped[str] = mapped_column(Text, default="")
    pending: Mapped[str] = mapped_column(Text)


class LifeEventRow(Base):
    """A life event; ``review_id`` is set once a review has taken it into account."""

    __tablename__ = "life_event"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(Text)
    on: Mapped[dt.date] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    review_id: Mapped[int | None] = mapped_column(ForeignKey("review.id"), index=True)


