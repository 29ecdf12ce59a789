"""The SMART check: every finding for a goal at once, each with how to fix it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from cairn.core.actions import Action, Example, Hint
from cairn.core.model import Goal, Horizon

SHORT_TERM_MAX_DAYS = 366


class Severity(StrEnum):
    """How much a finding matters."""

    PROBLEM = "problem"
    ADVICE = "advice"


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a goal lacks to be SMART, and how to fix it: ``action`` (an edge shows it
    as a button or a command), in the sentence ``how`` (which names it with ``{action}``)."""

    goal_id: int
    code: str
    severity: Severity
    message: str
    action: Action
    how: str = "{action}"

    @property
    def fix(self) -> str:
        """How to fix it, with the action written as the command that does it."""
        from cairn.commands import command_line

        return Hint(self.how, self.action).render(command_line)


def smart_check(goal: Goal, children: Sequence[Goal], today: dt.date) -> list[Finding]:
    """Return every SMART finding for ``goal`` given its child goals and today's date.

    A vision is checked only for its *why*: it is meant to be broad.
    """
    found: list[Finding] = []

    def add(code: str, severity: Severity, message: str, action: Action,
            how: str = "{action}") -> None:
        found.append(Finding(goal.id, code, severity, message, action, how))

    def edit(**params: str | Example) -> Action:
        return Action.to("goal.edit", goal_id=goal.id, **params)

    if not goal.why.strip():
        add(
            "no-why",
            Severity.PROBLEM,
            "It does not say why it matters: no value or passion is named.",
            edit(why=Example("'the value or passion it serves'")),
        )
    if goal.horizon is Horizon.VISION:
        return found
    if goal.metric is None:
        add(
            "no-metric",
            Severity.PROBLEM,
            "It is not measurable: it has no metric.",
            edit(metric=Example("'name'"), unit=Example("'unit'"), target=Example("N")),
        )
    elif goal.metric.target is None:
        add(
            "no-target",
            Severity.PROBLEM,
            f"The metric '{goal.metric.name}' has no target.",
            edit(target=Example("N")),
        )
    if goal.deadline is None:
        add(
            "no-deadline",
            Severity.PROBLEM,
            "It is not time-bound: it has no deadline.",
            edit(deadline=Example("'in 6 months'")),
        )
    elif goal.is_open and goal.deadline < today:
        add(
            "deadline-past",
            Severity.PROBLEM,
            f"The deadline {goal.deadline} has already passed.",
            edit(deadline=Example("NEW_DATE"), reason=Example("'why it moved'")),
        )
    elif (
        goal.horizon is Horizon.SHORT_TERM
        and (goal.deadline - today).days > SHORT_TERM_MAX_DAYS
    ):
        add(
            "short-term-too-far",
            Severity.PROBLEM,
            f"It is short-term but its deadline {goal.deadline} is more than a year away.",
            edit(horizon=Horizon.LONG_TERM.value),
            "{action}, or bring the deadline closer",
        )
    open_steps = [c for c in children if c.horizon is Horizon.SHORT_TERM and c.is_open]
    if goal.horizon is Horizon.LONG_TERM and goal.is_open and not open_steps:
        add(
            "no-short-term-step",
            Severity.PROBLEM,
            "It is long-term but has no short-term goal under it: there is no next step.",
            Action.to("goal.add", title=Example("'first step'"),
                      horizon=Horizon.SHORT_TERM.value, parent=goal.id),
        )
    return found


def smart_check_all(
    goals: Sequence[Goal], today: dt.date
) -> dict[int, list[Finding]]:
    """Check many goals at once; every goal appears, with an empty list when it passes."""
    children: dict[int, list[Goal]] = {g.id: [] for g in goals}
    for g in goals:
        if g.parent_id in children:
            children[g.parent_id].append(g)
    return {g.id: smart_check(g, children[g.id], today) for g in goals}
