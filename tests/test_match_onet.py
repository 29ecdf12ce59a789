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
    assert out.exit_code == 0 and "question 2 of 35" in out.stdout and "7 = Master" in out.stdout
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
    assert "O\\*NET 30.1 Database" in gaps and "CC BY 4.0" in gaps  # O*NET figures, credited
    for fmt in ("html", "pdf"):
        path = tmp_path / f"r.{fmt}"
        assert onet_person("report", "--format", fmt, "--output", str(path)).exit_code == 0
        if fmt == "html":
            text = path.read_text(encoding="utf-8")
        else:
            from io import BytesIO

            from pypdf import PdfReader

            text = " ".join(" ".join(p.extract_text().split())
                            for p in PdfReader(BytesIO(path.read_bytes())).pages)
        assert "O*NET 30.1 Database" in text and "CC BY 4.0" in text, fmt
    review = onet_person("review", "--kind", "six-monthly", "--decide", "note checking in")
    assert review.exit_code == 0, review.stderr
    shown = onet_person("review", "show", "1", "--json").stdout
    assert "matching re-run; best fits now:" in shown


# -- every occupation O*NET rates is ranked, on the components it has data for -------------


def _codes(onet_dir, name: str, scale: str) -> set[str]:
    """The O*NET-SOC codes that have ``scale`` ratings in a ratings file."""
    import csv

    with (onet_dir / name).open(encoding="utf-8", newline="") as f:
        return {r["O*NET-SOC Code"] for r in csv.DictReader(f, delimiter="\t")
                if r["Scale ID"] == scale}


def test_occupations_without_skill_ratings_are_ranked_and_say_so(onet, onet_dir):
    interests = _codes(onet_dir, "Interests.txt", "OI")
    skills = _codes(onet_dir, "Skills.txt", "IM")
    values = _codes(onet_dir, "Work Values.txt", "EX")
    no_skills = interests - skills
    assert "15-2051.00" in no_skills and len(no_skills) == 29  # Data Scientists among them
    m = onet.fit.matrices()
    person = Person(interests=tuple(float(v) for v in m.interests[m.index("15-2051.00")]),
                    values=(4, 3, 3, 2, 3, 5), levels={"2.A.1.e": 5.0, "2.A.2.a": 4.0})
    everything = matching.rank(m, person, limit=len(m.codes))
    ranked = {f.code: f for f in everything}
    assert set(ranked) == interests | skills | values  # every occupation O*NET rates
    assert everything[0].code == "15-2051.00"  # its own interest profile puts it first
    for code in no_skills:
        found = ranked[code]
        assert "skills" in found.missing and found.parts["skills"] is None
        assert "O*NET has no skill ratings" in found.reasons["skills"]
        assert found.parts["interests"] is not None
    for code, found in ranked.items():  # what is missing is what the files lack
        assert set(found.missing) == {name for name, rated in (
            ("interests", interests), ("skills", skills), ("values", values))
            if code not in rated}, code
    assert ranked["15-1252.00"].parts["skills"] is not None


def test_match_json_and_text_name_the_missing_components(onet_person, tmp_path):
    answers = tmp_path / "i.toml"
    answers.write_text("\n".join(f'{k}{i:02d} = {5 if k in "ic" else 1}'
                                 for k in "riasec" for i in range(1, 11)))
    skills = tmp_path / "s.toml"
    skills.write_text('"2.A.1.e" = 5\n')
    assert onet_person("assess", "interests", "--answers", str(answers)).exit_code == 0
    assert onet_person("assess", "skills", "--answers", str(skills)).exit_code == 0
    rows = json.loads(onet_person("explore", "match", "--limit", "400", "--json").stdout)
    partial = [r for r in rows if "skills" in r["missing_data"]]
    assert partial, "an occupation without skill ratings is among the 400 best"
    assert all(r["components"]["skills"]["fit"] is None for r in partial)
    assert all("O*NET 30.1 Database" in r["attribution"] for r in rows)


def test_gap_meanings_name_the_level_and_quote_onets_anchor(onet, onet_dir):
    import csv

    from cairn.core.levels import LEVELS

    with (onet_dir / "Level Scale Anchors.txt").open(encoding="utf-8", newline="") as f:
        anchors: dict[str, list[tuple[float, str]]] = {}
        for r in csv.DictReader(f, delimiter="\t"):
            anchors.setdefault(r["Element ID"], []).append(
                (float(r["Anchor Value"]), r["Anchor Description"]))
    with (onet_dir / "Skills.txt").open(encoding="utf-8", newline="") as f:
        needed = {r["Element ID"]: float(r["Data Value"]) for r in csv.DictReader(
            f, delimiter="\t") if r["O*NET-SOC Code"] == "15-1252.00" and r["Scale ID"] == "LV"}
    _, _, gaps, _ = onet.fit.gaps("15-1252.00", Person(levels=dict.fromkeys(needed, 0.0)))
    assert gaps
    for g in gaps:
        level, example = min(anchors[g.element_id],
                             key=lambda a: (abs(a[0] - needed[g.element_id]), a[0]))
        assert g.required == needed[g.element_id]
        assert g.meaning.startswith(LEVELS[round(g.required)][0])
        assert f"O*NET's example at {level:g}: {example}" in g.meaning


def test_cli_gap_and_path_json_carry_the_attribution(onet_person, tmp_path):
    skills = tmp_path / "s.toml"
    skills.write_text('"2.A.1.a" = 4\n')
    assert onet_person("assess", "skills", "--answers", str(skills)).exit_code == 0
    gap = json.loads(onet_person("explore", "gap", "15-1252.00", "--json").stdout)
    assert "O*NET 30.1 Database" in gap["attribution"]
    paths = json.loads(onet_person("explore", "path", "41-2011.00", "29-1141.00",
                                   "--json").stdout)
    assert paths and all("CC BY 4.0" in p["attribution"] for p in paths)
    text = onet_person("explore", "gap", "15-1252.00").stdout
    assert "needed (0-7)" in text and "O*NET's example at" in " ".join(text.split())
