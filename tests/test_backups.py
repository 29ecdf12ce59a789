"""Backups: consistent while Cairn is in use, restored only after a check, made by themselves."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import time_machine

from cairn.core.errors import ImportFormatError
from cairn.store.backup import KEEP_DAILY
from conftest import cli_for, missing

INIT = ("init", "--name", "Ada", "--stage", "exploring", "--hours", "10")


def titles(cli) -> list[str]:
    import json

    return [g["title"] for g in json.loads(cli("goal", "list", "--all", "--json").stdout)]


def query(path: Path, sql: str) -> object:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def test_a_backup_taken_while_another_process_writes_is_consistent(tmp_path):
    db = tmp_path / "cairn.db"
    url = f"sqlite:///{db}"
    cli = cli_for(url)
    cli(*INIT)
    writer = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        from cairn.services.app import Cairn
        c = Cairn.open({url!r})
        for n in range(100_000):
            c.track.record.add_win(f"win {{n}}")
        """)], stderr=subprocess.PIPE)
    try:
        wal = db.with_name("cairn.db-wal")
        while not wal.exists() or query(db, "SELECT count(*) FROM win") < 50:
            time.sleep(0.05)
        counts = []
        for n in range(3):
            out = cli("backup", str(tmp_path / f"copy-{n}.sqlite"))
            assert out.exit_code == 0, out.stderr
            copy = tmp_path / f"copy-{n}.sqlite"
            assert query(copy, "PRAGMA integrity_check") == "ok"
            assert query(copy, "PRAGMA journal_mode") == "delete"  # one self-contained file
            count = query(copy, "SELECT count(*) FROM win")
            # a snapshot: the first wins, with nothing missing in between
            assert query(copy, "SELECT max(id) FROM win") == count
            counts.append(count)
            time.sleep(0.2)
        assert counts == sorted(counts) and counts[-1] > counts[0]
    finally:
        writer.kill()
        writer.wait()


def test_restore_brings_a_backup_back_and_keeps_what_it_replaced(tmp_path):
    url = f"sqlite:///{tmp_path / 'cairn.db'}"
    cli = cli_for(url)
    cli(*INIT)
    cli("goal", "add", "Before the backup")
    assert cli("backup", str(tmp_path / "monday.sqlite")).exit_code == 0
    cli("goal", "add", "After the backup")
    out = cli("restore", str(tmp_path / "monday.sqlite"))  # no terminal, no --yes
    assert out.exit_code == 1 and "Add --yes" in out.stdout
    assert titles(cli) == ["Before the backup", "After the backup"]
    out = cli("restore", str(tmp_path / "monday.sqlite"), "--yes")
    assert out.exit_code == 0, out.stderr
    assert titles(cli) == ["Before the backup"]
    kept = list((tmp_path / "backups").glob("cairn-before-restore-*.sqlite"))
    assert len(kept) == 1 and "kept in" in out.stdout
    assert query(kept[0], "SELECT count(*) FROM goal") == 2
    cli("goal", "add", "Life goes on")  # the restored database works, ids continue
    assert titles(cli)[-1] == "Life goes on"


