"""The Goals journey in real Chromium, at desktop and phone size: add a goal, fix a SMART
finding by its button, edit the goal, add a task and finish it, reach a milestone;
axe-core checks every page and state visited, and no page scrolls sideways on a phone."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from web.conftest import Visitor


def fits(tab: Visitor) -> None:
    width = tab.page.evaluate("document.documentElement.scrollWidth")
    assert width <= tab.page.viewport_size["width"], tab.page.url


def test_a_goal_from_the_form_to_a_finished_task(tab: Visitor):
    page = tab.page
    tab.visit("/onboarding", "onboarding")
    page.get_by_label("Your name").fill("Ada Lovelace")
    page.get_by_label("Mid-career: growing in or beyond your field").check()
    page.get_by_label("Hours your contract asks for each week").fill("38")
    page.get_by_role("button", name="Save and continue").click()

    tab.visit("/goals", "goals-empty")
    expect(page.get_by_role("heading", name="Goals", exact=True)).to_be_visible()
    page.get_by_role("button", name="Add the goal").click()  # nothing filled in yet
    assert page.url.endswith("/goals/new")
    expect(page.get_by_role("alert")).to_be_visible()
    assert page.locator("#title").get_attribute("aria-invalid") == "true"
    tab.check("add-errors")

    page.get_by_label("Title", exact=True).fill("Learn Spanish")
    page.get_by_label("Why it matters").fill("Travel")
    page.get_by_label("What you measure").fill("lessons")
    page.get_by_label("Target").fill("100")
    page.get_by_label("Deadline").fill("2099-12-31")
    page.get_by_role("button", name="Add the goal").click()
    assert page.url.endswith("/goals/1")
    expect(page.get_by_role("heading", name="#1 Learn Spanish")).to_be_visible()
    expect(page.get_by_text("It is short-term but its deadline")).to_be_visible()
    tab.check("goal-not-smart")
    fits(tab)

    # the finding's button leads to the edit form with the fix chosen; saving applies it
    page.get_by_role("link", name="Make it long-term for Learn Spanish").click()
    assert "/goals/1/edit" in page.url
    assert page.get_by_label("Horizon").input_value() == "long-term"
    tab.check("edit-with-fix")
    page.get_by_label("Title", exact=True).fill("Speak Spanish")
    page.get_by_label("Why you change it").fill("Years, not months")
    page.get_by_role("button", name="Save the changes").click()
    assert page.url.endswith("/goals/1")
    expect(page.get_by_role("heading", name="#1 Speak Spanish")).to_be_visible()
    assert page.get_by_text("It is short-term but its deadline").count() == 0
    history = page.get_by_role("region", name="History")
    assert history.get_by_text("Years, not months").count() == 2  # horizon and title

    # a task: added, then finished by its button
    page.get_by_label("What to do").fill("Book a course")
    page.get_by_label("Estimate in hours").fill("2")
    page.get_by_role("button", name="Add the task").click()
    tasks = page.locator("ul.tasks")
    expect(tasks.get_by_text("#1 Book a course")).to_be_visible()
    tab.check("goal-with-task")
    page.get_by_role("button", name=re.compile(r"^Done\W+Book a course$")).click()
    expect(page.get_by_role("button", name=re.compile(r"^Reopen\W+Book a course$"))).to_be_visible()
    expect(tasks.get_by_text("done")).to_be_visible()
    tab.check("task-done")
    fits(tab)

    page.get_by_label("What marks it").fill("A first conversation")
    page.get_by_label("Due by").fill("2099-06-30")
    page.get_by_role("button", name="Add the milestone").click()
    page.get_by_role("button", name=re.compile(r"^Reached\W+A first conversation$")).click()
    expect(page.locator("#tasks-title + h3 + ul").get_by_text("reached")).to_be_visible()
    tab.check("milestone-reached")

    tab.visit("/goals", "tree")
    expect(page.get_by_role("link", name="#1 Speak Spanish")).to_be_visible()
    fits(tab)
    tab.visit("/goals/timeline", "timeline")
    expect(page.get_by_role("link", name="#1 Speak Spanish")).to_be_visible()
    fits(tab)
    tab.visit("/tasks/1/edit", "task-edit")
    fits(tab)
