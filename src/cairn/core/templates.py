"""Goal templates: ready-made goal trees, instantiated with the person's dates and hours.

A template is data (``cairn/guidance/templates/*.toml``). Instantiating it is pure:
milestones are spaced from the start date by the work they hold, at the person's
weekly hours, so a plan made at 2 h a week is stretched twice as far as one at 4.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cairn.core.errors import InvalidInput
from cairn.core.model import Horizon


@dataclass(frozen=True, slots=True)
class StepTask:
    """A task of a template milestone, with its estimate."""

    title: str
    hours: float


@dataclass(frozen=True, slots=True)
class Step:
    """A template milestone and its tasks."""

    title: str
    tasks: tuple[StepTask, ...]

    @property
    def hours(self) -> float:
        """Work the step holds."""
        return sum(t.hours for t in self.tasks)


@dataclass(frozen=True, slots=True)
class TemplateGoal:
    """A goal of a template; ``per_gap`` repeats a step for each skill gap when known."""

    title: str
    horizon: Horizon
    area: str
    why: str
    steps: tuple[Step, ...] = ()
    per_gap: Step | None = None


@dataclass(frozen=True, slots=True)
class GoalTemplate:
    """A journey: an optional long-term goal over short-term goals, each with steps."""

    name: str
    title: str
    description: str
    subject_label: str
    default_subject: str
    hours_per_week: float
    root: TemplateGoal | None
    goals: tuple[TemplateGoal, ...]


@dataclass(frozen=True, slots=True)
class PlannedTask:
    """A task to create."""

    title: str
    hours: float
    due: dt.date


@dataclass(frozen=True, slots=True)
class PlannedMilestone:
    """A milestone to create, with its tasks."""

    title: str
    due: dt.date
    tasks: tuple[PlannedTask, ...]


@dataclass(frozen=True, slots=True)
class PlannedGoal:
    """A goal to create; ``is_root`` marks the long-term goal the others serve."""

    title: str
    horizon: Horizon
    area: str
    why: str
    deadline: dt.date
    milestones: tuple[PlannedMilestone, ...]
    is_root: bool = False


def _text(body: Mapping[str, Any], key: str, where: str, problems: list[str]) -> str:
    value = body.get(key)
    if not isinstance(value, str) or not value.strip():
        problems.append(f"{where} needs a text '{key}'")
        return ""
    return value.strip()


def _step(body: Mapping[str, Any], where: str, problems: list[str]) -> Step:
    tasks = []
    for i, t in enumerate(body.get("tasks", [])):
        hours = t.get("hours")
        if not isinstance(hours, int | float) or hours <= 0:
            problems.append(f"{where} task {i + 1} needs positive 'hours'")
            hours = 1.0
        tasks.append(StepTask(_text(t, "title", f"{where} task {i + 1}", problems), float(hours)))
    if not tasks:
        problems.append(f"{where} has no tasks")
    return Step(_text(body, "title", where, problems), tuple(tasks))


def _goal(body: Mapping[str, Any], where: str, problems: list[str]) -> TemplateGoal:
    try:
        horizon = Horizon(body.get("horizon", "short-term"))
    except ValueError:
        problems.append(f"{where} has an unknown horizon")
        horizon = Horizon.SHORT_TERM
    steps = tuple(_step(m, f"{where} step {i + 1}", problems)
                  for i, m in enumerate(body.get("steps", [])))
    per_gap = _step(body["per_gap"], f"{where} per_gap", problems) if "per_gap" in body else None
    return TemplateGoal(_text(body, "title", where, problems), horizon,
                        _text(body, "area", where, problems), body.get("why", "").strip(),
                        steps, per_gap)


def template_from_data(doc: Mapping[str, Any]) -> GoalTemplate:
    """A template from its parsed TOML; every problem in the file is reported at once."""
    problems: list[str] = []
    name = _text(doc, "name", "the template", problems)
    root = _goal(doc["root"], "root", problems) if "root" in doc else None
    goals = tuple(_goal(g, f"goal {i + 1}", problems) for i, g in enumerate(doc.get("goals", [])))
    if not goals:
        problems.append("the template has no [[goals]]")
    if any(not g.steps for g in goals):
        problems.append("every goal needs at least one step")
    hours = doc.get("hours_per_week", 3)
    template = GoalTemplate(name, _text(doc, "title", "the template", problems),
                            _text(doc, "description", "the template", problems),
                            doc.get("subject_label", "subject"), doc.get("default_subject", ""),
                            float(hours), root, goals)
    if problems:
        raise InvalidInput(f"Template {name or '?'} is not valid: " + "; ".join(problems) + ".",
                           "Fix its file in cairn/guidance/templates/.")
    return template


@dataclass(frozen=True, slots=True)
class Pace:
    """Hours a week a template's work runs at, and where that figure came from."""

    hours_per_week: float
    source: str


