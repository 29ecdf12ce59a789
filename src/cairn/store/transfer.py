"""Dumping and loading every table of one person's data, for export and import.

Tables flagged ``info={"catalog": True}`` hold reference data (O*NET) and are
left out: they are installed, not owned. The ``person`` table is the owner, not data:
rows are dumped without their ``person_id`` and loaded into the session's person, so an
export moves between people and databases unchanged.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from sqlalchemy import Date, DateTime, Select, Table, func, insert, or_, select
from sqlalchemy.exc import DBAPIError, OperationalError, StatementError
from sqlalchemy.orm import Session

from cairn.core.errors import ImportFormatError
from cairn.store.people import forget_ids, person_of
from cairn.store.registry import all_tables


def personal_tables() -> list[Table]:
    """The person's tables, parents before children."""
    return list(_personal_tables())


@functools.cache
def _personal_tables() -> tuple[Table, ...]:
    return tuple(t for t in all_tables().sorted_tables
                 if not t.info.get("catalog") and not t.info.get("shared")
                 and "person_id" in t.c)


@functools.cache
def _any_personal_row() -> Select[tuple[bool]]:
    return select(or_(*(select(t.c.person_id).exists() for t in _personal_tables())))


def _to_json(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def _from_json(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, raw in row.items():
        column = table.c.get(name)
        if column is None or name == "person_id":
            continue  # a column a later schema dropped; the owner is the session's person
        value = raw
        if raw is not None and isinstance(column.type, DateTime):
            value = dt.datetime.fromisoformat(raw)
        elif raw is not None and isinstance(column.type, Date):
            value = dt.date.fromisoformat(raw)
        out[name] = value
    return out


def _parents_first(table: Table, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Order rows so that a row referring to its own table (a goal's parent) comes later.

    Rows are dumped by id, but a goal may be moved under a newer one; inserting in id
    order would then break the foreign key on every backend.
    """
    self_refs = [fk.parent.name for fk in table.foreign_keys
                 if fk.column.table is table and fk.parent.name != "person_id"]
    if not self_refs or "id" not in table.c:
        return rows
    pending = {row["id"]: row for row in rows}
    ordered: list[dict[str, Any]] = []
    placed: set[Any] = set()
    while pending:
        ready = [row for row in pending.values()
                 if all(row.get(c) is None or row[c] in placed or row[c] not in pending
                        for c in self_refs)]
        if not ready:  # a loop: let the database report the broken reference
            ready = list(pending.values())
        for row in ready:
            ordered.append(row)
            placed.add(row["id"])
            del pending[row["id"]]
    return ordered


def dump(s: Session) -> dict[str, list[dict[str, Any]]]:
    """Every personal table's rows, ordered by primary key, as JSON-ready dicts."""
    data: dict[str, list[dict[str, Any]]] = {}
    me = person_of(s)
    for table in personal_tables():
        columns = [c for c in table.c if c.name != "person_id"]
        rows = s.execute(select(*columns).where(table.c.person_id == me)
                         .order_by(table.c.id)).mappings()
        data[table.name] = [{k: _to_json(v) for k, v in r.items()} for r in rows]
    return data


def is_empty(s: Session) -> bool:
    """True when no personal table has a row."""
    me = person_of(s)
    return all(
        not s.scalar(select(func.count()).select_from(t).where(t.c.person_id == me))
        for t in personal_tables()
    )


def holds_personal_rows(s: Session) -> bool:
    """True when some person of the database has a row in some personal table."""
    return bool(s.scalar(_any_personal_row()))


def load(s: Session, data: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
    """Insert dumped rows, keeping their ids; returns rows loaded per table."""
    loaded: dict[str, int] = {}
    me = person_of(s)
    for table in personal_tables():
        try:
            rows = _parents_first(table, [_from_json(table, r) | {"person_id": me}
                                          for r in data.get(table.name, [])])
            if rows:
                s.execute(insert(table), rows)
        except OperationalError:
            raise  # the database failed (a full disk), not the file: Database says so
        except (StatementError, DBAPIError, TypeError, ValueError, AttributeError) as exc:
            detail = str(getattr(exc, "orig", exc)).splitlines()[0]
            raise ImportFormatError(
                f"The file has a malformed row in table '{table.name}': {detail}.",
                "The file is damaged; export it again.",
            ) from None
        loaded[table.name] = len(rows)
    forget_ids(s)  # ids were given, not drawn: the next ones follow the largest loaded
    return loaded


def delete_all(s: Session) -> None:
    """Remove every row of the session's person, children first (others are untouched)."""
    me = person_of(s)
    for table in reversed(personal_tables()):
        s.execute(table.delete().where(table.c.person_id == me))
    forget_ids(s)
