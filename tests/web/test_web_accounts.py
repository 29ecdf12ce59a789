"""Accounts on a server for many people, in-process on PostgreSQL: sign-up, sign-in and
sign-out, cookies, anti-forgery tokens, session fixation and expiry, rate limiting,
password change and reset, deleting an account, the sign-up modes, `cairn admin`, and
single-person mode left as it was."""
# ruff: noqa: F811 - the fixtures of web/many.py are imported, then taken as parameters

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
import time_machine
from fastapi import FastAPI
from fastapi.testclient import TestClient

from cairn.core.errors import NotReady
from cairn.services.accounts import AccountPolicy, Accounts, SignUp
from cairn.web.sessions import COOKIE
from conftest import cli_for
from web.many import (  # noqa: F401 - fixtures
    PASSWORD,
    Member,
    accounts,
    exporter,
    many,
    many_app,
    pg_url,
)

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "cairn" / "web" / "templates"


def field_error(html: str, name: str) -> str:
    found = re.search(rf'<p class="error" id="{name}-error">(.*?)</p>', html, re.DOTALL)
    return found[1] if found else ""


def test_a_server_for_many_people_refuses_sqlite_with_the_reason_and_the_fix(tmp_path: Path):
    with pytest.raises(NotReady) as refused:
        many_app(f"sqlite:///{tmp_path / 'one.db'}")
    assert "needs PostgreSQL" in refused.value.message
    assert "postgresql://" in str(refused.value.hint)
    assert not (tmp_path / "one.db").exists()  # nothing made


def test_sign_up_signs_in_with_a_safe_cookie_and_goes_to_onboarding(many: FastAPI):
    client = TestClient(many)
    made = client.post("/sign-up", data={"email": "Ada@Example.org", "password": PASSWORD},
                       follow_redirects=False)
    assert made.status_code == 303 and made.headers["location"] == "/onboarding"
    cookie = made.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}=")
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie
    page = client.get("/account")
    assert page.status_code == 200 and "ada@example.org" in page.text
    assert "hx-headers='{&#34;X-CSRF-Token&#34;: &#34;" in page.text  # htmx sends the token


def test_over_tls_the_cookie_is_secure(many: FastAPI):
    client = TestClient(many, base_url="https://cairn.example")
    made = client.post("/sign-up", data={"email": "ada@example.org", "password": PASSWORD},
                       follow_redirects=False)
    assert "Secure" in made.headers["set-cookie"]
    assert made.headers["strict-transport-security"] == "max-age=31536000"
    page = client.get("/account")
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert page.headers["referrer-policy"] == "same-origin"
    assert "strict-transport-security" not in TestClient(many).get("/sign-in").headers


def test_a_password_too_long_to_be_one_is_refused_unhashed(many: FastAPI):
    Member(many, "ada@example.org").sign_up()
    huge = TestClient(many).post("/sign-in", data={"email": "ada@example.org",
                                                   "password": "x" * 5000})
    assert huge.status_code == 422 and "not right" in huge.text


def test_without_a_session_pages_send_to_sign_in_and_the_api_answers_401(many: FastAPI):
    client = TestClient(many)
    sent = client.get("/today", follow_redirects=False)
    assert sent.status_code == 303 and sent.headers["location"] == "/sign-in?next=/today"
    api = client.get("/api/v1/goals")
    assert api.status_code == 401
    assert api.headers["content-type"] == "application/problem+json"
    assert client.post("/api/v1/goals", json={"title": "x"}).status_code == 401
    assert client.get("/sign-in").status_code == 200
    assert client.get("/healthz").status_code == 200


@pytest.mark.parametrize(("fields", "bad", "says"), [
    ({"email": "not an address"}, "email", "is not an email address"),
    ({"email": ""}, "email", "is not an email address"),
    ({"password": "short"}, "password", "needs at least 10"),
    ({"password": "x" * 1001}, "password", "at most 1000"),
])
def test_sign_up_shows_each_error_beside_its_field_and_makes_nothing(
        many: FastAPI, accounts: Accounts, fields, bad, says):
    client = TestClient(many)
    shown = client.post("/sign-up", data={"email": "ada@example.org", "password": PASSWORD}
                        | fields)
    assert shown.status_code == 422
    assert says in field_error(shown.text, bad)
    assert 'type="password"' in shown.text and PASSWORD not in shown.text
    assert accounts.list() == []
    assert COOKIE not in client.cookies


