"""The database and files on disk: checked paths, private modes, full disks, read-only files,
many processes at once. Where a real process matters (limits, users, races) the CLI runs as
a subprocess."""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from cairn.core.errors import ImportFormatError, StorageError
from conftest import cli_for

INIT = ("init", "--name", "Ada", "--stage", "exploring", "--hours", "10")


def run_cli(url: str, *args: str, env: dict[str, str] | None = None,
            preexec: Callable[[], None] | None = None, user: int | None = None
            ) -> subprocess.CompletedProcess[str]:
    """``cairn --db URL ARGS`` in its own process (optionally as another user)."""
    command = [sys.executable, "-c", "from cairn.cli.main import run; run()", "--db", url, *args]
    if user is not None:
        command = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", *command]
    return subprocess.run(command, capture_output=True, text=True, check=False, timeout=120,
                          env={**os.environ, **(env or {})}, preexec_fn=preexec,
                          stdin=subprocess.DEVNULL)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def file_size_limit(limit: int) -> Callable[[], None]:
    """A child setup: files may not grow past ``limit`` bytes (a disk that is full)."""
    def setup() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return setup


# -- --db paths --------------------------------------------------------------------


def test_a_missing_folder_is_not_created(tmp_path):
    target = tmp_path / "typo" / "dir" / "x.db"
    out = cli_for(f"sqlite:///{target}")("goal", "list")
    assert out.exit_code == StorageError.exit_code
    assert "does not exist" in out.stderr
    assert not (tmp_path / "typo").exists()


def test_a_path_under_a_file_or_a_folder_is_refused(tmp_path):
    (tmp_path / "plain.txt").write_text("hello")
    out = cli_for(f"sqlite:///{tmp_path / 'plain.txt' / 'x.db'}")("goal", "list")
    assert out.exit_code == StorageError.exit_code and "is a file" in out.stderr
    out = cli_for(f"sqlite:///{tmp_path}")("goal", "list")
    assert out.exit_code == StorageError.exit_code and "is a folder" in out.stderr


