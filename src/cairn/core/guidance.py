"""Guidance: advice for the life stage and for obstacles detected in the person's data.

The advice itself is data (``cairn/guidance/rules.toml``); each rule's condition
is a pure function here, keyed by the rule id. A condition returns the evidence
that made it fire, or None. A test keeps the two sides in step.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cairn.core.actions import Action
from cairn.core.errors import InvalidInput
from cairn.core.model import LifeStage
from cairn.core.situation import Situation

LONG_WEEK_HOURS = 45.0
"""A working week this long, with stress rising, counts as pressure to succeed."""

UNCLEAR_PRIORITIES_AT = 3
"""This many active goals without a why make priorities unclear."""


@dataclass(frozen=True, slots=True)
class GuidanceRule:
    """One piece of advice: when it applies, what it says, and the command that acts on it."""

    id: str
    kind: str  # "stage" or "obstacle"
    title: str
    advice: str
    action: str
    action_help: str


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a rule fired, and the goal it is about when there is one."""

    reason: str
    goal_id: int | None = None


@dataclass(frozen=True, slots=True)
class Advice:
    """A rule that applies now, with its evidence and a ready-to-run command."""

    rule: GuidanceRule
    evidence: Evidence

    @property
    def command(self) -> str:
        """The rule's action with the goal it is about filled in."""
        goal = str(self.evidence.goal_id) if self.evidence.goal_id is not None else "GOAL_ID"
        return self.rule.action.replace("{goal}", goal)

    @property
    def action(self) -> Action:
        """The rule's action as data (a page carries it out), with the goal it is about
        filled in where the evidence names one."""
        act = ACTIONS[self.rule.id]
        if "goal_id" not in dict(act.params) or act.get("goal_id") is not None:
            return act
        return Action(act.verb, tuple((k, self.evidence.goal_id if k == "goal_id" else v)
                                      for k, v in act.params))


Condition = Callable[[Situation], Evidence | None]


def _ids(ids: Sequence[int]) -> str:
    return ", ".join(f"#{i}" for i in ids)


def _stage(stage: LifeStage) -> Condition:
    def condition(s: Situation) -> Evidence | None:
        if s.life_stage is stage:
            return Evidence(f"Your profile gives your life stage as {stage.value}.")
        return None
    return condition


def _time(s: Situation) -> Evidence | None:
    if s.overcommitted_hours is None or s.overcommitted_hours <= 0:
        return None
    return Evidence(f"Your weekly plan is {s.overcommitted_hours:g} hours over what you have.")


def _priorities(s: Situation) -> Evidence | None:
    if len(s.goals_without_why) < UNCLEAR_PRIORITIES_AT:
        return None
    return Evidence(f"{len(s.goals_without_why)} of your {len(s.active_goal_ids)} active goals "
                    f"have no why: {_ids(s.goals_without_why)}.", s.goals_without_why[0])


def _circumstances(s: Situation) -> Evidence | None:
    if not s.recent_life_events:
        return None
    return Evidence("Recent life events: " + ", ".join(s.recent_life_events) + ".")


def _support(s: Situation) -> Evidence | None:
    return None if s.contacts else Evidence("Your support network is empty.")


def _pressure(s: Situation) -> Evidence | None:
    hours = s.weekly_hours_worked
    if hours is None or hours < LONG_WEEK_HOURS or not s.stress_rising:
        return None
    return Evidence(f"You work about {hours:g} hours a week and your stress is rising.")


def _money(s: Situation) -> Evidence | None:
    if not s.passions_wanting_income:
        return None
    return Evidence("You would like income from: " + ", ".join(s.passions_wanting_income) + ".")


def _fear(s: Situation) -> Evidence | None:
    if not s.postponed_goals:
        return None
    return Evidence(f"Deadlines moved back twice or more: {_ids(s.postponed_goals)}.",
                    s.postponed_goals[0])


def _expectations(s: Situation) -> Evidence | None:
    if not s.expectation_goals:
        return None
    return Evidence(f"The why of {_ids(s.expectation_goals)} speaks of what others expect.",
                    s.expectation_goals[0])


CONDITIONS: dict[str, Condition] = {
    **{f"stage.{stage.value}": _stage(stage) for stage in LifeStage},
    "obstacle.time": _time,
    "obstacle.priorities": _priorities,
    "obstacle.circumstances": _circumstances,
    "obstacle.support": _support,
    "obstacle.pressure": _pressure,
    "obstacle.money": _money,
    "obstacle.fear": _fear,
    "obstacle.expectations": _expectations,
}

# Each rule's action as data, beside the command its TOML gives (``test_guidance`` keeps
# the two in step): a parameter left at None is the person's to choose; a ``goal_id`` left
# at None takes the goal the evidence names, when it names one.
ACTIONS: dict[str, Action] = {
    "stage.exploring": Action.to("template.use", name="explore-field"),
    "stage.early-career": Action.to("contact.add", name=None, kind="mentor", every=4),
    "stage.mid-career": Action.to("contact.ask", contact_id=None, goal_id=None,
                                  question="What should I do more of?"),
    "stage.later-career": Action.to("goal.pause", goal_id=None, reason="not now"),
    "stage.returning": Action.to("template.use", name="return-after-break"),
    "stage.transition": Action.to("template.use", name="target-occupation"),
    "obstacle.time": Action.to("goal.pause", goal_id=None, reason="over capacity"),
    "obstacle.priorities": Action.to("goal.edit", goal_id=None, why=None),
    "obstacle.circumstances": Action.to("goal.tree"),
    "obstacle.support": Action.to("contact.add", name=None, kind="peer", every=4),
    "obstacle.pressure": Action.to("resource.suggest"),
    "obstacle.money": Action.to("template.use", name="side-income"),
    "obstacle.fear": Action.to("milestone.add", goal_id=None, title="a first small experiment",
                               due="in 2 weeks"),
    "obstacle.expectations": Action.to("goal.edit", goal_id=None, why=None),
}

_FIELDS = ("kind", "title", "advice", "action", "action_help")


def rules_from_data(doc: Mapping[str, Any]) -> list[GuidanceRule]:
    """Rules from the parsed TOML document; every problem is reported at once."""
    problems: list[str] = []
    rules: list[GuidanceRule] = []
    for rule_id, body in dict(doc.get("rule", {})).items():
        missing = [f for f in _FIELDS if not isinstance(body.get(f), str) or not body[f].strip()]
        if missing:
            problems.append(f"rule {rule_id} lacks {', '.join(missing)}")
        elif rule_id not in CONDITIONS:
            problems.append(f"rule {rule_id} has no condition in cairn.core.guidance")
        elif rule_id not in ACTIONS:
            problems.append(f"rule {rule_id} has no action in cairn.core.guidance")
        elif not body["action"].startswith("cairn "):
            problems.append(f"rule {rule_id}: its action does not start with `cairn `")
        else:
            rules.append(GuidanceRule(rule_id, *(body[f].strip() for f in _FIELDS)))
    if problems:
        raise InvalidInput("The guidance rules are not valid: " + "; ".join(problems) + ".",
                           "Fix cairn/guidance/rules.toml.")
    return rules


def advise(rules: Sequence[GuidanceRule], s: Situation, *, everything: bool = False
           ) -> list[Advice]:
    """The rules that apply (all of them with ``everything``), stage advice first."""
    found: list[Advice] = []
    for rule in rules:
        evidence = CONDITIONS[rule.id](s)
        if evidence is None and everything:
            evidence = Evidence("Not detected in your data.")
        if evidence is not None:
            found.append(Advice(rule, evidence))
    return sorted(found, key=lambda a: a.rule.kind != "stage")
