"""Many people in one database: the migration that makes the old single person person 1,
isolation between people (every operation of one leaves the other's data byte-identical;
no query reads another person's rows), per-person ids, and all-or-nothing use cases."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Date, DateTime, MetaData, create_engine, event, insert, text
from sqlalchemy.orm import Session
from sqlalchemy.sql import visitors
from sqlalchemy.sql.elements import BinaryExpression, BindParameter
from sqlalchemy.sql.schema import Column, Table
from typer.testing import CliRunner

from cairn.cli.main import app
from cairn.core.errors import Conflict, InvalidInput
from cairn.core.model import Horizon
from cairn.core.tracking import EventKind
from cairn.services.app import Cairn
from cairn.store import people
from cairn.store.db import MIGRATIONS, Database, normalise_url
from cairn.store.people import PERSON_KEY
from cairn.store.transfer import _parents_first, personal_tables
from conftest import CliResult
from test_transfer_all import fill_everything

# -- the migration: an existing single-person database becomes person 1 ----------------


def _at_revision(url: str, revision: str) -> None:
    db = Database(url, migrate=False)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
    db.close()


def _load_into_0012(url: str, document: dict[str, Any]) -> None:
    """Write an export's rows into a database at schema 0012 (one person, no person_id),
    the way that schema held them: the planner settings with the time zone."""
    engine = create_engine(normalise_url(url))
    old = MetaData()
    old.reflect(engine)
    zone = document["person"]["timezone"]
    with engine.begin() as conn:
        for current in personal_tables():
            if current.name not in old.tables:  # newer than 0012 (and empty here)
                assert not document["tables"].get(current.name)
                continue
            table = old.tables[current.name]
            rows = []
            for raw in document["tables"][current.name]:
                row = dict(raw)
                for name, value in raw.items():
                    kind = table.c[name].type
                    if value is not None and isinstance(kind, DateTime):
                        row[name] = dt.datetime.fromisoformat(value)
                    elif value is not None and isinstance(kind, Date):
                        row[name] = dt.date.fromisoformat(value)
                if current.name == "plan_setting":
                    row["timezone"] = zone
                rows.append(row)
            if rows:
                conn.execute(insert(table), _parents_first(current, rows))
                if conn.dialect.name == "postgresql":
                    conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', "  # noqa: S608
                                      f"'id'), (SELECT max(id) FROM {table.name}))"))
    engine.dispose()


def test_a_single_person_database_becomes_person_one_with_nothing_lost(
        cairn: Cairn, cli, tmp_path, postgres):
    """Every table of every feature, on both backends: the export after the upgrade is the
    export before it, byte for byte (ids, times, unicode, the time zone)."""
    fill_everything(cairn, cli)
    before = cairn.data.export().content
    document = json.loads(before)
    assert document["person"]["timezone"] == "Europe/Berlin"
    for url in (f"sqlite:///{tmp_path / 'old.db'}", postgres.new_database("old")):
        _at_revision(url, "0012")
        _load_into_0012(url, document)
        if url.startswith("postgresql"):  # a shared server is upgraded on purpose, not on open
            with pytest.raises(Exception, match="cairn db upgrade"):
                Database(url)
            Database(url, migrate=False).upgrade()
        upgraded = Cairn.open(url, zone="Asia/Tokyo")  # the stored zone wins over the machine's
        try:
            assert upgraded.scope.person_id == 1
            assert upgraded.scope.zone.key == "Europe/Berlin"
            assert upgraded.data.export().content == before, url
            # and the person goes on: a new goal gets the next id of person 1
            goal = upgraded.goals.add("After the upgrade", area="career", horizon=Horizon.VISION)
            assert goal.id == max(g["id"] for g in document["tables"]["goal"]) + 1
        finally:
            upgraded.close()


def test_an_empty_old_database_gets_no_person_until_first_use(tmp_path):
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    _at_revision(url, "0012")
    db = Database(url)
    with db.session() as s:
        assert people.count_people(s) == 0
    db.close()
    c = Cairn.open(url, zone="America/Chicago")
    assert (c.scope.person_id, c.scope.zone.key) == (1, "America/Chicago")
    c.close()


# -- two people in one database ---------------------------------------------------------


def cli_as(url: str, person_id: int) -> Callable[..., CliResult]:
    """``cairn ARGS`` for one person of a shared database (CAIRN_PERSON)."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None) -> CliResult:  # noqa: A002
        result = runner.invoke(app, ["--db", url, *args], input=input,
                               env={"COLUMNS": "200", "CAIRN_PERSON": str(person_id)})
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return CliResult(result.exit_code, result.stdout, result.stderr)

    return invoke


