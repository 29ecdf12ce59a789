"""Matching a person to every occupation, with a score and a sentence per component.

All components are fits from 0 (poor) to 1 (ideal), or NaN when unknown (the
person has not said, or O*NET has no rating); the total is the weighted mean of
the known components, so a missing assessment never counts as a bad fit.

Interest fit (the formula the README documents):

    r   = sum_i (p_i - p_mean) * (o_i - o_mean)
          / sqrt( sum_i (p_i - p_mean)^2 * sum_i (o_i - o_mean)^2 )
    fit = (r + 1) / 2

with p the person's six RIASEC scores and o the occupation's six O*NET interest
ratings (OI, 1-7), i over R, I, A, S, E, C. Pearson's r compares the *shape* of
the two profiles (which types are high, which low), not their level, so a person
who answers everything a little higher still gets the same ranking.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from cairn.core.actions import Action, ActionWriter, Hint
from cairn.core.errors import InvalidInput
from cairn.core.occupations import RIASEC_NAMES, WORK_VALUES
from cairn.core.person import Person
from cairn.core.wages import Wage

Array = npt.NDArray[np.float64]
COMPONENTS = ("interests", "skills", "values", "preparation", "income", "passions")
PROFILE = ("interests", "skills", "values")  # what O*NET rates and a person is compared on
DEFAULT_WEIGHTS: Mapping[str, float] = {"interests": 3.0, "skills": 2.0, "values": 1.0,
                                        "preparation": 1.0, "income": 1.0, "passions": 1.0}


@dataclass(frozen=True, eq=False)
class Matrices:
    """The catalog shaped for matching, loaded once: one row per occupation (NaN = unknown)."""

    codes: tuple[str, ...]
    titles: tuple[str, ...]
    interests: Array  # n x 6, R..C, 1-7
    values: Array  # n x 6, O*NET order, 1-7
    skill_ids: tuple[str, ...]
    skill_names: tuple[str, ...]
    skill_importance: Array  # n x k, 1-5 (0 if unrated)
    skill_level: Array  # n x k, 0-7
    knowledge_ids: tuple[str, ...]
    knowledge_names: tuple[str, ...]
    knowledge_importance: Array
    knowledge_level: Array
    job_zone: Array  # n
    wage: Array  # n, annual median as BLS published it, else Cairn's estimate (hourly x 2,080)
    row: Mapping[str, int] = field(default_factory=dict)

    rated: npt.NDArray[np.bool_] = field(default_factory=lambda: np.zeros(0, dtype=bool))
    """Occupations O*NET rates on interests, skills or work values; the others (catch-alls
    such as "..., All Other") have no profile to compare a person with."""
    wage_info: tuple[Wage | None, ...] = ()
    """Each occupation's wage figures and which BLS code they are for (None: no wage)."""
    anchors: Mapping[str, Sequence[tuple[float, str]]] = field(default_factory=dict)
    """O*NET's level anchors per skill and knowledge element: (level, example)."""

    def index(self, code: str) -> int:
        """The row of an occupation."""
        if code not in self.row:
            raise InvalidInput(f"There is no occupation {code} in the catalog.",
                               "Find codes with {action}.", Action.to("explore.search", words=None))
        return self.row[code]


def _rows(codes: Sequence[str], found: Sequence[str], rows: Sequence[Sequence[float]],
          width: int) -> Array:
    out = np.full((len(codes), width), np.nan)
    at = {c: i for i, c in enumerate(codes)}
    for code, row in zip(found, rows, strict=True):
        if code in at:
            out[at[code]] = row
    return out


def build(titles: Mapping[str, str],
          interests: tuple[Sequence[str], Sequence[Sequence[float]]],
          values: tuple[Sequence[str], Sequence[Sequence[float]]],
          skills: tuple[Sequence[str], Sequence[str], Sequence[str],
                        Sequence[Sequence[float]], Sequence[Sequence[float]]],
          knowledge: tuple[Sequence[str], Sequence[str], Sequence[str],
                           Sequence[Sequence[float]], Sequence[Sequence[float]]],
          zones: Mapping[str, int], wages: Mapping[str, float | Wage],
          anchors: Mapping[str, Sequence[tuple[float, str]]] | None = None) -> Matrices:
    """Matrices from the store's query results (see store/catalog.py's matrix functions).

    A wage given as a number is an annual median BLS published for the occupation's own code.
    """
    codes = tuple(sorted(titles))

    def elements(part: tuple[Sequence[str], Sequence[str], Sequence[str],
                             Sequence[Sequence[float]], Sequence[Sequence[float]]]
                 ) -> tuple[tuple[str, ...], tuple[str, ...], Array, Array]:
        found, ids, names, imp, lvl = part
        importance = np.nan_to_num(_rows(codes, found, imp, len(ids)))
        level = np.nan_to_num(_rows(codes, found, lvl, len(ids)))
        return tuple(ids), tuple(names), importance, level

    s_ids, s_names, s_imp, s_lvl = elements(skills)
    k_ids, k_names, k_imp, k_lvl = elements(knowledge)
    info = tuple(_wage(c, wages.get(c)) for c in codes)
    interest_rows, value_rows = _rows(codes, *interests, 6), _rows(codes, *values, 6)
    return Matrices(
        codes=codes, titles=tuple(titles[c] for c in codes),
        interests=interest_rows, values=value_rows,
        skill_ids=s_ids, skill_names=s_names, skill_importance=s_imp, skill_level=s_lvl,
        knowledge_ids=k_ids, knowledge_names=k_names, knowledge_importance=k_imp,
        knowledge_level=k_lvl,
        job_zone=np.array([zones.get(c, np.nan) for c in codes], dtype=float),
        wage=np.array([np.nan if w is None or w.annual_for_fit is None else w.annual_for_fit
                       for w in info], dtype=float),
        row={c: i for i, c in enumerate(codes)},
        rated=np.asarray(~np.isnan(interest_rows).any(axis=1) | (s_imp.sum(axis=1) > 0)
                         | ~np.isnan(value_rows).any(axis=1)),
        wage_info=info, anchors=dict(anchors or {}),
    )


