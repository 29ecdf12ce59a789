"""Installing the O*NET catalog from the browser: one background import at a time,
reporting its progress for the page to poll.

The import runs in a thread of the server process that was asked (it takes a minute or
two), on a facade of its own; the page reads :class:`InstallJob` (the current step, how
far it is, and how it ended). The server's other worker processes answer the page's polls
too, so the job is also kept in a small file beside the server's other files (one per
database, written whole each time): every worker reads it, and a second install is
refused while one runs in any of them (a lock file makes the check and the start one
step). A running job whose process is gone, or that has not moved for ``STALE``, is shown
as stopped.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from cairn.commands import quoted
from cairn.core.errors import CairnError, Conflict
from cairn.services.app import Cairn
from cairn.store.db import Database

RUNNING, DONE, FAILED = "running", "done", "failed"
STALE = 600.0  # seconds without news after which a running job is taken for stopped
WRITE_EVERY = 0.25  # seconds between writes of the progress while a step moves


@dataclass(frozen=True, slots=True)
class InstallJob:
    """Where an install stands: the step (a file being imported, or the download), its
    progress, how many steps are done, and how it ended."""

    state: str = RUNNING
    label: str = "Starting"
    total: int = 0
    completed: int = 0
    steps: int = 0
    message: str = ""

    @property
    def fraction(self) -> float | None:
        """How far the current step is (None when its size is not known)."""
        return min(1.0, self.completed / self.total) if self.total > 1 else None


def progress_file(database_url: str) -> Path:
    """Where the server's workers share the install of the catalog of ``database_url``."""
    from cairn.settings import data_dir

    digest = hashlib.sha256(database_url.encode()).hexdigest()[:16]
    return data_dir() / f"catalog-install-{digest}.json"


@contextlib.contextmanager
def _exclusive(path: Path) -> Iterator[None]:
    """Hold the lock file beside ``path`` (across processes) while the block runs."""
    fd = os.open(path.with_suffix(".lock"), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def _alive(host: str, pid: int) -> bool:
    """Whether the process that wrote a job may still run it (unknown on another host)."""
    if host != socket.gethostname():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Installs:
    """The catalog install of a server: this process's own, if it runs one, and the one
    any other worker runs, read from the shared file (``shared`` None: this process
    only)."""

    def __init__(self, shared: Path | None = None) -> None:
        self._lock = threading.Lock()
        self._job: InstallJob | None = None
        self._thread: threading.Thread | None = None
        self._written = 0.0
        self.shared = shared

    @property
    def job(self) -> InstallJob | None:
        """The install as it stands: this process's while it runs one, else the shared
        one."""
        if self.shared is None or (self._thread is not None and self._thread.is_alive()):
            return self._job
        return self._read() or self._job

    def _read(self) -> InstallJob | None:
        assert self.shared is not None
        try:
            data = json.loads(self.shared.read_text(encoding="utf-8"))
            job = InstallJob(**{f.name: data[f.name] for f in fields(InstallJob)})
            at, host, pid = float(data["at"]), str(data["host"]), int(data["pid"])
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if job.state == RUNNING and (time.time() - at > STALE or not _alive(host, pid)):
            return replace(job, state=FAILED, message="The install stopped before it "
                           "finished (the server process running it ended). Start it again.")
        return job

    def _write(self, job: InstallJob) -> None:
        if self.shared is None:
            return
        from cairn.files import write_atomic

        self._written = time.monotonic()
        record = asdict(job) | {"at": time.time(), "host": socket.gethostname(),
                                "pid": os.getpid()}
        with contextlib.suppress(OSError):  # the page then shows this process's own job
            write_atomic(self.shared, json.dumps(record).encode())

    def _set(self, **changes: object) -> None:
        with self._lock:
            self._job = job = replace(self._job or InstallJob(), **changes)  # type: ignore[arg-type]
        if "state" in changes or time.monotonic() - self._written >= WRITE_EVERY:
            self._write(job)

    # the importer's Progress protocol
    def start(self, label: str, total: int) -> None:
        """A new step begins."""
        with self._lock:
            steps = (self._job.steps + 1) if self._job else 1
        self._set(label=label, total=total, completed=0, steps=steps, state=RUNNING)

    def update(self, completed: int) -> None:
        """The current step moved."""
        self._set(completed=completed)

    def begin(self, db: Database, person_id: int, source: Path | None,
              cleanup: Path | None = None) -> None:
        """Start importing ``source`` (None: download the official release) in the
        background; ``cleanup`` is a file to delete when it ends (an upload)."""
        with self._lock, (_exclusive(self.shared) if self.shared is not None
                          else contextlib.nullcontext()):
            current = self.job  # this process's own while it runs one, else the shared one
            if current is not None and current.state == RUNNING:
                raise Conflict("The catalog is being installed already.",
                               "Wait for it to finish: its progress is on this page.")
            self._job = InstallJob()
            self._write(self._job)
            self._thread = threading.Thread(target=self._run,
                                            args=(db, person_id, source, cleanup),
                                            name="cairn-catalog-install", daemon=True)
            self._thread.start()

    def _run(self, db: Database, person_id: int, source: Path | None,
             cleanup: Path | None) -> None:
        app = Cairn.for_person(db, person_id)
        try:
            st = app.catalog.install(source, self)
        except CairnError as err:
            self._set(state=FAILED, message=f"{err.message} {err.fix(quoted) or ''}".strip())
        except Exception as err:  # noqa: BLE001 - the page says it failed, never hangs
            self._set(state=FAILED, message=f"The install failed: {type(err).__name__}.")
        else:
            self._set(state=DONE, message=f"O*NET {st.version} is installed: "
                                          f"{st.counts.get('onet_occupation', 0)} occupations.")
        finally:
            if cleanup is not None:
                with contextlib.suppress(OSError):
                    cleanup.unlink()

    def wait(self, timeout: float) -> InstallJob | None:
        """The job once it is no longer running, or as it stands after ``timeout``
        seconds (for tests)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            job = self.job
            if job is None or job.state != RUNNING:
                return job
            time.sleep(0.05)
        return self.job
