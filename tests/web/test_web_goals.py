"""The Goals pages and API: the same JSON as the command line for the same scenario, every
page and form with good and bad input (bad input answers 4xx and writes nothing), SMART
findings whose fix links lead to the form that applies it."""

from __future__ import annotations

import datetime as dt
import html
import json
import re

import pytest
from fastapi.testclient import TestClient

from web.scenario import ok, profile
from web.test_web_api import forget_everything

ONBOARD = {"name": "Alex Rivera", "life_stage": "mid-career", "contract_hours": "38"}


def errors(page: str) -> list[str]:
    """The messages shown beside fields and above the form."""
    found = re.findall(r'<p class="error" id="([\w-]+)-error">(.*?)</p>', page, re.DOTALL)
    problem = re.findall(r'<div class="form-problem" role="alert">\s*<p><strong>(.*?)</strong>',
                         page, re.DOTALL)
    return [f"{name}: {html.unescape(text).strip()}" for name, text in found] + [
        html.unescape(p) for p in problem]


def tree(client: TestClient, **query: str) -> str:
    """The goal tree's section of the Goals page (not the add form's choices)."""
    page = client.get("/goals", params=query)
    assert page.status_code == 200, page.text
    return page.text[page.text.index('id="tree-title"'):page.text.index('id="add-title"')]


def goal(client: TestClient, goal_id: int) -> dict:
    shown = client.get(f"/api/v1/goals/{goal_id}")
    assert shown.status_code == 200, shown.text
    return shown.json()


def add(client: TestClient, **fields) -> int:
    added = client.post("/api/v1/goals", json=fields)
    assert added.status_code == 201, added.text
    return int(added.json()["id"])


def three_goals(client: TestClient) -> None:
    """A vision (1), a long-term goal under it (2) and a short-term step in learning (3)."""
    add(client, title="Lead", horizon="vision", why="Growth")
    add(client, title="Manage a team", horizon="long-term", parent_id=1, why="Achievement",
        deadline="2029-06-30", metric={"name": "people", "baseline": 0, "target": 5})
    add(client, title="Course", parent_id=2, area="learning", deadline="2027-03-31",
        metric={"name": "modules", "target": 8})


# -- the API and the command line agree ----------------------------------------------------


