"""One engine per database within a process (store/db.py): shared while open, connections
closed when the last user closes, a file put in the path's place gets its own, a forked
child starts with empty pools."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from sqlalchemy import text

from cairn.services.app import Cairn
from cairn.store import db as store_db
from cairn.store.db import ENGINES_KEPT, Database


def _wal(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def test_databases_of_one_url_share_an_engine_and_its_compiled_statements(db_url):
    first, second = Database(db_url), Database(db_url)
    try:
        assert first.engine is second.engine
        with first.session() as s:
            s.execute(text("SELECT 1"))
        cached = len(first.engine._compiled_cache)  # type: ignore[attr-defined]
        assert cached > 0
    finally:
        first.close()
        second.close()
    again = Database(db_url)  # closed, then opened again: the statements are still compiled
    try:
        assert again.engine is first.engine
        assert len(again.engine._compiled_cache) >= cached  # type: ignore[attr-defined]
    finally:
        again.close()


def test_the_last_close_closes_the_connections_and_an_earlier_one_does_not(tmp_path):
    path = tmp_path / "c.db"
    holder, other = Database(f"sqlite:///{path}"), Database(f"sqlite:///{path}")
    with holder.session() as s:
        s.execute(text("SELECT 1"))
    assert _wal(path).exists() and holder.engine.pool.checkedin() >= 1  # type: ignore[attr-defined]
    other.close()
    other.close()  # twice: still one claim given back
    assert _wal(path).exists(), "closing one Database closed another one's connection"
    holder.close()
    assert holder.engine.pool.checkedin() == 0  # type: ignore[attr-defined]
    assert not _wal(path).exists(), "nothing may stay open (the WAL is checkpointed)"


def test_a_file_put_in_place_of_the_database_is_read_as_itself(tmp_path, frozen, new_sqlite):
    """A restore or a copy puts another file at the path: the pooled connections of the old
    file must not answer for it."""
    path, other = tmp_path / "c.db", tmp_path / "other.db"
    for target, name in ((path, "First"), (other, "Second")):
        app = Cairn.open(new_sqlite(target))
        app.profile.init(name, "mid-career", 38)
        app.close()
    holder = Cairn.open(f"sqlite:///{path}")  # keeps a connection to the first file open
    assert holder.profile.get().name == "First"
    shutil.copy(other, tmp_path / "swap.db")
    (tmp_path / "swap.db").replace(path)
    app = Cairn.open(f"sqlite:///{path}")
    try:
        assert app.db.engine is not holder.db.engine
        assert app.profile.get().name == "Second"
    finally:
        app.close()
        holder.close()


def test_engines_no_one_uses_are_let_go_beyond_the_limit(tmp_path):
    held = Database(f"sqlite:///{tmp_path / 'held.db'}", migrate=False)
    try:
        for n in range(ENGINES_KEPT + 3):
            Database(f"sqlite:///{tmp_path / f'{n}.db'}", migrate=False).close()
        kept = list(store_db._engines.values())
        idle = [e for e in kept if not store_db._users.get(e)]
        assert len(idle) <= ENGINES_KEPT
        assert held.engine in kept, "an engine in use was let go"
        with held.session() as s:
            assert s.execute(text("SELECT 1")).scalar() == 1
    finally:
        held.close()


def test_a_forked_child_starts_with_empty_pools(tmp_path):
    path = tmp_path / "c.db"
    db = Database(f"sqlite:///{path}")
    try:
        with db.session() as s:
            s.execute(text("SELECT 1"))
        assert db.engine.pool.checkedin() >= 1  # type: ignore[attr-defined]
        pid = os.fork()
        if pid == 0:  # the child: no inherited connection is handed out, and a new one works
            code = 0
            try:
                if db.engine.pool.checkedin() != 0:  # type: ignore[attr-defined]
                    code = 3
                else:
                    with db.session() as s:
                        code = 0 if s.execute(text("SELECT 1")).scalar() == 1 else 4
            except BaseException:  # noqa: BLE001 - any failure is the child's exit code
                code = 5
            os._exit(code)
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0
        with db.session() as s:  # the parent's own connection still works
            assert s.execute(text("SELECT 1")).scalar() == 1
    finally:
        db.close()
