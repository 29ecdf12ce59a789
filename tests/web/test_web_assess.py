"""Every assessment with items in the browser, one question per screen (``/assess`` and
``/onboarding/assess/KEY``): a coach's loaded instrument with rating, per-area, number
and text questions, skipping what may be skipped, errors beside the answer that write
nothing, and the take scored as ``cairn assess`` scores it."""

from __future__ import annotations

import json
import re
from pathlib import Path

from fastapi.testclient import TestClient

INSTRUMENT = """
[instrument]
key = "week"
title = "Week check"
scoring = "mean"
licence = "written for this test"
[response]
min = 1
max = 5
[[scales]]
id = "calm"
name = "Calm"
[[items]]
id = "calm"
scale = "calm"
text = "How calm was the week?"
[[items]]
id = "fit"
scale = "calm"
text = "How calm was your {area}?"
per_area = true
[[items]]
id = "sleep"
text = "Hours of sleep a night?"
kind = "number"
min = 0
max = 24
[[items]]
id = "note"
text = "Anything else?"
kind = "text"
"""


def question(page: str) -> str:
    found = re.search(r'name="item_id" value="([^"]+)"', page)
    assert found, "no question on the page"
    return found[1]


def test_a_loaded_instrument_is_taken_in_the_browser_as_on_the_command_line(
        member: TestClient, cli, tmp_path: Path, exported):
    path = tmp_path / "week.toml"
    path.write_text(INSTRUMENT, encoding="utf-8")
    assert cli("assess", "load", str(path)).exit_code == 0
    listed = member.get("/assess").text
    assert "Week check" in listed and "not taken" in listed
    assert 'href="/assess/passions"' in listed  # the one form that is not stepped
    areas = len(json.loads(cli("area", "list", "--json").stdout))
    first = member.get("/onboarding/assess/week")
    assert f"1 of {1 + areas + 2}" in first.text and "Getting started" not in first.text
    assert "Skip this one" not in first.text  # a rating the score needs
    before = exported()
    assert member.post("/onboarding/assess/week",
                       data={"item_id": "calm", "skip": "1"}).status_code == 422
    assert member.post("/onboarding/assess/week",
                       data={"item_id": "calm", "answer": "6"}).status_code == 422
    assert exported() == before  # nothing started by a refused answer
    seen = []
    for _ in range(1 + areas + 2):
        page = member.get("/onboarding/assess/week").text
        key = question(page)
        seen.append(key)
        if key == "sleep":
            wrong = member.post("/onboarding/assess/week", data={"item_id": key, "answer": "30"})
            assert wrong.status_code == 422 and "sleep:" not in wrong.text
            assert "Answer with a number from 0 to 24." in wrong.text
            data = {"item_id": key, "answer": "7.5"}
        elif key == "note":
            assert "<textarea" in page and "Skip this one" in page
            data = {"item_id": key, "skip": "1"}
        else:
            assert 'type="radio"' in page
            data = {"item_id": key, "answer": "4" if key == "calm" else "2"}
        done = member.post("/onboarding/assess/week", data=data, follow_redirects=False)
        assert done.status_code == 303, done.text
    assert done.headers["location"] == "/assess"
    assert seen[0] == "calm" and seen[-2:] == ["sleep", "note"]
    assert all(k.startswith("fit.") for k in seen[1:-2])
    history = json.loads(cli("assess", "history", "--json").stdout)
    [take] = [t for t in history if t["instrument"] == "week"]
    answers = {"calm": 4, "sleep": 7.5} | {k: 2 for k in seen if k.startswith("fit.")}
    given = tmp_path / "answers.json"
    given.write_text(json.dumps(answers), encoding="utf-8")
    same = cli("assess", "take", "week", "--answers", str(given), "--json")
    assert same.exit_code == 0, same.stderr
    assert take["scores"] == {s["scale"]: s["score"] for s in json.loads(same.stdout)["scores"]}
    assert take["scores"]["calm"] == 3.0  # a per-area item counts once, as its areas' mean
    shown = member.get("/onboarding/assess/week").text
    assert "You finished this assessment" in shown and "Take it again" in shown
    assert "finished" in member.get("/assess").text


