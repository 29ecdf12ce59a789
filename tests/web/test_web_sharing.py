"""Sharing with a mentor on a server for many people, in-process on PostgreSQL: a person
shares chosen parts with another account, read-only or with comments; the mentor sees
only that; comments reach the owner; every view and comment is in the owner's audit
log; revoking takes effect on the mentor's next request; bad input writes nothing."""
# ruff: noqa: F811 - the fixtures of web/many.py are imported, then taken as parameters

from __future__ import annotations

import json
import re

from fastapi import FastAPI

from cairn.services import assess_pages
from cairn.services.app import Cairn
from cairn.store.db import Database
from web.many import Member, exporter, many, pg_url  # noqa: F401 - fixtures

SHARE = {"email": "sam@example.org", "part_goals": "on", "comments": "on"}


def people(app: FastAPI) -> tuple[Member, Member]:
    """Ada with two goals, and Sam, her mentor."""
    ada = Member(app, "ada@example.org").sign_up()
    ada.onboard("Ada")
    for title in ("Lead a team", "Finish the course"):
        made = ada.client.post("/api/v1/goals", json={"title": title},
                               headers={"X-CSRF-Token": ada.csrf})
        assert made.status_code == 201
    sam = Member(app, "sam@example.org").sign_up()
    sam.onboard("Sam")
    return ada, sam


def share_id(member: Member) -> int:
    found = re.search(r'href="/shared/(\d+)"', member.client.get("/shared").text)
    assert found, "nothing is shared with this account"
    return int(found[1])


def test_a_mentor_sees_what_is_shared_comments_and_the_owner_reads_the_audit(many: FastAPI):
    ada, sam = people(many)
    assert "Nobody shares with you yet" in sam.client.get("/shared").text
    assert ada.post("/sharing", SHARE).status_code == 303
    listed = sam.client.get("/shared").text
    assert "ada@example.org" in listed and "Goals and progress" in listed
    sid = share_id(sam)
    page = sam.client.get(f"/shared/{sid}").text
    assert "Lead a team" in page and "Finish the course" in page
    assert 'name="csrf_token"' in page  # the comment forms
    done = sam.post(f"/shared/{sid}/goals/1/comments", {"body": "Start with one report."})
    assert done.status_code == 303
    assert "Start with one report." in sam.client.get(f"/shared/{sid}").text
    own = ada.client.get("/sharing").text
    assert "Start with one report." in own and "sam@example.org" in own
    assert "viewed goals and progress" in own
    assert "commented on goal 1 (Lead a team)" in own


def test_revoking_takes_effect_on_the_next_request(many: FastAPI):
    ada, sam = people(many)
    ada.post("/sharing", SHARE)
    sid = share_id(sam)
    assert sam.client.get(f"/shared/{sid}").status_code == 200
    assert ada.post(f"/sharing/{sid}/revoke").status_code == 303
    assert sam.client.get(f"/shared/{sid}").status_code == 404
    late = sam.post(f"/shared/{sid}/goals/1/comments", {"body": "Too late."})
    assert late.status_code == 404
    assert "Nobody shares with you yet" in sam.client.get("/shared").text
    assert "revoked" in ada.client.get("/sharing").text
    assert ada.post(f"/sharing/{sid}/revoke").status_code == 404  # once


def test_read_only_and_parts_not_shared_are_refused_and_write_nothing(many: FastAPI,
                                                                      pg_url: str):
    ada, sam = people(many)
    ada.post("/sharing", {"email": "sam@example.org", "part_goals": "on"})  # read-only
    sid = share_id(sam)
    export = exporter(pg_url)
    before = export(ada.person_id)
    page = sam.client.get(f"/shared/{sid}").text
    assert "read-only" in page and "/comments" not in page
    refused = sam.post(f"/shared/{sid}/goals/1/comments", {"body": "Sneaky."})
    assert refused.status_code == 403
    ada.post(f"/sharing/{sid}/revoke")
    ada.post("/sharing", {"email": "sam@example.org", "part_plan": "on", "comments": "on"})
    only_plan = share_id(sam)
    page = sam.client.get(f"/shared/{only_plan}")
    assert page.status_code == 200 and "The week plan" in page.text
    assert "Lead a team" not in page.text and "/comments" not in page.text
    assert sam.post(f"/shared/{only_plan}/goals/1/comments",
                    {"body": "x"}).status_code == 403
    assert export(ada.person_id) == before  # no comment written


