"""A real SMTP server in the test process (aiosmtpd) that keeps every message it is given,
for the tests of reset codes by e-mail; and a port where no mail server listens.

Fixtures here are imported by the test modules that use them.
"""

from __future__ import annotations

import email
import email.policy
import re
import ssl
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from cairn.services.mail import Security, SmtpServer
from web.conftest import free_port

SENDER = "Cairn <cairn@example.org>"
USER, SECRET = "cairn-mailer", "s3cret-mail-pass"  # the test server's sign-in


@dataclass
class Delivered:
    """One message as the server took it: the envelope and the parsed message."""

    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage

    @property
    def body(self) -> str:
        part = self.message.get_body(("plain",))
        assert part is not None
        return str(part.get_content())

    @property
    def code(self) -> str:
        found = re.search(r"Your reset code: (\S+)", self.body)
        assert found, self.body
        return found[1]


@dataclass
class Collector:
    """aiosmtpd's handler: keeps each message."""

    delivered: list[Delivered] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any,  # noqa: N802, ARG002 - aiosmtpd's
                          envelope: Any) -> str:
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        self.delivered.append(Delivered(envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


def _authenticator(server: Any, session: Any, envelope: Any, mechanism: str,
                   auth_data: Any) -> AuthResult:
    ok = (isinstance(auth_data, LoginPassword) and auth_data.login == USER.encode()
          and auth_data.password == SECRET.encode())
    return AuthResult(success=ok, handled=False)


@dataclass
class Mailbox:
    """The running server: where it listens and what it was given."""

    host: str
    port: int
    collector: Collector

    @property
    def delivered(self) -> list[Delivered]:
        return self.collector.delivered

    def server(self, **kw: Any) -> SmtpServer:
        """The settings that send to this server (plain: it is on this machine)."""
        return SmtpServer(self.host, self.port, kw.pop("security", Security.NONE),
                          kw.pop("sender", SENDER), **kw)

    def to(self, address: str) -> list[Delivered]:
        return [d for d in self.delivered if address in d.rcpt_tos]


@contextmanager
def running(collector: Collector | None = None, **smtp: Any) -> Iterator[Mailbox]:
    """An SMTP server on 127.0.0.1 and a free port (``smtp``: aiosmtpd's options, such as
    ``authenticator`` or ``tls_context``), stopped after the block."""
    collector = collector or Collector()
    port = free_port()
    controller = Controller(collector, hostname="127.0.0.1", port=port, **smtp)
    controller.start()
    try:
        yield Mailbox("127.0.0.1", port, collector)
    finally:
        controller.stop()


@pytest.fixture
def mailbox() -> Iterator[Mailbox]:
    """A mail server that takes every message, without sign-in."""
    with running() as box:
        yield box


@pytest.fixture
def guarded_mailbox() -> Iterator[Mailbox]:
    """A mail server that takes messages only after sign-in (USER, SECRET)."""
    with running(authenticator=_authenticator, auth_require_tls=False,
                 auth_required=True) as box:
        yield box


@pytest.fixture
def closed_port() -> int:
    """A port on 127.0.0.1 where no mail server listens."""
    return free_port()


@dataclass(frozen=True)
class Certificate:
    """A self-signed certificate for 127.0.0.1 and its key."""

    cert: Path
    key: Path

    def server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.cert, self.key)
        return context

    def client_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.cert))


@pytest.fixture(scope="session")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> Certificate:
    """A certificate for 127.0.0.1, made with the machine's openssl."""
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    try:
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days",
                        "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                        "-keyout", str(key), "-out", str(cert)],
                       check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        pytest.skip(f"SKIPPED LOUDLY: openssl could not make a test certificate ({exc})")
    return Certificate(cert, key)


def sent_codes(box: Mailbox, address: str) -> list[str]:
    """The reset codes mailed to ``address``, oldest first."""
    return [d.code for d in box.to(address)]


