"""Reading the occupation catalog: occupations, their pages, browsing, and fast matrices.

The matrix functions load whole ratings tables in one query each, shaped for
the matching algorithms (occupation x element); keep their names and shapes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from cairn.core.occupations import (
    EducationLevel,
    ElementRating,
    Interests,
    JobZone,
    Occupation,
    Rating,
    Related,
    TaskStatement,
    Technology,
)
from cairn.core.wages import HOURS_PER_YEAR, Wage
from cairn.store.catalog_tables import (
    ContentModelRow,
    EducationCategoryRow,
    EducationRow,
    ElementRatingRow,
    InterestRow,
    JobZoneRow,
    LevelAnchorRow,
    OccupationRow,
    RelatedOccupationRow,
    TaskStatementRow,
    TechnologyRow,
    TitleRow,
    WageLinkRow,
    WageRow,
    WorkStyleRow,
    WorkValueRow,
)

INTEREST_COLUMNS = ("realistic", "investigative", "artistic", "social", "enterprising",
                    "conventional")
VALUE_COLUMNS = ("achievement", "working_conditions", "recognition", "relationships",
                 "support", "independence")


# Listings run on the hot path of every search: Core columns (no ORM layer) are ~2x faster.
_OCC, _WAGE, _LINK = (OccupationRow.__table__.c, WageRow.__table__.c,
                      WageLinkRow.__table__.c)
WAGE_COLUMNS = (_WAGE.soc_code, _WAGE.annual_median, _WAGE.hourly_median, _WAGE.employment,
                _WAGE.top_coded, _WAGE.title, _LINK.basis, _WAGE.hourly_only)


def _annual_for_fit() -> Any:
    """The annual figure wage bands filter on: BLS's, else Cairn's estimate (hourly x 2,080)."""
    return func.coalesce(_WAGE.annual_median, _WAGE.hourly_median * HOURS_PER_YEAR)


def _with_wages(q: Select[Any]) -> Select[Any]:
    return q.select_from(OccupationRow.__table__
                         .outerjoin(WageLinkRow.__table__, _LINK.code == _OCC.code)
                         .outerjoin(WageRow.__table__, _WAGE.soc_code == _LINK.soc_code))


def _wage(row: Sequence[Any]) -> Wage | None:
    """A Wage from the eight WAGE_COLUMNS of a result row (None without a figure)."""
    if row[0] is None:
        return None
    return Wage(row[0], row[1], row[2], row[3], bool(row[4]), row[5], row[6], bool(row[7]))


def _listing() -> Select[Any]:
    return _with_wages(select(_OCC.code, _OCC.title, _OCC.job_zone, _OCC.riasec_code,
                              *WAGE_COLUMNS))


def _occupation(row: Sequence[Any]) -> Occupation:
    wage = _wage(row[4:])
    return Occupation(row[0], row[1], row[2], row[3], wage.annual_median if wage else None, wage)


def occupations(s: Session, codes: Sequence[str]) -> dict[str, Occupation]:
    """Listing records of these occupations, by code (columns only: this is on the hot
    path of every search)."""
    q = _listing().where(_OCC.code.in_(list(codes)))
    return {r[0]: _occupation(r) for r in s.execute(q)}


def occupation_count(s: Session) -> int:
    """How many occupations are installed."""
    return s.scalar(select(func.count()).select_from(OccupationRow)) or 0


def find_occupation(s: Session, code_or_key: str) -> tuple[Occupation, str] | None:
    """An occupation (and its description) by O*NET-SOC code or normalised title."""
    q = (_listing().add_columns(_OCC.description)
         .where((_OCC.code == code_or_key) | (_OCC.title_key == code_or_key)).limit(1))
    row = s.execute(q).first()
    return (_occupation(row), row[-1]) if row else None


def browse(s: Session, *, job_zone: int | None = None, riasec: str | None = None,
           wage_min: float | None = None, wage_max: float | None = None,
           limit: int = 1000) -> list[Occupation]:
    """Occupations filtered by job zone, interest code prefix and annual median wage (BLS's,
    or Cairn's estimate for an occupation BLS publishes only by the hour)."""
    q = _listing()
    if job_zone is not None:
        q = q.where(_OCC.job_zone == job_zone)
    if riasec:
        q = q.where(_OCC.riasec_code.startswith(riasec, autoescape=True))
    if wage_min is not None:
        q = q.where(_annual_for_fit() >= wage_min)
    if wage_max is not None:
        q = q.where(_annual_for_fit() < wage_max)
    q = q.order_by(_OCC.title).limit(limit)
    return [_occupation(r) for r in s.execute(q)]


# -- one occupation's page ------------------------------------------------------------


def job_zone(s: Session, zone: int | None) -> JobZone | None:
    """What a job zone means."""
    row = s.get(JobZoneRow, zone) if zone is not None else None
    if row is None:
        return None
    return JobZone(row.zone, row.name, row.experience, row.education, row.training,
                   row.examples, row.svp_range)


def interests(s: Session, code: str) -> Interests | None:
    """The RIASEC profile of an occupation."""
    row = s.get(InterestRow, code)
    if row is None:
        return None
    scores = tuple(float(getattr(row, c)) for c in INTEREST_COLUMNS)
    return Interests(scores, row.high_point)  # type: ignore[arg-type]


def ratings(s: Session, domain: str, code: str, limit: int) -> list[ElementRating]:
    """The most important skills, knowledge areas or abilities of an occupation."""
    q = (select(ElementRatingRow, ContentModelRow.name)
         .join(ContentModelRow, ContentModelRow.element_id == ElementRatingRow.element_id)
         .where(ElementRatingRow.domain == domain, ElementRatingRow.code == code)
         .order_by(ElementRatingRow.importance.desc(), ElementRatingRow.level.desc())
         .limit(limit))
    return [ElementRating(r.element_id, name, r.importance, r.level) for r, name in s.execute(q)]


def work_values(s: Session, code: str) -> tuple[list[Rating], list[str]]:
    """The six work values (extent 1-7), highest first, and the high-point names."""
    row = s.get(WorkValueRow, code)
    if row is None:
        return [], []
    ids = ("1.B.2.a", "1.B.2.b", "1.B.2.c", "1.B.2.d", "1.B.2.e", "1.B.2.f")
    names = ("Achievement", "Working Conditions", "Recognition", "Relationships", "Support",
             "Independence")
    values = [Rating(i, n, float(getattr(row, c)))
              for i, n, c in zip(ids, names, VALUE_COLUMNS, strict=True)]
    values.sort(key=lambda v: -v.value)
    return values, [h for h in row.high_points.split(",") if h]


def work_styles(s: Session, code: str, limit: int) -> list[Rating]:
    """Work styles by impact on performance (WI, -3..3), strongest first."""
    q = (select(WorkStyleRow, ContentModelRow.name)
         .join(ContentModelRow, ContentModelRow.element_id == WorkStyleRow.element_id)
         .where(WorkStyleRow.code == code, WorkStyleRow.impact.is_not(None))
         .order_by(WorkStyleRow.impact.desc()).limit(limit))
    return [Rating(r.element_id, name, r.impact or 0.0) for r, name in s.execute(q)]


def tasks(s: Session, code: str) -> list[TaskStatement]:
    """Task statements, core tasks first."""
    q = (select(TaskStatementRow).where(TaskStatementRow.code == code)
         .order_by(TaskStatementRow.core.desc(), TaskStatementRow.task_id))
    return [TaskStatement(r.task_id, r.statement, r.core) for r in s.scalars(q)]


def technology(s: Session, code: str) -> list[Technology]:
    """Technology used, hot and in-demand first."""
    q = (select(TechnologyRow).where(TechnologyRow.code == code)
         .order_by(TechnologyRow.in_demand.desc(), TechnologyRow.hot.desc(),
                   TechnologyRow.example))
    return [Technology(r.example, r.commodity_title, r.hot, r.in_demand) for r in s.scalars(q)]


def education(s: Session, code: str) -> list[EducationLevel]:
    """Required education and related experience: percent of workers per category."""
    kinds = {"RL": "education", "RW": "experience", "PT": "on-site training",
             "OJ": "on-the-job training"}
    q = (select(EducationRow, EducationCategoryRow.description)
         .join(EducationCategoryRow,
               (EducationCategoryRow.element_id == EducationRow.element_id)
               & (EducationCategoryRow.scale_id == EducationRow.scale_id)
               & (EducationCategoryRow.category == EducationRow.category))
         .where(EducationRow.code == code, EducationRow.scale_id.in_(list(kinds)))
         .order_by(EducationRow.scale_id, EducationRow.category))
    return [EducationLevel(kinds[r.scale_id], r.category or 0, desc, r.value)
            for r, desc in s.execute(q)]


def related(s: Session, code: str) -> list[Related]:
    """Related occupations with titles, in O*NET's order."""
    q = (select(RelatedOccupationRow, OccupationRow.title)
         .join(OccupationRow, OccupationRow.code == RelatedOccupationRow.related_code)
         .where(RelatedOccupationRow.code == code).order_by(RelatedOccupationRow.rank))
    return [Related(r.related_code, title, r.tier, r.rank) for r, title in s.execute(q)]


def titles(s: Session, code: str, kind: str = "reported") -> list[str]:
    """An occupation's other titles of one kind (alternate or reported)."""
    q = (select(TitleRow.title).where(TitleRow.code == code, TitleRow.kind == kind)
         .order_by(TitleRow.id))
    return list(s.scalars(q))


def wage(s: Session, code: str) -> Wage | None:
    """National wages for an occupation, from its own SOC code or the one that includes it."""
    row = s.execute(_with_wages(select(*WAGE_COLUMNS)).where(_OCC.code == code)).first()
    return _wage(row) if row else None


# -- matrices for matching (keep these names and shapes) ------------------------------


def interest_matrix(s: Session) -> tuple[list[str], list[tuple[float, float, float, float,
                                                                 float, float]]]:
    """Occupation codes and their six OI ratings in R, I, A, S, E, C order."""
    cols = [getattr(InterestRow, c) for c in INTEREST_COLUMNS]
    rows = s.execute(select(InterestRow.code, *cols).order_by(InterestRow.code)).all()
    return [r[0] for r in rows], [(r[1], r[2], r[3], r[4], r[5], r[6]) for r in rows]


def elements(s: Session, domain: str) -> list[tuple[str, str, str]]:
    """(element id, name, description) of the skills, knowledge areas or abilities rated."""
    rated = select(ElementRatingRow.element_id).where(ElementRatingRow.domain == domain)
    q = (select(ContentModelRow.element_id, ContentModelRow.name, ContentModelRow.description)
         .where(ContentModelRow.element_id.in_(rated.distinct()))
         .order_by(ContentModelRow.element_id))
    return [(r[0], r[1], r[2]) for r in s.execute(q)]


def element_matrix(s: Session, domain: str) -> tuple[list[str], list[str], list[str],
                                                      list[list[float]], list[list[float]]]:
    """Codes, element ids, element names, importance rows and level rows (0.0 if missing)."""
    element_rows = elements(s, domain)
    ids = [e[0] for e in element_rows]
    column = {e: i for i, e in enumerate(ids)}
    codes: list[str] = []
    importance: list[list[float]] = []
    level: list[list[float]] = []
    q = (select(ElementRatingRow.code, ElementRatingRow.element_id, ElementRatingRow.importance,
                ElementRatingRow.level)
         .where(ElementRatingRow.domain == domain).order_by(ElementRatingRow.code))
    for code, element_id, imp, lvl in s.execute(q):
        if not codes or codes[-1] != code:
            codes.append(code)
            importance.append([0.0] * len(ids))
            level.append([0.0] * len(ids))
        j = column[element_id]
        importance[-1][j], level[-1][j] = imp, lvl
    return codes, ids, [e[1] for e in element_rows], importance, level


def related_occupations(s: Session, code: str) -> list[tuple[str, str, int]]:
    """(related code, tier, index) in O*NET's order."""
    q = (select(RelatedOccupationRow.related_code, RelatedOccupationRow.tier,
                RelatedOccupationRow.rank)
         .where(RelatedOccupationRow.code == code).order_by(RelatedOccupationRow.rank))
    return [(r[0], r[1], r[2]) for r in s.execute(q)]


def occupation_job_zones(s: Session) -> dict[str, int]:
    """Job zone (1-5) of every occupation that has one."""
    q = select(OccupationRow.code, OccupationRow.job_zone).where(
        OccupationRow.job_zone.is_not(None))
    return {r[0]: int(r[1] or 0) for r in s.execute(q)}


def median_wages(s: Session) -> dict[str, float]:
    """Annual median wage per O*NET code as BLS published it (hourly-only occupations have
    none); empty when wages are not installed."""
    q = (select(WageLinkRow.code, WageRow.annual_median)
         .join(WageRow, WageRow.soc_code == WageLinkRow.soc_code)
         .where(WageRow.annual_median.is_not(None)))
    return {r[0]: float(r[1] or 0.0) for r in s.execute(q)}


def wage_coverage(s: Session) -> dict[str, int]:
    """How O*NET occupations get their wage: counts per basis (same, part, broader), none,
    and how many of those with a wage BLS publishes only by the hour."""
    counts = dict(s.execute(select(WageLinkRow.basis, func.count())
                            .group_by(WageLinkRow.basis)).tuples().all())
    hourly = s.scalar(select(func.count()).select_from(WageLinkRow)
                      .join(WageRow, WageRow.soc_code == WageLinkRow.soc_code)
                      .where(WageRow.hourly_only)) or 0
    linked = sum(counts.values())
    return {**counts, "none": occupation_count(s) - linked, "hourly_only": hourly}


def level_anchors(s: Session, element_ids: Sequence[str] | None = None
                  ) -> dict[str, list[tuple[float, str]]]:
    """O*NET's level anchors (LV) per element: (level, example), lowest first."""
    q = (select(LevelAnchorRow.element_id, LevelAnchorRow.value, LevelAnchorRow.description)
         .where(LevelAnchorRow.scale_id == "LV")
         .order_by(LevelAnchorRow.element_id, LevelAnchorRow.value))
    if element_ids is not None:
        q = q.where(LevelAnchorRow.element_id.in_(list(element_ids)))
    out: dict[str, list[tuple[float, str]]] = {}
    for element_id, value, description in s.execute(q):
        out.setdefault(element_id, []).append((float(value), description))
    return out


def work_values_matrix(s: Session) -> tuple[list[str], list[tuple[float, float, float, float,
                                                                    float, float]]]:
    """Codes and the six work values' extent in O*NET order (Achievement, Working
    Conditions, Recognition, Relationships, Support, Independence)."""
    cols = [getattr(WorkValueRow, c) for c in VALUE_COLUMNS]
    rows = s.execute(select(WorkValueRow.code, *cols).order_by(WorkValueRow.code)).all()
    return [r[0] for r in rows], [(r[1], r[2], r[3], r[4], r[5], r[6]) for r in rows]
