"""Reset codes by e-mail on a server for many people, against a real SMTP server in the
test process (aiosmtpd): the settings (CAIRN_SMTP_URL, CAIRN_SMTP_FROM) and a bad URL at
start-up, the "forgot your password?" page (the code arrives and sets a new password, an
unknown address gets the same answer and no mail, the sign-in limits apply, a mail server
that is down or refuses gives a clear 502 and keeps nothing), the page without a mail
server, `cairn admin reset-token --send`, and TLS, STARTTLS and time-outs."""
# ruff: noqa: F811 - the fixtures of web/many.py and web/mailbox.py are imported, then taken

from __future__ import annotations

import datetime as dt
import socket

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from cairn.core.errors import InvalidInput, MailError
from cairn.services.accounts import AccountPolicy, Accounts, SignUp
from cairn.services.mail import Mailer, Security, SmtpServer, message, smtp_server
from conftest import cli_for
from web.mailbox import (  # noqa: F401 - fixtures
    SECRET,
    SENDER,
    USER,
    Collector,
    Mailbox,
    certificate,
    closed_port,
    guarded_mailbox,
    mailbox,
    running,
)
from web.many import PASSWORD, Member, accounts, many, many_app, pg_url  # noqa: F401

SENT = "If there is an account for that address, a code is on its way."
NEW = "a brand new password"


def mail_app(pg_url: str, server: SmtpServer | None,
             policy: AccountPolicy | None = None) -> FastAPI:
    return many_app(pg_url, policy or AccountPolicy(sign_up=SignUp.OPEN), mail=server)


def ask(client: TestClient, email: str) -> object:
    return client.post("/reset/request", data={"email": email}, follow_redirects=False)


# -- the settings ----------------------------------------------------------------------


@pytest.mark.parametrize(("url", "host", "port", "security", "user"), [
    ("smtp://user:pa%40ss@mail.example.org:587", "mail.example.org", 587, Security.STARTTLS,
     "user"),
    ("smtp://mail.example.org", "mail.example.org", 587, Security.STARTTLS, ""),
    ("smtps://user:pass@mail.example.org", "mail.example.org", 465, Security.TLS, "user"),
    ("SMTPS://mail.example.org:2465/", "mail.example.org", 2465, Security.TLS, ""),
    ("smtp://localhost:25", "localhost", 25, Security.NONE, ""),
    ("smtp://127.0.0.1", "127.0.0.1", 25, Security.NONE, ""),
    ("smtp://[::1]:2525", "::1", 2525, Security.NONE, ""),
])
def test_the_smtp_url_says_where_and_how(url, host, port, security, user):
    server = smtp_server(url, "cairn@example.org")
    assert server is not None
    assert (server.host, server.port, server.security, server.user) == (
        host, port, security, user)
    assert "pa@ss" not in repr(server) and "pass" not in repr(server)
    if user:
        assert server.password in ("pa@ss", "pass")


def test_no_url_is_no_mail_and_the_sender_can_carry_a_name():
    assert smtp_server("", "") is None
    assert smtp_server("  ", "cairn@example.org") is None
    server = smtp_server("smtp://localhost", "Cairn <Cairn@Example.org>")
    assert server is not None and server.sender == "Cairn <Cairn@Example.org>"


