"""The calendar subscription's secret: one token per person, replaced or deleted."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from cairn.store.people import person_of
from cairn.store.planning_tables import CalendarFeedRow


def get_token(s: Session) -> str | None:
    """The person's feed token, None when they have no subscription address."""
    return s.scalar(select(CalendarFeedRow.token).where(CalendarFeedRow.person_id == person_of(s))
                    .limit(1))


def set_token(s: Session, token: str, at: dt.datetime) -> None:
    """Store ``token`` as the person's only feed token."""
    delete_token(s)
    s.add(CalendarFeedRow(id=1, token=token, created_at=at))


def delete_token(s: Session) -> bool:
    """Forget the person's feed token; False when there was none."""
    done = s.execute(delete(CalendarFeedRow).where(CalendarFeedRow.person_id == person_of(s)))
    return bool(getattr(done, "rowcount", 0))