def test_an_email_signs_up_once(many: FastAPI):
    Member(many, "ada@example.org").sign_up()
    again = TestClient(many).post("/sign-up", data={"email": "ADA@example.org",
                                                    "password": PASSWORD})
    assert again.status_code == 409 and "already an account" in again.text


def test_sign_in_wrong_and_right_and_back_where_you_were(many: FastAPI):
    Member(many, "ada@example.org").sign_up()
    client = TestClient(many)
    wrong = client.post("/sign-in", data={"email": "ada@example.org", "password": "nope" * 3})
    assert wrong.status_code == 422 and "not right" in wrong.text
    assert "nopenope" not in wrong.text
    unknown = client.post("/sign-in", data={"email": "bob@example.org", "password": PASSWORD})
    assert unknown.status_code == 422 and "not right" in unknown.text  # says nothing more
    right = client.post("/sign-in", data={"email": "ada@example.org", "password": PASSWORD,
                                          "next": "/today"}, follow_redirects=False)
    assert right.status_code == 303 and right.headers["location"] == "/today"
    away = client.post("/sign-in", data={"email": "ada@example.org", "password": PASSWORD,
                                         "next": "//evil.example/"}, follow_redirects=False)
    assert away.headers["location"] == "/"  # never another site


def test_signing_in_never_keeps_a_session_id_the_browser_had(many: FastAPI):
    """Session fixation: an id planted in the browser before sign-in is not the one used
    after, and stops working."""
    ada = Member(many, "ada@example.org").sign_up()
    planted = ada.client.cookies[COOKIE]
    victim = TestClient(many, cookies={COOKIE: planted})
    done = victim.post("/sign-in", data={"email": "ada@example.org", "password": PASSWORD},
                       follow_redirects=False)
    assert done.status_code == 303
    fresh = done.headers["set-cookie"].split(";")[0].split("=", 1)[1]
    assert fresh != planted
    assert TestClient(many, cookies={COOKIE: fresh}).get("/account").status_code == 200
    stale = TestClient(many, cookies={COOKIE: planted})
    assert stale.get("/account", follow_redirects=False).status_code == 303


def test_every_form_and_unsafe_api_call_needs_the_sessions_token(many: FastAPI, pg_url: str):
    ada = Member(many, "ada@example.org").sign_up()
    ada.onboard("Ada")
    export = exporter(pg_url)
    before = export(ada.person_id)
    form = {"name": "Mallory", "life_stage": "exploring", "contract_hours": "1"}
    one_off = ada.csrf[:-1] + ("1" if ada.csrf.endswith("0") else "0")  # never the token
    for token in (None, "", "0" * 64, one_off):
        data = form if token is None else form | {"csrf_token": token}
        refused = ada.client.post("/onboarding", data=data, follow_redirects=False)
        assert refused.status_code == 403, token
    api = ada.client.post("/api/v1/goals", json={"title": "Forged goal"})
    assert api.status_code == 403 and api.headers["content-type"] == "application/problem+json"
    wrong = ada.client.post("/api/v1/goals", json={"title": "Forged goal"},
                            headers={"X-CSRF-Token": "f" * 64})
    assert wrong.status_code == 403
    assert ada.client.post("/sign-out", follow_redirects=False).status_code == 403
    assert export(ada.person_id) == before  # nothing written
    made = ada.client.post("/api/v1/goals", json={"title": "A real goal"},
                           headers={"X-CSRF-Token": ada.csrf})
    assert made.status_code == 201
    assert ada.post("/onboarding", form).status_code == 303


def test_every_template_form_that_posts_carries_the_token():
    for path in TEMPLATES.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for form in re.findall(r"<form[^>]*method=\"post\"[^>]*>(.*?)</form>", html,
                               re.DOTALL):
            assert "csrf_field()" in form, f"a form in {path.name} has no csrf_field()"