@pytest.mark.parametrize(("url", "sender", "says"), [
    ("http://user:hunter2@mail.example.org", "cairn@example.org", "must be smtp:// or smtps://"),
    ("mail.example.org:587", "cairn@example.org", "must be smtp:// or smtps://"),
    ("smtp://user:hunter2@mail.example.org:99999", "cairn@example.org", "not a port"),
    ("smtp://user:hunter2@mail.example.org:port", "cairn@example.org", "not a port"),
    ("smtp://user:hunter2@mail.example.org:0", "cairn@example.org", "not a port"),
    ("smtp://user:hunter2@", "cairn@example.org", "names no mail server"),
    ("smtp://user:hunter2@mail.example.org/inbox", "cairn@example.org", "a path"),
    ("smtp://user:hunter2@mail.example.org?tls=no", "cairn@example.org", "a query"),
    ("smtp://user@mail.example.org", "cairn@example.org", "without a password"),
    ("smtp://:hunter2@mail.example.org", "cairn@example.org", "without a user"),
    ("smtp://user:hunter2@mail.example.org", "not an address", "is not an e-mail address"),
    ("smtp://user:hunter2@mail.example.org", "a@b.org\r\nBcc: x@y.org",
     "is not an e-mail address"),
])
def test_a_bad_smtp_setting_is_refused_without_its_password(url, sender, says):
    with pytest.raises(InvalidInput) as refused:
        smtp_server(url, sender)
    assert says in str(refused.value)
    assert "hunter2" not in str(refused.value)


def test_serve_multi_user_refuses_a_bad_smtp_url_at_start_up(pg_url: str, monkeypatch):
    cli = cli_for(pg_url)
    monkeypatch.setenv("CAIRN_SMTP_URL", "smtp://user:hunter2@mail.example.org:99999")
    monkeypatch.setenv("CAIRN_SMTP_FROM", "cairn@example.org")
    refused = cli("serve", "--multi-user", "--no-browser", "--port", "1")
    assert refused.exit_code == 3
    assert "CAIRN_SMTP_URL" in refused.stderr and "not a port" in refused.stderr
    assert "hunter2" not in refused.stderr + refused.stdout
    assert "Traceback" not in refused.stderr
    monkeypatch.setenv("CAIRN_SMTP_URL", "smtp://mail.example.org")
    monkeypatch.delenv("CAIRN_SMTP_FROM")
    no_sender = cli("serve", "--multi-user", "--no-browser", "--port", "1")
    assert no_sender.exit_code == 3 and "CAIRN_SMTP_FROM" in no_sender.stderr


def test_serve_multi_user_says_how_reset_codes_go(pg_url: str, monkeypatch):
    import uvicorn

    from web.conftest import free_port

    started: list[dict[str, object]] = []
    monkeypatch.setattr(uvicorn, "run", lambda *_a, **kw: started.append(kw))
    for name in ("CAIRN_DATABASE_URL", "CAIRN_MULTI_USER", "CAIRN_WEB_HOSTS"):
        monkeypatch.setenv(name, "")  # what serve sets for its workers is put back after
    cli = cli_for(pg_url)
    port = str(free_port())
    plain = cli("serve", "--multi-user", "--no-browser", "--port", port)
    assert plain.exit_code == 0 and "reset codes: from an administrator" in plain.stdout
    monkeypatch.setenv("CAIRN_SMTP_URL", "smtp://cairn:hunter2@mail.example.org")
    monkeypatch.setenv("CAIRN_SMTP_FROM", "cairn@example.org")
    no_address = cli("serve", "--multi-user", "--no-browser", "--port", port)
    assert no_address.exit_code == 3 and "CAIRN_PUBLIC_URL" in no_address.stderr
    monkeypatch.setenv("CAIRN_PUBLIC_URL", "cairn.example.org")
    not_web = cli("serve", "--multi-user", "--no-browser", "--port", port)
    assert not_web.exit_code == 3 and "not a web address" in not_web.stderr
    monkeypatch.setenv("CAIRN_PUBLIC_URL", "https://cairn.example.org/")
    mailing = cli("serve", "--multi-user", "--no-browser", "--port", port)
    assert mailing.exit_code == 0, mailing.stderr
    assert "reset codes: by e-mail through mail.example.org:587" in mailing.stdout
    assert "hunter2" not in mailing.stdout and len(started) == 2