def test_an_unknown_assessment_and_the_passions_form(member: TestClient):
    assert member.get("/onboarding/assess/nothing").status_code == 404
    assert member.post("/onboarding/assess/nothing", data={"answer": "1"}).status_code == 404
    passions = member.get("/onboarding/assess/passions")  # one form, on its own page
    assert passions.status_code == 200 and "Your limits" in passions.text
    assert member.post("/onboarding/assess/passions", data={"answer": "1"}).status_code == 404


def test_the_assessments_in_a_real_browser(tab, live_server, tmp_path: Path):
    from playwright.sync_api import expect

    from conftest import cli_for
    from web.scenario import ok

    cli = cli_for(live_server.db_url)
    ok(cli, "init", "--name", "Ada", "--stage", "mid-career", "--hours", "38")
    path = tmp_path / "week.toml"
    path.write_text(INSTRUMENT, encoding="utf-8")
    ok(cli, "assess", "load", str(path))
    page = tab.page
    tab.visit("/assess", "assessments")
    page.get_by_role("row").filter(has_text="Week check").get_by_role("link").click()
    page.get_by_role("radio", name="4", exact=True).check()
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_text("2 of ")).to_be_visible()
    tab.check("per-area")
    while page.get_by_label("Hours of sleep a night?").count() == 0:
        page.get_by_role("radio", name="2", exact=True).check()
        page.get_by_role("button", name="Next").click()
    page.get_by_label("Hours of sleep a night?").fill("30")
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_text("30 is above 24. Answer with a number from 0 to 24.")).to_be_visible()
    tab.check("number-refused")
    page.get_by_label("Hours of sleep a night?").fill("7.5")
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_label("Anything else?")).to_be_visible()
    tab.check("text")
    page.get_by_role("button", name="Skip this one").click()
    expect(page.get_by_role("heading", name="Assessments")).to_be_visible()
    expect(page.get_by_text("finished")).to_be_visible()
    page.get_by_role("row").filter(has_text="Passions").get_by_role("link").click()
    page.get_by_label("Passion 1", exact=True).fill("Woodwork")
    page.get_by_label("Hours a week for passion 1").fill("300")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("passion 1 hours")
    tab.check("passions-refused")
    page.get_by_label("Hours a week for passion 1").fill("3")
    page.get_by_label("Would like income from passion 1").check()
    page.get_by_role("button", name="Save").click()
    passions = page.get_by_role("row").filter(has_text="Passions")
    expect(passions.get_by_role("link")).to_have_text(re.compile("^Change them"))


def test_the_passions_form_is_saved_whole_or_not_at_all_and_shown_again(
        member: TestClient, cli, exported):
    assert member.get("/onboarding/assess/passions", follow_redirects=False
                      ).headers["location"] == "/assess/passions"
    empty = member.get("/assess/passions")
    assert empty.status_code == 200 and 'name="passion_3_name"' in empty.text
    before = exported()
    bad = member.post("/assess/passions", data={
        "min_income": "-5", "max_hours": "200", "passion_1_hours": "4"})
    assert bad.status_code == 422
    for problem in ("min_income", "max_hours", "passion 1: needs a name"):
        assert problem in bad.text
    assert 'value="200"' in bad.text  # what was typed stays in the form
    assert member.post("/assess/passions", data={"max_hours": "lots"}).status_code == 422
    assert exported() == before
    saved = member.post("/assess/passions", data={
        "min_income": "45000", "max_hours": "38", "max_job_zone": "4",
        "passion_1_name": "Woodwork", "passion_1_hours": "3", "passion_1_income": "1",
        "passion_2_name": "Choir", "passion_2_hours": "2"}, follow_redirects=False)
    assert saved.status_code == 303 and saved.headers["location"] == "/assess"
    shown = json.loads(cli("assess", "history", "--json").stdout)
    [take] = [t for t in shown if t["instrument"] == "passions"]
    assert take["scores"] == {
        "min_income": 45000.0, "max_hours": 38.0, "max_job_zone": 4,
        "current_occupation": None,
        "passions": [{"name": "Woodwork", "hours": 3.0, "income": True},
                     {"name": "Choir", "hours": 2.0, "income": False}]}
    again = member.get("/assess/passions").text
    assert 'value="Woodwork"' in again and 'value="45000"' in again
    assert 'name="passion_5_name"' in again  # two kept, three spare
    assert re.search(r'id="passion_1_income"[^>]*checked', again)
    assert not re.search(r'id="passion_2_income"[^>]*checked', again)
    assert 'value="4" selected' in again
