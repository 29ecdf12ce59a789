"""Accounts of a server for many people (``cairn serve --multi-user``): sign-up, sign-in,
sessions, passwords, and the administrator's work.

An account signs in as one person. Passwords are hashed with argon2id (argon2-cffi);
session and reset tokens are random (``secrets``) and only their SHA-256 is stored, so a
copy of the database signs nobody in. A session ends when it has been idle too long or
is too old (``AccountPolicy``); signing in always makes a new session (no fixation).
Failed sign-ins are counted in the database, per email and per client address, so the
limit holds across worker processes; a request for a reset code by e-mail counts as one.
With a mail server (``CAIRN_SMTP_URL``, ``mail.py``) a person asks for a reset code
themselves and gets it by e-mail; without one the administrator hands it over.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from cairn.core.actions import Action
from cairn.core.errors import (
    Conflict,
    InvalidInput,
    NotFound,
    NotReady,
    NotSignedIn,
    TooManyAttempts,
)
from cairn.store import accounts as store
from cairn.store import people
from cairn.store.accounts import Account, DeletedCounts
from cairn.store.db import Database
from cairn.store.people import Person
from cairn.store.transfer import delete_all

if TYPE_CHECKING:
    from email.message import EmailMessage

    from sqlalchemy.orm import Session

    from cairn.services.mail import Mailer

MIN_PASSWORD = 10
MAX_PASSWORD = 1000
UNUSABLE = "!"  # the hash of an invited account: no password signs in until it is set
TOUCH_EVERY = dt.timedelta(minutes=1)  # last_seen is written at most once a minute


class SignUp(StrEnum):
    """Who may make an account: anyone, people an administrator invited, or nobody."""

    OPEN = "open"
    INVITE = "invite"
    CLOSED = "closed"


class Role(StrEnum):
    """What an account may do."""

    ADMIN = "admin"
    MEMBER = "member"



@dataclass(frozen=True, slots=True)
class Visit:
    """One request of a signed-in session: the account, its person, and the version of
    the person's data read with it (what a server's view cache compares; read before any
    view is built, so a view kept under it is never older)."""

    account: Account
    person: Person
    version: int

@dataclass(frozen=True, slots=True)
class AccountPolicy:
    """How long sessions last, who may sign up, and how many failed sign-ins are let
    through in a window (per email, per client address)."""

    sign_up: SignUp = SignUp.OPEN
    idle: dt.timedelta = dt.timedelta(hours=2)
    lifetime: dt.timedelta = dt.timedelta(hours=12)
    window: dt.timedelta = dt.timedelta(minutes=15)
    per_email: int = 5
    per_client: int = 50
    reset_valid: dt.timedelta = dt.timedelta(days=3)

    @property
    def reset_valid_words(self) -> str:
        """How long a reset code works, in words ("3 days")."""
        days, hours = self.reset_valid.days, self.reset_valid.seconds // 3600
        if days and not hours:
            return f"{days} day{'s' if days > 1 else ''}"
        hours += 24 * days
        return f"{hours} hour{'s' if hours != 1 else ''}"


@dataclass(frozen=True, slots=True)
class SignedIn:
    """A new session: its token (for the cookie; never stored) and the account."""

    token: str
    account: Account


def _public_reset(mailer: Mailer) -> str:
    """The reset page at the server's public address (``CAIRN_PUBLIC_URL``), or ''."""
    public = mailer.server.public_url
    return f"{public}/reset" if public else ""


def token_hash(token: str) -> str:
    """What is stored of a token: its SHA-256, in hex."""
    return hashlib.sha256(token.encode()).hexdigest()


def csrf_token(token: str) -> str:
    """The session's anti-forgery token: derived from the session's token (so nothing more
    is stored), different from it (so a page that shows it reveals no session)."""
    return hashlib.sha256(b"cairn-csrf:" + token.encode()).hexdigest()


def csrf_matches(token: str, given: str | None) -> bool:
    """True when ``given`` is the session's anti-forgery token (compared in constant time)."""
    return given is not None and hmac.compare_digest(csrf_token(token), given)


def check_email(text: str) -> str:
    """An email address, trimmed and in lower case."""
    email = text.strip().lower()
    local, at, domain = email.partition("@")
    if not at or not local or "." not in domain or any(c.isspace() for c in email) \
            or "@" in domain or len(email) > 254:
        raise InvalidInput(f"{text.strip()!r} is not an email address.",
                           "Give an address such as ada@example.org.", field="email")
    return email