def _wage(code: str, given: float | Wage | None) -> Wage | None:
    if given is None or isinstance(given, Wage):
        return given
    return Wage(code[:7], float(given), None, None, top_coded=False)


# -- the components -----------------------------------------------------------------


def pearson(profile: Sequence[float], table: Array) -> Array:
    """Pearson's r between one profile and every row of ``table`` (NaN where undefined)."""
    p = np.asarray(profile, dtype=float)
    p = p - p.mean()
    t = table - table.mean(axis=1, keepdims=True)
    denominator = np.sqrt((p * p).sum() * (t * t).sum(axis=1))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.asarray((t @ p) / denominator, dtype=float)


def skill_fit(m: Matrices, levels: Mapping[str, float]) -> Array:
    """1 - importance-weighted shortfall / importance-weighted requirement, over the skills
    the person rated: 1 means they meet every level they rated; NaN if they rated none."""
    cols = [j for j, e in enumerate(m.skill_ids) if e in levels]
    if not cols:
        return np.full(len(m.codes), np.nan)
    mine = np.array([levels[m.skill_ids[j]] for j in cols])
    imp, lvl = m.skill_importance[:, cols], m.skill_level[:, cols]
    short = (imp * np.clip(lvl - mine, 0, None)).sum(axis=1)
    need = (imp * lvl).sum(axis=1)
    rated = m.skill_importance.sum(axis=1) > 0
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(~rated, np.nan, np.where(need > 0, 1 - short / need, 1.0))


def components(m: Matrices, person: Person,
               passion_hits: Mapping[str, Mapping[str, float]] | None = None
               ) -> dict[str, Array]:
    """Every component's fit (0..1, NaN = unknown) for every occupation."""
    n = len(m.codes)
    unknown = np.full(n, np.nan)
    out = dict.fromkeys(COMPONENTS, unknown)
    if person.interests is not None and np.ptp(person.interests) > 0:
        out["interests"] = (pearson(person.interests, m.interests) + 1) / 2
    out["skills"] = skill_fit(m, person.levels)
    if person.values is not None and np.ptp(person.values) > 0:
        out["values"] = (pearson(person.values, m.values) + 1) / 2
    limits = person.constraints
    if limits.max_job_zone is not None:
        over = np.clip(m.job_zone - limits.max_job_zone, 0, None)
        out["preparation"] = np.clip(1 - over / 2, 0, 1)
    if limits.min_income:
        out["income"] = np.clip(m.wage / limits.min_income, 0, 1)
    if passion_hits:
        best = np.zeros(n)
        for hits in passion_hits.values():
            for code, relevance in hits.items():
                if code in m.row:
                    best[m.row[code]] = max(best[m.row[code]], relevance)
        out["passions"] = best
    return out


def total(parts: Mapping[str, Array], weights: Mapping[str, float]) -> Array:
    """The weighted mean of the known components for every occupation."""
    stacked = np.vstack([parts[c] for c in COMPONENTS])
    w = np.array([weights.get(c, 0.0) for c in COMPONENTS])[:, None]
    known = ~np.isnan(stacked)
    weight = (w * known).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(weight > 0, (np.nan_to_num(stacked) * w).sum(axis=0) / weight, np.nan)


def parse_weights(pairs: Sequence[str]) -> dict[str, float]:
    """'interests=2' -> weights over the defaults; every bad pair is reported at once."""
    weights = dict(DEFAULT_WEIGHTS)
    problems = []
    for pair in pairs:
        name, _, raw = pair.partition("=")
        try:
            value = float(raw)
        except ValueError:
            value = -1.0
        if name.strip() not in COMPONENTS:
            problems.append(f"{name!r} is not a component ({', '.join(COMPONENTS)}).")
        elif not 0 <= value < math.inf:
            problems.append(f"{pair!r}: the weight must be a number 0 or more.")
        else:
            weights[name.strip()] = value
    if problems:
        raise InvalidInput("Bad --weight:\n- " + "\n- ".join(problems),
                           "Write --weight NAME=NUMBER, e.g. --weight interests=2.")
    return weights