def test_workers_read_the_mail_server_from_the_environment(monkeypatch):
    from cairn.web.settings import WebSettings

    monkeypatch.setenv("CAIRN_MULTI_USER", "1")
    monkeypatch.setenv("CAIRN_SMTP_URL", "smtps://user:pass@mail.example.org")
    monkeypatch.setenv("CAIRN_SMTP_FROM", "cairn@example.org")
    monkeypatch.setenv("CAIRN_PUBLIC_URL", "https://cairn.example.org")
    mail = WebSettings.from_env().mail
    assert mail is not None and (mail.host, mail.port, mail.security, mail.public_url) == (
        "mail.example.org", 465, Security.TLS, "https://cairn.example.org")
    monkeypatch.setenv("CAIRN_SMTP_URL", "ftp://mail.example.org")
    with pytest.raises(InvalidInput, match="CAIRN_SMTP_URL"):
        WebSettings.from_env()
    monkeypatch.delenv("CAIRN_MULTI_USER")  # one person: no accounts, no mail
    assert WebSettings.from_env().mail is None


# -- the page ----------------------------------------------------------------------------


def test_a_code_by_mail_sets_a_new_password(pg_url: str, frozen, mailbox: Mailbox):
    app = mail_app(pg_url, mailbox.server())
    ada = Member(app, "ada@example.org").sign_up()
    client = TestClient(app)
    sign_in = client.get("/sign-in").text
    assert 'href="/reset/request"' in sign_in and "Forgot your password?" in sign_in
    form = client.get("/reset/request")
    assert form.status_code == 200
    assert 'name="email"' in form.text and 'action="/reset/request"' in form.text
    asked = ask(client, "ADA@example.org ")
    assert asked.status_code == 303 and asked.headers["location"] == "/reset?sent=1"
    page = client.get(asked.headers["location"])
    assert SENT in page.text and "3 days" in page.text
    [mail] = mailbox.delivered
    assert mail.rcpt_tos == ["ada@example.org"] and mail.mail_from == "cairn@example.org"
    assert mail.message["From"] == SENDER and mail.message["To"] == "ada@example.org"
    assert mail.message["Subject"] == "Your Cairn reset code"
    assert "3 days" in mail.body and "http://testserver/reset" in mail.body
    assert "ada@example.org" in mail.body
    done = client.post("/reset", data={"email": "ada@example.org", "code": mail.code,
                                       "password": NEW}, follow_redirects=False)
    assert done.status_code == 303
    assert ada.client.get("/account", follow_redirects=False).status_code == 303  # ended
    assert Member(app, "ada@example.org").sign_in().status_code == 422
    assert Member(app, "ada@example.org").sign_in(NEW).status_code == 303
    again = client.post("/reset", data={"email": "ada@example.org", "code": mail.code,
                                        "password": "yet another password"})
    assert again.status_code == 422  # used once


def test_the_link_is_the_servers_public_address_whatever_host_a_request_names(
        pg_url: str, frozen, mailbox: Mailbox):
    app = mail_app(pg_url, mailbox.server(public_url="https://cairn.example.org"))
    Member(app, "ada@example.org").sign_up()
    forged = TestClient(app, base_url="https://cairn.evil.example")  # a forged Host header
    assert ask(forged, "ada@example.org").status_code == 303
    [mail] = mailbox.delivered
    assert "https://cairn.example.org/reset" in mail.body and "evil" not in mail.body


def test_an_unknown_address_gets_the_same_answer_and_no_mail(pg_url: str, frozen,
                                                             mailbox: Mailbox,
                                                             accounts: Accounts):
    app = mail_app(pg_url, mailbox.server())
    Member(app, "ada@example.org").sign_up()
    Member(app, "dan@example.org").sign_up()
    accounts.disable("dan@example.org")
    answers = []
    for email in ("ada@example.org", "bob@example.org", "dan@example.org"):
        client = TestClient(app)
        asked = ask(client, email)
        page = client.get(asked.headers["location"])
        answers.append((asked.status_code, asked.headers["location"], page.status_code,
                        page.text))
    assert answers[0] == answers[1] == answers[2]
    assert [d.rcpt_tos for d in mailbox.delivered] == [["ada@example.org"]]


