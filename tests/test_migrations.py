"""Migrations: a database from every earlier schema revision upgrades with nothing lost.

Each fixture in ``tests/fixtures/migrations`` is an SQL dump of a database that the
Cairn of that revision made with its own CLI (``make_fixtures.py`` says how), and
the export that Cairn wrote of it. Today's Cairn opens the dump (upgrading it to the
head, whatever the head is by then), exports it, and every table, row and value of
the old export must be in the new one; columns a later revision added are ignored.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from cairn.store.backup import known_revisions
from cairn.store.migrations import SCHEMA_HEAD

FIXTURES = Path(__file__).parent / "fixtures" / "migrations"
REVISIONS = sorted(p.stem for p in FIXTURES.glob("*.sql"))
# Columns a later revision moved out of a personal table into the person's own record
# (the export's "person" object): table -> {column: field of "person"}.
MOVED = {"plan_setting": {"timezone": "timezone"}}  # 0013: the time zone is the person's


def load(revision: str, target: Path) -> str:
    """Make the fixture database of ``revision`` at ``target``; returns its URL."""
    conn = sqlite3.connect(target)
    try:
        conn.executescript((FIXTURES / f"{revision}.sql").read_text(encoding="utf-8"))
        stored = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        conn.close()
    assert stored == revision
    return f"sqlite:///{target}"


def test_every_earlier_revision_has_a_fixture():
    earlier = known_revisions() - {SCHEMA_HEAD}
    assert earlier <= set(REVISIONS), f"make a fixture for {sorted(earlier - set(REVISIONS))}"
    for revision in REVISIONS:
        assert (FIXTURES / f"{revision}.json").is_file()


@pytest.mark.parametrize("revision", REVISIONS)
def test_a_database_of_an_earlier_revision_upgrades_with_nothing_lost(revision, tmp_path):
    from conftest import cli_for

    url = load(revision, tmp_path / "old.db")
    cli = cli_for(url)
    out = cli("export", str(tmp_path / "new.json"))
    assert out.exit_code == 0, out.stderr
    old = json.loads((FIXTURES / f"{revision}.json").read_text(encoding="utf-8"))["tables"]
    document = json.loads((tmp_path / "new.json").read_text(encoding="utf-8"))
    new = document["tables"]
    assert sum(len(rows) for rows in old.values()) > 30  # the fixture holds real data
    for table, rows in old.items():
        assert table in new, f"table {table} of revision {revision} is gone"
        assert len(new[table]) == len(rows), f"{table}: {len(rows)} rows became {len(new[table])}"
        for before, after in zip(rows, new[table], strict=True):
            moved = MOVED.get(table, {})
            kept = {column: document["person"].get(moved[column], "<missing>")
                    if column in moved else after.get(column, "<missing>")
                    for column in before}
            assert kept == before, f"{table} row changed in the upgrade"
    assert cli("db", "info").stdout.strip().endswith(SCHEMA_HEAD)
    # the upgrade kept a backup of the database as it was
    if revision != SCHEMA_HEAD:
        backups = list((tmp_path / "backups").glob(f"old-before-migration-{revision}-*"))
        assert len(backups) == 1
        conn = sqlite3.connect(backups[0])
        try:
            assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] \
                == revision
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            conn.close()


def test_a_database_from_a_newer_cairn_is_refused(tmp_path):
    from conftest import cli_for

    url = load(REVISIONS[-1], tmp_path / "new.db")
    conn = sqlite3.connect(tmp_path / "new.db")
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()
    out = cli_for(url)("goal", "list")
    assert out.exit_code == 7
    assert "has schema '9999', newer than this version of Cairn knows" in out.stderr
    assert "Upgrade Cairn" in out.stderr
    conn = sqlite3.connect(tmp_path / "new.db")
    try:  # nothing was migrated
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "9999"
    finally:
        conn.close()
    assert not list(tmp_path.glob("backups/*before-migration*"))


def test_a_postgres_database_is_dumped_before_it_is_upgraded(postgres, tmp_path, monkeypatch):
    import shutil

    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    from cairn.store.db import MIGRATIONS, Database, normalise_url
    from conftest import missing

    if shutil.which("pg_dump") is None:
        missing("pg_dump is not installed")
    monkeypatch.setenv("CAIRN_DATA_DIR", str(tmp_path / "data"))
    url = postgres.new_database("older")
    engine = create_engine(normalise_url(url))
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    from alembic.script import ScriptDirectory

    previous = str(ScriptDirectory.from_config(config).get_revision(SCHEMA_HEAD).down_revision)
    with engine.begin() as conn:  # a database left at the revision before the head
        config.attributes["connection"] = conn
        command.upgrade(config, previous)
    engine.dispose()
    db = Database(url, migrate=False)  # PostgreSQL is upgraded by `cairn db upgrade`
    try:
        assert db.upgrade() == (previous, SCHEMA_HEAD)
    finally:
        db.close()
    dumps = list((tmp_path / "data" / "backups").glob(f"*-before-migration-{previous}-*.dump"))
    assert len(dumps) == 1
    assert dumps[0].read_bytes()[:5] == b"PGDMP"
    assert dumps[0].stat().st_mode & 0o077 == 0
