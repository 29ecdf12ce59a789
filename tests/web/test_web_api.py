"""The REST API: the same JSON as the command line for the same scenario, typed models in
the OpenAPI schema, problem details for bad input, and nothing written by a bad request."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from fastapi.testclient import TestClient

from cairn.services.app import Cairn
from conftest import FROZEN_AT
from web.scenario import WEEKS, busy_weeks, ok

GOAL = {"title": "Learn SQL", "area": "learning", "horizon": "short-term", "why": "Data work",
        "metric": {"name": "courses", "unit": "", "baseline": 0, "target": 3},
        "deadline": "2027-06-30", "priority": "high"}
GOAL_ARGS = ("goal", "add", "Learn SQL", "--area", "learning", "--horizon", "short-term",
             "--why", "Data work", "--metric", "courses", "--baseline", "0", "--target", "3",
             "--deadline", "2027-06-30", "--priority", "high")


def forget_everything(db_url: str) -> None:
    """Delete the person's data (the person stays, and ids start again from 1)."""
    app = Cairn.open(db_url)
    app.data.delete_all()
    app.close()


def test_the_command_line_and_the_api_agree(client: TestClient, cli, frozen, db_url):
    """One scenario twice on the same person: written and read through the command line,
    then (after deleting everything) written and read through the web; the JSON is equal."""
    busy_weeks(cli, frozen)
    ok(cli, *GOAL_ARGS)
    ok(cli, "goal", "add", "Run a marathon", "--area", "health", "--deadline", "2027-04-01")
    by_cli = {"status": json.loads(ok(cli, "status", "--json")),
              "goals": json.loads(ok(cli, "goal", "list", "--json")),
              "learning": json.loads(ok(cli, "goal", "list", "--area", "learning", "--json")),
              "all": json.loads(ok(cli, "goal", "list", "--all", "--json"))}
    forget_everything(db_url)

    frozen.move_to(FROZEN_AT - dt.timedelta(weeks=WEEKS))  # when the command line made it
    assert client.post("/onboarding", data={"name": "Alex Rivera", "life_stage": "mid-career",
                                            "contract_hours": "38"},
                       follow_redirects=False).status_code == 303
    busy_weeks(cli, frozen, with_profile=False)
    added = client.post("/api/v1/goals", json=GOAL)
    assert added.status_code == 201, added.text
    client.post("/api/v1/goals", json={"title": "Run a marathon", "area": "health",
                                       "deadline": "2027-04-01"})
    by_api = {"status": client.get("/api/v1/status").json(),
              "goals": client.get("/api/v1/goals").json(),
              "learning": client.get("/api/v1/goals", params={"area": "learning"}).json(),
              "all": client.get("/api/v1/goals", params={"all": "true"}).json()}
    assert by_api["status"]["burnout"]["level"] == "high"  # a scenario worth comparing
    assert len(by_api["goals"]) == 2 and len(by_api["learning"]) == 1
    assert by_api == by_cli
    assert added.json() == by_cli["learning"][0]  # POST returns the goal as listed


def test_adding_a_goal_returns_it_and_lists_it(member: TestClient):
    added = member.post("/api/v1/goals", json=GOAL)
    assert added.status_code == 201
    goal = added.json()
    assert goal["id"] == 1 and goal["title"] == "Learn SQL" and goal["area"] == "learning"
    assert goal["metric"] == {"name": "courses", "unit": "", "baseline": 0.0, "target": 3.0,
                              "current": 0.0}
    assert goal["progress"] == 0.0
    child = member.post("/api/v1/goals", json={"title": "Finish the SQL course",
                                               "parent_id": 1, "area": "learning"})
    assert child.status_code == 201 and child.json()["parent_id"] == 1
    assert [g["id"] for g in member.get("/api/v1/goals").json()] == [1, 2]


