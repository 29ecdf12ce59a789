"""The whole first journey in real Chromium, at desktop and phone size: a new person makes a
profile, gives the plan free time, adds a goal with a task, makes and accepts a first plan,
checks in, and downloads the report. Every step goes through the pages (no command line
writes anything); what the pages kept is read back with the command line at the end.
axe-core checks every page visited (the `tab` fixture)."""

from __future__ import annotations

import json

from playwright.sync_api import expect

from conftest import cli_for
from web.conftest import LiveServer, Visitor
from web.scenario import ok


def fits(tab: Visitor) -> None:
    """No sideways scrolling."""
    page = tab.page
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_from_onboarding_to_a_first_accepted_plan_a_checkin_and_a_report(
        tab: Visitor, live_server: LiveServer):
    page = tab.page
    tab.visit("/", "first-landing")
    assert page.url.endswith("/onboarding")
    page.get_by_label("Your name").fill("Grace Hopper")
    page.get_by_label("Mid-career: growing in or beyond your field").check()
    page.get_by_label("Hours your contract asks for each week").fill("38")
    page.get_by_role("button", name="Save and continue").click()
    assert page.url.endswith("/onboarding/next")

    # free time for the plan, every day
    tab.visit("/settings", "first-settings")
    page.get_by_label("Days", exact=True).fill("daily")
    page.get_by_label("Time", exact=True).fill("08:00-20:00")
    page.get_by_label("Free time for the plan").check()
    page.get_by_role("button", name="Add", exact=True).click()
    assert "08:00" in page.locator("main").inner_text()
    fits(tab)

    # a goal with a task of three hours
    tab.visit("/goals/new", "first-goal-form")
    page.get_by_label("Title", exact=True).fill("Learn SQL")
    page.get_by_label("Horizon").select_option("short-term")
    page.get_by_label("Life area").select_option("learning")
    page.get_by_label("Why it matters").fill("Growth")
    page.get_by_label("Deadline").fill("in 3 months")
    page.get_by_role("button", name="Add the goal").click()
    assert page.url.endswith("/goals/1")
    page.get_by_label("What to do").fill("Work through the SQL course")
    page.get_by_label("Estimate in hours").fill("3")
    page.get_by_role("button", name="Add the task").click()
    expect(page.get_by_role("link", name="#1 Work through the SQL course")).to_be_visible()
    tab.check("first-goal")

    # the first plan: made, then accepted
    tab.visit("/plan", "first-plan-empty")
    page.get_by_label("Quick plan (no optimiser)").check()
    page.get_by_role("button", name="Make a plan for the week").click()
    page.get_by_role("button", name="Accept this plan").click()
    tab.check("first-plan-accepted")
    fits(tab)
    cli = cli_for(live_server.db_url)
    sessions = json.loads(ok(cli, "plan", "show", "--json"))
    on_task = [s for s in sessions if "SQL course" in s["title"]]
    assert on_task, sessions  # the task was planned, and the plan kept as accepted
    assert sum(s["hours"] for s in on_task) == 3  # all three hours of it
    table = page.locator("#week-table").inner_text()
    assert "Work through the SQL course" in table

    # a check-in
    tab.visit("/checkin", "first-checkin")
    page.get_by_label("Energy this week (0 to 10)").fill("7")
    page.get_by_label("Stress this week (0 to 10)").fill("4")
    page.get_by_label("Learning").fill("8")
    page.get_by_role("button", name="Check in").click()
    assert page.get_by_role("status").inner_text() == "Check-in saved."
    checkins = json.loads(ok(cli, "checkin", "list", "--json"))
    assert len(checkins) == 1 and checkins[0]["energy"] == 7

    # the report, downloaded as PDF
    tab.visit("/reports", "first-report")
    with page.expect_download() as got:
        page.get_by_role("link", name="PDF").click()
    pdf = got.value.path().read_bytes()
    assert pdf[:5] == b"%PDF-" and len(pdf) > 5_000
    fits(tab)
