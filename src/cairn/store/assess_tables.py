"""Tables for assessments (instruments loaded by a coach, takes, answers) and goal links."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Float, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cairn.store.tables import Base, Personal, keys


class InstrumentRow(Personal, Base):
    """An instrument loaded from a file (`cairn assess load`); shipped ones live in the package."""

    __tablename__ = "assessment_instrument"
    __table_args__ = keys("assessment_instrument", unique=[("key",)])
    key: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(200))
    version: Mapped[str] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(Text)
    loaded_at: Mapped[dt.datetime] = mapped_column(DateTime)


class TakeRow(Personal, Base):
    """One take of an instrument; kept forever, never overwritten. Unfinished until scored."""

    __tablename__ = "assessment_take"
    __table_args__ = keys("assessment_take", indexes=("instrument",))
    instrument: Mapped[str] = mapped_column(String(40))
    version: Mapped[str] = mapped_column(String(20))
    started_at: Mapped[dt.datetime] = mapped_column(DateTime)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    scores: Mapped[str | None] = mapped_column(Text)
    code: Mapped[str] = mapped_column(String(10), default="")


class AnswerRow(Personal, Base):
    """One answer of a take: a number on the response scale, or text for free-form forms."""

    __tablename__ = "assessment_answer"
    __table_args__ = keys("assessment_answer", refs={"take_id": "assessment_take"},
                          indexes=("take_id",), unique=[("take_id", "item_id")])
    take_id: Mapped[int] = mapped_column(Integer)
    item_id: Mapped[str] = mapped_column(String(60))
    value: Mapped[float | None] = mapped_column(Float)
    text: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[dt.datetime] = mapped_column(DateTime)


class GoalOccupationRow(Personal, Base):
    """A goal made to move towards an occupation (from `cairn explore gap --make-goal`)."""

    __tablename__ = "goal_occupation"
    __table_args__ = keys("goal_occupation", refs={"goal_id": "goal"}, indexes=("goal_id",))
    goal_id: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
