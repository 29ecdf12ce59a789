"""One person who uses every feature: every personal table has rows, and export, import and
export again give the same bytes, from either backend to SQLite and to PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from cairn.services.app import Cairn
from cairn.store.transfer import personal_tables
from test_support_transfer import _fill as fill_support
from test_transfer import fill as fill_foundation

FROZEN_AT_NAIVE = dt.datetime(2026, 11, 23, 10, 0)
CALENDARS = Path(__file__).parent / "fixtures" / "calendars"
WEEK5 = Path(__file__).parent / "fixtures" / "instruments" / "week5.toml"


def fill_everything(c: Cairn, cli) -> None:
    fill_foundation(c)
    fill_support(c)
    steps = [
        ("availability", "settings", "--timezone", "Europe/Berlin", "--session-max", "90"),
        ("availability", "add", "mon-fri", "18:00-21:00"),
        ("availability", "add", "weekdays", "09:00-17:00", "--work"),
        ("boundary", "max-hours", "45"),
        ("budget", "set", "health", "--floor", "1", "--cap", "4"),
        ("habit", "add", "exercise", "-a", "health", "-n", "2", "-m", "45"),
        ("calendar", "import", str(CALENDARS / "work.ics")),
        ("task", "add", "Far too much", "-e", "40", "-d", "2026-11-27"),
        ("plan", "--seconds", "1"),
        ("plan", "accept"),
        ("plan", "--seconds", "1"),  # a draft beside the accepted plan
        ("log", "45m", "-", "--habit", "1"),
        ("log", "1h30", "learning", "--task", "1", "chapter one"),
        ("win", "Finished chapter one"),
        ("checkin", "--energy", "6", "--stress", "4", "--hours", "41.5",
         "--satisfaction", "career=7"),
        ("checkin", "--instrument", str(WEEK5), "--answer", "w1=1", "--answer", "w2=2",
         "--answer", "w3=3", "--answer", "w4=4", "--answer", "w5=5"),
        ("event", "add", "new-interest", "Pottery"),
        ("rest", "start", "--reason", "holiday", "--from", "2026-12-24", "--until", "2027-01-02"),
        ("review", "--kind", "weekly", "--decide", "note steady"),
    ]
    for step in steps:
        done = cli(*step)
        assert done.exit_code == 0, (step, done.stderr)


def test_every_table_of_every_feature_round_trips(cairn: Cairn, cli, tmp_path, postgres):
    fill_everything(cairn, cli)
    from cairn.store.sharing import add_comment, add_suggestion  # a mentor's (sharing)

    with cairn.db.session(cairn.scope.person_id, write=True) as s:
        add_comment(s, 1, "sam@example.org", "Start with one report.", FROZEN_AT_NAIVE)
        add_suggestion(s, "sam@example.org", "Mentor a junior", "Growth", FROZEN_AT_NAIVE)
    from cairn.services.calendar_feed import new_token  # the plan's subscription address

    new_token(cairn)
    first = tmp_path / "first.json"
    first.write_bytes(cairn.data.export().content)
    tables = json.loads(first.read_text(encoding="utf-8"))["tables"]
    # instrument_result only holds results kept before questionnaires became takes
    empty = [t.name for t in personal_tables() if not tables[t.name]]
    assert empty == ["instrument_result"]
    for target in (f"sqlite:///{tmp_path / 'copy.db'}", postgres.new_database("everything")):
        copy = Cairn.open(target)
        try:
            copy.data.import_(first.read_bytes())
            second = tmp_path / "second.json"
            second.write_bytes(copy.data.export().content)
            assert second.read_bytes() == first.read_bytes(), target
        finally:
            copy.close()
