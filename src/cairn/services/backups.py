"""Backups while Cairn is in use, and restoring one after a check.

SQLite databases are copied with SQLite's online backup; PostgreSQL with ``pg_dump``
(when it is installed; otherwise the JSON export is the backup). A restore takes a
SQLite backup, a ``pg_dump`` file or a JSON export; before it replaces anything, the
current database is itself backed up.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

from cairn.core.errors import InvalidInput, StorageError
from cairn.files import private_folder, read_bytes, write_atomic
from cairn.services.transfer import ExportDocument, TransferService, read_export
from cairn.store import backup as store
from cairn.store.db import Database
from cairn.store.sqlite_file import SQLITE_HEADER, file_of, is_sqlite_file


@dataclass(frozen=True, slots=True)
class BackupDone:
    """Where a backup went, how big it is and what kind it is."""

    path: Path
    size: int
    kind: str  # "sqlite", "pg_dump" or "export"


def _stamp() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


class BackupService:
    """``cairn backup`` and ``cairn restore``."""

    def __init__(self, db: Database, data: TransferService) -> None:
        self.db = db
        self.data = data

    def _kind(self) -> str:
        if self.db.file is not None:
            return "sqlite"
        if self.db.engine.dialect.name == "postgresql" and shutil.which("pg_dump"):
            return "pg_dump"
        return "export"

    def default_target(self) -> Path:
        """Where `cairn backup` without a FILE writes."""
        kind = self._kind()
        if self.db.file is not None:
            return store.folder_of(self.db.file.path) / (
                f"{self.db.file.path.stem}-backup-{_stamp()}{store.SUFFIX}")
        from cairn import settings

        name = self.db.engine.url.database or "cairn"
        return settings.data_dir() / "backups" / (
            f"{name}-backup-{_stamp()}{'.dump' if kind == 'pg_dump' else '.json'}")

    def backup(self, target: Path | None = None) -> BackupDone:
        """A consistent copy of the database at ``target`` (default: the backups folder)."""
        path = (target or self.default_target()).expanduser()
        if target is None:
            private_folder(path.parent)
        kind = self._kind()
        if kind == "sqlite":
            assert self.db.file is not None
            if path.resolve() == self.db.file.path.resolve():
                raise InvalidInput("The backup would overwrite the database itself.",
                                   "Give another file name.")
            size = store.copy_sqlite(self.db.file.path, path)
        elif kind == "pg_dump":
            size = store.dump_postgres(self.db, path)
        else:
            size = write_atomic(path, self.data.export().content)
        return BackupDone(path, size, kind)

    def restore(self, source: Path, *, kept: BackupDone | None = None
                ) -> tuple[str, BackupDone | None]:
        """Replace the database's contents with a checked backup or export.

        Returns what kind of file was restored and the backup taken of the data it
        replaced (None when there was nothing to keep). ``kept`` is a damaged database
        already set aside by :func:`restore_database`.
        """
        from cairn.store.migrations import SCHEMA_HEAD

        kind, document = check_source(source)
        if kind == "sqlite":
            if self.db.file is None:
                raise InvalidInput(f"{source} is a SQLite backup, and this database is not "
                                   "SQLite.", "Restore an export (.json) or a pg_dump file.")
            kept = kept or self._keep_current()
            self.db.dispose()
            self._put_back(source, set_aside=kept is None or kept.kind != "damaged")
        elif kind == "pg_dump":
            if self.db.engine.dialect.name != "postgresql":
                raise InvalidInput(f"{source} is a pg_dump file, and this database is not "
                                   "PostgreSQL.", "Restore an export (.json) instead.")
            kept = kept or self._keep_current()
            store.restore_postgres(self.db, source)
        else:
            assert document is not None
            kept = kept or self._keep_current()
            self.data.load(document, replace=True)
        self.db.dispose()
        if self.db.current_revision() != SCHEMA_HEAD:
            self.db.upgrade()
        return kind, kept

    def _put_back(self, source: Path, *, set_aside: bool) -> None:
        """Write a checked SQLite backup over the database: page by page in one transaction
        (others see the old or the new database); a file too damaged for that is set aside
        first and replaced whole."""
        assert self.db.file is not None
        path = self.db.file.path
        if set_aside:
            try:
                store.restore_sqlite(source, path)
            except StorageError:
                store.set_aside(path, "damaged")
            else:
                return
        store.copy_sqlite(source, path)

    def _keep_current(self) -> BackupDone | None:
        """Back up what a restore is about to replace, unless the database holds nobody's data;
        a SQLite database too damaged to copy is set aside as it is."""
        from cairn.store.transfer import holds_personal_rows

        try:
            with self.db.read() as s:
                if not holds_personal_rows(s):
                    return None
            if self.db.file is not None:
                path = store.automatic(self.db.file.path, "before-restore", store.KEEP_MIGRATION)
                return BackupDone(path, path.stat().st_size, "sqlite")
        except StorageError:
            if self.db.file is None:
                raise
            self.db.dispose()
            path = store.set_aside(self.db.file.path, "damaged")
            return BackupDone(path, path.stat().st_size, "damaged")
        return self.backup()


def check_source(source: Path) -> tuple[str, ExportDocument | None]:
    """What a file to restore is (sqlite, pg_dump or export), checked; an export's document."""
    source = source.expanduser()
    content = read_bytes(source, "backup")
    head = content[:16]
    if head == SQLITE_HEADER:
        store.check_sqlite_backup(source, store.known_revisions())
        return "sqlite", None
    if head.startswith(store.PG_DUMP_HEADER):
        return "pg_dump", None
    return "export", read_export(content, str(source))


def shown_url(url: str) -> str:
    """A database URL as it may be shown: without its password."""
    from cairn.store.db import display_url

    return display_url(url)


def restore_database(url: str, source: Path, *, person_id: int | None = None,
                     zone: str | None = None) -> tuple[str, BackupDone | None]:
    """``cairn restore``: check the file, open the database and restore into it.

    A SQLite database too damaged to open (its file still a SQLite file: a foreign file
    is never touched) is set aside in the backups folder and a new one takes its place.
    """
    check_source(source)
    kept = None
    try:
        db = Database(url)
    except StorageError:
        path = file_of(url)
        if path is None or not is_sqlite_file(path):
            raise
        aside = store.set_aside(path, "damaged")
        kept = BackupDone(aside, aside.stat().st_size, "damaged")
        db = Database(url)
    try:
        from cairn.services.people import local_person, person_zone
        from cairn.services.scope import Scope

        person = local_person(db, person_id, zone)  # an export is restored into this person
        scope = Scope(db, person.id, person_zone(person, zone))
        return BackupService(db, TransferService(scope)).restore(source, kept=kept)
    finally:
        db.close()
