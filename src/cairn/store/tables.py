"""SQLAlchemy table models for the person's own data.

Every personal table carries its person: ``person_id`` leads the primary key
``(person_id, id)``, every foreign key between personal tables is composite
``(column, person_id) -> (id, person_id)``, and every unique constraint and index
starts with ``person_id`` (see :func:`keys`). Ids are numbered per person (goal 1 of one
person and goal 1 of another are different rows); the store assigns them when a row is
flushed (:mod:`cairn.store.people`). The O*NET catalog tables are shared reference data
and have no person.

Timestamps are naive UTC datetimes: SQLite has no time zones and the export
must round-trip byte for byte on every backend.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
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


class PersonRow(Base):
    """A person whose data this database holds: the owner of every personal row."""

    __tablename__ = "person"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    timezone: Mapped[str | None] = mapped_column(String(64))  # IANA name; None: not set yet
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    # One more with every write transaction of the person: views of their data are kept
    # (a server's cache) while it is unchanged.
    data_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class Personal:
    """Mixin of every personal table: the person and the id numbered per person."""

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), primary_key=True,
                                           sort_order=-2)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False,
                                    sort_order=-1)


def keys(table: str, *, refs: Mapping[str, str] | None = None, indexes: Sequence[str] = (),
         unique: Sequence[Sequence[str]] = ()) -> tuple[object, ...]:
    """A personal table's composite keys, each led or joined by ``person_id``.

    ``refs`` maps a column to the personal table it refers to (the foreign key is
    ``(column, person_id) -> (id, person_id)``, so a row can only point at rows of its
    own person); ``indexes`` are columns searched by (``ix_TABLE_COLUMN`` on
    ``(person_id, column)``); ``unique`` lists column groups unique per person.
    """
    found: list[object] = [
        ForeignKeyConstraint([column, "person_id"], [f"{target}.id", f"{target}.person_id"])
        for column, target in (refs or {}).items()
    ]
    found += [Index(f"ix_{table}_{column}", "person_id", column) for column in indexes]
    found += [UniqueConstraint("person_id", *columns, name=f"uq_{table}_{columns[0]}")
              for columns in unique]
    return tuple(found)


class ProfileRow(Personal, Base):
    """The person's profile (one row per person, id 1)."""

    __tablename__ = "profile"
    name: Mapped[str] = mapped_column(String(200))
    life_stage: Mapped[str] = mapped_column(String(20))
    contract_hours: Mapped[float] = mapped_column(Float)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class AreaRow(Personal, Base):
    """A life area."""

    __tablename__ = "area"
    __table_args__ = keys("area", unique=[("key",)])
    key: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(80))
    archived: Mapped[bool] = mapped_column(Boolean, default=False)


class GoalRow(Personal, Base):
    """A goal at any horizon."""

    __tablename__ = "goal"
    __table_args__ = keys("goal", refs={"area_id": "area", "parent_id": "goal"},
                          indexes=("area_id", "parent_id", "status"))
    area_id: Mapped[int] = mapped_column(Integer)
    parent_id: Mapped[int | None] = mapped_column(Integer)
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
    status: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class GoalChangeRow(Personal, Base):
    """One change to a goal, kept forever."""

    __tablename__ = "goal_change"
    __table_args__ = keys("goal_change", refs={"goal_id": "goal", "review_id": "review"},
                          indexes=("goal_id", "review_id"))
    goal_id: Mapped[int] = mapped_column(Integer)
    field: Mapped[str] = mapped_column(String(40))
    old: Mapped[str | None] = mapped_column(Text)
    new: Mapped[str | None] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    reason: Mapped[str] = mapped_column(Text, default="")
    # set when a review made the change (migration 0005, tracking)
    review_id: Mapped[int | None] = mapped_column(Integer)


class MilestoneRow(Personal, Base):
    """A milestone of a goal."""

    __tablename__ = "milestone"
    __table_args__ = keys("milestone", refs={"goal_id": "goal"}, indexes=("goal_id",))
    goal_id: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    due: Mapped[dt.date | None] = mapped_column(Date)
    done_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class TaskRow(Personal, Base):
    """A task."""

    __tablename__ = "task"
    __table_args__ = keys("task", refs={"goal_id": "goal", "milestone_id": "milestone"},
                          indexes=("goal_id", "milestone_id", "status"))
    goal_id: Mapped[int | None] = mapped_column(Integer)
    milestone_id: Mapped[int | None] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    estimate_hours: Mapped[float] = mapped_column(Float)
    due: Mapped[dt.date | None] = mapped_column(Date)
    earliest_start: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10))
    done_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class TaskDependencyRow(Personal, Base):
    """Task ``task_id`` cannot start before ``depends_on_id`` is done."""

    __tablename__ = "task_dependency"
    __table_args__ = keys("task_dependency", refs={"task_id": "task", "depends_on_id": "task"},
                          indexes=("task_id", "depends_on_id"),
                          unique=[("task_id", "depends_on_id")])
    task_id: Mapped[int] = mapped_column(Integer)
    depends_on_id: Mapped[int] = mapped_column(Integer)


# goal_change.review_id refers to the review table: register it with the foundation, so
# that every process has a metadata whose foreign keys resolve.
from cairn.store import track_tables  # noqa: E402, F401