def test_the_goal_and_task_endpoints_answer_as_the_command_line(client, cli, db_url):
    """One scenario through the command line, then (after deleting everything) through the
    API: every endpoint's JSON equals the command's --json."""
    profile(cli)
    ok(cli, "goal", "add", "Lead", "--horizon", "vision", "--why", "Growth")
    ok(cli, "goal", "add", "Manage a team", "--horizon", "long-term", "--parent", "1",
       "--why", "Achievement", "--deadline", "2029-06-30", "--metric", "people",
       "--baseline", "0", "--target", "5")
    ok(cli, "goal", "add", "Course", "--parent", "2", "--area", "learning", "--deadline",
       "2027-03-31", "--metric", "modules", "--target", "8")
    ok(cli, "milestone", "add", "3", "Half", "--due", "2027-01-31")
    ok(cli, "task", "add", "Pick", "--estimate", "2", "--goal", "3", "--due", "2026-12-04")
    ok(cli, "task", "add", "Modules", "--estimate", "12", "--milestone", "1", "--after", "1")
    ok(cli, "task", "edit", "2", "--title", "Modules 1-4", "--due", "2027-01-15")
    ok(cli, "task", "done", "1")
    ok(cli, "goal", "edit", "3", "--deadline", "2027-04-30", "--why", "Learning",
       "--reason", "A busy quarter")
    ok(cli, "goal", "progress", "3", "2", "--reason", "two done")
    ok(cli, "goal", "drop", "1", "--reason", "Too broad")

    def read(run) -> dict:
        return {"show3": run("goal", "show", "3"), "show2": run("goal", "show", "2"),
                "history3": run("goal", "history", "3"), "history1": run("goal", "history", "1"),
                "tasks": run("task", "list"), "all_tasks": run("task", "list", "--all"),
                "goal3_tasks": run("task", "list", "--all", "--goal", "3"),
                "task2": run("task", "show", "2"), "goals": run("goal", "list", "--all")}

    by_cli = read(lambda *args: json.loads(ok(cli, *args, "--json")))
    forget_everything(db_url)

    assert client.post("/onboarding", data=ONBOARD, follow_redirects=False).status_code == 303
    three_goals(client)
    ok(cli, "milestone", "add", "3", "Half", "--due", "2027-01-31")
    answers = [
        client.post("/api/v1/tasks", json={"title": "Pick", "estimate_hours": 2, "goal_id": 3,
                                           "due": "2026-12-04"}),
        client.post("/api/v1/tasks", json={"title": "Modules", "estimate_hours": 12,
                                           "milestone_id": 1, "after": [1]}),
        client.patch("/api/v1/tasks/2", json={"title": "Modules 1-4", "due": "2027-01-15"}),
        client.post("/api/v1/tasks/1/done"),
        client.patch("/api/v1/goals/3", json={"deadline": "2027-04-30", "why": "Learning",
                                              "reason": "A busy quarter"}),
        client.post("/api/v1/goals/3/progress", json={"value": 2, "reason": "two done"}),
        client.delete("/api/v1/goals/1", params={"reason": "Too broad"}),
    ]
    assert [a.status_code for a in answers] == [201, 201, 200, 200, 200, 200, 200]
    paths = {"show3": "/goals/3", "show2": "/goals/2", "history3": "/goals/3/history",
             "history1": "/goals/1/history", "tasks": "/tasks", "all_tasks": "/tasks?all=true",
             "goal3_tasks": "/tasks?all=true&goal=3", "task2": "/tasks/2",
             "goals": "/goals?all=true"}
    by_api = {name: client.get("/api/v1" + path).json() for name, path in paths.items()}
    assert by_api["show3"]["progress"] == pytest.approx(0.25)  # 2 of 8 modules
    assert [ch["reason"] for ch in by_api["history3"]][-2:] == ["A busy quarter", "two done"]
    assert by_api == by_cli
    # each write returns the record as the command line shows (or lists) it
    assert answers[2].json() == by_cli["task2"]
    assert answers[3].json() == by_cli["all_tasks"][0]
    listed = {g["id"]: g for g in by_cli["goals"]}
    assert answers[5].json() == listed[3]
    assert answers[6].json() == listed[1] and listed[1]["status"] == "dropped"


def test_findings_carry_their_fix_as_an_action_in_both(member, cli):
    add(member, title="Get fit")
    shown = goal(member, 1)
    assert {f["code"]: f["action"] for f in shown["findings"]} == {
        "no-why": {"verb": "goal.edit", "params": {"goal_id": 1, "why": None}},
        "no-metric": {"verb": "goal.edit",
                      "params": {"goal_id": 1, "metric": None, "unit": None, "target": None}},
        "no-deadline": {"verb": "goal.edit", "params": {"goal_id": 1, "deadline": None}},
    }
    by_cli = json.loads(cli("goal", "check", "--json").stdout)
    assert by_cli == shown["findings"]


# -- the API's bad input -------------------------------------------------------------------


