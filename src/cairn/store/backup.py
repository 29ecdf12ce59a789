"""Backups of the database: consistent copies while Cairn is in use, checked restores, rotation.

SQLite is copied with its online backup API, which reads one consistent snapshot
while other processes keep writing; the copy is checked (``PRAGMA quick_check``)
and written whole or not at all. PostgreSQL is dumped with ``pg_dump`` (custom
format) and restored with ``pg_restore`` in one transaction.

Automatic backups of a SQLite database go to the ``backups`` folder beside it
(``0700``): one a day on first use (kept for :data:`KEEP_DAILY` days) and one before
every schema migration (the last :data:`KEEP_MIGRATION` kept).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from cairn.core.actions import Action
from cairn.core.errors import CairnError, ImportFormatError, NotFound, StorageError
from cairn.files import atomic_path, private_folder
from cairn.store.sqlite_file import SQLITE_HEADER

if TYPE_CHECKING:
    from cairn.store.db import Database

KEEP_DAILY = 7
KEEP_MIGRATION = 5
PG_DUMP_HEADER = b"PGDMP"
SUFFIX = ".sqlite"


def folder_of(db_file: Path) -> Path:
    """Where the automatic backups of ``db_file`` go."""
    return db_file.parent / "backups"


def _stamp() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")


def _ro_uri(path: Path) -> str:
    return f"file:{quote(str(path.resolve()))}?mode=ro"


def copy_sqlite(source: Path, target: Path) -> int:
    """A consistent copy of the SQLite database ``source`` at ``target``; returns its size.

    The copy is one self-contained file (rollback journal, no -wal), checked before it
    takes the target's name.
    """
    with atomic_path(target) as temp:
        src = sqlite3.connect(_ro_uri(source), uri=True)
        dst = sqlite3.connect(temp)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
            problem = dst.execute("PRAGMA quick_check").fetchone()[0]
        except sqlite3.Error as exc:
            raise StorageError(f"Cannot back up {source}: {exc}.",
                               "Check the database with {action}; free some space.",
                               Action.to("db.info")) from exc
        finally:
            src.close()
            dst.close()
        if problem != "ok":
            raise StorageError(f"The copy of {source} failed its check: {problem}.",
                               "The database may be damaged: restore an earlier backup.")
    return target.stat().st_size


def known_revisions() -> set[str]:
    """Every schema revision this version of Cairn can read (and upgrade)."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    return {rev.revision for rev in ScriptDirectory.from_config(config).walk_revisions()}


def check_sqlite_backup(path: Path, known: set[str]) -> str:
    """Check a SQLite backup before restoring it; returns its schema revision."""
    try:
        with path.open("rb") as f:
            head = f.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        raise NotFound(f"There is no file {path}.", "Check the path.") from None
    except OSError as exc:
        raise StorageError(f"Cannot read {path}: {exc.strerror}.", "Check the path.") from exc
    if head != SQLITE_HEADER:
        raise ImportFormatError(f"{path} is not a Cairn backup (not a SQLite database).",
                                "Give a file written by {action}, or an export (.json).",
                                Action.to("backup"))
    conn = sqlite3.connect(_ro_uri(path) + "&immutable=1", uri=True)
    try:
        problem = conn.execute("PRAGMA quick_check").fetchone()[0]
        if problem != "ok":
            raise ImportFormatError(f"{path} is damaged: {problem}.",
                                    "Restore another backup.")
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error as exc:
        raise ImportFormatError(f"{path} is not a Cairn backup ({exc}).",
                                "Give a file written by {action}.", Action.to("backup")) from exc
    finally:
        conn.close()
    revision = row[0] if row else None
    if revision not in known:
        raise ImportFormatError(
            f"{path} has schema {revision!r}, which this version of Cairn does not know.",
            "Upgrade Cairn to restore a backup made by a newer one.")
    return str(revision)


def restore_sqlite(source: Path, target: Path) -> None:
    """Replace the database ``target`` with the checked backup ``source``, in one step.

    The online backup API writes every page in one transaction on the target: other
    processes see the old database or the restored one, and a crash keeps the old one.
    """
    src = sqlite3.connect(_ro_uri(source) + "&immutable=1", uri=True)
    dst = sqlite3.connect(target, timeout=30)
    try:
        src.backup(dst)
    except sqlite3.Error as exc:
        raise StorageError(f"Cannot restore into {target}: {exc}.",
                           "Close other Cairn commands and try again; free some space.") from exc
    finally:
        src.close()
        dst.close()


def set_aside(db_file: Path, label: str) -> Path:
    """Move a database file (and its -wal and -shm) into its backups folder, as they are;
    returns where the database file went. A rename: nothing is copied or lost."""
    folder = private_folder(folder_of(db_file))
    target = folder / f"{db_file.stem}-{label}-{_stamp()}{SUFFIX}"
    for suffix in ("-wal", "-shm", "-journal"):
        companion = db_file.with_name(db_file.name + suffix)
        if companion.exists():
            companion.replace(target.with_name(target.name + suffix))
    db_file.replace(target)
    return target