def check_password(text: str, field: str = "password") -> str:
    """A new password: long enough to be hard to guess, short enough to hash."""
    if len(text) < MIN_PASSWORD:
        raise InvalidInput(f"The password has {len(text)} characters; it needs at least "
                           f"{MIN_PASSWORD}.", "A few words you will remember make a good "
                           "one.", field=field)
    if len(text) > MAX_PASSWORD:
        raise InvalidInput(f"The password has {len(text)} characters; at most "
                           f"{MAX_PASSWORD} are taken.", "Choose a shorter one.", field=field)
    return text


def refuse_sqlite(url: str) -> None:
    """A server for many people needs PostgreSQL: SQLite is one person's own file."""
    if url.startswith("sqlite"):
        raise NotReady(
            "A server for many people needs PostgreSQL: SQLite is one person's own file, "
            "with one writer at a time and no row-level security between people.",
            "Give a PostgreSQL URL with --db or CAIRN_DATABASE_URL "
            "(postgresql://user@host/cairn), then {action}.", Action.to("db.upgrade"))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


WRONG = InvalidInput("The email or the password is not right.",
                     "Check both, or ask for a reset code.")
NO_MAIL = NotReady("This server sends no e-mail, so it cannot send you a reset code.",
                   "Ask your administrator for one ({action}), then set a new password "
                   "with it.", Action.to("admin.reset-token", email=None))


def reset_mail(email: str, code: str, valid: str, reset_url: str) -> tuple[str, str]:
    """The subject and text of the e-mail that carries a reset code."""
    where = f"at {reset_url}" if reset_url else "on the reset page of your Cairn (/reset)"
    return ("Your Cairn reset code", f"""\
Hello,

here is a code that sets a new password for your Cairn account {email}.

Your reset code: {code}

It works once, for {valid}. Set a new password {where}:
give your email address, this code and the new password.

If you did not ask for it, ignore this message: your password stays as it is.
""")


