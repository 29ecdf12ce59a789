"""E-mail through an SMTP server (``CAIRN_SMTP_URL``), for a server for many people: the
reset codes people ask for on ``/reset/request`` and ``cairn admin reset-token --send``.

The standard library speaks SMTP (``smtplib``) and writes the message
(``email.message.EmailMessage``). The address says how to connect:

- ``smtps://user:password@mail.example.org:465``: TLS from the first byte (port 465 by
  default);
- ``smtp://user:password@mail.example.org:587``: STARTTLS, required (port 587 by default):
  a server that does not offer it is refused, so a password never crosses the network in
  clear;
- ``smtp://localhost:25``: a relay on this machine (``localhost``, ``127.0.0.1``, ``::1``),
  plain: the message does not leave the machine on the way to it (port 25 by default).

Certificates are checked against the system's trusted authorities. Every step waits at
most ``TIMEOUT`` seconds. Any failure is a :class:`~cairn.core.errors.MailError` that says
what went wrong and how to fix it; no message names the password.
"""

from __future__ import annotations

import ipaddress
import smtplib
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr
from enum import StrEnum
from urllib.parse import unquote, urlsplit

from cairn.core.errors import InvalidInput, MailError

TIMEOUT = 10.0  # seconds each step of talking to the mail server may take
URL_ENV = "CAIRN_SMTP_URL"
FROM_ENV = "CAIRN_SMTP_FROM"
CHECK_URL = f"Check {URL_ENV} (smtp://user:password@host:587, smtps://...:465)"


class Security(StrEnum):
    """How the connection to the mail server is protected."""

    TLS = "tls"  # smtps://: TLS from the first byte
    STARTTLS = "starttls"  # smtp:// to another machine: STARTTLS, required
    NONE = "none"  # smtp:// to this machine: a local relay


@dataclass(frozen=True, slots=True)
class SmtpServer:
    """Where mail goes and whom it comes from (``password`` is never shown)."""

    host: str
    port: int
    security: Security
    sender: str
    user: str = ""
    password: str = field(default="", repr=False)
    timeout: float = TIMEOUT
    public_url: str = ""  # the server's address as people open it: where mailed links go

    @property
    def where(self) -> str:
        """``host:port``, for messages (no user, no password)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"


def is_loopback(host: str) -> bool:
    """True for a name or address of this machine itself."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


PUBLIC_ENV = "CAIRN_PUBLIC_URL"


def check_public_url(text: str) -> str:
    """The address people open the server at (``CAIRN_PUBLIC_URL``), without a trailing
    slash: http(s), a host, no query."""
    url = text.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname or parts.query \
            or parts.fragment or any(c.isspace() for c in url):
        raise InvalidInput(f"{PUBLIC_ENV} {url!r} is not a web address.",
                           f"Set {PUBLIC_ENV} to the address people open Cairn at, such as "
                           "https://cairn.example.org.", field=PUBLIC_ENV)
    return url


def check_sender(text: str) -> str:
    """The sender, ``cairn@example.org`` or ``Cairn <cairn@example.org>``."""
    raw = text.strip()
    name, address = parseaddr(raw)
    local, at, domain = address.partition("@")
    refused = InvalidInput(f"{FROM_ENV}={raw!r} is not an e-mail address.",
                           f"Set {FROM_ENV} to the address Cairn's mail comes from, such as "
                           "cairn@example.org or 'Cairn <cairn@example.org>'.", field=FROM_ENV)
    if not at or not local or "." not in domain or "@" in domain \
            or any(c.isspace() for c in address) or "\r" in raw or "\n" in raw:
        raise refused
    try:
        return str(Address(display_name=name, addr_spec=address)) if name else address
    except (ValueError, IndexError):
        raise refused from None


