"""One person's unit of work: who acts, their clock, time zone and settings, and the
transaction a use case runs in.

Every service of a facade shares one :class:`Scope`. A use case opens a transaction with
``scope.write()`` (or ``scope.read()``), usually through the :func:`writes` and
:func:`reads` decorators; whatever it calls inside, in any service, joins that same
transaction, so the use case is all or nothing. A write asked for inside a read is a bug
and fails loudly.

A read-only use case reads through ``scope.records()``: the open transaction's
:class:`~cairn.services.records.Records`, core objects whatever the storage. A
:class:`ReaderScope` serves those same use cases (``cairn status``, ``review --summary``)
from a reader that is already open, without SQLAlchemy (see ``services/listings.py``).
"""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from cairn.services.records import Records
    from cairn.store.db import Database


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


class ReadScope:
    """What a read-only use case needs of a scope: who, their clock and zone, their
    settings, and one consistent read of their records."""

    def __init__(self, person_id: int, zone: zoneinfo.ZoneInfo, *,
                 settings: PersonSettings | None = None, clock: Clock | None = None) -> None:
        self.person_id = person_id
        self.zone = zone
        self.settings = settings or PersonSettings()
        self.clock: Clock = clock or SystemClock()

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

    def read(self) -> AbstractContextManager[object]:
        """The open read (or write) transaction, or a new one for reading."""
        raise NotImplementedError

    def records(self) -> AbstractContextManager[Records]:
        """The person's records in the open transaction, or in a new one for reading."""
        raise NotImplementedError


class ReaderScope(ReadScope):
    """A read-only scope over records already open in one transaction (the quick SQLite
    reader): every read joins it; nothing can be written."""

    def __init__(self, records: Records, person_id: int, zone: zoneinfo.ZoneInfo, *,
                 settings: PersonSettings | None = None, clock: Clock | None = None) -> None:
        super().__init__(person_id, zone, settings=settings, clock=clock)
        self._records = records

    @contextmanager
    def read(self) -> Iterator[object]:
        """The reader's transaction."""
        yield self._records

    @contextmanager
    def records(self) -> Iterator[Records]:
        """The reader."""
        yield self._records


class Scope(ReadScope):
    """One person's unit of work over a database."""

    def __init__(self, db: Database, person_id: int, zone: zoneinfo.ZoneInfo, *,
                 settings: PersonSettings | None = None, clock: Clock | None = None) -> None:
        super().__init__(person_id, zone, settings=settings, clock=clock)
        self.db = db
        self._session: Session | None = None
        self._writing = False

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
    def records(self) -> Iterator[Records]:
        """The person's records in the open transaction, or in a new one for reading."""
        from cairn.store.session_records import SessionRecords

        with self.read() as s:
            yield SessionRecords(s)

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
