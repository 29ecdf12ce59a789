"""Reviews: the cadence, the facts a review starts from, and the decisions it records.

Every decision goes through :class:`GoalService` with a reason naming the review
("review #3: no time for it"), so the goal history keeps it; the review row keeps
the facts it saw and the decision lines, so ``cairn review show`` replays it.

A six-monthly reassessment compares each assessment's latest take with the take
that stood at the previous reassessment (the person retakes them during the review,
or beforehand with ``cairn assess``), keeps the comparison with the review's facts,
then runs its reassessment steps (matching, given by the facade when it builds the service):
each step returns what it did, or raises a :class:`CairnError` saying why it cannot
run yet, which is listed as pending. A ``retake X`` decision in any review compares X
the same way, against the take that stood at the previous review.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from cairn.commands import quoted
from cairn.core.actions import Action
from cairn.core.assessment import Take
from cairn.core.decisions import Decision, check_decision, parse_decisions
from cairn.core.errors import CairnError, InvalidInput, NotFound
from cairn.core.model import GoalChange, GoalStatus, Horizon, Priority
from cairn.core.parse import parse_choice, parse_date
from cairn.core.reassessment import TakeComparison, compare_takes
from cairn.core.review import (
    DueReview,
)
from cairn.core.tracking import Review, ReviewKind
from cairn.services import review_facts
from cairn.services.goals import GoalService
from cairn.services.review_facts import ReviewFacts
from cairn.services.review_reads import ReviewReader
from cairn.services.scope import Scope, writes
from cairn.services.wellbeing import WellbeingService
from cairn.store import repo, track

STATUS_ACTIONS = {"pause": GoalStatus.PAUSED, "resume": GoalStatus.ACTIVE,
                  "done": GoalStatus.DONE, "drop": GoalStatus.DROPPED}
REASSESSED = ("interests", "values", "skills")  # what every six-monthly review compares
ReassessmentStep = Callable[[], str]  # what it did; raises CairnError when it cannot run
MATCHING_STEP = "re-run occupation matching against the catalog"


class AssessmentSource(Protocol):
    """What reviews read from the assessment feature (given by the facade)."""

    def scored_keys(self) -> list[str]:
        """Keys of the instruments one can retake."""
        ...

    def takes(self, key: str) -> list[Take]:
        """Finished takes of an instrument, oldest first."""
        ...

    def names(self, key: str) -> dict[str, str]:
        """Scale id -> name, in the instrument's order."""
        ...


AssessmentProvider = Callable[[], AssessmentSource]  # built on first use: the facade's


@dataclass
class HeldReview:
    """A review just held: the stored review, what each decision did, what changed in the
    assessments it compared."""

    review: Review
    applied: list[str] = field(default_factory=list)
    assessments: list[TakeComparison] = field(default_factory=list)


