"""Tasks: estimates, windows, milestones and dependencies."""

from __future__ import annotations

import json

import pytest

from cairn.core.errors import Conflict, InvalidInput, NotFound


@pytest.fixture
def ready(cli):
    cli("init", "--name", "Alex", "--stage", "early-career", "--hours", "40")
    cli("goal", "add", "Learn SQL", "--area", "learning", "--why", "Data jobs")
    return cli


def test_add_and_list_tasks_with_dependencies(ready):
    assert ready("task", "add", "Install Postgres", "-e", "1", "--goal", "1").exit_code == 0
    assert ready("task", "add", "Tutorial", "-e", "6", "--goal", "1", "--after", "1",
                 "--start", "2026-12-01", "--due", "2026-12-20").exit_code == 0
    tasks = json.loads(ready("task", "list", "--json").stdout)
    assert [(t["id"], t["depends_on"], t["earliest_start"], t["due"]) for t in tasks] == [
        (1, [], None, None), (2, [1], "2026-12-01", "2026-12-20")]
    assert "Tutorial" in ready("task", "list").stdout


def test_done_tasks_leave_the_default_list(ready):
    ready("task", "add", "A", "-e", "1")
    ready("task", "add", "B", "-e", "1")
    ready("task", "done", "1")
    assert [t["title"] for t in json.loads(ready("task", "list", "--json").stdout)] == ["B"]
    every = json.loads(ready("task", "list", "--all", "--json").stdout)
    assert every[0]["status"] == "done" and every[0]["done_at"] == "2026-11-23T10:00:00"
    ready("task", "reopen", "1")
    assert len(json.loads(ready("task", "list", "--json").stdout)) == 2


@pytest.mark.parametrize(("args", "code", "says"), [
    (["task", "add", "x", "-e", "-2"], InvalidInput.exit_code, "not positive"),
    (["task", "add", "x", "-e", "0"], InvalidInput.exit_code, "not positive"),
    (["task", "add", "x", "-e", "5000"], InvalidInput.exit_code, "more than 2000"),
    (["task", "add", "x", "--start", "2027-02-01", "--due", "2027-01-01"],
     InvalidInput.exit_code, "before the earliest start"),
    (["task", "add", "x", "--due", "32/13/2026"], InvalidInput.exit_code, "as a date"),
    (["task", "add", "x", "--goal", "7"], NotFound.exit_code, "no goal #7"),
    (["task", "add", "x", "--after", "9"], NotFound.exit_code, "no task #9"),
    (["task", "add", "x", "--milestone", "3"], NotFound.exit_code, "no milestone #3"),
    (["task", "done", "12"], NotFound.exit_code, "no task #12"),
    (["task", "add", ""], InvalidInput.exit_code, "title is empty"),
])
def test_bad_task_input(ready, args, code, says):
    result = ready(*args)
    assert result.exit_code == code, result.stdout
    assert says in result.stderr


def test_dependency_cycles_are_refused_with_the_loop_named(ready):
    ready("task", "add", "A", "-e", "1")
    ready("task", "add", "B", "-e", "1", "--after", "1")
    ready("task", "add", "C", "-e", "1", "--after", "2")
    result = ready("task", "edit", "1", "--after", "3")
    assert result.exit_code == Conflict.exit_code
    assert "#1 -> #3 -> #2 -> #1" in result.stderr
    self_loop = ready("task", "edit", "1", "--after", "1")
    assert self_loop.exit_code == InvalidInput.exit_code
    assert json.loads(ready("task", "show", "1", "--json").stdout)["depends_on"] == []
    assert ready("task", "edit", "3", "--not-after", "2").exit_code == 0
    assert ready("task", "edit", "1", "--after", "3").exit_code == 0


def test_a_milestone_brings_its_goal(ready):
    ready("milestone", "add", "1", "Basics done", "--due", "2027-01-15")
    ready("task", "add", "Joins", "-e", "3", "--milestone", "1")
    task = json.loads(ready("task", "show", "1", "--json").stdout)
    assert (task["goal_id"], task["milestone_id"]) == (1, 1)
    ready("goal", "add", "Other", "--why", "x")
    wrong = ready("task", "add", "Mismatch", "--milestone", "1", "--goal", "2")
    assert wrong.exit_code == InvalidInput.exit_code
    ready("milestone", "done", "1")
    assert json.loads(ready("milestone", "list", "--json").stdout)[0]["done"] is True


def test_milestone_after_goal_deadline_is_refused(ready):
    ready("goal", "edit", "1", "--deadline", "2027-01-01")
    result = ready("milestone", "add", "1", "Late", "--due", "2027-03-01")
    assert result.exit_code == InvalidInput.exit_code
    assert "after the goal's deadline" in result.stderr


def test_edit_changes_fields(person):
    task = person.tasks.add("Draft CV", 2)
    edited = person.tasks.edit(task.id, title="Draft CV v2", estimate_hours=3)
    assert (edited.title, edited.estimate_hours) == ("Draft CV v2", 3)
    with pytest.raises(InvalidInput, match="no field"):
        person.tasks.edit(task.id, colour="red")


def test_long_lists_use_the_plain_layout_and_keep_every_row(person, cli):
    for n in range(1, 206):
        person.tasks.add(f"Task number {n} with a rather long title to be shortened", 1)
    text = cli("task", "list").stdout
    lines = text.splitlines()
    assert lines[0] == "Tasks (205)"
    assert lines[1].split() == ["id", "title", "hours", "goal", "due", "start", "after",
                                "status"]
    assert len(lines) == 3 + 205
    assert lines[-1].startswith("205 ") and lines[-1].endswith("open")
