"""Opening a database: engine settings, SQLite pragmas, schema migrations on first use."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from cairn.core.errors import StorageError
from cairn.store.migrations import SCHEMA_HEAD

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
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cur.close()

    @event.listens_for(engine, "begin")
    def on_begin(conn: Any) -> None:
        write = conn.get_execution_options().get("cairn_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


class Database:
    """One database: an engine, migrations, and short read or write sessions."""

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
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
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
        """Upgrade the schema to this version of Cairn when it is behind."""
        if self.current_revision() != SCHEMA_HEAD:
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
        with self.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
        return before, SCHEMA_HEAD

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading."""
        with self._sessions() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A short write transaction, committed on success and rolled back on error."""
        conn = self.engine.connect().execution_options(cairn_write=True)
        try:
            with Session(bind=conn, expire_on_commit=False) as session, session.begin():
                yield session
        finally:
            conn.close()

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()