# -- PostgreSQL --------------------------------------------------------------------


def _libpq(db: Database) -> tuple[str, dict[str, str]]:
    """A libpq URL without the password, and the environment that carries it."""
    url = db.engine.url.set(drivername="postgresql")
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return url.set(password=None).render_as_string(hide_password=False), env


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise NotFound(f"{name} is not installed, so a PostgreSQL backup cannot be made.",
                       "Install the PostgreSQL client tools, or use {action}.",
                       Action.to("export", file=None))
    return found


def dump_postgres(db: Database, target: Path) -> int:
    """``pg_dump`` of the whole database (custom format) at ``target``; returns its size."""
    url, env = _libpq(db)
    with atomic_path(target) as temp:
        done = subprocess.run([_pg_tool("pg_dump"), "--format=custom", "--no-owner",  # noqa: S603
                               f"--file={temp}", f"--dbname={url}"],
                              env=env, capture_output=True, text=True, check=False)
        if done.returncode:
            raise StorageError(f"pg_dump failed: {done.stderr.strip()}",
                               "Check the server and that pg_dump matches its version.")
    return target.stat().st_size


def restore_postgres(db: Database, source: Path) -> None:
    """Restore a ``pg_dump`` file into the database in one transaction, after a check."""
    url, env = _libpq(db)
    tool = _pg_tool("pg_restore")
    listed = subprocess.run([tool, "--list", str(source)], env=env,  # noqa: S603
                            capture_output=True, text=True, check=False)
    if listed.returncode:
        raise ImportFormatError(f"{source} is not a readable pg_dump file: "
                                f"{listed.stderr.strip()}", "Give a file written by {action} on "
                                "PostgreSQL.", Action.to("backup"))
    db.dispose()
    done = subprocess.run([tool, "--clean", "--if-exists", "--no-owner", "--single-transaction",  # noqa: S603
                           f"--dbname={url}", str(source)], env=env,
                          capture_output=True, text=True, check=False)
    if done.returncode:
        raise StorageError(f"pg_restore failed; nothing was changed: {done.stderr.strip()}",
                           "Check the server and that pg_restore matches its version.")


# -- automatic backups ---------------------------------------------------------------


def _rotate(folder: Path, prefix: str, keep: int) -> None:
    """Keep the newest ``keep`` backups whose names start with ``prefix``."""
    found = sorted(p for p in folder.glob(f"{prefix}*{SUFFIX}") if p.is_file())
    for old in found[:-keep] if keep else found:
        old.unlink(missing_ok=True)


def automatic(db_file: Path, kind: str, keep: int, tag: str = "") -> Path:
    """Back up ``db_file`` into its backups folder as ``kind`` and rotate; returns the copy."""
    folder = private_folder(folder_of(db_file))
    prefix = f"{db_file.stem}-{kind}-"
    target = folder / f"{prefix}{tag}{_stamp()}{SUFFIX}"
    copy_sqlite(db_file, target)
    _rotate(folder, prefix, keep)
    return target


def daily_due(db_file: Path, today: dt.date) -> bool:
    """True when ``db_file`` has no automatic backup from ``today`` (UTC)."""
    folder = folder_of(db_file)
    return not any(folder.glob(f"{db_file.stem}-daily-{today:%Y%m%d}T*{SUFFIX}"))


def backup_before_migration(db: Database, before: str | None) -> None:
    """Back up a database before its schema changes (a new one has nothing to keep).

    SQLite: into the backups folder beside it. PostgreSQL: a ``pg_dump`` into the
    ``backups`` folder of Cairn's data folder, when pg_dump is installed (a migration
    runs in one transaction there, so a failed one changes nothing either way).
    """
    from cairn.store.migrations import SCHEMA_HEAD

    if before is None or before == SCHEMA_HEAD:
        return
    if db.file is not None:
        automatic(db.file.path, "before-migration", KEEP_MIGRATION, tag=f"{before}-")
    elif db.engine.dialect.name == "postgresql" and shutil.which("pg_dump"):
        from cairn import settings

        folder = private_folder(settings.data_dir() / "backups")
        prefix = f"{db.engine.url.database or 'cairn'}-before-migration-"
        dump_postgres(db, folder / f"{prefix}{before}-{_stamp()}.dump")
        for old in sorted(folder.glob(f"{prefix}*.dump"))[:-KEEP_MIGRATION]:
            old.unlink(missing_ok=True)


def backup_on_first_use(db: Database) -> None:
    """The day's automatic backup of a SQLite database that holds some of the person's data.

    Best effort: a backup that cannot be written (a full disk, a read-only folder) does
    not stop the command; the next first use of a day tries again.
    """
    from cairn.store.transfer import holds_personal_rows

    file = db.file
    if file is None or file.created or file.read_only:
        return
    if not daily_due(file.path, dt.datetime.now(dt.UTC).date()):
        return
    with db.read() as s:
        if not holds_personal_rows(s):
            return
    with contextlib.suppress(CairnError):
        automatic(file.path, "daily", KEEP_DAILY)
