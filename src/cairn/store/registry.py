"""Every table module, registered on demand so each command pays only for the tables it uses.

Declaring the O*NET catalog's tables alone costs a tenth of a second; a command that
lists tasks should not pay it. Migrations, export, import and delete-all need every
table: they call :func:`all_tables`. A test keeps ``TABLE_MODULES`` complete.
"""

from __future__ import annotations

import importlib

from sqlalchemy import MetaData

from cairn.store.tables import Base

TABLE_MODULES = (
    "cairn.store.account_tables",
    "cairn.store.assess_tables",
    "cairn.store.catalog_tables",
    "cairn.store.planning_tables",
    "cairn.store.support_tables",
    "cairn.store.track_tables",
)


def all_tables() -> MetaData:
    """The metadata with every table of every feature registered."""
    for module in TABLE_MODULES:
        importlib.import_module(module)
    return Base.metadata
