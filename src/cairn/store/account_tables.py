"""The tables of accounts (``cairn serve --multi-user``): who may sign in as which person,
their signed-in sessions, recent sign-in attempts (for rate limiting), what people share
with their mentors (and the audit of what those saw and did), what is left of deleted
accounts (counts only), and mentors' comments on goals (a personal table: the owner's,
exported with their data).

They are shared tables, not personal ones (``info={"shared": True}``): a person's export
leaves them out, and row-level security does not filter them. Deleting a person deletes
their account, and deleting an account its sessions (``ON DELETE CASCADE``).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from cairn.store.tables import Base, Personal, keys

SHARED = {"shared": True}


class AccountRow(Base):
    """An account: an email address, its password's argon2id hash, the person it signs in
    as, and its role (``admin`` or ``member``)."""

    __tablename__ = "account"
    __table_args__ = (UniqueConstraint("email"), {"info": SHARED})
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    password_hash: Mapped[str] = mapped_column(String(200))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"),
                                           unique=True)
    role: Mapped[str] = mapped_column(String(10))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    # a one-time reset token's SHA-256 and when it stops working (set by an administrator)
    reset_hash: Mapped[str | None] = mapped_column(String(64))
    reset_expires: Mapped[dt.datetime | None] = mapped_column(DateTime)


class WebSessionRow(Base):
    """A signed-in session: only the SHA-256 of its token is stored."""

    __tablename__ = "web_session"
    __table_args__ = (Index("ix_web_session_account_id", "account_id"), {"info": SHARED})
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    last_seen: Mapped[dt.datetime] = mapped_column(DateTime)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime)


class SignInAttemptRow(Base):
    """A failed sign-in, or a request for a reset code by e-mail: by which email and from
    which client address, when (both count towards the same limits)."""

    __tablename__ = "sign_in_attempt"
    __table_args__ = (Index("ix_sign_in_attempt_email", "email", "at"),
                      Index("ix_sign_in_attempt_client", "client", "at"), {"info": SHARED})
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    client: Mapped[str] = mapped_column(String(64))
    at: Mapped[dt.datetime] = mapped_column(DateTime)


class ShareRow(Base):
    """A person shares chosen parts of their plan with another account (a mentor), until
    they revoke it."""

    __tablename__ = "share"
    __table_args__ = (Index("ix_share_owner", "owner_person_id"),
                      Index("ix_share_mentor", "mentor_account_id"), {"info": SHARED})
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    mentor_account_id: Mapped[int] = mapped_column(ForeignKey("account.id",
                                                              ondelete="CASCADE"))
    parts: Mapped[str] = mapped_column(String(200))  # part keys, comma-separated
    comments: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class ShareAuditRow(Base):
    """Someone other than the owner viewed or changed something of the owner's."""

    __tablename__ = "share_audit"
    __table_args__ = (Index("ix_share_audit_owner", "owner_person_id", "at"),
                      {"info": SHARED})
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    actor: Mapped[str] = mapped_column(String(254))  # the account's email at the time
    what: Mapped[str] = mapped_column(String(300))
    at: Mapped[dt.datetime] = mapped_column(DateTime)


class DeletedAccountRow(Base):
    """What is left of a deleted account: counts, never who (the audit entries about its
    person, the shares it gave and received, the comments and suggestions it wrote)."""

    __tablename__ = "deleted_account"
    __table_args__ = ({"info": SHARED},)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    deleted_on: Mapped[dt.date] = mapped_column(Date)
    audit_entries: Mapped[int] = mapped_column(Integer)
    shares_given: Mapped[int] = mapped_column(Integer)
    shares_received: Mapped[int] = mapped_column(Integer)
    comments_written: Mapped[int] = mapped_column(Integer)


class GoalCommentRow(Personal, Base):
    """A comment on one of the person's goals, by someone they shared it with."""

    __tablename__ = "goal_comment"
    __table_args__ = keys("goal_comment", refs={"goal_id": "goal"}, indexes=("goal_id",))
    goal_id: Mapped[int] = mapped_column(Integer)
    author: Mapped[str] = mapped_column(String(254))  # the commenter's email
    body: Mapped[str] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(DateTime)


class GoalSuggestionRow(Personal, Base):
    """A goal a mentor suggests; the person accepts it (it becomes their goal) or
    declines it."""

    __tablename__ = "goal_suggestion"
    __table_args__ = keys("goal_suggestion", refs={"goal_id": "goal"}, indexes=("status",))
    author: Mapped[str] = mapped_column(String(254))
    title: Mapped[str] = mapped_column(String(200))
    why: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10))  # open, accepted, declined
    goal_id: Mapped[int | None] = mapped_column(Integer)  # the goal it became
    at: Mapped[dt.datetime] = mapped_column(DateTime)