BAD_CALLS = [
    ("patch", "/api/v1/goals/2", {}, 422, "Nothing to change"),
    ("patch", "/api/v1/goals/2", {"colour": "red"}, 422, "body.colour"),
    ("patch", "/api/v1/goals/2", {"title": ""}, 422, "The title is empty"),
    ("patch", "/api/v1/goals/2", {"parent_id": 3}, 422, ""),  # a loop: 3 serves 2
    ("patch", "/api/v1/goals/2", {"status": "dropped"}, 422, "needs a reason"),
    ("patch", "/api/v1/goals/2", {"area": "nowhere"}, 404, "nowhere"),
    ("patch", "/api/v1/goals/99", {"title": "X"}, 404, "no goal #99"),
    ("patch", "/api/v1/goals/0", {"title": "X"}, 422, "goal_id"),
    ("delete", "/api/v1/goals/2", None, 422, "reason"),
    ("delete", "/api/v1/goals/99?reason=x", None, 404, "no goal #99"),
    ("post", "/api/v1/goals/1/progress", {"value": 3}, 422, "no metric yet"),
    ("post", "/api/v1/goals/2/progress", {"value": "many"}, 422, "body.value"),
    ("post", "/api/v1/goals/2/progress", {}, 422, "body.value"),
    ("get", "/api/v1/goals/99", None, 404, "no goal #99"),
    ("get", "/api/v1/goals/99/history", None, 404, "no goal #99"),
    ("post", "/api/v1/tasks", {"title": "T", "estimate_hours": -1}, 422, "estimate"),
    ("post", "/api/v1/tasks", {"title": "T", "after": [42]}, 404, "no task #42"),
    ("post", "/api/v1/tasks", {"title": "T", "goal_id": 99}, 404, "no goal #99"),
    ("post", "/api/v1/tasks", {"title": "T", "due": "2026-12-01",
                               "earliest_start": "2026-12-20"}, 422, ""),
    ("post", "/api/v1/tasks", {"title": "T", "owner": "me"}, 422, "body.owner"),
    ("patch", "/api/v1/tasks/1", {}, 422, "Nothing to change"),
    ("patch", "/api/v1/tasks/1", {"after": [1]}, 422, "itself"),
    ("patch", "/api/v1/tasks/99", {"title": "X"}, 404, "no task #99"),
    ("post", "/api/v1/tasks/99/done", None, 404, "no task #99"),
    ("get", "/api/v1/tasks/99", None, 404, "no task #99"),
    ("get", "/api/v1/tasks?goal=0", None, 422, "goal"),
]


@pytest.mark.parametrize(("method", "path", "body", "status", "words"), BAD_CALLS)
def test_bad_api_calls_are_refused_and_write_nothing(member, exported, method, path, body,
                                                     status, words):
    three_goals(member)
    member.post("/api/v1/tasks", json={"title": "Pick", "goal_id": 3})
    before = exported()
    kwargs = {} if body is None else {"json": body}
    answer = member.request(method.upper(), path, **kwargs)
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    assert words in answer.text
    assert exported() == before


def test_deleting_a_goal_drops_it_and_keeps_its_history(member):
    three_goals(member)
    dropped = member.delete("/api/v1/goals/3", params={"reason": "Not now"})
    assert dropped.status_code == 200 and dropped.json()["status"] == "dropped"
    assert [g["id"] for g in member.get("/api/v1/goals").json()] == [1, 2]
    assert member.get("/api/v1/goals/3/history").json()[-1] | {"at": None} == {
        "goal_id": 3, "field": "status", "old": "active", "new": "dropped", "at": None,
        "reason": "Not now"}


# -- the goal tree -------------------------------------------------------------------------


def test_the_tree_shows_every_goal_with_its_findings_and_fix_links(member):
    three_goals(member)
    member.post("/api/v1/tasks", json={"title": "Pick a course", "goal_id": 3})
    page = member.get("/goals")
    assert page.status_code == 200
    text = page.text
    for words in ("#1 Lead", "#2 Manage a team", "#3 Course", "Pick a course", "3 goals"):
        assert words in text, words
    # the tree nests: the course is inside the list under "Manage a team"
    assert text.index("#2 Manage a team") < text.index("#3 Course")
    # each finding is shown with a link to the form that applies its fix
    for f in goal(member, 3)["findings"]:
        assert html.escape(f["message"], quote=True) in text
    assert 'href="/goals/3/edit#why"' in text
    assert "Say why it matters" in text
    # the progress shown is the services' figure
    assert "0%" in text


def test_the_tree_filters_by_area_and_status(member):
    three_goals(member)
    learning = tree(member, area="learning")
    assert "#3 Course" in learning and "#2 Manage a team" not in learning
    assert "1 goal)" in learning
    member.delete("/api/v1/goals/3", params={"reason": "Later"})
    assert "#3 Course" not in tree(member)
    dropped = tree(member, status="dropped")
    assert "#3 Course" in dropped and "#1 Lead" not in dropped
    everything = tree(member, status="all")
    assert all(words in everything for words in ("#1 Lead", "#3 Course"))


@pytest.mark.parametrize(("query", "status"), [({"status": "someday"}, 422),
                                               ({"area": "nowhere"}, 404),
                                               ({"status": "x" * 50}, 422)])
