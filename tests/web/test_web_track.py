"""Check-in, Review and Reports in-process: each form with good and bad input (nothing
written on bad input), the figures as the services give them, the downloads, and the
tracking API compared with the command line's --json."""

from __future__ import annotations

import datetime as dt
import html
import json
import re

import pytest
from fastapi.testclient import TestClient

from cairn.services.app import Cairn
from cairn.web.templating import percent
from conftest import FROZEN_AT
from web.scenario import WEEKS, busy_weeks, ok


def field_error(page: str, name: str) -> str:
    """The error shown beside a field (empty when there is none)."""
    found = re.search(rf'<p class="error" id="{re.escape(name)}-error">(.*?)</p>', page,
                      re.DOTALL)
    return html.unescape(found[1]) if found else ""


def person(db_url: str) -> Cairn:
    return Cairn.open(db_url)


CHECKIN = {"energy": "6", "stress": "4", "sat-career": "7", "sat-health": "", "hours": "40",
           "note": "A good week"}


# -- check-in -----------------------------------------------------------------------------


def test_the_checkin_page_offers_the_instruments_items_and_every_area(member: TestClient):
    page = member.get("/checkin")
    assert page.status_code == 200
    assert "<h1>Check-in</h1>" in page.text
    for label in ("Energy this week (0 to 10)", "Stress this week (0 to 10)",
                  "0 = running on empty, 10 = full of energy", "Hours worked this week",
                  "A note (what stood out?)"):
        assert label in page.text
    for key in ("career", "health", "relationships"):
        assert f'id="sat-{key}"' in page.text
    assert "Consider rest mode" not in page.text  # no reason to offer it


def test_a_checkin_is_kept_and_listed(member: TestClient, db_url: str):
    sent = member.post("/checkin", data=CHECKIN, follow_redirects=False)
    assert sent.status_code == 303
    assert sent.headers["location"] == "/checkin?saved=checkin#checkin"
    c = person(db_url)
    try:
        [kept] = c.track.record.checkins()
        index = c.track.record.checkin_scores()[kept.id]
        career = next(a.id for a in c.profile.areas() if a.key == "career")
    finally:
        c.close()
    assert (kept.energy, kept.stress, kept.hours_worked, kept.note) == (6, 4, 40.0,
                                                                        "A good week")
    assert kept.satisfaction == {career: 7}
    page = member.get("/checkin?saved=checkin")
    assert "Check-in saved." in page.text
    assert index is not None
    assert f"<td>{index:.0f}</td>" in page.text  # the index as the services scored it
    assert "career 7" in page.text


@pytest.mark.parametrize(("fields", "bad", "says"), [
    ({"energy": ""}, "energy", "Cannot read '' as a whole number."),
    ({"energy": "six"}, "energy", "Cannot read 'six' as a whole number."),
    ({"stress": "4.5"}, "stress", "Cannot read '4.5' as a whole number."),
    ({"sat-career": "x"}, "sat-career", "as a whole number"),
    ({"hours": "lots"}, "hours", "Cannot read 'lots' as a number."),
    ({"note": "bell\x07"}, "note", "control character"),
])
def test_a_bad_checkin_is_shown_again_beside_its_field(member: TestClient, exported, fields,
                                                       bad, says):
    before = exported()
    answer = member.post("/checkin", data={**CHECKIN, **fields})
    assert answer.status_code == 422
    assert says in field_error(answer.text, bad)
    assert 'aria-invalid="true"' in answer.text
    merged = {**CHECKIN, **fields}
    assert f'name="hours" type="number" value="{merged["hours"]}"' in answer.text  # as typed
    assert exported() == before


@pytest.mark.parametrize(("fields", "says"), [
    ({"energy": "11"}, "energy"), ({"stress": "-1"}, "stress"),
    ({"sat-career": "12"}, "satisfaction"), ({"hours": "200"}, "hours")])
