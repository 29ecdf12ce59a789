"""Row-level security on PostgreSQL (migration 0017): besides the person filter of every
store query, each personal table lets a transaction see and change only the rows of the
person its session acts for, so a query that forgot its filter returns nothing of anyone
else.

Superusers bypass row-level security (the tests connect as one), so each check runs its
raw SQL as an ordinary role (``SET LOCAL ROLE``), as a production server should connect.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine
from sqlalchemy import create_engine, text
from sqlalchemy.exc import ProgrammingError

from cairn.core.model import Horizon
from cairn.services.app import Cairn
from cairn.store import people
from cairn.store.db import Database
from cairn.store.transfer import personal_tables
from conftest import _truncate_postgres

PROBE = "cairn_rls_probe"  # an ordinary role: row-level security applies to it


@pytest.fixture
def pg(request: pytest.FixtureRequest, frozen: time_machine.Coordinates
       ) -> Iterator[Database]:
    """The PostgreSQL test database, emptied, with the probe role allowed to use its
    tables (row-level security is PostgreSQL's: SQLite holds one person per file)."""
    template = request.getfixturevalue("_postgres_template")  # skips loudly without one
    _truncate_postgres(template.url)
    db = Database(template.url)
    with db.engine.begin() as conn:
        conn.execute(text(f"DO $$ BEGIN CREATE ROLE {PROBE} NOLOGIN; "
                          "EXCEPTION WHEN duplicate_object THEN NULL; END $$"))
        conn.execute(text(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "
                          f"public TO {PROBE}"))
    yield db
    db.close()


def two_people(db: Database) -> tuple[int, int]:
    """Two people, each with a profile and two goals."""
    ids = []
    for name in ("Ada", "Bob"):
        with db.session(write=True) as s:
            person = people.add_person(s, "UTC", frozen_now())
        c = Cairn.for_person(db, person.id)
        c.profile.init(name, "mid-career", 38)
        for n in (1, 2):
            c.goals.add(f"{name}'s goal {n}", area="career", horizon=Horizon.SHORT_TERM)
        ids.append(person.id)
    return ids[0], ids[1]


def frozen_now() -> dt.datetime:
    """Now, as the store keeps times (naive UTC)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def test_every_personal_table_has_a_forced_policy(pg: Database):
    with pg.engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity, "
            "(SELECT count(*) FROM pg_policies p WHERE p.tablename = c.relname) "
            "FROM pg_class c WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace"
        )).all()
    found = {r[0]: (r[1], r[2], r[3]) for r in rows}
    tables = [t.name for t in personal_tables()]
    assert len(tables) >= 36
    unprotected = [t for t in tables if found[t] != (True, True, 1)]
    assert unprotected == [], (
        f"{unprotected}: give each new personal table, in its migration, on PostgreSQL: "
        "ENABLE and FORCE ROW LEVEL SECURITY and the policy cairn_person of 0017_accounts")
    shared = ("person", "account", "web_session", "sign_in_attempt", "onet_occupation")
    assert all(found[t][0] is False for t in shared)


def test_a_query_without_a_person_filter_sees_only_the_sessions_person(pg: Database):
    ada, bob = two_people(pg)
    for me, other in ((ada, bob), (bob, ada)):
        with pg.session(me) as s:
            s.execute(text(f"SET LOCAL ROLE {PROBE}"))
            owners = s.execute(text("SELECT DISTINCT person_id FROM goal")).scalars().all()
            titles = s.execute(text("SELECT title FROM goal ORDER BY id")).scalars().all()
            profiles = s.execute(text("SELECT count(*) FROM profile")).scalar()
        assert owners == [me]
        assert len(titles) == 2 and profiles == 1
        assert not any(t.startswith("Ada" if other == ada else "Bob") for t in titles)


def test_a_write_without_a_person_filter_changes_only_the_sessions_person(pg: Database):
    ada, bob = two_people(pg)
    with pg.session(ada, write=True) as s:
        s.execute(text(f"SET LOCAL ROLE {PROBE}"))
        changed = s.execute(text("UPDATE goal SET title = 'overwritten'")).rowcount
        removed = s.execute(text("DELETE FROM milestone")).rowcount
    assert (changed, removed) == (2, 0)
    with pg.session(bob) as s:
        titles = s.execute(text("SELECT title FROM goal WHERE person_id = :p"),
                           {"p": bob}).scalars().all()
    assert titles == ["Bob's goal 1", "Bob's goal 2"]


def test_a_row_for_another_person_cannot_be_written(pg: Database):
    ada, bob = two_people(pg)
    move = text("UPDATE goal SET person_id = :b WHERE person_id = :a")
    with pg.engine.begin() as conn:
        conn.execute(text("SELECT set_config('cairn.person', :p, true)"), {"p": str(ada)})
        conn.execute(text(f"SET LOCAL ROLE {PROBE}"))
        with pytest.raises(ProgrammingError, match="row-level security"):
            conn.execute(move, {"a": ada, "b": bob})


def test_a_transaction_that_says_no_person_sees_nothing(pg: Database):
    two_people(pg)
    engine = create_engine(pg.url)
    with engine.begin() as conn:
        conn.execute(text(f"SET LOCAL ROLE {PROBE}"))
        assert conn.execute(text("SELECT count(*) FROM goal")).scalar() == 0
    with engine.begin() as conn:  # after a transaction-local setting, the value is ''
        conn.execute(text("SELECT set_config('cairn.person', '', true)"))
        conn.execute(text(f"SET LOCAL ROLE {PROBE}"))
        assert conn.execute(text("SELECT count(*) FROM goal")).scalar() == 0
    engine.dispose()


def test_the_administrators_work_sees_every_person(pg: Database):
    """A session for no person (shared data, `cairn admin`, backups) passes the policy
    with ``cairn.all``, as migrations do."""
    two_people(pg)
    with pg.session() as s:
        s.execute(text(f"SET LOCAL ROLE {PROBE}"))
        assert s.execute(text("SELECT count(DISTINCT person_id) FROM goal")).scalar() == 2


def test_the_setting_lasts_one_transaction_only(pg: Database):
    ada, _bob = two_people(pg)
    with pg.session(ada) as s:
        assert s.execute(text("SELECT current_setting('cairn.person', true)")).scalar() \
            == str(ada)
    with pg.engine.connect() as conn:  # a pooled connection: the setting is gone
        assert conn.execute(text("SELECT current_setting('cairn.person', true)")).scalar() \
            in (None, "")


def test_a_shared_only_read_is_one_statement_outside_any_transaction(pg: Database):
    """The session lookup of every request: no BEGIN and COMMIT round trips, and no
    person set for row-level security, even on a pooled connection that just acted for
    one."""
    from psycopg.pq import TransactionStatus

    ada, _bob = two_people(pg)
    with pg.session(ada) as s:
        assert s.execute(text("SELECT current_setting('cairn.person', true)")).scalar() \
            == str(ada)
    with pg.session(shared_only=True) as s:
        seen = s.execute(text("SELECT current_setting('cairn.person', true)")).scalar()
        raw = s.connection().connection.dbapi_connection
        assert raw is not None
        assert raw.info.transaction_status == TransactionStatus.IDLE  # autocommit
    assert seen in (None, "")
    with pg.session(ada) as s:  # a person's session is a transaction, as before
        s.execute(text("SELECT 1"))
        raw = s.connection().connection.dbapi_connection
        assert raw is not None and raw.info.transaction_status == TransactionStatus.INTRANS
