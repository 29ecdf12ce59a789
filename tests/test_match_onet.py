"""Matching and gaps on the real O*NET release (both backends): the checks that keep it honest."""

from __future__ import annotations

import json

import numpy as np
import pytest

from cairn.core import matching
from cairn.core.assessment import score
from cairn.core.gaps import skill_gaps
from cairn.core.person import Constraints, Passion, Person

pytestmark = pytest.mark.onet
INTERESTS_ONLY = {"interests": 1.0}


@pytest.mark.parametrize("letter", list(range(6)))
def test_a_pure_interest_profile_finds_occupations_of_that_type(onet, letter):
    m = onet.fit.matrices()
    inst = onet.assess.instrument("interests")
    strongly = {it.id: 5 if it.scale == "RIASEC"[letter] else 2 for it in inst.items}
    scored = score(inst, strongly).by_scale()
    profile = tuple(scored[k] for k in "RIASEC")
    top = matching.rank(m, Person(interests=profile), INTERESTS_ONLY, limit=20)
    assert len(top) == 20
    for found in top:
        row = m.interests[m.index(found.code)]
        assert int(np.argmax(row)) == letter, (found.title, row)


@pytest.mark.parametrize("code", ["29-1141.00", "15-1252.00", "47-2031.00", "35-1011.00",
                                  "13-2011.00", "27-1024.00"])
def test_an_occupations_own_interest_profile_ranks_it_in_the_top_percent(onet, code):
    m = onet.fit.matrices()
    own = tuple(float(v) for v in m.interests[m.index(code)])
    everything = matching.rank(m, Person(interests=own), INTERESTS_ONLY, limit=len(m.codes))
    position = [f.code for f in everything].index(code)
    assert position < len(everything) / 100, position
    assert everything[position].parts["interests"] == pytest.approx(1.0)


def test_rating_every_skill_at_an_occupations_levels_leaves_no_gaps(onet):
    m = onet.fit.matrices()
    i = m.index("29-1141.00")
    levels = {e: float(m.skill_level[i, j]) for j, e in enumerate(m.skill_ids)}
    levels |= {e: float(m.knowledge_level[i, j]) for j, e in enumerate(m.knowledge_ids)}
    gaps, unrated = skill_gaps(m, "29-1141.00", levels)
    assert gaps == [] and unrated == []
    lower = {e: max(0.0, v - 1) for e, v in levels.items()}
    gaps, _ = skill_gaps(m, "29-1141.00", lower)
    assert len(gaps) > 20
    assert [g.priority for g in gaps] == sorted((g.priority for g in gaps), reverse=True)
    assert matching.skill_fit(m, levels)[i] == pytest.approx(1.0)


def test_constraints_and_filters(onet):
    m = onet.fit.matrices()
    person = Person(interests=(1, 1, 1, 5, 1, 1), constraints=Constraints(max_job_zone=2))
    found = matching.rank(m, person, {"interests": 1, "preparation": 5}, limit=10)
    assert all(f.job_zone is not None and f.job_zone <= 2 for f in found)
    assert "within your limit of 2" in found[0].reasons["preparation"]
    only = matching.rank(m, person, job_zones=[4], limit=10)
    assert {f.job_zone for f in only} == {4}


def test_passions_steer_through_full_text_search(onet):
    person = Person(interests=(3, 3, 3, 3, 3.5, 3), constraints=Constraints(passions=(
        Passion("photography", 5, income=True),)))
    found = onet.fit.match(["passions=10"], person=person, limit=5)
    assert "27-4021.00" in [f.code for f in found]  # Photographers
    assert "photography" in found[0].reasons["passions"]


def test_weights_are_checked():
    with pytest.raises(Exception, match="'luck' is not a component"):
        matching.parse_weights(["luck=2", "interests=-1"])


