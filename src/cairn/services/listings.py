"""Listings for the command line, read the quickest way there is.

A listing is most of what people run, and a command's time is mostly its start-up: on a
SQLite file, :func:`open_listings` reads through ``store/quick.py`` (the standard library's
``sqlite3``), so the command imports neither SQLAlchemy nor the services behind the facade.
Where that reader declines (PostgreSQL, a database to migrate or back up first, a person to
create or choose), the same questions go to the facade, opened the usual way by ``full``:
the answers are the same either way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from cairn.core.model import Task, TaskStatus

if TYPE_CHECKING:
    from cairn.services.app import Cairn
    from cairn.store.quick import Reader


class Listings:
    """Read-only listings of one person's data."""

    def __init__(self, reader: Reader | None, full: Callable[[], Cairn]) -> None:
        self.reader = reader
        self.full = full

    def tasks(self, statuses: Sequence[TaskStatus] = (TaskStatus.OPEN,),
              goal_id: int | None = None) -> list[Task]:
        """As :meth:`cairn.services.tasks.TaskService.find`."""
        if self.reader is None:
            return self.full().tasks.find(statuses, goal_id=goal_id)
        return [t for t in self.reader.tasks(statuses)
                if goal_id is None or t.goal_id == goal_id]

    def close(self) -> None:
        """Close the quick reader, if one was opened (the facade closes itself)."""
        if self.reader is not None:
            self.reader.close()


def open_listings(url: str, person_id: int | None, full: Callable[[], Cairn]) -> Listings:
    """Listings of the database at ``url`` (a resolved URL) for ``person_id`` (None: the only
    person); ``full`` opens the facade when the quick reader cannot be used."""
    from cairn.store.quick import open_reader

    return Listings(open_reader(url, person_id), full)
