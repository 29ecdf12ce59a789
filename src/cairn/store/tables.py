"""SQLAlchemy table models for the person's own data.

Timestamps are naive UTC datetimes: SQLite has no time zones and the export
must round-trip byte for byte on every backend.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Base of every Cairn table."""

    metadata = MetaData(naming_convention=NAMING)


class ProfileRow(Base):
    """The person (one row in a personal database)."""

    __tablename__ = "profile"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    life_stage: Mapped[str] = mapped_column(String(20))
    contract_hours: Mapped[float] = mapped_column(Float)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class AreaRow(Base):
    """A life area."""

    __tablename__ = "area"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    archived: Mapped[bool] = mapped_column(Boolean, default=False)


class GoalRow(Base):
    """A goal at any horizon."""

    __tablename__ = "goal"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("area.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("goal.id"), index=True)
    horizon: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    why: Mapped[str] = mapped_column(Text, default="")
    metric_name: Mapped[str | None] = mapped_column(String(120))
    metric_unit: Mapped[str | None] = mapped_column(String(40))
    metric_baseline: Mapped[float | None] = mapped_column(Float)
    metric_target: Mapped[float | None] = mapped_column(Float)
    metric_current: Mapped[float | None] = mapped_column(Float)
    deadline: Mapped[dt.date | None] = mapped_column(Date)
    priority: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(10), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class GoalChangeRow(Base):
    """One change to a goal, kept forever."""

    __tablename__ = "goal_change"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goal.id"), index=True)
    field: Mapped[str] = mapped_column(String(40))
    old: Mapped[str | None] = mapped_column(Text)
    new: Mapped[str | None] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    reason: Mapped[str] = mapped_column(Text, default="")
    # set when a review made the change (migration 0005, tracking)
    review_id: Mapped[int | None] = mapped_column(ForeignKey("review.id"), index=True)


class MilestoneRow(Base):
    """A milestone of a goal."""

    __tablename__ = "milestone"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goal.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    due: Mapped[dt.date | None] = mapped_column(Date)
    done_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class TaskRow(Base):
    """A task."""

    __tablename__ = "task"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    goal_id: Mapped[int | None] = mapped_column(ForeignKey("goal.id"), index=True)
    milestone_id: Mapped[int | None] = mapped_column(ForeignKey("milestone.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    estimate_hours: Mapped[float] = mapped_column(Float)
    due: Mapped[dt.date | None] = mapped_column(Date)
    earliest_start: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), index=True)
    done_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class TaskDependencyRow(Base):
    """Task ``task_id`` cannot start before ``depends_on_id`` is done."""

    __tablename__ = "task_dependency"
    __table_args__ = (UniqueConstraint("task_id", "depends_on_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id"), index=True)
    depends_on_id: Mapped[int] = mapped_column(ForeignKey("task.id"), index=True)


# goal_change.review_id refers to the review table: register it with the foundation, so
# that every process has a metadata whose foreign keys resolve.
from cairn.store import track_tables  # noqa: E402, F401
