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


def occupation(o: Occupation) -> dict[str, Any]:
    """code, title, job_zone, riasec_code, median_wage."""
    return {"code": o.code, "title": o.title, "job_zone": o.job_zone,
            "riasec_code": o.riasec_code, "median_wage": o.median_wage}


def hit(h: SearchHit) -> dict[str, Any]:
    """The occupation's fields plus score and matched (title, alternate title, text)."""
    return {**occupation(h.occupation), "score": h.score, "matched": h.matched}


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
        "wage": dataclasses.asdict(p.wage) if p.wage else None,
        "attribution": p.attribution,
    }
