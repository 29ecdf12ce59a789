"""What one web server process needs to know, from ``cairn serve`` or the environment.

``cairn serve`` starts several worker processes by import string, so each worker reads
its settings from the environment (:meth:`WebSettings.from_env`): the database
(``CAIRN_DATABASE_URL``), the person (``CAIRN_PERSON``), and the addresses the server
answers to (``CAIRN_WEB_HOSTS``, set by ``cairn serve``); a server for many people also
reads its account settings and its mail server (``CAIRN_SMTP_URL``, ``CAIRN_SMTP_FROM``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cairn.services.accounts import AccountPolicy
from cairn.services.scope import PersonSettings

if TYPE_CHECKING:
    from argon2 import PasswordHasher

    from cairn.services.mail import SmtpServer

HOSTS_ENV = "CAIRN_WEB_HOSTS"  # set by `cairn serve` for its workers; not a user setting
MULTI_USER_ENV = "CAIRN_MULTI_USER"  # set by `cairn serve --multi-user` for its workers
CACHE_ENV = "CAIRN_WEB_CACHE"  # "0" turns the view cache off (the benchmark's baseline)
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1", "[::1]")


@dataclass(frozen=True, slots=True)
class WebSettings:
    """One server's settings.

    ``database_url`` None means the configured database; ``person_id`` None means the
    database's one local person (single-person mode, created on first use in ``zone``);
    ``allowed_hosts`` lists the host names the server answers to (empty: any, as in
    tests); ``cache_views`` keeps built pages while the person's data is unchanged;
    ``person_settings`` are the person's settings from the environment.
    ``multi_user`` serves many people, each signed in to an account (PostgreSQL only),
    under ``account_policy``; ``password_hasher`` None is argon2id's default cost;
    ``mail`` is the mail server that sends reset codes (None: no mail, an administrator
    hands them over).
    """

    database_url: str | None = None
    person_id: int | None = None
    zone: str | None = None
    allowed_hosts: tuple[str, ...] = ()
    cache_views: bool = True
    person_settings: PersonSettings = field(default_factory=PersonSettings)
    multi_user: bool = False
    account_policy: AccountPolicy = field(default_factory=AccountPolicy)
    password_hasher: PasswordHasher | None = None
    mail: SmtpServer | None = None

    @classmethod
    def from_env(cls) -> WebSettings:
        """The settings ``cairn serve`` hands its workers through the environment."""
        from cairn import settings

        hosts = tuple(h for h in os.environ.get(HOSTS_ENV, "").split(",") if h)
        multi = os.environ.get(MULTI_USER_ENV, "") == "1"
        return cls(database_url=settings.database_url(),
                   person_id=None if multi else settings.person_id(),
                   zone=machine_zone(), allowed_hosts=hosts,
                   cache_views=os.environ.get(CACHE_ENV, "1") != "0",
                   person_settings=settings.person_settings(), multi_user=multi,
                   account_policy=settings.account_policy() if multi else AccountPolicy(),
                   mail=settings.smtp_server() if multi else None)


def hosts_for(bind: str, port: int) -> tuple[str, ...]:
    """The Host headers a server bound to ``bind`` answers to: on loopback only its own
    names (a page elsewhere cannot reach it by a rebound DNS name); otherwise any."""
    if bind not in LOOPBACK_NAMES:
        return ()
    names = ("127.0.0.1", "localhost", "[::1]")
    return tuple(f"{n}:{port}" for n in names) + names


def machine_zone() -> str | None:
    """This machine's IANA time zone ($TZ or the system's), for a person who has none yet."""
    import tzlocal

    try:
        return tzlocal.get_localzone_name()
    except (LookupError, ValueError, OSError):  # no zone can be told: the person sets one
        return None
