"""Guidance rules (data + conditions), obstacle detection, and goal templates."""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import replace

import pytest

from cairn.core.errors import Conflict, InvalidInput
from cairn.core.guidance import CONDITIONS, advise, rules_from_data
from cairn.core.model import GoalChange, GoalStatus, Horizon, LifeStage
from cairn.core.pace import Pace
from cairn.core.situation import Situation, postponed_goals
from cairn.core.templates import instantiate, pace, template_from_data
from cairn.services.guidance import goal_templates, guidance_rules

TODAY = dt.date(2026, 11, 23)
AT = dt.datetime(2026, 11, 23, 10, 0)


# -- rules: data and conditions in step --------------------------------------------------


def test_every_rule_has_a_condition_and_every_condition_a_rule():
    assert {r.id for r in guidance_rules()} == set(CONDITIONS)


def test_every_action_is_a_real_cairn_command(cli):
    for rule in guidance_rules():
        words = rule.action.split()
        group = [w for w in words[1:3] if w.isalpha() or "-" in w]
        result = cli(*group, "--help")
        assert result.exit_code == 0, f"{rule.id}: {rule.action}"


def test_malformed_rules_are_reported_together():
    doc = {"rule": {"obstacle.time": {"kind": "obstacle", "title": "t"},
                    "obstacle.nope": {"kind": "obstacle", "title": "t", "advice": "a",
                                      "action": "cairn guide", "action_help": "h"}}}
    with pytest.raises(InvalidInput) as caught:
        rules_from_data(doc)
    assert "obstacle.time lacks advice, action, action_help" in caught.value.message
    assert "obstacle.nope has no condition" in caught.value.message


# -- conditions ------------------------------------------------------------------------------


CALM = Situation(TODAY, LifeStage.MID_CAREER, active_goal_ids=(1, 2), contacts=2, mentors=1)


def _fired(s: Situation) -> list[str]:
    return [a.rule.id for a in advise(guidance_rules(), s)]


@pytest.mark.parametrize(("change", "rule"), [
    ({"overcommitted_hours": 5.0}, "obstacle.time"),
    ({"goals_without_why": (1, 2, 3)}, "obstacle.priorities"),
    ({"recent_life_events": ("new baby",)}, "obstacle.circumstances"),
    ({"contacts": 0, "mentors": 0}, "obstacle.support"),
    ({"weekly_hours_worked": 52.0, "stress_rising": True}, "obstacle.pressure"),
    ({"passions_wanting_income": ("pottery",)}, "obstacle.money"),
    ({"postponed_goals": (2,)}, "obstacle.fear"),
    ({"expectation_goals": (1,)}, "obstacle.expectations"),
])
def test_each_obstacle_fires_on_its_own_fact(change, rule):
    assert _fired(CALM) == ["stage.mid-career"]
    assert _fired(replace(CALM, **change)) == ["stage.mid-career", rule]


def test_near_misses_do_not_fire():
    assert _fired(replace(CALM, goals_without_why=(1, 2))) == ["stage.mid-career"]
    assert _fired(replace(CALM, weekly_hours_worked=60.0, stress_rising=False)) == [
        "stage.mid-career"]
    assert _fired(replace(CALM, weekly_hours_worked=40.0, stress_rising=True)) == [
        "stage.mid-career"]


def test_advice_names_the_goal_in_its_command():
    advice = advise(guidance_rules(), replace(CALM, postponed_goals=(7,)))
    fear = next(a for a in advice if a.rule.id == "obstacle.fear")
    assert fear.command == 'cairn milestone add 7 "a first small experiment" --due "in 2 weeks"'
    assert "#7" in fear.evidence.reason


def test_postponed_means_the_deadline_moved_later_twice():
    def move(goal: int, old: str | None, new: str) -> GoalChange:
        return GoalChange(goal, "deadline", old, new, AT)
    changes = [
        move(1, None, "2027-01-01"), move(1, "2027-01-01", "2027-02-01"),
        move(1, "2027-02-01", "2027-03-01"),  # goal 1: two moves later
        move(2, "2027-01-01", "2027-02-01"), move(2, "2027-02-01", "2026-12-01"),  # one later
        GoalChange(3, "title", "a", "b", AT),
    ]
    assert postponed_goals(changes) == (1,)


def test_guide_reads_postponements_from_goal_history(person):
    goal = person.goals.add("Launch a blog", area="passion", horizon=Horizon.SHORT_TERM,
                            why="I enjoy writing", deadline=dt.date(2026, 12, 1))
    person.goals.edit(goal.id, "busy", deadline=dt.date(2027, 1, 1))
    assert "obstacle.fear" not in [a.rule.id for a in person.guide.advice()]
    person.goals.edit(goal.id, "still busy", deadline=dt.date(2027, 2, 1))
    advice = {a.rule.id: a for a in person.guide.advice()}
    assert advice["obstacle.fear"].evidence.goal_id == goal.id
    assert "obstacle.support" in advice  # nobody in the network yet
    person.goals.set_status(goal.id, GoalStatus.PAUSED)
    assert "obstacle.fear" not in [a.rule.id for a in person.guide.advice()]