def test_a_rating_off_its_scale_is_refused_by_the_service(member: TestClient, exported,
                                                          fields, says):
    before = exported()
    answer = member.post("/checkin", data={**CHECKIN, **fields})
    assert answer.status_code == 422
    assert 'class="form-problem"' in answer.text and says in html.unescape(answer.text)
    assert exported() == before


def test_high_burnout_risk_offers_rest_mode_and_it_starts(member: TestClient, cli, frozen,
                                                          db_url):
    busy_weeks(cli, frozen, with_profile=False)
    page = member.get("/checkin")
    assert "Consider rest mode" in page.text
    c = person(db_url)
    try:
        level = c.track.wellbeing.burnout().level
    finally:
        c.close()
    assert f"<strong>{level}</strong>" in page.text
    sent = member.post("/checkin/rest", follow_redirects=False)
    assert sent.status_code == 303
    page = member.get(sent.headers["location"])
    assert "Rest mode is on" in page.text and "Consider rest mode" not in page.text
    again = member.post("/checkin/rest")  # already on: a conflict, nothing more
    assert again.status_code == 409
    assert "already covers" in again.text


LOG = {"duration": "1h30", "area": "learning", "what": "SQL chapter 2", "log_on": ""}


def test_time_is_logged_and_listed(member: TestClient, db_url: str):
    sent = member.post("/checkin/log", data=LOG, follow_redirects=False)
    assert sent.status_code == 303 and sent.headers["location"].endswith("#log")
    member.post("/checkin/log", data={**LOG, "duration": "45m", "log_on": "yesterday"})
    c = person(db_url)
    try:
        entries = c.track.record.time_entries()
    finally:
        c.close()
    assert [(e.minutes, e.on, e.note) for e in entries] == [
        (45, dt.date(2026, 11, 22), "SQL chapter 2"), (90, dt.date(2026, 11, 23),
                                                       "SQL chapter 2")]
    page = member.get("/checkin")
    assert "<td>1h30</td>" in page.text and "<td>45m</td>" in page.text
    assert "Sun 22 Nov 2026" in page.text


def test_a_log_link_fills_in_the_form(member: TestClient):
    page = member.get("/checkin?duration=2h&area=health")
    assert 'id="duration" name="duration" type="text" value="2h"' in page.text
    assert '<option value="health" selected>' in page.text


@pytest.mark.parametrize(("fields", "bad", "says"), [
    ({"duration": ""}, "duration", "Cannot read '' as a duration."),
    ({"duration": "25h"}, "duration", "a log entry takes 1 minute to 24 h"),
    ({"duration": "0m"}, "duration", "no time at all"),
    ({"area": ""}, "area", "Which life area was the time for?"),
    ({"log_on": "tomorrow"}, None, "is in the future"),
    ({"log_on": "someday"}, "log_on", "someday"),
    ({"area": "hobbies"}, None, "hobbies"),
    ({"habit": "7"}, None, "There is no habit #7."),
    ({"habit": "x"}, "habit", "There is no habit 'x'."),
])
def test_a_bad_log_is_shown_again(member: TestClient, exported, fields, bad, says):
    before = exported()
    answer = member.post("/checkin/log", data={**LOG, **fields})
    assert answer.status_code == 422
    if bad is None:
        assert 'class="form-problem"' in answer.text and says in html.unescape(answer.text)
    else:
        assert says in field_error(answer.text, bad)
    assert 'value="SQL chapter 2"' in answer.text
    assert exported() == before


def test_a_session_of_a_habit_counts_for_its_area(member: TestClient, cli, db_url):
    ok(cli, "habit", "add", "Morning run", "--area", "health", "--times", "3",
       "--minutes", "30")
    page = member.get("/checkin")
    assert "Morning run (health)" in page.text
    sent = member.post("/checkin/log", data={"duration": "30m", "area": "", "habit": "1",
                                             "what": ""}, follow_redirects=False)
    assert sent.status_code == 303
    c = person(db_url)
    try:
        [entry] = c.track.record.time_entries()
        health = next(a.id for a in c.profile.areas() if a.key == "health")
    finally:
        c.close()
    assert (entry.habit_id, entry.area_id, entry.minutes) == (1, health, 30)


