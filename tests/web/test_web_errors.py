"""Errors, translated once: a Cairn error is a page (its hint's action a link) or problem
details under /api/; the framework's own errors the same; a bug a 500 without internals;
the guard refuses foreign hosts and cross-site writes."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from cairn.core.actions import Action
from cairn.core.errors import ERROR_KINDS, CairnError, InvalidInput, NotReady
from cairn.web.app import create_app
from cairn.web.settings import WebSettings


def raising(err: Exception):
    def route() -> None:
        raise err

    return route


@pytest.fixture
def failing(web_app: FastAPI) -> TestClient:
    """The app with routes that fail on purpose, as a page and as an API endpoint."""
    err = NotReady("There is no plan yet.", "Make one with {action}, then come back.",
                   Action.to("init"))
    web_app.add_api_route("/broken", raising(err))
    web_app.add_api_route("/api/v1/broken", raising(err))
    web_app.add_api_route("/field", raising(InvalidInput("Too long.", "Shorten it.",
                                                         field="title")))
    web_app.add_api_route("/api/v1/field", raising(InvalidInput("Too long.", "Shorten it.",
                                                                field="title")))
    web_app.add_api_route("/bug", raising(RuntimeError("secret internals")))
    web_app.add_api_route("/api/v1/bug", raising(RuntimeError("secret internals")))
    return TestClient(web_app, raise_server_exceptions=False)


def test_a_page_shows_the_error_and_links_its_action(failing: TestClient):
    page = failing.get("/broken")
    assert page.status_code == 409
    assert page.headers["content-type"].startswith("text/html")
    assert "There is no plan yet." in page.text
    assert 'Make one with <a href="/onboarding">the profile form</a>, then come back.' in page.text


def test_the_api_answers_with_problem_details(failing: TestClient):
    answer = failing.get("/api/v1/broken")
    assert answer.status_code == 409
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json() == {
        "type": "/api/problems/not-ready", "title": "A step that this one needs has not been "
        "done yet.", "status": 409, "detail": "There is no plan yet.",
        "hint": "Make one with `cairn init`, then come back.",
        "action": {"verb": "init", "params": {}}, "errors": []}


def test_an_error_about_a_field_names_it(failing: TestClient):
    assert failing.get("/api/v1/field").json()["errors"] == [
        {"field": "title", "message": "Too long."}]
    assert failing.get("/field").status_code == 422


@pytest.mark.parametrize("kind", ERROR_KINDS)
def test_every_kind_of_error_has_its_status(web_app: FastAPI, kind: type[CairnError]):
    web_app.add_api_route("/api/v1/kind", raising(kind("It failed.", "Do this.")))
    web_app.add_api_route("/kind", raising(kind("It failed.", "Do this.")))
    client = TestClient(web_app, raise_server_exceptions=False)
    answer = client.get("/api/v1/kind")
    assert answer.status_code == kind.http_status
    assert answer.json()["detail"] == "It failed."
    assert client.get(answer.json()["type"]).status_code == 200  # the type is documented
    page = client.get("/kind")
    assert page.status_code == kind.http_status and "Do this." in page.text


def test_a_bug_is_a_500_that_shows_no_internals(failing: TestClient):
    for address in ("/bug", "/api/v1/bug"):
        answer = failing.get(address)
        assert answer.status_code == 500
        assert "secret internals" not in answer.text
        assert "Something went wrong inside Cairn." in answer.text


def test_unknown_addresses_and_methods(client: TestClient):
    page = client.get("/no/such/page")
    assert page.status_code == 404 and "There is nothing at this address." in page.text
    assert page.headers["content-type"].startswith("text/html")
    api = client.get("/api/v1/no-such-thing")
    assert api.status_code == 404 and api.json()["title"] == "There is nothing at this address."
    assert client.delete("/api/v1/goals").status_code == 405
    assert client.delete("/api/v1/goals").headers["content-type"] == "application/problem+json"
    assert client.put("/today").status_code == 405


@pytest.fixture
def guarded(db_url: str, frozen) -> TestClient:
    app = create_app(WebSettings(database_url=db_url, zone="UTC",
                                 allowed_hosts=("127.0.0.1:8765", "localhost:8765")))
    return TestClient(app, base_url="http://127.0.0.1:8765")


def test_the_guard_refuses_a_foreign_host(guarded: TestClient):
    assert guarded.get("/healthz").status_code == 200
    refused = guarded.get("/healthz", headers={"host": "attacker.example:8765"})
    assert refused.status_code == 400
    assert refused.headers["content-type"] == "application/problem+json"


def test_the_guard_refuses_a_write_from_another_site(guarded: TestClient, exported):
    before = exported()
    refused = guarded.post("/onboarding", headers={"origin": "https://attacker.example"},
                           data={"name": "Mallory", "life_stage": "exploring",
                                 "contract_hours": "0"})
    assert refused.status_code == 403
    assert exported() == before
    same = guarded.post("/onboarding", headers={"origin": "http://127.0.0.1:8765"},
                        data={"name": "Ada", "life_stage": "exploring", "contract_hours": "0"},
                        follow_redirects=False)
    assert same.status_code == 303


def test_every_response_carries_the_security_headers(client: TestClient):
    for address in ("/onboarding", "/api/v1/goals", "/static/css/cairn.css"):
        headers = client.get(address).headers
        assert "script-src 'self'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
    assert "'unsafe-inline'" in client.get("/api/docs").headers["content-security-policy"]
    for address in ("/onboarding", "/api/v1/goals"):  # a person's data stays out of caches
        assert client.get(address).headers["cache-control"] == "no-store"
    assert "cache-control" not in client.get("/static/css/cairn.css").headers
