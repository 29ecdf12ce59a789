"""JSON shapes of matches, gaps and paths (stable field names for `--json`)."""

from __future__ import annotations

from typing import Any

from cairn.commands import quoted
from cairn.core.gaps import Gap, Unrated
from cairn.core.matching import Match
from cairn.core.paths import CareerPath
from cairn.services.fit import GapPlan


def match(m: Match, attribution: str = "") -> dict[str, Any]:
    """One ranked occupation: total fit, each component's fit, reason and action (what would
    add its missing part: verb, params; null for none); median_wage as
    BLS published it (null for an hourly-only occupation), wage_for_fit and whether it is
    Cairn's estimate, missing_data (components O*NET or BLS has no data for, left out of
    the fit), and the O*NET attribution when given."""
    out = {"code": m.code, "title": m.title, "fit": round(m.total, 4),
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
         attribution: str = "") -> dict[str, Any]:
    """An occupation's gaps and the important elements the person has not rated, and the
    O*NET attribution (when given)."""
    return {"code": code, "title": title, **({"attribution": attribution} if attribution else {}),
            "gaps": [{"element_id": g.element_id, "name": g.name, "domain": g.domain,
                      "importance": g.importance, "required": g.required, "current": g.current,
                      "shortfall": round(g.shortfall, 4), "priority": round(g.priority, 4),
                      "meaning": g.meaning} for g in found],
            "unrated": [{"element_id": u.element_id, "name": u.name, "domain": u.domain,
                         "importance": u.importance, "required": u.required} for u in unrated]}


def plan(p: GapPlan) -> dict[str, Any]:
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


def career_path(p: CareerPath, attribution: str = "") -> dict[str, Any]:
    """A path: total skill distance and each step with the skills it newly asks for, and
    the O*NET attribution (when given)."""
    return {"cost": round(p.cost, 4), **({"attribution": attribution} if attribution else {}),
            "steps": [{"code": s.code, "title": s.title, "distance": round(s.distance, 4),
                       "new_gaps": [{"skill": n, "needed": round(need, 2),
                                     "so_far": round(have, 2)} for n, need, have in s.new_gaps]}
                      for s in p.steps]}