def test_a_win_is_noted_and_listed(member: TestClient, db_url: str):
    sent = member.post("/checkin/win", data={"win": "Gave the talk", "win_on": ""},
                       follow_redirects=False)
    assert sent.status_code == 303
    page = member.get("/checkin?saved=win")
    assert "Win noted." in page.text and "Gave the talk" in page.text


@pytest.mark.parametrize(("fields", "bad", "says"), [
    ({"win": "   "}, "win", "The win is empty."),
    ({"win": "ok", "win_on": "31 Feb"}, "win_on", "31 Feb"),
])
def test_a_bad_win_is_shown_again(member: TestClient, exported, fields, bad, says):
    before = exported()
    answer = member.post("/checkin/win", data=fields)
    assert answer.status_code == 422
    assert says in field_error(answer.text, bad)
    assert exported() == before


def test_the_checkin_before_a_profile_says_what_to_do_first(client: TestClient, exported):
    before = exported()
    for address in ("/checkin", "/review", "/reports"):
        sent = client.get(address, follow_redirects=False)
        assert (sent.status_code, sent.headers["location"]) == (303, "/onboarding")
    assert client.get("/data").status_code == 200  # nothing kept, and import offered
    answer = client.post("/checkin/win", data={"win": "Started"})
    assert answer.status_code in (409, 422)
    assert "profile" in answer.text
    assert exported() == before


# -- review -------------------------------------------------------------------------------


def goals(cli) -> None:
    ok(cli, "goal", "add", "Learn SQL", "--area", "learning", "--priority", "high")
    ok(cli, "goal", "add", "Run a marathon", "--area", "health")
    ok(cli, "goal", "add", "Write a novel", "--area", "career")


def test_the_review_shows_the_facts_first_then_each_goals_decision(client: TestClient, cli,
                                                                     frozen, db_url):
    busy_weeks(cli, frozen)  # the profile made five weeks ago: reviews are due
    goals(cli)
    page = client.get("/review")
    assert page.status_code == 200
    c = person(db_url)
    try:
        due = sorted(c.track.reviews.due(), key=lambda d: -d.kind.rank)
        facts = c.track.reviews.facts(due[0].kind)
    finally:
        c.close()
    assert f"<h1>{due[0].kind.value.capitalize()} review" in page.text
    text = html.unescape(page.text)
    for d in due:
        assert f"<strong>{d.kind.value.capitalize()}</strong> review due since" in text
    assert text.index("The facts since") < text.index("Your decisions")
    for g, progress in facts.progress:
        assert f'name="do-{g.id}"' in text and f"#{g.id} {g.title}" in text
        assert f"<td>{percent(progress)}</td>" in text
    assert f'<span class="level level-{facts.burnout.level}">' in text
    assert f"{facts.trend.count_now} check-in" in text
    hours = sum(facts.hours_by_area.values())
    assert hours > 0 and f"career: {hours:.1f} h" in text


def test_a_review_applies_its_decisions_in_one_go(member: TestClient, cli, db_url):
    goals(cli)
    sent = member.post("/review", data={
        "kind": "monthly", "q0": "Shipped the report", "q1": "", "q2": "",
        "do-1": "priority", "priority-1": "low", "why-1": "",
        "do-2": "drop", "why-2": "knee injury",
        "do-3": "deadline", "deadline-3": "2027-06-30",
        "add_title": "Read two books", "add_area": "learning"}, follow_redirects=False)
    assert sent.status_code == 303, sent.text
    assert sent.headers["location"] == "/review/1?held=1"
    c = person(db_url)
    try:
        review, changes = c.track.reviews.get(1)
        kept = {g.id: g for g in c.goals.find(())}
    finally:
        c.close()
    assert review.kind.value == "monthly"
    assert review.decisions == ["priority 1 low", "drop 2 knee injury", "deadline 3 2027-06-30",
                                "add learning Read two books"]
    assert review.notes == "What went well since the last review? Shipped the report"
    assert kept[1].priority.value == "low" and kept[2].status.value == "dropped"
    assert kept[3].deadline == dt.date(2027, 6, 30) and kept[4].title == "Read two books"
    assert {ch.goal_id for ch in changes} >= {1, 2, 3}
    shown = member.get(sent.headers["location"])
    assert "Review #1 is kept" in shown.text and "<code>drop 2 knee injury</code>" in shown.text
    assert "Shipped the report" in shown.text
    listed = member.get("/review")
    assert 'href="/review/1"' in listed.text


