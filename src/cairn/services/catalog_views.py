"""Stable JSON shapes of the occupation catalog (``--json`` and, later, the web API).

Field names are a promise to scripts: add fields, never rename or remove them.
"""

from __future__ import annotations

from typing import NotRequired, TypedDict

from cairn.core.occupations import (
    RIASEC_NAMES,
    CatalogStatus,
    EducationLevel,
    ElementRating,
    JobZone,
    Occupation,
    OccupationPage,
    Rating,
    Related,
    SearchHit,
    TaskStatement,
    Technology,
    attribution,
)
from cairn.core.wages import Wage, estimate_note, source_note

# -- the shapes (TypedDicts: mypy checks every key a builder writes and a caller reads) ---
# The rows of a page and a wage are their core records' fields, in order (as
# ``dataclasses.asdict`` wrote them before); tests/test_service_types.py holds them to that.


class StatusJson(TypedDict):
    """:func:`status`."""

    version: str
    installed_at: str
    source: str
    counts: dict[str, int]
    occupations: int
    wages_source: str | None
    wages_installed_at: str | None
    attribution: str


class WageJson(TypedDict):
    """:func:`wage`: :class:`~cairn.core.wages.Wage`'s fields, then Cairn's own."""

    soc_code: str
    annual_median: float | None
    hourly_median: float | None
    employment: int | None
    top_coded: bool
    title: str
    basis: str
    hourly_only: bool
    annual_estimate: float | None
    source_note: str
    estimate_note: str


class OccupationFieldsJson(TypedDict):
    """What every occupation shape starts with."""

    code: str
    title: str
    job_zone: int | None
    riasec_code: str
    median_wage: float | None
    hourly_wage: float | None
    wage: WageJson | None


class OccupationJson(OccupationFieldsJson):
    """:func:`occupation`: ``attribution`` only when given."""

    attribution: NotRequired[str]


class HitJson(OccupationJson):
    """:func:`hit`."""

    score: float
    matched: str


class JobZoneJson(TypedDict):
    """A page's ``job_zone_detail``."""

    zone: int
    name: str
    experience: str
    education: str
    training: str
    examples: str
    svp_range: str


class InterestsJson(TypedDict):
    """A page's ``interests``: the high-point code and each RIASEC interest's rating."""

    code: str
    scores: dict[str, float]


class ElementJson(TypedDict):
    """A skill, knowledge area or ability on a page."""

    element_id: str
    name: str
    importance: float
    level: float


class RatingJson(TypedDict):
    """A work value or work style on a page."""

    element_id: str
    name: str
    value: float


class TaskStatementJson(TypedDict):
    """A task on a page."""

    task_id: int
    statement: str
    core: bool


class TechnologyJson(TypedDict):
    """A technology on a page."""

    example: str
    category: str
    hot: bool
    in_demand: bool


class EducationJson(TypedDict):
    """A level of education on a page."""

    kind: str
    category: int
    description: str
    percent: float


class RelatedJson(TypedDict):
    """A related occupation on a page."""

    code: str
    title: str
    tier: str
    index: int


class PageJson(OccupationFieldsJson):
    """:func:`page`."""

    description: str
    job_zone_detail: JobZoneJson | None
    interests: InterestsJson | None
    skills: list[ElementJson]
    knowledge: list[ElementJson]
    abilities: list[ElementJson]
    work_values: list[RatingJson]
    work_styles: list[RatingJson]
    tasks: list[TaskStatementJson]
    technology: list[TechnologyJson]
    education: list[EducationJson]
    related: list[RelatedJson]
    reported_titles: list[str]
    attribution: str


def status(st: CatalogStatus) -> StatusJson:
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


def wage(code: str, w: Wage | None) -> WageJson | None:
    """soc_code, annual_median and hourly_median as BLS published them (annual_median is
    null for an hourly-only occupation), employment, top_coded (the true median is at
    least the figure), title (of the BLS occupation), basis (same, part or broader),
    hourly_only, annual_estimate (Cairn's hourly x 2,080, only for hourly-only), and
    source_note and estimate_note in words."""
    if w is None:
        return None
    return {"soc_code": w.soc_code, "annual_median": w.annual_median,
            "hourly_median": w.hourly_median, "employment": w.employment,
            "top_coded": w.top_coded, "title": w.title, "basis": w.basis,
            "hourly_only": w.hourly_only, "annual_estimate": w.annual_estimate,
            "source_note": source_note(code, w), "estimate_note": estimate_note(w)}


def occupation(o: Occupation, attribution: str = "") -> OccupationJson:
    """code, title, job_zone, riasec_code, median_wage (annual, as BLS published it),
    hourly_wage, wage (see ``wage``), and the O*NET attribution when given."""
    out: OccupationJson = {"code": o.code, "title": o.title, "job_zone": o.job_zone,
                           "riasec_code": o.riasec_code, "median_wage": o.median_wage,
                           "hourly_wage": o.wage.hourly_median if o.wage else None,
                           "wage": wage(o.code, o.wage)}
    if attribution:
        out["attribution"] = attribution
    return out


def hit(h: SearchHit, attribution: str = "") -> HitJson:
    """The occupation's fields plus score and matched (title, alternate title, text)."""
    return {**occupation(h.occupation, attribution), "score": h.score, "matched": h.matched}


def _job_zone(z: JobZone) -> JobZoneJson:
    return {"zone": z.zone, "name": z.name, "experience": z.experience,
            "education": z.education, "training": z.training, "examples": z.examples,
            "svp_range": z.svp_range}


def _element(e: ElementRating) -> ElementJson:
    return {"element_id": e.element_id, "name": e.name, "importance": e.importance,
            "level": e.level}


def _rating(r: Rating) -> RatingJson:
    return {"element_id": r.element_id, "name": r.name, "value": r.value}


def _task(t: TaskStatement) -> TaskStatementJson:
    return {"task_id": t.task_id, "statement": t.statement, "core": t.core}


def _technology(t: Technology) -> TechnologyJson:
    return {"example": t.example, "category": t.category, "hot": t.hot,
            "in_demand": t.in_demand}


def _education(e: EducationLevel) -> EducationJson:
    return {"kind": e.kind, "category": e.category, "description": e.description,
            "percent": e.percent}


def _related(r: Related) -> RelatedJson:
    return {"code": r.code, "title": r.title, "tier": r.tier, "index": r.index}


def page(p: OccupationPage) -> PageJson:
    """The occupation's fields plus description, job_zone_detail, interests, skills,
    knowledge, abilities, work_values, work_styles, tasks, technology, education,
    related, reported_titles, wage, attribution."""
    interests: InterestsJson | None = None
    if p.interests is not None:
        interests = {"code": p.interests.high_point,
                     "scores": dict(zip(RIASEC_NAMES, p.interests.scores, strict=True))}
    fields: OccupationFieldsJson = occupation(p.occupation)  # no attribution: it comes last
    return {
        **fields,
        "description": p.description,
        "job_zone_detail": _job_zone(p.job_zone) if p.job_zone else None,
        "interests": interests,
        "skills": [_element(e) for e in p.skills],
        "knowledge": [_element(e) for e in p.knowledge],
        "abilities": [_element(e) for e in p.abilities],
        "work_values": [_rating(r) for r in p.work_values],
        "work_styles": [_rating(r) for r in p.work_styles],
        "tasks": [_task(t) for t in p.tasks],
        "technology": [_technology(t) for t in p.technology],
        "education": [_education(e) for e in p.education],
        "related": [_related(r) for r in p.related], "reported_titles": p.reported_titles,
        "wage": wage(p.occupation.code, p.wage),
        "attribution": p.attribution,
    }