class PersonFilterCheck:
    """Watches every statement a session runs for a person: each personal table it reads,
    changes or deletes from must be tied to that person (``person_id = :that person``
    directly, or through joins on ``person_id``). A store function that forgets the filter
    is caught even when the other person's rows would happen to look alike."""

    def __init__(self) -> None:
        self.violations: list[str] = []
        self.checked = 0

    def __call__(self, state: Any) -> None:
        person = state.session.info.get(PERSON_KEY)
        statement = state.statement
        if person is None or state.is_insert:
            return
        tables: set[Table] = set()
        bound: set[Table] = set()
        links: list[tuple[Table, Table]] = []
        for element in visitors.iterate(statement):
            if isinstance(element, Table) and "person_id" in element.c:
                tables.add(element)
            if not isinstance(element, BinaryExpression) or element.operator.__name__ != "eq":
                continue
            sides = (element.left, element.right)
            columns = [side for side in sides if isinstance(side, Column)
                       and side.name == "person_id" and isinstance(side.table, Table)]
            values = [(state.parameters or {}).get(side.key, side.value) for side in sides
                      if isinstance(side, BindParameter)]
            if len(columns) == 1 and person in values:
                bound.add(columns[0].table)
            elif len(columns) == 2:
                links.append((columns[0].table, columns[1].table))
        changed = True
        while changed:
            changed = False
            for a, b in links:
                if (a in bound) != (b in bound):
                    bound |= {a, b}
                    changed = True
        self.checked += 1
        missing = sorted(t.name for t in tables - bound)
        if missing:
            self.violations.append(f"{missing}: {statement}")


@pytest.fixture
def person_filter() -> Iterator[PersonFilterCheck]:
    """Every statement of every person's session checked for the person filter."""
    check = PersonFilterCheck()
    event.listen(Session, "do_orm_execute", check)
    yield check
    event.remove(Session, "do_orm_execute", check)


def _export(db_url: str, person_id: int) -> bytes:
    c = Cairn.for_person(Database(db_url), person_id)
    try:
        return c.data.export().content
    finally:
        c.close()


def test_two_people_never_see_or_touch_each_others_rows(db_url, frozen, person_filter,
                                                        tmp_path):
    """Person B uses every feature; then person A does everything too (and deletes and
    imports their data): B's export stays byte-identical, A never reads a row of B's, and
    both number their rows from 1."""
    first = Cairn.open(db_url)  # the local person: A, person 1
    db = first.db
    with db.session(write=True) as s:
        b_id = people.add_person(s, "Europe/Lisbon", dt.datetime(2026, 1, 1)).id
    b = Cairn.for_person(db, b_id)
    fill_everything(b, cli_as(db_url, b_id))
    b.goals.add("B-SECRET ambition", area="career", horizon=Horizon.VISION)
    b_before = _export(db_url, b_id)

    cli_a = cli_as(db_url, first.scope.person_id)
    fill_everything(first, cli_a)
    outputs = [cli_a(*args).stdout for args in (
        ("status", "--json"), ("goal", "list", "--all", "--json"), ("goal", "tree", "--json"),
        ("task", "list", "--all", "--json"), ("review", "list", "--json"),
        ("contact", "list", "--json"), ("resource", "list", "--json"), ("guide", "--json"),
        ("plan", "show", "--json"), ("calendar", "list", "--json"), ("log", "list", "--json"),
        ("checkin", "list", "--json"), ("balance", "--json"), ("burnout", "--json"),
        ("assess", "history", "--json"), ("report", "--format", "md"))]
    exported = first.data.export().content
    assert b"B-SECRET" not in exported
    for out in outputs:
        assert "B-SECRET" not in out
        assert "Europe/Lisbon" not in out
    # A's ids are A's own: the first goal of each person is goal 1
    assert json.loads(exported)["tables"]["goal"][0]["id"] == 1
    assert json.loads(b_before)["tables"]["goal"][0]["id"] == 1
    # delete everything of A's, then import it back: B is untouched throughout
    removed = first.data.delete_all()
    assert sum(removed.values()) > 100
    assert first.data.import_(exported)["goal"] == len(json.loads(exported)["tables"]["goal"])
    assert first.data.export().content == exported
    assert _export(db_url, b_id) == b_before
    assert person_filter.checked > 500
    assert person_filter.violations == []
    first.close()