@pytest.mark.parametrize(("fields", "bad", "says"), [
    ({"do-2": "drop", "why-2": ""}, "why-2", "Say why you drop this goal."),
    ({"do-3": "deadline", "deadline-3": "whenever"}, "deadline-3", "whenever"),
    ({"do-1": "priority", "priority-1": "urgent"}, "priority-1", "urgent"),
    ({"do-1": "explode"}, "do-1", "Cannot read the decision 'explode'."),
    ({"add_title": "Read more", "add_area": ""}, "add_area", "Which life area"),
    ({"kind": "yearly"}, None, "yearly"),
    ({"do-99": "pause"}, None, "There is no goal #99."),
    ({"add_title": "Read more", "add_area": "hobbies"}, None, "hobbies"),
])
def test_a_bad_decision_holds_no_review_and_changes_nothing(member: TestClient, cli, exported,
                                                            fields, bad, says):
    goals(cli)
    before = exported()
    answer = member.post("/review", data={"kind": "weekly", "do-1": "pause", **fields})
    assert answer.status_code == 422
    if bad is None:
        assert 'class="form-problem"' in answer.text and says in html.unescape(answer.text)
    else:
        assert says in field_error(answer.text, bad)
    assert exported() == before


def test_a_review_of_another_kind_and_a_missing_one(member: TestClient):
    assert "<h1>Six-monthly review" in member.get("/review?kind=six-monthly").text
    assert member.get("/review?kind=yearly").status_code == 422
    assert member.get("/review/7").status_code == 404
    assert member.get("/review/0").status_code == 422


# -- reports ------------------------------------------------------------------------------


def test_the_report_is_shown_in_the_page(member: TestClient, cli):
    goals(cli)
    page = member.get("/reports")
    assert page.status_code == 200
    assert page.text.count("<h1>") == 1
    assert "<h3>Career plan of Alex Rivera</h3>" in page.text
    assert "Learn SQL" in page.text
    assert 'href="/reports/download?format=pdf&amp;period=90d"' in page.text
    assert "<h1>Reports</h1>" in member.get("/reports?period=12w").text
    hits = member.app.state.web.views.hits
    assert member.get("/reports").text == page.text  # kept: nothing changed
    assert member.app.state.web.views.hits == hits + 1
    assert cli("goal", "add", "Run a 10k", "--area", "health").exit_code == 0
    assert "Run a 10k" in member.get("/reports").text  # a change is shown at once


@pytest.mark.parametrize(("fmt", "media", "start"), [
    ("pdf", "application/pdf", b"%PDF"), ("html", "text/html; charset=utf-8", b"<!DOCTYPE html>"),
    ("md", "text/markdown; charset=utf-8", b"# ")])
def test_the_report_downloads_in_each_format(member: TestClient, cli, fmt, media, start):
    goals(cli)
    got = member.get("/reports/download", params={"format": fmt, "period": "30d"})
    assert got.status_code == 200
    assert got.headers["content-type"] == media
    assert got.headers["content-disposition"] == (
        f'attachment; filename="cairn-report-2026-11-23.{fmt}"')
    assert got.content.startswith(start)
    if fmt != "pdf":
        assert "Learn SQL" in got.content.decode("utf-8")