def pace(template: GoalTemplate, budgets: Mapping[str, tuple[float, float | None]],
         hours_per_week: float | None = None) -> Pace:
    """The pace of a template's work: what the person says, else their budget, else its own.

    The budget is that of the area holding most of the template's hours (``budgets``
    maps an area to its weekly floor and cap): its floor, the time the person set
    aside there; with no floor, the template's own pace, kept under the area's cap.
    """
    if hours_per_week is not None:
        return Pace(hours_per_week, "as you asked")
    hours: dict[str, float] = {}
    for goal in template.goals:
        hours[goal.area] = hours.get(goal.area, 0.0) + sum(s.hours for s in goal.steps)
    area = max(hours, key=lambda a: hours[a], default=None)
    if area is None or area not in budgets:
        return Pace(template.hours_per_week, "the template's own pace")
    floor, cap = budgets[area]
    if floor > 0:
        return Pace(floor, f"your {area} budget's weekly floor")
    if cap is not None and cap < template.hours_per_week:
        return Pace(cap, f"your {area} budget's weekly cap")
    return Pace(template.hours_per_week, "the template's own pace")


def _fill(text: str, subject: str, gap: str = "") -> str:
    return text.replace("{subject}", subject).replace("{gap}", gap)


def instantiate(template: GoalTemplate, start: dt.date, *, hours_per_week: float | None = None,
                subject: str | None = None, skill_gaps: Sequence[str] = ()
                ) -> list[PlannedGoal]:
    """The goals, milestones and tasks to create, with dates spaced from ``start``.

    The work runs goal after goal, step after step, at ``hours_per_week``: each
    milestone is due when the hours before it and its own are done, rounded up
    to whole weeks and never in the same week as the one before. Skill gaps, when
    given, replace a goal's steps with one ``per_gap`` step each.
    """
    rate = template.hours_per_week if hours_per_week is None else hours_per_week
    if rate <= 0 or rate > 80:
        raise InvalidInput(f"{rate:g} hours a week is outside 0-80.",
                           "Give the hours a week you can put into this plan, e.g. 3.")
    what = (subject or template.default_subject).strip() or template.default_subject
    done_hours, last_week = 0.0, 0
    planned: list[PlannedGoal] = []
    for goal in template.goals:
        steps = goal.steps
        if skill_gaps and goal.per_gap is not None:
            steps = tuple(Step(_fill(goal.per_gap.title, what, gap),
                               tuple(StepTask(_fill(t.title, what, gap), t.hours)
                                     for t in goal.per_gap.tasks)) for gap in skill_gaps)
        milestones = []
        for step in steps:
            done_hours += step.hours
            last_week = max(last_week + 1, math.ceil(done_hours / rate))
            due = start + dt.timedelta(weeks=last_week)
            milestones.append(PlannedMilestone(
                _fill(step.title, what), due,
                tuple(PlannedTask(_fill(t.title, what), t.hours, due) for t in step.tasks)))
        planned.append(PlannedGoal(_fill(goal.title, what), goal.horizon, goal.area,
                                   _fill(goal.why, what), milestones[-1].due, tuple(milestones)))
    if template.root is not None:
        r = template.root
        planned.insert(0, PlannedGoal(_fill(r.title, what), r.horizon, r.area, _fill(r.why, what),
                                      max(p.deadline for p in planned), (), is_root=True))
    return planned
