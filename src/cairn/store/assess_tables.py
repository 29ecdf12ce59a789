"""Tables for assessments (instruments loaded by a coach, takes, answers) and goal links."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from cairn.store.tables import Base


class InstrumentRow(Base):
    """An instrument loaded from a file (`cairn assess load`); shipped ones live in the package."""

    __tablename__ = "assessment_instrument"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    version: Mapped[str] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(Text)
    loaded_at: Mapped[dt.datetime] = mapped_column(DateTime)


class TakeRow(Base):
    """One take of an instrument; kept forever, never overwritten. Unfinished until scored."""

    __tablename__ = "assessment_take"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    instrument: Mapped[str] = mapped_column(String(40), index=True)
    version: Mapped[str] = mapped_column(String(20))
    started_at: Mapped[dt.datetime] = mapped_column(DateTime)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    scores: Mapped[str | None] = mapped_column(Text)
    code: Mapped[str] = mapped_column(String(10), default="")


class AnswerRow(Base):
    """One answer of a take: a number on the response scale, or text for free-form forms."""

    __tablename__ = "assessment_answer"
    __table_args__ = (UniqueConstraint("take_id", "item_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    take_id: Mapped[int] = mapped_column(ForeignKey("assessment_take.id"), index=True)
    item_id: Mapped[str] = mapped_column(String(60))
    value: Mapped[float | None] = mapped_column(Float)
    text: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[dt.datetime] = mapped_column(DateTime)


class GoalOccupationRow(Base):
    """A goal made to move towards an occupation (from `cairn explore gap --make-goal`)."""

    __tablename__ = "goal_occupation"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goal.id"), index=True)
    code: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
