"""The calendar subscription: a secret address (``webcal://…/plan/feed/TOKEN.ics``) that
serves the accepted plan and reminders as iCalendar, with the same stable UIDs as
``cairn plan export``, so a calendar app that polls it updates its events in place.

The token is random (256 bits), kept per person, compared in constant time, and replaced
(the old address stops working) or deleted on request.
"""

from __future__ import annotations

import hmac
import secrets
from typing import TYPE_CHECKING

from cairn.core.errors import NotFound
from cairn.store import feeds

if TYPE_CHECKING:
    from cairn.services.app import Cairn



def token(c: Cairn) -> str | None:
    """The person's current token, None without a subscription address."""
    with c.scope.read() as s:
        return feeds.get_token(s)


def new_token(c: Cairn) -> str:
    """A new token (the old address stops working)."""
    fresh = secrets.token_urlsafe(32)
    with c.scope.write() as s:
        feeds.set_token(s, fresh, c.scope.now())
    return fresh


def revoke(c: Cairn) -> None:
    """Stop the subscription: the address stops working."""
    with c.scope.write() as s:
        if not feeds.delete_token(s):
            raise NotFound("There is no subscription address to stop.",
                           "Make one on the Plan page first.")


def feed(c: Cairn, given: str) -> bytes:
    """The accepted plan and reminders as an .ics file, for the holder of the token."""
    from cairn.calendars.ics_export import write_plan

    with c.scope.read() as s:
        stored = feeds.get_token(s)
        if stored is None or not hmac.compare_digest(stored.encode(), given.encode()):
            raise NotFound("There is no calendar at this address.",
                           "Copy the subscription address again from the Plan page.")
        sessions = c.planning.accepted()
        reminders = c.planning.reminders()
    return write_plan(sessions, reminders, c.planning.zone(), c.scope.now())
