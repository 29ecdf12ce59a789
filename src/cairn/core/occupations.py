"""Occupations from the O*NET catalog: records, RIASEC codes, attribution and search ranking."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from cairn.core.wages import Wage

RIASEC = "RIASEC"
RIASEC_NAMES = ("Realistic", "Investigative", "Artistic", "Social", "Enterprising",
                "Conventional")
WORK_VALUES = ("Achievement", "Working Conditions", "Recognition", "Relationships", "Support",
               "Independence")
DOMAINS = ("skills", "knowledge", "abilities")


@dataclass(frozen=True, slots=True)
class JobZone:
    """One of O*NET's five job zones: how much preparation an occupation needs."""

    zone: int
    name: str
    experience: str
    education: str
    training: str
    examples: str
    svp_range: str


@dataclass(frozen=True, slots=True)
class Occupation:
    """An O*NET-SOC occupation in a listing: code, title, job zone, interest code, wage.

    ``median_wage`` is the annual median as BLS published it (None for an hourly-only
    occupation); ``wage`` has both medians and which BLS code they are for.
    """

    code: str
    title: str
    job_zone: int | None = None
    riasec_code: str = ""
    median_wage: float | None = None
    wage: Wage | None = None


@dataclass(frozen=True, slots=True)
class SearchHit:
    """An occupation found by a search, with its final score (higher is better)."""

    occupation: Occupation
    score: float
    matched: str = ""


@dataclass(frozen=True, slots=True)
class Interests:
    """The six occupational interest ratings (1-7) in R, I, A, S, E, C order, and the code."""

    scores: tuple[float, float, float, float, float, float]
    high_point: str


@dataclass(frozen=True, slots=True)
class ElementRating:
    """A skill, knowledge area or ability of an occupation: importance 1-5, level 0-7."""

    element_id: str
    name: str
    importance: float
    level: float


@dataclass(frozen=True, slots=True)
class Rating:
    """A named rating (a work value's extent 1-7, a work style's impact -3..3)."""

    element_id: str
    name: str
    value: float


@dataclass(frozen=True, slots=True)
class TaskStatement:
    """A task an occupation's workers do; core tasks are the critical ones."""

    task_id: int
    statement: str
    core: bool


@dataclass(frozen=True, slots=True)
class Technology:
    """Software or technology used in an occupation, with O*NET's demand flags."""

    example: str
    category: str
    hot: bool
    in_demand: bool


@dataclass(frozen=True, slots=True)
class EducationLevel:
    """The share of workers (percent) who report a level of education or training."""

    kind: str
    category: int
    description: str
    percent: float


@dataclass(frozen=True, slots=True)
class Related:
    """A related occupation, with O*NET's relatedness tier and rank within the tier."""

    code: str
    title: str
    tier: str
    index: int


@dataclass(frozen=True)
class OccupationPage:
    """Everything Cairn shows about one occupation."""

    occupation: Occupation
    description: str
    job_zone: JobZone | None
    interests: Interests | None
    skills: list[ElementRating] = field(default_factory=list)
    knowledge: list[ElementRating] = field(default_factory=list)
    abilities: list[ElementRating] = field(default_factory=list)
    work_values: list[Rating] = field(default_factory=list)
    work_styles: list[Rating] = field(default_factory=list)
    tasks: list[TaskStatement] = field(default_factory=list)
    technology: list[Technology] = field(default_factory=list)
    education: list[EducationLevel] = field(default_factory=list)
    related: list[Related] = field(default_factory=list)
    reported_titles: list[str] = field(default_factory=list)
    wage: Wage | None = None
    attribution: str = ""


@dataclass(frozen=True, slots=True)
class CatalogStatus:
    """What catalog is installed: version, when, from where, row counts, wages."""

    version: str
    installed_at: dt.datetime
    source: str
    counts: dict[str, int]
    wages_source: str | None = None
    wages_installed_at: dt.datetime | None = None