@dataclass(frozen=True)
class Match:
    """One occupation's fit: total, each component (None = unknown) and a sentence each.

    ``wage`` is the annual figure income fit used (BLS's, or Cairn's estimate when
    ``wage_estimated``); ``missing`` names the components the person gave but the
    occupation has no O*NET (or BLS) data for, so its total leaves them out.
    """

    code: str
    title: str
    total: float
    parts: Mapping[str, float | None]
    reasons: Mapping[str, str]
    job_zone: int | None
    wage: float | None
    missing: tuple[str, ...] = ()
    wage_estimated: bool = False
    actions: Mapping[str, Action] = field(default_factory=dict)
    """What would add a component's missing part (its reason names it with ``{action}``)."""

    def reason(self, key: str, write: ActionWriter) -> str:
        """A component's reason with its action written the way an edge writes actions."""
        return Hint(self.reasons[key], self.actions.get(key)).render(write)


def comparable(m: Matrices, parts: Mapping[str, Array]) -> npt.NDArray[np.bool_]:
    """Occupations a person can be ranked for: O*NET rates them, and at least one part of
    the person's profile (interests, skills, values) can be compared with them. Without any
    profile part (passions and limits only), every rated occupation."""
    known = np.zeros(len(m.codes), dtype=bool)
    for c in PROFILE:
        known |= ~np.isnan(parts[c])
    return np.asarray(m.rated & known) if known.any() else m.rated


def missing_data(m: Matrices, person: Person, i: int) -> tuple[str, ...]:
    """The components the person gave that occupation row ``i`` has no data for."""
    gaps = []
    if person.interests is not None and np.isnan(m.interests[i]).any():
        gaps.append("interests")
    if person.levels and m.skill_importance[i].sum() <= 0:
        gaps.append("skills")
    if person.values is not None and np.isnan(m.values[i]).any():
        gaps.append("values")
    if person.constraints.max_job_zone is not None and np.isnan(m.job_zone[i]):
        gaps.append("preparation")
    if person.constraints.min_income and np.isnan(m.wage[i]):
        gaps.append("income")
    return tuple(gaps)


def rank(m: Matrices, person: Person, weights: Mapping[str, float] = DEFAULT_WEIGHTS, *,
         passion_hits: Mapping[str, Mapping[str, float]] | None = None,
         job_zones: Sequence[int] = (), min_wage: float | None = None,
         limit: int = 20) -> list[Match]:
    """The best ``limit`` occupations for a person, each explained; an occupation O*NET
    rates only in part is ranked on the components it has data for."""
    parts = components(m, person, passion_hits)
    scores = total(parts, weights)
    keep = ~np.isnan(scores) & comparable(m, parts)
    if job_zones:
        keep &= np.isin(m.job_zone, list(job_zones))
    if min_wage is not None:
        keep &= np.nan_to_num(m.wage) >= min_wage
    order = np.flatnonzero(keep)
    order = order[np.lexsort((order, -scores[order]))][:limit]
    from cairn.core.explain import explain

    def estimated(i: int) -> bool:
        w = m.wage_info[i] if m.wage_info else None
        return w is not None and w.annual_estimate is not None

    def matched(i: int) -> Match:
        why = explain(m, person, i, parts, passion_hits or {})
        return Match(m.codes[i], m.titles[i], float(scores[i]),
                     {c: None if np.isnan(parts[c][i]) else float(parts[c][i])
                      for c in COMPONENTS},
                     {k: h.text for k, h in why.items()},
                     None if np.isnan(m.job_zone[i]) else int(m.job_zone[i]),
                     None if np.isnan(m.wage[i]) else float(m.wage[i]),
                     missing_data(m, person, i), estimated(i),
                     {k: h.action for k, h in why.items() if h.action is not None})

    return [matched(int(i)) for i in order]


def rank_many(m: Matrices, people: Sequence[Person],
              weights: Mapping[str, float] = DEFAULT_WEIGHTS, top: int = 20
              ) -> npt.NDArray[np.int64]:
    """Row indexes of each person's ``top`` occupations (no explanations): batch scoring."""
    out = np.empty((len(people), top), dtype=np.int64)
    for k, person in enumerate(people):
        parts = components(m, person)
        scores = np.where(comparable(m, parts), total(parts, weights), np.nan)
        scores = np.nan_to_num(scores, nan=-1.0)
        best = np.argpartition(-scores, top)[:top]
        out[k] = best[np.argsort(-scores[best], kind="stable")]
    return out


NAMES = {"interests": RIASEC_NAMES, "values": WORK_VALUES}