BAD_GOALS = [
    ({"title": ""}, 422, "The title is empty."),
    ({"title": "x" * 201}, 422, "at most 200"),
    ({}, 422, "body.title"),
    ({"title": "A", "horizon": "someday"}, 422, "body.horizon"),
    ({"title": "A", "priority": "urgent"}, 422, "body.priority"),
    ({"title": "A", "deadline": "next week"}, 422, "body.deadline"),
    ({"title": "A", "deadline": "2027-02-30"}, 422, "body.deadline"),
    ({"title": "A", "parent_id": 0}, 422, "body.parent_id"),
    ({"title": "A", "parent_id": 2**63}, 422, "body.parent_id"),
    ({"title": "A", "metric": {"name": "km", "target": "NaN"}}, 422, "body.metric.target"),
    ({"title": "A", "colour": "red"}, 422, "body.colour"),
    ({"title": "A", "area": "hobbies"}, 404, "No life area 'hobbies'."),
    ({"title": "A", "parent_id": 99}, 404, "There is no goal #99."),
    ({"title": "A", "horizon": "vision", "parent_id": 1}, 422, "vision"),
]


@pytest.mark.parametrize(("body", "status", "says"), BAD_GOALS)
def test_a_bad_goal_is_a_problem_and_writes_nothing(member: TestClient, exported, body,
                                                    status, says):
    assert member.post("/api/v1/goals", json={"title": "Parent goal"}).status_code == 201
    before = exported()
    answer = member.post("/api/v1/goals", json=body)
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    problem = answer.json()
    assert problem["status"] == status
    assert set(problem) == {"type", "title", "status", "detail", "hint", "action", "errors"}
    assert says in problem["detail"]
    assert problem["hint"]
    assert exported() == before


@pytest.mark.parametrize(("content", "status"), [
    (b"{not json", 422), (b"[]", 422), (b'"a goal"', 422), (b"\xff\xfe", 422),
    (b'{"title": "\xe9t\xe9"}', 400)])  # Latin-1, not UTF-8: the body cannot be read
def test_a_body_that_is_not_a_goal_is_a_problem(member: TestClient, exported, content,
                                                 status):
    before = exported()
    answer = member.post("/api/v1/goals", content=content,
                         headers={"content-type": "application/json"})
    assert answer.status_code == status
    assert answer.headers["content-type"] == "application/problem+json"
    assert exported() == before


@pytest.mark.parametrize(("query", "status"), [
    ({"horizon": "someday"}, 422), ({"all": "perhaps"}, 422), ({"area": "hobbies"}, 404),
    ({"area": "x" * 201}, 422),
])
def test_bad_filters_are_problems(member: TestClient, query, status):
    answer = member.get("/api/v1/goals", params=query)
    assert answer.status_code == status
    assert answer.json()["status"] == status


def test_the_api_before_a_profile_says_what_to_do_first(client: TestClient, exported):
    before = exported()
    answer = client.post("/api/v1/goals", json={"title": "Learn SQL"})
    assert answer.status_code == 409
    problem = answer.json()
    assert problem["type"] == "/api/problems/not-ready"
    assert problem["detail"] == "There is no profile yet."
    assert problem["hint"] == "Run `cairn init` first."
    assert exported() == before


def test_the_schema_documents_typed_models_and_problems(client: TestClient):
    schema = client.get("/api/openapi.json").json()
    status = schema["paths"]["/api/v1/status"]["get"]["responses"]
    assert status["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/StatusPage"}
    parts = schema["components"]["schemas"]
    assert list(parts["StatusPage"]["properties"]) == [
        "today", "rest", "reviews", "burnout", "balance", "alerts", "alerts_waiting", "goals",
        "streaks", "habit_streaks", "investment", "followups"]
    assert list(parts["WeeksView"]["properties"]) == ["weeks", "from", "to"]
    assert parts["GoalView"]["properties"]["horizon"] == {"$ref": "#/components/schemas/Horizon"}
    assert parts["Horizon"]["enum"] == ["vision", "long-term", "short-term"]
    post = schema["paths"]["/api/v1/goals"]["post"]
    assert post["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/GoalIn"}
    for code in ("404", "409", "422", "503"):
        assert list(post["responses"][code]["content"]) == ["application/problem+json"]
    assert "HTTPValidationError" not in parts


def test_the_api_docs_work_offline(client: TestClient):
    docs = client.get("/api/docs")
    assert docs.status_code == 200
    assert "http://" not in docs.text and "https://" not in docs.text  # no CDN
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs.text
    kinds = client.get("/api/problems/")
    assert kinds.status_code == 200 and "not-ready" in kinds.text
    assert client.get("/api/problems/not-ready").status_code == 200
    assert client.get("/api/problems/no-such-thing").status_code == 404
