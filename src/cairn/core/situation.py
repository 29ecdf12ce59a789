"""The person's situation as facts that needs and guidance rules read.

Facts owned by features that may not be installed (skill gaps, the weekly time
plan, check-ins, life events, reviews, passions) are optional: ``None`` means
"unknown", and a rule that needs an unknown fact stays silent rather than guess.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from cairn.core.model import Goal, GoalChange, GoalStatus, LifeStage

POSTPONED_AFTER = 2
"""A goal whose deadline moved later this many times counts as repeatedly postponed."""


@dataclass(frozen=True, slots=True)
class Situation:
    """Everything the needs and guidance rules look at, with unknowns as None."""

    today: dt.date
    life_stage: LifeStage | None = None
    active_goal_ids: tuple[int, ...] = ()
    goals_without_why: tuple[int, ...] = ()
    postponed_goals: tuple[int, ...] = ()
    expectation_goals: tuple[int, ...] = ()
    contacts: int = 0
    mentors: int = 0
    # -- facts from other features; None = that feature did not say -----------
    skill_gaps: tuple[str, ...] | None = None  # O*NET element ids, biggest gap first
    skill_gap_names: tuple[str, ...] | None = None  # their names, in the same order
    overcommitted_hours: float | None = None
    recent_life_events: tuple[str, ...] | None = None
    weekly_hours_worked: float | None = None
    stress_rising: bool | None = None
    passions_wanting_income: tuple[str, ...] | None = None
    reassessment_due: bool | None = None

    @property
    def exploring(self) -> bool:
        """True in the life stages where weighing options is the work at hand."""
        return self.life_stage in (LifeStage.EXPLORING, LifeStage.TRANSITION,
                                   LifeStage.RETURNING)


def postponed_goals(changes: Sequence[GoalChange], times: int = POSTPONED_AFTER
                    ) -> tuple[int, ...]:
    """Goals whose deadline was moved later ``times`` times or more, from their history.

    Setting a first deadline or bringing one forward is not a postponement.
    """
    moves: dict[int, int] = {}
    for c in changes:
        if c.field != "deadline" or not c.old or not c.new:
            continue
        if dt.date.fromisoformat(c.new) > dt.date.fromisoformat(c.old):
            moves[c.goal_id] = moves.get(c.goal_id, 0) + 1
    return tuple(sorted(g for g, n in moves.items() if n >= times))


EXPECTATION_WORDS = ("expected", "expect me", "expects", "supposed to", "should",
                     "my parents", "my family wants", "everyone", "people think")


def expectation_goals(goals: Sequence[Goal]) -> tuple[int, ...]:
    """Active goals whose *why* speaks of what others expect rather than what the person wants."""
    return tuple(g.id for g in goals
                 if g.status is GoalStatus.ACTIVE
                 and any(w in g.why.lower() for w in EXPECTATION_WORDS))


def with_goals(s: Situation, goals: Sequence[Goal], changes: Sequence[GoalChange]
               ) -> Situation:
    """``s`` with its goal-derived fields filled from the goals and their history."""
    active = [g for g in goals if g.status is GoalStatus.ACTIVE]
    active_ids = {g.id for g in active}
    return dataclasses.replace(
        s,
        active_goal_ids=tuple(g.id for g in active),
        # A vision is a direction, not a commitment: it needs no separate why.
        goals_without_why=tuple(g.id for g in active
                                if not g.why.strip() and g.horizon.value != "vision"),
        postponed_goals=tuple(g for g in postponed_goals(changes) if g in active_ids),
        expectation_goals=expectation_goals(goals),
    )
