"""The Plan page in real Chromium: at desktop size a session is dragged on the FullCalendar
week and the stored plan has it at its new time; at phone size the week is a list and a
table, and the plain form moves a session; a real .ics file is imported through the page.
axe-core checks every page visited (the `tab` fixture)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import icalendar
from playwright.sync_api import expect

from conftest import cli_for
from web.conftest import LiveServer, Visitor
from web.scenario import ok

ICS = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Test//Work//EN
X-WR-CALNAME:Work
BEGIN:VEVENT
UID:review@example.com
DTSTAMP:20261101T000000Z
DTSTART:{day}T180000Z
DTEND:{day}T190000Z
SUMMARY:Design review
END:VEVENT
BEGIN:VEVENT
UID:backwards@example.com
DTSTAMP:20261101T000000Z
DTSTART:{day}T100000Z
DTEND:{day}T090000Z
SUMMARY:Backwards
END:VEVENT
END:VCALENDAR
"""


def next_monday() -> dt.date:
    today = dt.datetime.now(dt.UTC).date()
    return today + dt.timedelta(days=7 - today.weekday())


def planned(url: str):
    """A person with free time every day and a habit, two weeks planned and accepted."""
    cli = cli_for(url)
    ok(cli, "init", "--name", "Ada", "--stage", "mid-career", "--hours", "38")
    ok(cli, "availability", "settings", "--timezone", "UTC")
    ok(cli, "availability", "add", "daily", "08:00-22:00")
    ok(cli, "habit", "add", "gym", "-a", "health", "-n", "3", "-m", "60")
    ok(cli, "plan", "--greedy", "--weeks", "2")
    ok(cli, "plan", "accept")
    return cli


def stored(cli) -> list[dict]:
    return json.loads(ok(cli, "plan", "show", "--json"))


def test_a_session_dragged_on_the_calendar_moves_in_the_stored_plan(
        tab: Visitor, live_server: LiveServer):
    cli = planned(live_server.db_url)
    monday = next_monday()
    wednesday = (monday + dt.timedelta(days=2)).isoformat()
    target = f"{wednesday}T15:00:00"
    assert all(s["start"] != target for s in stored(cli))
    page = tab.page
    tab.visit(f"/plan?week={monday.isoformat()}", "plan")
    if page.viewport_size["width"] < 700:
        # a phone: the week is a list (no time grid to drag on) and the table; the form moves
        expect(page.locator(".fc-list")).to_be_visible()
        assert page.locator(".fc-timegrid").count() == 0
        expect(page.locator("#week-table")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        key = next(s["key"] for s in stored(cli) if s["start"][:10] >= monday.isoformat())
        page.select_option("#key", key)
        page.fill("#start", target[:16])
        page.get_by_role("button", name="Move it").click()
        page.wait_for_url(f"**/plan?week={wednesday}")
    else:
        event = page.locator(".fc-timegrid .fc-event.session").first
        event.wait_for()
        top = event.bounding_box()
        assert top
        page.evaluate(f"window.scrollBy(0, {top['y'] - 120})")  # the event and 15:00 in view
        box = event.bounding_box()
        column = page.locator(f'td.fc-timegrid-col[data-date="{wednesday}"]').bounding_box()
        slot = page.locator('td.fc-timegrid-slot-lane[data-time="15:00:00"]').bounding_box()
        assert box and column and slot
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 4)
        page.mouse.down()
        for step in range(1, 21):  # FullCalendar starts a drag after the pointer travels
            page.mouse.move(box["x"] + box["width"] / 2
                            + (column["x"] + column["width"] / 2 - box["x"] - box["width"] / 2)
                            * step / 20,
                            box["y"] + 4 + (slot["y"] + 4 - box["y"] - 4) * step / 20)
        page.mouse.up()
        page.wait_for_url("**moved=1")
    after = stored(cli)
    moved = [s for s in after if s["start"] == target]
    assert len(moved) == 1 and moved[0]["title"] == "gym" and moved[0]["hours"] == 1.0
    assert len(after) == 6  # the rest re-planned around it: nothing lost
    tab.check("moved")
    row = page.locator("#week-table tr", has_text="15:00").first
    assert "gym" in row.inner_text()


