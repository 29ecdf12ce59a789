"""Network, Library and Guide in-process: every route with good and bad input (nothing
written on bad input), and the API's contacts, follow-ups, resources, guidance and
templates compared with the command line's ``--json``."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from fastapi.testclient import TestClient

from cairn.core.actions import Action
from cairn.web.links import href
from web.scenario import ok


def field_error(html: str, name: str) -> str:
    """The error shown beside a field (empty when there is none)."""
    found = re.search(rf'<p class="error" id="{name}-error">(.*?)</p>', html, re.DOTALL)
    return found[1] if found else ""


def post(client: TestClient, path: str, data: dict[str, str] | None = None) -> str:
    """POST a form that must succeed (303); returns where it leads."""
    done = client.post(path, data=data or {}, follow_redirects=False)
    assert done.status_code == 303, done.text
    return str(done.headers["location"])


def add_goal(client: TestClient, title: str = "Become a tech lead") -> int:
    added = client.post("/api/v1/goals", json={"title": title})
    assert added.status_code == 201
    return int(added.json()["id"])


SAM = {"name": "Sam Lee", "kind": "mentor", "helps_with": "career moves",
       "reach": "sam@example.org", "every": "2"}


# -- Network ------------------------------------------------------------------------------


def test_a_contact_is_added_shown_edited_and_archived(member: TestClient, cli):
    assert post(member, "/network/contacts", SAM) == "/network/contacts/1"
    shown = member.get("/network/contacts/1").text
    assert "Sam Lee" in shown and "career moves" in shown and "every 2 weeks" in shown
    edit = member.get("/network/contacts/1/edit").text
    assert 'value="sam@example.org"' in edit and 'value="2"' in edit
    assert post(member, "/network/contacts/1/edit",
                {**SAM, "name": "Sam Lee-Park", "kind": "coach", "every": ""}
                ) == "/network/contacts/1"
    listed = json.loads(ok(cli, "contact", "list", "--json"))
    assert [(x["name"], x["kind"], x["cadence_weeks"]) for x in listed] == [
        ("Sam Lee-Park", "coach", None)]
    assert post(member, "/network/contacts/1/archive") == "/network"
    assert "Sam Lee-Park" not in member.get("/network").text
    assert "Show 1 archived contact" in member.get("/network").text
    assert "archived" in member.get("/network?all=1").text
    assert post(member, "/network/contacts/1/archive", {"restore": "1"}) == "/network/contacts/1"
    assert json.loads(ok(cli, "contact", "list", "--json"))[0]["archived"] is False


def test_the_new_contact_form_is_filled_in_from_the_address(member: TestClient):
    page = member.get("/network/contacts/new", params={"kind": "mentor", "every": "4"}).text
    assert re.search(r'value="mentor" checked', page)
    assert 'name="every" type="number" value="4"' in page


@pytest.mark.parametrize(("fields", "field", "says"), [
    ({**SAM, "name": ""}, "name", "The name is empty."),
    ({**SAM, "name": "x" * 201}, "name", "at most 200"),
    ({**SAM, "kind": "friend"}, "kind", "is not a contact kind"),
    ({**SAM, "every": "200"}, "every", "outside 1-104"),
    ({**SAM, "every": "two"}, "every", "as a whole number"),
    ({**SAM, "reach": "a\x07b"}, "reach", "control character"),
])
def test_a_bad_contact_is_shown_again_beside_its_field_and_writes_nothing(
        member: TestClient, exported, fields, field, says):
    before = exported()
    answer = member.post("/network/contacts", data=fields)
    assert answer.status_code == 422
    assert says in field_error(answer.text, field)
    assert f'value="{fields["name"][:20]}' in answer.text  # the values as typed
    assert exported() == before
    post(member, "/network/contacts", SAM)
    before = exported()
    assert member.post("/network/contacts/1/edit", data=fields).status_code == 422
    assert exported() == before


def test_a_follow_up_is_due_and_marked_done(member: TestClient, frozen, cli):
    post(member, "/network/contacts", SAM)
    assert "No follow-up is due" not in member.get("/network").text  # due within 2 weeks
    frozen.shift(dt.timedelta(days=16))
    page = member.get("/network").text
    assert "due Mon 7 Dec 2026, 2 days ago" in page
    assert post(member, "/network/contacts/1/log",
                {"note": "Coffee", "back": "network"}) == "/network"
    assert "due Wed 23 Dec 2026, in 14 days" in member.get("/network").text  # the clock restarted
    shown = json.loads(ok(cli, "contact", "show", "1", "--json"))
    assert [i["note"] for i in shown["interactions"]] == ["Coffee"]
    assert post(member, "/network/contacts/1/log", {"note": ""}) == "/network/contacts/1"
    assert "(no note)" in member.get("/network/contacts/1").text


def test_today_links_a_due_follow_up_to_the_contact(member: TestClient, frozen):
    post(member, "/network/contacts", SAM)
    frozen.shift(dt.timedelta(days=15))
    assert '<a href="/network/contacts/1">log the follow-up</a>' in member.get("/today").text


def test_feedback_is_asked_for_and_recorded(member: TestClient, cli):
    goal = add_goal(member)
    post(member, "/network/contacts", SAM)
    form = member.get("/network/ask", params={"contact_id": "1", "question": "How?"}).text
    assert '<option value="1" selected>Sam Lee</option>' in form
    assert post(member, "/network/ask", {"contact_id": "1", "goal_id": str(goal),
                                         "question": "What should I do more of?"}
                ) == "/network/contacts/1"
    assert "Waiting for an answer" in member.get("/network").text
    assert post(member, "/network/requests/1/feedback",
                {"feedback_1": "Lead the design review"}) == "/network/contacts/1"
    page = member.get("/network").text
    assert "Answered" in page and "Lead the design review" in page
    asked = json.loads(ok(cli, "contact", "show", "1", "--json"))["feedback_requests"]
    assert [(r["goal_id"], r["feedback"]) for r in asked] == [(goal, "Lead the design review")]
    again = member.post("/network/requests/1/feedback", data={"feedback_1": "More"})
    assert again.status_code == 409  # already answered: a conflict, said on a page


def test_bad_feedback_requests_write_nothing(member: TestClient, exported):
    goal = add_goal(member)
    post(member, "/network/contacts", SAM)
    before = exported()
    empty = member.post("/network/ask", data={"contact_id": "", "goal_id": "", "question": ""})
    assert empty.status_code == 422
    assert "Choose the contact." in field_error(empty.text, "contact_id")
    assert "Choose the goal." in field_error(empty.text, "goal_id")
    assert "The question is empty." in field_error(empty.text, "question")
    gone = member.post("/network/ask", data={"contact_id": "9", "goal_id": str(goal),
                                             "question": "How?"})
    assert gone.status_code == 422 and "There is no contact #9." in gone.text
    huge = member.post("/network/ask", data={"contact_id": str(2**64), "goal_id": "-1",
                                             "question": "How?"})
    assert huge.status_code == 422
    assert "as a whole number" in field_error(huge.text, "contact_id")
    assert "as a whole number" in field_error(huge.text, "goal_id")
    assert exported() == before
    post(member, "/network/ask", {"contact_id": "1", "goal_id": str(goal), "question": "Q"})
    before = exported()
    blank = member.post("/network/requests/1/feedback", data={"feedback_1": "  "})
    assert blank.status_code == 422
    assert "The feedback is empty." in field_error(blank.text, "feedback_1")
    assert exported() == before


def test_the_ask_form_says_what_is_missing_first(member: TestClient):
    page = member.get("/network/ask").text
    assert "You need a contact" in page and "an open goal" in page


@pytest.mark.parametrize(("method", "path"), [
    ("get", "/network/contacts/9"), ("get", "/network/contacts/9/edit"),
    ("post", "/network/contacts/9/edit"), ("post", "/network/contacts/9/log"),
    ("post", "/network/contacts/9/archive"), ("post", "/network/requests/9/feedback")])
def test_a_missing_contact_or_request_is_a_404_page(member: TestClient, exported, method, path):
    before = exported()
    answer = getattr(member, method)(path, **({"data": SAM} if method == "post" else {}))
    assert answer.status_code == 404
    assert "text/html" in answer.headers["content-type"]
    assert exported() == before


@pytest.mark.parametrize("path", ["/network/contacts/0", "/network/contacts/99999999999",
                                  "/library/0", "/library/abc"])
def test_an_id_out_of_range_is_refused(member: TestClient, path):
    assert member.get(path).status_code == 422


def test_a_contact_needs_a_profile_first(client: TestClient, exported):
    before = exported()
    answer = client.post("/network/contacts", data=SAM)
    assert answer.status_code == 409
    assert exported() == before


# -- Library ------------------------------------------------------------------------------


def test_a_resource_is_added_started_and_finished(member: TestClient, cli):
    goal = add_goal(member)
    assert f'name="goal_{goal}"' in member.get("/library/new").text
    assert post(member, "/library", {
        "title": "Designing Data-Intensive Applications", "kind": "book",
        "url": "https://dataintensive.net", "skills": "2.B.3.e, 2.A.2.a",
        f"goal_{goal}": "1", "area_learning": "1"}) == "/library/1"
    page = member.get("/library/1").text
    assert '<a href="https://dataintensive.net"' in page and "Become a tech lead" in page
    assert "Learning" in page
    assert post(member, "/library/1/start") == "/library/1"
    assert json.loads(ok(cli, "resource", "show", "1", "--json"))["status"] == "in-progress"
    assert post(member, "/library/1/done", {"raise": "1"}) == "/library/1"
    shown = json.loads(ok(cli, "resource", "show", "1", "--json"))
    assert shown["status"] == "done" and shown["done_at"] is not None
    evidence = json.loads(ok(cli, "resource", "evidence", "--json"))
    assert sorted(e["skill_id"] for e in evidence) == ["2.A.2.a", "2.B.3.e"]
    library = member.get("/library").text
    assert "Skill evidence" in library and "2.B.3.e" in library
    # Without the catalog the self-ratings cannot go up: the page says why.
    assert "catalog is not installed" in member.get("/library/1").text


def test_the_library_is_filtered(member: TestClient):
    post(member, "/library", {"title": "SICP", "kind": "book"})
    post(member, "/library", {"title": "Go course", "kind": "course"})
    post(member, "/library/2/start")
    assert "Go course" in member.get("/library?status=in-progress").text
    assert "SICP" not in member.get("/library?status=in-progress").text
    assert "Nothing matches" in member.get("/library?kind=tool").text
    assert member.get("/library?kind=spoon").status_code == 422


@pytest.mark.parametrize(("fields", "field", "says"), [
    ({"title": "", "kind": "book"}, "title", "The title is empty."),
    ({"title": "SICP", "kind": "scroll"}, "kind", "is not a resource kind"),
    ({"title": "SICP", "kind": "book", "skills": "programming"}, "skills",
     "Not O*NET element ids: programming."),
    ({"title": "SICP", "kind": "book", "url": "\x1b[2J"}, "url", "control character"),
])
def test_a_bad_resource_is_shown_again_and_writes_nothing(member: TestClient, exported,
                                                          fields, field, says):
    before = exported()
    answer = member.post("/library", data=fields)
    assert answer.status_code == 422
    assert says in field_error(answer.text, field)
    assert exported() == before


@pytest.mark.parametrize(("method", "path"), [
    ("get", "/library/9"), ("post", "/library/9/start"), ("post", "/library/9/done"),
    ("post", "/library/9/raise")])
def test_a_missing_resource_is_a_404_page(member: TestClient, exported, method, path):
    before = exported()
    assert getattr(member, method)(path).status_code == 404
    assert exported() == before


def test_raising_an_unfinished_resource_is_refused(member: TestClient, exported):
    post(member, "/library", {"title": "SICP", "kind": "book", "skills": "2.B.3.e"})
    before = exported()
    assert member.post("/library/1/raise").status_code == 422
    assert exported() == before


def test_the_suggestions_name_what_would_help(member: TestClient):
    page = member.get("/library").text
    assert "Find a mentor or a community" in page  # nobody in the network yet
    assert 'href="/library/new?kind=' in page


# -- Guide --------------------------------------------------------------------------------


def test_advice_links_to_the_page_that_carries_it_out(member: TestClient, cli):
    page = member.get("/guide").text
    advice = json.loads(ok(cli, "guide", "--json"))
    assert advice and all(a["title"] in page for a in advice)
    # mid-career: ask a contact for feedback; an empty network: add a peer.
    assert '<a href="/network/ask?question=What+should+I+do+more+of%3F">' in page
    assert '<a href="/network/contacts/new?kind=peer&amp;every=4">' in page
    everything = member.get("/guide?all=1").text
    assert '<a href="/guide/templates/side-income">' in everything
    assert "<code>cairn goal pause GOAL_ID --reason" in everything  # no page yet: the command


def test_every_advice_action_leads_to_a_served_page(member: TestClient):
    for a in member.get("/api/v1/guidance", params={"all": "true"}).json():
        address = href(Action.to(a["action"]["verb"], **a["action"]["params"]))
        if address is not None:
            assert member.get(address).status_code == 200, address


def test_a_template_is_previewed_and_applied(member: TestClient, cli):
    listed = member.get("/guide").text
    assert '<a href="/guide/templates/explore-field">' in listed
    preview = member.get("/guide/templates/return-after-break",
                         params={"start": "2026-12-01", "hours_per_week": "4"})
    assert preview.status_code == 200
    assert "From Tue 1 Dec 2026 at 4 h a week" in preview.text
    before = json.loads(ok(cli, "goal", "list", "--json"))
    where = post(member, "/guide/templates/return-after-break",
                 {"start": "2026-12-01", "hours_per_week": "4"})
    goals = json.loads(ok(cli, "goal", "list", "--json"))
    made = [g for g in goals if g not in before]
    assert made and where == "/guide/made?" + "&".join(f"goal={g['id']}" for g in made)
    page = member.get(where).text
    assert all(g["title"] in page for g in made)
    tree = json.loads(ok(cli, "goal", "tree", "--json"))
    assert tree  # milestones and tasks came with the goals


@pytest.mark.parametrize(("fields", "field", "says"), [
    ({"start": "2027-13-01"}, "start", "2027-13-01"),
    ({"start": "someday"}, "start", "someday"),
    ({"hours_per_week": "lots"}, "hours_per_week", "as a number"),
    ({"subject": "a\x00b"}, "subject", "control character"),
])
def test_a_bad_template_choice_is_shown_again_and_writes_nothing(member: TestClient, exported,
                                                                 fields, field, says):
    before = exported()
    for answer in (member.post("/guide/templates/explore-field", data=fields),
                   member.get("/guide/templates/explore-field", params=fields)):
        assert answer.status_code == 422
        assert says in field_error(answer.text, field)
        assert "What it will create" not in answer.text
    assert exported() == before


def test_a_pace_out_of_range_is_refused_above_the_form(member: TestClient, exported):
    before = exported()
    answer = member.post("/guide/templates/explore-field", data={"hours_per_week": "-3"})
    assert answer.status_code == 422
    assert 'class="form-problem"' in answer.text
    assert exported() == before


def test_an_unknown_template_is_a_404(member: TestClient, exported):
    before = exported()
    assert member.get("/guide/templates/nope").status_code == 404
    assert member.post("/guide/templates/nope", data={}).status_code == 404
    assert exported() == before


@pytest.mark.parametrize(("query", "status"), [
    ("", 422), ("?goal=x", 422), ("?goal=0", 422), (f"?goal={2**40}", 422), ("?goal=7", 404)])
def test_the_goals_made_page_refuses_bad_ids(member: TestClient, query, status):
    assert member.get("/guide/made" + query).status_code == status


@pytest.mark.parametrize("path", ["/guide", "/library"])
def test_guide_and_library_before_a_profile_start_onboarding(client: TestClient, path):
    sent = client.get(path, follow_redirects=False)
    assert sent.status_code == 303 and sent.headers["location"] == "/onboarding"


def test_the_network_before_a_profile_is_empty(client: TestClient):
    assert "Nobody yet." in client.get("/network").text


# -- the API against the command line ---------------------------------------------------


def test_the_api_reads_what_the_command_line_shows(member: TestClient, cli, frozen):
    goal = add_goal(member)
    ok(cli, "contact", "add", "Sam Lee", "--kind", "mentor", "--every", "1", "--helps", "moves")
    ok(cli, "contact", "add", "Rust meetup", "--kind", "community")
    ok(cli, "contact", "add", "Old friend", "--kind", "peer", "--every", "3")
    ok(cli, "contact", "archive", "3")
    ok(cli, "contact", "ask", "1", str(goal), "What should I do more of?")
    ok(cli, "contact", "feedback", "1", "Lead more")
    ok(cli, "resource", "add", "SICP", "--kind", "book", "--skill", "2.B.3.e", "--goal",
       str(goal), "--area", "learning")
    ok(cli, "resource", "add", "Go course", "--kind", "course")
    ok(cli, "resource", "start", "2")
    ok(cli, "resource", "done", "1", "--no-raise")
    frozen.shift(dt.timedelta(days=10))
    pairs = [
        ("/api/v1/contacts", ("contact", "list")),
        ("/api/v1/contacts?all=true", ("contact", "list", "--all")),
        ("/api/v1/contacts/1", ("contact", "show", "1")),
        ("/api/v1/followups", ("contact", "due")),
        ("/api/v1/followups?within=30", ("contact", "due", "--within", "30")),
        ("/api/v1/resources", ("resource", "list")),
        ("/api/v1/resources?status=done", ("resource", "list", "--status", "done")),
        ("/api/v1/resources?kind=course", ("resource", "list", "--kind", "course")),
        ("/api/v1/resources/1", ("resource", "show", "1")),
        ("/api/v1/resources/suggestions", ("resource", "suggest")),
        ("/api/v1/guidance", ("guide",)),
        ("/api/v1/guidance?all=true", ("guide", "--all")),
        ("/api/v1/templates", ("template", "list")),
    ]
    for address, command in pairs:
        by_api = member.get(address)
        assert by_api.status_code == 200, (address, by_api.text)
        assert by_api.json() == json.loads(ok(cli, *command, "--json")), address
    assert len(member.get("/api/v1/followups").json()) == 1  # a scenario worth comparing
    assert member.get("/api/v1/contacts/1").json()["feedback_requests"][0]["feedback"] == (
        "Lead more")


def test_the_api_writes_what_the_command_line_then_shows(member: TestClient, cli):
    goal = add_goal(member)
    added = member.post("/api/v1/contacts", json={"name": "Sam Lee", "kind": "mentor",
                                                  "cadence_weeks": 4})
    assert added.status_code == 201
    assert added.json() == json.loads(ok(cli, "contact", "list", "--json"))[0]
    logged = member.post("/api/v1/contacts/1/interactions", json={"note": "Coffee"})
    assert logged.status_code == 201
    shown = json.loads(ok(cli, "contact", "show", "1", "--json"))
    assert shown["interactions"] == [logged.json()]
    resource = member.post("/api/v1/resources", json={
        "title": "SICP", "kind": "book", "skills": ["2.B.3.e"], "goal_ids": [goal],
        "areas": ["learning"]})
    assert resource.status_code == 201
    assert resource.json() == json.loads(ok(cli, "resource", "show", "1", "--json"))
    started = member.post("/api/v1/resources/1/start")
    assert started.json()["status"] == "in-progress"
    finished = member.post("/api/v1/resources/1/done", params={"raise": "true"})
    assert finished.status_code == 200
    assert finished.json() == json.loads(ok(cli, "resource", "show", "1", "--json"))
    assert finished.json()["status"] == "done"


@pytest.mark.parametrize(("method", "path", "body", "status"), [
    ("post", "/api/v1/contacts", {"name": ""}, 422),
    ("post", "/api/v1/contacts", {"name": "Sam", "kind": "friend"}, 422),
    ("post", "/api/v1/contacts", {"name": "Sam", "cadence_weeks": 105}, 422),
    ("post", "/api/v1/contacts", {"name": "Sam", "reach": "\x07"}, 422),
    ("post", "/api/v1/contacts", {"name": "Sam", "colour": "red"}, 422),
    ("post", "/api/v1/contacts/9/interactions", {"note": "hi"}, 404),
    ("post", "/api/v1/contacts/1/interactions", {"note": "\x1b[2J"}, 422),
    ("post", "/api/v1/resources", {"title": "SICP"}, 422),
    ("post", "/api/v1/resources", {"title": "SICP", "kind": "book", "skills": ["x"]}, 422),
    ("post", "/api/v1/resources", {"title": "SICP", "kind": "book", "goal_ids": [99]}, 404),
    ("post", "/api/v1/resources", {"title": "SICP", "kind": "book", "areas": ["nope"]}, 404),
    ("post", "/api/v1/resources", {"title": "SICP", "kind": "book", "note": "\x00"}, 422),
    ("post", "/api/v1/resources/9/start", None, 404),
    ("post", "/api/v1/resources/9/done", None, 404),
    ("get", "/api/v1/contacts/9", None, 404),
    ("get", "/api/v1/contacts/0", None, 422),
    ("get", "/api/v1/resources/9", None, 404),
    ("get", "/api/v1/resources?status=lost", None, 422),
    ("get", "/api/v1/followups?within=-1", None, 422),
    ("get", "/api/v1/followups?within=99999", None, 422),
    ("get", "/api/v1/guidance?all=perhaps", None, 422),
])
def test_bad_api_requests_are_problems_and_write_nothing(member: TestClient, exported, method,
                                                         path, body, status):
    member.post("/api/v1/contacts", json={"name": "Ana"})
    before = exported()
    answer = getattr(member, method)(path, **({"json": body} if body is not None else {}))
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    assert exported() == before


def test_the_api_before_a_profile_says_to_make_one(client: TestClient, exported):
    before = exported()
    for answer in (client.post("/api/v1/contacts", json={"name": "Sam"}),
                   client.post("/api/v1/resources", json={"title": "SICP", "kind": "book"}),
                   client.get("/api/v1/guidance")):
        assert answer.status_code == 409
        assert answer.json()["type"] == "/api/problems/not-ready"
    assert exported() == before


def test_finishing_a_resource_raises_its_skills_once(onet_person, onet_db, tmp_path):
    """With the catalog and a skills self-rating, finishing from the page raises the rating
    one step (kept as a new take), and only once per resource; unchecked, it waits for the
    'raise' button."""
    from cairn.web.app import create_app
    from cairn.web.settings import WebSettings

    cli = onet_person
    answers = tmp_path / "skills.toml"
    answers.write_text('"2.B.3.e" = 2\n"2.A.1.a" = 4\n')
    ok(cli, "assess", "skills", "--knowledge", "--answers", str(answers))
    with TestClient(create_app(WebSettings(database_url=onet_db, zone="UTC"))) as web:
        rid = post(web, "/library", {"title": "Go course", "kind": "course",
                                     "skills": "2.B.3.e"}).rsplit("/", 1)[1]
        assert "Programming (2.B.3.e)" in web.get(f"/library/{rid}").text
        post(web, f"/library/{rid}/done", {"raise": "1"})
        scores = json.loads(ok(cli, "assess", "history", "skills", "--json"))[-1]["scores"]
        assert scores["2.B.3.e"] == 3
        page = web.get(f"/library/{rid}").text
        assert "Programming: 3; already raised once" in page
        assert "Raise them one step" not in page
        other = post(web, "/library", {"title": "Go book", "kind": "book",
                                       "skills": "2.B.3.e"}).rsplit("/", 1)[1]
        post(web, f"/library/{other}/done")  # unchecked: nothing raised yet
        assert json.loads(ok(cli, "assess", "history", "skills", "--json"))[-1]["scores"][
            "2.B.3.e"] == 3
        assert "it can go one step up, to 4" in web.get(f"/library/{other}").text
        post(web, f"/library/{other}/raise")
        assert json.loads(ok(cli, "assess", "history", "skills", "--json"))[-1]["scores"][
            "2.B.3.e"] == 4


def test_a_bad_note_from_the_network_page_is_shown_there(member: TestClient, exported):
    post(member, "/network/contacts", SAM)
    before = exported()
    answer = member.post("/network/contacts/1/log", data={"note": "a\x07", "back": "network"})
    assert answer.status_code == 422
    assert "control character" in field_error(answer.text, "note-1")
    assert 'id="followups"' in answer.text  # the Network page, which htmx swaps from
    assert exported() == before
    answer = member.post("/network/contacts/1/log", data={"note": "a\x07"})
    assert answer.status_code == 422 and "control character" in field_error(answer.text, "note")
    assert exported() == before


def test_a_template_applied_through_the_api_is_what_the_command_line_lists(member: TestClient,
                                                                          cli):
    made = member.post("/api/v1/templates/return-after-break",
                       json={"start": "2026-12-01", "hours_per_week": 4, "subject": "nursing"})
    assert made.status_code == 201, made.text
    assert made.json() == json.loads(ok(cli, "goal", "list", "--json"))
    assert made.json()[0]["title"] == "Be back at work in nursing at a pace that fits my life"
    assert [g["parent_id"] for g in made.json()[1:]] == [made.json()[0]["id"]] * (
        len(made.json()) - 1)


@pytest.mark.parametrize(("name", "body", "status"), [
    ("nope", {}, 404),
    ("explore-field", {"hours_per_week": 0}, 422),
    ("explore-field", {"hours_per_week": 81}, 422),
    ("explore-field", {"start": "1800-01-01"}, 422),
    ("explore-field", {"start": "next week"}, 422),
    ("explore-field", {"subject": "a\x07b"}, 422),
    ("explore-field", {"subject": "x" * 190}, 422),  # its goal titles grow too long
    ("explore-field", {"colour": "red"}, 422),
])
def test_a_bad_template_use_is_a_problem_and_writes_nothing(member: TestClient, exported,
                                                            name, body, status):
    before = exported()
    answer = member.post(f"/api/v1/templates/{name}", json=body)
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    assert exported() == before


def test_contacts_are_changed_and_asked_through_the_api_as_the_command_line_shows(
        member: TestClient, cli):
    goal = add_goal(member)
    member.post("/api/v1/contacts", json={"name": "Sam Lee", "cadence_weeks": 4})
    changed = member.patch("/api/v1/contacts/1", json={"kind": "coach", "cadence_weeks": 0,
                                                       "reach": "sam@example.org"})
    assert changed.status_code == 200, changed.text
    assert changed.json() == json.loads(ok(cli, "contact", "list", "--json"))[0]
    assert (changed.json()["kind"], changed.json()["cadence_weeks"]) == ("coach", None)
    archived = member.patch("/api/v1/contacts/1", json={"archived": True})
    assert archived.json()["archived"] is True
    assert json.loads(ok(cli, "contact", "list", "--json")) == []
    asked = member.post("/api/v1/contacts/1/feedback-requests",
                        json={"goal_id": goal, "question": "What next?"})
    assert asked.status_code == 201
    shown = json.loads(ok(cli, "contact", "show", "1", "--json"))
    assert shown["feedback_requests"] == [asked.json()]
    given = member.post("/api/v1/feedback-requests/1/feedback", json={"feedback": "Lead"})
    assert given.status_code == 200
    shown = json.loads(ok(cli, "contact", "show", "1", "--json"))
    assert shown["feedback_requests"] == [given.json()]
    assert given.json()["feedback"] == "Lead"


@pytest.mark.parametrize(("method", "path", "body", "status"), [
    ("patch", "/api/v1/contacts/1", {"name": ""}, 422),
    ("patch", "/api/v1/contacts/1", {"kind": "friend"}, 422),
    ("patch", "/api/v1/contacts/1", {"cadence_weeks": -1}, 422),
    ("patch", "/api/v1/contacts/1", {"helps_with": "\x07"}, 422),
    ("patch", "/api/v1/contacts/9", {"name": "Sam"}, 404),
    ("post", "/api/v1/contacts/1/feedback-requests", {"goal_id": 99, "question": "Q"}, 404),
    ("post", "/api/v1/contacts/9/feedback-requests", {"goal_id": 1, "question": "Q"}, 404),
    ("post", "/api/v1/contacts/1/feedback-requests", {"goal_id": 1, "question": ""}, 422),
    ("post", "/api/v1/feedback-requests/1/feedback", {"feedback": " "}, 422),
    ("post", "/api/v1/feedback-requests/2/feedback", {"feedback": "More"}, 409),
    ("post", "/api/v1/feedback-requests/9/feedback", {"feedback": "More"}, 404),
])
def test_bad_contact_changes_are_problems_and_write_nothing(member: TestClient, exported,
                                                            method, path, body, status):
    goal = add_goal(member)
    member.post("/api/v1/contacts", json={"name": "Ana"})
    for _ in range(2):
        member.post("/api/v1/contacts/1/feedback-requests",
                    json={"goal_id": goal, "question": "Q"})
    member.post("/api/v1/feedback-requests/2/feedback", json={"feedback": "Done"})
    before = exported()
    answer = getattr(member, method)(path, json=body)
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    assert exported() == before
