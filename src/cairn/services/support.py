"""The support network: contacts, interactions, follow-ups and feedback on goals."""

from __future__ import annotations

import dataclasses
import datetime as dt

from cairn.core.actions import Action
from cairn.core.errors import Conflict, InvalidInput, NotFound
from cairn.core.rules import check_count, check_text, check_title
from cairn.core.support import (
    Contact,
    ContactKind,
    FeedbackRequest,
    FollowUp,
    Interaction,
)
from cairn.services.goals import GoalService
from cairn.services.scope import Scope, reads, writes
from cairn.services.status_reads import followups_due
from cairn.store import support as store

MAX_CADENCE_WEEKS = 104
MAX_WITHIN_DAYS = 3660  # ten years ahead


def check_cadence(weeks: int | None) -> int | None:
    """A follow-up cadence in whole weeks, 1-104, or None for no reminders."""
    if weeks is None or weeks == 0:
        return None
    if not 1 <= weeks <= MAX_CADENCE_WEEKS:
        raise InvalidInput(f"Every {weeks} weeks is outside 1-{MAX_CADENCE_WEEKS}.",
                           "Give how many weeks between follow-ups, e.g. --every 4; "
                           "0 for no reminders.")
    return weeks


class SupportService:
    """Use cases for the support network."""

    def __init__(self, scope: Scope, goals: GoalService) -> None:
        self.scope = scope
        self.goals = goals

    def get(self, contact_id: int) -> Contact:
        """One contact, or :class:`NotFound`."""
        with self.scope.read() as s:
            contact = store.get_contact(s, contact_id)
        if contact is None:
            raise NotFound(f"There is no contact #{contact_id}.",
                           "See the ids with {action}.", Action.to("contact.list"))
        return contact

    def contacts(self, *, include_archived: bool = False) -> list[Contact]:
        """The contacts, archived ones only when asked."""
        with self.scope.read() as s:
            found = store.list_contacts(s)
        return [c for c in found if include_archived or not c.archived]

    @writes
    def add(self, name: str, kind: ContactKind, *, helps_with: str = "", reach: str = "",
            cadence_weeks: int | None = None) -> Contact:
        """Add a mentor, coach, peer or community."""
        self.goals.profile.get()
        contact = Contact(0, check_title(name, "name"), kind,
                          check_text(helps_with, "help").strip(),
                          check_text(reach, "reach").strip(), check_cadence(cadence_weeks))
        with self.scope.write() as s:
            return store.add_contact(s, contact, self.scope.now())

    @writes
    def edit(self, contact_id: int, **changes: object) -> Contact:
        """Change a contact's name, kind, help, reach, cadence or archived flag."""
        old = self.get(contact_id)
        if "name" in changes:
            changes["name"] = check_title(str(changes["name"]), "name")
        for key in ("helps_with", "reach"):
            if key in changes:
                changes[key] = check_text(str(changes[key]), key.replace("_", " ")).strip()
        if "cadence_weeks" in changes:
            changes["cadence_weeks"] = check_cadence(changes["cadence_weeks"])  # type: ignore[arg-type]
        new = dataclasses.replace(old, **changes)  # type: ignore[arg-type]
        with self.scope.write() as s:
            store.update_contact(s, new)
        return new

    @writes
    def log(self, contact_id: int, note: str, at: dt.datetime | None = None) -> Interaction:
        """Record an interaction; it restarts the contact's follow-up clock."""
        self.get(contact_id)
        with self.scope.write() as s:
            return store.add_interaction(s, contact_id, at or self.scope.now(),
                                         check_text(note, "note").strip())

    def interactions(self, contact_id: int | None = None) -> list[Interaction]:
        """Interactions, oldest first, of one contact or all."""
        with self.scope.read() as s:
            return store.list_interactions(s, contact_id)

    @reads
    def due_followups(self, on: dt.date | None = None, within_days: int = 0) -> list[FollowUp]:
        """Contacts due for a follow-up by ``on`` (default today) plus ``within_days``."""
        check_count(within_days, "The days ahead (--within)", 0, MAX_WITHIN_DAYS)
        return followups_due(self.scope, on or self.scope.today(), within_days)

    @writes
    def ask(self, contact_id: int, goal_id: int, question: str) -> FeedbackRequest:
        """Record that feedback on a goal is asked of a contact (it counts as an interaction)."""
        contact = self.get(contact_id)
        goal = self.goals.get(goal_id)
        text = check_title(question, "question")
        at = self.scope.now()
        with self.scope.write() as s:
            request = store.add_request(s, contact.id, goal.id, text, at)
            store.add_interaction(s, contact.id, at, f"Asked for feedback on goal #{goal.id}: "
                                  f"{text}")
        return request

    def request(self, request_id: int) -> FeedbackRequest:
        """One feedback request, or :class:`NotFound`."""
        with self.scope.read() as s:
            found = store.get_request(s, request_id)
        if found is None:
            raise NotFound(f"There is no feedback request #{request_id}.",
                           "See requests with {action}.",
                           Action.to("contact.show", contact_id=None))
        return found

    @writes
    def record_feedback(self, request_id: int, feedback: str) -> FeedbackRequest:
        """Store the feedback a contact gave on a goal."""
        request = self.request(request_id)
        if request.answered:
            raise Conflict(f"Request #{request_id} already has feedback.",
                           "Ask again with {action} for a new round.",
                           Action.to("contact.ask", contact_id=request.contact_id,
                                     goal_id=request.goal_id, question=None))
        text = check_text(feedback, "feedback").strip()
        if not text:
            raise InvalidInput("The feedback is empty.", "Give the feedback as text.")
        at = self.scope.now()
        with self.scope.write() as s:
            store.answer_request(s, request_id, text, at)
            store.add_interaction(s, request.contact_id, at,
                                  f"Feedback on goal #{request.goal_id}")
        return dataclasses.replace(request, feedback=text, answered_at=at)

    def requests(self, *, goal_id: int | None = None,
                 contact_id: int | None = None) -> list[FeedbackRequest]:
        """Feedback requests of a goal, of a contact, or all."""
        with self.scope.read() as s:
            return store.list_requests(s, goal_id=goal_id, contact_id=contact_id)