class Accounts:
    """The accounts of one database."""

    def __init__(self, db: Database, policy: AccountPolicy | None = None,
                 hasher: PasswordHasher | None = None, zone: str | None = None,
                 mailer: Mailer | None = None) -> None:
        self.db = db
        self.policy = policy or AccountPolicy()
        self.hasher = hasher or PasswordHasher()  # argon2id, RFC 9106's low-memory choice
        self.zone = zone
        self.mailer = mailer  # None: no mail server; reset codes are handed over

    # -- making accounts ---------------------------------------------------------------

    def sign_up(self, email: str, password: str, *, role: Role = Role.MEMBER,
                invitation: str | None = None, by_admin: bool = False) -> Account:
        """A new account and its new person; with an invitation code (invite mode), the
        invited account gets its password."""
        email = check_email(email)
        check_password(password)
        if not by_admin and self.policy.sign_up is SignUp.CLOSED:
            raise Conflict("This server takes no new accounts.",
                           "Ask its administrator to make one for you.")
        if not by_admin and self.policy.sign_up is SignUp.INVITE:
            if not invitation:
                raise InvalidInput("This server takes new accounts by invitation only.",
                                   "Give the invitation code your administrator handed you.",
                                   field="invitation")
            return self.reset_password(email, invitation, password, field="invitation")
        hashed = self.hasher.hash(password)
        return self._create(email, hashed, role)

    def invite(self, email: str, role: Role = Role.MEMBER) -> str:
        """An account with no password yet, and the one-time code that sets it."""
        account = self._create(check_email(email), UNUSABLE, role)
        return self.issue_reset_token(account.email)

    def _create(self, email: str, hashed: str, role: Role) -> Account:
        with self.db.session(write=True) as s:
            if store.find_account(s, email) is not None:
                raise Conflict(f"There is already an account for {email}.",
                               "Sign in instead, or ask for a reset code.")
            now = _now()
            person = people.add_person(s, self.zone, now)
            return store.add_account(s, email, hashed, person.id, role.value, now)

    # -- signing in and out ------------------------------------------------------------

    def sign_in(self, email: str, password: str, client: str) -> SignedIn:
        """A new session for the account, when the password is right and the attempts
        from this email and this client are within the limits."""
        email = email.strip().lower()[:254]
        client = client[:64]
        now = _now()
        with self.db.session() as s:
            too_many = self._limited(s, email, client, now)
            found = None if too_many else store.find_account(s, email)
        if too_many:
            raise TooManyAttempts("Too many failed sign-ins.", self._wait)
        if len(password) > MAX_PASSWORD:  # no password is this long: not worth hashing
            found = None
        if found is None or not self._verify(found[1], password):
            if found is None:
                self._verify(self.hasher.hash("a wrong password"), password)  # same time
            with self.db.session(write=True) as s:
                store.add_failure(s, email, client, now)
                store.forget_failures(s, now - 4 * self.policy.window)
            raise WRONG
        account = found[0]
        if account.disabled:
            raise Conflict("This account is disabled.", "Ask your administrator.")
        token = secrets.token_urlsafe(32)
        with self.db.session(write=True) as s:
            store.add_session(s, token_hash(token), account.id, now, now + self.policy.lifetime)
        return SignedIn(token, account)

    def _limited(self, s: Session, email: str, client: str, now: dt.datetime) -> bool:
        """True when this email, or this client, has failed (or asked for a reset code) as
        often as the policy lets through in its window."""
        since = now - self.policy.window
        return (store.failures(s, since, email=email) >= self.policy.per_email
                or store.failures(s, since, client=client) >= self.policy.per_client)

    @property
    def _wait(self) -> str:
        return f"Wait {int(self.policy.window.total_seconds() // 60)} minutes, then try again."

    def _verify(self, hashed: str, password: str) -> bool:
        try:
            return bool(self.hasher.verify(hashed, password))
        except (VerificationError, InvalidHashError):
            return False

    def session(self, token: str) -> Account:
        """The account of a live session (its last use recorded); NotSignedIn when the
        token names no session, or one that ended (idle, too old, account disabled)."""
        return self.visit(token).account

    def visit(self, token: str) -> Visit:
        """A request of a live session: its account, and the account's person with the
        version of their data, read in the same query (its last use recorded);
        NotSignedIn as for :meth:`session`."""
        key = token_hash(token)
        now = _now()
        with self.db.session(shared_only=True) as s:  # every request: one round trip less
            found = store.find_session(s, key)
        ended = (found is None or found.account.disabled or now >= found.expires_at
                 or now - found.last_seen >= self.policy.idle or found.person is None)
        if found is None or ended:
            if found is not None:
                with self.db.session(write=True) as s:
                    store.delete_session(s, key)
            raise NotSignedIn("Your session has ended, or you have not signed in.",
                              "Sign in again.")
        if now - found.last_seen >= TOUCH_EVERY:
            with self.db.session(write=True) as s:
                store.touch_session(s, key, now)
        assert found.person is not None  # an account without its person has ended above
        return Visit(found.account, found.person, found.data_version)

    def sign_out(self, token: str) -> None:
        """End this session."""
        with self.db.session(write=True) as s:
            store.delete_session(s, token_hash(token))

    def sign_out_everywhere(self, account_id: int) -> int:
        """End every session of the account; how many ended."""
        with self.db.session(write=True) as s:
            return store.delete_sessions(s, account_id)

    # -- passwords ---------------------------------------------------------------------

    def change_password(self, account_id: int, old: str, new: str,
                        keep_session: str | None = None) -> None:
        """A new password, when the old one is right; every other session ends."""
        check_password(new, "new_password")
        with self.db.session() as s:
            found = store.get_account(s, account_id)
        if found is None:
            raise NotFound("There is no such account.", "Sign in again.")
        if not self._verify(found[1], old):
            raise InvalidInput("The current password is not right.", "Type it again.",
                               field="password")
        hashed = self.hasher.hash(new)
        with self.db.session(write=True) as s:
            store.set_password(s, account_id, hashed)
            store.delete_sessions(s, account_id,
                                  keep=None if keep_session is None else token_hash(keep_session))

    def issue_reset_token(self, email: str) -> str:
        """A one-time code that sets a new password (the administrator hands it over)."""
        email = check_email(email)
        with self.db.session(write=True) as s:
            return self._new_reset(s, self._for_reset(s, email).id)

    def mail_reset_token(self, email: str, reset_url: str = "") -> Account:
        """A one-time code, sent to the account's address (``cairn admin reset-token
        --send``); nothing is kept when the mail server does not take the message."""
        mailer = self._mailer()
        account = self.find(email)
        with mailer.outbox() as outbox, self.db.session(write=True) as s:
            code = self._new_reset(s, account.id)
            outbox.send(self._reset_message(mailer, account.email, code,
                                            reset_url or _public_reset(mailer)))
        return account

    def request_reset(self, email: str, client: str, reset_url: str) -> None:
        """A person asks for a reset code by e-mail (the reset request page): when there is
        an account for ``email``, a new code is mailed to it. The answer is the same when
        there is none (no mail is sent, but the mail server is reached all the same, so a
        server that is down answers alike); each request counts towards the sign-in limits
        of the email and the client."""
        mailer = self._mailer()
        email = check_email(email)
        client = client[:64]
        now = _now()
        with self.db.session(write=True) as s:  # counted even when the mail fails
            if self._limited(s, email, client, now):
                raise TooManyAttempts("Too many sign-ins or requests for a reset code.",
                                      self._wait)
            store.add_failure(s, email, client, now)
            store.forget_failures(s, now - 4 * self.policy.window)
        with mailer.outbox() as outbox, self.db.session(write=True) as s:
            found = store.find_account(s, email)
            if found is None or found[0].disabled:
                return  # the same answer: nothing is said about the address
            code = self._new_reset(s, found[0].id)
            # the server's own address wins: a request's Host header could be forged
            outbox.send(self._reset_message(mailer, email, code,
                                            _public_reset(mailer) or reset_url))

    def _mailer(self) -> Mailer:
        if self.mailer is None:
            raise NO_MAIL
        return self.mailer

    def _for_reset(self, s: Session, email: str) -> Account:
        found = store.find_account(s, email)
        if found is None:
            raise NotFound(f"There is no account for {email}.",
                           "List the accounts with {action}.", Action.to("admin.list"))
        return found[0]

    def _new_reset(self, s: Session, account_id: int) -> str:
        token = secrets.token_urlsafe(18)
        store.set_reset(s, account_id, token_hash(token), _now() + self.policy.reset_valid)
        return token

    def _reset_message(self, mailer: Mailer, email: str, code: str,
                       reset_url: str) -> EmailMessage:
        from cairn.services.mail import message

        subject, body = reset_mail(email, code, self.policy.reset_valid_words, reset_url)
        return message(mailer.server, email, subject, body)

    def reset_password(self, email: str, token: str, new: str,
                       field: str = "code") -> Account:
        """Set a new password with a reset code; every session of the account ends."""
        email = check_email(email)
        check_password(new)
        refused = InvalidInput("The code is not right, or it has expired.",
                               "Ask for a new one (by e-mail, or from your administrator).",
                               field=field)
        with self.db.session() as s:
            found = store.find_account(s, email)
            reset = None if found is None else store.reset_of(s, found[0].id)
        if found is None or reset is None or _now() >= reset[1] \
                or not hmac.compare_digest(reset[0], token_hash(token.strip())):
            raise refused
        hashed = self.hasher.hash(new)
        with self.db.session(write=True) as s:
            store.set_password(s, found[0].id, hashed)
            store.delete_sessions(s, found[0].id)
            store.forget_failures_of(s, email)  # the code proved it: sign in at once
        return found[0]

    # -- the administrator's work ------------------------------------------------------

    def list(self) -> list[Account]:
        """Every account."""
        with self.db.session() as s:
            return store.list_accounts(s)

    def find(self, email: str) -> Account:
        """One account by email."""
        with self.db.session() as s:
            found = store.find_account(s, check_email(email))
        if found is None:
            raise NotFound(f"There is no account for {email.strip()}.",
                           "List the accounts with {action}.", Action.to("admin.list"))
        return found[0]

    def disable(self, email: str, disabled: bool = True) -> Account:
        """Disable (or enable) an account; a disabled one is signed out everywhere."""
        account = self.find(email)
        with self.db.session(write=True) as s:
            store.set_disabled(s, account.id, disabled)
            if disabled:
                store.delete_sessions(s, account.id)
        return self.find(email)

    def delete(self, account_id: int, password: str) -> None:
        """Delete an account with every row of its person (its sessions go with it), what
        it shared and was shared, and the audit entries about the person, kept only as
        counts; other people's records of it (their audit logs, comments and suggestions
        on their goals) say "a deleted account"."""
        with self.db.session() as s:
            found = store.get_account(s, account_id)
        if found is None:
            raise NotFound("There is no such account.", "Sign in again.")
        if not self._verify(found[1], password):
            raise InvalidInput("The password is not right.", "Type it again.",
                               field="password")
        person_id = found[0].person_id
        with self.db.session(person_id, write=True) as s:  # all of it, or nothing
            delete_all(s)
            store.forget(s, found[0], _now().date())  # counts only; others' records anonymised
            people.delete_person(s, person_id)  # the account and its sessions cascade

    def deleted(self) -> DeletedCounts:
        """What is left of the accounts deleted: counts, never who."""
        with self.db.session() as s:
            return store.deleted_counts(s)