def test_a_session_ends_when_idle_and_when_too_old(many: FastAPI,
                                                   frozen: time_machine.Coordinates):
    ada = Member(many, "ada@example.org").sign_up()
    frozen.shift(dt.timedelta(minutes=119))
    assert ada.client.get("/account").status_code == 200  # used: idle time starts again
    frozen.shift(dt.timedelta(minutes=119))
    assert ada.client.get("/account").status_code == 200
    frozen.shift(dt.timedelta(minutes=121))
    ended = ada.client.get("/account", follow_redirects=False)
    assert ended.status_code == 303 and ended.headers["location"].startswith("/sign-in")
    bob = Member(many, "bob@example.org").sign_up()
    for _ in range(11):  # busy all day: the session still ends 12 hours after sign-in
        frozen.shift(dt.timedelta(hours=1))
        assert bob.client.get("/account").status_code == 200
    frozen.shift(dt.timedelta(hours=1))
    assert bob.client.get("/account", follow_redirects=False).status_code == 303


def test_failed_sign_ins_are_limited_per_email_and_per_address(pg_url: str, frozen):
    app = many_app(pg_url, AccountPolicy(sign_up=SignUp.OPEN, per_email=3, per_client=5))
    Member(app, "ada@example.org").sign_up()
    Member(app, "bob@example.org").sign_up()
    client = TestClient(app)
    for _ in range(3):
        assert client.post("/sign-in", data={"email": "ada@example.org",
                                             "password": "wrong password"}).status_code == 422
    limited = client.post("/sign-in", data={"email": "ada@example.org", "password": PASSWORD})
    assert limited.status_code == 429 and "Too many failed sign-ins" in limited.text
    assert COOKIE not in client.cookies
    bob = Member(app, "bob@example.org")
    assert bob.sign_in().status_code == 303  # another email from this address: 3 of 5
    for _ in range(2):
        client.post("/sign-in", data={"email": "carol@example.org", "password": "x" * 10})
    assert Member(app, "bob@example.org").sign_in().status_code == 429  # the address: 5
    frozen.shift(dt.timedelta(minutes=16))
    assert Member(app, "ada@example.org").sign_in().status_code == 303  # the window passed


def test_the_limit_holds_across_worker_processes(pg_url: str, frozen):
    """Two apps (two workers) count the same failures: they are in the database."""
    policy = AccountPolicy(sign_up=SignUp.OPEN, per_email=2)
    one, two = many_app(pg_url, policy), many_app(pg_url, policy)
    Member(one, "ada@example.org").sign_up()
    assert Member(one, "ada@example.org").sign_in("wrong password").status_code == 422
    assert Member(two, "ada@example.org").sign_in("wrong password").status_code == 422
    assert Member(one, "ada@example.org").sign_in().status_code == 429
    assert Member(two, "ada@example.org").sign_in().status_code == 429


def test_sign_out_and_sign_out_everywhere(many: FastAPI):
    ada = Member(many, "ada@example.org").sign_up()
    old = ada.client.cookies[COOKIE]
    assert ada.client.get("/sign-out").status_code == 200  # asks; a link signs nobody out
    done = ada.post("/sign-out")
    assert done.status_code == 303 and done.headers["location"] == "/sign-in"
    assert TestClient(many, cookies={COOKIE: old}).get(
        "/account", follow_redirects=False).status_code == 303
    phone, laptop = Member(many, "ada@example.org"), Member(many, "ada@example.org")
    phone.sign_in()
    laptop.sign_in()
    assert laptop.post("/account/sign-out-everywhere").status_code == 303
    for device in (phone, laptop):
        assert device.client.get("/account", follow_redirects=False).status_code == 303


def test_changing_the_password_ends_the_other_sessions(many: FastAPI):
    ada = Member(many, "ada@example.org").sign_up()
    other = Member(many, "ada@example.org")
    other.sign_in()
    wrong = ada.post("/account/password", {"password": "not my password",
                                           "new_password": "a brand new password"})
    assert wrong.status_code == 422 and "not right" in field_error(wrong.text, "password")
    short = ada.post("/account/password", {"password": PASSWORD, "new_password": "short"})
    assert short.status_code == 422 and "needs at least" in field_error(short.text,
                                                                          "new_password")
    done = ada.post("/account/password", {"password": PASSWORD,
                                          "new_password": "a brand new password"})
    assert done.status_code == 303
    assert "Your password is changed" in ada.client.get(done.headers["location"]).text
    assert other.client.get("/account", follow_redirects=False).status_code == 303
    assert Member(many, "ada@example.org").sign_in().status_code == 422
    assert Member(many, "ada@example.org").sign_in("a brand new password").status_code == 303


