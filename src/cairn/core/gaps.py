"""Skill and knowledge gaps against an occupation, and a learning plan built from them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from cairn.core.levels import meaning
from cairn.core.matching import Matrices
from cairn.core.pace import (
    DEFAULT_HOURS_PER_WEEK,
    HOURS_PER_LEVEL,
    check_rate,
    due_weeks,
    gap_levels,
    within_year,
)

UNRATED_IMPORTANCE = 3.0  # "important" on O*NET's 1-5 scale


@dataclass(frozen=True, slots=True)
class Gap:
    """A skill or knowledge area where the person is below the occupation's level;
    ``meaning`` says what the level needed is (``core/levels.py``)."""

    element_id: str
    name: str
    domain: str
    importance: float
    required: float
    current: float
    shortfall: float
    priority: float
    meaning: str


@dataclass(frozen=True, slots=True)
class Unrated:
    """An important skill or knowledge area of the occupation the person has not rated."""

    element_id: str
    name: str
    domain: str
    importance: float
    required: float


def skill_gaps(m: Matrices, code: str, levels: Mapping[str, float]
               ) -> tuple[list[Gap], list[Unrated]]:
    """Gaps ranked by importance x shortfall, and important elements not yet rated."""
    i = m.index(code)
    gaps: list[Gap] = []
    unrated: list[Unrated] = []
    for domain, ids, names, imp, lvl in (
            ("skill", m.skill_ids, m.skill_names, m.skill_importance, m.skill_level),
            ("knowledge", m.knowledge_ids, m.knowledge_names, m.knowledge_importance,
             m.knowledge_level)):
        for j, element in enumerate(ids):
            importance, required = float(imp[i, j]), float(lvl[i, j])
            if element not in levels:
                if importance >= UNRATED_IMPORTANCE:
                    unrated.append(Unrated(element, names[j], domain, importance, required))
                continue
            short = required - levels[element]
            if short > 1e-9:
                gaps.append(Gap(element, names[j], domain, importance, required,
                                levels[element], short, importance * short,
                                meaning(required, m.anchors.get(element, ()))))
    gaps.sort(key=lambda g: (-g.priority, g.name))
    unrated.sort(key=lambda u: (-u.importance, u.name))
    return gaps, unrated


def learning_schedule(gaps: list[Gap], start: dt.date,
                      hours_per_week: float = DEFAULT_HOURS_PER_WEEK) -> list[dt.date]:
    """A due date for each gap, in order, that fits within a year by the pacing rule of
    :mod:`cairn.core.pace`: a gap takes its whole levels of shortfall at HOURS_PER_LEVEL
    hours each, at ``hours_per_week``; the gaps past a year get no date (the list is
    shorter than ``gaps``), except the first, which always has one."""
    rate = check_rate(hours_per_week)
    hours = [gap_levels(g.shortfall) * HOURS_PER_LEVEL for g in gaps]
    weeks = due_weeks(hours[:within_year(hours, rate)], rate)
    return [start + dt.timedelta(weeks=w) for w in weeks]
