"""Goals through the CLI and the services: adding, editing with history, status, the tree."""

from __future__ import annotations

import json

import pytest

from cairn.core.errors import Conflict, InvalidInput, NotFound, NotReady
from cairn.core.model import GoalStatus, Horizon


@pytest.fixture
def ready(cli):
    assert cli("init", "--name", "Alex", "--stage", "mid-career", "--hours", "38").exit_code == 0
    return cli


def test_init_asks_interactively_when_options_are_missing(cli):
    result = cli("init", input="Sam\nreturning\n20\n")
    assert result.exit_code == 0, result.stderr
    assert "Sam (returning, 20 h a week)" in result.stdout


def test_goal_commands_need_a_profile_first(cli):
    result = cli("goal", "add", "Learn SQL")
    assert result.exit_code == NotReady.exit_code
    assert "cairn init" in result.stderr


def test_add_list_show_as_json(ready):
    out = ready("goal", "add", "Become a data analyst", "--horizon", "long-term",
                "--why", "Curiosity", "--deadline", "2029-06-30", "--metric", "projects",
                "--target", "5", "--baseline", "0", "--priority", "high")
    assert out.exit_code == 0, out.stderr
    assert "#1" in out.stdout
    assert "no-short-term-step" in out.stdout  # not yet SMART: says so at once
    listed = json.loads(ready("goal", "list", "--json").stdout)
    assert listed == [{
        "id": 1, "area_id": 1, "area": "career", "horizon": "long-term", "parent_id": None,
        "title": "Become a data analyst", "why": "Curiosity",
        "metric": {"name": "projects", "unit": "", "baseline": 0.0, "target": 5.0,
                   "current": 0.0},
        "deadline": "2029-06-30", "priority": "high", "status": "active",
        "created_at": "2026-11-23T10:00:00", "progress": 0.0,
    }]
    shown = json.loads(ready("goal", "show", "1", "--json").stdout)
    assert [f["code"] for f in shown["findings"]] == ["no-short-term-step"]


def test_plain_date_phrases_are_understood(ready):
    ready("goal", "add", "Ship a side project", "--deadline", "in 6 months", "--why", "Joy")
    ready("goal", "add", "Call a mentor", "--deadline", "next friday", "--why", "Support")
    deadlines = [g["deadline"] for g in json.loads(ready("goal", "list", "--json").stdout)]
    assert deadlines == ["2027-05-23", "2026-11-27"]


@pytest.mark.parametrize(("args", "code", "says"), [
    (["goal", "add", "   "], InvalidInput.exit_code, "title is empty"),
    (["goal", "add", "x", "--deadline", "someday maybe"], InvalidInput.exit_code,
     "Cannot read 'someday maybe' as a date"),
    (["goal", "add", "x", "--horizon", "decade"], InvalidInput.exit_code, "not a horizon"),
    (["goal", "add", "x", "--area", "hobbies"], NotFound.exit_code, "No life area 'hobbies'"),
    (["goal", "add", "x", "--target", "3"], InvalidInput.exit_code, "needs a metric"),
    (["goal", "add", "x", "--parent", "99"], NotFound.exit_code, "no goal #99"),
    (["goal", "show", "42"], NotFound.exit_code, "no goal #42"),
    (["goal", "edit", "42", "--title", "y"], NotFound.exit_code, "no goal #42"),
])
def test_bad_input_gets_a_message_and_an_exit_code_not_a_traceback(ready, args, code, says):
    result = ready(*args)
    assert result.exit_code == code
    assert says in result.stderr
    assert "Fix:" in result.stderr or "Traceback" not in result.stderr


def test_edit_keeps_every_change_with_its_reason(ready):
    ready("goal", "add", "Read 12 books", "--area", "learning", "--why", "Growth",
          "--metric", "books", "--target", "12", "--deadline", "2027-06-30")
    result = ready("goal", "edit", "1", "--target", "10", "--deadline", "2027-09-30",
                   "--reason", "New baby")
    assert result.exit_code == 0, result.stderr
    history = json.loads(ready("goal", "history", "1", "--json").stdout)
    assert [(h["field"], h["old"], h["new"], h["reason"]) for h in history] == [
        ("created", None, "Read 12 books", ""),
        ("deadline", "2027-06-30", "2027-09-30", "New baby"),
        ("metric.target", "12", "10", "New baby"),
    ]
    assert all(h["at"] == "2026-11-23T10:00:00" for h in history)


def test_dropping_asks_for_a_reason_and_keeps_the_goal(ready, monkeypatch):
    from cairn.cli import output

    ready("goal", "add", "Learn Rust", "--why", "Fun")
    monkeypatch.setattr(output, "stdin_is_terminal", lambda: True)  # CliRunner has no TTY
    refused = ready("goal", "drop", "1", input="\n")
    assert refused.exit_code == InvalidInput.exit_code
    assert "needs a reason" in refused.stderr
    dropped = ready("goal", "drop", "1", input="Priorities changed\n")
    assert dropped.exit_code == 0, dropped.stderr
    assert json.loads(ready("goal", "list", "--json").stdout) == []
    everything = json.loads(ready("goal", "list", "--all", "--json").stdout)
    assert everything[0]["status"] == "dropped"
    last = json.loads(ready("goal", "history", "1", "--json").stdout)[-1]
    assert (last["field"], last["new"], last["reason"]) == ("status", "dropped",
                                                           "Priorities changed")