def test_a_wrong_address_is_said_beside_the_field(pg_url: str, frozen, mailbox: Mailbox):
    client = TestClient(mail_app(pg_url, mailbox.server()))
    for data in ({"email": "not an address"}, {}):
        shown = client.post("/reset/request", data=data)
        assert shown.status_code == 422 and "is not an email address" in shown.text
    assert mailbox.delivered == []


def test_requests_for_a_code_count_towards_the_sign_in_limits(pg_url: str, frozen,
                                                               mailbox: Mailbox):
    app = mail_app(pg_url, mailbox.server(),
                   AccountPolicy(sign_up=SignUp.OPEN, per_email=3, per_client=5))
    Member(app, "ada@example.org").sign_up()
    client = TestClient(app)
    for _ in range(3):
        assert ask(client, "ada@example.org").status_code == 303
    limited = ask(client, "ada@example.org")
    assert limited.status_code == 429 and "Wait 15 minutes" in limited.text
    assert len(mailbox.delivered) == 3
    assert Member(app, "ada@example.org").sign_in().status_code == 429  # the same count
    for _ in range(2):  # the address: 5 in all, whoever they are for
        assert ask(client, "bob@example.org").status_code == 303
    assert ask(client, "carol@example.org").status_code == 429
    latest = mailbox.to("ada@example.org")[-1].code
    done = client.post("/reset", data={"email": "ada@example.org", "code": latest,
                                       "password": NEW}, follow_redirects=False)
    assert done.status_code == 303  # only the latest code works; it clears ada's count
    assert Member(app, "ada@example.org").sign_in(NEW).status_code == 303
    frozen.shift(dt.timedelta(minutes=16))
    assert ask(client, "carol@example.org").status_code == 303  # the window passed


def test_only_the_latest_code_works(pg_url: str, frozen, mailbox: Mailbox):
    app = mail_app(pg_url, mailbox.server())
    Member(app, "ada@example.org").sign_up()
    client = TestClient(app)
    ask(client, "ada@example.org")
    ask(client, "ada@example.org")
    first, second = (d.code for d in mailbox.delivered)
    old = client.post("/reset", data={"email": "ada@example.org", "code": first,
                                      "password": NEW})
    assert old.status_code == 422
    assert client.post("/reset", data={"email": "ada@example.org", "code": second,
                                       "password": NEW}, follow_redirects=False
                       ).status_code == 303


def test_a_mail_server_that_is_down_gives_a_clear_502_and_keeps_nothing(
        pg_url: str, frozen, closed_port: int, accounts: Accounts,
        caplog: pytest.LogCaptureFixture):
    server = SmtpServer("127.0.0.1", closed_port, Security.NONE, SENDER, "cairn", "hunter2x")
    app = mail_app(pg_url, server)
    Member(app, "ada@example.org").sign_up()
    handed = accounts.issue_reset_token("ada@example.org")  # an administrator's code
    client = TestClient(app, raise_server_exceptions=False)
    answers = []
    for email in ("ada@example.org", "bob@example.org"):
        down = ask(client, email)
        assert down.status_code == 502
        assert "could not be sent just now; nothing was changed" in down.text
        assert "ask your administrator" in down.text
        assert str(closed_port) not in down.text  # the mail server is the administrator's
        assert 'name="email"' in down.text  # the form again, to try later
        assert "hunter2x" not in down.text and "Traceback" not in down.text
        answers.append(down.text.replace(email, "EMAIL"))
    assert answers[0] == answers[1]  # says nothing about the address either
    logged = [r.getMessage() for r in caplog.records if r.name == "cairn.web"]
    assert len(logged) == 2
    assert f"could not reach the mail server 127.0.0.1:{closed_port}" in logged[0]
    assert "hunter2x" not in "".join(logged)
    done = client.post("/reset", data={"email": "ada@example.org", "code": handed,
                                       "password": NEW}, follow_redirects=False)
    assert done.status_code == 303  # the code handed over before still works: nothing kept


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_a_mail_server_that_refuses_the_sign_in_gives_a_502(pg_url: str, frozen,
                                                            guarded_mailbox: Mailbox):
    wrong = guarded_mailbox.server(user=USER, password="not-the-secret")  # noqa: S106
    app = mail_app(pg_url, wrong)
    Member(app, "ada@example.org").sign_up()
    client = TestClient(app, raise_server_exceptions=False)
    refused = ask(client, "ada@example.org")
    assert refused.status_code == 502 and "could not be sent" in refused.text
    assert "not-the-secret" not in refused.text
    with pytest.raises(MailError, match="refused the user and password") as said:
        Mailer(wrong).send(_note(wrong))
    assert "not-the-secret" not in str(said.value)
    assert guarded_mailbox.delivered == []
    right = mail_app(pg_url, guarded_mailbox.server(user=USER, password=SECRET))
    assert ask(TestClient(right), "ada@example.org").status_code == 303
    assert len(guarded_mailbox.to("ada@example.org")) == 1


