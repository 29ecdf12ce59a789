"""The tracking feature's entry on the facade: recording, well-being, reviews and status."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from cairn.core.balance import BalanceRow, HabitStreak, NoPlan, PlanSignals
from cairn.core.burnout import BurnoutRisk
from cairn.core.investment import Investment
from cairn.core.model import Goal
from cairn.core.progress import GoalProgress
from cairn.core.review import DueReview
from cairn.core.support import FollowUp
from cairn.core.tracking import RestPeriod
from cairn.core.waiting import Nudges, nudges
from cairn.services.goals import GoalService
from cairn.services.profile import ProfileService
from cairn.services.reviews import AssessmentProvider, ReassessmentStep, ReviewService
from cairn.services.scope import Scope, reads
from cairn.services.tasks import TaskService
from cairn.services.tracking import TrackingService
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


class Tracking:
    """Establish, track, correct: ``record`` what happens, read ``wellbeing``, hold ``reviews``.

    ``plan`` is where the weekly time plan gives its budgets, boundary and
    overcommitment (see :class:`~cairn.core.balance.PlanSignals`); ``assessments`` and
    ``reassessment_steps`` go to the reviews (see :class:`ReviewService`).
    """

    def __init__(self, scope: Scope, profile: ProfileService, goals: GoalService,
                 tasks: TaskService, plan: PlanSignals | None = None, *,
                 assessments: AssessmentProvider | None = None,
                 reassessment_steps: Mapping[str, ReassessmentStep | None] | None = None
                 ) -> None:
        self.scope = scope
        self.record = TrackingService(scope, profile, tasks)
        self.wellbeing = WellbeingService(scope, profile, plan or NoPlan())
        self.reviews = ReviewService(scope, goals, self.wellbeing, assessments=assessments,
                                     reassessment_steps=reassessment_steps)

    @reads
    def status(self, *, followups: Sequence[FollowUp] = ()) -> Status:
        """Balance, alerts, burnout risk, reviews due, streaks, investment and rest mode;
        ``followups`` (the support network's, due today) are sorted into due or waiting."""
        goals, progress = self.wellbeing.goal_progress()
        balance = self.wellbeing.balance((goals, progress))
        found = nudges(self.scope.today(), self.record.rests(), self.reviews.schedule(), followups,
                       self.wellbeing.alerts(balance))
        return Status(balance=balance, alerts=list(found.alerts),
                      burnout=self.wellbeing.burnout(), due=list(found.reviews_due),
                      upcoming=list(found.reviews_upcoming), nudges=found,
                      streaks=self.wellbeing.streaks(), habits=self.wellbeing.habit_streaks(),
                      investment=self.wellbeing.investment(),
                      rest=found.rest, goals=goals, progress=progress)
