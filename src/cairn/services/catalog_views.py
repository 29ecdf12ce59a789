"""Stable JSON shapes of the occupation catalog (``--json`` and, later, the web API).

Field names are a promise to scripts: add fields, never rename or remove them.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from cairn.core.occupations import (
    RIASEC_NAMES,
    CatalogStatus,
    Occupation,
    OccupationPage,
    SearchHit,
    attribution,
)
from cairn.core.wages import Wage, estimate_note, source_note


def status(st: CatalogStatus) -> dict[str, Any]:
    """version, installed_at, source, counts, occupations, wages_source,
    wages_installed_at, attribution."""
    return {
        "version": st.version, "installed_at": st.installed_at.isoformat(),
        "source": st.source, "counts": st.counts,
        "occupations": st.counts.get("onet_occupation", 0),
        "wages_source": st.wages_source,
        "wages_installed_at": st.wages_installed_at.isoformat()
        if st.wages_installed_at else None,
        "attribution": attribution(st.version),
    }


def wage(code: str, w: Wage | None) -> dict[str, Any] | None:
    """soc_code, annual_median and hourly_median as BLS published them (annual_median is
    null for an hourly-only occupation), employment, top_coded (the true median is at
    least the figure), title (of the BLS occupation), basis (same, part or broader),
    hourly_only, annual_estimate (Cairn's hourly x 2,080, only for hourly-only), and
    source_note and estimate_note in words."""
    if w is None:
        return None
    return {**dataclasses.asdict(w), "annual_estimate": w.annual_estimate,
            "source_note": source_note(code, w), "estimate_note": estimate_note(w)}


def occupation(o: Occupation, attribution: str = "") -> dict[str, Any]:
    """code, title, job_zone, riasec_code, median_wage (annual, as BLS published it),
    hourly_wage, wage (see ``wage``), and the O*NET attribution when given."""
    out = {"code": o.code, "title": o.title, "job_zone": o.job_zone,
           "riasec_code": o.riasec_code, "median_wage": o.median_wage,
           "hourly_wage": o.wage.hourly_median if o.wage else None,
           "wage": wage(o.code, o.wage)}
    if attribution:
        out["attribution"] = attribution
    return out


def hit(h: SearchHit, attribution: str = "") -> dict[str, Any]:
    """The occupation's fields plus score and matched (title, alternate title, text)."""
    return {**occupation(h.occupation, attribution), "score": h.score, "matched": h.matched}


def page(p: OccupationPage) -> dict[str, Any]:
    """The occupation's fields plus description, job_zone_detail, interests, skills,
    knowledge, abilities, work_values, work_styles, tasks, technology, education,
    related, reported_titles, wage, attribution."""
    interests = None
    if p.interests is not None:
        interests = {"code": p.interests.high_point,
                     "scores": dict(zip(RIASEC_NAMES, p.interests.scores, strict=True))}

    def rows(items: list[Any]) -> list[dict[str, Any]]:
        return [dataclasses.asdict(i) for i in items]

    return {
        **occupation(p.occupation),
        "description": p.description,
        "job_zone_detail": dataclasses.asdict(p.job_zone) if p.job_zone else None,
        "interests": interests,
        "skills": rows(p.skills), "knowledge": rows(p.knowledge),
        "abilities": rows(p.abilities), "work_values": rows(p.work_values),
        "work_styles": rows(p.work_styles), "tasks": rows(p.tasks),
        "technology": rows(p.technology), "education": rows(p.education),
        "related": rows(p.related), "reported_titles": p.reported_titles,
        "wage": wage(p.occupation.code, p.wage),
        "attribution": p.attribution,
    }