def test_a_file_that_is_not_a_database_is_refused_and_untouched(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("my notes, not a database\n" * 10)
    out = cli_for(f"sqlite:///{path}")("goal", "list")
    assert out.exit_code == StorageError.exit_code
    assert "is not a SQLite database" in out.stderr
    assert path.read_text() == "my notes, not a database\n" * 10


@pytest.mark.parametrize("damage", ["truncated", "header only", "scribbled"])
def test_a_damaged_database_is_a_storage_error(tmp_path, damage):
    path = tmp_path / "cairn.db"
    cli = cli_for(f"sqlite:///{path}")
    cli(*INIT)
    _many_rows(f"sqlite:///{path}", 30, init=False)
    data = bytearray(path.read_bytes())
    if damage == "truncated":
        data = data[: len(data) // 2]
    elif damage == "header only":
        data = data[:100]
    else:
        for offset in range(4096, len(data), 4096):
            data[offset + 8: offset + 400] = b"\xa5" * 392
    path.write_bytes(bytes(data))
    for args in (("task", "list"), ("task", "add", "more"), ("export", str(tmp_path / "x.json"))):
        out = cli(*args)
        assert out.exit_code == StorageError.exit_code, (args, out.stdout, out.stderr)
        assert "damaged" in out.stderr or "malformed" in out.stderr
        assert "cairn restore" in out.stderr


def test_a_failed_import_leaves_no_new_database(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "cairn-export", "schema_version": 1, '
                   '"tables": {"goal": [{"id": "x"}]}}')
    for name, content in (("new.db", None), ("other.db", "not json")):
        if content:
            bad.write_text(content)
        out = cli_for(f"sqlite:///{tmp_path / name}")("import", str(bad))
        assert out.exit_code == ImportFormatError.exit_code, out.stderr
        assert not (tmp_path / name).exists()
        assert not list(tmp_path.glob(f"{name}-*"))


# -- permissions -------------------------------------------------------------------


def test_personal_files_are_private_under_umask_022(tmp_path, monkeypatch):
    from cairn import settings
    from cairn.services.app import Cairn

    monkeypatch.setenv("CAIRN_DATA_DIR", str(tmp_path / "data"))
    old = os.umask(0o022)
    try:
        url = settings.database_url()
        cli = cli_for(url)
        cli(*INIT)
        cli("availability", "add", "daily", "18:00-21:00")
        cli("task", "add", "Write", "--estimate", "2")
        cli("plan", "--greedy")
        db = tmp_path / "data" / "cairn.db"
        holder = Cairn.open(url)  # an open connection: the -wal and -shm files exist
        holder.tasks.find()
        cli("task", "add", "More")
        for out in (cli("export", str(tmp_path / "all.json")),
                    cli("report", "--format", "html", "--output", str(tmp_path / "r.html")),
                    cli("plan", "export", str(tmp_path / "plan.ics")),
                    cli("backup", str(tmp_path / "copy.sqlite")), cli("backup")):
            assert out.exit_code == 0, out.stderr
        modes = {p.name: mode(p) for p in (db, db.with_name("cairn.db-wal"),
                                           db.with_name("cairn.db-shm"), tmp_path / "all.json",
                                           tmp_path / "r.html", tmp_path / "plan.ics",
                                           tmp_path / "copy.sqlite")}
        holder.close()
        backups = tmp_path / "data" / "backups"
        modes.update({p.name: mode(p) for p in backups.iterdir()})
        assert modes == dict.fromkeys(modes, 0o600), modes
        assert mode(tmp_path / "data") == 0o700
        assert mode(backups) == 0o700
    finally:
        os.umask(old)


# -- a full disk -------------------------------------------------------------------


@pytest.fixture
def template(request: pytest.FixtureRequest) -> Path:
    """An empty, migrated SQLite database file to copy."""
    return request.getfixturevalue("_sqlite_template").path


def _many_rows(url: str, n: int, *, init: bool = True) -> None:
    from cairn.services.app import Cairn

    c = Cairn.open(url)
    if init:
        c.profile.init("Ada", "exploring", 10)
    for i in range(n):
        c.track.record.add_win(f"win number {i} " + "x" * 200)
    c.close()


def test_a_full_disk_during_import_is_a_storage_error(tmp_path, template):
    source = f"sqlite:///{tmp_path / 'source.db'}"
    shutil.copy(template, tmp_path / "source.db")
    _many_rows(source, 1)
    export = tmp_path / "all.json"
    assert cli_for(source)("export", str(export)).exit_code == 0
    document = json.loads(export.read_text(encoding="utf-8"))
    win = document["tables"]["win"][0]  # 3,000 wins: more than the disk has room for
    document["tables"]["win"] = [{**win, "id": n + 1, "text": f"win {n} " + "x" * 300}
                                 for n in range(3000)]
    export.write_text(json.dumps(document), encoding="utf-8")
    target = tmp_path / "target.db"
    shutil.copy(template, target)
    room = target.stat().st_size + 64 * 1024
    out = run_cli(f"sqlite:///{target}", "import", str(export), preexec=file_size_limit(room))
    assert out.returncode == StorageError.exit_code, out.stderr
    assert "disk" in out.stderr and "malformed" not in out.stderr
    assert "Traceback" not in out.stderr
    conn = sqlite3.connect(target)
    try:  # nothing of the import was kept, the database is whole
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM win").fetchone()[0] == 0
    finally:
        conn.close()
    assert cli_for(f"sqlite:///{target}")("import", str(export)).exit_code == 0


def test_a_full_disk_during_export_keeps_the_old_export(tmp_path, template):
    url = f"sqlite:///{tmp_path / 'cairn.db'}"
    shutil.copy(template, tmp_path / "cairn.db")
    _many_rows(url, 200)
    export = tmp_path / "all.json"
    assert cli_for(url)("export", str(export)).exit_code == 0
    good = export.read_bytes()
    _many_rows(url, 50, init=False)
    out = run_cli(url, "export", str(export), preexec=file_size_limit(len(good)))
    assert out.returncode == StorageError.exit_code, out.stderr
    assert "Cannot write" in out.stderr and "Nothing was changed there" in out.stderr
    assert export.read_bytes() == good  # the good export is still there, whole
    assert not list(tmp_path.glob(".all.json.*"))  # and no temporary file is left


# -- a read-only database ----------------------------------------------------------


@pytest.mark.parametrize("folder_writable", [True, False])
def test_a_read_only_database_can_be_read(tmp_path, folder_writable):
    url_path = Path(tempfile.mkdtemp(prefix="cairn-ro-", dir="/tmp"))
    try:
        db = url_path / "cairn.db"
        cli = cli_for(f"sqlite:///{db}")
        cli(*INIT)
        cli("task", "add", "Read me later")
        user = None
        if os.geteuid() == 0:  # root writes anything: be someone else
            user = 65534
            os.chown(url_path, user, user)
            os.chown(db, user, user)
        db.chmod(0o444)
        url_path.chmod(0o755 if folder_writable else 0o555)
        out = run_cli(f"sqlite:///{db}", "task", "list", user=user,
                      env={"CAIRN_DATA_DIR": str(url_path / "data"), "HOME": str(url_path)})
        assert out.returncode == 0, out.stderr
        assert "Read me later" in out.stdout
        out = run_cli(f"sqlite:///{db}", "task", "add", "Not now", user=user,
                      env={"CAIRN_DATA_DIR": str(url_path / "data"), "HOME": str(url_path)})
        assert out.returncode == StorageError.exit_code
        assert "read-only" in out.stderr and "chmod" in out.stderr
        assert "server" not in out.stderr
    finally:
        url_path.chmod(0o755)
        shutil.rmtree(url_path, ignore_errors=True)


# -- many processes opening a brand-new database -------------------------------------


def _all_at_once(url: str, count: int = 6) -> list[subprocess.Popen[str]]:
    command = [sys.executable, "-c", "from cairn.cli.main import run; run()", "--db", url,
               "goal", "list", "--json"]
    procs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for _ in range(count)]
    for proc in procs:
        proc.wait(timeout=120)
    return procs


def test_many_processes_open_a_new_sqlite_database_at_once(tmp_path):
    for round_ in range(2):
        url = f"sqlite:///{tmp_path / f'new-{round_}.db'}"
        for proc in _all_at_once(url):
            assert proc.returncode == 0, proc.stderr.read()  # type: ignore[union-attr]
        conn = sqlite3.connect(tmp_path / f"new-{round_}.db")
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            conn.close()


def test_many_processes_open_a_new_postgres_database_at_once(postgres):
    url = postgres.new_database("race")  # before: 10 of 12 such processes failed
    for proc in _all_at_once(url):
        assert proc.returncode == 0, proc.stderr.read()  # type: ignore[union-attr]
        assert json.loads(proc.stdout.read()) == []  # type: ignore[union-attr]
