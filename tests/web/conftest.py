"""Fixtures of the web app's tests: the app in-process on each backend, the person's export
(to check that bad input wrote nothing), and the browser harness: a live server on a free
port, Chromium through Playwright, axe-core on every page visited, screenshots kept.

Browser tests skip loudly without Chromium (``apt-get install -y chromium``), and fail
under CI=true, where nothing may be skipped.
"""

from __future__ import annotations

import re
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import time_machine
from fastapi import FastAPI
from fastapi.testclient import TestClient

from cairn.services.app import Cairn
from cairn.services.people import local_person
from cairn.store.db import Database
from cairn.web.app import create_app
from cairn.web.settings import WebSettings
from conftest import ROOT, missing

ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
SERIOUS = ("serious", "critical")
# Chromium logs every 4xx page it loads (a form shown again with 422): not a script error.
EXPECTED = "Failed to load resource: the server responded with a status of 4"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}


# -- in-process: the framework's test client ---------------------------------------------


@pytest.fixture
def web_app(db_url: str, frozen: time_machine.Coordinates) -> FastAPI:
    """The app on the test database (time frozen), serving its one local person."""
    return create_app(WebSettings(database_url=db_url, zone="UTC"))


@pytest.fixture
def client(web_app: FastAPI) -> Iterator[TestClient]:
    """The test client of a new person's app (no profile yet)."""
    with TestClient(web_app) as test_client:
        yield test_client


@pytest.fixture
def member(client: TestClient) -> TestClient:
    """The test client of a person who has made their profile (through onboarding)."""
    done = client.post("/onboarding", data={"name": "Alex Rivera", "life_stage": "mid-career",
                                            "contract_hours": "38"}, follow_redirects=False)
    assert done.status_code == 303, done.text
    return client


@pytest.fixture
def exported(db_url: str) -> Callable[[], bytes]:
    """``exported()``: the person's data as their export's bytes (equal before and after a
    request means the request wrote nothing), read as the database is then."""

    def export() -> bytes:
        db = Database(db_url)
        try:
            return Cairn.for_person(db, local_person(db).id).data.export().content
        finally:
            db.close()

    return export


# -- the browser: a live server, Chromium, axe-core ---------------------------------------


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class LiveServer:
    """The app served by uvicorn in a thread, on loopback."""

    url: str
    db_url: str
    server: Any
    thread: threading.Thread


@pytest.fixture
def live_server(tmp_path: Path, new_sqlite: Callable[[Path], str]) -> Iterator[LiveServer]:
    """A real server on a free port, on a new SQLite database (real time, one person)."""
    import uvicorn

    port = free_port()
    db_url = new_sqlite(tmp_path / "web.db")
    app = create_app(WebSettings(database_url=db_url, zone="UTC",
                                 allowed_hosts=(f"127.0.0.1:{port}",)))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the live server did not start")
        time.sleep(0.02)
    yield LiveServer(f"http://127.0.0.1:{port}", db_url, server, thread)
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Debian's Chromium, driven by Playwright (its own browser download fails here)."""
    path = shutil.which("chromium")
    if path is None:
        missing("Chromium is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Visitor:
    """One person's browser tab: every page visited is checked by axe-core (no serious or
    critical violation) and kept as a screenshot under test-artifacts/."""

    page: Any
    base: str
    folder: Path
    shots: int = 0
    visited: list[str] = field(default_factory=list)

    def check(self, name: str) -> None:
        """Run axe-core on the page as it is now, and keep a screenshot of it."""
        from axe_playwright_python.sync_playwright import Axe

        self.shots += 1
        self.folder.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(self.folder / f"{self.shots:02d}-{name}.png"),
                             full_page=True)
        results = Axe().run(self.page)
        bad = [f"{v['id']} ({v['impact']}): {v['help']} at "
               f"{[n['target'] for n in v['nodes']][:3]}"
               for v in results.response["violations"] if v["impact"] in SERIOUS]
        assert bad == [], f"axe-core on {self.page.url}: {bad}"
        self.visited.append(self.page.url)

    def visit(self, path: str, name: str) -> None:
        """Open ``path`` and check the page."""
        response = self.page.goto(self.base + path)
        assert response is not None and response.status < 500, path
        self.check(name)


@pytest.fixture(params=["desktop", "phone"])
def tab(chromium: Any, live_server: LiveServer,
        request: pytest.FixtureRequest) -> Iterator[Visitor]:
    """A browser tab on the live server, at desktop size (1280x900) and at phone size
    (360x740); the browser must report no script error."""
    viewport = DESKTOP if request.param == "desktop" else PHONE
    context = chromium.new_context(viewport=viewport)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text)
            if msg.type == "error" and not msg.text.startswith(EXPECTED) else None)
    page.on("response", lambda r: errors.append(f"{r.status} for {r.url}")
            if "/static/" in r.url and r.status >= 400 else None)
    name = re.sub(r"[^\w.-]+", "_", request.node.name)
    yield Visitor(page, live_server.url, ARTIFACTS / name)
    context.close()
    assert errors == [], f"the browser reported errors: {errors}"