def attribution(version: str) -> str:
    """The attribution O*NET's CC BY 4.0 license asks for, with Cairn's modification notice."""
    return (
        f"This product includes information from the O*NET {version} Database by the U.S. "
        "Department of Labor, Employment and Training Administration (USDOL/ETA). Used under "
        "the CC BY 4.0 license. O*NET® is a trademark of USDOL/ETA. Cairn has modified all "
        "or some of this information. USDOL/ETA has not approved, endorsed, or tested these "
        "modifications."
    )


def high_point_code(high_points: list[float]) -> str:
    """O*NET's interest high-points (1..6 per position, 0 = none) as letters, e.g. 'SEC'."""
    return "".join(RIASEC[int(p) - 1] for p in high_points if 1 <= int(p) <= 6)


def riasec_letters(text: str) -> str | None:
    """'s', 'Social', 'sec' -> 'S', 'S', 'SEC'; None when it is not a RIASEC code."""
    cleaned = text.strip()
    for letter, name in zip(RIASEC, RIASEC_NAMES, strict=True):
        if cleaned.lower() == name.lower():
            return letter
    upper = cleaned.upper()
    if 1 <= len(upper) <= 3 and all(ch in RIASEC for ch in upper) and len(set(upper)) == len(upper):
        return upper
    return None


# -- ranking search hits ------------------------------------------------------------

_WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    """Lower-case words of ``text``, each crudely singularised ('nurses' -> 'nurse')."""
    out = []
    for word in _WORD.findall(text.lower()):
        if len(word) > 3 and word.endswith("ies"):
            word = word[:-3] + "y"  # noqa: PLW2901 - normalising in place reads best
        elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]  # noqa: PLW2901
        out.append(word)
    return out


def title_key(title: str) -> str:
    """A title normalised for exact matching: 'Registered Nurses' -> 'registered nurse'."""
    return " ".join(words(title))


def title_score(q: list[str], title: str, alias: bool) -> tuple[float, str]:
    """How well the query's words ``q`` name an occupation by its title or another title.

    An exact title wins; then titles holding every query word (shorter first); an
    alternate title equal to the query adds a bonus; the text rank breaks ties.
    """
    if not q:
        return 0.0, ""
    t = words(title)
    bonus = 25.0 if alias else 0.0
    if t == q:
        return 100.0 + bonus, "title"
    if all(w in t for w in q):
        return 40.0 - min(len(t) - len(q), 20) + bonus, "title"
    partial = 10.0 * sum(w in t for w in q) / len(q)
    if bonus:
        return partial + bonus, "alternate title"
    return partial, "title" if partial else "text"


def rank_hits(query: str, candidates: list[tuple[Occupation, float, bool]], limit: int
              ) -> list[SearchHit]:
    """Order full-text candidates (occupation, relevance 0..1, an alternate title matched
    exactly) so that near-exact titles come first."""
    hits = []
    q = words(query)
    for occ, relevance, alias in candidates:
        bonus, matched = title_score(q, occ.title, alias)
        hits.append(SearchHit(occ, round(bonus + 10.0 * relevance, 3), matched))
    hits.sort(key=lambda h: (-h.score, h.occupation.title))
    return hits[:limit]


def wage_band(annual: float | None) -> str:
    """A coarse band for browsing: under 40k, 40-60k, 60-80k, 80-100k, 100-150k, 150k+."""
    if annual is None:
        return "unknown"
    for upper, name in ((40_000, "<40k"), (60_000, "40-60k"), (80_000, "60-80k"),
                        (100_000, "80-100k"), (150_000, "100-150k")):
        if annual < upper:
            return name
    return "150k+"


WAGE_BANDS: dict[str, tuple[float, float]] = {
    "<40k": (0, 40_000), "40-60k": (40_000, 60_000), "60-80k": (60_000, 80_000),
    "80-100k": (80_000, 100_000), "100-150k": (100_000, 150_000),
    "150k+": (150_000, float("inf")),
}
