"""Guidance, recommendations by need, and goal templates, from the person's situation.

Other features add what they know to the :class:`Situation` through fact
providers: functions ``(today) -> {field: value}`` given to :class:`GuidanceService` when
the facade builds it (see the README of this feature for the fields), with the time
plan's budgets and the occupations goal templates can aim at (:class:`Occupations`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import tomllib
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from importlib import resources as package_files
from typing import Protocol

from cairn.core.errors import NotFound
from cairn.core.guidance import Advice, GuidanceRule, advise, rules_from_data
from cairn.core.model import Goal, Milestone, Task
from cairn.core.needs import Need, find_needs
from cairn.core.pace import GapWork, Pace, gap_levels
from cairn.core.situation import Situation, with_goals
from cairn.core.support import ContactKind
from cairn.core.templates import (
    GoalTemplate,
    PlannedGoal,
    instantiate,
    pace,
    template_from_data,
)
from cairn.services.goals import GoalService
from cairn.services.resources import ResourceService
from cairn.services.scope import reads, writes
from cairn.services.support import SupportService
from cairn.services.tasks import TaskService
from cairn.store import repo
from cairn.store import support as support_store

# (today) -> {Situation field: value}; the names are Situation's (replace refuses any
# other), the values each provider's promise (links.py wires them)
FactProvider = Callable[[dt.date], Mapping[str, object]]
BudgetPairs = Callable[[], Mapping[str, tuple[float, float | None]]]  # area -> (floor, cap)


@cache
def guidance_rules() -> tuple[GuidanceRule, ...]:
    """The advice rules shipped in ``cairn/guidance/rules.toml``."""
    text = package_files.files("cairn.guidance").joinpath("rules.toml").read_text("utf-8")
    return tuple(rules_from_data(tomllib.loads(text)))


@cache
def goal_templates() -> dict[str, GoalTemplate]:
    """The goal templates shipped in ``cairn/guidance/templates/``, by name."""
    folder = package_files.files("cairn.guidance").joinpath("templates")
    found = [template_from_data(tomllib.loads(f.read_text("utf-8")))
             for f in folder.iterdir() if f.name.endswith(".toml")]
    return {t.name: t for t in sorted(found, key=lambda t: t.name)}


@dataclasses.dataclass(frozen=True)
class TargetGaps:
    """An occupation and the person's top skill gaps to it, by name, with each gap's
    shortfall on the 0-7 scale (in the same order; none known: one level each)."""

    code: str
    title: str
    gaps: tuple[str, ...]
    shortfalls: tuple[float, ...] = ()

    def work(self) -> tuple[GapWork, ...]:
        """The gaps as work to plan, each with the whole levels it takes."""
        levels = self.shortfalls or (1.0,) * len(self.gaps)
        return tuple(GapWork(name, gap_levels(short))
                     for name, short in zip(self.gaps, levels, strict=True))


class Occupations(Protocol):
    """What goal templates ask of occupation matching (the fit feature implements it)."""

    def target_gaps(self, subject: str) -> TargetGaps | None:
        """The occupation ``subject`` names (a code or a title) and the person's top skill
        gaps to it; None without the catalog, the ratings or a match."""
        ...

    def link_goal(self, goal_id: int, code: str) -> None:
        """Link a goal to the occupation it aims at."""
        ...


class NoOccupations:
    """The stand-in without matching: no occupation is known, nothing is linked."""

    def target_gaps(self, subject: str) -> TargetGaps | None:  # noqa: ARG002 - the protocol's
        """Nothing known: a template keeps its own steps."""
        return None

    def link_goal(self, goal_id: int, code: str) -> None:
        """Nothing to link to."""


def no_budgets() -> dict[str, tuple[float, float | None]]:
    """The stand-in without a time plan: no area has a budget."""
    return {}


@dataclasses.dataclass(frozen=True)
class CreatedPlan:
    """What a template created."""

    goals: list[Goal]
    milestones: list[Milestone]
    tasks: list[Task]
    pace: Pace
    occupation: TargetGaps | None = None  # the occupation whose gaps gave the steps
    left: tuple[str, ...] = ()  # gaps left for a later goal: past a year at this pace


@dataclasses.dataclass(frozen=True)
class TemplatePlan:
    """A template made concrete: its pace, the goals it would create (dated, the long-term
    one first), and the occupation whose gaps gave the steps."""

    template: GoalTemplate
    pace: Pace
    planned: tuple[PlannedGoal, ...]
    occupation: TargetGaps | None = None


class GuidanceService:
    """Advice, needs and templates, over the person's goals, contacts and library."""

    def __init__(self, goals: GoalService, tasks: TaskService, support: SupportService,
                 resources: ResourceService, *, providers: Sequence[FactProvider] = (),
                 budgets: BudgetPairs = no_budgets,
                 occupations: Occupations | None = None) -> None:
        """``providers`` add other features' facts to the situation; ``budgets`` are the
        time plan's (templates run at the budget's pace when no hours are given);
        ``occupations`` give a template's subject its skill gaps and link the goal made."""
        self.scope = goals.scope
        self.goals = goals
        self.tasks = tasks
        self.support = support
        self.resources = resources
        self.providers: tuple[FactProvider, ...] = tuple(providers)
        self.budgets = budgets
        self.occupations: Occupations = occupations or NoOccupations()

    @reads
    def situation(self, on: dt.date | None = None) -> Situation:
        """The person's situation from their data and every registered fact provider."""
        day = on or self.scope.today()
        profile = self.goals.profile.get()
        with self.goals.scope.read() as s:
            goals = repo.list_goals(s)
            changes = support_store.deadline_changes(s)
        contacts = self.support.contacts()
        mentors = [c for c in contacts if c.kind in (ContactKind.MENTOR, ContactKind.COACH)]
        situation = with_goals(Situation(day, profile.life_stage, contacts=len(contacts),
                                         mentors=len(mentors)), goals, changes)
        for provide in self.providers:
            situation = dataclasses.replace(situation, **provide(day))  # type: ignore[arg-type]
        return situation

    @reads
    def advice(self, *, everything: bool = False) -> list[Advice]:
        """Advice for the life stage and every obstacle detected (all rules with everything)."""
        return advise(guidance_rules(), self.situation(), everything=everything)

    @reads
    def needs(self) -> list[Need]:
        """What kinds of resources would help now, and which library items fit."""
        return find_needs(self.situation(), self.resources.find())

    # -- templates ---------------------------------------------------------------

    def templates(self) -> list[GoalTemplate]:
        """Every goal template."""
        return list(goal_templates().values())

    def template(self, name: str) -> GoalTemplate:
        """One template by name, or :class:`NotFound`."""
        found = goal_templates().get(name.strip().lower())
        if found is None:
            raise NotFound(f"There is no template '{name}'.",
                           "Use one of: " + ", ".join(goal_templates()) + ".")
        return found

    def plan_template(self, name: str, start: dt.date, *, hours_per_week: float | None = None,
                      subject: str | None = None, skill_gaps: Sequence[str] = ()
                      ) -> TemplatePlan:
        """What :meth:`use_template` would create, dated and paced, without creating it."""
        template = self.template(name)
        chosen = pace(template, self.budgets(), hours_per_week)
        target = None
        gaps: Sequence[str | GapWork] = skill_gaps
        if subject and not skill_gaps and any(g.per_gap for g in template.goals):
            target = self.occupations.target_gaps(subject)
            if target is not None:
                subject, gaps = target.title, target.work()
        planned = instantiate(template, start, hours_per_week=chosen.hours_per_week,
                              subject=subject, skill_gaps=gaps)
        return TemplatePlan(template, chosen, tuple(planned), target)

    @writes
    def use_template(self, name: str, start: dt.date, *, hours_per_week: float | None = None,
                     subject: str | None = None, skill_gaps: Sequence[str] = ()
                     ) -> CreatedPlan:
        """Create a template's goals, milestones and tasks through the goal and task services.
        Gaps named in ``skill_gaps`` count one level each; gaps to an occupation the
        subject names carry their own shortfalls (see :mod:`cairn.core.pace`)."""
        plan = self.plan_template(name, start, hours_per_week=hours_per_week, subject=subject,
                                  skill_gaps=skill_gaps)
        planned, target = plan.planned, plan.occupation
        # Check every area before creating anything, so a plan is never left half made.
        for area in {p.area for p in planned}:
            self.goals.profile.resolve_area(area)
        created = CreatedPlan([], [], [], plan.pace, target,
                              tuple(name for p in planned for name in p.left))
        root_id: int | None = None
        for p in planned:
            goal = self.goals.add(p.title, area=p.area, horizon=p.horizon, why=p.why,
                                  parent_id=None if p.is_root else root_id, deadline=p.deadline)
            created.goals.append(goal)
            if p.is_root:
                root_id = goal.id
            for pm in p.milestones:
                ms = self.goals.add_milestone(goal.id, pm.title, pm.due)
                created.milestones.append(ms)
                created.tasks.extend(self.tasks.add(t.title, t.hours, milestone_id=ms.id,
                                                    due=t.due) for t in pm.tasks)
        if target is not None:
            self.occupations.link_goal(created.goals[0].id, target.code)
        return created