def test_without_a_mail_server_the_page_says_to_ask_the_administrator(many: FastAPI):
    client = TestClient(many)
    page = client.get("/reset/request")
    assert page.status_code == 200
    assert "sends no e-mail" in page.text and "cairn admin reset-token" in page.text
    assert 'name="email"' not in page.text  # no form that cannot work
    posted = ask(client, "ada@example.org")
    assert posted.status_code == 409 and "sends no e-mail" in posted.text
    assert 'href="/reset/request"' in client.get("/sign-in").text


def test_single_person_mode_has_no_reset_request(member: TestClient):
    assert member.get("/reset/request").status_code == 404
    assert member.post("/reset/request", data={"email": "a@example.org"}).status_code == 404


# -- cairn admin reset-token --send --------------------------------------------------------


def test_cairn_admin_mails_a_reset_code_with_send(pg_url: str, frozen, monkeypatch,
                                                  mailbox: Mailbox, accounts: Accounts):
    cli = cli_for(pg_url)
    assert cli("admin", "invite", "ada@example.org").exit_code == 0
    no_mail = cli("admin", "reset-token", "ada@example.org", "--send")
    assert no_mail.exit_code == 6 and "CAIRN_SMTP_URL" in no_mail.stderr
    monkeypatch.setenv("CAIRN_SMTP_URL", f"smtp://127.0.0.1:{mailbox.port}")
    monkeypatch.setenv("CAIRN_SMTP_FROM", SENDER)
    monkeypatch.setenv("CAIRN_PUBLIC_URL", "https://public.example.org")
    sent = cli("admin", "reset-token", "ADA@example.org", "--send", "--url",
               "https://cairn.example.org/")  # the administrator's own words win
    assert sent.exit_code == 0, sent.stderr
    assert "Sent a reset code to ada@example.org" in sent.stdout
    [mail] = mailbox.delivered
    assert mail.code not in sent.stdout  # mailed, not printed
    assert "https://cairn.example.org/reset" in mail.body and "3 days" in mail.body
    accounts.reset_password("ada@example.org", mail.code, NEW)
    unknown = cli("admin", "reset-token", "nobody@example.org", "--send")
    assert unknown.exit_code == 4
    bad_url = cli("admin", "reset-token", "ada@example.org", "--send", "--url", "cairn.org")
    assert bad_url.exit_code == 3 and "not a web address" in bad_url.stderr
    alone = cli("admin", "reset-token", "ada@example.org", "--url", "https://cairn.org")
    assert alone.exit_code == 3 and "--send" in alone.stderr
    assert len(mailbox.delivered) == 1
    assert cli("admin", "reset-token", "ada@example.org", "--send").exit_code == 0
    assert "https://public.example.org/reset" in mailbox.delivered[-1].body
    printed = cli("admin", "reset-token", "ada@example.org")  # unchanged without --send
    assert printed.exit_code == 0 and "Reset code for ada@example.org: " in printed.stdout


