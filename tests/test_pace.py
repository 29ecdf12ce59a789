"""One pacing rule (cairn.core.pace) for goal templates and goals made from skill gaps."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from cairn.core.errors import InvalidInput
from cairn.core.gaps import Gap, learning_schedule
from cairn.core.model import Horizon
from cairn.core.pace import GapWork, Pace, area_pace, due_weeks, gap_levels, within_year
from cairn.core.smart import smart_check_all
from cairn.core.templates import instantiate, template_from_data
from cairn.services.guidance import goal_templates

START = dt.date(2026, 11, 23)


def _gap(name: str, shortfall: float) -> Gap:
    return Gap(name, name, "skill", 4.0, 5.0, 5.0 - shortfall, shortfall, 4 * shortfall, "")


def test_the_rule_in_numbers():
    assert [gap_levels(x) for x in (0.2, 1.0, 2.0, 2.01, 5.23)] == [1, 1, 2, 3, 6]
    assert due_weeks([3, 3, 7, 2], 3) == [1, 2, 5, 6]  # never two steps in one week
    assert due_weeks([24, 48], 4, done_hours=3, last_week=1) == [7, 19]
    assert within_year([144, 96, 72], 4) == 1  # 36 weeks, then 60: past a year
    assert within_year([300], 4) == 1  # the first always stays
    assert area_pace("learning", {}) == Pace(4, "Cairn's default pace")
    assert area_pace("learning", {"learning": (6.0, None)}) == Pace(
        6, "your learning budget's weekly floor")
    assert area_pace("learning", {"learning": (0.0, 2.0)}).hours_per_week == 2
    with pytest.raises(InvalidInput):
        area_pace("learning", {}, 0)


def test_a_gap_takes_as_long_in_a_template_as_in_a_gap_goal():
    gaps = [_gap("SQL", 1.5), _gap("Statistics", 0.4)]  # two levels, one level
    from_gaps = learning_schedule(gaps, START, 4)
    template = goal_templates()["target-occupation"]
    plan = instantiate(template, START, hours_per_week=4,
                       skill_gaps=[GapWork("SQL", 2), GapWork("Statistics", 1)])
    from_template = [m.due for m in plan[1].milestones]
    # 48 h then 24 h at 4 h a week: 12 and 18 weeks, six weeks a level, in both
    assert from_gaps == from_template == [START + dt.timedelta(weeks=w) for w in (12, 18)]
    assert [t.hours for t in plan[1].milestones[0].tasks] == [2, 46]  # the practice grows


def test_gaps_past_a_year_wait_for_a_later_goal_in_both():
    gaps = [_gap(n, 2.5) for n in ("A", "B", "C", "D")]  # three levels, 72 h, 18 weeks each
    assert len(learning_schedule(gaps, START, 4)) == 2  # 36 weeks; a third would be 54
    plan = instantiate(goal_templates()["target-occupation"], START, hours_per_week=4,
                       skill_gaps=[GapWork(g.name, 3) for g in gaps])
    assert [m.title for m in plan[1].milestones] == ["Close the gap in A", "Close the gap in B"]
    assert plan[1].left == ("C", "D")


def test_a_long_term_goal_looks_years_ahead_not_at_its_first_step():
    plan = instantiate(goal_templates()["side-income"], START, hours_per_week=3)
    root, child = plan
    assert (root.horizon, child.horizon) == (Horizon.LONG_TERM, Horizon.SHORT_TERM)
    # 3, 5, 6 and 1 h at 3 h a week: weeks 1, 3, 5, and the last one a week later
    assert child.deadline == START + dt.timedelta(weeks=6)
    assert root.deadline == dt.date(2028, 11, 23)


def test_per_gap_tasks_must_hold_one_level():
    with pytest.raises(InvalidInput, match="per_gap tasks hold 9 h; they are one level"):
        template_from_data({"name": "x", "title": "X", "description": "d", "goals": [{
            "title": "g", "area": "learning", "steps": [
                {"title": "s", "tasks": [{"title": "t", "hours": 1}]}],
            "per_gap": {"title": "{gap}", "tasks": [{"title": "t", "hours": 9}]}}]})


def test_template_goals_pass_the_smart_dates_check(person):
    plan = person.guide.use_template("side-income", START, subject="pottery")
    found = smart_check_all(plan.goals, START)
    codes = {f.code for findings in found.values() for f in findings}
    assert not codes & {"short-term-too-far", "deadline-past"}
    root, child = plan.goals
    assert root.deadline != child.deadline


def test_explore_gap_and_the_template_pace_the_same_gaps_alike(onet_person, tmp_path):
    cli = onet_person
    skills = tmp_path / "s.toml"
    skills.write_text('"2.A.1.a" = 2\n"2.B.3.e" = 1\n"2.C.3.a" = 1\n"2.A.2.a" = 2\n')
    assert cli("assess", "skills", "--knowledge", "--answers", str(skills)).exit_code == 0
    assert cli("budget", "set", "learning", "--floor", "6").exit_code == 0
    gaps = json.loads(cli("explore", "gap", "15-1252.00", "--json").stdout)["gaps"]
    made = json.loads(cli("explore", "gap", "15-1252.00", "--make-goal", "--json").stdout)
    plan = made["goal"]
    assert (plan["hours_per_week"], plan["pace"]) == (6, "your learning budget's weekly floor")
    # levels 6, 4, 3, 3 of 24 h at 6 h a week: weeks 24, 40, 52; the fourth would be 64
    levels = [gap_levels(g["shortfall"]) for g in gaps]
    assert levels == [6, 4, 3, 3]
    expected = [(START + dt.timedelta(weeks=w)).isoformat() for w in (24, 40, 52)]
    assert [m["due"] for m in plan["milestones"]] == expected
    assert plan["left"] == [gaps[3]["name"]]
    used = cli("template", "use", "target-occupation", "--subject", "15-1252.00")
    assert used.exit_code == 0, used.stderr
    assert "Paced at 6 h a week (your learning budget's weekly floor)." in used.stdout
    assert f"Left for a later goal (past a year at this pace): {gaps[3]['name']}." in (
        used.stdout)
    goals = json.loads(cli("goal", "list", "--json").stdout)
    learning = next(g for g in goals if g["title"].startswith("Close the skill gaps"))
    steps = json.loads(cli("goal", "show", str(learning["id"]), "--json").stdout)["milestones"]
    assert [m["due"] for m in steps] == expected
