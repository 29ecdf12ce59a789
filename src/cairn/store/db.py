"""Opening a database: engine settings, SQLite pragmas, schema migrations, sessions.

Sessions act for one person (``session(person_id)``) or for shared reference data
(``session()``: the O*NET catalog). A write session takes the lock at once: SQLite's
write lock (``BEGIN IMMEDIATE``), and on PostgreSQL the person's row (the update that counts
one more version of their data), so one person's use cases never interleave their writes.
Database errors are translated here, once, into Cairn's own errors with a fix
(:func:`translate`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from cairn.core.errors import CairnError, Conflict, InvalidInput, NotFound, StorageError
from cairn.store.migrations import SCHEMA_HEAD
from cairn.store.people import PERSON_KEY, lock_person

MIGRATIONS = Path(__file__).parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 5000
MIGRATION_LOCK = 0x6361_6972  # "cair": the PostgreSQL advisory lock held while migrating
BUSY_WORDS = ("database is locked", "database table is locked", "lock timeout",
              "could not obtain lock", "deadlock detected", "could not serialize")


def normalise_url(url: str) -> str:
    """Use the psycopg 3 driver for plain PostgreSQL URLs."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _sqlite_pragmas(engine: Engine) -> None:
    """WAL, foreign keys and a busy timeout on every connection; writers take the lock early."""

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # let the begin hook below open transactions
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cur.close()

    @event.listens_for(engine, "begin")
    def on_begin(conn: Any) -> None:
        write = conn.get_execution_options().get("cairn_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def translate(exc: SQLAlchemyError, where: str) -> CairnError:
    """A database error as Cairn's own error, saying what happened and what to do."""
    detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
    lowered = detail.lower()
    if isinstance(exc, IntegrityError):
        return Conflict(f"The change conflicts with what is stored already ({detail}).",
                        "Nothing was changed. Check the ids you gave and try again.")
    if any(word in lowered for word in BUSY_WORDS):
        return StorageError(f"The database {where} is busy: another process is writing to it.",
                            "Nothing was changed. Try again in a moment.")
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return StorageError(f"The connection to the database {where} was lost ({detail}).",
                            "Nothing was changed. Check that the server runs, then try again.")
    if isinstance(exc, OperationalError):
        return StorageError(f"The database {where} cannot be used: {detail}.",
                            "Check that the server runs and the URL is right, or use --db "
                            "to pick another.")
    if isinstance(exc, DBAPIError) and "data" in type(exc.orig).__name__.lower():
        return InvalidInput(f"A value does not fit the database: {detail}.",
                            "Nothing was changed. Give a shorter or smaller value.")
    return StorageError(f"The database {where} failed: {detail}.",
                        "Nothing was changed. Try again; if it persists, report it.")


class Database:
    """One database: an engine, migrations, and sessions for a person or for shared data."""

    def __init__(self, url: str, *, migrate: bool = True) -> None:
        self.url = normalise_url(url)
        self.is_sqlite = self.url.startswith("sqlite")
        if self.is_sqlite and self.url.startswith("sqlite:///"):
            Path(self.url.removeprefix("sqlite:///")).expanduser().parent.mkdir(
                parents=True, exist_ok=True
            )
        try:
            self.engine = create_engine(self.url)
        except (SQLAlchemyError, ImportError, ValueError) as exc:
            raise StorageError(
                f"Cannot use the database URL {url!r}: {exc}",
                "Give an SQLAlchemy URL such as sqlite:///path/cairn.db or "
                "postgresql://user@host/dbname.",
            ) from exc
        if self.is_sqlite:
            _sqlite_pragmas(self.engine)
        if migrate:
            self.ensure_schema()

    @property
    def display_url(self) -> str:
        """The URL with any password hidden."""
        return self.engine.url.render_as_string(hide_password=True)

    def current_revision(self) -> str | None:
        """The schema revision stored in the database, None when it is new."""
        try:
            with self.engine.connect() as conn:
                if not inspect(conn).has_table("alembic_version"):
                    return None
                return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except OperationalError as exc:
            raise StorageError(
                f"Cannot open the database {self.display_url}: {exc.orig}",
                "Check that the server runs and the URL is right, or use --db to pick another.",
            ) from exc

    def ensure_schema(self) -> None:
        """Bring the schema to this version of Cairn on first use.

        SQLite (one person's own file) is upgraded in place. A shared PostgreSQL server
        is created when empty, but an older schema there is upgraded only on purpose, by
        ``cairn db upgrade``: other clients may still be running the older Cairn.
        """
        revision = self.current_revision()
        if revision == SCHEMA_HEAD:
            return
        if revision is not None and not self.is_sqlite and self._known(revision):
            raise StorageError(
                f"The database {self.display_url} has schema {revision}; this Cairn needs "
                f"{SCHEMA_HEAD}.",
                "Upgrade it once, from one place: `cairn db upgrade` (take a backup first).")
        self.upgrade()

    @staticmethod
    def _known(revision: str) -> bool:
        from alembic.config import Config
        from alembic.script import ScriptDirectory

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        return revision in {rev.revision for rev in
                            ScriptDirectory.from_config(config).walk_revisions()}

    def upgrade(self) -> tuple[str | None, str]:
        """Apply every pending migration; returns (revision before, revision after).

        One process migrates at a time: SQLite holds its write lock for the whole
        upgrade (``BEGIN IMMEDIATE``) and PostgreSQL an advisory lock; a process that waited
        finds the work done and returns.
        """
        from alembic import command
        from alembic.config import Config

        before = self.current_revision()
        if before is not None and not self._known(before):
            raise StorageError(
                f"The database {self.display_url} has schema {before!r}, "
                "newer than this version of Cairn knows.",
                "Upgrade Cairn (pip install -U cairn), or use another database with --db.",
            )
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        try:
            with self.engine.connect().execution_options(cairn_write=True) as conn, \
                    conn.begin():
                if conn.dialect.name == "postgresql":
                    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                                 {"key": MIGRATION_LOCK})
                config.attributes["connection"] = conn
                command.upgrade(config, "head")
        except SQLAlchemyError as exc:
            raise translate(exc, self.display_url) from exc
        return before, SCHEMA_HEAD

    @contextmanager
    def session(self, person_id: int | None = None, *, write: bool = False
                ) -> Iterator[Session]:
        """A transaction acting for ``person_id`` (None: shared data only), committed on
        success and rolled back on error; a write session holds the person's lock."""
        conn = self.engine.connect()
        if write:
            conn = conn.execution_options(cairn_write=True)
        info = {} if person_id is None else {PERSON_KEY: person_id}
        try:
            with Session(bind=conn, expire_on_commit=False, info=info) as s, s.begin():
                if write and person_id is not None and not lock_person(s, person_id):
                    raise NotFound(f"There is no person {person_id} in {self.display_url}.",
                                   "Check the person's id.")
                yield s
        except SQLAlchemyError as exc:
            raise translate(exc, self.display_url) from exc
        finally:
            conn.close()

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading shared data (the catalog)."""
        with self.session() as s:
            yield s

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A write transaction on shared data (the catalog)."""
        with self.session(write=True) as s:
            yield s

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()
