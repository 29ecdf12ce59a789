"""A journey in real Chromium on a server for many people with a mail server (aiosmtpd in
the test process), at desktop and phone size with axe-core on every page: a person who
forgot their password asks for a code on the sign-in page, reads it in the mail, sets a
new password with it and signs in."""
# ruff: noqa: F811 - the fixtures of web/many.py and web/mailbox.py are imported, then taken

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from web.conftest import LiveServer, Visitor, free_port
from web.mailbox import Mailbox, mailbox  # noqa: F401 - fixtures
from web.many import Member, many_app, pg_url  # noqa: F401 - fixtures

NEW = "a brand new password"


@pytest.fixture
def live_server(pg_url: str, mailbox: Mailbox) -> Iterator[LiveServer]:
    """The real server in multi-user mode, its mail going to ``mailbox``."""
    import uvicorn

    port = free_port()
    app = many_app(pg_url, mail=mailbox.server())
    Member(app, "ada@example.org").sign_up()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the live server did not start")
        time.sleep(0.02)
    yield LiveServer(f"http://127.0.0.1:{port}", pg_url, server, thread)
    server.should_exit = True
    thread.join(10)


def test_a_forgotten_password_is_set_again_with_a_code_by_mail(tab: Visitor,
                                                                mailbox: Mailbox):
    page = tab.page
    tab.visit("/sign-in", "sign-in")
    page.get_by_role("link", name="Forgot your password?").click()
    expect(page.get_by_role("heading", name="Forgot your password?")).to_be_visible()
    tab.check("reset-request")
    page.get_by_role("button", name="Send me a reset code").click()
    expect(page.get_by_role("alert")).to_be_visible()  # no address given
    assert page.locator("#email").get_attribute("aria-invalid") == "true"
    tab.check("reset-request-empty")
    page.get_by_label("Email").fill("ada@example.org")
    page.get_by_role("button", name="Send me a reset code").click()
    expect(page.get_by_role("status")).to_contain_text("a code is on its way")
    assert page.url.endswith("/reset?sent=1")
    tab.check("reset-sent")
    [mail] = mailbox.to("ada@example.org")
    assert f"{tab.base}/reset" in mail.body
    page.get_by_label("Email").fill("ada@example.org")
    page.get_by_label("Reset code").fill(mail.code)
    page.get_by_label("New password").fill(NEW)
    page.get_by_role("button", name="Set the password").click()
    assert page.url.endswith("/sign-in")
    page.get_by_label("Email").fill("ada@example.org")
    page.get_by_label("Password").fill(NEW)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("link", name="ada@example.org")).to_be_visible()
