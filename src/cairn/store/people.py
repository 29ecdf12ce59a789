"""People and the sessions that act for one of them: the person filter and per-person ids.

A session opened for a person (:meth:`cairn.store.db.Database.session`) carries the
person's id in ``session.info``; every personal query filters on :func:`person_of`, and
every personal row added through the session gets its person and its next per-person id
here, when it is flushed. Write transactions of one person are serialised (SQLite's
write lock; on PostgreSQL the person's row is locked by the write's first statement), so
the next id is simply one more than the largest. That first statement also counts one more
version of the person's data (:func:`data_version`), which views kept by a server compare.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, bindparam, event, func, select, update
from sqlalchemy.orm import Session

from cairn.store.tables import Personal, PersonRow

PERSON_KEY = "cairn_person"
IDS_KEY = "cairn_next_ids"


@dataclass(frozen=True, slots=True)
class Person:
    """A person as stored: id, IANA time zone (None until set) and when they joined."""

    id: int
    timezone: str | None
    created_at: dt.datetime


def person_of(s: Session) -> int:
    """The person a session acts for; a session without one must not touch personal rows."""
    try:
        return int(s.info[PERSON_KEY])
    except KeyError:
        raise RuntimeError("this session acts for no person: open it with "
                           "Database.session(person_id)") from None


def next_id(s: Session, table: Any) -> int:
    """The next id of a personal table for the session's person (cached per transaction)."""
    cache: dict[str, int] = s.info.setdefault(IDS_KEY, {})
    name = table.name
    if name not in cache:
        top = s.execute(select(func.max(table.c.id)).where(table.c.person_id == person_of(s)))
        cache[name] = int(top.scalar() or 0)
    cache[name] += 1
    return cache[name]


def reserve_ids(s: Session, table: Any, count: int) -> int:
    """Reserve ``count`` ids at once (bulk inserts); returns the first."""
    first = next_id(s, table)
    s.info[IDS_KEY][table.name] += count - 1
    return first


def forget_ids(s: Session) -> None:
    """Drop the id cache (after rows were inserted or deleted behind the session's back)."""
    s.info.pop(IDS_KEY, None)


@event.listens_for(Session, "before_flush")
def _own_new_rows(s: Session, _context: Any, _instances: Any) -> None:
    """Give every new personal row its person and its next per-person id."""
    for row in s.new:
        if isinstance(row, Personal):
            if row.person_id is None:
                row.person_id = person_of(s)
            elif row.person_id != person_of(s):
                raise RuntimeError("a personal row for another person was added")
            if row.id is None:
                row.id = next_id(s, type(row).__table__)


@event.listens_for(Session, "after_rollback")
def _forget_on_rollback(s: Session) -> None:
    forget_ids(s)


# -- the person table ------------------------------------------------------------------


def _person(row: PersonRow) -> Person:
    return Person(row.id, row.timezone, row.created_at)


def get_person(s: Session, person_id: int) -> Person | None:
    """One person by id."""
    row = s.get(PersonRow, person_id)
    return _person(row) if row else None


def list_people(s: Session, limit: int = 2) -> list[Person]:
    """The first people by id (two are enough to tell "one" from "several")."""
    q = select(PersonRow).order_by(PersonRow.id).limit(limit)
    return [_person(r) for r in s.scalars(q)]


def count_people(s: Session) -> int:
    """How many people the database holds."""
    return int(s.scalar(select(func.count()).select_from(PersonRow)) or 0)


def add_person(s: Session, timezone: str | None, at: dt.datetime,
               person_id: int | None = None) -> Person:
    """Create a person (with the given id, or the next one)."""
    row = PersonRow(timezone=timezone, created_at=at)
    if person_id is not None:
        row.id = person_id
    s.add(row)
    s.flush()
    return _person(row)


def set_timezone(s: Session, person_id: int, timezone: str) -> None:
    """Change a person's time zone."""
    row = s.get(PersonRow, person_id)
    if row is None:
        raise RuntimeError(f"there is no person {person_id}")
    row.timezone = timezone


def delete_person(s: Session, person_id: int) -> None:
    """Remove the person row itself (their personal rows must be gone first)."""
    row = s.get(PersonRow, person_id)
    if row is not None:
        s.delete(row)


def lock_person(s: Session, person_id: int) -> bool:
    """Begin a write of the person's data: lock their row until the transaction ends (on
    PostgreSQL; SQLite's write lock already covers the whole database) and count one more
    version of their data. False when there is no such person.

    The new version commits with the change or rolls back with it, so a version seen by a
    reader always names data that is stored."""
    done = s.execute(update(PersonRow).where(PersonRow.id == person_id)
                     .values(data_version=PersonRow.data_version + 1)
                     .execution_options(synchronize_session=False))
    return bool(getattr(done, "rowcount", 0) == 1)


# Built once: a server asks this on every request it answers from its cache.
_VERSION = select(PersonRow.id, PersonRow.timezone, PersonRow.created_at,
                  PersonRow.data_version).where(PersonRow.id == bindparam("person_id"))


def data_version(bind: Engine | Session, person_id: int) -> tuple[Person, int] | None:
    """The person and the version of their data (every write of theirs changes it), in one
    query on a pooled connection (or in the session given); None when there is no such
    person."""
    if isinstance(bind, Session):
        row = bind.execute(_VERSION, {"person_id": person_id}).first()
    else:
        from cairn.store.failures import translated

        with translated(bind.url.render_as_string(hide_password=True)), \
                bind.connect() as conn:
            # one statement: on PostgreSQL no BEGIN and COMMIT round trips around it
            one = conn if bind.dialect.name == "sqlite" else conn.execution_options(
                isolation_level="AUTOCOMMIT")
            row = one.execute(_VERSION, {"person_id": person_id}).first()
    return None if row is None else (Person(row[0], row[1], row[2]), int(row[3]))
