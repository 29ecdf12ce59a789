"""Typed view models of the occupation catalog, matches, gaps and paths: the same JSON as
``cairn explore search|show|match|gap|path --json`` (see ``catalog_views`` and
``fit_views``), field for field, for the web's pages and API.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cairn.commands import quoted
from cairn.core.actions import Action
from cairn.core.gaps import Gap, Unrated
from cairn.core.matching import Match
from cairn.core.occupations import (
    RIASEC_NAMES,
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
)
from cairn.core.paths import CareerPath
from cairn.core.wages import Wage, estimate_note, source_note


@dataclass(frozen=True, slots=True)
class WageView:
    """BLS's national medians for an occupation (see ``catalog_views.wage``)."""

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

    @classmethod
    def of(cls, code: str, w: Wage | None) -> WageView | None:
        """The wage of occupation ``code`` (None when BLS has none)."""
        if w is None:
            return None
        return cls(w.soc_code, w.annual_median, w.hourly_median, w.employment, w.top_coded,
                   w.title, w.basis, w.hourly_only, w.annual_estimate, source_note(code, w),
                   estimate_note(w))


@dataclass(frozen=True, slots=True)
class SearchHitView:
    """An occupation found by a search, as ``cairn explore search --json`` lists it."""

    code: str
    title: str
    job_zone: int | None
    riasec_code: str
    median_wage: float | None
    hourly_wage: float | None
    wage: WageView | None
    score: float
    matched: str
    attribution: str

    @classmethod
    def of(cls, h: SearchHit, attribution: str) -> SearchHitView:
        """The hit with the O*NET attribution."""
        o = h.occupation
        return cls(o.code, o.title, o.job_zone, o.riasec_code, o.median_wage,
                   o.wage.hourly_median if o.wage else None, WageView.of(o.code, o.wage),
                   h.score, h.matched, attribution)


@dataclass(frozen=True, slots=True)
class InterestsView:
    """An occupation's interest code and its six ratings (1-7) by name."""

    code: str
    scores: Mapping[str, float]


@dataclass(frozen=True, slots=True)
class OccupationView:
    """Everything ``cairn explore show --json`` shows about one occupation."""

    code: str
    title: str
    job_zone: int | None
    riasec_code: str
    median_wage: float | None
    hourly_wage: float | None
    wage: WageView | None
    description: str
    job_zone_detail: JobZone | None
    interests: InterestsView | None
    skills: tuple[ElementRating, ...]
    knowledge: tuple[ElementRating, ...]
    abilities: tuple[ElementRating, ...]
    work_values: tuple[Rating, ...]
    work_styles: tuple[Rating, ...]
    tasks: tuple[TaskStatement, ...]
    technology: tuple[Technology, ...]
    education: tuple[EducationLevel, ...]
    related: tuple[Related, ...]
    reported_titles: tuple[str, ...]
    attribution: str

    @classmethod
    def of(cls, p: OccupationPage) -> OccupationView:
        """The occupation's page as shown."""
        o: Occupation = p.occupation
        interests = None
        if p.interests is not None:
            interests = InterestsView(p.interests.high_point,
                                      dict(zip(RIASEC_NAMES, p.interests.scores, strict=True)))
        return cls(o.code, o.title, o.job_zone, o.riasec_code, o.median_wage,
                   o.wage.hourly_median if o.wage else None, WageView.of(o.code, p.wage),
                   p.description, p.job_zone, interests, tuple(p.skills), tuple(p.knowledge),
                   tuple(p.abilities), tuple(p.work_values), tuple(p.work_styles),
                   tuple(p.tasks), tuple(p.technology), tuple(p.education), tuple(p.related),
                   tuple(p.reported_titles), p.attribution)


@dataclass(frozen=True, slots=True)
class ComponentView:
    """One component of a match: its fit (0..1, None when unknown), the reason (with the
    command of its action, as the command line writes it) and the action that would add the
    component's missing part."""

    fit: float | None
    reason: str
    action: Action | None = None


@dataclass(frozen=True, slots=True)
class MatchView:
    """One ranked occupation, as ``cairn explore match --json`` lists it."""

    code: str
    title: str
    fit: float
    job_zone: int | None
    median_wage: float | None
    wage_for_fit: float | None
    wage_for_fit_estimated: bool
    missing_data: tuple[str, ...]
    components: Mapping[str, ComponentView]
    attribution: str

    @classmethod
    def of(cls, m: Match, attribution: str) -> MatchView:
        """The match with each component rounded as ``--json`` writes it."""
        return cls(m.code, m.title, round(m.total, 4), m.job_zone,
                   None if m.wage_estimated else m.wage, m.wage, m.wage_estimated,
                   tuple(m.missing),
                   {k: ComponentView(None if v is None else round(v, 4), m.reason(k, quoted),
                                      m.actions.get(k))
                    for k, v in m.parts.items()}, attribution)


@dataclass(frozen=True, slots=True)
class GapView:
    """A skill or knowledge area below the occupation's level, by priority."""

    element_id: str
    name: str
    domain: str
    importance: float
    required: float
    current: float
    shortfall: float
    priority: float
    meaning: str

    @classmethod
    def of(cls, g: Gap) -> GapView:
        """The gap, shortfall and priority rounded as ``--json`` writes them."""
        return cls(g.element_id, g.name, g.domain, g.importance, g.required, g.current,
                   round(g.shortfall, 4), round(g.priority, 4), g.meaning)


@dataclass(frozen=True, slots=True)
class UnratedView:
    """An important element of the occupation the person has not rated."""

    element_id: str
    name: str
    domain: str
    importance: float
    required: float

    @classmethod
    def of(cls, u: Unrated) -> UnratedView:
        """The element as listed."""
        return cls(u.element_id, u.name, u.domain, u.importance, u.required)


@dataclass(frozen=True, slots=True)
class GapsView:
    """An occupation's gaps for the person, as ``cairn explore gap --json`` (without
    ``--make-goal``: ``goal`` is always null here)."""

    code: str
    title: str
    attribution: str
    gaps: tuple[GapView, ...]
    unrated: tuple[UnratedView, ...]
    goal: None = None


@dataclass(frozen=True, slots=True)
class NewGapView:
    """A skill a step newly asks for: the level needed and the level so far."""

    skill: str
    needed: float
    so_far: float


@dataclass(frozen=True, slots=True)
class StepView:
    """One occupation on a path: the skill distance to reach it and what it newly asks."""

    code: str
    title: str
    distance: float
    new_gaps: tuple[NewGapView, ...]


@dataclass(frozen=True, slots=True)
class PathView:
    """A career path, as ``cairn explore path --json`` lists it."""

    cost: float
    attribution: str
    steps: tuple[StepView, ...]

    @classmethod
    def of(cls, p: CareerPath, attribution: str) -> PathView:
        """The path, rounded as ``--json`` writes it."""
        return cls(round(p.cost, 4), attribution, tuple(
            StepView(s.code, s.title, round(s.distance, 4),
                     tuple(NewGapView(n, round(need, 2), round(have, 2))
                           for n, need, have in s.new_gaps)) for s in p.steps))
