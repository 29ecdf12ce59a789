"""Tables of the support network and the personal library (contacts, feedback, resources)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from cairn.store.tables import Base, Personal, keys


class ContactRow(Personal, Base):
    """A mentor, coach, peer or community."""

    __tablename__ = "contact"
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    helps_with: Mapped[str] = mapped_column(Text, default="")
    reach: Mapped[str] = mapped_column(String(300), default="")
    cadence_weeks: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)


class ContactInteractionRow(Personal, Base):
    """One interaction with a contact."""

    __tablename__ = "contact_interaction"
    __table_args__ = keys("contact_interaction", refs={"contact_id": "contact"},
                          indexes=("contact_id",))
    contact_id: Mapped[int] = mapped_column(Integer)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    note: Mapped[str] = mapped_column(Text, default="")


class FeedbackRequestRow(Personal, Base):
    """Feedback on a goal asked of a contact, and the answer."""

    __tablename__ = "feedback_request"
    __table_args__ = keys("feedback_request", refs={"contact_id": "contact", "goal_id": "goal"},
                          indexes=("contact_id", "goal_id"))
    contact_id: Mapped[int] = mapped_column(Integer)
    goal_id: Mapped[int] = mapped_column(Integer)
    question: Mapped[str] = mapped_column(Text)
    asked_at: Mapped[dt.datetime] = mapped_column(DateTime)
    feedback: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class ResourceRow(Personal, Base):
    """An item of the personal library."""

    __tablename__ = "resource"
    __table_args__ = keys("resource", indexes=("status",))
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    url: Mapped[str] = mapped_column(String(500), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    started_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    done_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class ResourceSkillRow(Personal, Base):
    """A resource linked to a skill (an O*NET element id such as 2.A.1.a)."""

    __tablename__ = "resource_skill"
    __table_args__ = keys("resource_skill", refs={"resource_id": "resource"},
                          indexes=("resource_id",), unique=[("resource_id", "skill_id")])
    resource_id: Mapped[int] = mapped_column(Integer)
    skill_id: Mapped[str] = mapped_column(String(40))


class ResourceGoalRow(Personal, Base):
    """A resource linked to a goal."""

    __tablename__ = "resource_goal"
    __table_args__ = keys("resource_goal", refs={"resource_id": "resource", "goal_id": "goal"},
                          indexes=("resource_id", "goal_id"),
                          unique=[("resource_id", "goal_id")])
    resource_id: Mapped[int] = mapped_column(Integer)
    goal_id: Mapped[int] = mapped_column(Integer)


class ResourceAreaRow(Personal, Base):
    """A resource linked to a life area."""

    __tablename__ = "resource_area"
    __table_args__ = keys("resource_area", refs={"resource_id": "resource", "area_id": "area"},
                          indexes=("resource_id", "area_id"),
                          unique=[("resource_id", "area_id")])
    resource_id: Mapped[int] = mapped_column(Integer)
    area_id: Mapped[int] = mapped_column(Integer)


class SkillEvidenceRow(Personal, Base):
    """A finished resource recorded as evidence for a skill."""

    __tablename__ = "skill_evidence"
    __table_args__ = keys("skill_evidence", refs={"resource_id": "resource"},
                          indexes=("skill_id", "resource_id"))
    skill_id: Mapped[str] = mapped_column(String(40))
    resource_id: Mapped[int] = mapped_column(Integer)
    recorded_on: Mapped[dt.date] = mapped_column(Date)
