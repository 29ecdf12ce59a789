"""Journeys in real Chromium: a new person from the first page to Today, at desktop and
phone size; axe-core checks every page visited and screenshots are kept."""

from __future__ import annotations

from playwright.sync_api import expect

from web.conftest import Visitor


def test_a_new_person_makes_a_profile_and_sees_today(tab: Visitor):
    page = tab.page
    tab.visit("/", "landing")
    assert page.url.endswith("/onboarding")
    expect(page.get_by_role("heading", name="Welcome to Cairn")).to_be_visible()

    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("alert")).to_be_visible()  # every problem, at once, above the form
    assert page.locator("#name").get_attribute("aria-invalid") == "true"
    tab.check("errors")

    page.get_by_label("Your name").fill("Ada Lovelace")
    page.get_by_label("Mid-career: growing in or beyond your field").check()
    page.get_by_label("Hours your contract asks for each week").fill("38")
    page.get_by_role("button", name="Save and continue").click()
    assert page.url.endswith("/onboarding/next")
    expect(page.get_by_role("heading", name="Thank you, Ada Lovelace")).to_be_visible()
    expect(page.get_by_role("link", name="Start your interests")).to_be_visible()
    tab.check("next")

    page.get_by_role("link", name="Go to Today", exact=True).click()
    assert page.url.endswith("/today")
    expect(page.get_by_role("heading", name="Burnout risk: low")).to_be_visible()
    expect(page.get_by_role("table")).to_be_visible()
    tab.check("today")

    page.goto(tab.base + "/")  # once the profile exists, the first page is Today
    assert page.url.endswith("/today")


def test_the_navigation_reaches_every_page_by_keyboard(tab: Visitor):
    page = tab.page
    tab.visit("/onboarding", "start")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "Skip to content"
    expect(skip).to_be_visible()  # the skip link shows when focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    for link in page.get_by_role("navigation", name="Main").get_by_role("link").all():
        address = link.get_attribute("href")
        assert address is not None
        response = page.request.get(tab.base + address)
        assert response.status == 200, address


def test_pages_fit_a_phone_without_sideways_scrolling(tab: Visitor):
    page = tab.page
    tab.visit("/onboarding", "onboarding")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"]
    tab.visit("/plan", "placeholder")
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
