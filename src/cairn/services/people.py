"""Which person a facade acts for: the one local person of the command line, or any
person of a shared database; and the time zone each one lives in."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from cairn.core.errors import Conflict, NotFound, NotReady
from cairn.store import people
from cairn.store.db import Database
from cairn.store.people import Person

FALLBACK_ZONE = "UTC"


def valid_zone(name: str | None) -> str | None:
    """``name`` when it is an IANA time zone this machine knows, else None."""
    if not name:
        return None
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None
    return name


def person_zone(person: Person, fallback: str | None) -> zoneinfo.ZoneInfo:
    """The person's stored time zone; before they have one, ``fallback`` (the machine's),
    else UTC."""
    return zoneinfo.ZoneInfo(valid_zone(person.timezone) or valid_zone(fallback)
                             or FALLBACK_ZONE)


def local_person(db: Database, person_id: int | None = None, zone: str | None = None) -> Person:
    """The person the command line acts for: ``person_id`` when given, else the database's
    only person, created on first use with the machine's time zone ``zone``.

    A person without a stored time zone (a database from before people) gets ``zone``.
    """
    if person_id is not None:
        with db.session() as s:
            found = people.get_person(s, person_id)
        if found is None:
            raise NotFound(f"There is no person {person_id} in {db.display_url}.",
                           "Check CAIRN_PERSON, or leave it unset to use the only person.")
    else:
        found = _only_person(db, zone)
    if found.timezone is None and valid_zone(zone):
        with db.session(found.id, write=True) as s:
            people.set_timezone(s, found.id, str(zone))
        found = Person(found.id, zone, found.created_at)
    return found


def _only_person(db: Database, zone: str | None) -> Person:
    with db.session() as s:
        found = people.list_people(s)
    if len(found) > 1:
        raise NotReady(f"The database {db.display_url} holds several people.",
                       "Say whose data to use with CAIRN_PERSON=ID (the command line acts for "
                       "one person).")
    if found:
        return found[0]
    try:
        with db.session(write=True) as s:  # SQLite: the write lock makes the check and the add
            again = people.list_people(s)  # one step; PostgreSQL: a second creator conflicts
            if again:
                return again[0]
            return people.add_person(s, valid_zone(zone),
                                     dt.datetime.now(dt.UTC).replace(tzinfo=None))
    except Conflict:  # another process created the person at the same moment
        with db.session() as s:
            return people.list_people(s)[0]


def data_version(db: Database, person_id: int) -> tuple[Person, int]:
    """The person and which state of their data is stored now (every write of theirs
    changes the version): one query, no transaction of a use case.

    Read it before the data it stands for: a view built afterwards is at least as new as
    the version says."""
    found = people.data_version(db.engine, person_id)
    if found is None:
        raise NotFound(f"There is no person {person_id} in {db.display_url}.",
                       "Check the person's id.")
    return found
