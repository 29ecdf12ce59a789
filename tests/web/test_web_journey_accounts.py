"""Journeys in real Chromium on a server for many people (PostgreSQL), at desktop and
phone size with axe-core on every page: sign up, make a profile, see Today, sign out,
be sent to sign in and sign in again; and a person shares with a mentor, who comments
and suggests a goal, which the person accepts, then revokes the share."""
# ruff: noqa: F811 - the fixtures of web/many.py are imported, then taken as parameters

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from web.conftest import LiveServer, Visitor, free_port
from web.many import PASSWORD, many_app, pg_url  # noqa: F401 - fixtures


@pytest.fixture
def live_server(pg_url: str) -> Iterator[LiveServer]:
    """The real server in multi-user mode on a free port (this module's ``tab`` uses it)."""
    import uvicorn

    port = free_port()
    app = many_app(pg_url)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the live server did not start")
        time.sleep(0.02)
    yield LiveServer(f"http://127.0.0.1:{port}", pg_url, server, thread)
    server.should_exit = True
    thread.join(10)


def test_sign_up_sign_out_and_sign_in_again(tab: Visitor):
    page = tab.page
    tab.visit("/today", "sent-to-sign-in")
    assert "/sign-in?next=/today" in page.url
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()

    page.get_by_role("link", name="Make an account").click()
    page.get_by_role("button", name="Make my account").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert page.locator("#email").get_attribute("aria-invalid") == "true"
    tab.check("sign-up-errors")

    page.get_by_label("Email").fill("ada@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Make my account").click()
    assert page.url.endswith("/onboarding")
    tab.check("onboarding")
    page.get_by_label("Your name").fill("Ada Lovelace")
    page.get_by_label("Mid-career: growing in or beyond your field").check()
    page.get_by_label("Hours your contract asks for each week").fill("38")
    page.get_by_role("button", name="Save and continue").click()
    assert page.url.endswith("/onboarding/next")
    page.get_by_role("link", name="Go to Today", exact=True).click()
    assert page.url.endswith("/today")
    tab.check("today")
    cookie = next(c for c in page.context.cookies() if c["name"] == "cairn_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"

    page.get_by_role("link", name="ada@example.org").click()
    expect(page.get_by_role("heading", name="Your account", exact=True)).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"]
    tab.check("account")
    page.get_by_role("button", name="Sign out", exact=True).click()
    assert "/sign-in" in page.url
    tab.check("signed-out")

    page.goto(tab.base + "/today")
    assert "/sign-in?next=/today" in page.url
    page.get_by_label("Email").fill("ada@example.org")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert page.locator("#password").input_value() == ""  # a password is never shown again
    tab.check("sign-in-wrong")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    assert page.url.endswith("/today")  # back where the person was going
    assert "Ada Lovelace" in page.content()


def sign_up(visitor: Visitor, email: str, name: str) -> None:
    """Make an account and a profile through the pages."""
    page = visitor.page
    page.goto(visitor.base + "/sign-up")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Make my account").click()
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Mid-career: growing in or beyond your field").check()
    page.get_by_label("Hours your contract asks for each week").fill("38")
    page.get_by_role("button", name="Save and continue").click()
    assert page.url.endswith("/onboarding/next")


def test_a_person_shares_with_a_mentor_who_comments_and_suggests_then_revokes(tab: Visitor):
    page = tab.page
    mentor_context = page.context.browser.new_context(viewport=page.viewport_size)
    mentor = Visitor(mentor_context.new_page(), tab.base, tab.folder / "mentor")
    sign_up(mentor, "sam@example.org", "Sam")
    sign_up(tab, "ada@example.org", "Ada")
    token = page.locator("body").get_attribute("hx-headers")
    assert token and "X-CSRF-Token" in token
    made = page.request.post(tab.base + "/api/v1/goals", data={"title": "Lead a team"},
                             headers={"X-CSRF-Token": token.split('"')[3]})
    assert made.status == 201
    checked_in = page.request.post(tab.base + "/api/v1/checkins", headers={
        "X-CSRF-Token": token.split('"')[3]}, data={"energy": 4, "stress": 2})
    assert checked_in.status == 201

    tab.visit("/sharing", "sharing")
    page.get_by_label("Their email (the address of their account here)").fill(
        "sam@example.org")
    for part in ("The week plan", "Check-ins and well-being", "Assessments", "Reviews"):
        page.get_by_label(part).check()
    page.get_by_label("They may comment on your goals (otherwise read-only)").check()
    page.get_by_role("button", name="Share", exact=True).click()
    assert page.url.endswith("/sharing")
    expect(page.get_by_text("sam@example.org: Goals and progress")).to_be_visible()
    tab.check("shared")

    mentor.visit("/shared", "shared-with-me")
    mentor.page.get_by_role("link", name="ada@example.org").click()
    expect(mentor.page.get_by_role("heading", name="Lead a team")).to_be_visible()
    for part in ("The week plan", "Check-ins and well-being", "Assessments", "Reviews"):
        expect(mentor.page.get_by_role("heading", name=part, exact=True)).to_be_visible()
    mentor.page.get_by_label("Your comment on “Lead a team”").fill("Start with one report.")
    mentor.page.get_by_role("button", name="Comment").click()
    expect(mentor.page.get_by_text("Start with one report.")).to_be_visible()
    mentor.check("commented")
    shared_address = mentor.page.url.split("#")[0]
    mentor.page.get_by_label("The goal").fill("Mentor a junior")
    mentor.page.get_by_role("button", name="Suggest").click()
    assert mentor.page.url == shared_address

    tab.visit("/sharing", "audit")
    expect(page.get_by_text("Start with one report.")).to_be_visible()
    expect(page.get_by_role("cell", name="viewed goals and progress").first).to_be_visible()
    page.get_by_role("button", name="Accept “Mentor a junior” as your goal").click()
    expect(page.get_by_text("(accepted: goal 2)")).to_be_visible()
    goals = page.request.get(tab.base + "/api/v1/goals").json()
    assert [g["title"] for g in goals] == ["Lead a team", "Mentor a junior"]
    page.get_by_role("button", name="Revoke the share with sam@example.org").click()
    expect(page.get_by_text("revoked")).to_be_visible()

    answer = mentor.page.goto(shared_address)
    assert answer is not None and answer.status == 404  # on the very next request
    mentor_context.close()
