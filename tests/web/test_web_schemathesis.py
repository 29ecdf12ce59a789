"""Property-based tests of the REST API against its own OpenAPI schema (schemathesis,
in-process): for any input, valid or not, no server error, every status, content type and
body as the schema documents them, and input outside the schema refused."""

from __future__ import annotations

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode, checks

CHECKS = [checks.not_a_server_error, checks.status_code_conformance,
          checks.content_type_conformance, checks.response_schema_conformance,
          checks.response_headers_conformance, checks.negative_data_rejection]
EXAMPLES = 50  # per operation and mode
LABELS = ["GET /api/v1/goals", "GET /api/v1/status", "POST /api/v1/goals",
          # web-track: check-ins, time logs, wins and reviews
          "GET /api/v1/checkins", "POST /api/v1/checkins", "GET /api/v1/logs",
          "POST /api/v1/logs", "GET /api/v1/wins", "POST /api/v1/wins", "GET /api/v1/reviews",
          "GET /api/v1/reviews/{review_id}", "POST /api/v1/reviews",
          # web-explore: search, occupations, matches, gaps
          "GET /api/v1/explore/match", "GET /api/v1/explore/occupations/{code}",
          "GET /api/v1/explore/occupations/{code}/gap", "GET /api/v1/explore/search",
          # web-support: network, library, guide and templates
          "GET /api/v1/contacts", "POST /api/v1/contacts", "GET /api/v1/contacts/{contact_id}",
          "POST /api/v1/contacts/{contact_id}/interactions", "GET /api/v1/followups",
          "PATCH /api/v1/contacts/{contact_id}",
          "POST /api/v1/contacts/{contact_id}/feedback-requests",
          "POST /api/v1/feedback-requests/{request_id}/feedback",
          "GET /api/v1/resources", "POST /api/v1/resources", "GET /api/v1/resources/suggestions",
          "GET /api/v1/resources/{resource_id}", "POST /api/v1/resources/{resource_id}/start",
          "POST /api/v1/resources/{resource_id}/done", "GET /api/v1/guidance",
          "GET /api/v1/templates", "POST /api/v1/templates/{name}",
          # web-goals: goals and tasks
          "DELETE /api/v1/goals/{goal_id}", "GET /api/v1/goals/{goal_id}",
          "GET /api/v1/goals/{goal_id}/history", "GET /api/v1/tasks",
          "GET /api/v1/tasks/{task_id}", "PATCH /api/v1/goals/{goal_id}",
          "PATCH /api/v1/tasks/{task_id}", "POST /api/v1/goals/{goal_id}/progress",
          "POST /api/v1/tasks", "POST /api/v1/tasks/{task_id}/done",
          # web-plan: the week plan, budgets, areas
          "GET /api/v1/areas", "GET /api/v1/budgets", "GET /api/v1/plan/week",
          "POST /api/v1/plan/accept", "POST /api/v1/plan/move"]


@pytest.fixture
def api_schema(web_app: FastAPI):
    """The API's schema, loaded from the app, for a person with a profile and one goal."""
    with TestClient(web_app) as client:
        client.post("/onboarding", data={"name": "Prop Tester", "life_stage": "exploring",
                                         "contract_hours": "20"})
        client.post("/api/v1/goals", json={"title": "A goal to hang others on"})
        client.post("/api/v1/tasks", json={"title": "A task to change", "goal_id": 1})
    return schemathesis.openapi.from_asgi("/api/openapi.json", web_app)


def operations(schema) -> list:
    return [result.ok() for result in schema.get_all_operations()]


def test_the_schema_lists_every_endpoint(api_schema):
    labels = sorted(op.label for op in operations(api_schema))
    assert labels == sorted(LABELS)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_the_api_keeps_its_schema_for_any_input(api_schema, mode):
    tried: list[str] = []
    for operation in operations(api_schema):
        takes_input = bool(list(operation.iter_parameters())) or bool(
            operation.get_request_payload_content_types())
        if mode is GenerationMode.NEGATIVE and not takes_input:
            tried.append(operation.label)  # nothing to get wrong: covered by POSITIVE
            continue

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def call(case) -> None:
            case.call_and_validate(checks=CHECKS)
            tried.append(case.operation.label)

        call()
    assert len(set(tried)) == len(LABELS)  # every operation was called