@pytest.mark.parametrize(("query", "status"), [
    ({"format": "docx"}, 422), ({"period": "forever"}, 422), ({"period": "0d"}, 422),
    ({"period": "x" * 21}, 422)])
def test_a_bad_report_request_is_a_clear_4xx(member: TestClient, query, status):
    assert member.get("/reports/download", params=query).status_code == status


def test_a_bad_period_is_shown_beside_its_field(member: TestClient):
    answer = member.get("/reports", params={"period": "forever"})
    assert answer.status_code == 422
    assert "'forever' is not a period." in field_error(answer.text, "period")


# -- the API against the command line ---------------------------------------------------


def test_the_tracking_api_and_the_command_line_agree(client: TestClient, cli, frozen, db_url):
    """One scenario twice: through the command line, then (after deleting everything)
    through the API; what each lists is the same JSON."""
    from web.test_web_api import forget_everything

    busy_weeks(cli, frozen)
    goals(cli)
    ok(cli, "win", "add", "Gave the talk")
    ok(cli, "log", "add", "2h", "learning", "SQL", "--date", "yesterday")
    ok(cli, "review", "run", "--kind", "monthly", "--decide", "pause 2 knee",
       "--decide", "priority 1 low", "--note", "tired")
    by_cli = {"checkins": json.loads(ok(cli, "checkin", "list", "--json")),
              "logs": json.loads(ok(cli, "log", "list", "--since", "2026-10-01", "--json")),
              "week": json.loads(ok(cli, "log", "list", "--json")),
              "wins": json.loads(ok(cli, "win", "list", "--json")),
              "reviews": json.loads(ok(cli, "review", "list", "--json")),
              "review": json.loads(ok(cli, "review", "show", "1", "--json"))}
    forget_everything(db_url)

    frozen.move_to(FROZEN_AT - dt.timedelta(weeks=WEEKS))
    assert client.post("/onboarding", data={"name": "Alex Rivera", "life_stage": "mid-career",
                                            "contract_hours": "38"},
                       follow_redirects=False).status_code == 303
    start = FROZEN_AT - dt.timedelta(weeks=WEEKS)
    ok(cli, "task", "add", "SQL tutorial", "-e", "3")
    ok(cli, "contact", "add", "Sam", "--kind", "mentor", "--every", "2")
    ok(cli, "availability", "add", "mon-sun", "08:00-22:00")
    for week in range(WEEKS):
        for day in range(5):
            frozen.move_to(start + dt.timedelta(weeks=week, days=day))
            assert client.post("/api/v1/logs", json={"minutes": 14 * 60, "area": "career",
                                                     "note": "a long day"}).status_code == 201
        frozen.move_to(start + dt.timedelta(weeks=week, days=6))
        added = client.post("/api/v1/checkins", json={
            "energy": 2, "stress": 9, "hours_worked": 60,
            "satisfaction": {"career": 4, "health": 2, "relationships": 3}})
        assert added.status_code == 201, added.text
    frozen.move_to(FROZEN_AT)
    ok(cli, "plan", "--greedy", "--weeks", "1")
    ok(cli, "plan", "accept")
    goals(cli)
    win = client.post("/api/v1/wins", json={"text": "Gave the talk"})
    log = client.post("/api/v1/logs", json={"minutes": 120, "area": "learning", "note": "SQL",
                                            "on": "2026-11-22"})
    held = client.post("/api/v1/reviews", json={"kind": "monthly", "notes": "tired", "decisions": [
        {"action": "pause", "goal_id": 2, "reason": "knee"},
        {"action": "priority", "goal_id": 1, "value": "low"}]})
    assert held.status_code == 201, held.text
    by_api = {"checkins": client.get("/api/v1/checkins").json(),
              "logs": client.get("/api/v1/logs", params={"since": "2026-10-01"}).json(),
              "week": client.get("/api/v1/logs").json(),
              "wins": client.get("/api/v1/wins").json(),
              "reviews": client.get("/api/v1/reviews").json(),
              "review": client.get("/api/v1/reviews/1").json()}
    assert len(by_api["checkins"]) == WEEKS and len(by_api["logs"]) == 5 * WEEKS + 1
    assert by_api["review"]["decisions"] == ["pause 2 knee", "priority 1 low"]
    assert by_api == by_cli
    assert win.json() == by_cli["wins"][0] and log.json() == by_cli["logs"][-1]
    assert held.json() == by_cli["review"]
    assert added.json() == by_cli["checkins"][-1]