class ReviewService:
    """Scheduling and holding reviews."""

    def __init__(self, scope: Scope, goals: GoalService, wellbeing: WellbeingService, *,
                 assessments: AssessmentProvider | None = None,
                 reassessment_steps: Mapping[str, ReassessmentStep | None] | None = None
                 ) -> None:
        """``assessments`` are what a reassessment compares; ``reassessment_steps`` (name ->
        step) follow it, and a step left None is listed as pending, not wired in."""
        self.scope = scope
        self.goals = goals
        self.wellbeing = wellbeing
        self.reader = ReviewReader(scope, goals.profile, wellbeing)
        self.assessments = assessments
        self.reassessment_steps: Mapping[str, ReassessmentStep | None] = dict(
            reassessment_steps if reassessment_steps is not None else {MATCHING_STEP: None})

    def schedule(self) -> list[DueReview]:
        """When the weekly, monthly and six-monthly reviews fall due."""
        return self.reader.schedule()

    def due(self) -> list[DueReview]:
        """The reviews due today or overdue."""
        return self.reader.due()

    def facts(self, kind: ReviewKind = ReviewKind.WEEKLY) -> ReviewFacts:
        """What a review starts from: progress, stale goals, overdue milestones, drift, trends."""
        return self.reader.facts(kind)

    # -- holding a review -------------------------------------------------------------

    def check_decisions(self, lines: Sequence[str | Decision]) -> list[Decision]:
        """Read decisions (lines as the command line takes them, or decisions made by a form)
        and check each against the goals; every problem at once."""
        decisions = [*parse_decisions([x for x in lines if isinstance(x, str)]),
                     *(x for x in lines if isinstance(x, Decision))]
        problems: list[str] = []
        for d in decisions:
            try:
                check_decision(d)
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
        if d.action == "retake" and self.assessments is not None:
            known = self.assessments().scored_keys()
            if d.value.lower() not in known:
                raise InvalidInput(f"There is no assessment {d.value!r} to retake (one of: "
                                   + ", ".join(known) + ").",
                                   "Name one of those assessments.")
            return
        if d.goal_id is None:
            return
        goal = self.goals.get(d.goal_id)
        if d.action == "deadline":
            parse_date(d.value, self.scope.today())
        elif d.action == "target":
            if goal.metric is None:
                raise InvalidInput(f"Goal #{goal.id} has no metric to set a target on.")
            try:
                target = float(d.value)
            except ValueError:
                target = math.nan
            if not math.isfinite(target):
                raise InvalidInput(f"Cannot read the target {d.value!r} as a number.")
        elif d.action == "priority":
            parse_choice(Priority, d.value, "priority")

    @writes
    def hold(self, kind: ReviewKind, decision_lines: Sequence[str | Decision] = (),
             notes: str = "", facts: ReviewFacts | None = None) -> HeldReview:
        """Record a review with its facts, apply its decisions, and mark events reviewed.

        ``decision_lines`` are lines (``pause 3``), as the command line reads them, or typed
        :class:`~cairn.core.decisions.Decision` values, as the web's form makes them.

        A six-monthly review (and a ``retake X`` decision) compares assessments, kept
        with the review's facts under ``assessments``; see the module docstring.
        """
        decisions = self.check_decisions(decision_lines)
        seen = facts or self.facts(kind)
        with self.scope.read() as s:
            before = track.last_review_dates(s)
        since = (before.get(ReviewKind.SIX_MONTHLY) if kind is ReviewKind.SIX_MONTHLY
                 else max(before.values(), default=None))
        at = self.scope.now()
        with self.scope.write() as s:
            review_id = track.add_review(s, kind, at)
            first_change = track.max_change_id(s)
        held = HeldReview(Review(review_id, kind, at))
        pending: list[str] = []
        note_lines = [notes.strip()] if notes.strip() else []
        retakes: list[str] = []
        for d in decisions:
            reason = f"review #{review_id}: {d.reason or d.action}"
            if d.action == "note":
                note_lines.append(d.reason)
            elif d.action == "retake":
                retakes.append(d.value.lower())
            elif d.action == "add":
                goal = self.goals.add(d.reason, area=d.value, horizon=Horizon.SHORT_TERM)
                with self.scope.write() as s:
                    repo.add_changes(s, [GoalChange(goal.id, "review", None,
                                                    f"added by review #{review_id}",
                                                    self.scope.now(),
                                                    f"review #{review_id}: added")])
                held.applied.append(f"added goal #{goal.id} {goal.title}")
            else:
                held.applied.append(self._apply(d, reason))
        compared = [*(REASSESSED if kind is ReviewKind.SIX_MONTHLY else ()), *retakes]
        held.assessments = self._compare(list(dict.fromkeys(compared)), since, pending)
        for c in held.assessments:
            if c.instrument in retakes and not c.retaken:
                retake = Action.to("assess", instrument=c.instrument)
                # the review keeps its pending lines as text: the command is written now
                pending.append(f"retake {c.instrument}: not retaken yet; run {quoted(retake)}")
        if kind is ReviewKind.SIX_MONTHLY:
            for outcome in self._run_steps(pending):
                held.applied.append(outcome)
                note_lines.append(outcome)  # kept with the review, so a replay shows it
        stored = review_facts.to_json(seen)
        if held.assessments:
            stored["assessments"] = [c.to_json() for c in held.assessments]
        review = Review(review_id, kind, held.review.at, dict(stored),
                        [d.describe() for d in decisions], "\n".join(note_lines), pending)
        with self.scope.write() as s:
            track.link_review_changes(s, review_id, first_change)
            track.mark_events_reviewed(s, review_id)
            track.finish_review(s, review)
        held.review = review
        return held

    def _compare(self, keys: Sequence[str], since: dt.datetime | None,
                 pending: list[str]) -> list[TakeComparison]:
        """Each assessment's latest take against the one standing at ``since``."""
        if not keys:
            return []
        if self.assessments is None:
            pending.append("retake the assessments and compare (assessments are not wired in)")
            return []
        source = self.assessments()
        return [compare_takes(key, source.takes(key), since, source.names(key))
                for key in keys]

    def _run_steps(self, pending: list[str]) -> list[str]:
        """Run the reassessment's steps; what they did, with the others added to pending."""
        done: list[str] = []
        for name, step in self.reassessment_steps.items():
            if step is None:
                pending.append(f"{name} (not wired in)")
                continue
            try:
                done.append(step())
            except CairnError as err:
                pending.append(f"{name}: {err.message} {err.fix(quoted) or ''}".strip())
        return done

    def _apply(self, d: Decision, reason: str) -> str:
        assert d.goal_id is not None
        if d.action in STATUS_ACTIONS:
            goal = self.goals.set_status(d.goal_id, STATUS_ACTIONS[d.action], reason)
            return f"goal #{goal.id} {goal.title}: {goal.status.value}"
        if d.action == "deadline":
            deadline = parse_date(d.value, self.scope.today())
            goal, _ = self.goals.edit(d.goal_id, reason, deadline=deadline)
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
        with self.scope.read() as s:
            return track.list_reviews(s)

    def get(self, review_id: int) -> tuple[Review, list[GoalChange]]:
        """One review and the goal changes it made."""
        with self.scope.read() as s:
            review = track.get_review(s, review_id)
            changes = track.review_changes(s, review_id)
        if review is None:
            raise NotFound(f"There is no review #{review_id}.",
                           "See past reviews with {action}.", Action.to("review.list"))
        return review, changes