def test_restore_refuses_a_backup_that_fails_its_check(tmp_path):
    url = f"sqlite:///{tmp_path / 'cairn.db'}"
    cli = cli_for(url)
    cli(*INIT)
    cli("goal", "add", "Keep me")
    for n in range(40):
        cli("win", "add", f"win {n} " + "z" * 300)
    cli("backup", str(tmp_path / "good.sqlite"))
    data = (tmp_path / "good.sqlite").read_bytes()
    (tmp_path / "cut.sqlite").write_bytes(data[: len(data) // 2])
    scribbled = bytearray(data)
    for offset in range(4096 * 3, len(scribbled), 4096):
        scribbled[offset + 8: offset + 200] = b"\x5a" * 192
    (tmp_path / "scribbled.sqlite").write_bytes(bytes(scribbled))
    newer = tmp_path / "newer.sqlite"
    shutil.copy(tmp_path / "good.sqlite", newer)
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    (tmp_path / "notes.txt").write_text("not a backup")
    for name, says in (("cut.sqlite", ""), ("scribbled.sqlite", ""),
                       ("newer.sqlite", "does not know"), ("notes.txt", "not a Cairn export")):
        out = cli("restore", str(tmp_path / name), "--yes")
        assert out.exit_code == ImportFormatError.exit_code, (name, out.stdout, out.stderr)
        assert says in out.stderr
        assert titles(cli) == ["Keep me"]


def test_restore_an_export_on_each_backend(cli, tmp_path):
    cli(*INIT)
    cli("goal", "add", "Exported")
    cli("export", str(tmp_path / "first.json"))
    cli("goal", "add", "Not exported")
    out = cli("restore", str(tmp_path / "first.json"), "--yes")
    assert out.exit_code == 0, out.stderr
    assert titles(cli) == ["Exported"]
    cli("export", str(tmp_path / "second.json"))
    assert (tmp_path / "second.json").read_bytes() == (tmp_path / "first.json").read_bytes()


def test_postgres_backup_and_restore_with_pg_dump(postgres, tmp_path, frozen):
    if shutil.which("pg_dump") is None or shutil.which("pg_restore") is None:
        missing("pg_dump and pg_restore are not installed")
    url = postgres.new_database("backup")
    cli = cli_for(url)
    cli(*INIT)
    cli("goal", "add", "In the dump")
    out = cli("backup", str(tmp_path / "cairn.dump"))
    assert out.exit_code == 0, out.stderr
    assert "pg_dump" in out.stdout
    assert (tmp_path / "cairn.dump").read_bytes()[:5] == b"PGDMP"
    cli("goal", "add", "After the dump")
    out = cli("restore", str(tmp_path / "cairn.dump"), "--yes")
    assert out.exit_code == 0, out.stderr
    assert titles(cli) == ["In the dump"]
    assert cli("goal", "add", "Ids go on").exit_code == 0
    assert titles(cli) == ["In the dump", "Ids go on"]


def test_a_daily_backup_on_first_use_kept_for_a_week(tmp_path):
    url = f"sqlite:///{tmp_path / 'cairn.db'}"
    start = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False) as traveller:
        cli = cli_for(url)
        cli("goal", "list")  # an empty database has nothing worth a copy
        assert not (tmp_path / "backups").exists()
        cli(*INIT)
        for day in range(10):
            traveller.move_to(start + dt.timedelta(days=day))
            cli("task", "add", f"day {day}")
            cli("task", "list")  # the second use of a day makes no second copy
        daily = sorted(p.name for p in (tmp_path / "backups").glob("cairn-daily-*.sqlite"))
    assert len(daily) == KEEP_DAILY
    assert daily[0].startswith("cairn-daily-20261126") and daily[-1].startswith(
        "cairn-daily-20261202")
    last = tmp_path / "backups" / daily[-1]
    assert query(last, "PRAGMA integrity_check") == "ok"
    # made on the first use of 2 December: the day's task came after it
    assert query(last, "SELECT count(*) FROM task") == 9


@pytest.mark.parametrize("kind", ["sqlite", "export"])
def test_backup_to_an_unwritable_place_is_a_clear_error(tmp_path, kind):
    url = f"sqlite:///{tmp_path / 'cairn.db'}"
    cli = cli_for(url)
    cli(*INIT)
    target = tmp_path / "no" / "such" / ("x.sqlite" if kind == "sqlite" else "x.json")
    out = cli("backup" if kind == "sqlite" else "export", str(target))
    assert out.exit_code == 3
    assert "does not exist" in out.stderr


@pytest.mark.parametrize("damage", ["truncated", "scribbled", "header"])
def test_restore_brings_back_a_damaged_database(tmp_path, damage):
    db = tmp_path / "cairn.db"
    cli = cli_for(f"sqlite:///{db}")
    cli(*INIT)
    cli("goal", "add", "Worth keeping")
    for n in range(40):
        cli("win", "add", f"win {n} " + "w" * 300)
    assert cli("backup", str(tmp_path / "good.sqlite")).exit_code == 0
    data = bytearray(db.read_bytes())
    if damage == "truncated":
        data = data[: len(data) // 3]
    elif damage == "scribbled":
        for offset in range(4096, len(data), 4096):
            data[offset + 8: offset + 300] = b"\x33" * 292
    else:
        data[16:100] = b"\xee" * 84  # still begins "SQLite format 3", the rest is gone
    db.write_bytes(bytes(data))
    broken = cli("goal", "list")
    assert broken.exit_code == 7 and "cairn restore" in broken.stderr
    out = cli("restore", str(tmp_path / "good.sqlite"), "--yes")
    assert out.exit_code == 0, out.stderr
    assert titles(cli) == ["Worth keeping"]
    aside = list((tmp_path / "backups").glob("cairn-damaged-*.sqlite"))
    if aside:  # the damaged file is kept as it was, for whoever wants to dig in it
        assert aside[0].read_bytes() == bytes(data)
        assert "damaged" in out.stdout


def test_restore_never_overwrites_a_file_that_is_not_a_database(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n")
    good = tmp_path / "good.sqlite"
    cli = cli_for(f"sqlite:///{tmp_path / 'real.db'}")
    cli(*INIT)
    cli("backup", str(good))
    out = cli_for(f"sqlite:///{notes}")("restore", str(good), "--yes")
    assert out.exit_code == 7 and "is not a SQLite database" in out.stderr
    assert notes.read_text() == "my notes\n"