def smtp_server(url: str, sender: str) -> SmtpServer | None:
    """The mail server that ``url`` (``CAIRN_SMTP_URL``) names, sending as ``sender``
    (``CAIRN_SMTP_FROM``); None when ``url`` is empty (no mail). A URL that cannot be
    used is refused here with what is wrong; the message never repeats its password."""
    url = url.strip()
    if not url:
        return None
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("smtp", "smtps"):
        shown = f"{scheme}://" if scheme else "no scheme"
        raise InvalidInput(f"{URL_ENV} starts with {shown}; it must be smtp:// or smtps://.",
                           f"{CHECK_URL}.", field=URL_ENV)
    hostinfo = parts.netloc.rpartition("@")[2]
    try:
        port = parts.port
    except ValueError:
        raise InvalidInput(f"{URL_ENV} names the port {hostinfo.rpartition(':')[2]!r}, "
                           "which is not a port (1-65535).", f"{CHECK_URL}.",
                           field=URL_ENV) from None
    host = parts.hostname or ""
    if not host:
        raise InvalidInput(f"{URL_ENV} names no mail server.", f"{CHECK_URL}.", field=URL_ENV)
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise InvalidInput(f"{URL_ENV} has a path, a query or a fragment after the server "
                           f"{hostinfo}; Cairn reads none.", f"{CHECK_URL}.", field=URL_ENV)
    user, password = unquote(parts.username or ""), unquote(parts.password or "")
    if bool(user) != bool(password):
        raise InvalidInput(f"{URL_ENV} gives a user without a password, or a password "
                           "without a user.", f"{CHECK_URL}: both, or neither for a relay "
                           "that needs no sign-in.", field=URL_ENV)
    if port == 0:
        raise InvalidInput(f"{URL_ENV} names the port 0, which is not a port (1-65535).",
                           f"{CHECK_URL}.", field=URL_ENV)
    if scheme == "smtps":
        security, default = Security.TLS, 465
    elif is_loopback(host):
        security, default = Security.NONE, 25
    else:
        security, default = Security.STARTTLS, 587
    return SmtpServer(host, port or default, security, check_sender(sender), user, password)


def message(server: SmtpServer, to: str, subject: str, body: str) -> EmailMessage:
    """A plain-text message from the server's sender."""
    mail = EmailMessage()
    mail["From"] = server.sender
    mail["To"] = to
    mail["Subject"] = subject
    mail["Date"] = formatdate(usegmt=True)
    mail["Message-ID"] = make_msgid("cairn", domain=parseaddr(server.sender)[1].rpartition("@")[2])
    mail["Auto-Submitted"] = "auto-generated"  # RFC 3834: no out-of-office replies to it
    mail.set_content(body)
    return mail


class Outbox:
    """An open connection to the mail server: :meth:`send` as many messages as needed."""

    def __init__(self, server: SmtpServer, smtp: smtplib.SMTP) -> None:
        self.server = server
        self._smtp = smtp

    def send(self, mail: EmailMessage) -> None:
        """Hand the message over; MailError when the server does not take it."""
        try:
            self._smtp.send_message(mail)
        except (smtplib.SMTPException, OSError) as exc:
            raise failure(self.server, exc) from None


class Mailer:
    """Sends mail through one SMTP server (``context``: the TLS settings, the system's
    trusted authorities unless given)."""

    def __init__(self, server: SmtpServer, context: ssl.SSLContext | None = None) -> None:
        self.server = server
        self.context = context

    @contextmanager
    def outbox(self) -> Iterator[Outbox]:
        """A connection to the server, secured and signed in as its URL says, closed
        after the block; MailError when it cannot be made."""
        server = self.server
        context = self.context or ssl.create_default_context()
        try:
            if server.security is Security.TLS:
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(server.host, server.port,
                                                      timeout=server.timeout, context=context)
            else:
                smtp = smtplib.SMTP(server.host, server.port, timeout=server.timeout)
        except (smtplib.SMTPException, OSError) as exc:
            raise failure(server, exc) from None
        try:
            try:
                if server.security is Security.STARTTLS:
                    if not _offers_starttls(smtp):
                        raise _no_starttls(server)
                    smtp.starttls(context=context)
                if server.user:
                    smtp.login(server.user, server.password)
            except (smtplib.SMTPException, OSError) as exc:
                raise failure(server, exc) from None
            yield Outbox(server, smtp)
        finally:
            _close(smtp)

    def send(self, mail: EmailMessage) -> None:
        """Send one message."""
        with self.outbox() as out:
            out.send(mail)


