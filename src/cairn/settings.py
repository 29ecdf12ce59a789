"""Settings, each declared once with its name, environment variable, default and help.

The README's settings table is tested against this list, so docs cannot drift.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cairn.services.accounts import AccountPolicy
    from cairn.services.mail import SmtpServer
    from cairn.services.scope import PersonSettings


@dataclass(frozen=True, slots=True)
class Setting:
    """One setting: where it comes from and what it means."""

    name: str
    env: str
    default: str
    help: str

    def value(self) -> str:
        """The value from the environment, else the default."""
        return os.environ.get(self.env, "") or self.default


DATABASE_URL = Setting(
    "database_url",
    "CAIRN_DATABASE_URL",
    "",
    "SQLAlchemy URL of the database; empty means SQLite in the data directory. "
    "The --db option overrides it.",
)
DATA_DIR = Setting(
    "data_dir",
    "CAIRN_DATA_DIR",
    "",
    "Folder for Cairn's own files; empty means the platform's user data directory.",
)
ONET_URL = Setting(
    "onet_url",
    "CAIRN_ONET_URL",
    "https://www.onetcenter.org/dl_files/database/db_30_1_text.zip",
    "Where `cairn catalog install` downloads the O*NET text release from.",
)

REASSESS_MONTHS = Setting(
    "reassess_months",
    "CAIRN_REASSESS_MONTHS",
    "6",
    "Months between six-monthly reassessments (counted from the last one).",
)

PERSON = Setting(
    "person",
    "CAIRN_PERSON",
    "",
    "The id of the person the command line acts for, when the database holds several; "
    "empty means the only one.",
)

# A server for many people (`cairn serve --multi-user`).
SIGN_UP = Setting(
    "sign_up",
    "CAIRN_SIGN_UP",
    "closed",
    "Who may make an account on a server for many people: open (anyone), invite (with a "
    "code from `cairn admin invite`) or closed (only `cairn admin`).",
)
SESSION_IDLE_MINUTES = Setting(
    "session_idle_minutes",
    "CAIRN_SESSION_IDLE_MINUTES",
    "120",
    "Minutes without a request after which a signed-in session ends.",
)
SESSION_HOURS = Setting(
    "session_hours",
    "CAIRN_SESSION_HOURS",
    "12",
    "Hours after signing in when a session ends, however busy.",
)
FORWARDED_ALLOW_IPS = Setting(
    "forwarded_allow_ips",
    "CAIRN_FORWARDED_ALLOW_IPS",
    "127.0.0.1",
    "Addresses of reverse proxies whose X-Forwarded-For and X-Forwarded-Proto headers are "
    "trusted (comma-separated; `*` trusts any: only behind a proxy that sets them).",
)
SMTP_URL = Setting(
    "smtp_url",
    "CAIRN_SMTP_URL",
    "",
    "The mail server that sends reset codes on a server for many people: "
    "smtp://user:password@host:587 (STARTTLS), smtps://user:password@host:465 (TLS) or "
    "smtp://localhost:25 (a relay on this machine); empty means no mail.",
)
SMTP_FROM = Setting(
    "smtp_from",
    "CAIRN_SMTP_FROM",
    "",
    "The address Cairn's mail comes from (cairn@example.org, or 'Cairn <cairn@example.org>'); "
    "needed with CAIRN_SMTP_URL.",
)

PUBLIC_URL = Setting(
    "public_url",
    "CAIRN_PUBLIC_URL",
    "",
    "The address people open Cairn at (https://cairn.example.org): the reset mail links "
    "there; needed with CAIRN_SMTP_URL (a link made from a request's Host header could be "
    "forged to point elsewhere).",
)

SETTINGS: tuple[Setting, ...] = (DATABASE_URL, DATA_DIR, ONET_URL, REASSESS_MONTHS, PERSON,
                                 SIGN_UP, SESSION_IDLE_MINUTES, SESSION_HOURS,
                                 FORWARDED_ALLOW_IPS, SMTP_URL, SMTP_FROM, PUBLIC_URL)


def data_dir() -> Path:
    """The folder for Cairn's files, created on first use readable by its owner only (0700).

    The platform's default folder is Cairn's own and is made private if it is not; a
    folder named in CAIRN_DATA_DIR that already exists keeps its permissions.
    """
    from cairn.files import PRIVATE_FOLDER, private_folder

    configured = DATA_DIR.value()
    if configured:
        return private_folder(Path(configured).expanduser())
    import platformdirs

    path = private_folder(Path(platformdirs.user_data_dir("cairn", appauthor=False)))
    if path.stat().st_mode & 0o077:
        path.chmod(PRIVATE_FOLDER)
    return path


def database_url(override: str | None = None) -> str:
    """The database URL: the override, else the setting, else SQLite in the data dir."""
    if override:
        return override
    return DATABASE_URL.value() or f"sqlite:///{data_dir() / 'cairn.db'}"


def reassess_months() -> int:
    """Months between reassessments; a value that is not a whole number from 1 to 60 is refused."""
    from cairn.core.errors import InvalidInput

    raw = REASSESS_MONTHS.value()
    if not raw.isdigit() or not 1 <= int(raw) <= 60:
        raise InvalidInput(f"{REASSESS_MONTHS.env}={raw!r} is not a number of months (1-60).",
                           f"Set {REASSESS_MONTHS.env} to e.g. 6, or unset it.")
    return int(raw)


def person_id() -> int | None:
    """The person the command line acts for (None: the database's only person)."""
    from cairn.core.errors import InvalidInput

    raw = PERSON.value().strip()
    if not raw:
        return None
    if not raw.isdigit() or int(raw) < 1:
        raise InvalidInput(f"{PERSON.env}={raw!r} is not a person's id.",
                           f"Set {PERSON.env} to a whole number such as 1, or unset it.")
    return int(raw)


def person_settings() -> PersonSettings:
    """The person's settings as this machine's environment gives them."""
    from cairn.services.scope import PersonSettings

    return PersonSettings(reassess_months=reassess_months())


def _whole(setting: Setting, low: int, high: int) -> int:
    from cairn.core.errors import InvalidInput

    raw = setting.value().strip()
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise InvalidInput(f"{setting.env}={raw!r} is not a whole number from {low} to {high}.",
                           f"Set {setting.env} to e.g. {setting.default}, or unset it.")
    return int(raw)


def account_policy() -> AccountPolicy:
    """How a server for many people treats accounts, as the environment sets it."""
    import datetime as dt

    from cairn.core.errors import InvalidInput
    from cairn.services.accounts import AccountPolicy, SignUp

    raw = SIGN_UP.value().strip().lower()
    try:
        mode = SignUp(raw)
    except ValueError:
        raise InvalidInput(f"{SIGN_UP.env}={raw!r} is not open, invite or closed.",
                           f"Set {SIGN_UP.env} to one of them, or unset it.") from None
    return AccountPolicy(sign_up=mode,
                         idle=dt.timedelta(minutes=_whole(SESSION_IDLE_MINUTES, 1, 10_080)),
                         lifetime=dt.timedelta(hours=_whole(SESSION_HOURS, 1, 24 * 90)))


def smtp_server() -> SmtpServer | None:
    """The mail server of a server for many people (None: no mail); a URL that cannot be
    used, or one without a sender, is refused with what is wrong."""
    from dataclasses import replace

    from cairn.core.errors import InvalidInput
    from cairn.services.mail import check_public_url
    from cairn.services.mail import smtp_server as parse

    url, sender = SMTP_URL.value(), SMTP_FROM.value()
    if url.strip() and not sender.strip():
        raise InvalidInput(f"{SMTP_URL.env} is set but {SMTP_FROM.env} is not: Cairn needs the "
                           "address its mail comes from.",
                           f"Set {SMTP_FROM.env}, e.g. to cairn@example.org.")
    server = parse(url, sender)
    if server is None:
        return None
    public = PUBLIC_URL.value()
    if not public.strip():
        raise InvalidInput(f"{SMTP_URL.env} is set but {PUBLIC_URL.env} is not: the reset "
                           "mail links to the address people open Cairn at, and one taken "
                           "from a request could be forged.",
                           f"Set {PUBLIC_URL.env}, e.g. to https://cairn.example.org.")
    return replace(server, public_url=check_public_url(public))
