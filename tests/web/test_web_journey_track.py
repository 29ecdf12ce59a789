"""Journeys in real Chromium for Check-in, Review, Reports and Your data, at desktop and
phone size: a check-in, a log and a win; a review through to its decisions; a report
downloaded; an export, delete everything, and an import restoring it. axe-core checks
every page visited."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

from web.conftest import Visitor


def onboard(tab: Visitor) -> None:
    page = tab.page
    page.goto(tab.base + "/onboarding")
    page.get_by_label("Your name").fill("Ada Lovelace")
    page.get_by_label("Mid-career: growing in or beyond your field").check()
    page.get_by_label("Hours your contract asks for each week").fill("38")
    page.get_by_role("button", name="Save and continue").click()
    assert page.url.endswith("/onboarding/next")


def fits(tab: Visitor) -> None:
    """No sideways scrolling."""
    page = tab.page
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_a_checkin_a_log_and_a_win(tab: Visitor):
    page = tab.page
    onboard(tab)
    tab.visit("/checkin", "checkin")
    fits(tab)
    page.get_by_role("button", name="Check in").click()  # empty: shown again, nothing kept
    assert page.locator("#energy").get_attribute("aria-invalid") == "true"
    tab.check("checkin-errors")
    page.get_by_label("Energy this week (0 to 10)").fill("6")
    page.get_by_label("Stress this week (0 to 10)").fill("3")
    page.get_by_label("Career").fill("7")
    page.get_by_role("button", name="Check in").click()
    assert page.get_by_role("status").inner_text() == "Check-in saved."
    assert "career 7" in page.locator("section", has_text="Recent check-ins").inner_text()

    page.get_by_label("How long").fill("1h30")
    page.get_by_label("Life area").select_option("learning")
    page.get_by_label("What you did (optional)").fill("SQL chapter 2")
    page.get_by_role("button", name="Log it").click()
    assert page.get_by_role("status").inner_text() == "Time logged."
    assert "SQL chapter 2" in page.locator("div[aria-labelledby=recent-logs-title]").inner_text()

    page.get_by_label("What went well").fill("Gave the talk")
    page.get_by_role("button", name="Note the win").click()
    assert page.get_by_role("status").inner_text() == "Win noted."
    assert "Gave the talk" in page.locator("ul.wins").inner_text()
    tab.check("checkin-done")
    fits(tab)


def test_a_review_through_to_its_decisions(tab: Visitor):
    page = tab.page
    onboard(tab)
    for title in ("Learn SQL", "Run a marathon"):
        assert page.request.post(tab.base + "/api/v1/goals",
                                 data={"title": title, "area": "learning"}).status == 201
    tab.visit("/review", "review")
    fits(tab)
    expect(page.get_by_role("heading", name="Weekly review")).to_be_visible()
    expect(page.get_by_role("table", name="Progress per open goal")).to_be_visible()
    goal = page.get_by_role("group", name="#2 Run a marathon")
    goal.get_by_label("Decision").select_option("drop")
    page.get_by_role("button", name="Hold the weekly review").click()  # no reason: refused
    assert page.locator("#why-2").get_attribute("aria-invalid") == "true"
    tab.check("review-errors")
    page.get_by_role("group", name="#2 Run a marathon").get_by_label(
        "Why (needed to drop it)").fill("no time this year")
    page.get_by_role("group", name="#1 Learn SQL").get_by_label("Decision").select_option(
        "priority")
    page.get_by_role("group", name="#1 Learn SQL").get_by_label(
        "New priority (to change it)").select_option("high")
    page.get_by_label("What went well since the last review? (optional)").fill("Shipped it")
    page.get_by_role("button", name="Hold the weekly review").click()
    assert page.url.endswith("/review/1?held=1")
    expect(page.get_by_role("status")).to_be_visible()
    decided = page.locator("section", has_text="Decisions").inner_text()
    assert "priority 1 high" in decided and "drop 2 no time this year" in decided
    tab.check("review-held")


def test_a_report_is_read_and_downloaded(tab: Visitor, tmp_path: Path):
    page = tab.page
    onboard(tab)
    page.request.post(tab.base + "/api/v1/goals", data={"title": "Learn SQL",
                                                        "deadline": "2030-01-31"})
    tab.visit("/reports", "reports")
    fits(tab)
    expect(page.get_by_role("heading", name="Career plan of Ada Lovelace")).to_be_visible()
    assert "Learn SQL" in page.get_by_role("region", name="The report as it prints").inner_text()
    with page.expect_download() as done:
        page.get_by_role("link", name="PDF").click()
    download = done.value
    assert download.suggested_filename.startswith("cairn-report-")
    assert download.suggested_filename.endswith(".pdf")
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    assert target.read_bytes().startswith(b"%PDF")


def test_export_delete_everything_and_import_it_back(tab: Visitor, tmp_path: Path):
    page = tab.page
    onboard(tab)
    page.request.post(tab.base + "/api/v1/goals", data={"title": "Learn SQL"})
    tab.visit("/data", "data")
    fits(tab)
    kept = page.locator("section", has_text="What is kept").locator("strong").first.inner_text()
    with page.expect_download() as done:
        page.get_by_role("link", name="Download the export").click()
    export = tmp_path / done.value.suggested_filename
    done.value.save_as(export)
    assert export.read_bytes().startswith(b"{")

    page.get_by_label("Type 'delete everything' to confirm").fill("delete")
    page.get_by_role("button", name="Delete everything").click()
    assert page.locator("#confirm").get_attribute("aria-invalid") == "true"
    tab.check("delete-refused")
    page.get_by_label("Type 'delete everything' to confirm").fill("delete everything")
    page.get_by_role("button", name="Delete everything").click()
    assert page.get_by_role("status").inner_text().startswith(f"Deleted {kept} rows")
    tab.check("deleted")

    page.get_by_label("Export file").set_input_files(str(export))
    page.get_by_role("button", name="Import").click()
    assert page.get_by_role("status").inner_text() == f"Imported {kept} rows."
    tab.check("imported")
    tab.visit("/checkin", "after-import")  # the profile is back: no onboarding
    assert page.url.endswith("/checkin")
