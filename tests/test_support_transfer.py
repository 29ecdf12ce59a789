"""Export/import keeps support, library and evidence rows byte for byte; delete-all-data."""

from __future__ import annotations

import datetime as dt
import json

from cairn.core.model import Horizon
from cairn.core.resources import ResourceKind
from cairn.core.support import ContactKind
from cairn.services.app import Cairn

MY_TABLES = ("contact", "contact_interaction", "feedback_request", "resource",
             "resource_skill", "resource_goal", "resource_area", "skill_evidence")


def _fill(c: Cairn) -> None:
    goal = c.goals.add("Become a data analyst", area="career", horizon=Horizon.LONG_TERM,
                       deadline=dt.date(2027, 6, 1))
    sam = c.support.add("Sam Lee", ContactKind.MENTOR, helps_with="career moves",
                        reach="sam@example.org", cadence_weeks=4)
    c.support.add("Analysts' meetup", ContactKind.COMMUNITY)
    c.support.log(sam.id, "Coffee ☕ and a long talk")
    request = c.support.ask(sam.id, goal.id, "Is my plan realistic?")
    c.support.record_feedback(request.id, "Yes, with a portfolio.")
    c.support.ask(sam.id, goal.id, "Which course first?")
    course = c.resources.add("SQL for analysts", ResourceKind.COURSE, url="https://example.org",
                             skills=["2.B.3.e", "2.A.1.e"], goal_ids=[goal.id],
                             areas=["learning"])
    c.resources.add("Planner", ResourceKind.TOOL, note="for the weekly plan")
    c.resources.done(course.id)
    c.guide.use_template("explore-field", dt.date(2026, 12, 1))


def test_round_trip_is_byte_identical(person, tmp_path):
    _fill(person)
    first = tmp_path / "first.json"
    first.write_bytes(person.data.export().content)
    tables = json.loads(first.read_text(encoding="utf-8"))["tables"]
    assert all(tables[name] for name in MY_TABLES), [n for n in MY_TABLES if not tables[n]]
    other = Cairn.open(f"sqlite:///{tmp_path / 'other.db'}")
    try:
        other.data.import_(first.read_bytes())
        second = tmp_path / "second.json"
        second.write_bytes(other.data.export().content)
        assert second.read_bytes() == first.read_bytes()
        assert [r.feedback for r in other.support.requests()] == ["Yes, with a portfolio.", None]
    finally:
        other.close()


def test_delete_all_data_asks_then_removes_every_row(person, cli, tmp_path):
    _fill(person)
    refused = cli("delete-all-data", input="no\n")
    assert refused.exit_code == 1
    assert "Nothing was deleted." in refused.stdout
    assert person.support.contacts()
    confirmed = cli("delete-all-data", input="delete\n")
    assert confirmed.exit_code == 0, confirmed.stderr
    assert "contact 2" in confirmed.stdout
    dump = tmp_path / "after.json"
    dump.write_bytes(person.data.export().content)
    assert all(rows == [] for rows in json.loads(dump.read_text())["tables"].values())
    assert cli("delete-all-data", "--yes").stdout.startswith("Deleted 0 rows")


def test_readme_documents_every_command_of_this_feature():
    from pathlib import Path

    from typer.main import get_group

    from cairn.cli.main import app

    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    root = get_group(app)
    names = ["guide", "report", "delete-all-data"]
    for group in ("contact", "resource", "template"):
        sub = root.commands[group]
        names += [f"{group} {name}" for name in sub.commands]  # type: ignore[attr-defined]
    missing = [n for n in names if f"`cairn {n}" not in readme]
    assert missing == []
