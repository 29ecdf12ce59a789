"""The personal library, skill evidence, and recommendations by need."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import pytest

from cairn.core.errors import InvalidInput
from cairn.core.model import Horizon, LifeStage
from cairn.core.needs import RULES, find_needs
from cairn.core.resources import Resource, ResourceKind, ResourceStatus
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