def test_a_reset_code_sets_a_new_password_once(many: FastAPI, accounts: Accounts):
    ada = Member(many, "ada@example.org").sign_up()
    code = accounts.issue_reset_token("ada@example.org")
    client = TestClient(many)
    assert client.get("/reset").status_code == 200
    wrong = client.post("/reset", data={"email": "ada@example.org", "code": "nope",
                                        "password": "a brand new password"})
    assert wrong.status_code == 422 and "not right" in field_error(wrong.text, "code")
    done = client.post("/reset", data={"email": "ada@example.org", "code": code,
                                       "password": "a brand new password"},
                       follow_redirects=False)
    assert done.status_code == 303
    assert ada.client.get("/account", follow_redirects=False).status_code == 303  # ended
    assert Member(many, "ada@example.org").sign_in("a brand new password").status_code == 303
    again = client.post("/reset", data={"email": "ada@example.org", "code": code,
                                        "password": "yet another password"})
    assert again.status_code == 422  # used once


def test_a_reset_code_expires(many: FastAPI, accounts: Accounts, frozen):
    Member(many, "ada@example.org").sign_up()
    code = accounts.issue_reset_token("ada@example.org")
    frozen.shift(dt.timedelta(days=3, minutes=1))
    late = TestClient(many).post("/reset", data={"email": "ada@example.org", "code": code,
                                                 "password": "a brand new password"})
    assert late.status_code == 422


def test_deleting_an_account_removes_every_row_of_its_person_and_no_one_elses(
        many: FastAPI, pg_url: str, accounts: Accounts):
    ada, bob = Member(many, "ada@example.org").sign_up(), Member(many, "bob@example.org")
    bob.sign_up()
    for member, name in ((ada, "Ada"), (bob, "Bob")):
        member.onboard(name)
        assert member.client.post("/api/v1/goals", json={"title": f"{name}'s goal"},
                                  headers={"X-CSRF-Token": member.csrf}).status_code == 201
    export = exporter(pg_url)
    bobs = export(bob.person_id)
    ada_person = ada.person_id
    wrong = ada.post("/account/delete", {"confirm_password": "not my password"})
    assert wrong.status_code == 422 and "not right" in wrong.text
    assert len(accounts.list()) == 2
    done = ada.post("/account/delete", {"confirm_password": PASSWORD})
    assert done.status_code == 303
    assert [a.email for a in accounts.list()] == ["bob@example.org"]
    assert ada.client.get("/today", follow_redirects=False).status_code == 303
    assert Member(many, "ada@example.org").sign_in().status_code == 422
    from sqlalchemy import create_engine, text

    from cairn.store.transfer import personal_tables

    engine = create_engine(pg_url)
    with engine.connect() as conn:
        left = sum(conn.execute(text(f'SELECT count(*) FROM "{t.name}" '  # noqa: S608
                                     "WHERE person_id = :p"), {"p": ada_person}).scalar()
                   for t in personal_tables())
        person = conn.execute(text("SELECT count(*) FROM person WHERE id = :p"),
                              {"p": ada_person}).scalar()
    engine.dispose()
    assert (left, person) == (0, 0)
    assert export(bob.person_id) == bobs



