"""Reviews: the cadence, the facts a review starts from, and the decisions it records.

Every decision goes through :class:`GoalService` with a reason naming the review
("review #3: no time for it"), so the goal history keeps it; the review row keeps
the facts it saw and the decision lines, so ``cairn review show`` replays it.

A six-monthly reassessment runs :attr:`ReviewService.reassessment_steps`: each step
is a name and a callable returning what it did, or None while the feature behind
it (assessments, matching) is not installed; those are listed as pending.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from cairn import settings
from cairn.core.decisions import Decision, parse_decisions
from cairn.core.errors import CairnError, InvalidInput, NotFound
from cairn.core.model import GoalChange, GoalStatus, Horizon, Priority
from cairn.core.progress import roll_up
from cairn.core.review import (
    STALE_DAYS,
    DueReview,
    detect_drift,
    overdue_milestones,
    review_schedule,
    stale_goals,
)
from cairn.core.tracking import Review, ReviewKind
from cairn.services import review_facts
from cairn.services.choices import parse_choice
from cairn.services.dates import now, parse_date, today
from cairn.services.goals import GoalService
from cairn.services.review_facts import ReviewFacts
from cairn.services.wellbeing import WellbeingService
from cairn.store import repo, track
from cairn.store.db import Database

STATUS_ACTIONS = {"pause": GoalStatus.PAUSED, "resume": GoalStatus.ACTIVE,
                  "done": GoalStatus.DONE, "drop": GoalStatus.DROPPED}
ReassessmentStep = Callable[[], str | None]
BURNOUT_TREND_WEEKS = 8  # weekly burnout levels a first review shows (later: since the last)


@dataclass
class HeldReview:
    """A review just held: the stored review, what each decision did, what is pending."""

    review: Review
    applied: list[str] = field(default_factory=list)


class ReviewService:
    """Scheduling and holding reviews."""

    def __init__(self, db: Database, goals: GoalService, wellbeing: WellbeingService) -> None:
        self.db = db
        self.goals = goals
        self.wellbeing = wellbeing
        # Extension point: the assessment and matching features register their steps here.
        self.reassessment_steps: dict[str, ReassessmentStep | None] = {
            "retake the assessments (interests, values, skills) and compare": None,
            "re-run occupation matching against the catalog": None,
        }

    def schedule(self) -> list[DueReview]:
        """When the weekly, monthly and six-monthly reviews fall due."""
        started = self.goals.profile.get().created_at.date()
        with self.db.read() as s:
            last = {k: at.date() for k, at in track.last_review_dates(s).items()}
            open_events = sum(1 for e in track.list_events(s) if not e.reviewed)
        return review_schedule(today(), started, last, settings.reassess_months(), open_events)

    def due(self) -> list[DueReview]:
        """The reviews due today or overdue."""
        return [d for d in self.schedule() if d.is_due(today())]

    def facts(self, kind: ReviewKind = ReviewKind.WEEKLY) -> ReviewFacts:
        """What a review starts from: progress, stale goals, overdue milestones, drift, trends."""
        day = today()
        drift_since = day - dt.timedelta(days=STALE_DAYS - 1)
        with self.db.read() as s:
            goals = repo.list_goals(s)
            milestones = repo.list_milestones(s)
            tasks = track.tasks_for_progress(s)
            activity = track.last_goal_activity(s)
            last_reviews = track.last_review_dates(s)
            drift_minutes = track.minutes_by_area(s, drift_since, day)
            events = [e for e in track.list_events(s) if not e.reviewed]
        last = max(last_reviews.values(), default=None)
        since = last.date() if last else day - dt.timedelta(days=STALE_DAYS)
        with self.db.read() as s:
            period_minutes = track.minutes_by_area(s, since, day)
            span = max((day - since).days, 7)
            checkins = track.list_checkins(
                s, dt.datetime.combine(since - dt.timedelta(days=span), dt.time()))
            scores = track.checkin_scores(s)
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
            trend=review_facts.checkin_trend(checkins, scores, since),
            burnout=trend[-1][1], events=events,
            burnout_before=self._last_burnout_level(), burnout_trend=trend,
            areas={a.id: a.key for a in self.goals.profile.areas(include_archived=True)},
        )

    def _last_burnout_level(self) -> str | None:
        """The burnout-risk level the previous review saw, for the trend."""
        with self.db.read() as s:
            reviews = track.list_reviews(s)
        if not reviews:
            return None
        seen = reviews[-1].facts.get("burnout")
        return str(seen.get("level")) if isinstance(seen, dict) else None

    # -- holding a review -------------------------------------------------------------

    def check_decisions(self, lines: Sequence[str]) -> list[Decision]:
        """Parse decision lines and check each against the goals; every problem at once."""
        decisions = parse_decisions(lines)
        problems: list[str] = []
        for d in decisions:
            try:
                self._check(d)
            except CairnError as err:
                problems.append(f"'{d.describe()}': {err.message}")
        if problems:
            raise InvalidInput("Some decisions cannot be applied: " + " ".join(problems),
                               "Fix those lines and run the review again.")
        return decisions

    def _check(self, d: Decision) -> None:
        if d.action == "add":
            self.goals.profile.resolve_area(d.value)
            return
        if d.goal_id is None:
            return
        goal = self.goals.get(d.goal_id)
        if d.action == "deadline":
            parse_date(d.value)
        elif d.action == "target":
            if goal.metric is None:
                raise InvalidInput(f"Goal #{goal.id} has no metric to set a target on.")
            float(d.value)
        elif d.action == "priority":
            parse_choice(Priority, d.value, "priority")

    def hold(self, kind: ReviewKind, decision_lines: Sequence[str] = (), notes: str = "",
             facts: ReviewFacts | None = None) -> HeldReview:
        """Record a review with its facts, apply its decisions, and mark events reviewed."""
        decisions = self.check_decisions(decision_lines)
        seen = facts or self.facts(kind)
        at = now()
        with self.db.write() as s:
            review_id = track.add_review(s, kind, at)
            first_change = track.max_change_id(s)
        held = HeldReview(Review(review_id, kind, at))
        pending: list[str] = []
        note_lines = [notes.strip()] if notes.strip() else []
        for d in decisions:
            reason = f"review #{review_id}: {d.reason or d.action}"
            if d.action == "note":
                note_lines.append(d.reason)
            elif d.action == "retake":
                pending.append(f"retake {d.value} (the assessment feature is not installed)")
            elif d.action == "add":
                goal = self.goals.add(d.reason, area=d.value, horizon=Horizon.SHORT_TERM)
                with self.db.write() as s:
                    repo.add_changes(s, [GoalChange(goal.id, "review", None,
                                                    f"added by review #{review_id}", now(),
                                                    f"review #{review_id}: added")])
                held.applied.append(f"added goal #{goal.id} {goal.title}")
            else:
                held.applied.append(self._apply(d, reason))
        if kind is ReviewKind.SIX_MONTHLY:
            for name, step in self.reassessment_steps.items():
                outcome = step() if step is not None else None
                if outcome is None:
                    pending.append(f"{name} (not installed yet)")
                else:
                    held.applied.append(outcome)
                    note_lines.append(outcome)  # kept with the review, so a replay shows it
        review = Review(review_id, kind, held.review.at, review_facts.to_json(seen),
                        [d.describe() for d in decisions], "\n".join(note_lines), pending)
        with self.db.write() as s:
            track.link_review_changes(s, review_id, first_change)
            track.mark_events_reviewed(s, review_id)
            track.finish_review(s, review)
        held.review = review
        return held

    def _apply(self, d: Decision, reason: str) -> str:
        assert d.goal_id is not None
        if d.action in STATUS_ACTIONS:
            goal = self.goals.set_status(d.goal_id, STATUS_ACTIONS[d.action], reason)
            return f"goal #{goal.id} {goal.title}: {goal.status.value}"
        if d.action == "deadline":
            goal, _ = self.goals.edit(d.goal_id, reason, deadline=parse_date(d.value))
            return f"goal #{goal.id} {goal.title}: deadline {goal.deadline}"
        if d.action == "target":
            goal, _ = self.goals.edit(d.goal_id, reason, metric_target=float(d.value))
            return f"goal #{goal.id} {goal.title}: target {float(d.value):g}"
        goal, _ = self.goals.edit(d.goal_id, reason,
                                  priority=parse_choice(Priority, d.value, "priority"))
        return f"goal #{goal.id} {goal.title}: priority {goal.priority.value}"

    # -- replaying --------------------------------------------------------------------

    def past(self) -> list[Review]:
        """Every review held, oldest first."""
        with self.db.read() as s:
            return track.list_reviews(s)

    def get(self, review_id: int) -> tuple[Review, list[GoalChange]]:
        """One review and the goal changes it made."""
        with self.db.read() as s:
            review = track.get_review(s, review_id)
            changes = track.review_changes(s, review_id)
        if review is None:
            raise NotFound(f"There is no review #{review_id}.",
                           "See past reviews with `cairn review list`.")
        return review, changes
