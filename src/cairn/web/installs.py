"""Installing the O*NET catalog from the browser: one background import per server process,
reporting its progress for the page to poll.

The import runs in a thread of the server process (it takes a minute or two), on a
facade of its own; the page reads :class:`InstallJob` (the current step, how far it is,
and how it ended). A second install is refused while one runs.
"""

from __future__ import annotations

import contextlib
import threading
from dataclasses import dataclass, replace
from pathlib import Path

from cairn.commands import quoted
from cairn.core.errors import CairnError, Conflict
from cairn.services.app import Cairn
from cairn.store.db import Database

RUNNING, DONE, FAILED = "running", "done", "failed"


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


class Installs:
    """The process's one catalog install, its progress and its outcome."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.job: InstallJob | None = None

    def _set(self, **changes: object) -> None:
        with self._lock:
            self.job = replace(self.job or InstallJob(), **changes)  # type: ignore[arg-type]

    # the importer's Progress protocol
    def start(self, label: str, total: int) -> None:
        """A new step begins."""
        self._set(label=label, total=total, completed=0,
                  steps=(self.job.steps + 1) if self.job else 1)

    def update(self, completed: int) -> None:
        """The current step moved."""
        self._set(completed=completed)

    def begin(self, db: Database, person_id: int, source: Path | None,
              cleanup: Path | None = None) -> None:
        """Start importing ``source`` (None: download the official release) in the
        background; ``cleanup`` is a file to delete when it ends (an upload)."""
        with self._lock:
            if self.job is not None and self.job.state == RUNNING:
                raise Conflict("The catalog is being installed already.",
                               "Wait for it to finish: its progress is on this page.")
            self.job = InstallJob()
        thread = threading.Thread(target=self._run, args=(db, person_id, source, cleanup),
                                  name="cairn-catalog-install", daemon=True)
        thread.start()

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
        import time

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            job = self.job
            if job is None or job.state != RUNNING:
                return job
            time.sleep(0.05)
        return self.job
