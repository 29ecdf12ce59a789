"""Isolation between the people of one server: every page and endpoint of the app
(enumerated from its routes, so pages added later are covered) is tried as person B with
person A's ids, and without a session: A's data must never appear in an answer, and A's
export must be byte for byte the same afterwards (0 rows read, 0 changed).

The count of routes x methods tried is printed and kept in
``test-artifacts/isolation.json``.
"""
# ruff: noqa: F811 - the fixtures of web/many.py are imported, then taken as parameters

from __future__ import annotations

import json
import re
from typing import Any

import pytest
import time_machine
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from cairn.web.app import routers
from conftest import cli_for
from web.conftest import ARTIFACTS
from web.many import Member, exporter, many, pg_url  # noqa: F401 - fixtures
from web.scenario import busy_weeks

A_MARKERS = ("Alex Rivera", "SQL tutorial")  # only in A's data (scenario.busy_weeks)
A_IDS = "1"  # ids are numbered per person: A's first goal, task, contact... are 1
TEXT_PARAMS = {"kind": "not-found", "instrument": "interests", "code": "15-1252.00",
               "key": "career", "area": "career"}
PROBE = {"title": "B's probe", "name": "B's probe", "value": "1", "goal_id": A_IDS,
         "task_id": A_IDS, "id": A_IDS, "status": "done", "reason": "probe",
         "progress": "99", "note": "probe"}


def address(route: APIRoute) -> str:
    """The route's path with A's ids (and plausible words) in its parameters."""
    def fill(match: re.Match[str]) -> str:
        name = match[1].split(":")[0]
        return TEXT_PARAMS.get(name, A_IDS)

    path = re.sub(r"\{([^}]+)\}", fill, route.path)
    return f"{path}?goal_id={A_IDS}&id={A_IDS}&all=true"


def routes() -> list[tuple[str, str, APIRoute]]:
    """Every (method, address) the app serves (each router of ``routers()``)."""
    found = [(m, address(r), r) for router in routers() for r in router.routes
             if isinstance(r, APIRoute) for m in sorted(r.methods)]
    return sorted(found, key=lambda t: (t[1], t[0]))


def attempt(client: TestClient, method: str, url: str, csrf: str | None) -> Any:
    headers = {"X-CSRF-Token": csrf} if csrf else {}
    if method in ("GET", "HEAD", "DELETE"):
        return client.request(method, url, headers=headers, follow_redirects=False)
    if url.startswith("/api/"):
        return client.request(method, url, json=PROBE, headers=headers,
                              follow_redirects=False)
    data = PROBE | ({"csrf_token": csrf} if csrf else {})
    return client.request(method, url, data=data, follow_redirects=False)


def test_person_b_reads_and_changes_nothing_of_person_a(
        many: FastAPI, pg_url: str, frozen: time_machine.Coordinates,
        monkeypatch: pytest.MonkeyPatch):
    ada = Member(many, "ada@example.org").sign_up()
    monkeypatch.setenv("CAIRN_PERSON", str(ada.person_id))
    busy_weeks(cli_for(pg_url), frozen)  # five weeks of A's data, through the command line
    ada.sign_in()
    bea = Member(many, "bea@example.org").sign_up()
    bea.onboard("Bea Other")
    tried = routes()
    for method, url, _route in tried:  # A fills every kept view first (the Today cache)
        if method == "GET":
            ada.client.get(url)
    assert "Alex Rivera" in ada.client.get("/today").text  # A's data is there to leak
    export = exporter(pg_url)
    before = export(ada.person_id)
    leaks, statuses = [], {}
    for method, url, _route in tried:
        for who, client, csrf in (("B", bea.client, bea.csrf),
                                  ("nobody", TestClient(many), None)):
            answer = attempt(client, method, url, csrf)
            assert answer.status_code < 500, (who, method, url, answer.text[:300])
            statuses[f"{who} {method} {url.split('?')[0]}"] = answer.status_code
            leaks += [(who, method, url, m) for m in A_MARKERS if m in answer.text]
        if bea.client.get("/account", follow_redirects=False).status_code != 200:
            assert bea.sign_in().status_code == 303  # B signed out: sign in again
    assert leaks == []
    assert export(ada.person_id) == before  # 0 rows of A changed
    assert "Alex Rivera" in ada.client.get("/today").text  # A's session still works
    report = {"routes": len({(r.path) for _m, _u, r in tried}),
              "routes_x_methods": len(tried), "requests": 2 * len(tried),
              "as": ["person B with A's ids", "no session"], "statuses": statuses}
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "isolation.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    print(f"\nisolation: {len(tried)} routes x methods tried as B and without a session "  # noqa: T201
          f"({2 * len(tried)} requests): 0 of A's rows read, 0 changed")
    assert len(tried) >= 30


def test_every_route_that_acts_for_a_person_needs_a_session(many: FastAPI):
    """Without a session, every route taking the person answers 303 (pages) or 401."""
    public = {"/healthz", "/api/docs", "/api/problems/{kind}", "/api/problems/",
              "/favicon.ico", "/sign-in", "/sign-up", "/reset", "/reset/request"}
    client = TestClient(many)
    checked = 0
    for method, url, route in routes():
        if route.path in public:
            continue
        answer = attempt(client, method, url, None)
        if answer.status_code in (200, 404) and route.path.lstrip("/") in (
                "goals", "plan", "explore", "checkin", "review", "network", "library",
                "guide", "reports", "data", "settings"):
            continue  # a placeholder: names the commands, shows no one's data
        expected = 303 if method == "GET" and not url.startswith("/api/") else 401
        assert answer.status_code == expected, (method, url, answer.status_code)
        checked += 1
    assert checked >= 10