def test_a_deleted_account_leaves_only_counts_and_others_records_say_a_deleted_account(
        many: FastAPI, pg_url: str, accounts: Accounts):
    ada, bob, sam = (Member(many, f"{n}@example.org").sign_up() for n in ("ada", "bob", "sam"))
    for member, name in ((ada, "Ada"), (bob, "Bob"), (sam, "Sam")):
        member.onboard(name)
        assert member.client.post("/api/v1/goals", json={"title": f"{name}'s goal"},
                                  headers={"X-CSRF-Token": member.csrf}).status_code == 201

    def shared(member: Member) -> int:
        found = re.search(r'href="/shared/(\d+)"', member.client.get("/shared").text)
        assert found
        return int(found[1])

    ada.post("/sharing", {"email": "sam@example.org", "part_goals": "on", "comments": "on"})
    sam.client.get(f"/shared/{shared(sam)}")  # audit entry 1 about Ada
    sam.post(f"/shared/{shared(sam)}/goals/1/comments", {"body": "Nice."})  # entry 2
    bob.post("/sharing", {"email": "ada@example.org", "part_goals": "on", "comments": "on"})
    to_bob = shared(ada)
    ada.client.get(f"/shared/{to_bob}")
    assert ada.post(f"/shared/{to_bob}/goals/1/comments",
                    {"body": "Ask for a stretch project."}).status_code == 303
    assert ada.post(f"/shared/{to_bob}/suggestions", {"title": "Mentor a junior"}
                    ).status_code == 303
    assert Member(many, "ada@example.org").sign_in("a wrong password").status_code == 422

    assert ada.post("/account/delete", {"confirm_password": PASSWORD}).status_code == 303
    from sqlalchemy import create_engine, text

    from cairn.store.tables import Base

    engine = create_engine(pg_url)
    with engine.connect() as conn:  # a superuser: row-level security does not hide a row
        naming = [t.name for t in Base.metadata.sorted_tables
                  if any("ada@example.org" in str(v)
                         for row in conn.execute(text(f'SELECT * FROM "{t.name}"'))  # noqa: S608
                         for v in row)]
    engine.dispose()
    assert naming == []
    counts = accounts.deleted()
    assert (counts.accounts, counts.audit_entries, counts.shares_given,
            counts.shares_received, counts.comments_written) == (1, 2, 1, 1, 2)
    cli = cli_for(pg_url)
    assert json.loads(cli("admin", "deleted", "--json").stdout) == {
        "accounts": 1, "audit_entries": 2, "shares_given": 1, "shares_received": 1,
        "comments_written": 2}
    own = bob.client.get("/sharing").text
    assert "Ask for a stretch project." in own and "Mentor a junior" in own
    assert own.count("a deleted account") >= 3  # the view, the comment, the suggestion
    assert "Nobody shares with you yet" in sam.client.get("/shared").text


