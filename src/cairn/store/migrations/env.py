"""Alembic environment: runs on the connection Cairn hands over."""

from __future__ import annotations

from alembic import context

from cairn.store.registry import all_tables


def include_object(_obj: object, name: str | None, type_: str, *_: object) -> bool:
    """Leave out the full-text search index (FTS5 virtual table and its shadow tables)."""
    return not (type_ == "table" and (name or "").startswith("onet_search"))


connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=all_tables(),
    include_object=include_object,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
