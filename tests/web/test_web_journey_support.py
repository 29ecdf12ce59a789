"""A journey through Network, Library and Guide in real Chromium, at desktop and phone size:
follow a piece of advice to add a contact with a follow-up, mark the follow-up done, add
and finish a resource, preview and apply a goal template, ask for feedback on the goal it
made and record the answer. axe-core checks every page."""

from __future__ import annotations

from playwright.sync_api import expect

from web.conftest import Visitor


def fits_the_screen(tab: Visitor) -> None:
    width = tab.page.evaluate("document.documentElement.scrollWidth")
    assert width <= tab.page.viewport_size["width"], tab.page.url


def test_network_library_and_guide(tab: Visitor):
    page = tab.page
    tab.visit("/onboarding", "onboarding")
    page.get_by_label("Your name").fill("Ada Lovelace")
    page.get_by_label("Mid-career: growing in or beyond your field").check()
    page.get_by_label("Hours your contract asks for each week").fill("38")
    page.get_by_role("button", name="Save and continue").click()
    assert page.url.endswith("/onboarding/next")

    # The guide: advice for an empty network links to the form that adds a contact.
    tab.visit("/guide", "guide")
    fits_the_screen(tab)
    page.get_by_role("link", name="Adds a first contact with a follow-up reminder").click()
    assert "/network/contacts/new?kind=peer&every=4" in page.url
    assert page.get_by_label("Follow up every … weeks").input_value() == "4"
    page.get_by_role("button", name="Add the contact").click()
    expect(page.get_by_role("alert")).to_be_visible()  # no name: said beside the field
    assert page.locator("#name").get_attribute("aria-invalid") == "true"
    tab.check("contact-errors")
    page.get_by_label("Name").fill("Sam Lee")
    page.get_by_label("Mentor").check()
    page.get_by_label("Follow up every … weeks").fill("1")
    page.get_by_role("button", name="Add the contact").click()
    expect(page.get_by_role("heading", name="Sam Lee mentor")).to_be_visible()
    tab.check("contact")

    # The follow-up is due within two weeks: mark it done from the Network page.
    page.get_by_role("link", name="Network", exact=True).first.click()
    assert page.url.endswith("/network")
    tab.check("network")
    fits_the_screen(tab)
    page.get_by_label("What you talked about (optional)").fill("Coffee and career talk")
    page.get_by_role("button", name="Mark the follow-up with Sam Lee done").click()
    # htmx swaps the follow-ups and the contacts in place (without it: the page again).
    expect(page.locator("#followups")).not_to_contain_text("last contact never")
    expect(page.locator("#contacts")).not_to_contain_text("never")
    assert page.url.endswith("/network")
    tab.check("followup-done")
    page.get_by_role("link", name="Sam Lee").first.click()
    expect(page.get_by_text("Coffee and career talk")).to_be_visible()

    # The library: add a course linked to a skill, start it and finish it.
    tab.visit("/library", "library")
    page.get_by_role("link", name="Add a resource").click()
    page.get_by_label("Title").fill("Programming in Go")
    page.get_by_label("Course").check()
    page.get_by_label("Skills it raises").fill("2.B.3.e")
    page.get_by_label("Learning").check()
    tab.check("resource-form")
    page.get_by_role("button", name="Add the resource").click()
    expect(page.get_by_role("heading", name="Programming in Go course, todo")).to_be_visible()
    page.get_by_role("button", name="Start it").click()
    started = page.get_by_role("heading", name="Programming in Go course, in-progress")
    expect(started).to_be_visible()
    page.get_by_role("button", name="Mark it finished").click()
    expect(page.get_by_role("heading", name="Programming in Go course, done")).to_be_visible()
    expect(page.get_by_role("heading", name="Your self-ratings for its skills")).to_be_visible()
    tab.check("resource-done")
    tab.visit("/library", "library-evidence")
    expect(page.get_by_role("heading", name="Skill evidence")).to_be_visible()
    assert page.get_by_role("link", name="Programming in Go").count() >= 1

    # A goal template: preview it with my hours, then apply it.
    tab.visit("/guide", "guide-again")
    page.get_by_role("link", name="Explore a new field").click()
    page.get_by_label("Hours a week you can give it").fill("3")
    page.get_by_label("Field", exact=True).fill("data science")
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_role("heading", name="What it will create")).to_be_visible()
    expect(page.get_by_text("Find out whether data science suits me")).to_be_visible()
    tab.check("template-preview")
    fits_the_screen(tab)
    page.get_by_role("button", name="Apply the template").click()
    assert "/guide/made?goal=" in page.url
    expect(page.get_by_role("heading", name="Your new goals")).to_be_visible()
    expect(page.get_by_text("Find out whether data science suits me")).to_be_visible()
    tab.check("template-applied")

    # Feedback on the new goal: ask Sam, then record what Sam said.
    tab.visit("/network/ask", "ask")
    page.get_by_label("Whom you ask").select_option(label="Sam Lee")
    page.get_by_label("The goal you want feedback on").select_option(
        label="Find out whether data science suits me")
    page.get_by_label("What you ask them").fill("What should I try first?")
    page.get_by_role("button", name="Record the request").click()
    expect(page.get_by_text("“What should I try first?”")).to_be_visible()
    page.get_by_label("The feedback Sam Lee gave").fill("A small Kaggle project")
    page.get_by_role("button", name="Record the feedback").click()
    expect(page.get_by_text("A small Kaggle project")).to_be_visible()
    tab.check("feedback")
    tab.visit("/network/contacts/1/edit", "contact-edit")
    tab.visit("/guide?all=1", "guide-all")
    fits_the_screen(tab)
