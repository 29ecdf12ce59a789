"""The one-screen summary behind ``cairn status``, put together from well-being, the review
schedule and the follow-ups due; read-only, through the scope's records
(:mod:`cairn.services.records`), so it runs on the quick reader as well as on the facade.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from cairn.core.balance import BalanceRow, HabitStreak
from cairn.core.burnout import BurnoutRisk
from cairn.core.investment import Investment
from cairn.core.model import Goal
from cairn.core.progress import GoalProgress
from cairn.core.review import DueReview
from cairn.core.support import FollowUp, due_followups
from cairn.core.tracking import RestPeriod
from cairn.core.waiting import Nudges, nudges
from cairn.services.review_reads import ReviewReader
from cairn.services.scope import ReadScope
from cairn.services.wellbeing import WellbeingService


@dataclass(frozen=True)
class Status:
    """The one-screen summary behind ``cairn status``. In rest mode, due reviews and
    follow-ups and the crowding alerts wait (``nudges``: :mod:`cairn.core.waiting`);
    ``due`` and ``alerts`` then stay empty."""

    balance: list[BalanceRow]
    alerts: list[str]
    burnout: BurnoutRisk
    due: list[DueReview]
    upcoming: list[DueReview]
    nudges: Nudges
    streaks: dict[str, int]
    habits: list[HabitStreak]
    investment: Investment
    rest: RestPeriod | None
    goals: list[Goal]
    progress: dict[int, GoalProgress]


def read_status(wellbeing: WellbeingService, reviews: ReviewReader,
                followups: Sequence[FollowUp]) -> Status:
    """Balance, alerts, burnout risk, reviews due, streaks, investment and rest mode;
    ``followups`` (the support network's, due today) are sorted into due or waiting. Run it
    inside one read (``@reads``) for one consistent view."""
    scope = wellbeing.scope
    goals, progress = wellbeing.goal_progress()
    balance = wellbeing.balance((goals, progress))
    with scope.records() as r:
        rests = r.list_rests()
    found = nudges(scope.today(), rests, reviews.schedule(), followups,
                   wellbeing.alerts(balance))
    return Status(balance=balance, alerts=list(found.alerts),
                  burnout=wellbeing.burnout(), due=list(found.reviews_due),
                  upcoming=list(found.reviews_upcoming), nudges=found,
                  streaks=wellbeing.streaks(), habits=wellbeing.habit_streaks(),
                  investment=wellbeing.investment(),
                  rest=found.rest, goals=goals, progress=progress)


def followups_due(scope: ReadScope, on: dt.date, within_days: int = 0) -> list[FollowUp]:
    """Contacts due for a follow-up by ``on`` plus ``within_days``."""
    with scope.records() as r:
        contacts, interactions = r.list_contacts(), r.list_interactions()
    return due_followups(contacts, interactions, on, within_days)
