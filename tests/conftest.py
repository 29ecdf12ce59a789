"""Shared fixtures: databases on SQLite and PostgreSQL, the CLI runner, frozen time, O*NET.

Every test that takes ``db_url`` (or a fixture built on it) runs twice: on SQLite
and on PostgreSQL. Without a reachable PostgreSQL server or the O*NET release,
those tests are skipped with a loud reason, except under CI (``CI=true``), where
they fail instead: CI must run everything.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import time_machine
from sqlalchemy import Engine, TextClause, create_engine, text
from typer.testing import CliRunner

from cairn.cli.main import GC_THRESHOLDS, _command_word, _only, app
from cairn.services.app import Cairn
from cairn.store.db import Database
from cairn.store.registry import all_tables
from cairn.store.transfer import personal_tables
from pg_throwaway import ThrowawayCluster

ROOT = Path(__file__).resolve().parents[1]
# shared/ lies beside the clone (CI) or beside the folder of worktrees (a developer's).
SHARED = next((p / "shared" for p in (ROOT.parent, ROOT.parent.parent)
               if (p / "shared" / "data").is_dir()), ROOT.parent / "shared")
ONET_DIR = SHARED / "data" / "onet" / "db_30_1_text"
OEWS_FILE = SHARED / "data" / "oews" / "national_M2024_dl.csv"
# The PostgreSQL tests run on CAIRN_TEST_POSTGRES_URL when it is set; otherwise on a
# throwaway cluster of this run (see pg_throwaway.py), or the shared server when none starts.
PG_URL_GIVEN = os.environ.get("CAIRN_TEST_POSTGRES_URL")
PG_ADMIN_URL = PG_URL_GIVEN or "postgresql+psycopg://postgres@127.0.0.1:5432/test"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
FROZEN_AT = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)


def missing(reason: str) -> None:
    """Skip loudly on a developer machine; fail under CI, where nothing may be skipped."""
    if IN_CI:
        pytest.fail(f"CI must run this test, but {reason}", pytrace=False)
    pytest.skip(f"SKIPPED LOUDLY: {reason}")


# -- the longest tests first, spread over the processes ------------------------------

# Tests that take long, with their wall-clock seconds in a two-process run on this
# project's 2-core machine at a load of 7 to 8 (issue 16); a prefix covers every test it
# starts. Browser tests and the `slow` crash test are found by their fixture and marker.
LONG = {
    "tests/web/test_web_journey_explore.py::": 45,
    "tests/web/test_web_schemathesis.py::test_the_api_keeps_its_schema_for_any_input": 25,
    "tests/test_planning_exact.py::test_missed_work_truly_cannot_fit": 25,
    "tests/test_people.py::test_two_people_never_see_or_touch_each_others_rows": 15,
    "tests/web/test_web_isolation.py::": 15,
    "tests/test_safety_storage.py::test_many_processes": 12,
    "tests/web/test_web_schemathesis_accounts.py::": 10,
    "tests/test_concurrency.py::": 10,
    "tests/test_fuzz_importers.py::": 9,
    "tests/test_match_onet.py::test_report_gaps_and_reassessment_use_matching": 9,
    "tests/test_catalog_onet.py::test_all_occupations_are_installed": 8,
    "tests/test_transfer_all.py::": 8,
    "tests/web/test_web_explore.py::test_upload_a_release_zip_and_watch_it_install": 8,
    "tests/test_docs.py::test_commands_work_in_a_fresh_process": 8,
    "tests/test_docs.py::test_a_command_runs_without_pydantic": 8,
    "tests/web/test_web_api.py::test_the_command_line_and_the_api_agree": 8,
}
BROWSER_SECONDS, SLOW_SECONDS = 10, 90


def _seconds(item: pytest.Item) -> int:
    """About how long a test takes (0: a short one)."""
    if item.get_closest_marker("slow"):
        return SLOW_SECONDS
    known = max((s for prefix, s in LONG.items() if item.nodeid.startswith(prefix)), default=0)
    browser = BROWSER_SECONDS if "tab" in getattr(item, "fixturenames", ()) else 0
    return max(known, browser)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Every test module is imported: keep the cyclic garbage collector off what is loaded.

    The libraries' hundreds of thousands of objects (SQLAlchemy, FastAPI, pydantic,
    Playwright) were walked by every full collection, about a fifth of a run's CPU time.
    They are frozen (the collector no longer walks them; reference counting still frees
    them), and collections come in bigger batches, as in ``cairn`` itself."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under pytest-xdist, start the long tests first, spread evenly over the processes.

    ``--dist worksteal`` hands each process an equal run of the collected tests, then lets
    an idle one take the back half of another's queue. A long test that started last kept
    one process busy alone at the end (the crash test: 40 s), so each process's run now
    begins with its share of the long tests (longest first) and goes on in file order."""
    count = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    if count < 2 or not items:
        return
    timed = sorted((i for i in items if _seconds(i)), key=_seconds, reverse=True)
    long_ids = {id(i) for i in timed}
    rest = [i for i in items if id(i) not in long_ids]
    lanes: list[list[pytest.Item]] = [[] for _ in range(count)]
    loads = [0] * count
    for item in timed:  # the longest to the process with the least so far
        lane = loads.index(min(loads))
        lanes[lane].append(item)
        loads[lane] += _seconds(item)
    # the sizes xdist's first split gives: of the n left, each takes 1/n of what is left
    left, sizes = len(items), []
    for n in range(count, 0, -1):
        sizes.append(left // n)
        left -= sizes[-1]
    for lane, size in zip(lanes, sizes, strict=True):
        take = max(0, size - len(lane))
        lane.extend(rest[:take])
        rest = rest[take:]
    lanes[-1].extend(rest)
    items[:] = [item for lane in lanes for item in lane]


# -- PostgreSQL -------------------------------------------------------------------


class PostgresServer:
    """Creates throw-away databases on the test server and drops them at the end."""

    def __init__(self, admin_url: str) -> None:
        self.engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        self.created: list[str] = []
        self.error: str | None = None
        try:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except Exception as exc:  # noqa: BLE001 - any failure means "not reachable"
            self.error = f"PostgreSQL is not reachable at {admin_url} ({exc.__class__.__name__})"

    def new_database(self, label: str = "t") -> str:
        """Create an empty database and return its URL."""
        if self.error:
            missing(self.error)
        name = f"cairn_{label}_{uuid.uuid4().hex[:10]}"
        with self.engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        self.created.append(name)
        return self.engine.url.set(database=name).render_as_string(hide_password=False)

    def drop_all(self) -> None:
        """Drop every database this run created."""
        with self.engine.connect() as conn:
            for name in self.created:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self.engine.dispose()


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """The PostgreSQL test server (databases made here are dropped after the run)."""
    cluster = ThrowawayCluster()
    own_url = None if PG_URL_GIVEN else cluster.start()
    server = PostgresServer(own_url or PG_ADMIN_URL)
    yield server
    _dispose_emptiers()  # before the databases go
    if own_url:
        server.engine.dispose()
        cluster.stop()  # its databases go with it
    elif not server.error:
        server.drop_all()


# -- a clean, migrated database per test, on each backend ---------------------------


@dataclass
class _Template:
    url: str
    path: Path | None = None


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> _Template:
    path = tmp_path_factory.mktemp("template") / "template.db"
    Database(f"sqlite:///{path}").close()
    return _Template(f"sqlite:///{path}", path)


@pytest.fixture
def new_sqlite(_sqlite_template: _Template) -> Callable[[Path], str]:
    """``new_sqlite(path)``: a new SQLite database at ``path``, migrated (a copy of the
    run's migrated template: migrating from nothing takes 0.2-0.3 s), and its URL."""

    def make(path: Path) -> str:
        assert _sqlite_template.path is not None
        shutil.copy(_sqlite_template.path, path)  # with its mode: 0600
        return f"sqlite:///{path}"

    return make


@pytest.fixture(scope="session")
def _postgres_template(postgres: PostgresServer) -> Iterator[_Template]:
    url = postgres.new_database("main")
    held = Database(url)  # open for the run: each test's Cairn reuses its pooled connections
    yield _Template(url)
    held.close()


# The personal tables' id sequences, restarted with every clean-up.
_OWNED_SEQUENCES = text(
    "SELECT s.oid::regclass::text FROM pg_class s"
    " JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass"
    " AND d.deptype IN ('a', 'i')"
    " JOIN pg_class t ON t.oid = d.refobjid"
    " WHERE s.relkind = 'S' AND t.relname = ANY(:names)"
)


# Per database URL: an engine kept for the session and the one statement that empties it.
_EMPTIERS: dict[str, tuple[Engine, TextClause]] = {}


def _truncate_postgres(url: str) -> None:
    """Empty the person's tables and restart their ids, as TRUNCATE ... RESTART IDENTITY would.

    DELETE (children first) and setval do it in milliseconds; TRUNCATE gives every table
    and index a new file and took 0.6-0.8 s a test on this machine's server. The engine and
    the statement (one DO block: one round trip) are made once per URL and kept for the
    session; a new engine each time spent 0.1 s a test compiling and reflecting again.
    """
    if url not in _EMPTIERS:
        engine = create_engine(url)
        tables = [all_tables().tables["person"], *personal_tables()]  # parents first
        with engine.connect() as conn:
            sequences = conn.execute(_OWNED_SEQUENCES,
                                     {"names": [t.name for t in tables]}).scalars().all()
        quote = engine.dialect.identifier_preparer.quote
        steps = [*(f"DELETE FROM {quote(t.name)};"  # noqa: S608 - the registry's own names
                   for t in reversed(tables)),
                 *("PERFORM setval('{}'::regclass, 1, false);".format(s.replace("'", "''"))
                   for s in sequences)]
        _EMPTIERS[url] = (engine, text("DO $$ BEGIN " + " ".join(steps) + " END $$"))
    engine, empty = _EMPTIERS[url]
    with engine.begin() as conn:
        conn.execute(empty)


def _dispose_emptiers() -> None:
    for engine, _ in _EMPTIERS.values():
        engine.dispose()
    _EMPTIERS.clear()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """URL of an empty, migrated database: SQLite in tmp_path, or the PostgreSQL test db."""
    if request.param == "sqlite":
        yield request.getfixturevalue("new_sqlite")(tmp_path / "cairn.db")
        return
    template: _Template = request.getfixturevalue("_postgres_template")
    _truncate_postgres(template.url)
    yield template.url


@pytest.fixture
def frozen() -> Iterator[time_machine.Coordinates]:
    """Time frozen at 2026-11-23 10:00 UTC (a Monday)."""
    with time_machine.travel(FROZEN_AT, tick=False) as traveller:
        yield traveller


@pytest.fixture
def cairn(db_url: str, frozen: time_machine.Coordinates) -> Iterator[Cairn]:
    """The services facade on a clean database, time frozen."""
    app_ = Cairn.open(db_url)
    yield app_
    app_.close()


@pytest.fixture
def person(cairn: Cairn) -> Cairn:
    """A facade whose profile exists (mid-career, 38 h), with the default areas."""
    cairn.profile.init("Alex Rivera", "mid-career", 38)
    return cairn


@dataclass
class CliResult:
    """What a CLI call printed and returned."""

    exit_code: int
    stdout: str
    stderr: str


def cli_for(url: str) -> Callable[..., CliResult]:
    """A function running ``cairn ARGS`` in-process against ``url``; unexpected errors raise."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None) -> CliResult:  # noqa: A002
        line = ["--db", url, *args]
        # as `cairn` itself does (cli.main.run): build only the sub-command the line names;
        # building all of them took 0.18 s a call, most of the suite's time
        word = _command_word(line)
        target = (_only(word) if word else None) or app
        result = runner.invoke(target, line, input=input, env={"COLUMNS": "200"})
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return CliResult(result.exit_code, result.stdout, result.stderr)

    return invoke


@pytest.fixture
def cli(db_url: str, frozen: time_machine.Coordinates) -> Callable[..., CliResult]:
    """Run ``cairn ARGS`` in-process against the test database; returns a CliResult."""
    return cli_for(db_url)


# -- O*NET -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def onet_dir() -> Path:
    """The O*NET 30.1 text release in ../shared/data/onet/ (never copied into the repo)."""
    if not (ONET_DIR / "Occupation Data.txt").is_file():
        missing(f"the O*NET release is not at {ONET_DIR}")
    return ONET_DIR


# -- occupation catalog (O*NET) ----------------------------------------------------

ONET_SAMPLE_DIR = ROOT / "tests" / "fixtures" / "onet_sample"


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def onet_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
            onet_dir: Path) -> Iterator[str]:
    """URL of a database holding the real O*NET release, imported once per backend."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('onet') / 'catalog.db'}"
    else:
        url = request.getfixturevalue("postgres").new_database("catalog")
    app_ = Cairn.open(url)
    app_.catalog.install(onet_dir)
    yield url  # open for the run: each test's Cairn reuses its pooled connections
    app_.close()


@pytest.fixture
def onet(onet_db: str, frozen: time_machine.Coordinates) -> Iterator[Cairn]:
    """The facade on the database holding the real O*NET release (do not modify it)."""
    app_ = Cairn.open(onet_db)
    yield app_
    app_.close()


@pytest.fixture
def onet_cli(onet_db: str, frozen: time_machine.Coordinates) -> Callable[..., CliResult]:
    """Run ``cairn ARGS`` against the database holding the real O*NET release."""
    return cli_for(onet_db)


@pytest.fixture
def no_catalog(cairn: Cairn) -> Iterator[Cairn]:
    """A facade whose database has no catalog; leaves none behind for other tests."""
    cairn.catalog.uninstall()
    yield cairn
    cairn.catalog.uninstall()


@pytest.fixture
def sample(no_catalog: Cairn) -> Cairn:
    """A facade with the hand-written three-occupation sample installed."""
    no_catalog.catalog.install(ONET_SAMPLE_DIR)
    return no_catalog


@pytest.fixture(scope="session")
def oews_file() -> Path:
    """The BLS OEWS national wage file in ../shared/data/oews/ (never copied into the repo)."""
    if not OEWS_FILE.is_file():
        missing(f"the OEWS wage file is not at {OEWS_FILE}")
    return OEWS_FILE


# -- assessments and matching (assess) ---------------------------------------------


@pytest.fixture
def onet_person(onet_db: str, onet_cli: Callable[..., CliResult]
                ) -> Iterator[Callable[..., CliResult]]:
    """``onet_cli`` after ``cairn init``; the person's rows are deleted afterwards, since the
    catalog database is shared by the whole session."""
    onet_cli("init", "--name", "Ada", "--stage", "exploring", "--hours", "0")
    yield onet_cli
    engine = create_engine(onet_db)
    with engine.begin() as conn:
        for table in [*reversed(personal_tables()), all_tables().tables["person"]]:
            conn.execute(table.delete())
    engine.dispose()