def _offers_starttls(smtp: smtplib.SMTP) -> bool:
    smtp.ehlo_or_helo_if_needed()
    return smtp.has_extn("starttls")


def _no_starttls(server: SmtpServer) -> MailError:
    return MailError(f"The mail server {server.where} does not offer STARTTLS, and Cairn sends "
                     "no password or message over a plain connection to another machine.",
                     f"Use smtps:// in {URL_ENV} if the server takes TLS (port 465), or a relay "
                     "on this machine (smtp://localhost:25).")


def _close(smtp: smtplib.SMTP) -> None:
    try:
        smtp.quit()
    except (smtplib.SMTPException, OSError):
        smtp.close()


def _reply(exc: smtplib.SMTPResponseException) -> str:
    text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) \
        else str(exc.smtp_error)
    return f"{exc.smtp_code} {' '.join(text.split())}".strip()


def failure(server: SmtpServer, exc: BaseException) -> MailError:  # noqa: PLR0911 - a kind each
    """What went wrong talking to ``server``, and how to fix it (never its password)."""
    where = server.where
    if isinstance(exc, smtplib.SMTPNotSupportedError):  # SMTPUTF8, for an address in Unicode
        return MailError(f"The mail server {where} cannot take this message ({exc}).",
                         "Use a mail server that takes addresses beyond ASCII (SMTPUTF8), or "
                         "give the account an address in ASCII letters.")
    if isinstance(exc, ssl.SSLCertVerificationError):
        return MailError(f"The certificate of the mail server {where} could not be trusted "
                         f"({exc.verify_message}).",
                         f"Check that {URL_ENV} names the server as its certificate does, and "
                         "that the certificate is valid.")
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return MailError(f"The mail server {where} refused the user and password of "
                         f"{URL_ENV} ({_reply(exc)}).",
                         f"Check the user and the password in {URL_ENV} (characters such as @ "
                         "or / in them are written %40, %2F).")
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return MailError(f"The mail server {where} refused the sender {server.sender} "
                         f"({_reply(exc)}).",
                         f"Set {FROM_ENV} to an address this server may send from.")
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        replies = "; ".join(f"{code} {' '.join(text.decode('utf-8', 'replace').split())}"
                            for code, text in exc.recipients.values())
        return MailError(f"The mail server {where} refused the recipient ({replies}).",
                         "Check the account's address; the server's administrator can say "
                         "why it refused it.")
    if isinstance(exc, TimeoutError) or (isinstance(exc, smtplib.SMTPServerDisconnected)
                                         and isinstance(exc.__context__, TimeoutError)):
        return MailError(f"The mail server {where} did not answer within "
                         f"{server.timeout:g} seconds.", _TRY_LATER)
    if isinstance(exc, smtplib.SMTPResponseException):
        return MailError(f"The mail server {where} refused the message ({_reply(exc)}).",
                         _TRY_LATER)
    if isinstance(exc, ssl.SSLError):
        return MailError(f"The TLS connection to the mail server {where} failed "
                         f"({exc.reason or exc}).",
                         f"Check the scheme and port of {URL_ENV}: smtps:// is TLS from the "
                         "start (465), smtp:// is STARTTLS (587).")
    detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return MailError(f"Cairn could not reach the mail server {where} "
                     f"({detail or type(exc).__name__}).", _TRY_LATER)


_TRY_LATER = (f"Check that the mail server in {URL_ENV} runs and can be reached from here, "
              "then try again. Nothing was changed.")
