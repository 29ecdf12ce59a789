"""Export and import: everything, schema-versioned, byte-identical on round trip."""

from __future__ import annotations

import json

import pytest

from cairn.core.errors import Conflict, ImportFormatError
from cairn.core.model import Horizon, Metric
from cairn.services.app import Cairn
from cairn.store.transfer import personal_tables


def fill(c: Cairn) -> None:
    """Put a row in every foundation table, with awkward values (unicode, floats, nulls)."""
    c.profile.init("Zoë Ångström", "returning", 22.5)
    c.profile.add_area("Side projects ✨")
    c.profile.set_archived("community", archived=True)
    vision = c.goals.add("Work that matters", area="career", horizon=Horizon.VISION, why="Ü")
    goal = c.goals.add("Learn statistics", area="learning", horizon=Horizon.SHORT_TERM,
                       parent_id=vision.id, why="Curiosity",
                       metric=Metric("chapters", "ch", 0.0, 12.0, 0.1))
    c.goals.edit(goal.id, 'a reason, with "quotes"', metric_current=3.3333333333333335)
    ms = c.goals.add_milestone(goal.id, "Half way")
    c.goals.milestone_done(ms.id)
    first = c.tasks.add("Chapter 1", 1.25, goal_id=goal.id)
    c.tasks.add("Chapter 2", 0.1, milestone_id=ms.id, after=[first.id])
    c.tasks.set_status(first.id, c.tasks.get(first.id).status.__class__("done"))
    fill_assess(c, goal.id)


def fill_assess(c: Cairn, goal_id: int) -> None:
    """Assessment takes (finished and half-done), a loaded instrument, a goal linked to a job."""
    import datetime as dt

    from cairn.store import assess as assess_store

    inst = c.assess.instrument("values")
    c.assess.take(inst, {it.id: (i % 5) + 1 for i, it in enumerate(inst.items)})
    take, _ = c.assess.resume("values", inst.version)
    c.assess.answer(inst, take.id, "achievement1", 2)
    c.assess.answer(inst, take.id, "achievement2", None)
    c.assess.save_constraints({"min_income": 41234.5, "passions": [
        {"name": "Ölmalerei ✨", "hours": 2.5, "income": True}]})
    at = dt.datetime(2026, 1, 2, 3, 4, 5, 678901)
    with c.scope.write() as s:
        assess_store.save_instrument(s, "coach-q", "Coach's \"Q\"", "2.0", "x = 1\n", at)
        assess_store.link_goal(s, goal_id, "15-1252.00", at)


@pytest.fixture
def filled(cairn: Cairn) -> Cairn:
    fill(cairn)
    return cairn


FOUNDATION = {"profile", "area", "goal", "goal_change", "milestone", "task", "task_dependency"}


def test_every_foundation_table_has_rows_in_the_fixture(filled: Cairn, tmp_path):
    (tmp_path / "out.json").write_bytes(filled.data.export().content)
    tables = json.loads((tmp_path / "out.json").read_text())["tables"]
    assert {t.name for t in personal_tables()} >= FOUNDATION
    empty = sorted(name for name in FOUNDATION if not tables.get(name))
    assert empty == [], "extend fill() so every foundation table is round-tripped"


def test_export_import_export_is_byte_identical(filled: Cairn, tmp_path, postgres):
    first = tmp_path / "first.json"
    first.write_bytes(filled.data.export().content)
    for target_url in (f"sqlite:///{tmp_path / 'copy.db'}", postgres.new_database("copy")):
        copy = Cairn.open(target_url)
        try:
            copy.data.import_(first.read_bytes())
            second = tmp_path / "second.json"
            second.write_bytes(copy.data.export().content)
            assert second.read_bytes() == first.read_bytes(), target_url
            # the copy keeps working: ids continue after the imported ones
            assert copy.tasks.add("Chapter 3", 1).id == 3
        finally:
            copy.close()


def test_a_goal_moved_under_a_newer_goal_round_trips(person: Cairn, tmp_path, postgres):
    older = person.goals.add("Learn SQL", area="learning", horizon=Horizon.SHORT_TERM)
    vision = person.goals.add("Data work", area="career", horizon=Horizon.VISION)
    person.goals.edit(older.id, parent_id=vision.id)
    first = tmp_path / "first.json"
    first.write_bytes(person.data.export().content)
    copy = Cairn.open(postgres.new_database("reparent"))
    try:
        copy.data.import_(first.read_bytes())
        assert copy.goals.get(older.id).parent_id == vision.id
        second = tmp_path / "second.json"
        second.write_bytes(copy.data.export().content)
        assert second.read_bytes() == first.read_bytes()
    finally:
        copy.close()


def test_export_document_is_versioned_and_readable(filled: Cairn, tmp_path):
    path = tmp_path / "out.json"
    done = filled.data.export()
    counts = done.counts
    path.write_bytes(done.content)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["format"] == "cairn-export"
    assert isinstance(doc["schema_version"], int)
    assert counts["goal"] == 2 and counts["task"] == 2
    assert doc["tables"]["profile"][0]["name"] == "Zoë Ångström"


def test_import_refuses_a_database_that_holds_data(filled: Cairn, tmp_path):
    path = tmp_path / "out.json"
    path.write_bytes(filled.data.export().content)
    with pytest.raises(Conflict, match="already have data"):
        filled.data.import_(path.read_bytes())


@pytest.mark.parametrize(("content", "says"), [
    ("not json at all", "not JSON"),
    ('{"hello": "world"}', "not a Cairn export"),
    ('{"format": "cairn-export", "schema_version": 999, "tables": {}}', "newer Cairn"),
    ('{"format": "cairn-export", "schema_version": "1", "tables": {}}', "no valid schema"),
    ('{"format": "cairn-export", "schema_version": 1, "tables": {"goal": [{"id": "x"}]}}',
     "malformed row"),
])
def test_import_rejects_files_that_are_not_cairns(cli, tmp_path, content, says):
    path = tmp_path / "in.json"
    path.write_text(content)
    result = cli("import", str(path))
    assert result.exit_code == ImportFormatError.exit_code, result.stdout
    assert says in result.stderr


def test_import_of_a_missing_file(cli, tmp_path):
    result = cli("import", str(tmp_path / "nope.json"))
    assert result.exit_code != 0
    assert "There is no file" in result.stderr


def test_cli_round_trip(cli, tmp_path):
    cli("init", "--name", "Ada", "--stage", "exploring", "--hours", "0")
    cli("goal", "add", "Explore data jobs", "--why", "Curiosity")
    out = cli("export", str(tmp_path / "a.json"))
    assert out.exit_code == 0 and "Exported" in out.stdout