def test_fact_providers_fill_what_other_features_know(person):
    from cairn.services.guidance import GuidanceService

    assert "obstacle.time" not in [a.rule.id for a in person.guide.advice()]
    guide = GuidanceService(person.goals, person.tasks, person.support, person.resources,
                            providers=[lambda _day: {"overcommitted_hours": 4.0,
                                                     "skill_gaps": ("2.A.1.a",)}])
    assert "obstacle.time" in [a.rule.id for a in guide.advice()]
    assert "skill-gaps" in [n.rule.key for n in guide.needs()]


def test_passions_meant_to_pay_reach_guidance(person):
    assert "obstacle.money" not in [a.rule.id for a in person.guide.advice()]
    person.assess.save_constraints({"passions": [{"name": "pottery", "hours": 4,
                                                  "income": True},
                                                 {"name": "chess", "hours": 2}]})
    assert person.guide.situation().passions_wanting_income == ("pottery",)
    advice = {a.rule.id: a for a in person.guide.advice()}
    assert advice["obstacle.money"].evidence.reason == "You would like income from: pottery."


def test_cli_guide(cli):
    cli("init", "--name", "Ada", "--stage", "returning", "--hours", "20")
    for title in ("A", "B", "C"):
        cli("goal", "add", title, "--area", "career", "--horizon", "short-term")
    advice = json.loads(cli("guide", "--json").stdout)
    assert [a["id"] for a in advice] == ["stage.returning", "obstacle.priorities",
                                         "obstacle.support"]
    assert advice[1]["command"] == 'cairn goal edit 1 --why "..."'
    text = cli("guide").stdout
    assert "Come back in small, planned steps" in text
    assert "Do it: cairn template use return-after-break --start today" in text
    everything = json.loads(cli("guide", "--all", "--json").stdout)
    assert len(everything) == len(guidance_rules())


# -- templates -----------------------------------------------------------------------------


def test_shipped_templates_are_valid():
    assert set(goal_templates()) == {"explore-field", "target-occupation", "side-income",
                                     "return-after-break"}


def test_milestones_are_spaced_by_work_at_the_weekly_hours():
    template = goal_templates()["explore-field"]  # steps of 3, 3, 7 and 2 hours
    start = dt.date(2026, 11, 23)
    at_3 = instantiate(template, start, hours_per_week=3)
    assert [m.due for m in at_3[0].milestones] == [
        start + dt.timedelta(weeks=w) for w in (1, 2, 5, 5 + 1)]
    at_1 = instantiate(template, start, hours_per_week=1)
    assert [m.due for m in at_1[0].milestones] == [
        start + dt.timedelta(weeks=w) for w in (3, 6, 13, 15)]
    assert at_1[0].deadline == start + dt.timedelta(weeks=15)
    assert all(t.due == m.due for m in at_1[0].milestones for t in m.tasks)


def test_gaps_become_steps_and_subject_fills_titles():
    template = goal_templates()["target-occupation"]
    plan = instantiate(template, TODAY, subject="Data Analyst", skill_gaps=("SQL", "Statistics"))
    assert plan[0].is_root
    assert plan[0].title == "Work as Data Analyst"
    # long-term: two years ahead, not the day its last short-term goal ends
    assert plan[0].deadline == dt.date(2028, 11, 23)
    assert [m.title for m in plan[1].milestones] == ["Close the gap in SQL",
                                                     "Close the gap in Statistics"]
    # a gap named alone is one level: 24 h, six weeks at the template's 4 h a week
    assert [m.due for m in plan[1].milestones] == [TODAY + dt.timedelta(weeks=w)
                                                   for w in (6, 12)]
    with pytest.raises(InvalidInput):
        instantiate(template, TODAY, hours_per_week=0)


def test_a_broken_template_lists_every_problem():
    with pytest.raises(InvalidInput) as caught:
        template_from_data({"name": "x", "goals": [{"title": "g", "steps": [
            {"title": "s", "tasks": [{"title": "t", "hours": -1}]}]}]})
    message = caught.value.message
    assert "needs positive 'hours'" in message
    assert "needs a text 'area'" in message
    assert "needs a text 'title'" in message


def test_use_template_creates_real_goals(person):
    plan = person.guide.use_template("side-income", dt.date(2026, 12, 1), hours_per_week=2,
                                     subject="pottery")
    root, child = plan.goals
    assert (root.horizon, child.horizon) == (Horizon.LONG_TERM, Horizon.SHORT_TERM)
    assert child.parent_id == root.id
    assert root.title == "Earn a steady side income from pottery"
    assert len(plan.milestones) == 4
    assert sum(t.estimate_hours for t in plan.tasks) == 15
    assert person.goals.milestones(child.id)[-1].due == child.deadline
    tree = person.goals.tree()
    assert [n.goal.id for n in tree] == [root.id]