def test_a_bad_filter_is_a_clear_4xx(member, query, status):
    answer = member.get("/goals", params=query)
    assert answer.status_code == status
    assert "<h1" in answer.text  # the error page, not a bare message


def test_the_timeline_lists_goals_and_milestones_by_date(member, cli):
    three_goals(member)
    ok(cli, "milestone", "add", "3", "Half the modules", "--due", "2027-01-31")
    page = member.get("/goals/timeline")
    assert page.status_code == 200
    text = page.text
    order = [text.index(w) for w in ("Half the modules", "#3 Course", "#2 Manage a team")]
    assert order == sorted(order)
    # today is Monday 23 Nov 2026: 2027-01-31 is 69 days away
    assert "in 69 days" in text and "January 2027" in text
    undated = text[text.index("undated-title"):]
    assert "#1 Lead" in undated


# -- adding a goal -------------------------------------------------------------------------


GOOD_GOAL = {"title": "Run a marathon", "horizon": "short-term", "area": "health",
             "parent": "", "why": "Energy", "metric": "km a week", "unit": "km",
             "baseline": "5", "target": "40", "deadline": "2027-09-30", "priority": "high"}


def test_adding_a_goal_through_the_form(member):
    assert member.get("/goals/new").status_code == 200
    done = member.post("/goals/new", data=GOOD_GOAL, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/goals/1"
    added = goal(member, 1)
    assert (added["title"], added["area"], added["horizon"], added["priority"]) == (
        "Run a marathon", "health", "short-term", "high")
    assert added["metric"] == {"name": "km a week", "unit": "km", "baseline": 5.0,
                               "target": 40.0, "current": 5.0}
    assert added["deadline"] == "2027-09-30" and added["findings"] == []


def test_the_add_form_takes_a_deadline_as_a_phrase_and_a_parent(member):
    add(member, title="Lead", horizon="vision", why="Growth")
    done = member.post("/goals/new", data=GOOD_GOAL | {"horizon": "long-term", "parent": "1",
                                                       "deadline": "in 2 years"},
                       follow_redirects=False)
    assert done.status_code == 303
    assert goal(member, 2)["parent_id"] == 1 and goal(member, 2)["deadline"] == "2028-11-23"


def test_the_add_form_is_filled_in_from_its_address(member):
    add(member, title="Lead", horizon="long-term", why="Growth", deadline="2029-01-01")
    form = member.get("/goals/new", params={"parent": "1", "horizon": "short-term"}).text
    assert '<option value="1" selected>#1 Lead</option>' in form
    assert '<option value="short-term" selected>' in form


BAD_GOALS = [
    ({"title": ""}, "title: The title is empty."),
    ({"horizon": "someday"}, "horizon: 'someday' is not a horizon."),
    ({"priority": "urgent"}, "priority: 'urgent' is not a priority."),
    ({"deadline": "whenever"}, "deadline: "),
    ({"deadline": "2027-02-30"}, "deadline: "),
    ({"target": "lots"}, "target: Cannot read 'lots' as a number."),
    ({"baseline": "nan"}, "baseline: Cannot read 'nan' as a number."),
    ({"metric": "", "target": "3"}, "metric: A target or baseline needs a metric."),
    ({"parent": "abc"}, "parent: Cannot read 'abc'"),
    ({"parent": "99"}, "There is no goal #99."),
    ({"area": "nowhere"}, "nowhere"),
    ({"title": "x" * 10_001}, "title: This is 10001 characters long."),
]


@pytest.mark.parametrize(("change", "message"), BAD_GOALS)
def test_a_bad_new_goal_shows_the_form_again_and_writes_nothing(member, exported, change,
                                                                message):
    before = exported()
    answer = member.post("/goals/new", data=GOOD_GOAL | change, follow_redirects=False)
    assert answer.status_code == 422
    shown = errors(answer.text)
    assert any(message in e for e in shown), shown
    assert 'value="Run a marathon"' in answer.text or "title" in change  # kept as typed
    assert exported() == before


# -- one goal, and its forms ---------------------------------------------------------------


def test_the_goal_page_has_everything_goal_show_has(member, cli):
    three_goals(member)
    ok(cli, "milestone", "add", "3", "Half", "--due", "2027-01-31")
    member.post("/api/v1/tasks", json={"title": "Pick", "goal_id": 3, "estimate_hours": 2})
    member.patch("/api/v1/goals/3", json={"why": "Learning", "reason": "It matters"})
    page = member.get("/goals/3")
    assert page.status_code == 200
    text = page.text
    for words in ("#3 Course", "Learning", "modules", "#1 Half", "#1 Pick", "(2 h)",
                  "It matters", "#2 Manage a team", "Update the progress", "Mark done"):
        assert words in text, words
    assert member.get("/goals/2").text.count("#3 Course") == 1  # its sub-goal
    assert member.get("/goals/99").status_code == 404
    assert member.get("/goals/0").status_code == 422


EDIT = {"title": "Manage a team", "why": "Achievement", "area": "career",
        "horizon": "long-term", "parent": "1", "metric": "people", "unit": "", "baseline": "0",
        "target": "5", "current": "0", "deadline": "2029-06-30", "priority": "medium",
        "reason": ""}


def test_the_edit_form_changes_what_differs_and_keeps_the_reason(member):
    three_goals(member)
    form = member.get("/goals/2/edit")
    assert form.status_code == 200 and 'value="Manage a team"' in form.text
    done = member.post("/goals/2/edit", data=EDIT | {"title": "Lead a team", "target": "6",
                                                      "deadline": "2029-12-31",
                                                      "reason": "A bigger team"},
                       follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/goals/2"
    changes = member.get("/api/v1/goals/2/history").json()[1:]
    assert [(c["field"], c["old"], c["new"], c["reason"]) for c in changes] == [
        ("title", "Manage a team", "Lead a team", "A bigger team"),
        ("deadline", "2029-06-30", "2029-12-31", "A bigger team"),
        ("metric.target", "5", "6", "A bigger team")]
    # posting the form as it is changes nothing and records nothing
    same = member.post("/goals/2/edit", data=EDIT | {"title": "Lead a team", "target": "6",
                                                      "deadline": "2029-12-31"},
                       follow_redirects=False)
    assert same.status_code == 303
    assert len(member.get("/api/v1/goals/2/history").json()) == 4


def test_an_empty_parent_makes_a_top_level_goal(member):
    three_goals(member)
    member.post("/goals/2/edit", data=EDIT | {"parent": "", "reason": "On its own"})
    assert goal(member, 2)["parent_id"] is None


BAD_EDITS = [
    ({"title": " "}, "title: The title is empty."),
    ({"horizon": "soon"}, "horizon: 'soon' is not a horizon."),
    ({"deadline": "never"}, "deadline: "),
    ({"target": "abc"}, "target: Cannot read 'abc' as a number."),
    ({"current": "inf"}, "current: Cannot read 'inf' as a number."),
    ({"parent": "3"}, ""),  # 3 serves 2: a loop
    ({"parent": "2"}, ""),  # itself
    ({"area": "nowhere"}, "nowhere"),
    ({"priority": "now"}, "priority: 'now' is not a priority."),
]


@pytest.mark.parametrize(("change", "message"), BAD_EDITS)
def test_a_bad_edit_shows_the_form_again_and_writes_nothing(member, exported, change, message):
    three_goals(member)
    before = exported()
    answer = member.post("/goals/2/edit", data=EDIT | change, follow_redirects=False)
    assert answer.status_code == 422
    shown = errors(answer.text)
    assert shown and any(message in e for e in shown), shown
    assert exported() == before


def test_editing_a_goal_that_does_not_exist_is_a_404(member, exported):
    before = exported()
    assert member.get("/goals/9/edit").status_code == 404
    assert member.post("/goals/9/edit", data=EDIT).status_code == 404
    assert member.post("/goals/9/progress", data={"value": "1"}).status_code == 404
    assert member.post("/goals/9/status", data={"status": "done"}).status_code == 404
    assert member.post("/goals/9/tasks", data={"task_title": "X"}).status_code == 404
    assert exported() == before


def test_a_smart_finding_is_fixed_through_its_link(member):
    """A short-term goal due in two years: its fix links to the edit form with the horizon
    it suggests already chosen; saving that form fixes it."""
    add(member, title="Learn Spanish", why="Travel", deadline="2028-12-31",
        metric={"name": "lessons", "target": 100})
    finding = goal(member, 1)["findings"][0]
    assert finding["code"] == "short-term-too-far"
    tree = member.get("/goals").text
    link = re.search(r'<a class="button small" href="([^"]+)">Make it long-term', tree)
    assert link is not None
    address = html.unescape(link[1])
    assert address == "/goals/1/edit?horizon=long-term#horizon"
    form = member.get(address.split("#")[0]).text
    assert '<option value="long-term" selected>' in form
    values = dict(re.findall(r'<input id="(\w+)" name="\w+" type="text" value="([^"]*)"', form))
    values |= {"horizon": "long-term", "area": "career", "priority": "medium", "parent": "",
               "why": "Travel", "reason": "It takes longer"}
    assert member.post("/goals/1/edit", data=values, follow_redirects=False).status_code == 303
    fixed = goal(member, 1)
    assert fixed["horizon"] == "long-term"
    assert "short-term-too-far" not in {f["code"] for f in fixed["findings"]}


def test_progress_is_updated_with_a_note(member):
    three_goals(member)
    done = member.post("/goals/2/progress", data={"value": "2", "progress_reason": "Hired two"},
                       follow_redirects=False)
    assert done.status_code == 303
    shown = goal(member, 2)
    assert shown["metric"]["current"] == 2.0 and shown["progress"] == pytest.approx(0.4)
    assert "40%" in member.get("/goals/2").text
    assert member.get("/api/v1/goals/2/history").json()[-1]["reason"] == "Hired two"


@pytest.mark.parametrize(("goal_id", "value", "message"), [
    (2, "two", "value: Cannot read 'two' as a number."),
    (2, "", "value: Cannot read '' as a number."),
    (1, "3", "Goal #1 has no metric yet."),
])
def test_bad_progress_writes_nothing(member, exported, goal_id, value, message):
    three_goals(member)
    before = exported()
    answer = member.post(f"/goals/{goal_id}/progress", data={"value": value})
    assert answer.status_code == 422
    assert any(message in e for e in errors(answer.text)), errors(answer.text)
    assert exported() == before


def test_a_goal_is_completed_reopened_and_dropped_with_reasons(member):
    three_goals(member)
    steps = [("done", "Finished early"), ("active", "One more module"), ("paused", ""),
             ("dropped", "The course was cancelled")]
    for status, reason in steps:
        answer = member.post("/goals/3/status", data={"status": status,
                                                      "status_reason": reason},
                             follow_redirects=False)
        assert answer.status_code == 303, errors(answer.text)
        assert goal(member, 3)["status"] == status
    history = member.get("/api/v1/goals/3/history").json()
    assert [(h["new"], h["reason"]) for h in history if h["field"] == "status"] == [
        ("done", "Finished early"), ("active", "One more module"), ("paused", ""),
        ("dropped", "The course was cancelled")]
    assert "Reopen" in member.get("/goals/3").text


@pytest.mark.parametrize(("data", "message"), [
    ({"status": "dropped", "status_reason": " "}, "status_reason: Dropping a goal needs a "),
    ({"status": "finished"}, "'finished' is not a status."),
    ({}, "'' is not a status."),
])
def test_a_bad_status_change_writes_nothing(member, exported, data, message):
    three_goals(member)
    before = exported()
    answer = member.post("/goals/3/status", data=data)
    assert answer.status_code == 422
    assert any(message in e for e in errors(answer.text)), errors(answer.text)
    assert exported() == before


# -- tasks ---------------------------------------------------------------------------------


TASK = {"task_title": "Pick a course", "task_estimate": "2", "task_due": "2026-12-04",
        "task_start": "", "task_after": ""}


def test_tasks_are_added_edited_done_dropped_and_reopened(member):
    three_goals(member)
    assert member.post("/goals/3/tasks", data=TASK, follow_redirects=False).status_code == 303
    added = member.post("/goals/3/tasks", data=TASK | {"task_title": "Modules 1-4",
                                                       "task_estimate": "12",
                                                       "task_after": "1",
                                                       "task_due": "next friday"},
                        follow_redirects=False)
    assert added.status_code == 303 and added.headers["location"] == "/goals/3#tasks-title"
    second = member.get("/api/v1/tasks/2").json()
    assert (second["goal_id"], second["depends_on"], second["due"]) == (3, [1], "2026-11-27")
    page = member.get("/goals/3").text
    assert "#1 Pick a course" in page and "#2 Modules 1-4" in page

    form = member.get("/tasks/2/edit")
    assert form.status_code == 200 and 'value="Modules 1-4"' in form.text
    edited = member.post("/tasks/2/edit", data={"title": "Modules 1-8", "estimate": "20",
                                                "due": "2027-01-15", "start": "2026-12-01",
                                                "after": ""}, follow_redirects=False)
    assert edited.status_code == 303 and edited.headers["location"] == "/goals/3#tasks-title"
    second = member.get("/api/v1/tasks/2").json()
    assert (second["title"], second["estimate_hours"], second["due"],
            second["earliest_start"], second["depends_on"]) == (
        "Modules 1-8", 20.0, "2027-01-15", "2026-12-01", [])

    for verb, status in (("done", "done"), ("reopen", "open"), ("drop", "dropped")):
        answer = member.post(f"/tasks/1/{verb}", follow_redirects=False)
        assert answer.status_code == 303 and answer.headers["location"] == "/goals/3#tasks-title"
        assert member.get("/api/v1/tasks/1").json()["status"] == status
    assert "dropped" in member.get("/goals/3").text


def test_a_task_without_a_goal_goes_back_to_the_goals(member):
    member.post("/api/v1/tasks", json={"title": "Loose end"})
    answer = member.post("/tasks/1/done", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/goals"


BAD_TASKS = [
    ({"task_title": ""}, "task_title: The title is empty."),
    ({"task_estimate": "lots"}, "task_estimate: Cannot read 'lots' as a number."),
    ({"task_estimate": "-2"}, "estimate"),
    ({"task_due": "someday"}, "task_due: "),
    ({"task_after": "one"}, "task_after: Cannot read 'one' as task ids."),
    ({"task_after": "42"}, "There is no task #42."),
    ({"task_milestone": "7"}, "There is no milestone #7."),
    ({"task_due": "2026-12-01", "task_start": "2026-12-10"}, ""),
]


@pytest.mark.parametrize(("change", "message"), BAD_TASKS)
def test_a_bad_task_shows_the_form_again_and_writes_nothing(member, exported, change, message):
    three_goals(member)
    before = exported()
    answer = member.post("/goals/3/tasks", data=TASK | change)
    assert answer.status_code == 422
    shown = errors(answer.text)
    assert shown and any(message in e for e in shown), shown
    assert exported() == before


@pytest.mark.parametrize(("change", "message"), [
    ({"title": ""}, "title: The title is empty."),
    ({"estimate": "0"}, "estimate"),
    ({"after": "2"}, ""),  # 2 already waits for 1: a loop
    ({"after": "1"}, "cannot depend on itself"),
    ({"start": "later"}, "start: "),
])
def test_a_bad_task_edit_writes_nothing(member, exported, change, message):
    three_goals(member)
    member.post("/goals/3/tasks", data=TASK)
    member.post("/goals/3/tasks", data=TASK | {"task_title": "Second", "task_after": "1"})
    before = exported()
    data = {"title": "Pick a course", "estimate": "2", "due": "2026-12-04", "start": "",
            "after": ""} | change
    answer = member.post("/tasks/1/edit", data=data)
    assert answer.status_code == 422
    shown = errors(answer.text)
    assert shown and any(message in e for e in shown), shown
    assert exported() == before


def test_a_task_that_does_not_exist_is_a_404(member, exported):
    before = exported()
    assert member.get("/tasks/5/edit").status_code == 404
    for verb in ("done", "drop", "reopen"):
        assert member.post(f"/tasks/5/{verb}").status_code == 404
    assert member.post("/tasks/5/edit", data={"title": "X"}).status_code == 404
    assert exported() == before


def test_the_goal_pages_need_a_profile_first(client):
    answer = client.get("/goals/new")
    assert answer.status_code in (200, 409)
    added = client.post("/goals/new", data=GOOD_GOAL, follow_redirects=False)
    assert added.status_code == 422
    assert any("profile" in e.lower() for e in errors(added.text)), errors(added.text)


def test_days_left_on_the_timeline_follow_the_date(member, frozen):
    add(member, title="Soon", why="x", deadline="2026-11-30", metric={"name": "n", "target": 1})
    assert "in 7 days" in member.get("/goals/timeline").text
    frozen.move_to(dt.datetime(2026, 12, 2, 9, tzinfo=dt.UTC))
    assert "2 days ago" in member.get("/goals/timeline").text


def test_a_goal_cannot_look_further_ahead_than_its_parent(member, exported):
    three_goals(member)
    before = exported()
    answer = member.post("/goals/3/edit", data=EDIT | {
        "title": "Course", "area": "learning", "horizon": "vision", "parent": "2",
        "metric": "modules", "baseline": "", "target": "8", "current": "",
        "deadline": "2027-03-31", "why": ""})
    assert answer.status_code == 422
    assert "A vision goal cannot sit under a long-term goal." in errors(answer.text)
    assert exported() == before


def test_milestones_are_added_and_reached(member):
    three_goals(member)
    done = member.post("/goals/3/milestones", data={"ms_title": "Half the modules",
                                                    "ms_due": "2027-01-31"},
                       follow_redirects=False)
    assert done.status_code == 303
    assert goal(member, 3)["milestones"][0] | {"done_at": None} == {
        "id": 1, "goal_id": 3, "title": "Half the modules", "due": "2027-01-31",
        "done": False, "done_at": None}
    reached = member.post("/milestones/1/done", follow_redirects=False)
    assert reached.status_code == 303 and reached.headers["location"] == "/goals/3#tasks-title"
    assert goal(member, 3)["milestones"][0]["done"] is True
    page = member.get("/goals/3").text
    assert "Half the modules" in page and "reached" in page
    history = page[page.index('id="history-title"'):]
    assert "milestone reached" in history and "milestone added" in history


@pytest.mark.parametrize(("data", "message"), [
    ({"ms_title": "", "ms_due": ""}, "ms_title: The title is empty."),
    ({"ms_title": "Half", "ms_due": "soonish"}, "ms_due: "),
    ({"ms_title": "Half", "ms_due": "2027-12-31"}, "after the goal's deadline"),
])
def test_a_bad_milestone_writes_nothing(member, exported, data, message):
    three_goals(member)
    before = exported()
    answer = member.post("/goals/3/milestones", data=data)
    assert answer.status_code == 422
    assert any(message in e for e in errors(answer.text)), errors(answer.text)
    assert exported() == before
    assert member.post("/milestones/9/done").status_code == 404
    assert member.post("/goals/9/milestones", data=data).status_code == 404
    assert exported() == before


def test_the_history_reads_in_peoples_words(member):
    three_goals(member)
    member.patch("/api/v1/goals/3", json={"area": "career", "no_parent": True,
                                          "reason": "Its own thing"})
    page = member.get("/goals/3").text
    history = page[page.index('id="history-title"'):]
    assert "<td>life area</td><td>learning</td><td>career</td>" in history
    assert "<td>part of</td><td>goal #2</td><td>-</td>" in history
    assert "Mon 23 Nov 2026 10:00" in history  # the person's zone (UTC here)


def test_a_goal_in_an_archived_area_keeps_its_area_when_edited(member, cli):
    three_goals(member)
    ok(cli, "area", "archive", "learning")
    form = member.get("/goals/3/edit").text
    assert re.search(r'<option value="learning" selected>', form)
    answer = member.post("/goals/3/edit", data=EDIT | {
        "title": "Course, part one", "area": "learning", "horizon": "short-term",
        "parent": "2", "metric": "modules", "baseline": "", "target": "8", "current": "",
        "deadline": "2027-03-31", "why": ""}, follow_redirects=False)
    assert answer.status_code == 303, errors(answer.text)
    shown = goal(member, 3)
    assert (shown["title"], shown["area"]) == ("Course, part one", "learning")
    moved = member.post("/goals/2/edit", data=EDIT | {"area": "learning"})
    assert moved.status_code == 422  # an archived area takes no new goals
    assert any("archived" in e for e in errors(moved.text)), errors(moved.text)
