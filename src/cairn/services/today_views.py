"""The Today page as one view model: the status, the person's name and today's sessions."""

from __future__ import annotations

from dataclasses import dataclass

from cairn.services.planning_views import SessionView
from cairn.services.status_views import StatusPage


@dataclass(frozen=True, slots=True)
class TodayPage:
    """name, status (as ``cairn status --json``), sessions (today's, from the accepted
    plan, in the person's local time)."""

    name: str
    status: StatusPage
    sessions: tuple[SessionView, ...]
