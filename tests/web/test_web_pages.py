"""The pages in-process: onboarding (good and bad input, nothing written on bad input),
Today (every part of the status), the placeholders and the navigation."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

from cairn.services.app import Cairn
from cairn.web.app import routers
from cairn.web.links import NAV
from cairn.web.pages.placeholders import PLACEHOLDERS
from web.scenario import busy_weeks, ok

GOOD = {"name": "Ada Lovelace", "life_stage": "early-career", "contract_hours": "32.5"}


def field_error(html: str, name: str) -> str:
    """The error shown beside a field (empty when there is none)."""
    found = re.search(rf'<p class="error" id="{name}-error">(.*?)</p>', html, re.DOTALL)
    return found[1] if found else ""


def test_a_first_time_person_is_sent_to_onboarding(client: TestClient):
    for address in ("/", "/today"):
        sent = client.get(address, follow_redirects=False)
        assert sent.status_code == 303
        assert sent.headers["location"] == "/onboarding"
    page = client.get("/onboarding")
    assert page.status_code == 200
    assert '<label for="name">Your name</label>' in page.text
    assert 'aria-current="step"' in page.text
    assert page.text.count('type="radio"') == 6  # every life stage


def test_onboarding_makes_the_profile_and_goes_on(client: TestClient, db_url: str):
    sent = client.post("/onboarding", data=GOOD, follow_redirects=False)
    assert sent.status_code == 303
    assert sent.headers["location"] == "/onboarding/next"
    app = Cairn.open(db_url)
    profile = app.profile.get()
    app.close()
    assert (profile.name, profile.life_stage.value, profile.contract_hours) == (
        "Ada Lovelace", "early-career", 32.5)
    nxt = client.get("/onboarding/next")
    assert "Thank you, Ada Lovelace" in nxt.text
    assert 'href="/onboarding/assess/interests"' in nxt.text
    assert 'href="/today"' in nxt.text
    assert client.get("/", follow_redirects=False).headers["location"] == "/today"
    again = client.get("/onboarding")  # the form shows what is stored, to change it
    assert 'value="Ada Lovelace"' in again.text
    assert 'value="early-career" checked' in again.text


@pytest.mark.parametrize(("fields", "bad", "says"), [
    ({"name": "  "}, "name", "The name is empty."),
    ({"name": "x" * 201}, "name", "at most 200"),
    ({"life_stage": ""}, "life_stage", "Choose where you are in your working life."),
    ({"life_stage": "retired"}, "life_stage", "is not a life stage"),
    ({"contract_hours": "many"}, "contract_hours", "as a number"),
    ({"contract_hours": "nan"}, "contract_hours", "as a number"),
    ({"contract_hours": "400"}, "contract_hours", "outside 0-100"),  # the service's check
    ({"contract_hours": "-1"}, "contract_hours", "outside 0-100"),
])
def test_onboarding_shows_each_error_beside_its_field_and_writes_nothing(
        member: TestClient, exported, fields, bad, says):
    before = exported()
    shown = member.post("/onboarding", data=GOOD | fields)
    assert shown.status_code == 422
    assert says in field_error(shown.text, bad)
    assert re.search(rf'id="{bad}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="{bad}"',
                     shown.text) or f'<fieldset class="field invalid" aria-describedby="{bad}'\
        in shown.text
    assert 'role="alert"' in shown.text
    others = [f for f in ("name", "life_stage", "contract_hours") if f != bad]
    assert all(field_error(shown.text, f) == "" for f in others)
    assert exported() == before  # nothing written


def test_onboarding_reports_every_bad_field_at_once(client: TestClient, exported):
    before = exported()
    shown = client.post("/onboarding", data={"name": "", "life_stage": "x",
                                             "contract_hours": "y"})
    assert shown.status_code == 422
    assert "Please correct 3 fields" in shown.text
    assert all(field_error(shown.text, f) for f in ("name", "life_stage", "contract_hours"))
    assert exported() == before


def test_onboarding_without_any_field_is_a_422_page(client: TestClient, exported):
    before = exported()
    shown = client.post("/onboarding")
    assert shown.status_code == 422
    assert "Please correct 3 fields" in shown.text
    assert exported() == before


def test_the_next_step_before_a_profile_says_how_to_make_one(client: TestClient):
    shown = client.get("/onboarding/next")
    assert shown.status_code == 409
    assert "There is no profile yet." in shown.text
    # the error carries its action: a link to the page that makes a profile
    assert 'Run <a href="/onboarding">the profile form</a> first.' in shown.text


def test_today_shows_every_part_of_the_status(client: TestClient, cli, frozen):
    busy_weeks(cli, frozen)
    ok(cli, "goal", "add", "Learn SQL", "--why", "Data work", "--deadline", "2027-06-30")
    page = client.get("/today")
    assert page.status_code == 200
    html = page.text
    assert "Mon 23 Nov 2026" in html and "Hello, Alex Rivera." in html
    assert "Weekly review</strong> due since" in html  # reviews due, with where to start them
    assert '<a href="/review?kind=weekly">start it</a>' in html
    assert "Follow up with Sam" in html
    assert '<a href="/network/contacts/1">log the follow-up</a>' in html
    assert 'class="level level-high">high<' in html  # burnout level, reasons, advice
    assert "Stress averaged 9.0/10 over the last" in html and "What to do:" in html
    assert "Consider rest mode." in html and "cairn rest start --reason REASON" in html
    assert re.search(r"<th scope=\"row\">Career</th>\s*<td>4/10</td>\s*<td>70.0</td>", html)
    assert '<canvas id="wheel"' in html and '"satisfaction": 4' in html  # the chart's data
    assert "Learn SQL" in html and 'aria-label="Progress of Learn SQL"' in html
    assert "Check-ins: <strong>5</strong> weeks in a row" in html
    assert "<strong>70.0 h/week</strong> over 4 weeks" in html
    planned = json.loads(ok(cli, "plan", "show", "--json"))
    today = [p for p in planned if p["start"].startswith("2026-11-23")]
    assert today  # today's planned sessions, each with its times
    for p in today:
        assert (f'<time datetime="{p["start"]}">{p["start"][11:16]}</time>\u2013'
                f'<time datetime="{p["end"]}">{p["end"][11:16]}</time> '
                f'<strong>{p["title"]}</strong>') in html


def test_today_in_rest_mode_lets_things_wait(client: TestClient, cli, frozen):
    busy_weeks(cli, frozen)
    ok(cli, "rest", "start", "--reason", "holiday")
    html = client.get("/today").text
    assert "Rest mode is on" in html and "(holiday)" in html
    assert "Waiting while you rest" in html and "Weekly review (your first week" in html
    assert "the reasons and advice wait until it ends" in html
    assert "Consider rest mode." not in html
    assert "<code>cairn rest stop</code>" in html


def test_today_is_built_again_after_every_change(member: TestClient, web_app, db_url):
    views = web_app.state.web.views
    first = member.get("/today").text
    assert "No open goals." in first
    member.get("/today")
    assert views.hits >= 1  # nothing changed: the page was kept
    app = Cairn.open(db_url)
    from cairn.core.model import Horizon

    app.goals.add("Run a marathon", area="health", horizon=Horizon.SHORT_TERM)
    app.close()
    assert "Run a marathon" in member.get("/today").text  # the write is seen at once


def test_a_failed_write_keeps_the_page(member: TestClient, web_app, db_url):
    views = web_app.state.web.views
    member.get("/today")
    hits = views.hits
    app = Cairn.open(db_url)
    from cairn.core.errors import InvalidInput
    from cairn.core.model import Horizon

    with pytest.raises(InvalidInput):
        app.goals.add("", area="health", horizon=Horizon.SHORT_TERM)
    app.close()
    member.get("/today")
    assert views.hits == hits + 1  # a rolled-back write leaves the data version as it was


@pytest.mark.parametrize(("label", "address"), NAV)
def test_every_page_in_the_navigation_answers(member: TestClient, label, address):
    page = member.get(address)
    assert page.status_code == 200
    assert f'href="{address}" aria-current="page">{label}</a>' in page.text
    if address in PLACEHOLDERS:
        assert all(f"<code>{c}</code>" in page.text for c in PLACEHOLDERS[address].commands)


def test_every_address_in_the_navigation_is_served_once():
    paths = [r.path for router in routers() for r in router.routes
             if "GET" in getattr(r, "methods", ())]
    assert all(paths.count(address) == 1 for _, address in NAV), paths
    assert set(PLACEHOLDERS) <= {address for _, address in NAV}


def test_the_layout_has_landmarks_a_skip_link_and_the_static_files(member: TestClient):
    html = member.get("/today").text
    assert '<a class="skip" href="#main">Skip to content</a>' in html
    assert '<nav aria-label="Main">' in html and '<main id="main"' in html
    assert "<header" in html and "<footer" in html and '<html lang="en">' in html
    for asset in re.findall(r'(?:href|src)="(/static/[^"]+)"', html):
        assert member.get(asset).status_code == 200, asset
