"""Goal templates: ready-made goal trees, instantiated with the person's dates and hours.

A template is data (``cairn/guidance/templates/*.toml``). Instantiating it is pure and
follows the one pacing rule of :mod:`cairn.core.pace` (as ``explore gap --make-goal``
does): milestones are spaced from the start date by the work they hold, at the person's
weekly hours, so a plan made at 2 h a week is stretched twice as far as one at 4; a
skill gap holds its levels' hours; a long-term goal looks years ahead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cairn.core.errors import InvalidInput
from cairn.core.model import Horizon
from cairn.core.pace import (
    HOURS_PER_LEVEL,
    LONG_TERM_YEARS,
    GapWork,
    Pace,
    area_pace,
    check_rate,
    due_weeks,
    within_year,
)
from cairn.core.review import add_months


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
    """A goal of a template; ``per_gap`` repeats a step for each skill gap when known (its
    tasks hold one level of a gap; each further level adds to its last task); ``years``
    is how far a long-term goal looks ahead."""

    title: str
    horizon: Horizon
    area: str
    why: str
    steps: tuple[Step, ...] = ()
    per_gap: Step | None = None
    years: int = LONG_TERM_YEARS


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
    left: tuple[str, ...] = ()  # skill gaps left for a later goal: past a year at this pace


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
    if per_gap is not None and abs(per_gap.hours - HOURS_PER_LEVEL) > 1e-9:
        problems.append(f"{where} per_gap tasks hold {per_gap.hours:g} h; they are one level "
                        f"of a gap, {HOURS_PER_LEVEL:g} h")
    years = body.get("years", LONG_TERM_YEARS)
    if not isinstance(years, int) or years < 1:
        problems.append(f"{where} needs 'years' as a whole number of years, 1 or more")
        years = LONG_TERM_YEARS
    return TemplateGoal(_text(body, "title", where, problems), horizon,
                        _text(body, "area", where, problems), body.get("why", "").strip(),
                        steps, per_gap, years)


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


def pace(template: GoalTemplate, budgets: Mapping[str, tuple[float, float | None]],
         hours_per_week: float | None = None) -> Pace:
    """The pace of a template's work (:func:`cairn.core.pace.area_pace`) for the area
    holding most of its hours, with the template's own pace as the default."""
    hours: dict[str, float] = {}
    for goal in template.goals:
        hours[goal.area] = hours.get(goal.area, 0.0) + sum(s.hours for s in goal.steps)
    area = max(hours, key=lambda a: hours[a], default=None)
    return area_pace(area, budgets, hours_per_week, template.hours_per_week,
                     "the template's own pace")


def _fill(text: str, subject: str, gap: str = "") -> str:
    return text.replace("{subject}", subject).replace("{gap}", gap)


def _gap_step(step: Step, gap: GapWork, what: str) -> Step:
    """The per-gap step for one gap: it holds the gap's hours, the extra levels all going
    to its last task (the practice; finding a course takes no longer for a wider gap)."""
    extra = gap.hours - step.hours
    last = len(step.tasks) - 1
    return Step(_fill(step.title, what, gap.name),
                tuple(StepTask(_fill(t.title, what, gap.name), t.hours + (extra if i == last
                                                                          else 0.0))
                      for i, t in enumerate(step.tasks)))


def instantiate(template: GoalTemplate, start: dt.date, *, hours_per_week: float | None = None,
                subject: str | None = None, skill_gaps: Sequence[str | GapWork] = ()
                ) -> list[PlannedGoal]:
    """The goals, milestones and tasks to create, with dates spaced from ``start``.

    The work runs goal after goal, step after step, at ``hours_per_week`` by the rule of
    :mod:`cairn.core.pace`. Skill gaps, when given (a name alone is one level), replace a
    goal's steps with one ``per_gap`` step each, as many as fit within a year; the
    long-term root is due its ``years`` after the start, or with the last goal if later.
    """
    rate = check_rate(template.hours_per_week if hours_per_week is None else hours_per_week)
    what = (subject or template.default_subject).strip() or template.default_subject
    gaps = [g if isinstance(g, GapWork) else GapWork(g) for g in skill_gaps]
    done_hours, last_week = 0.0, 0
    planned: list[PlannedGoal] = []
    for goal in template.goals:
        steps: tuple[Step, ...] = goal.steps
        left: tuple[str, ...] = ()
        if gaps and goal.per_gap is not None:
            steps = tuple(_gap_step(goal.per_gap, g, what) for g in gaps)
            keep = within_year([st.hours for st in steps], rate, done_hours=done_hours,
                               last_week=last_week)
            steps, left = steps[:keep], tuple(g.name for g in gaps[keep:])
        weeks = due_weeks([st.hours for st in steps], rate, done_hours=done_hours,
                          last_week=last_week)
        done_hours += sum(st.hours for st in steps)
        last_week = weeks[-1]
        milestones = []
        for step, week in zip(steps, weeks, strict=True):
            due = start + dt.timedelta(weeks=week)
            milestones.append(PlannedMilestone(
                _fill(step.title, what), due,
                tuple(PlannedTask(_fill(t.title, what), t.hours, due) for t in step.tasks)))
        planned.append(PlannedGoal(_fill(goal.title, what), goal.horizon, goal.area,
                                   _fill(goal.why, what), milestones[-1].due, tuple(milestones),
                                   left=left))
    if template.root is not None:
        r = template.root
        ahead = start if r.horizon is Horizon.SHORT_TERM else add_months(start, 12 * r.years)
        due = max([ahead, *(p.deadline for p in planned)])
        planned.insert(0, PlannedGoal(_fill(r.title, what), r.horizon, r.area, _fill(r.why, what),
                                      due, (), is_root=True))
    return planned