def test_a_calendar_is_imported_and_the_plan_subscribed_to(tab: Visitor,
                                                           live_server: LiveServer,
                                                           tmp_path: Path):
    cli = planned(live_server.db_url)
    day = (next_monday() + dt.timedelta(days=1))
    file = tmp_path / "work.ics"
    file.write_text(ICS.format(day=day.strftime("%Y%m%d")), encoding="utf-8")
    page = tab.page
    tab.visit("/plan", "plan")
    page.set_input_files("#file", str(file))
    page.get_by_role("button", name="Import busy times").click()
    status = page.locator(".notice")
    assert "Imported calendar 'Work': 1 busy time" in status.inner_text()
    assert "Backwards" in status.inner_text()  # left out, with the reason
    tab.check("imported")
    busy = json.loads(ok(cli, "calendar", "show", "--json"))
    assert [(b["summary"], b["start"]) for b in busy] == [
        ("Design review", f"{day.isoformat()}T18:00:00")]

    page.get_by_role("button", name="Make a subscription address").click()
    webcal = page.locator(".feed a").get_attribute("href")
    assert webcal is not None and webcal.startswith("webcal://")
    tab.check("subscribe")
    address = "http://" + webcal.removeprefix("webcal://")
    feeds = [icalendar.Calendar.from_ical(page.request.get(address).body()) for _ in range(2)]
    uids = [sorted(str(e["UID"]) for e in f.walk("VEVENT")) for f in feeds]
    assert uids[0] == uids[1]  # stable: a calendar app updates its events in place
    keys = sorted(f"{s['key'].replace(':', '-')}@cairn" for s in stored(cli))
    assert keys and set(keys) <= set(uids[0])


def test_settings_are_changed_through_the_page(tab: Visitor, live_server: LiveServer):
    cli = planned(live_server.db_url)
    page = tab.page
    tab.visit("/settings", "settings")
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    page.get_by_label("Days").fill("sat")
    page.get_by_label("Time", exact=True).fill("25:00-26:00")
    page.get_by_role("button", name="Add", exact=True).click()
    assert page.locator("#span").get_attribute("aria-invalid") == "true"
    tab.check("window-error")
    page.get_by_label("Time", exact=True).fill("09:00-12:00")
    page.get_by_role("button", name="Add", exact=True).click()
    windows = json.loads(ok(cli, "availability", "list", "--json"))["windows"]
    assert ("sat", "09:00", "12:00") in [(w["weekday"], w["start"], w["end"]) for w in windows]
    page.locator("#budget_area").select_option("health")
    page.get_by_label("At least (hours a week)").fill("2")
    page.get_by_role("button", name="Set the budget").click()
    assert json.loads(ok(cli, "budget", "list", "--json")) == [
        {"area": "health", "floor_hours": 2.0, "cap_hours": None, "overflow": "defer"}]
    tab.check("saved")


def test_a_trade_off_is_applied_and_the_new_plan_accepted(tab: Visitor, live_server: LiveServer):
    cli = cli_for(live_server.db_url)
    ok(cli, "init", "--name", "Ada", "--stage", "mid-career", "--hours", "38")
    ok(cli, "availability", "settings", "--timezone", "UTC")
    ok(cli, "availability", "add", "daily", "18:00-20:00")
    due = (dt.datetime.now(dt.UTC).date() + dt.timedelta(days=3)).isoformat()
    ok(cli, "goal", "add", "Ship the course", "--area", "learning", "--deadline", due)
    ok(cli, "task", "add", "Write all modules", "-e", "20", "--goal", "1")
    page = tab.page
    tab.visit("/plan", "empty")
    page.get_by_label("Quick plan (no optimiser)").check()
    page.get_by_role("button", name="Make a plan for the week").click()
    expect(page.get_by_text("Overcommitted:")).to_be_visible()
    tab.check("overcommitted")
    cut = page.get_by_role("button", name="Apply: Cut task #1")
    cut.click()
    task = json.loads(ok(cli, "task", "show", "1", "--json"))
    assert task["estimate_hours"] < 20
    expect(page.get_by_role("heading", name="A new plan is waiting")).to_be_visible()
    page.get_by_role("button", name="Accept this plan").click()
    expect(page.get_by_role("heading", name="Your accepted plan")).to_be_visible()
    assert sum(s["hours"] for s in stored(cli)) == task["estimate_hours"]
    tab.check("accepted")
