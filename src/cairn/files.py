"""Files people name: read with clear errors, written whole or not at all, private to them.

Every file Cairn writes for a person (exports, reports, calendars, backups) goes
through :func:`write_atomic` or :func:`atomic_path`: the bytes land in a temporary
file beside the target, created ``0600``, are flushed to the disk, and only then
take the target's name (an atomic rename), after which the folder is flushed too. A
crash, a kill or a full disk leaves either the old file or the new one, never a
half-written or empty file under the final name. Folders Cairn makes for itself
are ``0700``.

Reading is the other half: a file that is missing, a folder, not text, or nested
too deeply for the parser gives a :class:`~cairn.core.errors.CairnError`, never a
traceback.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cairn.core.actions import Action
from cairn.core.errors import ImportFormatError, InvalidInput, NotFound, StorageError

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700
MAX_DOCUMENT_BYTES = 512 * 1024 * 1024  # a JSON export of a lifetime is a few tens of MB


def private_folder(path: Path) -> Path:
    """Create ``path`` (and its parents) as a folder only its owner can open; returns it.

    A folder that already exists keeps its permissions: it may be shared on purpose.
    """
    try:
        path.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    except FileExistsError:
        raise StorageError(f"{path} is a file, not a folder.",
                           "Move the file away or choose another folder.") from None
    except OSError as exc:
        raise StorageError(f"Cannot create the folder {path}: {exc.strerror}.",
                           "Choose a folder you can write to.") from exc
    return path


def _fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (not every platform can open a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse fsync on folders; the rename itself is atomic
    finally:
        os.close(fd)


def _write_error(target: Path, exc: OSError) -> StorageError:
    reason = exc.strerror or str(exc)
    return StorageError(f"Cannot write {target}: {reason}. Nothing was changed there.",
                        "Free some space or choose a folder you can write to.")


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target`` to fill; it becomes ``target`` when the block ends.

    The temporary file exists (empty, mode 0600) when the block starts. If the block
    raises, the temporary file is removed and ``target`` is untouched.
    """
    target = target.expanduser()
    folder = target.parent if str(target.parent) else Path()
    if target.is_dir():
        raise InvalidInput(f"{target} is a folder.", "Give the path of a file to write.")
    if not folder.is_dir():
        raise InvalidInput(f"The folder {folder} does not exist.",
                           "Create it first, or give a path in an existing folder.")
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _write_error(target, exc) from exc
    os.close(fd)  # mkstemp creates the file 0600
    temp = Path(name)
    try:
        yield temp
        with temp.open("rb+") as f:
            os.fsync(f.fileno())
        temp.replace(target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise _write_error(target, exc) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _fsync_folder(folder)


def write_atomic(target: Path, content: bytes) -> int:
    """Write ``content`` to ``target`` whole or not at all, readable by its owner only.

    Returns the number of bytes written.
    """
    with atomic_path(target) as temp, temp.open("wb") as f:
        f.write(content)
        f.flush()
    return len(content)


# -- reading -----------------------------------------------------------------------


def read_bytes(path: Path, what: str = "file") -> bytes:
    """The bytes of a file a person names, or a clear error (missing, a folder, unreadable)."""
    path = path.expanduser()
    try:
        if path.is_dir():
            raise InvalidInput(f"{path} is a folder, not a {what}.", f"Give the path of a {what}.")
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            raise ImportFormatError(
                f"{path} is {size // (1024 * 1024)} MB; Cairn reads files up to "
                f"{MAX_DOCUMENT_BYTES // (1024 * 1024)} MB.", f"Check that this is the {what}.")
        return path.read_bytes()
    except FileNotFoundError:
        raise NotFound(f"There is no file {path}.", "Check the path.") from None
    except OSError as exc:
        raise InvalidInput(f"Cannot read {path}: {exc.strerror or exc}.",
                           "Check the path and that you may read the file.") from None


def read_text(path: Path, what: str = "file", hint: str = "Give a UTF-8 text file.") -> str:
    """The text (UTF-8) of a file a person names, or a clear error."""
    data = read_bytes(path, what)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ImportFormatError(
            f"{path} is not a text file (UTF-8): byte {exc.start} cannot be read.", hint
        ) from None


def parse_json(text: str, source: object, hint: str, action: Action | None = None) -> Any:
    """JSON from ``text``; syntax errors and absurd nesting are :class:`ImportFormatError`
    (``action``: what ``hint`` names with ``{action}``)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFormatError(f"{source} is not JSON ({exc}).", hint, action) from None
    except RecursionError:
        raise ImportFormatError(f"{source} is nested too deeply to be read.", hint,
                                action) from None


def parse_toml(text: str, source: object, hint: str) -> dict[str, Any]:
    """TOML from ``text``; syntax errors and absurd nesting are :class:`ImportFormatError`."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ImportFormatError(f"{source} is not valid TOML ({exc}).", hint) from None
    except RecursionError:
        raise ImportFormatError(f"{source} is nested too deeply to be read.", hint) from None