@pytest.mark.parametrize(("path", "body", "status", "says"), [
    ("/api/v1/checkins", {"energy": 11, "stress": 3}, 422, "body.energy"),
    ("/api/v1/checkins", {"energy": 5}, 422, "body.stress"),
    ("/api/v1/checkins", {"energy": 5, "stress": 3, "satisfaction": {"hobbies": 3}}, 422,
     "hobbies"),
    ("/api/v1/checkins", {"energy": 5, "stress": 3, "hours_worked": 200}, 422,
     "body.hours_worked"),
    ("/api/v1/logs", {"minutes": 0, "area": "career"}, 422, "body.minutes"),
    ("/api/v1/logs", {"minutes": 30}, 422, "Which life area"),
    ("/api/v1/logs", {"minutes": 30, "area": "career", "on": "2026-12-01"}, 422, "future"),
    ("/api/v1/logs", {"minutes": 30, "habit_id": 4}, 404, "no habit #4"),
    ("/api/v1/logs", {"minutes": 30, "area": "career", "on": "0001-01-01"}, 422, "body.on"),
    ("/api/v1/wins", {"text": "ok", "on": "1899-12-31"}, 422, "body.on"),
    ("/api/v1/logs", {"minutes": 30, "area": "career", "on": 86400 * 20000}, 422, "YYYY-MM-DD"),
    ("/api/v1/wins", {"text": "  "}, 422, "The win is empty."),
    ("/api/v1/wins", {"text": "ok", "colour": "red"}, 422, "body.colour"),
    ("/api/v1/reviews", {"decisions": [{"action": "pause"}]}, 422, "needs a goal id"),
    ("/api/v1/reviews", {"decisions": [{"action": "drop", "goal_id": 1}]}, 422, "why you drop"),
    ("/api/v1/reviews", {"decisions": [{"action": "pause", "goal_id": 9}]}, 422, "no goal #9"),
    ("/api/v1/reviews", {"decisions": [{"action": "target", "goal_id": 1, "value": "x"}]}, 422,
     "metric"),
    ("/api/v1/reviews", {"decisions": [{"action": "explode", "goal_id": 1}]}, 422,
     "body.decisions.0.action"),
    ("/api/v1/reviews", {"kind": "yearly"}, 422, "body.kind"),
    ("/api/v1/reviews", {"decisions": [{"action": "add", "value": "learning",
                                        "reason": "x" * 201}]}, 422, "at most 200"),
])
def test_bad_tracking_input_is_a_problem_and_writes_nothing(member: TestClient, cli, exported,
                                                            path, body, status, says):
    ok(cli, "goal", "add", "Learn SQL", "--area", "learning")
    before = exported()
    answer = member.post(path, json=body)
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    assert says in json.dumps(answer.json())
    assert exported() == before


def test_a_missing_review_is_404(member: TestClient):
    assert member.get("/api/v1/reviews/3").status_code == 404
    assert member.get("/api/v1/logs", params={"since": "soon"}).status_code == 422
    assert member.get("/api/v1/logs", params={"since": "0001-01-01"}).status_code == 422
    for number in ("0", "86400", "20261123"):  # not a Unix time, nor a date without dashes
        answer = member.get("/api/v1/logs", params={"since": number})
        assert answer.status_code == 422, (number, answer.text)
        assert "YYYY-MM-DD" in answer.text
