"""Accounts, signed-in sessions and failed sign-ins (shared tables, ``account_tables``).

Sessions here act for no person (``Database.session()``): these rows belong to the server,
not to one person's data. Only SHA-256 hashes of session and reset tokens are stored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ColumnElement, bindparam, delete, func, select, update
from sqlalchemy.orm import Session

from cairn.store.account_tables import (
    AccountRow,
    DeletedAccountRow,
    GoalCommentRow,
    GoalSuggestionRow,
    ShareAuditRow,
    ShareRow,
    SignInAttemptRow,
    WebSessionRow,
)
from cairn.store.db import act_for
from cairn.store.people import Person
from cairn.store.tables import PersonRow

DELETED = "a deleted account"  # who others' records say it was, once an account is deleted


@dataclass(frozen=True, slots=True)
class Account:
    """An account as stored (without its password hash)."""

    id: int
    email: str
    person_id: int
    role: str
    disabled: bool
    created_at: dt.datetime


@dataclass(frozen=True, slots=True)
class WebSession:
    """A signed-in session, by its token's hash, with its account."""

    token_hash: str
    account: Account
    created_at: dt.datetime
    last_seen: dt.datetime
    expires_at: dt.datetime
    person: Person | None = None  # the account's person, read in the same query
    data_version: int = 0  # the version of that person's data when the session was read


def _account(row: AccountRow) -> Account:
    return Account(row.id, row.email, row.person_id, row.role, row.disabled, row.created_at)


def add_account(s: Session, email: str, password_hash: str, person_id: int, role: str,
                at: dt.datetime) -> Account:
    """A new account for ``person_id``."""
    row = AccountRow(email=email, password_hash=password_hash, person_id=person_id, role=role,
                     disabled=False, created_at=at)
    s.add(row)
    s.flush()
    return _account(row)


def find_account(s: Session, email: str) -> tuple[Account, str] | None:
    """The account with this (normalised) email and its password hash."""
    row = s.scalar(select(AccountRow).where(AccountRow.email == email))
    return None if row is None else (_account(row), row.password_hash)


def get_account(s: Session, account_id: int) -> tuple[Account, str] | None:
    """One account by id, with its password hash."""
    row = s.get(AccountRow, account_id)
    return None if row is None else (_account(row), row.password_hash)


def list_accounts(s: Session) -> list[Account]:
    """Every account, oldest first."""
    return [_account(r) for r in s.scalars(select(AccountRow).order_by(AccountRow.id))]


def count_accounts(s: Session) -> int:
    """How many accounts there are."""
    return int(s.scalar(select(func.count()).select_from(AccountRow)) or 0)


def set_password(s: Session, account_id: int, password_hash: str) -> None:
    """A new password hash; any reset token stops working."""
    s.execute(update(AccountRow).where(AccountRow.id == account_id)
              .values(password_hash=password_hash, reset_hash=None, reset_expires=None))


def set_disabled(s: Session, account_id: int, disabled: bool) -> None:
    """Disable or enable an account."""
    s.execute(update(AccountRow).where(AccountRow.id == account_id).values(disabled=disabled))


def set_reset(s: Session, account_id: int, token_hash: str, expires: dt.datetime) -> None:
    """A one-time reset token (its hash) until ``expires``."""
    s.execute(update(AccountRow).where(AccountRow.id == account_id)
              .values(reset_hash=token_hash, reset_expires=expires))


def reset_of(s: Session, account_id: int) -> tuple[str, dt.datetime] | None:
    """The account's reset token hash and its expiry, if one was issued."""
    row = s.get(AccountRow, account_id)
    if row is None or row.reset_hash is None or row.reset_expires is None:
        return None
    return row.reset_hash, row.reset_expires


# -- sessions ------------------------------------------------------------------------


def add_session(s: Session, token_hash: str, account_id: int, at: dt.datetime,
                expires: dt.datetime) -> None:
    """A new signed-in session."""
    s.add(WebSessionRow(token_hash=token_hash, account_id=account_id, created_at=at,
                        last_seen=at, expires_at=expires))
    s.flush()


def find_session(s: Session, token_hash: str) -> WebSession | None:
    """The session with this token hash, its account, and the account's person with the
    version of their data (one query: a server asks it on every request, and the version
    is what its view cache compares)."""
    found = s.execute(_SESSION, {"token_hash": token_hash}).first()
    if found is None:
        return None
    (key, created, seen, expires, account_id, email, person_id, role, disabled, joined,
     zone, person_joined, version) = found
    account = Account(account_id, email, person_id, role, disabled, joined)
    person = None if person_joined is None else Person(person_id, zone, person_joined)
    return WebSession(key, account, created, seen, expires, person, int(version or 0))


