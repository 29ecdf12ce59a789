"""What people share with their mentors, the audit of what others saw and did, and
mentors' comments on goals.

Shares and the audit are shared tables (sessions for no person); comments are the goal
owner's personal rows (sessions acting for the owner).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from cairn.store.account_tables import (
    AccountRow,
    GoalCommentRow,
    GoalSuggestionRow,
    ShareAuditRow,
    ShareRow,
)
from cairn.store.people import person_of


@dataclass(frozen=True, slots=True)
class Share:
    """One share: whose, with whom (both accounts' emails), which parts, comments or not."""

    id: int
    owner_person_id: int
    owner_email: str
    mentor_account_id: int
    mentor_email: str
    parts: tuple[str, ...]
    comments: bool
    created_at: dt.datetime
    revoked_at: dt.datetime | None


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """Who did what with the owner's data, when."""

    actor: str
    what: str
    at: dt.datetime


@dataclass(frozen=True, slots=True)
class Comment:
    """A comment on a goal."""

    id: int
    goal_id: int
    author: str
    body: str
    at: dt.datetime


def _shares(s: Session, *where: object) -> list[Share]:
    owner = AccountRow.__table__.alias("owner")
    mentor = AccountRow.__table__.alias("mentor")
    q = (select(ShareRow, owner.c.email, mentor.c.email)
         .join(owner, owner.c.person_id == ShareRow.owner_person_id)
         .join(mentor, mentor.c.id == ShareRow.mentor_account_id)
         .where(*where).order_by(ShareRow.id))  # type: ignore[arg-type]
    return [Share(r.id, r.owner_person_id, owner_email, r.mentor_account_id, mentor_email,
                  tuple(p for p in r.parts.split(",") if p), r.comments, r.created_at,
                  r.revoked_at)
            for r, owner_email, mentor_email in s.execute(q).all()]


def add_share(s: Session, owner_person_id: int, mentor_account_id: int,
              parts: tuple[str, ...], comments: bool, at: dt.datetime) -> int:
    """A new share; its id."""
    row = ShareRow(owner_person_id=owner_person_id, mentor_account_id=mentor_account_id,
                   parts=",".join(parts), comments=comments, created_at=at)
    s.add(row)
    s.flush()
    return row.id


def get_share(s: Session, share_id: int) -> Share | None:
    """One share by id (revoked or not)."""
    found = _shares(s, ShareRow.id == share_id)
    return found[0] if found else None


def shares_by(s: Session, owner_person_id: int) -> list[Share]:
    """Every share a person made."""
    return _shares(s, ShareRow.owner_person_id == owner_person_id)


def shares_with(s: Session, mentor_account_id: int) -> list[Share]:
    """The live shares with an account."""
    return _shares(s, ShareRow.mentor_account_id == mentor_account_id,
                   ShareRow.revoked_at.is_(None))


def revoke(s: Session, share_id: int, owner_person_id: int, at: dt.datetime) -> bool:
    """End a share of the owner's; False when there is no such live share of theirs."""
    done = s.execute(update(ShareRow).where(ShareRow.id == share_id,
                                            ShareRow.owner_person_id == owner_person_id,
                                            ShareRow.revoked_at.is_(None))
                     .values(revoked_at=at))
    return bool(getattr(done, "rowcount", 0) == 1)


def add_audit(s: Session, owner_person_id: int, actor: str, what: str,
              at: dt.datetime) -> None:
    """Record what someone other than the owner did."""
    s.add(ShareAuditRow(owner_person_id=owner_person_id, actor=actor, what=what[:300], at=at))


def audit(s: Session, owner_person_id: int, limit: int = 200) -> list[AuditEntry]:
    """The newest audit entries about a person."""
    q = (select(ShareAuditRow).where(ShareAuditRow.owner_person_id == owner_person_id)
         .order_by(ShareAuditRow.at.desc(), ShareAuditRow.id.desc()).limit(limit))
    return [AuditEntry(r.actor, r.what, r.at) for r in s.scalars(q)]


# -- comments (the owner's personal rows) --------------------------------------------


def add_comment(s: Session, goal_id: int, author: str, body: str, at: dt.datetime) -> int:
    """A comment on the session's person's goal."""
    row = GoalCommentRow(goal_id=goal_id, author=author, body=body, at=at)
    s.add(row)
    s.flush()
    return row.id


def comments(s: Session, goal_id: int | None = None) -> list[Comment]:
    """The session's person's goal comments (of one goal), oldest first."""
    q = select(GoalCommentRow).where(GoalCommentRow.person_id == person_of(s))
    if goal_id is not None:
        q = q.where(GoalCommentRow.goal_id == goal_id)
    return [Comment(r.id, r.goal_id, r.author, r.body, r.at)
            for r in s.scalars(q.order_by(GoalCommentRow.id))]


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A goal a mentor suggested."""

    id: int
    author: str
    title: str
    why: str
    status: str
    goal_id: int | None
    at: dt.datetime


def add_suggestion(s: Session, author: str, title: str, why: str, at: dt.datetime) -> int:
    """A suggested goal for the session's person (open)."""
    row = GoalSuggestionRow(author=author, title=title, why=why, status="open", at=at)
    s.add(row)
    s.flush()
    return row.id


def suggestions(s: Session) -> list[Suggestion]:
    """The session's person's suggested goals, newest first."""
    q = (select(GoalSuggestionRow).where(GoalSuggestionRow.person_id == person_of(s))
         .order_by(GoalSuggestionRow.id.desc()))
    return [Suggestion(r.id, r.author, r.title, r.why, r.status, r.goal_id, r.at)
            for r in s.scalars(q)]


def settle_suggestion(s: Session, suggestion_id: int, status: str,
                      goal_id: int | None = None) -> bool:
    """Accept or decline an open suggestion; False when there is no such open one."""
    done = s.execute(update(GoalSuggestionRow)
                     .where(GoalSuggestionRow.person_id == person_of(s),
                            GoalSuggestionRow.id == suggestion_id,
                            GoalSuggestionRow.status == "open")
                     .values(status=status, goal_id=goal_id))
    return bool(getattr(done, "rowcount", 0) == 1)


def get_suggestion(s: Session, suggestion_id: int) -> Suggestion | None:
    """One of the session's person's suggestions."""
    return next((x for x in suggestions(s) if x.id == suggestion_id), None)
