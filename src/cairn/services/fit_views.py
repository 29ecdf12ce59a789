"""JSON shapes of matches, gaps and paths (stable field names for `--json`)."""

from __future__ import annotations

from typing import NotRequired, TypedDict

from cairn.commands import quoted
from cairn.core.gaps import Gap, Unrated
from cairn.core.matching import Match
from cairn.core.paths import CareerPath
from cairn.services.fit import GapPlan

# -- the shapes (TypedDicts: mypy checks every key a builder writes and a caller reads) ---


class ComponentJson(TypedDict):
    """One component of a match's fit: the fit (null: no data), why, and the action that
    would add its missing part (null for none)."""

    fit: float | None
    reason: str
    action: dict[str, object] | None


class MatchJson(TypedDict):
    """:func:`match`: ``attribution`` only when given."""

    code: str
    title: str
    fit: float
    job_zone: int | None
    median_wage: float | None
    wage_for_fit: float | None
    wage_for_fit_estimated: bool
    missing_data: list[str]
    components: dict[str, ComponentJson]
    attribution: NotRequired[str]


class GapJson(TypedDict):
    """One gap of :func:`gaps`."""

    element_id: str
    name: str
    domain: str
    importance: float
    required: float
    current: float
    shortfall: float
    priority: float
    meaning: str


class UnratedJson(TypedDict):
    """An important element the person has not rated (in :func:`gaps`)."""

    element_id: str
    name: str
    domain: str
    importance: float
    required: float


class GapsJson(TypedDict):
    """:func:`gaps`: ``attribution`` (after the title) only when given."""

    code: str
    title: str
    attribution: NotRequired[str]
    gaps: list[GapJson]
    unrated: list[UnratedJson]


class MilestoneDueJson(TypedDict):
    """A milestone of :func:`plan`."""

    id: int
    title: str
    due: str | None


class GapPlanJson(TypedDict):
    """:func:`plan`."""

    goal_id: int
    title: str
    deadline: str | None
    milestones: list[MilestoneDueJson]
    hours_per_week: float | None
    pace: str | None
    left: list[str]


class GapsGoalJson(GapsJson):
    """``cairn fit gaps --json``: the gaps and the goal ``--make-goal`` made (null
    without it)."""

    goal: GapPlanJson | None


class NewGapJson(TypedDict):
    """A skill a path's step newly asks for."""

    skill: str
    needed: float
    so_far: float


class StepJson(TypedDict):
    """A step of :func:`career_path`."""

    code: str
    title: str
    distance: float
    new_gaps: list[NewGapJson]


class CareerPathJson(TypedDict):
    """:func:`career_path`: ``attribution`` (after the cost) only when given."""

    cost: float
    attribution: NotRequired[str]
    steps: list[StepJson]


def match(m: Match, attribution: str = "") -> MatchJson:
    """One ranked occupation: total fit, each component's fit, reason and action (what would
    add its missing part: verb, params; null for none); median_wage as
    BLS published it (null for an hourly-only occupation), wage_for_fit and whether it is
    Cairn's estimate, missing_data (components O*NET or BLS has no data for, left out of
    the fit), and the O*NET attribution when given."""
    out: MatchJson = {"code": m.code, "title": m.title, "fit": round(m.total, 4),
           "job_zone": m.job_zone, "median_wage": None if m.wage_estimated else m.wage,
           "wage_for_fit": m.wage, "wage_for_fit_estimated": m.wage_estimated,
           "missing_data": list(m.missing),
           "components": {k: {"fit": None if v is None else round(v, 4),
                              "reason": m.reason(k, quoted),
                              "action": a.as_json() if (a := m.actions.get(k)) else None}
                          for k, v in m.parts.items()}}
    if attribution:
        out["attribution"] = attribution
    return out


def gaps(code: str, title: str, found: list[Gap], unrated: list[Unrated],
         attribution: str = "") -> GapsJson:
    """An occupation's gaps and the important elements the person has not rated, and the
    O*NET attribution (when given)."""
    rows: list[GapJson] = [
        {"element_id": g.element_id, "name": g.name, "domain": g.domain,
         "importance": g.importance, "required": g.required, "current": g.current,
         "shortfall": round(g.shortfall, 4), "priority": round(g.priority, 4),
         "meaning": g.meaning} for g in found]
    not_rated: list[UnratedJson] = [
        {"element_id": u.element_id, "name": u.name, "domain": u.domain,
         "importance": u.importance, "required": u.required} for u in unrated]
    if attribution:  # written after the title
        return {"code": code, "title": title, "attribution": attribution, "gaps": rows,
                "unrated": not_rated}
    return {"code": code, "title": title, "gaps": rows, "unrated": not_rated}


def plan(p: GapPlan) -> GapPlanJson:
    """The learning goal made from gaps: goal_id, title, deadline, milestones [{id, title,
    due}], hours_per_week and pace (where that figure came from), left (gaps past a year
    at this pace, for a later goal)."""
    return {"goal_id": p.goal.id, "title": p.goal.title,
            "deadline": p.goal.deadline.isoformat() if p.goal.deadline else None,
            "milestones": [{"id": m.id, "title": m.title,
                            "due": m.due.isoformat() if m.due else None} for m in p.milestones],
            "hours_per_week": p.pace.hours_per_week if p.pace else None,
            "pace": p.pace.source if p.pace else None,
            "left": [g.name for g in p.left]}


def career_path(p: CareerPath, attribution: str = "") -> CareerPathJson:
    """A path: total skill distance and each step with the skills it newly asks for, and
    the O*NET attribution (when given)."""
    steps: list[StepJson] = [
        {"code": s.code, "title": s.title, "distance": round(s.distance, 4),
         "new_gaps": [{"skill": n, "needed": round(need, 2), "so_far": round(have, 2)}
                      for n, need, have in s.new_gaps]}
        for s in p.steps]
    if attribution:  # written after the cost
        return {"cost": round(p.cost, 4), "attribution": attribution, "steps": steps}
    return {"cost": round(p.cost, 4), "steps": steps}
