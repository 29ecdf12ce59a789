"""A SQLite database file, checked before SQLAlchemy opens it (the functions that parse a URL
import SQLAlchemy's parser themselves: ``store/quick.py`` uses this module without it).

- A path whose folder does not exist is refused (a typo in ``--db`` must not make
  folders and an empty database); so is a path under a file, or a folder.
- A file that is not a SQLite database is refused with a clear error.
- A new database file is created ``0600`` before SQLite opens it: SQLite gives its
  ``-wal`` and ``-shm`` files the database file's mode, so all three stay private.
- A database its user cannot write is opened read-only, so that it can still be read
  (SQLite's WAL needs a writable folder for its ``-shm`` file; without one the file is
  opened as immutable).
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from cairn.core.errors import StorageError

SQLITE_HEADER = b"SQLite format 3\x00"
PRIVATE_FILE = 0o600
DB_HINT = "Correct the path in --db (or CAIRN_DATABASE_URL), or create the folder first."


@dataclass(frozen=True, slots=True)
class SqliteFile:
    """Where a SQLite database lives, and how it was opened."""

    path: Path
    created: bool  # this open created the (empty) file
    read_only: bool  # the user cannot write it: opened read-only


def file_of(url: str) -> Path | None:
    """The database file of a ``sqlite:///PATH`` URL; None for memory and URI forms."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    if not parsed.drivername.startswith("sqlite"):
        return None
    database = parsed.database or ""
    if database in ("", ":memory:") or database.startswith("file:") or parsed.query.get("uri"):
        return None
    return Path(database).expanduser()


def _refuse_missing_folder(path: Path) -> None:
    """Raise the right error when ``path``'s folder is missing or is a file."""
    for ancestor in path.parents:
        if ancestor.exists():
            if not ancestor.is_dir():
                raise StorageError(f"{ancestor} is a file, so {path} cannot be a database.",
                                   DB_HINT)
            break
    raise StorageError(f"The folder {path.parent} does not exist, so the database {path} "
                       "cannot be made there.", DB_HINT)


def check_is_sqlite(path: Path) -> None:
    """Raise when ``path`` holds something other than a SQLite database (empty is fine)."""
    try:
        with path.open("rb") as f:
            head = f.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise StorageError(f"Cannot read the database {path}: {exc.strerror}.",
                           "Check that you may read the file.") from exc
    if head and head != SQLITE_HEADER:
        raise StorageError(f"{path} is not a SQLite database.",
                           "Give the path of a Cairn database with --db, or a new file name "
                           "to start one there.")


def is_sqlite_file(path: Path) -> bool:
    """True when ``path`` is a file that begins like a SQLite database."""
    try:
        with path.open("rb") as f:
            return f.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def _create_private(path: Path) -> bool:
    """Create ``path`` empty and 0600 unless it exists; True when this call created it."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE)
    except FileExistsError:
        return False
    except OSError as exc:
        raise StorageError(f"Cannot create the database {path}: {exc.strerror}.",
                           "Choose a folder you can write to (--db).") from exc
    os.close(fd)
    return True


def _read_only_url(path: Path) -> str:
    """A URL opening ``path`` read-only; immutable when SQLite could not make its -shm file."""
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    shm = path.with_name(path.name + "-shm")
    if not os.access(path.parent, os.W_OK) and not shm.exists():
        uri += "&immutable=1"
    return f"sqlite:///{uri}&uri=true"


def prepare(url: str) -> tuple[str, SqliteFile | None]:
    """Check (and if new, create) the file of a SQLite URL; returns the URL to open.

    Other URLs (PostgreSQL, in-memory SQLite, SQLite URI filenames) come back unchanged.
    """
    from sqlalchemy.engine import make_url

    path = file_of(url)
    if path is None:
        return url, None
    if path.is_dir():
        raise StorageError(f"{path} is a folder, not a database file.", DB_HINT)
    if not path.parent.is_dir():
        _refuse_missing_folder(path)
    created = _create_private(path)
    if not created:
        check_is_sqlite(path)
    writable = os.access(path, os.W_OK) and (
        os.access(path.parent, os.W_OK) or path.with_name(path.name + "-shm").exists())
    if not writable and path.stat().st_size:
        return _read_only_url(path), SqliteFile(path, created=False, read_only=True)
    return str(make_url(url).set(database=str(path))), SqliteFile(path, created, False)


def remove_new(file: SqliteFile) -> None:
    """Remove a database file this run created (with its -wal and -shm)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        file.path.with_name(file.path.name + suffix).unlink(missing_ok=True)


def journal_wal(cursor: Any) -> None:
    """Put the database in WAL mode; a read-only one stays as it is and can still be read."""
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
    except sqlite3.OperationalError as exc:
        if "readonly" not in str(exc) and "read-only" not in str(exc):
            raise
