"""Opening a database: engine settings, SQLite pragmas, schema migrations, sessions.

Sessions act for one person (``session(person_id)``) or for shared reference data
(``session()``: the O*NET catalog). On PostgreSQL a session also tells the row-level
security policies (migration 0017) whose rows it may see: its person's only, or, for a
session for no person (shared data, the administrator's work), every person's. A write
session takes the lock at once: SQLite's write lock (``BEGIN IMMEDIATE``), and on
PostgreSQL the person's row (``FOR UPDATE``, bumping their data version), so one person's
use cases never interleave their writes.
Database errors are translated once, by :func:`cairn.store.failures.translated`, into
Cairn's own errors with a fix.

A process keeps one SQLAlchemy engine per database (:func:`claim_engine`): each open
``Database`` of the same URL shares it, and with it SQLAlchemy's cache of compiled
statements, so a process that opens the same database again and again (a server's
start-up checks, a test run, a script calling the CLI in-process) compiles each statement
once. When the last of them is closed, the pooled connections close as before.
"""

from __future__ import annotations

import atexit
import os
import threading
import weakref
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from cairn.core.actions import Action
from cairn.core.errors import NotFound, StorageError
from cairn.store import sqlite_file
from cairn.store.backup import backup_before_migration, backup_on_first_use
from cairn.store.failures import translated
from cairn.store.migrations import SCHEMA_HEAD
from cairn.store.people import PERSON_KEY, lock_person

MIGRATIONS = Path(__file__).parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 5000


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
        cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")  # first: WAL may wait
        sqlite_file.journal_wal(cur)
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def on_begin(conn: Any) -> None:
        write = conn.get_execution_options().get("cairn_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


SCHEMA_LOCK = 0x63616972  # "cair": PostgreSQL advisory lock held while migrating


def lock_schema(conn: Connection) -> None:
    """Let one process migrate at a time (SQLite: its BEGIN IMMEDIATE already does)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK})


def display_url(url: str) -> str:
    """A database URL without its password (as given when SQLAlchemy cannot read it)."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - a URL SQLAlchemy cannot read is shown as given
        return url


# A web server's worker (``Database(url, server=True)``) answers many requests at once:
# keep enough connections open that a busy moment does not open and close new ones (each
# a new PostgreSQL backend, costly), and few enough that four workers stay under
# PostgreSQL's default 100 connections.
SERVER_POOL: dict[str, Any] = {"pool_size": 12, "max_overflow": 8}


# Row-level security (PostgreSQL, migration 0017): each transaction says whose rows it
# may see, for the transaction only (set_config's third argument).
_ACT_FOR = text("SELECT set_config('cairn.person', :person, true), "
                "set_config('cairn.all', :every, true)")


def act_for(s: Session, person_id: int | None) -> None:
    """Let the transaction see ``person_id``'s rows only (row-level security), or, with
    None (shared data, the administrator's work), every person's."""
    s.execute(_ACT_FOR, {"person": "" if person_id is None else str(person_id),
                         "every": "on" if person_id is None else "off"})


def every_person(conn: Connection) -> None:
    """Let a connection's transaction (a migration) work on every person's rows."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT set_config('cairn.all', 'on', true)"))


# -- one engine per database within a process ---------------------------------------

ENGINES_KEPT = 16  # engines no open Database uses, kept for their compiled statements
_engines: OrderedDict[tuple[Any, ...], Engine] = OrderedDict()
_users: weakref.WeakKeyDictionary[Engine, int] = weakref.WeakKeyDictionary()
_engines_lock = threading.Lock()


def _file_identity(file: sqlite_file.SqliteFile | None) -> tuple[int, int] | None:
    """Which file a SQLite path names now: a file put in its place (a restore, a copy) is
    another database, whose engine must not hand out the old file's connections. (While a
    pooled connection holds the old file open, no new file can get its inode.)"""
    if file is None:
        return None
    try:
        found = file.path.stat()
    except OSError:
        return None
    return found.st_dev, found.st_ino


def claim_engine(url: str, *, server: bool = False,
                 file: sqlite_file.SqliteFile | None = None) -> Engine:
    """The process's engine for ``url`` (made on first use), claimed until
    :func:`release_engine`. ``server``: a web worker's larger pool."""
    key = (url, server, _file_identity(file))
    with _engines_lock:
        engine = _engines.get(key)
        if engine is not None:
            _engines.move_to_end(key)
            _users[engine] = _users.get(engine, 0) + 1
            return engine
    sqlite = url.startswith("sqlite")
    engine = create_engine(url, **(SERVER_POOL if server and not sqlite else {}))
    if sqlite:
        _sqlite_pragmas(engine)
    if sqlite and file is None:  # in memory (or a URI): each Database has its own, as before
        with _engines_lock:
            _users[engine] = 1
        return engine
    with _engines_lock:
        # the same path naming another file, and the idle engines beyond the limit
        dropped = [_engines.pop(k) for k in [k for k in _engines if k[:2] == key[:2]]]
        _engines[key] = engine
        _users[engine] = _users.get(engine, 0) + 1
        dropped += _beyond_the_limit()
    for old in dropped:
        old.dispose()
    return engine