def test_the_filter_check_catches_a_forgotten_filter(cairn, frozen, person_filter):
    """The check itself: a query without the person filter is reported."""
    from sqlalchemy import select

    from cairn.store.tables import GoalRow

    with cairn.scope.read() as s:
        s.execute(select(GoalRow.id))
    assert len(person_filter.violations) == 1
    assert "goal" in person_filter.violations[0]


def test_the_command_line_needs_a_person_when_the_database_holds_several(db_url, frozen):
    Cairn.open(db_url).close()
    db = Database(db_url)
    with db.session(write=True) as s:
        people.add_person(s, None, dt.datetime(2026, 1, 1))
    db.close()
    runner = CliRunner()
    out = runner.invoke(app, ["--db", db_url, "goal", "list"], env={"COLUMNS": "200"})
    assert out.exit_code == 6
    assert "several people" in out.stderr and "CAIRN_PERSON" in out.stderr
    out = runner.invoke(app, ["--db", db_url, "goal", "list"],
                        env={"COLUMNS": "200", "CAIRN_PERSON": "9"})
    assert out.exit_code == 4
    assert "no person 9" in out.stderr


# -- one use case, one transaction ---------------------------------------------------------


def test_a_review_that_fails_halfway_leaves_nothing_behind(person, monkeypatch):
    """The review's record, the first decision's goal change and the events it marks are
    one transaction: a failure at the second decision undoes all of them."""
    goal = person.goals.add("Run a marathon", area="health", horizon=Horizon.SHORT_TERM)
    person.track.record.add_event(EventKind.HEALTH, "A knee injury")
    before = person.data.export().content
    reviews = person.track.reviews
    real = reviews._apply
    calls = []

    def apply_then_fail(d: Any, reason: str) -> str:
        calls.append(d)
        if len(calls) == 2:
            raise InvalidInput("injected failure")
        return real(d, reason)

    monkeypatch.setattr(reviews, "_apply", apply_then_fail)
    with pytest.raises(InvalidInput, match="injected"):
        reviews.hold(reviews.facts().kind, [f"pause {goal.id} knee", f"priority {goal.id} low"])
    assert len(calls) == 2
    assert person.data.export().content == before


def test_a_template_that_fails_halfway_creates_nothing(person, monkeypatch):
    before = person.data.export().content
    tasks = person.tasks
    real = tasks.add
    made = []

    def add_then_fail(*args: Any, **kwargs: Any) -> Any:
        made.append(real(*args, **kwargs))
        if len(made) == 3:
            raise Conflict("injected failure")
        return made[-1]

    monkeypatch.setattr(tasks, "add", add_then_fail)
    with pytest.raises(Conflict, match="injected"):
        person.guide.use_template("explore-field", person.scope.today())
    assert len(made) == 3  # three tasks were written inside the use case, then undone
    assert person.data.export().content == before


def test_a_write_inside_a_read_only_use_case_is_refused(person):
    with person.scope.read(), pytest.raises(RuntimeError, match="read-only use case"):
        person.goals.add("Sneaky", area="career", horizon=Horizon.VISION)


def test_export_files_of_two_people_are_interchangeable(db_url, frozen, tmp_path):
    """An export of one person imports into another person (of another database too)."""
    a = Cairn.open(db_url)
    a.profile.init("Ada", "exploring", 0)
    a.goals.add("Learn Go", area="learning", horizon=Horizon.SHORT_TERM)
    content = a.data.export().content
    with a.db.session(write=True) as s:
        b_id = people.add_person(s, None, dt.datetime(2026, 1, 1)).id
    b = Cairn.for_person(a.db, b_id)
    b.data.import_(content)
    assert b.data.export().content == content
    a.close()
