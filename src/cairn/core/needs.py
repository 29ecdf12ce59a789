"""Recommendations by need: which kinds of resources help in the person's situation, and why.

Each rule reads the :class:`~cairn.core.situation.Situation` and, when it
applies, says why in terms of the person's own data. Rules needing a fact that
is unknown (None) do not fire.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from cairn.core.actions import Action
from cairn.core.resources import Resource, ResourceKind
from cairn.core.situation import Situation


@dataclass(frozen=True, slots=True)
class NeedRule:
    """A need Cairn can recognise and the kinds of resources that answer it."""

    key: str
    title: str
    helps: str
    kinds: tuple[ResourceKind, ...]
    action: Action  # what to do about the need (each edge writes it: a command, a link)


@dataclass(frozen=True, slots=True)
class Need:
    """A need found in the person's situation, with the library items that fit it."""

    rule: NeedRule
    reason: str
    fits: tuple[Resource, ...] = ()


RULES: tuple[NeedRule, ...] = (
    NeedRule("skill-gaps", "Close skill gaps",
             "Courses and books build the knowledge and skills a target role asks for.",
             (ResourceKind.COURSE, ResourceKind.BOOK),
             Action.to("resource.add", title=None, kind="course", skill=None)),
    NeedRule("support", "Find a mentor or a community",
             "A mentor, a coach or a group of people on the same road gives guidance, "
             "honest feedback and encouragement.",
             (ResourceKind.COMMUNITY,),
             Action.to("contact.add", name=None, kind="mentor", every=4)),
    NeedRule("time", "Get time back under control",
             "Time-management tools turn a crowded week into a plan you can keep.",
             (ResourceKind.TOOL,), Action.to("goal.pause", goal_id=None)),
    NeedRule("explore", "See your options clearly",
             "Assessments make your interests, strengths and values visible, so that options "
             "can be weighed against them.",
             (ResourceKind.ASSESSMENT,), Action.to("template.use", name="explore-field")),
    NeedRule("structure", "Give your goals a structure",
             "Goal templates break a journey into milestones and tasks with dates.",
             (ResourceKind.TEMPLATE,), Action.to("template.list")),
    NeedRule("reassess", "Take stock again",
             "A fresh assessment shows what changed since the last one.",
             (ResourceKind.ASSESSMENT,), Action.to("resource.list", kind="assessment")),
)

RULES_BY_KEY = {r.key: r for r in RULES}


def _skill_gaps(s: Situation) -> str | None:
    if not s.skill_gaps:
        return None
    names = s.skill_gap_names if s.skill_gap_names and len(s.skill_gap_names) == len(
        s.skill_gaps) else s.skill_gaps
    shown = ", ".join(names[:5])
    more = f" and {len(s.skill_gaps) - 5} more" if len(s.skill_gaps) > 5 else ""
    return f"Your target occupation asks for skills you rate below it: {shown}{more}."


def _support(s: Situation) -> str | None:
    if s.mentors:
        return None
    if s.contacts:
        return "You have contacts but no mentor or coach among them."
    return "Nobody is in your support network yet."


def _time(s: Situation) -> str | None:
    if s.overcommitted_hours is None or s.overcommitted_hours <= 0:
        return None
    return f"Your plan asks for {s.overcommitted_hours:g} hours a week more than you have."


def _explore(s: Situation) -> str | None:
    if not s.exploring or s.life_stage is None:
        return None
    return f"Your life stage is {s.life_stage.value}: weighing options is the work at hand."


def _structure(s: Situation) -> str | None:
    if not s.active_goal_ids:
        return "You have no active goals yet."
    return None


def _reassess(s: Situation) -> str | None:
    return "Your six-monthly reassessment is due." if s.reassessment_due else None


CONDITIONS: dict[str, Callable[[Situation], str | None]] = {
    "skill-gaps": _skill_gaps,
    "support": _support,
    "time": _time,
    "explore": _explore,
    "structure": _structure,
    "reassess": _reassess,
}


def _fits(rule: NeedRule, library: Sequence[Resource], s: Situation) -> tuple[Resource, ...]:
    """Open library items of the rule's kinds; for skill gaps, items on those skills first."""
    items = [r for r in library if r.open and r.kind in rule.kinds]
    if rule.key == "skill-gaps" and s.skill_gaps:
        gaps = set(s.skill_gaps)
        on_gap = [r for r in library if r.open and gaps & set(r.skills)]
        items = on_gap + [r for r in items if r not in on_gap]
    # Work already started comes first: finishing beats starting.
    return tuple(sorted(items, key=lambda r: (r.status.value != "in-progress",
                                              items.index(r))))


def find_needs(s: Situation, library: Sequence[Resource]) -> list[Need]:
    """Every need the situation shows, in rule order, with the library items that fit."""
    found: list[Need] = []
    for rule in RULES:
        reason = CONDITIONS[rule.key](s)
        if reason is not None:
            found.append(Need(rule, reason, _fits(rule, library, s)))
    return found