def _beyond_the_limit() -> list[Engine]:
    """Let go of the least recently used engines no one uses, beyond ``ENGINES_KEPT``
    (called holding the lock)."""
    idle = [k for k, e in _engines.items() if not _users.get(e)]
    return [_engines.pop(k) for k in idle[:max(0, len(idle) - ENGINES_KEPT)]]


def release_engine(engine: Engine) -> None:
    """Give back a claim on ``engine``: with no claim left, its pooled connections close
    (nothing stays open), and the engine is kept with its compiled statements."""
    with _engines_lock:
        left = _users.get(engine, 1) - 1
        _users[engine] = max(left, 0)
        dropped = _beyond_the_limit() if left <= 0 else []
    if left <= 0:
        engine.dispose()
    for old in dropped:
        old.dispose()


def dispose_engines() -> None:
    """Close every pooled connection of every engine this process keeps (at exit)."""
    with _engines_lock:
        engines = list(_engines.values())
    for engine in engines:
        engine.dispose()


def _forget_pools_in_child() -> None:
    """A forked child must not use its parent's connections: it starts with empty pools
    (the parent's connections stay open for the parent)."""
    for engine in list(_engines.values()):
        engine.dispose(close=False)


atexit.register(dispose_engines)
os.register_at_fork(after_in_child=_forget_pools_in_child)


# Whether the schema's version table exists (one statement; the inspector took several).
_VERSION_TABLE = {
    "sqlite": text("SELECT 1 FROM sqlite_master WHERE type = 'table'"
                   " AND name = 'alembic_version'"),
    "postgresql": text("SELECT to_regclass('alembic_version')"),
}


