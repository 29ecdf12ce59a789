"""A realistic week through the CLI: evenings after work, no career or learning work after
19:00, a learning cap. The figures the plan reports are checked against a hand count."""

from __future__ import annotations

import json

import pytest


@pytest.fixture
def evenings(cli):
    """Weekday evenings 17:30-21:30 (career and learning only until 19:00, so 1.5 h an
    evening), learning capped at 3 h a week; a learning goal and a career goal."""
    steps = [
        ("init", "--name", "Sam", "--stage", "mid-career", "--hours", "40"),
        ("availability", "settings", "--timezone", "Europe/London"),
        ("availability", "add", "mon-fri", "17:30-21:30"),
        ("boundary", "cutoff", "--after", "19:00", "-a", "career", "-a", "learning"),
        ("budget", "set", "learning", "--cap", "3"),
        ("goal", "add", "Finish the data course", "-a", "learning", "-d", "2026-12-13",
         "-p", "high"),
        ("goal", "add", "Find a new job", "-a", "career", "-d", "2026-12-13"),
        ("task", "add", "Course module 1", "-e", "2", "-g", "1", "-d", "2026-11-29"),
        ("task", "add", "Course module 2", "-e", "3", "-g", "1", "-d", "2026-12-06"),
        ("task", "add", "Course project", "-e", "2.5", "-g", "1", "-d", "2026-12-13"),
        ("task", "add", "Update CV", "-e", "3", "-g", "2", "-d", "2026-11-27"),
        ("task", "add", "Prepare the talk", "-e", "4", "-g", "2", "-d", "2026-12-04"),
        ("task", "add", "Cover letters", "-e", "5", "-g", "2", "-d", "2026-12-11"),
        ("task", "add", "Portfolio site", "-e", "8", "-g", "2", "-d", "2026-12-13"),
        ("task", "add", "Networking emails", "-e", "3", "-g", "2", "-d", "2026-12-09"),
    ]
    for step in steps:
        result = cli(*step)
        assert result.exit_code == 0, (step, result.stderr)
    return cli


def _plan(cli, *args: str) -> dict:
    result = cli("plan", "--json", "--seconds", "2", "--weeks", "3", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_the_realistic_week_misses_only_what_cannot_fit(evenings):
    evenings("availability", "settings", "--session-max", "60")
    doc = _plan(evenings)
    print(doc["missing_hours"], [(s["title"], s["missing_hours"]) for s in doc["shortfalls"]])
    print([t["description"] for t in doc["trade_offs"]])
    assert 0