def test_cli_templates(cli):
    cli("init", "--name", "Ada", "--stage", "exploring", "--hours", "0")
    listed = json.loads(cli("template", "list", "--json").stdout)
    assert "explore-field" in [t["name"] for t in listed]
    used = cli("template", "use", "explore-field", "--start", "2026-12-07",
               "--hours-per-week", "3", "--subject", "UX design")
    assert used.exit_code == 0, used.stderr
    assert "Find out whether UX design suits me (deadline 2027-01-18)" in used.stdout
    assert "With 4 milestones and 8 tasks (15 h)" in used.stdout
    missing = cli("template", "use", "nope")
    assert missing.exit_code == 4
    assert "explore-field" in missing.stderr


def test_a_template_runs_at_the_budget_of_the_area_holding_most_of_its_work():
    target = goal_templates()["target-occupation"]  # 14 h of learning, 13 h of career
    assert pace(target, {}) == Pace(4, "the template's own pace")
    assert pace(target, {"learning": (5.0, None)}) == Pace(5, "your learning budget's weekly "
                                                            "floor")
    assert pace(target, {"career": (6.0, None)}).hours_per_week == 4  # not its main area
    assert pace(target, {"learning": (0.0, 2.5)}) == Pace(2.5, "your learning budget's weekly "
                                                           "cap")
    assert pace(target, {"learning": (0.0, 9.0)}).hours_per_week == 4
    assert pace(target, {"learning": (5.0, None)}, 1.5) == Pace(1.5, "as you asked")


def test_template_use_takes_the_persons_budget(cli):
    cli("init", "--name", "Ada", "--stage", "transition", "--hours", "30")
    assert cli("budget", "set", "learning", "--floor", "7").exit_code == 0
    used = cli("template", "use", "target-occupation", "--start", "2026-12-07",
               "--subject", "data analyst")
    assert used.exit_code == 0, used.stderr
    assert "Paced at 7 h a week (your learning budget's weekly floor)." in used.stdout
    # 27 h of learning (one level of a gap is 24 h) and 13 h of career at 7 h a week: the
    # last short-term goal ends in the sixth week; the long-term one looks two years ahead
    assert "Test the move to data analyst (deadline 2027-01-18)" in used.stdout
    assert "Work as data analyst (deadline 2028-12-07)" in used.stdout


def test_target_occupation_steps_come_from_the_real_gaps(onet_person, tmp_path):
    cli = onet_person
    skills = tmp_path / "s.toml"
    skills.write_text('"2.A.1.a" = 2\n"2.B.3.e" = 1\n"2.C.3.a" = 1\n"2.A.2.a" = 2\n')
    assert cli("assess", "skills", "--knowledge", "--answers", str(skills)).exit_code == 0
    gaps = json.loads(cli("explore", "gap", "15-1252.00", "--json").stdout)["gaps"]
    top = [(g["name"], math.ceil(g["shortfall"])) for g in gaps[:5]]
    # at 10 h a week, each gap's whole levels at 24 h each, one after another
    used = cli("template", "use", "target-occupation", "--subject", "15-1252.00",
               "--hours-per-week", "10")
    assert used.exit_code == 0, used.stderr
    named = ", ".join(f"{n} ({lv} level{'s' if lv > 1 else ''})" for n, lv in top)
    assert f"your top skill gaps to Software Developers (15-1252.00): {named}." in used.stdout
    goals = json.loads(cli("goal", "list", "--json").stdout)
    assert "Work as Software Developers" in [g["title"] for g in goals]
    tree = cli("goal", "tree").stdout
    assert all(f"Close the gap in {name}" in tree for name, _ in top)
    steps = [m for g in goals
             for m in json.loads(cli("goal", "show", str(g["id"]), "--json").stdout)["milestones"]
             if m["title"].startswith("Close the gap in")]
    hours = [lv * 24 for _, lv in top]
    assert [m["due"] for m in steps] == [
        (TODAY + dt.timedelta(weeks=math.ceil(sum(hours[:i + 1]) / 10))).isoformat()
        for i in range(len(top))]
    # the goal is linked to the occupation, so the report and the resources know the target
    needs = json.loads(cli("resource", "suggest", "--json").stdout)
    assert "skill-gaps" in [n["key"] for n in needs]


def test_a_template_is_not_half_made_when_an_area_is_missing(person):
    person.profile.set_archived("finance", True)
    with pytest.raises(Conflict):
        person.guide.use_template("side-income", TODAY)
    assert person.goals.find() == []


def test_every_rule_carries_its_command_as_an_action():
    from cairn.commands import command_line
    from cairn.core.guidance import ACTIONS

    assert set(ACTIONS) == set(CONDITIONS)
    for rule in guidance_rules():
        # The action names the same command as the rule's text (its first words).
        written = command_line(ACTIONS[rule.id]).split()
        assert written[:3] == rule.action.split()[:3], rule.id