# Built once: columns, not ORM objects, for the query of every request.
_SESSION = (select(WebSessionRow.token_hash, WebSessionRow.created_at,
                   WebSessionRow.last_seen, WebSessionRow.expires_at, AccountRow.id,
                   AccountRow.email, AccountRow.person_id, AccountRow.role,
                   AccountRow.disabled, AccountRow.created_at, PersonRow.timezone,
                   PersonRow.created_at, PersonRow.data_version)
            .join(AccountRow, AccountRow.id == WebSessionRow.account_id)
            .outerjoin(PersonRow, PersonRow.id == AccountRow.person_id)
            .where(WebSessionRow.token_hash == bindparam("token_hash")))


def touch_session(s: Session, token_hash: str, at: dt.datetime) -> None:
    """The session was used at ``at``."""
    s.execute(update(WebSessionRow).where(WebSessionRow.token_hash == token_hash)
              .values(last_seen=at))


def delete_session(s: Session, token_hash: str) -> None:
    """End one session."""
    s.execute(delete(WebSessionRow).where(WebSessionRow.token_hash == token_hash))


def delete_sessions(s: Session, account_id: int, keep: str | None = None) -> int:
    """End every session of an account (but ``keep``); how many ended."""
    q = delete(WebSessionRow).where(WebSessionRow.account_id == account_id)
    if keep is not None:
        q = q.where(WebSessionRow.token_hash != keep)
    return int(getattr(s.execute(q), "rowcount", 0) or 0)


def count_sessions(s: Session, account_id: int) -> int:
    """How many sessions an account has."""
    return int(s.scalar(select(func.count()).select_from(WebSessionRow)
                        .where(WebSessionRow.account_id == account_id)) or 0)


# -- failed sign-ins -----------------------------------------------------------------


def add_failure(s: Session, email: str, client: str, at: dt.datetime) -> None:
    """A failed sign-in (or a request for a reset code: it counts as one)."""
    s.add(SignInAttemptRow(email=email, client=client, at=at))


def failures(s: Session, since: dt.datetime, *, email: str | None = None,
             client: str | None = None) -> int:
    """Failed sign-ins since ``since`` by this email or from this client."""
    q = select(func.count()).select_from(SignInAttemptRow).where(SignInAttemptRow.at >= since)
    if email is not None:
        q = q.where(SignInAttemptRow.email == email)
    if client is not None:
        q = q.where(SignInAttemptRow.client == client)
    return int(s.scalar(q) or 0)


def forget_failures(s: Session, before: dt.datetime) -> None:
    """Drop failed sign-ins older than ``before`` (they no longer count)."""
    s.execute(delete(SignInAttemptRow).where(SignInAttemptRow.at < before))


def forget_failures_of(s: Session, email: str) -> None:
    """Drop the failed sign-ins of one email (a reset code just set its password)."""
    s.execute(delete(SignInAttemptRow).where(SignInAttemptRow.email == email))


@dataclass(frozen=True, slots=True)
class DeletedCounts:
    """What is left of the accounts deleted: how many, and the counts of what concerned
    them."""

    accounts: int
    audit_entries: int
    shares_given: int
    shares_received: int
    comments_written: int


def forget(s: Session, account: Account, on: dt.date) -> None:
    """Before an account's person is deleted (in the same transaction): keep only counts
    of what concerned it, and put "a deleted account" where other people's records (their
    audit logs, the comments and suggestions on their goals) named it; its failed
    sign-ins go. Other people's rows are reached for the rest of the transaction (on
    PostgreSQL, row-level security is told so)."""
    if s.get_bind().dialect.name == "postgresql":
        act_for(s, None)
    email, person = account.email, account.person_id

    def count(table: type, *where: ColumnElement[bool]) -> int:
        found: int | None = s.scalar(select(func.count()).select_from(table).where(*where))
        return found or 0

    written = (count(GoalCommentRow, GoalCommentRow.author == email)
               + count(GoalSuggestionRow, GoalSuggestionRow.author == email))
    s.add(DeletedAccountRow(
        deleted_on=on, audit_entries=count(ShareAuditRow, ShareAuditRow.owner_person_id == person),
        shares_given=count(ShareRow, ShareRow.owner_person_id == person),
        shares_received=count(ShareRow, ShareRow.mentor_account_id == account.id),
        comments_written=written))
    s.execute(delete(ShareAuditRow).where(ShareAuditRow.owner_person_id == person))
    s.execute(delete(ShareRow).where((ShareRow.owner_person_id == person)
                                     | (ShareRow.mentor_account_id == account.id)))
    for table in (GoalCommentRow, GoalSuggestionRow):
        s.execute(update(table).where(table.author == email).values(author=DELETED))
    s.execute(update(ShareAuditRow).where(ShareAuditRow.actor == email).values(actor=DELETED))
    s.execute(delete(SignInAttemptRow).where(SignInAttemptRow.email == email))


def deleted_counts(s: Session) -> DeletedCounts:
    """The totals of every account deleted so far."""
    row = s.execute(select(func.count(), func.sum(DeletedAccountRow.audit_entries),
                           func.sum(DeletedAccountRow.shares_given),
                           func.sum(DeletedAccountRow.shares_received),
                           func.sum(DeletedAccountRow.comments_written))).one()
    return DeletedCounts(*(int(v or 0) for v in row))