def test_bad_input_is_shown_and_writes_nothing(many: FastAPI, pg_url: str):
    ada, sam = people(many)
    for fields, says, status in (
            ({"email": "nobody@example.org", "part_goals": "on"}, "no account for", 422),
            ({"email": "ada@example.org", "part_goals": "on"}, "your own account", 422),
            ({"email": "sam@example.org"}, "at least one part", 422)):
        shown = ada.post("/sharing", fields)
        assert shown.status_code == status and says in shown.text, fields
    assert "You share nothing." in ada.client.get("/sharing").text
    ada.post("/sharing", SHARE)
    assert ada.post("/sharing", SHARE).status_code == 409
    sid = share_id(sam)
    export = exporter(pg_url)
    before = export(ada.person_id)
    for body, status in (("   ", 422), ("x" * 2001, 422)):
        assert sam.post(f"/shared/{sid}/goals/1/comments", {"body": body}).status_code \
            == status
    assert sam.post(f"/shared/{sid}/goals/99/comments", {"body": "Hi"}).status_code == 404
    assert sam.client.get("/shared/0").status_code == 422
    assert sam.client.get("/shared/abc").status_code == 422
    assert export(ada.person_id) == before


def test_nobody_else_sees_a_share(many: FastAPI):
    ada, sam = people(many)
    ada.post("/sharing", SHARE)
    sid = share_id(sam)
    eve = Member(many, "eve@example.org").sign_up()
    assert eve.client.get(f"/shared/{sid}").status_code == 404
    assert eve.post(f"/shared/{sid}/goals/1/comments", {"body": "Hi"}).status_code == 404
    assert eve.post(f"/sharing/{sid}/revoke").status_code == 404
    assert sam.post(f"/sharing/{sid}/revoke").status_code == 404  # only the owner revokes
    assert sam.client.get(f"/shared/{sid}").status_code == 200


def test_sharing_is_for_a_server_of_many_people_only(member):
    assert member.get("/sharing").status_code == 404
    assert member.get("/shared").status_code == 404


def test_comments_show_in_cairn_goal_show(many: FastAPI, pg_url: str,
                                          monkeypatch):
    from conftest import cli_for

    ada, sam = people(many)
    ada.post("/sharing", SHARE)
    sam.post(f"/shared/{share_id(sam)}/goals/1/comments", {"body": "Start with one report."})
    monkeypatch.setenv("CAIRN_PERSON", str(ada.person_id))
    cli = cli_for(pg_url)
    shown = cli("goal", "show", "1")
    assert shown.exit_code == 0
    assert "comment by sam@example.org (2026-11-23): Start with one report." in shown.stdout
    doc = json.loads(cli("goal", "show", "1", "--json").stdout)
    assert [(n["author"], n["body"]) for n in doc["comments"]] == [
        ("sam@example.org", "Start with one report.")]


