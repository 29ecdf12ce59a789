"""The Plan page and its API: the week as a table (and the calendar's data), making and
accepting a plan, moving a session (form and API, checked against the stored plan),
budgets against planned and logged hours, the overcommitment report, calendar import and
export; bad input is a clear 4xx that writes nothing; the API agrees with ``--json``."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

from web.scenario import ok

ICS = b"""BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Test//Work//EN
X-WR-CALNAME:Work
BEGIN:VEVENT
UID:standup-1@example.com
DTSTAMP:20261101T000000Z
DTSTART:20261124T090000Z
DTEND:20261124T120000Z
SUMMARY:Workshop
END:VEVENT
BEGIN:VEVENT
UID:offsite@example.com
DTSTAMP:20261101T000000Z
DTSTART;VALUE=DATE:20261126
DTEND;VALUE=DATE:20261127
SUMMARY:Offsite
END:VEVENT
BEGIN:VEVENT
UID:broken@example.com
DTSTAMP:20261101T000000Z
DTSTART:20261125T100000Z
DTEND:20261125T090000Z
SUMMARY:Backwards
END:VEVENT
END:VCALENDAR
"""


def setup_week(cli) -> None:
    """Free time every day, a 3-hour task and a habit; a quick plan accepted (frozen at
    Monday 2026-11-23 10:00 UTC)."""
    ok(cli, "availability", "add", "daily", "08:00-22:00")
    ok(cli, "task", "add", "SQL tutorial", "-e", "3")
    ok(cli, "habit", "add", "gym", "-a", "health", "-n", "2", "-m", "60")
    ok(cli, "plan", "--greedy", "--weeks", "2")
    ok(cli, "plan", "accept")


def stored(cli) -> list[dict]:
    return json.loads(ok(cli, "plan", "show", "--json"))


def in_week(sessions: list[dict], first: str = "2026-11-23", last: str = "2026-11-29"):
    return [s for s in sessions if first <= s["start"][:10] <= last]


def test_the_page_without_a_plan_says_how_to_make_one(member: TestClient):
    page = member.get("/plan")
    assert page.status_code == 200
    assert "No plan yet" in page.text and 'action="/plan/new"' in page.text
    assert "Nothing planned this week" in page.text
    assert "There is no plan yet." in page.text


def test_make_a_plan_then_accept_it(member: TestClient, cli):
    ok(cli, "availability", "add", "daily", "08:00-22:00")
    ok(cli, "task", "add", "SQL tutorial", "-e", "3")
    made = member.post("/plan/new", data={"weeks": "1", "greedy": "1"}, follow_redirects=False)
    assert made.status_code == 303 and made.headers["location"] == "/plan"
    page = member.get("/plan")
    assert "A new plan is waiting" in page.text and 'action="/plan/accept"' in page.text
    assert stored(cli) == []  # a draft is not the plan yet
    draft = member.get("/api/v1/plan/week").json()
    assert draft["plan"] == "draft" and sum(s["hours"] for s in draft["sessions"]) == 3
    accepted = member.post("/plan/accept", follow_redirects=False)
    assert accepted.status_code == 303
    assert in_week(stored(cli)) == member.get("/api/v1/plan/week").json()["sessions"]
    assert "Your accepted plan" in member.get("/plan").text


def test_the_table_shows_every_session_of_the_week(member: TestClient, cli):
    setup_week(cli)
    page = member.get("/plan").text
    body = page[page.index('id="week-table"'):page.index("</table>", page.index('id="week-table"'))]
    sessions = in_week(stored(cli))
    assert sessions
    for s in sessions:
        assert f'<time datetime="{s["start"]}">{s["start"][11:16]}</time>' in body
    assert body.count('class="row-session"') == len(sessions)
    data = re.search(r'id="plan-data">(.*?)</script>', page)
    assert data is not None
    assert json.loads(data[1]) == {"start": "2026-11-23", "today": "2026-11-23", "movable": True}


def test_the_week_api_agrees_with_the_command_line(member: TestClient, cli):
    setup_week(cli)
    ok(cli, "budget", "set", "health", "--floor", "1", "--cap", "4")
    ok(cli, "log", "90m", "health", "a run")
    ok(cli, "area", "add", "Music")
    ok(cli, "area", "archive", "music")
    week = member.get("/api/v1/plan/week", params={"start": "2026-11-25"}).json()
    assert week["start"] == "2026-11-23" and week["end"] == "2026-11-29"
    assert week["sessions"] == in_week(stored(cli))
    assert week["busy"] == json.loads(ok(cli, "calendar", "show", "--week", "--json"))
    health = next(b for b in week["budgets"] if b["area"] == "health")
    planned = sum(s["hours"] for s in week["sessions"] if s["area"] == "health")
    assert health == {"area": "health", "floor_hours": 1.0, "cap_hours": 4.0,
                      "planned_hours": planned, "logged_hours": 1.5}
    assert member.get("/api/v1/budgets").json() == json.loads(ok(cli, "budget", "list", "--json"))
    assert member.get("/api/v1/areas").json() == json.loads(ok(cli, "area", "list", "--json"))
    assert member.get("/api/v1/areas", params={"archived": "true"}).json() == json.loads(
        ok(cli, "area", "list", "--archived", "--json"))
    next_week = member.get("/api/v1/plan/week", params={"start": "2026-11-30"}).json()
    assert next_week["sessions"] == in_week(stored(cli), "2026-11-30", "2026-12-06")


def test_the_budget_table_shows_the_figures_of_the_week(member: TestClient, cli):
    setup_week(cli)
    ok(cli, "budget", "set", "health", "--floor", "1", "--cap", "4")
    ok(cli, "log", "90m", "health", "a run")
    page = member.get("/plan").text
    planned = sum(s["hours"] for s in in_week(stored(cli)) if s["area"] == "health")
    assert (f'<th scope="row">health</th><td>1</td><td>4</td><td>{planned:g}</td>'
            f"<td>1.5</td>") in page


@pytest.mark.parametrize("how", ["form", "api"])
def test_moving_a_session_fixes_it_there_and_keeps_the_rest(member: TestClient, cli, how):
    setup_week(cli)
    before = stored(cli)
    gym = next(s for s in before if s["kind"] == "habit")
    if how == "form":
        done = member.post("/plan/move", data={"key": gym["key"], "start": "2026-11-27T15:00"},
                           follow_redirects=False)
        assert done.status_code == 303 and done.headers["location"] == "/plan?week=2026-11-27"
    else:
        done = member.post("/api/v1/plan/move",
                           json={"key": gym["key"], "start": "2026-11-27T15:00:00"})
        assert done.status_code == 200, done.text
        assert done.json() == stored(cli)
    after = stored(cli)
    moved = [s for s in after if s["start"] == "2026-11-27T15:00:00"]
    assert len(moved) == 1 and moved[0]["title"] == "gym" and moved[0]["hours"] == gym["hours"]
    assert sum(s["hours"] for s in after) == sum(s["hours"] for s in before)
    def when(sessions: list[dict]) -> set[tuple[str, str, str]]:  # a habit's keys follow time
        return {(s["title"], s["start"], s["end"]) for s in sessions}

    others = [s for s in before if s["key"] != gym["key"]]
    assert when(others) <= when(after)  # nothing else had to move


def test_moving_onto_another_session_plans_that_one_again(member: TestClient, cli):
    setup_week(cli)
    before = stored(cli)
    task, gym = (next(s for s in before if s["kind"] == kind) for kind in ("task", "habit"))
    done = member.post("/api/v1/plan/move", json={"key": gym["key"], "start": task["start"]})
    assert done.status_code == 200, done.text
    after = stored(cli)
    assert any(s["title"] == "gym" and s["start"] == task["start"] for s in after)
    assert sum(s["hours"] for s in after if s["kind"] == "task") == 3  # the task still fits


@pytest.mark.parametrize(("start", "message"), [
    ("tomorrow evening", "Cannot read"),
    ("2026-11-20T18:00", "has passed"),
    ("2026-11-23T08:00", "has passed"),
    ("2026-11-25T18:15", "not on the 30-minute grid"),
    ("2026-11-25T23:00", "not free for health work"),
    ("2031-01-01T10:00", "not in the 52 weeks"),
    ("9999-12-31T23:30", "not in the 52 weeks"),
])
def test_a_move_that_cannot_be_done_is_a_422_and_writes_nothing(member: TestClient, cli,
                                                                exported, start, message):
    setup_week(cli)
    gym = next(s for s in stored(cli) if s["kind"] == "habit")
    before = exported()
    page = member.post("/plan/move", data={"key": gym["key"], "start": start})
    assert page.status_code == 422
    assert message in page.text and 'aria-invalid="true"' in page.text
    api = member.post("/api/v1/plan/move", json={"key": gym["key"], "start": start})
    assert api.status_code == 422
    assert exported() == before


def test_moving_what_is_not_there_is_a_clear_error(member: TestClient, cli, exported):
    before = exported()
    assert member.post("/api/v1/plan/move", json={"key": "task:9:1",
                                                  "start": "2026-11-25T18:00:00"}
                       ).status_code == 404
    page = member.post("/plan/move", data={"key": "", "start": ""})
    assert page.status_code == 422 and "Choose the session to move" in page.text
    assert member.post("/api/v1/plan/move", json={"key": "x", "start": "2026-11-25T18:00:00",
                                                  "extra": 1}).status_code == 422
    assert member.post("/api/v1/plan/move", json={
        "key": "x", "start": "2026-11-25T18:00:00+01:00"}).status_code == 422
    assert exported() == before


def test_accepting_without_a_new_plan_is_a_conflict(member: TestClient, exported):
    before = exported()
    page = member.post("/plan/accept")
    assert page.status_code == 409 and "no new plan to accept" in page.text
    api = member.post("/api/v1/plan/accept")
    assert api.status_code == 409 and api.headers["content-type"] == "application/problem+json"
    assert member.post("/plan/new", data={"weeks": "99"}).status_code == 422
    assert exported() == before


def test_accept_through_the_api_returns_the_plan(member: TestClient, cli):
    ok(cli, "availability", "add", "daily", "08:00-22:00")
    ok(cli, "task", "add", "SQL tutorial", "-e", "3")
    ok(cli, "plan", "--greedy")
    done = member.post("/api/v1/plan/accept")
    assert done.status_code == 200 and done.json() == stored(cli) and stored(cli)


def test_without_free_time_planning_says_what_to_add(member: TestClient, exported):
    before = exported()
    page = member.post("/plan/new", data={"weeks": "1", "greedy": "1"})
    assert page.status_code == 409 and "no free time" in page.text
    assert exported() == before


def test_the_report_shows_what_does_not_fit_as_the_planner_counts_it(member: TestClient, cli):
    ok(cli, "availability", "add", "mon-fri", "18:00-20:00")
    ok(cli, "goal", "add", "Ship the course", "--area", "learning", "--deadline", "2026-11-27")
    ok(cli, "task", "add", "Write all modules", "-e", "20", "--goal", "1")
    ok(cli, "goal", "add", "Tidy the garden", "--area", "passion")
    ok(cli, "task", "add", "Dig the beds", "-e", "4", "--goal", "2")
    planned = json.loads(ok(cli, "plan", "--greedy", "--weeks", "1", "--json"))
    assert planned["missing_hours"] > 0
    page = member.get("/plan").text
    assert "Overcommitted:" in page
    assert f"miss {planned['missing_hours']:g} h in total" in page
    for t in planned["trade_offs"]:
        assert t["description"].replace("'", "&#39;") in page


def test_import_a_calendar_shows_what_was_read_and_left_out(member: TestClient, cli):
    setup_week(cli)
    done = member.post("/plan/calendars", files={"file": ("work.ics", ICS, "text/calendar")},
                       data={"name": ""})
    assert done.status_code == 200, done.text
    assert "Imported calendar 'Work': 2 busy times" in done.text
    assert "Backwards" in done.text  # left out, with its reason
    listed = json.loads(ok(cli, "calendar", "list", "--json"))
    assert [(c["name"], c["events"]) for c in listed] == [("Work", 2)]
    busy = member.get("/api/v1/plan/week").json()["busy"]
    assert busy == json.loads(ok(cli, "calendar", "show", "--week", "--json"))
    assert {b["summary"] for b in busy} == {"Workshop", "Offsite"}
    page = member.get("/plan").text
    assert "Workshop (Work)" in page and "all day" in page
    again = member.post("/plan/calendars", files={"file": ("work.ics", ICS, "text/calendar")})
    assert "Updated calendar" in again.text  # the same calendar again replaces it
    gone = member.post("/plan/calendars/remove", data={"name": "Work"}, follow_redirects=False)
    assert gone.status_code == 303 and json.loads(ok(cli, "calendar", "list", "--json")) == []


@pytest.mark.parametrize(("files", "message"), [
    ({}, "Choose an .ics file"),
    ({"file": ("notes.ics", b"this is not a calendar", "text/calendar")}, "iCalendar"),
    ({"file": ("big.ics", b"x" * (5 * 1024 * 1024 + 1), "text/calendar")}, "larger than 5 MB"),
])
def test_a_file_that_is_not_a_calendar_is_refused(member: TestClient, exported, files, message):
    before = exported()
    page = member.post("/plan/calendars", files=files or {"other": ("a", b"", "text/plain")})
    assert page.status_code == 422 and message in page.text
    assert exported() == before


def test_removing_an_unknown_calendar_is_a_404(member: TestClient, exported):
    before = exported()
    assert member.post("/plan/calendars/remove", data={"name": "Nope"}).status_code == 404
    assert exported() == before


def test_export_downloads_the_plan_as_icalendar(member: TestClient, cli):
    assert member.get("/plan/calendar.ics").status_code == 409  # nothing to export yet
    setup_week(cli)
    got = member.get("/plan/calendar.ics")
    assert got.status_code == 200 and got.headers["content-type"].startswith("text/calendar")
    assert "attachment" in got.headers["content-disposition"]
    uids = set(re.findall(r"UID:(\S+)", got.text))
    assert {f"{s['key'].replace(':', '-')}@cairn" for s in stored(cli)} <= uids


def test_the_page_of_another_week_and_a_bad_week(member: TestClient, cli):
    setup_week(cli)
    page = member.get("/plan", params={"week": "2026-12-02"})
    assert page.status_code == 200 and "Week of Mon 30 Nov 2026" in page.text
    assert member.get("/plan", params={"week": "2026-13-45"}).status_code == 422
    assert member.get("/api/v1/plan/week", params={"start": "3000-01-01"}).status_code == 422


def feed_address(page: str) -> str:
    found = re.search(r'href="webcal://testserver(/plan/feed/[\w-]+\.ics)"', page)
    assert found is not None, "no subscription address on the page"
    return found[1]


def test_the_subscription_serves_the_accepted_plan_until_revoked(member: TestClient, cli,
                                                                exported):
    import icalendar

    setup_week(cli)
    assert "Make a subscription address" in member.get("/plan").text
    assert post_ok(member, "/plan/feed/new")
    address = feed_address(member.get("/plan").text)
    before = exported()
    first, second = member.get(address), member.get(address)
    assert exported() == before  # reading the feed writes nothing
    assert first.status_code == 200 and first.headers["content-type"].startswith("text/calendar")
    uids = [[str(e["UID"]) for e in icalendar.Calendar.from_ical(r.content).walk("VEVENT")]
            for r in (first, second)]
    assert uids[0] == uids[1]  # stable across requests
    assert {f"{s['key'].replace(':', '-')}@cairn" for s in stored(cli)} <= set(uids[0])
    assert post_ok(member, "/plan/feed/new")  # a new address: the old one stops working
    assert member.get(address).status_code == 404
    renewed = feed_address(member.get("/plan").text)
    assert renewed != address and member.get(renewed).status_code == 200
    assert post_ok(member, "/plan/feed/revoke")
    assert member.get(renewed).status_code == 404
    assert member.post("/plan/feed/revoke").status_code == 404
    assert member.get("/plan/feed/" + "x" * 101 + ".ics").status_code == 422


def post_ok(client: TestClient, path: str) -> bool:
    return client.post(path, follow_redirects=False).status_code == 303


def overcommitted(cli, *, cap: bool = True) -> dict:
    """A learning course of 20 h due Friday in 10 h of free time and a garden goal beside it
    (with a learning cap, or with the garden due Friday too): the plan misses, and offers
    trade-offs of several kinds."""
    ok(cli, "availability", "add", "mon-fri", "18:00-20:00")
    if cap:
        ok(cli, "budget", "set", "learning", "--cap", "6")
    ok(cli, "goal", "add", "Ship the course", "--area", "learning", "--deadline", "2026-11-27",
       "--priority", "high")
    ok(cli, "task", "add", "Write all modules", "-e", "20", "--goal", "1")
    ok(cli, "goal", "add", "Tidy the garden", "--area", "passion", "--priority", "low",
       *(() if cap else ("--deadline", "2026-11-27")))
    ok(cli, "task", "add", "Dig the beds", "-e", "4", "--goal", "2")
    return json.loads(ok(cli, "plan", "--greedy", "--weeks", "1", "--json"))


@pytest.mark.parametrize("kind", ["move-deadline", "raise-budget", "pause-goal",
                                  "reduce-scope"])
def test_a_trade_off_applied_changes_what_it_says_and_plans_again(member: TestClient, cli,
                                                                   kind):
    planned = overcommitted(cli, cap=kind != "pause-goal")
    offers = [t["kind"] for t in planned["trade_offs"]]
    assert kind in offers, offers
    index = offers.index(kind)
    t = planned["trade_offs"][index]
    done = member.post("/plan/trade-offs", data={"index": str(index),
                                                 "description": t["description"]},
                       follow_redirects=False)
    assert done.status_code == 303, done.text
    target = t["target"].split()[1]
    number = int(target) if target.isdigit() else 0
    if kind == "move-deadline":
        moved = re.search(r"to (\d{4}-\d\d-\d\d)", t["description"])
        assert moved and json.loads(ok(cli, "task", "show", str(number), "--json"))["due"] == \
            moved[1]
    elif kind == "raise-budget":
        learning = json.loads(ok(cli, "budget", "list", "--json"))[0]
        assert learning["cap_hours"] > 6
    elif kind == "pause-goal":
        assert json.loads(ok(cli, "goal", "show", str(number), "--json"))["status"] == "paused"
    else:
        task = json.loads(ok(cli, "task", "show", str(number), "--json"))
        assert task["estimate_hours"] < 20 or task["status"] == "dropped"
    week = member.get("/api/v1/plan/week").json()
    assert week["plan"] == "draft"  # planned again, to accept
    page = member.get("/plan").text
    assert "A new plan is waiting" in page


def test_a_stale_trade_off_is_a_conflict_and_writes_nothing(member: TestClient, cli, exported):
    planned = overcommitted(cli)
    before = exported()
    stale = member.post("/plan/trade-offs", data={"index": "0", "description": "Something else"})
    assert stale.status_code == 409 and "no longer on offer" in stale.text
    assert member.post("/plan/trade-offs", data={"index": "999",
                                                 "description": planned["trade_offs"][0][
                                                     "description"]}).status_code == 409
    assert member.post("/plan/trade-offs", data={"index": "-1"}).status_code == 422
    assert exported() == before