def test_cli_match_gap_and_goal(onet_person, onet, tmp_path):
    answers = tmp_path / "i.toml"
    answers.write_text("\n".join(f'{k}{i:02d} = {5 if k == "i" else 1}'
                                 for k in "riasec" for i in range(1, 11)))
    skills = tmp_path / "s.toml"
    skills.write_text('"2.A.1.a" = 4\n"2.B.3.e" = 1\n"2.C.3.a" = 2\n')
    assert onet_person("assess", "interests", "--answers", str(answers)).exit_code == 0
    assert onet_person("assess", "skills", "--knowledge", "--answers", str(skills)
                       ).exit_code == 0
    rows = json.loads(onet_person("explore", "match", "--limit", "3", "--json").stdout)
    assert len(rows) == 3 and rows[0]["components"]["interests"]["reason"].startswith("r =")
    text = onet_person("explore", "match", "--limit", "2").stdout
    assert "Investigative" in text and "interests:" in text
    doc = json.loads(onet_person("explore", "gap", "15-1252.00", "--make-goal", "--top", "2",
                                 "--hours-per-week", "6", "--json").stdout)
    assert {g["name"] for g in doc["gaps"][:2]} == {"Computers and Electronics", "Programming"}
    assert len(doc["goal"]["milestones"]) == 2
    goal_id = doc["goal"]["goal_id"]
    assert onet.goals.check(goal_id) == {goal_id: []}
    assert "Software Developers (15-1252.00)" in onet.goals.get(goal_id).why
    with onet.scope.read() as s:
        from cairn.store import assess as assess_store

        assert assess_store.goal_occupations(s) == {goal_id: "15-1252.00"}


def test_every_occupations_own_profile_ranks_it_in_the_top_percent(onet):
    m = onet.fit.matrices()
    rated = np.flatnonzero(m.rated)
    assert len(rated) > 850
    for i in rated:
        fit = (matching.pearson(m.interests[i], m.interests) + 1) / 2
        better = int((np.where(m.rated, fit, -1) > fit[i] + 1e-12).sum())
        assert better < len(rated) / 100, m.codes[i]


def test_match_needs_an_assessment(onet_person):
    out = onet_person("explore", "match")
    assert out.exit_code == 6 and "cairn assess interests" in out.stderr


def test_skills_interactive_skips_and_resumes(onet_person):
    out = onet_person("assess", "skills", input="4\n\nq\n")
    assert out.exit_code == 0 and "item 2 of 35" in out.stdout and "7 = Master" in out.stdout
    out = onet_person("assess", "skills", "--json", input="\n" * 40)
    assert out.exit_code == 0, out.stdout
    doc = json.loads(out.stdout[out.stdout.index('{\n  "id"'):])
    assert [(r["scale"], r["score"]) for r in doc["scores"]] == [("2.A.1.a", 4.0)]


def test_match_filters_are_checked(onet):
    person = Person(interests=(1, 5, 1, 1, 1, 1))
    with pytest.raises(Exception, match="Job zone 9 does not exist"):
        onet.fit.match(job_zones=[9], person=person)
    if onet.catalog.status().wages_source is None:
        with pytest.raises(Exception, match="Wages are not installed"):
            onet.fit.match(min_wage=50_000, person=person)


def test_report_gaps_and_reassessment_use_matching(onet_person, onet, tmp_path):
    answers = tmp_path / "i.toml"
    answers.write_text("\n".join(f'{k}{i:02d} = {5 if k == "i" else 1}'
                                 for k in "riasec" for i in range(1, 11)))
    skills = tmp_path / "s.toml"
    skills.write_text('"2.A.1.a" = 4\n"2.B.3.e" = 1\n"2.C.3.a" = 2\n')
    assert onet_person("assess", "interests", "--answers", str(answers)).exit_code == 0
    assert onet_person("assess", "skills", "--knowledge", "--answers", str(skills)
                       ).exit_code == 0
    assert onet_person("explore", "gap", "15-1252.00", "--make-goal", "--top", "2").exit_code == 0
    out = tmp_path / "r.md"
    assert onet_person("report", "--format", "md", "--output", str(out)).exit_code == 0
    gaps = out.read_text().split("## Skill gaps", 1)[1].split("\n## ", 1)[0]
    assert "Programming (for Software Developers)" in gaps
    review = onet_person("review", "--kind", "six-monthly", "--decide", "note checking in")
    assert review.exit_code == 0, review.stderr
    shown = onet_person("review", "show", "1", "--json").stdout
    assert "matching re-run; best fits now:" in shown