def test_a_mentor_suggests_goals_the_person_accepts_or_declines(many: FastAPI, pg_url: str):
    ada, sam = people(many)
    ada.post("/sharing", SHARE)
    sid = share_id(sam)
    assert "Suggest a goal" in sam.client.get(f"/shared/{sid}").text
    for title in ("Mentor a junior", "Learn Rust"):
        assert sam.post(f"/shared/{sid}/suggestions",
                        {"title": title, "why": "Growth"}).status_code == 303
    export = exporter(pg_url)
    before = export(ada.person_id)
    assert sam.post(f"/shared/{sid}/suggestions", {"title": "  "}).status_code == 422
    assert export(ada.person_id) == before  # a bad suggestion writes nothing
    own = ada.client.get("/sharing").text
    assert "Mentor a junior" in own and "suggested by sam@example.org" in own
    assert "suggested the goal &#39;Learn Rust&#39;" in own  # in the audit log
    ids = [int(i) for i in re.findall(r"/sharing/suggestions/(\d+)/accept", own)]
    learn_rust, mentor_junior = ids  # newest first
    assert ada.post(f"/sharing/suggestions/{mentor_junior}/accept").status_code == 303
    assert ada.post(f"/sharing/suggestions/{learn_rust}/decline").status_code == 303
    goals = ada.client.get("/api/v1/goals").json()
    assert [(g["title"], g["horizon"], g["why"]) for g in goals if g["id"] == 3] == [
        ("Mentor a junior", "short-term", "Growth")]
    assert all(g["title"] != "Learn Rust" for g in goals)
    shown = ada.client.get("/sharing").text
    assert "(accepted: goal 3)" in shown and "(declined)" in shown
    assert ada.post(f"/sharing/suggestions/{mentor_junior}/accept").status_code == 404  # once
    assert sam.post(f"/sharing/suggestions/{learn_rust}/accept").status_code == 404  # hers
    ada.post(f"/sharing/{sid}/revoke")
    ada.post("/sharing", {"email": "sam@example.org", "part_goals": "on"})  # read-only
    ro = share_id(sam)
    assert sam.post(f"/shared/{ro}/suggestions", {"title": "More"}).status_code == 403


def test_a_mentor_sees_each_part_shared_and_nothing_else(many: FastAPI, pg_url: str):
    ada, sam = people(many)
    token = {"X-CSRF-Token": ada.csrf}
    done = ada.client.post("/api/v1/checkins", headers=token, json={
        "energy": 2, "stress": 4, "satisfaction": {"career": 3}, "note": "Tired after the move"})
    assert done.status_code == 201, done.text
    done = ada.client.post("/api/v1/reviews", headers=token, json={
        "kind": "weekly", "notes": "A calm week, finally",
        "decisions": [{"action": "priority", "goal_id": 2, "value": "high", "reason": "first"}]})
    assert done.status_code == 201, done.text
    ada_cairn = Cairn.for_person(Database(pg_url, migrate=False), ada.person_id)
    values = assess_pages.stepped(ada_cairn, "values")
    for item in values.items:
        assess_pages.answer_step(ada_cairn, "values", item.id, values.high)
    ada_cairn.planning.rules.configure(timezone="UTC")
    ada_cairn.planning.rules.add_windows("daily", "18:00-20:00")
    ada_cairn.tasks.add("Draft the team charter", 2)
    ada_cairn.planning.plan(1, use_solver=False)
    ada_cairn.planning.accept()

    parts = {"plan": "Draft the team charter", "checkins": "career 3",
             "assessments": values.title, "reviews": "A calm week, finally",
             "goals": "Lead a team"}
    for shared in parts:
        ada.post("/sharing", {"email": "sam@example.org", f"part_{shared}": "on"})
        page = sam.client.get(f"/shared/{share_id(sam)}")
        assert page.status_code == 200
        for part, sign in parts.items():
            assert (sign in page.text) == (part == shared), (shared, part)
        for sid in re.findall(r'action="/sharing/(\d+)/revoke"', ada.client.get("/sharing").text):
            ada.post(f"/sharing/{sid}/revoke")
    audit = ada.client.get("/sharing").text
    for what in ("viewed the week plan", "viewed check-ins and well-being",
                 "viewed assessments", "viewed reviews"):
        assert what in audit
    ada.post("/sharing", {"email": "sam@example.org", **{f"part_{p}": "on" for p in parts}})
    page = sam.client.get(f"/shared/{share_id(sam)}").text
    assert all(sign in page for sign in parts.values())
    assert "Tired after the move" not in page  # a check-in's note stays the person's own
    seen = ("viewed goals and progress, the week plan, check-ins and well-being, "
            "assessments, reviews")
    assert seen in ada.client.get("/sharing").text
