"""The tables of accounts (``cairn serve --multi-user``): who may sign in as which person,
their signed-in sessions, and recent sign-in attempts (for rate limiting).

They are shared tables, not personal ones (``info={"shared": True}``): a person's export
leaves them out, and row-level security does not filter them. Deleting a person deletes
their account, and deleting an account its sessions (``ON DELETE CASCADE``).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from cairn.store.tables import Base

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
    """A failed sign-in: by which email and from which client address, when."""

    __tablename__ = "sign_in_attempt"
    __table_args__ = (Index("ix_sign_in_attempt_email", "email", "at"),
                      Index("ix_sign_in_attempt_client", "client", "at"), {"info": SHARED})
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    client: Mapped[str] = mapped_column(String(64))
    at: Mapped[dt.datetime] = mapped_column(DateTime)
