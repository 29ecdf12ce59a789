"""The view cache of a server: one build for many requests at once, and a page that
follows the person's data (on a server for many people, the version read with the
session's own query)."""

# ruff: noqa: F811 - the fixtures of web/many.py are imported, then taken as parameters

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI

from cairn.services.app import Cairn
from cairn.store.people import Person
from cairn.web.cache import ViewCache
from cairn.web.deps import Web
from cairn.web.settings import WebSettings
from web.many import Member, accounts, many, pg_url  # noqa: F401 - fixtures

THREADS = 8


@pytest.fixture
def web(tmp_path: Path) -> Iterator[Web]:
    """A single-person server's state on a new SQLite database, its view cache empty."""
    url = f"sqlite:///{tmp_path / 'cairn.db'}"
    c = Cairn.open(url)
    person = Person(c.scope.person_id, "UTC", c.scope.now())
    yield Web(db=c.scope.db, person_id=person.id, settings=WebSettings(database_url=url),
              views=ViewCache(), known=(person, 0))
    c.close()


def test_requests_at_once_for_one_view_build_it_once(web: Web):
    builds = 0
    first_building = threading.Event()
    release = threading.Event()

    def build(_c: Cairn) -> str:
        nonlocal builds
        builds += 1
        first_building.set()
        release.wait(10)
        return "<html>the page</html>"

    got: list[str] = []

    def one(mark: threading.Event) -> None:
        mark.set()
        got.append(web.views.view(web, "page", build))

    entered = [threading.Event() for _ in range(THREADS)]
    threads = [threading.Thread(target=one, args=(mark,)) for mark in entered]
    threads[0].start()
    assert first_building.wait(10)
    for t in threads[1:]:
        t.start()
    for mark in entered:
        assert mark.wait(10)
    time.sleep(0.05)  # the others reach the cache while the first still builds
    release.set()
    for t in threads:
        t.join(10)
    assert got == ["<html>the page</html>"] * THREADS
    assert builds == 1
    assert (web.views.misses, web.views.hits) == (1, THREADS - 1)


def test_when_the_one_build_fails_the_waiting_requests_build_it_themselves(web: Web):
    builds = 0
    first_building = threading.Event()
    release = threading.Event()
    lock = threading.Lock()

    def build(_c: Cairn) -> str:
        nonlocal builds
        with lock:
            builds += 1
            mine = builds
        if mine == 1:
            first_building.set()
            release.wait(10)
            raise RuntimeError("the first build fails")
        return "<html>built again</html>"

    got: list[str] = []
    failed: list[str] = []

    def one() -> None:
        try:
            got.append(web.views.view(web, "page", build))
        except RuntimeError as err:
            failed.append(str(err))

    threads = [threading.Thread(target=one) for _ in range(THREADS)]
    threads[0].start()
    assert first_building.wait(10)
    for t in threads[1:]:
        t.start()
    time.sleep(0.05)
    release.set()
    for t in threads:
        t.join(10)
    assert failed == ["the first build fails"]
    assert len(got) == THREADS - 1 and set(got) == {"<html>built again</html>"}
    assert web.views.view(web, "page", build) == "<html>built again</html>"


def test_a_kept_view_is_a_hit_and_another_version_builds_anew(web: Web):
    import dataclasses

    built: list[int] = []

    def build(_c: Cairn) -> int:
        built.append(1)
        return len(built)

    assert web.views.view(web, "page", build) == 1
    assert web.views.view(web, "page", build) == 1
    assert web.known is not None
    newer = dataclasses.replace(web, known=(web.known[0], web.known[1] + 1))
    assert web.views.view(newer, "page", build) == 2


def test_on_a_server_for_many_people_today_follows_each_change(many: FastAPI,
                                                                accounts: object):
    ada = Member(many, "ada@example.org").sign_up()
    ada.onboard("Ada Lovelace")
    first = ada.client.get("/today")
    assert first.status_code == 200 and "Rest mode is on" not in first.text
    assert ada.client.get("/today").text == first.text  # kept: the same page
    web = many.state.web
    before = web.views.hits
    ada.client.get("/today")
    assert web.views.hits == before + 1
    from cairn.web.sessions import COOKIE

    version = accounts.visit(ada.client.cookies[COOKIE]).version  # type: ignore[attr-defined]
    assert ada.post("/checkin/rest").status_code == 303
    assert accounts.visit(ada.client.cookies[COOKIE]).version > version  # type: ignore[attr-defined]
    assert "Rest mode is on" in ada.client.get("/today").text
