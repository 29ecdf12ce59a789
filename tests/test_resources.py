"""The personal library, skill evidence, and recommendations by need."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import pytest

from cairn.core.errors import InvalidInput
from cairn.core.model import Horizon, LifeStage
from cairn.core.needs import RULES, find_needs
from cairn.core.resources import Resource, ResourceKind, ResourceStatus, proposed_rating
from cairn.core.situation import Situation

TODAY = dt.date(2026, 11, 23)


# -- pure core: needs ------------------------------------------------------------------


def _keys(situation: Situation, library: list[Resource] | None = None) -> list[str]:
    return [n.rule.key for n in find_needs(situation, library or [])]


def test_unknown_facts_stay_silent():
    # A settled person with goals and a mentor, and nothing known from other features.
    calm = Situation(TODAY, LifeStage.MID_CAREER, active_goal_ids=(1,), contacts=1, mentors=1)
    assert _keys(calm) == []


def test_each_need_fires_on_its_fact():
    base = Situation(TODAY, LifeStage.MID_CAREER, active_goal_ids=(1,), contacts=1, mentors=1)
    assert _keys(replace(base, skill_gaps=("2.A.1.a",))) == ["skill-gaps"]
    assert _keys(replace(base, mentors=0)) == ["support"]
    assert _keys(replace(base, overcommitted_hours=6.0)) == ["time"]
    assert _keys(replace(base, overcommitted_hours=0.0)) == []
    assert _keys(replace(base, life_stage=LifeStage.RETURNING)) == ["explore"]
    assert _keys(replace(base, active_goal_ids=())) == ["structure"]
    assert _keys(replace(base, reassessment_due=True)) == ["reassess"]
    assert {r.key for r in RULES} == {"skill-gaps", "support", "time", "explore", "structure",
                                      "reassess"}


def test_skill_gap_need_names_the_skills_when_names_are_known():
    base = Situation(TODAY, LifeStage.MID_CAREER, active_goal_ids=(1,), contacts=1, mentors=1,
                     skill_gaps=("2.B.3.e",))
    [need] = find_needs(replace(base, skill_gap_names=("Programming",)), [])
    assert need.reason.endswith("rate below it: Programming.")
    [need] = find_needs(base, [])
    assert need.reason.endswith("rate below it: 2.B.3.e.")


def test_library_items_that_fit_a_need():
    library = [
        Resource(1, "Statistics book", ResourceKind.BOOK, skills=("2.A.1.e",)),
        Resource(2, "SQL course", ResourceKind.COURSE, ResourceStatus.IN_PROGRESS,
                 skills=("2.B.3.e",)),
        Resource(3, "Done course", ResourceKind.COURSE, ResourceStatus.DONE, skills=("2.B.3.e",)),
        Resource(4, "Writing community", ResourceKind.COMMUNITY),
        Resource(5, "Planner app", ResourceKind.TOOL),
    ]
    s = Situation(TODAY, LifeStage.MID_CAREER, active_goal_ids=(1,),
                  skill_gaps=("2.B.3.e",), overcommitted_hours=3.0)
    needs = {n.rule.key: [r.id for r in n.fits] for n in find_needs(s, library)}
    # Started work first, then other open items of the right kinds; done ones never.
    assert needs == {"skill-gaps": [2, 1], "support": [4], "time": [5]}


def test_a_rating_goes_one_step_up_capped_at_the_top():
    assert proposed_rating(3, 0, 7) == 4
    assert proposed_rating(6.5, 0, 7) == 7
    assert proposed_rating(7, 0, 7) is None
    assert proposed_rating(None, 0, 7) == 1  # unrated: one step above the bottom
    assert proposed_rating(None, 1, 5) == 2


# -- services ----------------------------------------------------------------------


def test_library_and_skill_evidence(person):
    goal = person.goals.add("Become a data analyst", area="career", horizon=Horizon.LONG_TERM)
    r = person.resources.add("SQL for analysts", ResourceKind.COURSE,
                             skills=["2.B.3.e", "2.A.1.e", "2.B.3.e"], goal_ids=[goal.id],
                             areas=["learning", "career"], url="https://example.org/sql")
    assert r.skills == ("2.B.3.e", "2.A.1.e")
    assert person.resources.get(r.id).area_ids == r.area_ids
    assert len(r.area_ids) == 2
    started = person.resources.start(r.id)
    assert started.status is ResourceStatus.IN_PROGRESS
    assert started.started_at is not None
    done, evidence = person.resources.done(r.id)
    assert done.status is ResourceStatus.DONE
    assert [e.skill_id for e in evidence] == ["2.B.3.e", "2.A.1.e"]
    assert evidence[0].on == dt.date(2026, 11, 23)
    # Finishing twice records no second round of evidence.
    assert person.resources.done(r.id)[1] == []
    assert [e.resource_id for e in person.resources.evidence("2.B.3.e")] == [r.id]
    assert [x.id for x in person.resources.find(goal_id=goal.id, skill="2.A.1.e")] == [r.id]
    assert person.resources.find(statuses=(ResourceStatus.TODO,)) == []


def test_bad_resource_input_is_reported_at_once(person):
    with pytest.raises(InvalidInput) as caught:
        person.resources.add("X", ResourceKind.BOOK, skills=["reading", "2.A.1.a", "x.1"])
    assert "reading, x.1" in caught.value.message


# -- CLI ------------------------------------------------------------------------------


def test_cli_library_and_suggestions(cli):
    cli("init", "--name", "Ada", "--stage", "exploring", "--hours", "0")
    added = cli("resource", "add", "Strong Interest quiz", "--kind", "assessment",
                "--area", "career")
    assert added.exit_code == 0, added.stderr
    cli("resource", "add", "Intro to UX", "--kind", "course", "--skill", "2.B.1.a")
    listed = json.loads(cli("resource", "list", "--kind", "course", "--json").stdout)
    assert [r["title"] for r in listed] == ["Intro to UX"]
    assert cli("resource", "start", "2").exit_code == 0
    done = cli("resource", "done", "2")
    assert "Evidence recorded for skill 2.B.1.a" in done.stdout
    assert json.loads(cli("resource", "show", "2", "--json").stdout)["status"] == "done"
    evidence = json.loads(cli("resource", "evidence", "--json").stdout)
    assert [(e["skill_id"], e["resource_id"]) for e in evidence] == [("2.B.1.a", 2)]
    assert "#2 Intro to UX" in cli("resource", "evidence", "--skill", "2.B.1.a").stdout
    needs = json.loads(cli("resource", "suggest", "--json").stdout)
    by_key = {n["key"]: n for n in needs}
    # Exploring, no contacts and no goals: three needs, with the assessment fitting one.
    assert set(by_key) == {"support", "explore", "structure"}
    assert by_key["explore"]["fits"] == [1]
    text = cli("resource", "suggest").stdout
    assert "From your library: #1 Strong Interest quiz" in text


def test_without_the_catalog_done_says_ratings_cannot_be_raised(cli):
    cli("init", "--name", "Ada", "--stage", "exploring", "--hours", "0")
    cli("resource", "add", "Intro to UX", "--kind", "course", "--skill", "2.B.1.a")
    out = cli("resource", "done", "1", "--raise")
    assert out.exit_code == 0, out.stderr
    assert "the occupation catalog is not installed (cairn catalog install)" in out.stdout
    assert "Self-rating for" not in out.stdout


# -- finishing a resource raises skill self-ratings (real O*NET, both backends) -------------


def _add(cli, *args: str) -> str:
    """Add a resource; its id as text (ids keep counting on the shared catalog database)."""
    added = cli("resource", "add", *args)
    assert added.exit_code == 0, added.stderr
    return str(json.loads(cli("resource", "list", "--json").stdout)[-1]["id"])


def _gap(cli, code: str, element: str) -> dict:
    doc = json.loads(cli("explore", "gap", code, "--json").stdout)
    return next(g for g in doc["gaps"] if g["element_id"] == element)


def test_resource_done_raise_updates_the_rating_that_gaps_use(onet_person, tmp_path):
    cli = onet_person
    skills = tmp_path / "s.toml"
    skills.write_text('"2.A.1.a" = 4\n"2.B.3.e" = 1\n"2.C.3.a" = 2\n"2.A.1.d" = 7\n')
    assert cli("assess", "skills", "--knowledge", "--answers", str(skills)).exit_code == 0
    before = _gap(cli, "15-1252.00", "2.B.3.e")
    assert before["current"] == 1
    rid = _add(cli, "Python course", "--kind", "course", "--skill", "2.B.3.e",
               "--skill", "2.A.1.d", "--skill", "2.A.2.a")
    # Not a terminal and no flag: nothing changes, and Cairn says how to raise them.
    out = cli("resource", "done", rid)
    assert out.exit_code == 0, out.stderr
    unchanged = ("Self-ratings unchanged for Programming (1 -> 2), Critical Thinking "
                 "(not rated -> 1) (no terminal to ask in)")
    assert unchanged in out.stdout
    assert f"cairn resource done {rid} --raise" in out.stdout
    assert "Skill Speaking: 7; already at the top of the scale (7)." in out.stdout
    assert len(json.loads(cli("assess", "history", "skills", "--json").stdout)) == 1
    assert _gap(cli, "15-1252.00", "2.B.3.e")["current"] == 1
    # --raise on the finished resource raises each linked skill one step.
    out = cli("resource", "done", rid, "--raise")
    assert out.exit_code == 0, out.stderr
    assert "Self-rating for Programming: 1 -> 2." in out.stdout
    assert "Self-rating for Critical Thinking: not rated -> 1." in out.stdout
    after = _gap(cli, "15-1252.00", "2.B.3.e")
    assert after["current"] == 2
    assert after["shortfall"] == pytest.approx(before["shortfall"] - 1, abs=0.01)
    history = json.loads(cli("assess", "history", "skills", "--json").stdout)
    assert len(history) == 2
    assert set(history[-1]["changes"]) == {"Programming: 1 -> 2 (+1)",
                                           "Critical Thinking: new, 1"}
    # the other ratings were carried over, so matching still sees them
    assert history[-1]["scores"]["2.C.3.a"] == 2 and history[-1]["scores"]["2.A.1.a"] == 4
    # --no-raise leaves everything as it is
    assert "Self-rating" not in cli("resource", "done", rid, "--no-raise").stdout
    assert len(json.loads(cli("assess", "history", "skills", "--json").stdout)) == 2


def test_resource_done_asks_in_a_terminal(onet_person, onet, tmp_path, monkeypatch):
    from cairn.cli import output

    cli = onet_person
    skills = tmp_path / "s.toml"
    skills.write_text('"2.B.3.e" = 3\n"2.A.1.a" = 5\n')
    assert cli("assess", "skills", "--answers", str(skills)).exit_code == 0
    rid = _add(cli, "SICP", "--kind", "book", "--skill", "2.B.3.e", "--skill", "2.A.1.a")
    monkeypatch.setattr(output, "stdin_is_terminal", lambda: True)  # CliRunner has no TTY
    out = cli("resource", "done", rid, input="y\nn\n")
    assert out.exit_code == 0, out.stderr
    assert "Raise your self-rating for Programming from 3 to 4?" in out.stdout
    assert "Raise your self-rating for Reading Comprehension from 5 to 6?" in out.stdout
    assert "Self-rating for Programming: 3 -> 4." in out.stdout
    assert onet.assess.person().levels == {"2.B.3.e": 4.0, "2.A.1.a": 5.0}
    latest = onet.assess.latest("skills")
    assert latest is not None
    with onet.scope.read() as s:
        from cairn.store import assess as assess_store

        answers = assess_store.answers(s, latest.id)
    assert answers["2.B.3.e"] == (4.0, f"raised after finishing resource #{rid} SICP")
    assert answers["2.A.1.a"] == (5.0, None)


def test_rating_offers_need_a_finished_resource(onet_person, onet):
    rid = int(_add(onet_person, "SICP", "--kind", "book", "--skill", "2.B.3.e"))
    with pytest.raises(InvalidInput, match="not finished yet"):
        onet.resources.rating_offers(rid)
    onet.resources.done(rid)
    [offer] = onet.resources.rating_offers(rid)
    assert (offer.name, offer.current, offer.proposed) == ("Programming", None, 1)
    assert onet.resources.raise_ratings(rid, [offer]) == [offer]
    assert onet.assess.person().levels == {"2.B.3.e": 1.0}


def test_a_gap_goal_brings_its_skill_gaps_to_recommendations(onet_person, tmp_path):
    cli = onet_person
    skills = tmp_path / "s.toml"
    skills.write_text('"2.A.1.a" = 4\n"2.B.3.e" = 1\n"2.C.3.a" = 2\n')
    assert cli("assess", "skills", "--knowledge", "--answers", str(skills)).exit_code == 0
    rid = _add(cli, "Python course", "--kind", "course", "--skill", "2.B.3.e")
    needs = {n["key"]: n for n in json.loads(cli("resource", "suggest", "--json").stdout)}
    assert "skill-gaps" not in needs  # no target occupation yet
    assert cli("explore", "gap", "15-1252.00", "--make-goal", "--top", "2").exit_code == 0
    needs = {n["key"]: n for n in json.loads(cli("resource", "suggest", "--json").stdout)}
    assert needs["skill-gaps"]["fits"] == [int(rid)]
    assert "Programming" in needs["skill-gaps"]["reason"]