def test_closed_and_invite_only_sign_up(pg_url: str, frozen, accounts: Accounts):
    closed = many_app(pg_url, AccountPolicy(sign_up=SignUp.CLOSED))
    client = TestClient(closed)
    assert "takes no new accounts" in client.get("/sign-up").text
    refused = client.post("/sign-up", data={"email": "ada@example.org", "password": PASSWORD})
    assert refused.status_code == 409 and accounts.list() == []
    invite = many_app(pg_url, AccountPolicy(sign_up=SignUp.INVITE))
    client = TestClient(invite)
    assert 'name="invitation"' in client.get("/sign-up").text
    none = client.post("/sign-up", data={"email": "ada@example.org", "password": PASSWORD})
    assert none.status_code == 422 and "by invitation only" in field_error(none.text,
                                                                           "invitation")
    code = accounts.invite("ada@example.org")
    assert Member(invite, "ada@example.org").sign_in("").status_code == 422  # no password yet
    wrong = client.post("/sign-up", data={"email": "ada@example.org", "password": PASSWORD,
                                          "invitation": "wrong"})
    assert wrong.status_code == 422
    done = client.post("/sign-up", data={"email": "ada@example.org", "password": PASSWORD,
                                         "invitation": code}, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/onboarding"
    assert client.get("/account").status_code == 200


def test_a_disabled_account_is_signed_out_and_cannot_sign_in(many: FastAPI,
                                                             accounts: Accounts):
    ada = Member(many, "ada@example.org").sign_up()
    accounts.disable("ada@example.org")
    assert ada.client.get("/account", follow_redirects=False).status_code == 303
    assert Member(many, "ada@example.org").sign_in().status_code == 409
    accounts.disable("ada@example.org", disabled=False)
    assert Member(many, "ada@example.org").sign_in().status_code == 303


def test_single_person_mode_has_no_accounts_and_no_tokens(member: TestClient):
    for path in ("/sign-in", "/sign-up", "/account", "/reset", "/sign-out"):
        assert member.get(path).status_code == 404, path
    page = member.get("/onboarding")
    assert 'name="csrf_token"' not in page.text and "hx-headers" not in page.text
    assert member.post("/api/v1/goals", json={"title": "No token needed"}).status_code == 201


def test_cairn_admin_manages_accounts(pg_url: str, frozen):
    cli = cli_for(pg_url)
    made = cli("admin", "create-admin", "root@example.org", "--password", PASSWORD)
    assert made.exit_code == 0 and "Made the administrator root@example.org" in made.stdout
    again = cli("admin", "create-admin", "root@example.org", "--password", PASSWORD)
    assert again.exit_code == 5
    short = cli("admin", "create-admin", "x@example.org", "--password", "short")
    assert short.exit_code == 3 and "at least 10" in short.stderr
    invited = cli("admin", "invite", "ada@example.org")
    assert invited.exit_code == 0 and "Their code: " in invited.stdout
    listed = json.loads(cli("admin", "list", "--json").stdout)
    assert [(a["email"], a["role"], a["disabled"]) for a in listed] == [
        ("root@example.org", "admin", False), ("ada@example.org", "member", False)]
    assert cli("admin", "disable", "ada@example.org").exit_code == 0
    assert json.loads(cli("admin", "list", "--json").stdout)[1]["disabled"] is True
    assert cli("admin", "enable", "ada@example.org").exit_code == 0
    code = cli("admin", "reset-token", "ada@example.org")
    assert code.exit_code == 0 and "Reset code for ada@example.org: " in code.stdout
    assert cli("admin", "disable", "nobody@example.org").exit_code == 4
    table = cli("admin", "list")
    assert "root@example.org" in table.stdout and "admin" in table.stdout



def test_only_an_administrator_installs_the_shared_catalog(many: FastAPI, pg_url: str):
    ada = Member(many, "ada@example.org").sign_up()
    ada.onboard("Ada")
    page = ada.client.get("/explore").text
    assert "An administrator of this server installs it" in page
    assert 'action="/explore/install"' not in page
    refused = ada.client.post("/explore/install", data={"download": "1", "csrf_token": ada.csrf},
                              follow_redirects=False)
    assert refused.status_code == 403 and "Only an administrator" in refused.text
    assert "An install is running" not in ada.client.get("/explore").text  # none started
    made = cli_for(pg_url)("admin", "create-admin", "root@example.org", "--password", PASSWORD)
    assert made.exit_code == 0
    root = Member(many, "root@example.org")
    assert root.sign_in().status_code == 303
    root.onboard("Root")
    assert 'action="/explore/install"' in root.client.get("/explore").text


def test_cairn_admin_and_serve_multi_user_refuse_sqlite(tmp_path: Path):
    cli = cli_for(f"sqlite:///{tmp_path / 'one.db'}")
    for args in (("admin", "list"), ("serve", "--multi-user", "--no-browser")):
        refused = cli(*args)
        assert refused.exit_code == 6, args
        assert "needs PostgreSQL" in refused.stderr


def test_workers_read_the_multi_user_settings_from_the_environment(monkeypatch):
    from cairn.core.errors import InvalidInput
    from cairn.web.settings import WebSettings

    monkeypatch.setenv("CAIRN_MULTI_USER", "1")
    monkeypatch.setenv("CAIRN_PERSON", "7")  # ignored: each request's person signs in
    monkeypatch.setenv("CAIRN_SIGN_UP", "Invite")
    monkeypatch.setenv("CAIRN_SESSION_IDLE_MINUTES", "30")
    monkeypatch.setenv("CAIRN_SESSION_HOURS", "8")
    read = WebSettings.from_env()
    assert (read.multi_user, read.person_id) == (True, None)
    policy = read.account_policy
    assert (policy.sign_up, policy.idle, policy.lifetime) == (
        SignUp.INVITE, dt.timedelta(minutes=30), dt.timedelta(hours=8))
    for name, value in (("CAIRN_SIGN_UP", "sometimes"), ("CAIRN_SESSION_HOURS", "0"),
                        ("CAIRN_SESSION_IDLE_MINUTES", "soon")):
        monkeypatch.setenv(name, value)
        with pytest.raises(InvalidInput, match=name):
            WebSettings.from_env()
        monkeypatch.delenv(name)
    monkeypatch.delenv("CAIRN_MULTI_USER")
    assert WebSettings.from_env().multi_user is False