class Database:
    """One database: an engine, migrations, and sessions for a person or for shared data."""

    def __init__(self, url: str, *, migrate: bool = True, server: bool = False) -> None:
        self.url = normalise_url(url)
        self.is_sqlite = self.url.startswith("sqlite")
        self.url, self.file = sqlite_file.prepare(self.url)  # checked; a new file is 0600
        try:
            self.engine = claim_engine(self.url, server=server, file=self.file)
        except (SQLAlchemyError, ImportError, ValueError) as exc:
            raise StorageError(
                f"Cannot use the database URL {url!r}: {exc}",
                "Give an SQLAlchemy URL such as sqlite:///path/cairn.db or "
                "postgresql://user@host/dbname.",
            ) from exc
        self._claimed = True
        if migrate:
            try:
                self.ensure_schema()
                backup_on_first_use(self)
            except BaseException:
                self.close()
                raise

    @property
    def display_url(self) -> str:
        """The URL with any password hidden."""
        return self.engine.url.render_as_string(hide_password=True)

    def current_revision(self) -> str | None:
        """The schema revision stored in the database, None when it is new."""
        with translated(self.display_url), self.engine.connect() as conn:
            query = _VERSION_TABLE.get(conn.dialect.name)
            if query is None:  # another backend: SQLAlchemy's inspector asks it
                exists = inspect(conn).has_table("alembic_version")
            else:
                exists = conn.execute(query).scalar() is not None
            if not exists:
                return None
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()

    def ensure_schema(self) -> None:
        """Bring the schema to this version of Cairn on first use.

        SQLite (one person's own file) is upgraded in place. A shared PostgreSQL server
        is created when empty, but an older schema there is upgraded only on purpose, by
        ``cairn db upgrade``: other clients may still be running the older Cairn.
        """
        revision = self.current_revision()
        if revision == SCHEMA_HEAD:
            return
        if revision is not None and not self.is_sqlite and revision in known_revisions():
            raise StorageError(
                f"The database {self.display_url} has schema {revision}; this Cairn needs "
                f"{SCHEMA_HEAD}.",
                "Upgrade it once, from one place: {action} (take a backup first).",
                Action.to("db.upgrade"))
        self.upgrade()

    def upgrade(self) -> tuple[str | None, str]:
        """Apply every pending migration; returns (revision before, revision after)."""
        from alembic import command
        from alembic.config import Config
        from alembic.script import ScriptDirectory

        before = self.current_revision()
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        script = ScriptDirectory.from_config(config)
        known = {rev.revision for rev in script.walk_revisions()}
        if before is not None and before not in known:
            raise StorageError(
                f"The database {self.display_url} has schema {before!r}, "
                "newer than this version of Cairn knows.",
                "Upgrade Cairn (pip install -U cairn), or use another database with --db.",
            )
        backup_before_migration(self, before)
        # One migrator at a time: the others wait, then find the schema up to date.
        with (translated(self.display_url),
              self.engine.connect().execution_options(cairn_write=True) as conn, conn.begin()):
            lock_schema(conn)
            every_person(conn)  # a migration works on every person's rows
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
        return before, SCHEMA_HEAD

    @contextmanager
    def session(self, person_id: int | None = None, *, write: bool = False,
                shared_only: bool = False) -> Iterator[Session]:
        """A transaction acting for ``person_id`` (None: shared data only), committed on
        success and rolled back on error; a write session holds the person's lock.

        ``shared_only``: one read of tables no person owns (accounts, signed-in sessions),
        asked on every request of a server: on PostgreSQL without a transaction (each
        statement sees what was committed when it starts; no BEGIN and COMMIT round trips)
        and without a word to row-level security; a personal table read in it shows no
        rows (fails closed)."""
        with translated(self.display_url):
            conn = self.engine.connect()
            if write:
                conn = conn.execution_options(cairn_write=True)
            elif shared_only and not self.is_sqlite:
                conn = conn.execution_options(isolation_level="AUTOCOMMIT")
            info = {} if person_id is None else {PERSON_KEY: person_id}
            try:
                with Session(bind=conn, expire_on_commit=False, info=info) as s, s.begin():
                    if not self.is_sqlite and not shared_only:
                        act_for(s, person_id)
                    if write and person_id is not None and not lock_person(s, person_id):
                        raise NotFound(f"There is no person {person_id} in "
                                       f"{self.display_url}.", "Check the person's id.")
                    yield s
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

    def close(self) -> None:
        """Done with the database: once no other open ``Database`` of this process uses it,
        its pooled connections close (the engine keeps its compiled statements)."""
        if self._claimed:
            self._claimed = False
            release_engine(self.engine)

    def dispose(self) -> None:
        """Close every pooled connection now (before the file is replaced or removed); the
        engine stays, ready to connect again."""
        self.engine.dispose()


def known_revisions() -> set[str]:
    """Every schema revision this version of Cairn has a migration for."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return {rev.revision for rev in ScriptDirectory.from_config(config).walk_revisions()}
