"""Files the person names on the command line: read whole, or written whole and private.

Services take and return bytes; the command line is where files are read and written.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from cairn.core.errors import InvalidInput, NotFound


def read_bytes(path: Path) -> bytes:
    """The bytes of a file, or an error saying what is wrong with the path."""
    target = path.expanduser()
    if target.is_dir():
        raise InvalidInput(f"{path} is a folder, not a file.", "Give the path of a file.")
    try:
        return target.read_bytes()
    except FileNotFoundError:
        raise NotFound(f"There is no file {path}.", "Check the path.") from None
    except OSError as exc:
        raise InvalidInput(f"Cannot read {path}: {exc.strerror}.",
                           "Check the path and that you may read the file.") from None


def write_bytes(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` as a whole: a private temporary file beside it (0600),
    flushed to disk, then renamed over the target, so a crash or a full disk never leaves a
    half-written file under the final name."""
    target = path.expanduser()
    folder = target.parent
    try:
        handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".part")
    except OSError as exc:
        raise InvalidInput(f"Cannot write {path}: {exc.strerror}.",
                           "Choose a folder that exists and that you can write to.") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        Path(temp).replace(target)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise InvalidInput(f"Cannot write {path}: {exc.strerror}.",
                           "Free some space or choose another folder.") from None
