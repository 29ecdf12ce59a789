"""The tracking feature's entry on the facade: recording, well-being, reviews and status."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from cairn.core.balance import NoPlan, PlanSignals
from cairn.core.support import FollowUp
from cairn.services.goals import GoalService
from cairn.services.profile import ProfileService
from cairn.services.reviews import AssessmentProvider, ReassessmentStep, ReviewService
from cairn.services.scope import Scope, reads
from cairn.services.status_reads import Status, read_status
from cairn.services.tasks import TaskService
from cairn.services.tracking import TrackingService
from cairn.services.wellbeing import WellbeingService


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
        return read_status(self.wellbeing, self.reviews.reader, followups)
