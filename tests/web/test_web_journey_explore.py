"""The Explore journey in real Chromium, desktop and phone: install the catalog by uploading
the O*NET release zip (a live progress bar), take the interests assessment one item per
screen (resuming after a reload), see the first matches, an occupation, and make a gap a
goal; axe-core checks every page visited."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import cli_for
from web.conftest import LiveServer, Visitor
from web.release import build_zip

pytestmark = pytest.mark.onet
TIMEOUT = 120_000  # ms: the import of the whole release on a busy machine


def _answer(tab: Visitor, key: str, count: int, liked: str = "i") -> None:
    """Answer ``count`` items of ``key`` by clicking, liking the items of one type."""
    page = tab.page
    for _ in range(count):
        item = page.locator('input[name="item_id"]').get_attribute("value") or ""
        label = "Strongly like" if item.startswith(liked) else "Dislike"
        if key == "values":
            label = "Very important"
        page.get_by_label(label, exact=True).check()
        page.get_by_role("button", name="Next").click()
        page.wait_for_load_state()  # the next item's page, before it is read


def test_install_assess_match_explore_and_make_a_gap_a_goal(
        tab: Visitor, live_server: LiveServer, onet_dir: Path, tmp_path: Path):
    page = tab.page
    page.set_default_timeout(30_000)
    tab.visit("/onboarding", "start")
    page.get_by_label("Your name").fill("Ada Lovelace")
    page.get_by_label("Exploring: finding out what work would suit you").check()
    page.get_by_role("button", name="Save and continue").click()

    # the catalog, uploaded from the browser, with a progress bar the page polls
    tab.visit("/explore", "explore-empty")
    expect(page.get_by_text("The catalog is not installed yet")).to_be_visible()
    page.get_by_label("The O*NET release zip").set_input_files(build_zip(onet_dir, tmp_path))
    page.get_by_role("button", name="Upload and install").click()
    assert page.url.endswith("/explore/install")
    tab.check("installing")
    page.get_by_text("Done.").wait_for(timeout=TIMEOUT)
    assert "occupations" in page.locator("#progress").inner_text()
    tab.check("installed")

    # the interests, one item per screen; a reload resumes at the first unanswered item
    page.goto(tab.base + "/onboarding/next")
    page.get_by_role("link", name="Start your interests").click()
    expect(page.get_by_text("1 of 60")).to_be_visible()
    tab.check("first-item")
    page.get_by_role("button", name="Next").click()  # no answer chosen
    expect(page.get_by_text("Choose an answer.").first).to_be_visible()
    tab.check("item-error")
    _answer(tab, "interests", 3)
    expect(page.get_by_text("4 of 60")).to_be_visible()  # the last answer's page has loaded
    page.wait_for_load_state()
    page.reload()
    expect(page.get_by_text("4 of 60")).to_be_visible()
    expect(page.get_by_text("3 answered")).to_be_visible()
    _answer(tab, "interests", 57)
    assert page.url.endswith("/onboarding/assess/values")
    tab.check("values")
    _answer(tab, "values", 18)

    # the first matches, each with its reasons
    assert page.url.endswith("/onboarding/matches")
    expect(page.get_by_role("heading", name=re.compile("your code is I"))).to_be_visible()
    first = page.locator("ol.matches > li").first
    assert "Interests" in first.inner_text()
    tab.check("first-matches")

    # search as you type, then an occupation's page
    page.goto(tab.base + "/explore")
    page.get_by_label("Words in a title, a description or a task").press_sequentially(
        "software developers")
    link = page.locator("#results").get_by_role("link", name="Software Developers", exact=True)
    link.wait_for()
    tab.check("search")
    link.click()
    expect(page.get_by_role("heading", name=re.compile("^Software Developers"))).to_be_visible()
    expect(page.get_by_text("This product includes information from the O*NET")).to_be_visible()
    tab.check("occupation")

    # matches with filters
    tab.visit("/explore/matches?zone4=1", "matches")
    assert page.locator("ol.matches > li").count() > 0

    # rate some skills (the command line), then make the top gaps a goal
    cli = cli_for(live_server.db_url)
    skills = tmp_path / "skills.toml"
    skills.write_text('"2.A.1.a" = 4\n"2.B.3.e" = 1\n"2.C.3.a" = 2\n')
    assert cli("assess", "skills", "--knowledge", "--answers", str(skills)).exit_code == 0
    tab.visit("/explore/15-1252.00/gap", "gaps")
    expect(page.get_by_role("cell", name="Programming", exact=True)).to_be_visible()
    page.get_by_label("How many gaps to take on").fill("2")
    page.get_by_label("Hours a week for it").fill("6")
    page.get_by_role("button", name="Make this a goal").click()
    assert re.search(r"/goals/\d+$", page.url)  # on to the new goal's page
    heading = page.get_by_role("heading", name=re.compile("Close my top 2 skill gaps"))
    expect(heading).to_be_visible()
    tab.check("goal-made")
    goals = json.loads(cli("goal", "list", "--json").stdout)
    assert [g["title"] for g in goals] == ["Close my top 2 skill gaps for Software Developers"]

    # a career path, drawn and listed
    tab.visit("/explore/15-1252.00/path?from=15-1251.00", "path")
    assert page.locator('svg[role="img"] rect').count() >= 2
    expect(page.get_by_role("heading", name=re.compile("^Best path"))).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"] + 1
