"""Features working together: follow-ups in status and the calendar, budgets in the wheel."""

from __future__ import annotations

import datetime as dt
import json

from icalendar import Calendar


def test_due_follow_ups_appear_in_status(person, cli, frozen):
    assert cli("contact", "add", "Sam Lee", "--kind", "mentor", "--every", "4").exit_code == 0
    assert json.loads(cli("status", "--json").stdout)["followups"] == []
    frozen.shift(dt.timedelta(weeks=5))
    status = json.loads(cli("status", "--json").stdout)
    assert [(f["name"], f["due"]) for f in status["followups"]] == [("Sam Lee", "2026-12-21")]
    assert "Follow up: Sam Lee" in cli("status").stdout


def test_budgets_set_for_the_plan_show_in_the_balance_wheel(person, cli):
    assert cli("budget", "set", "learning", "--floor", "3", "--cap", "6").exit_code == 0
    rows = {r["area"]: r for r in json.loads(cli("status", "--json").stdout)["balance"]}
    assert (rows["learning"]["floor"], rows["learning"]["cap"]) == (3.0, 6.0)
    assert rows["health"]["floor"] is None


def test_plan_export_carries_review_and_follow_up_reminders(person, cli, tmp_path):
    for step in (("availability", "settings", "--timezone", "UTC"),
                 ("availability", "add", "daily", "18:00-20:00"),
                 ("task", "add", "Update CV", "-e", "1"),
                 ("contact", "add", "Sam Lee", "--every", "2")):
        assert cli(*step).exit_code == 0, step
    assert cli("plan", "--seconds", "1").exit_code == 0
    out = tmp_path / "plan.ics"
    assert cli("plan", "export", str(out)).exit_code == 0
    events = {str(e["SUMMARY"]): e for e in Calendar.from_ical(out.read_bytes()).walk("VEVENT")}
    assert "Follow up with Sam Lee" in events
    assert "Cairn weekly review" in events
    assert events["Follow up with Sam Lee"].decoded("DTSTART").date() == dt.date(2026, 12, 7)
    again = tmp_path / "again.ics"
    cli("plan", "export", str(again))
    uids = sorted(str(e["UID"]) for e in Calendar.from_ical(out.read_bytes()).walk("VEVENT"))
    assert uids == sorted(str(e["UID"])
                          for e in Calendar.from_ical(again.read_bytes()).walk("VEVENT"))


def _advice_ids(cli) -> set[str]:
    result = cli("guide", "--json")
    assert result.exit_code == 0, result.stderr
    return {a["id"] for a in json.loads(result.stdout)}


def test_life_events_and_long_stressful_weeks_reach_guidance(person, cli, frozen):
    assert "obstacle.circumstances" not in _advice_ids(cli)
    assert "obstacle.pressure" not in _advice_ids(cli)
    assert cli("event", "add", "job-change", "New team lead").exit_code == 0
    assert "obstacle.circumstances" in _advice_ids(cli)
    for week, stress in enumerate((4, 6, 8, 9)):
        assert cli("checkin", "--energy", "5", "--stress", str(stress), "--hours",
                   "55").exit_code == 0
        if week < 3:
            frozen.shift(dt.timedelta(days=7))
    assert "obstacle.pressure" in _advice_ids(cli)


def test_report_shows_balance_wheel_logged_hours_time_plan_and_reviews(person, cli, tmp_path):
    for step in (("checkin", "--energy", "6", "--stress", "4", "--hours", "40",
                  "--satisfaction", "career=7", "--satisfaction", "health=5"),
                 ("log", "1h30", "learning", "read a chapter"),
                 ("budget", "set", "learning", "--floor", "3", "--cap", "6"),
                 ("availability", "settings", "--timezone", "UTC"),
                 ("availability", "add", "daily", "18:00-20:00"),
                 ("goal", "add", "Learn SQL", "--area", "learning", "--why", "Data"),
                 ("task", "add", "Tutorial", "-e", "2", "-g", "1"),
                 ("plan", "--seconds", "1"), ("plan", "accept")):
        assert cli(*step).exit_code == 0, (step, cli(*step).stderr)
    out = tmp_path / "report.md"
    assert cli("report", "--format", "md", "--output", str(out)).exit_code == 0
    text = out.read_text()
    wheel = text.split("## Balance wheel", 1)[1].split("\n## ", 1)[0]
    assert "| Career | 7 |" in wheel and "| Health | 5 |" in wheel
    hours = text.split("## Hours per area", 1)[1].split("\n## ", 1)[0]
    assert "| 2026-11-23 | Learning | 1.5 |" in hours
    plan = text.split("## Time plan against budgets", 1)[1].split("\n## ", 1)[0]
    assert "| Learning |" in plan and "| 3 |" in plan
    assert "weekly review" in text
