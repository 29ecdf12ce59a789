"""The support network: contacts, interactions, feedback requests and due follow-ups."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum


class ContactKind(StrEnum):
    """Who a contact is to the person."""

    MENTOR = "mentor"
    COACH = "coach"
    PEER = "peer"
    COMMUNITY = "community"


@dataclass(frozen=True, slots=True)
class Contact:
    """Someone (or a group) who supports the person, and how often to keep in touch."""

    id: int
    name: str
    kind: ContactKind
    helps_with: str = ""
    reach: str = ""
    cadence_weeks: int | None = None
    created_at: dt.datetime | None = None
    archived: bool = False


@dataclass(frozen=True, slots=True)
class Interaction:
    """One conversation, meeting or message with a contact."""

    id: int
    contact_id: int
    at: dt.datetime
    note: str


@dataclass(frozen=True, slots=True)
class FeedbackRequest:
    """A question about one goal put to a contact, and the answer once it comes."""

    id: int
    contact_id: int
    goal_id: int
    question: str
    asked_at: dt.datetime
    feedback: str | None = None
    answered_at: dt.datetime | None = None

    @property
    def answered(self) -> bool:
        """True once feedback has been recorded."""
        return self.feedback is not None


@dataclass(frozen=True, slots=True)
class FollowUp:
    """A contact whose cadence says it is time to get in touch again."""

    contact: Contact
    last_contact: dt.date | None
    due: dt.date
    days_overdue: int


def last_contacts(interactions: Sequence[Interaction]) -> dict[int, dt.date]:
    """contact id -> date of the latest interaction."""
    latest: dict[int, dt.date] = {}
    for i in interactions:
        day = i.at.date()
        if i.contact_id not in latest or day > latest[i.contact_id]:
            latest[i.contact_id] = day
    return latest


def due_followups(contacts: Sequence[Contact], interactions: Sequence[Interaction],
                  today: dt.date, within_days: int = 0) -> list[FollowUp]:
    """Contacts with a cadence whose next touch falls on or before ``today + within_days``.

    The clock starts at the last interaction, or at the day the contact was added
    when there has been none: a new mentor is due one cadence after adding them.
    Most overdue first.
    """
    latest = last_contacts(interactions)
    horizon = today + dt.timedelta(days=within_days)
    found: list[FollowUp] = []
    for c in contacts:
        if c.archived or not c.cadence_weeks:
            continue
        last = latest.get(c.id)
        start = last or (c.created_at.date() if c.created_at else today)
        due = start + dt.timedelta(weeks=c.cadence_weeks)
        if due <= horizon:
            found.append(FollowUp(c, last, due, (today - due).days))
    return sorted(found, key=lambda f: (f.due, f.contact.id))
