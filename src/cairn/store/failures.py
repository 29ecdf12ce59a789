"""What the database refused, said in words: driver errors become Cairn errors in one place.

A full disk, a read-only or damaged file, a server that does not answer, a number too
large for a column or text that is not Unicode all reach :func:`translated` as driver
exceptions; it raises the :class:`~cairn.core.errors.CairnError` that says what went
wrong and how to fix it. Errors it does not know pass through unchanged: they are bugs.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DatabaseError, DataError, DBAPIError, IntegrityError, ProgrammingError

from cairn.core.actions import Action
from cairn.core.errors import CairnError, Conflict, InvalidInput, StorageError

LARGEST_INTEGER = 2**63 - 1
# PostgreSQL SQLSTATEs of a writer that waited too long or lost a race: try again
_PG_BUSY = {"55P03": "a lock could not be taken in time", "40P01": "a deadlock",
            "40001": "a concurrent change"}

# SQLite result codes (sqlite3's sqlite_errorname) -> (what went wrong, how to fix it)
_SQLITE = {
    "SQLITE_FULL": ("the disk is full",
                    "Free some space and run the command again; nothing of it was saved."),
    "SQLITE_IOERR": ("the disk could not be written or read",
                     "Check the disk (space, connection) and run the command again; "
                     "nothing of it was saved."),
    "SQLITE_READONLY": ("the file or its folder is read-only, so it can be read but not "
                        "changed", "Make them writable (chmod u+w FILE FOLDER), or copy the "
                        "database elsewhere and use --db."),
    "SQLITE_BUSY": ("another Cairn is writing to it",
                    "Run the command again in a moment."),
    "SQLITE_LOCKED": ("another Cairn is writing to it",
                      "Run the command again in a moment."),
    "SQLITE_CORRUPT": ("the file is damaged",
                       "Restore a backup: {action} (automatic backups are in "
                       "the 'backups' folder beside the database)."),
    "SQLITE_NOTADB": ("the file is not a SQLite database, or it is damaged",
                      "Give the path of a Cairn database with --db, or restore a backup "
                      "with {action}."),
    "SQLITE_CANTOPEN": ("the file cannot be opened",
                        "Check the path and that you may read and write it and its folder."),
}

RESTORE = Action.to("restore", file=None)  # what a fix above names with {action}


def _sqlite_reason(orig: BaseException) -> tuple[str, str] | None:
    name = getattr(orig, "sqlite_errorname", "") or ""
    for prefix, reason in _SQLITE.items():
        if name.startswith(prefix):
            return reason
    text = str(orig).lower()
    for needle, code in (("disk is full", "SQLITE_FULL"), ("readonly", "SQLITE_READONLY"),
                         ("locked", "SQLITE_BUSY"), ("malformed", "SQLITE_CORRUPT"),
                         ("not a database", "SQLITE_NOTADB"), ("i/o error", "SQLITE_IOERR"),
                         ("unable to open", "SQLITE_CANTOPEN")):
        if needle in text:
            return _SQLITE[code]
    return None


def storage_error(where: str, exc: DBAPIError) -> StorageError | None:  # noqa: PLR0911 - a case a cause
    """The StorageError for a database failure, or None when it is not one (a bug)."""
    orig = exc.orig if exc.orig is not None else exc
    if exc.connection_invalidated:
        return StorageError(f"The connection to the database {where} was lost.",
                            "Nothing was changed. Check that the server runs, then try again.")
    busy = _PG_BUSY.get(getattr(orig, "sqlstate", "") or "")
    if busy:
        return StorageError(f"The database {where} is busy: {busy} (another Cairn is writing).",
                            "Nothing was changed. Run the command again in a moment.")
    module = type(orig).__module__
    if module.startswith("sqlite3"):
        reason = _sqlite_reason(orig)
        if reason is None:
            return None
        what, fix = reason
        detail = (str(orig).strip().splitlines() or [""])[0][:200]
        return StorageError(f"Cannot use the database {where}: {what} ({detail}).", fix,
                            RESTORE if "{action}" in fix else None)
    if isinstance(exc, DatabaseError) and not isinstance(
            exc, IntegrityError | ProgrammingError | DataError):
        detail = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
        sqlstate = getattr(orig, "sqlstate", "") or ""
        if sqlstate.startswith("53"):  # insufficient resources: disk full, out of memory
            return StorageError(f"The database server {where} is out of room: {detail}.",
                                "Ask its administrator to free space; nothing was saved.")
        return StorageError(f"Cannot open the database {where}: {detail}.",
                            "Check that the server runs and the URL is right, or use --db "
                            "to pick another.")
    return None


def _too_large() -> InvalidInput:
    return InvalidInput(f"A number is too large to store (the largest is {LARGEST_INTEGER:,}).",
                        "Check the ids and numbers you gave.")


@contextmanager
def translated(where: str) -> Iterator[None]:
    """Run a block against the database ``where``; driver failures become Cairn errors."""
    try:
        yield
    except CairnError:
        raise
    except DataError as exc:  # PostgreSQL: a number out of range, text it cannot store
        if getattr(exc.orig, "sqlstate", "") == "22003":  # numeric value out of range
            raise _too_large() from exc
        detail = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise InvalidInput(f"The database refused a value: {detail}.",
                           "Check the numbers and text you gave.") from exc
    except IntegrityError as exc:
        detail = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise Conflict(f"The change conflicts with what is stored already ({detail}).",
                       "Nothing was changed. Check the ids you gave and try again.") from exc
    except DBAPIError as exc:
        error = storage_error(where, exc)
        if error is None:
            raise
        raise error from exc
    except OverflowError as exc:
        raise _too_large() from exc
    except UnicodeEncodeError as exc:
        raise InvalidInput(
            "Some text is not valid Unicode (it holds a lone surrogate, such as a "
            f"{exc.object[exc.start:exc.end]!r} from bytes that are not UTF-8).",
            "Type the text again, or save the file it came from as UTF-8.") from exc
