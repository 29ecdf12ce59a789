"""The database layer: migrations, SQLite settings, URLs, schema checks."""

from __future__ import annotations

import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from cairn.core.errors import StorageError
from cairn.store.db import MIGRATIONS, Database, normalise_url
from cairn.store.migrations import SCHEMA_HEAD
from cairn.store.registry import all_tables


def test_schema_head_constant_matches_alembic():
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_heads() == [SCHEMA_HEAD]


def test_the_migrations_build_exactly_the_schema_the_tables_declare(db_url):
    """Alembic's autogenerate finds nothing to change: no table, column, index or key that the
    models declare is missing from the migrated database, and nothing extra is there, except
    the catalog's full-text search index, which is made by hand for each backend."""
    db = Database(db_url)
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), all_tables())
    db.close()

    def table_name(change: object) -> str:
        item = change[1] if isinstance(change, tuple) else change[0][1]
        table = getattr(item, "table", item)
        return str(getattr(table, "name", ""))

    assert [d for d in diff if not table_name(d).startswith("onet_search")] == []


def test_new_sqlite_database_is_migrated_with_wal_and_foreign_keys(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'c.db'}")
    assert db.current_revision() == SCHEMA_HEAD
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 5000
    db.close()


def test_database_from_a_newer_cairn_is_refused(tmp_path):
    path = tmp_path / "c.db"
    Database(f"sqlite:///{path}").close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StorageError, match="newer than this version"):
        Database(f"sqlite:///{path}")


def test_unreachable_or_malformed_urls_say_how_to_fix():
    with pytest.raises(StorageError, match="Cannot open the database"):
        Database("postgresql://nobody@127.0.0.1:9/none")
    with pytest.raises(StorageError, match="Cannot use the database URL"):
        Database("nosuchdialect://x")


def test_plain_postgres_urls_use_psycopg3():
    assert normalise_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("sqlite:///x.db") == "sqlite:///x.db"


def test_db_upgrade_and_info_commands(cli, db_url):
    assert "Schema: " + SCHEMA_HEAD in cli("db", "info").stdout
    assert f"at schema {SCHEMA_HEAD}" in cli("db", "upgrade").stdout


def test_data_dir_setting_places_the_default_database(tmp_path, monkeypatch):
    from cairn import settings

    monkeypatch.delenv("CAIRN_DATABASE_URL", raising=False)
    monkeypatch.setenv("CAIRN_DATA_DIR", str(tmp_path / "home"))
    assert settings.database_url() == f"sqlite:///{tmp_path / 'home' / 'cairn.db'}"
    assert settings.database_url("sqlite:///other.db") == "sqlite:///other.db"


def test_every_table_module_is_registered():
    from pathlib import Path

    import cairn.store
    from cairn.store.registry import TABLE_MODULES

    folder = Path(cairn.store.__file__).parent
    found = {f"cairn.store.{p.stem}" for p in folder.glob("*_tables.py")}
    assert found == set(TABLE_MODULES)