def test_pause_resume_done(ready):
    ready("goal", "add", "Run a 10k", "--area", "health")
    for verb, status in (("pause", "paused"), ("resume", "active"), ("done", "done")):
        assert ready("goal", verb, "1").exit_code == 0
        assert json.loads(ready("goal", "list", "--all", "--json").stdout)[0]["status"] == status


def test_parent_links_refuse_cycles_and_wrong_horizons(person):
    vision = person.goals.add("Meaningful work", area="career", horizon=Horizon.VISION, why="x")
    a = person.goals.add("A", area="career", horizon=Horizon.SHORT_TERM, parent_id=vision.id)
    b = person.goals.add("B", area="career", horizon=Horizon.SHORT_TERM, parent_id=a.id)
    with pytest.raises(Conflict, match="loop of goals"):
        person.goals.edit(a.id, parent_id=b.id)
    with pytest.raises(InvalidInput, match="cannot sit under"):
        person.goals.edit(vision.id, parent_id=b.id)
    person.goals.edit(a.id, horizon=Horizon.LONG_TERM)
    with pytest.raises(InvalidInput, match="cannot sit under"):  # would strand its child
        person.goals.edit(vision.id, horizon=Horizon.SHORT_TERM)
    assert person.goals.get(vision.id).horizon is Horizon.VISION
    assert [c.field for c in person.goals.history(a.id)] == ["created", "horizon"]


def test_tree_nests_vision_long_short_milestones_tasks(ready):
    ready("goal", "add", "Meaningful work", "--horizon", "vision", "--why", "Purpose")
    ready("goal", "add", "Engineering manager", "--horizon", "long-term", "--parent", "1")
    ready("goal", "add", "Leadership course", "--parent", "2", "--area", "learning")
    ready("milestone", "add", "3", "Half done", "--due", "2027-02-01")
    ready("task", "add", "Pick a course", "--estimate", "2", "--goal", "3")
    ready("task", "add", "Modules 1-4", "--estimate", "6", "--milestone", "1")
    ready("task", "done", "1")
    tree = json.loads(ready("goal", "tree", "--json").stdout)
    assert [n["id"] for n in tree] == [1]
    long_term = tree[0]["children"][0]
    short = long_term["children"][0]
    assert (long_term["id"], short["id"]) == (2, 3)
    assert [t["title"] for t in short["tasks"]] == []  # done task hidden by default
    assert [t["title"] for t in short["milestones"][0]["tasks"]] == ["Modules 1-4"]
    # 2 of 8 task hours done, milestone counts like one more task of 4 h: 2 / 12
    assert short["progress"] == pytest.approx(2 / 12)
    assert tree[0]["progress"] == pytest.approx(2 / 12)
    text = ready("goal", "tree").stdout
    assert "milestone #1 Half done" in text and "task #2 Modules 1-4" in text
    assert "Pick a course" in ready("goal", "tree", "--all").stdout


def test_smart_check_lists_all_findings_and_exits_non_zero(ready):
    ready("goal", "add", "Get fit")
    result = ready("goal", "check", "--json")
    assert result.exit_code == 1
    assert {f["code"] for f in json.loads(result.stdout)} == {"no-why", "no-metric",
                                                             "no-deadline"}
    ready("goal", "edit", "1", "--why", "Energy", "--metric", "runs", "--target", "30",
          "--deadline", "2027-03-01")
    passed = ready("goal", "check", "1")
    assert passed.exit_code == 0
    assert "passed" in passed.stdout


def test_metric_progress_updates(ready):
    ready("goal", "add", "Save", "--area", "finance", "--metric", "saved", "--unit", "EUR",
          "--target", "1000", "--baseline", "0")
    assert "40%" in ready("goal", "progress", "1", "400").stdout
    assert json.loads(ready("goal", "list", "--json").stdout)[0]["progress"] == 0.4


def test_status_changes_are_services_too(person):
    goal = person.goals.add("Write", area="passion", horizon=Horizon.SHORT_TERM, why="Joy")
    assert person.goals.set_status(goal.id, GoalStatus.PAUSED).status is GoalStatus.PAUSED
    with pytest.raises(InvalidInput):
        person.goals.edit(goal.id, colour="blue")


def test_goal_show_lists_its_tasks_and_milestones(cli):
    cli("init", "--name", "Ada", "--stage", "exploring", "--hours", "0")
    cli("goal", "add", "Learn SQL", "--area", "learning", "--why", "Curiosity")
    cli("milestone", "add", "1", "Half way")
    cli("task", "add", "Read chapter 1", "--estimate", "1.5", "--goal", "1")
    shown = cli("goal", "show", "1")
    assert shown.exit_code == 0, shown.stderr
    assert "task #1 [ ] Read chapter 1 (1.5 h)" in shown.stdout
    assert "milestone #1 [ ] Half way" in shown.stdout
