"""One person's unit of work: who acts, their clock, time zone and settings, and the
transaction a use case runs in.

Every service of a facade shares one :class:`Scope`. A use case opens a transaction with
``scope.write()`` (or ``scope.read()``), usually through the :func:`writes` and
:func:`reads` decorators; whatever it calls inside, in any service, joins that same
transaction, so the use case is all or nothing. A write asked for inside a read is a bug
and fails loudly.
"""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from cairn.store.db import Database

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class Clock(Protocol):
    """Where the time comes from (the system's clock; a fixed one in tests and demos)."""

    def now(self) -> dt.datetime:
        """The current instant, time-zone aware."""
        ...


class SystemClock:
    """The machine's clock."""

    def now(self) -> dt.datetime:
        """The current instant in UTC."""
        return dt.datetime.now(dt.UTC)


@dataclass(frozen=True, slots=True)
class PersonSettings:
    """Settings that belong to the person, not to the process that serves them."""

    reassess_months: int = 6  # months between six-monthly reassessments


class Scope:
    """One person's unit of work over a database."""

    def __init__(self, db: Database, person_id: int, zone: zoneinfo.ZoneInfo, *,
                 settings: PersonSettings | None = None, clock: Clock | None = None) -> None:
        self.db = db
        self.person_id = person_id
        self.zone = zone
        self.settings = settings or PersonSettings()
        self.clock: Clock = clock or SystemClock()
        self._session: Session | None = None
        self._writing = False

    # -- time ---------------------------------------------------------------------------

    def now(self) -> dt.datetime:
        """The current time as naive UTC, the form Cairn stores."""
        return self.clock.now().astimezone(dt.UTC).replace(tzinfo=None)

    def today(self) -> dt.date:
        """Today's date where the person is."""
        return self.clock.now().astimezone(self.zone).date()

    def local(self, when: dt.datetime) -> dt.datetime:
        """A stored (naive UTC) time as naive local time in the person's zone."""
        return when.replace(tzinfo=dt.UTC).astimezone(self.zone).replace(tzinfo=None)

    def utc(self, when: dt.datetime) -> dt.datetime:
        """A naive local time in the person's zone as stored (naive UTC)."""
        return when.replace(tzinfo=self.zone).astimezone(dt.UTC).replace(tzinfo=None)

    # -- transactions ---------------------------------------------------------------------

    @property
    def active(self) -> bool:
        """True while a use case's transaction is open."""
        return self._session is not None

    @contextmanager
    def read(self) -> Iterator[Session]:
        """The open transaction, or a new one for reading."""
        if self._session is not None:
            yield self._session
            return
        with self._open(write=False) as s:
            yield s

    @contextmanager
    def write(self) -> Iterator[Session]:
        """The open write transaction, or a new one holding the person's write lock."""
        if self._session is not None:
            if not self._writing:
                raise RuntimeError("a write inside a read-only use case: begin it with write()")
            yield self._session
            return
        with self._open(write=True) as s:
            yield s

    @contextmanager
    def _open(self, *, write: bool) -> Iterator[Session]:
        with self.db.session(self.person_id, write=write) as s:
            self._session, self._writing = s, write
            try:
                yield s
            finally:
                self._session, self._writing = None, False


F = TypeVar("F", bound=Callable[..., Any])


def writes(method: F) -> F:
    """Run a use case in one write transaction (joined by everything it calls). The method's
    owner has a ``scope``."""

    def run(self: Any, *args: Any, **kwargs: Any) -> Any:
        with self.scope.write():
            return method(self, *args, **kwargs)

    return functools.update_wrapper(run, method)  # type: ignore[return-value]


def reads(method: F) -> F:
    """Run a use case that only reads in one transaction: one consistent view, one
    connection (inside a write it joins the write)."""

    def run(self: Any, *args: Any, **kwargs: Any) -> Any:
        with self.scope.read():
            return method(self, *args, **kwargs)

    return functools.update_wrapper(run, method)  # type: ignore[return-value]
