"""Tables of the support network and the personal library (contacts, feedback, resources)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from cairn.store.tables import Base


class ContactRow(Base):
    """A mentor, coach, peer or community."""

    __tablename__ = "contact"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    helps_with: Mapped[str] = mapped_column(Text, default="")
    reach: Mapped[str] = mapped_column(String(300), default="")
    cadence_weeks: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)


class ContactInteractionRow(Base):
    """One interaction with a contact."""

    __tablename__ = "contact_interaction"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contact.id"), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    note: Mapped[str] = mapped_column(Text, default="")


class FeedbackRequestRow(Base):
    """Feedback on a goal asked of a contact, and the answer."""

    __tablename__ = "feedback_request"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contact.id"), index=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goal.id"), index=True)
    question: Mapped[str] = mapped_column(Text)
    asked_at: Mapped[dt.datetime] = mapped_column(DateTime)
    feedback: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class ResourceRow(Base):
    """An item of the personal library."""

    __tablename__ = "resource"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), index=True)
    url: Mapped[str] = mapped_column(String(500), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    started_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    done_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class ResourceSkillRow(Base):
    """A resource linked to a skill (an O*NET element id such as 2.A.1.a)."""

    __tablename__ = "resource_skill"
    __table_args__ = (UniqueConstraint("resource_id", "skill_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    resource_id: Mapped[int] = mapped_column(ForeignKey("resource.id"), index=True)
    skill_id: Mapped[str] = mapped_column(String(40))


class ResourceGoalRow(Base):
    """A resource linked to a goal."""

    __tablename__ = "resource_goal"
    __table_args__ = (UniqueConstraint("resource_id", "goal_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    resource_id: Mapped[int] = mapped_column(ForeignKey("resource.id"), index=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goal.id"), index=True)


class ResourceAreaRow(Base):
    """A resource linked to a life area."""

    __tablename__ = "resource_area"
    __table_args__ = (UniqueConstraint("resource_id", "area_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    resource_id: Mapped[int] = mapped_column(ForeignKey("resource.id"), index=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("area.id"), index=True)


class SkillEvidenceRow(Base):
    """A finished resource recorded as evidence for a skill."""

    __tablename__ = "skill_evidence"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    skill_id: Mapped[str] = mapped_column(String(40), index=True)
    resource_id: Mapped[int] = mapped_column(ForeignKey("resource.id"), index=True)
    recorded_on: Mapped[dt.date] = mapped_column(Date)
