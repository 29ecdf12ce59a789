"""Matching math on a hand-written three-occupation catalog (pure, no database)."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest

from cairn.core import matching
from cairn.core.gaps import learning_schedule, skill_gaps
from cairn.core.levels import LEVELS
from cairn.core.person import Constraints, Person

SKILLS = (["A", "B", "C"], ["s1", "s2"], ["Writing", "Coding"],
          [[4.0, 1.0], [2.0, 5.0], [3.0, 3.0]], [[5.0, 1.0], [2.0, 6.0], [3.0, 3.0]])
KNOWLEDGE = (["A"], ["k1"], ["Law"], [[4.0]], [[6.0]])


def catalog() -> matching.Matrices:
    return matching.build(
        titles={"A": "Editors", "B": "Programmers", "C": "Generalists", "D": "All Other"},
        interests=(["A", "B", "C"], [(1, 2, 7, 3, 4, 2), (2, 7, 1, 1, 2, 5), (4, 4, 4, 4, 4, 5)]),
        values=(["A", "B"], [(5, 3, 3, 4, 3, 6), (5, 5, 3, 2, 4, 5)]),
        skills=SKILLS, knowledge=KNOWLEDGE,
        zones={"A": 4, "B": 4, "C": 2}, wages={"A": 70000.0, "B": 130000.0})


def test_interest_fit_is_pearson_r_rescaled():
    m = catalog()
    mine = (1.0, 3.0, 5.0, 2.0, 2.0, 1.0)
    fit = (matching.pearson(mine, m.interests) + 1) / 2
    expected = (np.corrcoef(mine, m.interests[0])[0, 1] + 1) / 2
    assert fit[0] == pytest.approx(expected)
    assert math.isnan(fit[3])  # no ratings


def test_components_and_total_leave_unknowns_out():
    m = catalog()
    person = Person(interests=(1, 3, 5, 2, 2, 1), levels={"s1": 5.0, "s2": 1.0},
                    constraints=Constraints(min_income=100_000, max_job_zone=3))
    parts = matching.components(m, person)
    assert parts["skills"][0] == pytest.approx(1.0)
    # B needs s1 2 (have 5) and s2 6 (have 1): shortfall 5 x importance 5 over 2x2 + 5x6
    assert parts["skills"][1] == pytest.approx(1 - 25 / 34)
    assert parts["preparation"].tolist()[:3] == [0.5, 0.5, 1.0]
    assert parts["income"][0] == pytest.approx(0.7) and parts["income"][1] == 1.0
    assert math.isnan(parts["income"][2]) and math.isnan(parts["values"][0])
    ranked = matching.rank(m, person, limit=10)
    assert ranked[0].code == "A" and "D" not in [r.code for r in ranked]
    assert ranked[0].parts["values"] is None
    assert "70,000" in ranked[0].reasons["income"] and "30% below" in ranked[0].reasons["income"]


def test_gaps_rank_by_importance_times_shortfall_and_schedule_within_a_year():
    m = catalog()
    gaps, unrated = skill_gaps(m, "B", {"s1": 0.0, "s2": 1.0})
    assert [(g.name, g.priority) for g in gaps] == [("Coding", 25.0), ("Writing", 4.0)]
    assert gaps[0].meaning == ": ".join(LEVELS[6])  # level 6 needed; no anchors here
    assert unrated == []
    gaps, unrated = skill_gaps(m, "A", {})
    assert gaps == [] and [u.name for u in unrated] == ["Law", "Writing"]
    dues = learning_schedule(skill_gaps(m, "B", {"s1": 0.0, "s2": 0.0})[0] * 5,
                             dt.date(2026, 11, 23))
    assert dues == sorted(dues) and (dues[-1] - dues[0]).days < 365
