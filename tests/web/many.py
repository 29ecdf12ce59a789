"""A server for many people in-process, for the accounts and isolation tests: the app in
multi-user mode on the PostgreSQL test database (there is no such mode on SQLite), a
cheap argon2id cost (the hash is still argon2id), and people who sign up through the
pages, each in their own client.

Fixtures here are imported by the test modules that use them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import time_machine
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from cairn.services.accounts import AccountPolicy, Accounts, SignUp
from cairn.services.app import Cairn
from cairn.services.mail import SmtpServer
from cairn.store.db import Database
from cairn.web.app import create_app
from cairn.web.settings import WebSettings
from conftest import _truncate_postgres

FAST = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)  # argon2id, cheap for tests
PASSWORD = "correct horse battery"  # noqa: S105 - the tests' people's password
POLICY = AccountPolicy(sign_up=SignUp.OPEN)


@pytest.fixture
def pg_url(request: pytest.FixtureRequest) -> str:
    """The PostgreSQL test database, emptied (people, accounts, failed sign-ins, the
    counts of deleted accounts)."""
    template = request.getfixturevalue("_postgres_template")
    _truncate_postgres(template.url)  # people; their accounts and sessions cascade
    engine = create_engine(template.url)
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM sign_in_attempt"))
        conn.execute(text("DELETE FROM deleted_account"))
    engine.dispose()
    return str(template.url)


def many_app(url: str, policy: AccountPolicy = POLICY, mail: SmtpServer | None = None
             ) -> FastAPI:
    """The app of a server for many people on ``url`` (``mail``: its mail server)."""
    return create_app(WebSettings(database_url=url, zone="UTC", multi_user=True,
                                  account_policy=policy, password_hasher=FAST, mail=mail))


@pytest.fixture
def many(pg_url: str, frozen: time_machine.Coordinates) -> FastAPI:
    """The app in multi-user mode (open sign-up), time frozen."""
    return many_app(pg_url)


@pytest.fixture
def accounts(pg_url: str) -> Iterator[Accounts]:
    """The accounts service on the same database (what `cairn admin` uses)."""
    db = Database(pg_url)
    yield Accounts(db, POLICY, FAST, zone="UTC")
    db.close()


def csrf_of(html: str) -> str:
    """The anti-forgery token a page carries in its forms."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "the page has no anti-forgery field"
    return found[1]


class Member:
    """One person's browser: a client with their session cookie and their token."""

    def __init__(self, app: FastAPI, email: str, **client: Any) -> None:
        self.client = TestClient(app, **client)
        self.email = email
        self.csrf = ""

    def sign_up(self) -> Member:
        made = self.client.post("/sign-up", data={"email": self.email, "password": PASSWORD},
                                follow_redirects=False)
        assert made.status_code == 303, made.text
        self.refresh()
        return self

    def sign_in(self, password: str = PASSWORD) -> Any:
        done = self.client.post("/sign-in", data={"email": self.email, "password": password},
                                follow_redirects=False)
        if done.status_code == 303:
            self.refresh()
        return done

    def refresh(self) -> None:
        """Read the anti-forgery token from the account page."""
        self.csrf = csrf_of(self.client.get("/account").text)

    def post(self, path: str, data: dict[str, str] | None = None, **kw: Any) -> Any:
        """A form post with the token."""
        return self.client.post(path, data={**(data or {}), "csrf_token": self.csrf},
                                follow_redirects=False, **kw)

    @property
    def person_id(self) -> int:
        """The person this browser's session acts for."""
        return _person_of(self)

    def onboard(self, name: str) -> None:
        done = self.post("/onboarding", {"name": name, "life_stage": "mid-career",
                                          "contract_hours": "38"})
        assert done.status_code == 303, done.text


def _person_of(member: Member) -> int:
    from cairn.web.sessions import COOKIE

    app = member.client.app
    web = app.state.web  # type: ignore[attr-defined]
    return int(web.accounts.session(member.client.cookies[COOKIE]).person_id)


def exporter(url: str) -> Callable[[int], bytes]:
    """``export(person_id)``: that person's data as their export's bytes."""

    def export(person_id: int) -> bytes:
        db = Database(url)
        try:
            return Cairn.for_person(db, person_id).data.export().content
        finally:
            db.close()

    return export
