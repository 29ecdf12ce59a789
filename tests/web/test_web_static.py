"""The static files: the vendored libraries load in Chromium and define their globals,
each with its licence and a line in the vendor README; the axe harness catches a real
violation; Today's chart draws."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import expect

from cairn.services.app import Cairn
from cairn.web.templating import STATIC, static
from web.conftest import LiveServer, Visitor

VENDOR = STATIC / "vendor"
LIBRARIES = {  # file -> the global it defines, its licence file
    "htmx/htmx.min.js": ("htmx", "htmx/LICENSE"),
    "chartjs/chart.umd.min.js": ("Chart", "chartjs/LICENSE.md"),
    "fullcalendar/index.global.min.js": ("FullCalendar", "fullcalendar/LICENSE.md"),
    "swagger-ui/swagger-ui-bundle.js": ("SwaggerUIBundle", "swagger-ui/LICENSE"),
}


@pytest.mark.parametrize("name", sorted(LIBRARIES))
def test_each_library_is_served_with_its_licence_and_listed(client: TestClient, name: str):
    served = client.get(static(f"vendor/{name}"))
    assert served.status_code == 200
    assert "javascript" in served.headers["content-type"]
    assert served.content == (VENDOR / name).read_bytes()
    licence = VENDOR / LIBRARIES[name][1]
    assert licence.stat().st_size > 500
    readme = (VENDOR / "README.md").read_text(encoding="utf-8")
    assert f"`{Path(name).parent}/" in readme


def test_every_vendored_file_is_accounted_for():
    listed = set(LIBRARIES) | {lic for _, lic in LIBRARIES.values()}
    extra = {"swagger-ui/swagger-ui.css", "swagger-ui/NOTICE",
             "swagger-ui/swagger-ui-bundle.js.LICENSE.txt", "README.md"}
    present = {str(p.relative_to(VENDOR)) for p in VENDOR.rglob("*") if p.is_file()}
    assert present == listed | extra


def test_each_library_runs_in_chromium(chromium, live_server: LiveServer):
    page = chromium.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(live_server.url + "/healthz")
    for name, (symbol, _) in sorted(LIBRARIES.items()):
        page.add_script_tag(url=live_server.url + static(f"vendor/{name}"))
        assert page.evaluate(f"typeof window.{symbol}") in ("function", "object"), name
    assert page.evaluate("Chart.version").startswith("4.")
    assert page.evaluate("FullCalendar.version").startswith("6.")
    assert page.evaluate("htmx.version").startswith("2.")
    page.close()
    assert errors == []


def test_axe_fails_a_page_with_a_serious_violation(tab: Visitor):
    tab.visit("/onboarding", "clean")
    tab.page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', "
                      "'<img src=\"/static/favicon.svg\">')")  # no alt text: critical
    with pytest.raises(AssertionError, match="image-alt"):
        tab.check("broken")


def test_today_draws_the_balance_wheel(tab: Visitor, live_server: LiveServer):
    app = Cairn.open(live_server.db_url)
    app.profile.init("Ada Lovelace", "mid-career", 38)
    app.track.record.checkin(6, 4, satisfaction={a.key: 7 for a in app.profile.areas()[:3]})
    app.close()
    tab.visit("/today", "wheel")
    canvas = tab.page.locator("canvas#wheel")
    expect(canvas).to_be_visible()
    painted = tab.page.evaluate(
        "(() => { const c = document.getElementById('wheel');"
        " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
        " let n = 0; for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) n++; } return n; })()")
    assert painted > 1000  # Chart.js drew the wheel
    assert tab.page.locator("canvas#wheel").get_attribute("aria-label").startswith(
        "Satisfaction by life area")