def test_cairn_admin_send_with_the_mail_server_down_says_so_and_keeps_nothing(
        pg_url: str, frozen, monkeypatch, closed_port: int, accounts: Accounts):
    cli = cli_for(pg_url)
    cli("admin", "invite", "ada@example.org")
    handed = accounts.issue_reset_token("ada@example.org")
    monkeypatch.setenv("CAIRN_SMTP_URL", f"smtp://cairn:hunter2x@127.0.0.1:{closed_port}")
    monkeypatch.setenv("CAIRN_SMTP_FROM", "cairn@example.org")
    monkeypatch.setenv("CAIRN_PUBLIC_URL", "https://cairn.example.org")
    down = cli("admin", "reset-token", "ada@example.org", "--send")
    assert down.exit_code == 10
    assert f"could not reach the mail server 127.0.0.1:{closed_port}" in down.stderr
    assert "CAIRN_SMTP_URL" in down.stderr
    assert "hunter2x" not in down.stderr + down.stdout and "Traceback" not in down.stderr
    accounts.reset_password("ada@example.org", handed, NEW)  # the old code still works
    monkeypatch.setenv("CAIRN_SMTP_URL", "smtp://127.0.0.1:port")
    bad = cli("admin", "reset-token", "ada@example.org", "--send")
    assert bad.exit_code == 3 and "not a port" in bad.stderr


# -- the mail module: TLS, STARTTLS, time-outs -----------------------------------------


def _note(server: SmtpServer) -> object:
    return message(server, "ada@example.org", "Hello", "Your reset code: abc\n")


def test_tls_and_starttls_with_a_checked_certificate(certificate):
    with running(ssl_context=certificate.server_context()) as box:
        server = box.server(security=Security.TLS)
        Mailer(server, certificate.client_context()).send(_note(server))
        assert [d.code for d in box.delivered] == ["abc"]
        with pytest.raises(MailError, match="could not be trusted"):
            Mailer(server).send(_note(server))  # the system does not trust it
    with running(tls_context=certificate.server_context(), require_starttls=True,
                 authenticator=_accept, auth_require_tls=True) as box:
        server = box.server(security=Security.STARTTLS, user=USER, password=SECRET)
        Mailer(server, certificate.client_context()).send(_note(server))
        assert [d.code for d in box.delivered] == ["abc"]


def _accept(*_args: object) -> object:
    from aiosmtpd.smtp import AuthResult

    return AuthResult(success=True)


def test_starttls_is_required_when_the_server_is_another_machine(mailbox: Mailbox):
    server = mailbox.server(security=Security.STARTTLS, user=USER, password=SECRET)
    with pytest.raises(MailError, match="does not offer STARTTLS") as refused:
        Mailer(server).send(_note(server))
    assert SECRET not in str(refused.value) and "smtps://" in str(refused.value)
    assert mailbox.delivered == []


def test_a_mail_server_that_does_not_answer_times_out():
    with socket.socket() as silent:  # takes the connection, never says a word
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        server = SmtpServer("127.0.0.1", silent.getsockname()[1], Security.NONE, SENDER,
                            timeout=0.5)
        with pytest.raises(MailError, match=r"did not answer within 0\.5 seconds"):
            Mailer(server).send(_note(server))


class Refusing(Collector):
    """A mail server that knows no one."""

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802, ARG002
        return "550 No such user here"


def test_a_refused_recipient_is_said():
    with running(Refusing()) as box:
        server = box.server()
        with pytest.raises(MailError, match=r"refused the recipient.*550 No such user here"):
            Mailer(server).send(_note(server))
        assert box.delivered == []


def test_an_address_beyond_ascii_needs_a_server_that_takes_it():
    for takes_it in (False, True):
        with running(enable_SMTPUTF8=takes_it) as box:
            server = box.server()
            note = message(server, "jörg@example.org", "Hello", "Your reset code: abc\n")
            if takes_it:
                Mailer(server).send(note)
                assert box.to("jörg@example.org")[0].code == "abc"
            else:
                with pytest.raises(MailError, match="SMTPUTF8"):
                    Mailer(server).send(note)
