"""Replacing the catalog tables in bulk: clear, bulk insert, index, search, meta.

All of it runs in the caller's transaction (DDL included: both SQLite and
PostgreSQL roll back index drops), so an interrupted import leaves the
installed catalog untouched. Secondary indexes are dropped before loading and
rebuilt after, which is much faster than maintaining them row by row.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from sqlalchemy import Index, Table, delete, insert, select, text
from sqlalchemy.orm import Session

from cairn.core.occupations import CatalogStatus
from cairn.core.wages import link_wages
from cairn.store import catalog_search
from cairn.store.catalog_tables import CatalogMetaRow, OccupationRow, WageLinkRow, WageRow
from cairn.store.registry import all_tables
from cairn.store.tables import Base

BATCH = 5000
KEPT = ("catalog_meta", "onet_wage")  # wages are installed on their own


def catalog_tables() -> list[Table]:
    """The O*NET tables that an import replaces."""
    return [t for t in all_tables().sorted_tables
            if t.info.get("catalog") and t.name not in KEPT]


def _indexes() -> Iterator[Index]:
    for table in catalog_tables():
        yield from table.indexes


def begin_replace(s: Session) -> None:
    """Empty the catalog tables and drop their secondary indexes (same transaction)."""
    conn = s.connection()
    for index in _indexes():
        index.drop(conn, checkfirst=True)
    for table in reversed(catalog_tables()):
        conn.execute(delete(table))
    catalog_search.clear(s)


def _copy_rows(s: Session, table: Table, rows: Iterable[dict[str, Any]]) -> int:
    """PostgreSQL: stream rows with COPY on the session's own connection (same transaction)."""
    driver = s.connection().connection.dbapi_connection
    assert driver is not None
    names = [c.name for c in table.columns if c.name != "id"]  # surrogate ids: the default
    count = 0
    with driver.cursor() as cur, cur.copy(  # type: ignore[attr-defined]
        f"COPY {table.name} ({', '.join(names)}) FROM STDIN"
    ) as copy:
        for row in rows:
            copy.write_row([row.get(n) for n in names])
            count += 1
    return count


def insert_rows(s: Session, table_name: str, rows: Iterable[dict[str, Any]]) -> int:
    """Insert rows in batches with executemany (COPY on PostgreSQL); returns how many."""
    table = Base.metadata.tables[table_name]
    if s.get_bind().dialect.name == "postgresql":
        return _copy_rows(s, table, rows)
    conn = s.connection()
    iterator = iter(rows)
    count = 0
    while batch := list(islice(iterator, BATCH)):
        conn.execute(insert(table), batch)
        count += len(batch)
    return count


def finish_replace(s: Session, *, version: str, source: str, installed_at: dt.datetime,
                   counts: dict[str, int]) -> CatalogStatus:
    """Rebuild indexes and the search index, and record what is installed."""
    conn = s.connection()
    for index in _indexes():
        index.create(conn)
    catalog_search.build(s)
    relink_wages(s)
    meta = s.get(CatalogMetaRow, 1)
    if meta is None:
        meta = CatalogMetaRow(id=1)
        s.add(meta)
    meta.version, meta.installed_at, meta.source = version, installed_at, source
    meta.counts = json.dumps(counts, sort_keys=True)
    s.flush()
    if s.get_bind().dialect.name == "postgresql":
        s.execute(text("ANALYZE"))
    return status(s) or _never()


def _never() -> CatalogStatus:
    raise AssertionError("catalog_meta was just written")


def status(s: Session) -> CatalogStatus | None:
    """What is installed, or None."""
    meta = s.get(CatalogMetaRow, 1)
    if meta is None:
        return None
    return CatalogStatus(meta.version, meta.installed_at, meta.source, json.loads(meta.counts),
                         meta.wages_source, meta.wages_installed_at)


def replace_wages(s: Session, rows: list[dict[str, Any]], *, source: str,
                  installed_at: dt.datetime) -> int:
    """Replace the wage table; the catalog must be installed (its meta row exists)."""
    table = Base.metadata.tables["onet_wage"]
    s.execute(delete(table))
    count = insert_rows(s, "onet_wage", rows)
    relink_wages(s)
    meta = s.get(CatalogMetaRow, 1)
    if meta is not None:
        meta.wages_source, meta.wages_installed_at = source, installed_at
    return count


def relink_wages(s: Session) -> int:
    """Rebuild which BLS code gives each occupation its wage (after either install)."""
    s.execute(delete(WageLinkRow))
    codes = s.scalars(select(OccupationRow.code).order_by(OccupationRow.code)).all()
    published = dict(s.execute(select(WageRow.soc_code, WageRow.soc_group)).tuples().all())
    links = link_wages(codes, published)
    return insert_rows(s, "onet_wage_link", ({"code": k.code, "soc_code": k.soc_code,
                                              "basis": k.basis} for k in links))


def uninstall(s: Session) -> None:
    """Remove the catalog, its wages and its record of installation."""
    conn = s.connection()
    for table in reversed(catalog_tables()):
        conn.execute(delete(table))
    for name in KEPT:
        conn.execute(delete(Base.metadata.tables[name]))
    catalog_search.clear(s)
