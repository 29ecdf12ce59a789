"""When reviews fall due and the facts a review starts from: the read-only half of the
reviews, read through the scope's records (:mod:`cairn.services.records`), so that
``cairn status`` and ``cairn review --summary`` can run them on the quick reader.
:class:`cairn.services.reviews.ReviewService` holds reviews and asks this for the rest.
"""

from __future__ import annotations

import datetime as dt

from cairn.core.progress import roll_up
from cairn.core.review import (
    STALE_DAYS,
    DueReview,
    detect_drift,
    overdue_milestones,
    review_schedule,
    stale_goals,
)
from cairn.core.tracking import ReviewKind
from cairn.services.records import ProfileReads
from cairn.services.review_facts import ReviewFacts, checkin_trend
from cairn.services.scope import ReadScope, reads
from cairn.services.wellbeing import WellbeingService

BURNOUT_TREND_WEEKS = 8  # weekly burnout levels a first review shows (later: since the last)


class ReviewReader:
    """The review schedule and a review's facts."""

    def __init__(self, scope: ReadScope, profile: ProfileReads,
                 wellbeing: WellbeingService) -> None:
        self.scope = scope
        self.profile = profile
        self.wellbeing = wellbeing

    @reads
    def schedule(self) -> list[DueReview]:
        """When the weekly, monthly and six-monthly reviews fall due."""
        started = self.profile.get().created_at.date()
        with self.scope.records() as r:
            last = {k: at.date() for k, at in r.last_review_dates().items()}
            open_events = sum(1 for e in r.list_events() if not e.reviewed)
        return review_schedule(self.scope.today(), started, last,
                               self.scope.settings.reassess_months, open_events)

    def due(self) -> list[DueReview]:
        """The reviews due today or overdue."""
        return [d for d in self.schedule() if d.is_due(self.scope.today())]

    @reads
    def facts(self, kind: ReviewKind = ReviewKind.WEEKLY) -> ReviewFacts:
        """What a review starts from: progress, stale goals, overdue milestones, drift, trends."""
        day = self.scope.today()
        drift_since = day - dt.timedelta(days=STALE_DAYS - 1)
        with self.scope.records() as r:
            goals = r.goals()
            milestones = r.milestones()
            tasks = r.tasks_for_progress()
            activity = r.last_goal_activity()
            last_reviews = r.last_review_dates()
            drift_minutes = r.minutes_by_area(drift_since, day)
            events = [e for e in r.list_events() if not e.reviewed]
        last = max(last_reviews.values(), default=None)
        since = last.date() if last else day - dt.timedelta(days=STALE_DAYS)
        with self.scope.records() as r:
            period_minutes = r.minutes_by_area(since, day)
            span = max((day - since).days, 7)
            checkins = r.list_checkins(
                dt.datetime.combine(since - dt.timedelta(days=span), dt.time()))
            scores = r.checkin_scores()
        open_goals = [g for g in goals if g.is_open]
        progress = roll_up(goals, milestones, tasks)
        trend = self.wellbeing.burnout_trend(
            last.date() if last else day - dt.timedelta(weeks=BURNOUT_TREND_WEEKS - 1), day)
        return ReviewFacts(
            kind=kind, today=day, since=since, last_review=last,
            progress=[(g, progress[g.id].fraction) for g in open_goals],
            stale=stale_goals(goals, activity, day),
            overdue=overdue_milestones(milestones, {g.id for g in open_goals}, day),
            drift=detect_drift(goals, {a: m / 60 for a, m in drift_minutes.items()}),
            hours_by_area={a: m / 60 for a, m in period_minutes.items()},
            trend=checkin_trend(checkins, scores, since),
            burnout=trend[-1][1], events=events,
            burnout_before=self._last_burnout_level(), burnout_trend=trend,
            areas={a.id: a.key for a in self.profile.areas(include_archived=True)},
        )

    def _last_burnout_level(self) -> str | None:
        """The burnout-risk level the previous review saw, for the trend."""
        with self.scope.records() as r:
            reviews = r.list_reviews()
        if not reviews:
            return None
        seen = reviews[-1].facts.get("burnout")
        return str(seen.get("level")) if isinstance(seen, dict) else None

