"""The support network: contacts, follow-up cadence, interactions, feedback on goals."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from cairn.core.errors import Conflict, InvalidInput, NotFound
from cairn.core.model import Horizon
from cairn.core.support import Contact, ContactKind, Interaction, due_followups

MONDAY = dt.date(2026, 11, 23)


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(9, 0))


# -- pure core ---------------------------------------------------------------------


def test_followup_clock_starts_at_last_interaction_or_when_added():
    added = _at(MONDAY - dt.timedelta(weeks=5))
    contacts = [
        Contact(1, "Mentor met 5 weeks ago", ContactKind.MENTOR, cadence_weeks=4,
                created_at=added),
        Contact(2, "Peer met last week", ContactKind.PEER, cadence_weeks=4, created_at=added),
        Contact(3, "Coach never met, added 5 weeks ago", ContactKind.COACH, cadence_weeks=4,
                created_at=added),
        Contact(4, "No cadence", ContactKind.COMMUNITY, created_at=added),
        Contact(5, "Archived", ContactKind.MENTOR, cadence_weeks=1, created_at=added,
                archived=True),
    ]
    interactions = [
        Interaction(1, 1, _at(MONDAY - dt.timedelta(weeks=5)), "coffee"),
        Interaction(2, 2, _at(MONDAY - dt.timedelta(weeks=6)), "old"),
        Interaction(3, 2, _at(MONDAY - dt.timedelta(weeks=1)), "call"),
    ]
    due = due_followups(contacts, interactions, MONDAY)
    assert [(f.contact.id, f.days_overdue) for f in due] == [(1, 7), (3, 7)]
    assert due[0].last_contact == MONDAY - dt.timedelta(weeks=5)
    assert due[1].last_contact is None
    # Looking three weeks ahead brings in the peer met last week (due in 3 weeks).
    ahead = due_followups(contacts, interactions, MONDAY, within_days=21)
    assert [f.contact.id for f in ahead] == [1, 3, 2]
    assert ahead[2].days_overdue == -21


# -- services on both databases ------------------------------------------------------


def test_contact_lifecycle_and_due(person, frozen):
    s = person.support
    mentor = s.add("Sam Lee", ContactKind.MENTOR, helps_with="career moves", cadence_weeks=4)
    s.add("Data folks", ContactKind.COMMUNITY)
    assert [c.name for c in s.contacts()] == ["Sam Lee", "Data folks"]
    assert s.due_followups() == []
    frozen.shift(dt.timedelta(weeks=4))
    assert [f.contact.id for f in s.due_followups()] == [mentor.id]
    s.log(mentor.id, "Talked about the portfolio")
    assert s.due_followups() == []
    assert [i.note for i in s.interactions(mentor.id)] == ["Talked about the portfolio"]
    s.edit(mentor.id, archived=True)
    assert [c.name for c in s.contacts()] == ["Data folks"]
    assert len(s.contacts(include_archived=True)) == 2


def test_bad_contact_input_is_refused(person):
    with pytest.raises(InvalidInput):
        person.support.add("Sam", ContactKind.PEER, cadence_weeks=500)
    with pytest.raises(NotFound):
        person.support.log(99, "x")


def test_feedback_on_a_goal(person):
    goal = person.goals.add("Become a data analyst", area="career", horizon=Horizon.LONG_TERM)
    sam = person.support.add("Sam", ContactKind.MENTOR, cadence_weeks=4)
    request = person.support.ask(sam.id, goal.id, "Is my plan realistic?")
    assert not request.answered
    answered = person.support.record_feedback(request.id, "Yes; add a portfolio.")
    assert answered.feedback == "Yes; add a portfolio."
    stored = person.support.requests(goal_id=goal.id)
    assert [(r.question, r.feedback) for r in stored] == [("Is my plan realistic?",
                                                           "Yes; add a portfolio.")]
    # Asking and answering both count as touching base with the contact.
    assert len(person.support.interactions(sam.id)) == 2
    with pytest.raises(Conflict):
        person.support.record_feedback(request.id, "again")
    with pytest.raises(NotFound):
        person.support.ask(sam.id, 999, "?")


# -- CLI ------------------------------------------------------------------------------


def test_cli_contacts_feedback_shown_on_goal(cli):
    cli("init", "--name", "Ada", "--stage", "mid-career", "--hours", "38")
    cli("goal", "add", "Lead a team", "--area", "career", "--horizon", "long-term")
    added = cli("contact", "add", "Sam Lee", "--kind", "mentor", "--every", "4",
                "--helps", "leadership")
    assert added.exit_code == 0, added.stderr
    assert "follow up every 4 weeks" in added.stdout
    listed = json.loads(cli("contact", "list", "--json").stdout)
    assert listed[0]["name"] == "Sam Lee"
    assert listed[0]["cadence_weeks"] == 4
    assert cli("contact", "ask", "1", "1", "What should I do more of?").exit_code == 0
    assert cli("contact", "feedback", "1", "Delegate more.").exit_code == 0
    shown = cli("goal", "show", "1")
    assert "What should I do more of? -> Delegate more." in shown.stdout
    doc = json.loads(cli("goal", "show", "1", "--json").stdout)
    assert doc["feedback"][0]["feedback"] == "Delegate more."
    due = json.loads(cli("contact", "due", "--within", "28", "--json").stdout)
    assert [d["contact"]["name"] for d in due] == ["Sam Lee"]
    assert cli("contact", "due").stdout.strip() == "No follow-ups due."
    bad = cli("contact", "add", "X", "--kind", "boss")
    assert bad.exit_code == 3
    assert "mentor, coach, peer, community" in bad.stderr


def test_cli_edit_and_archive(cli):
    cli("init", "--name", "Ada", "--stage", "mid-career", "--hours", "38")
    cli("contact", "add", "Sam", "--kind", "peer")
    edited = cli("contact", "edit", "1", "--kind", "coach", "--every", "6", "--helps", "CV")
    assert edited.exit_code == 0, edited.stderr
    doc = json.loads(cli("contact", "show", "1", "--json").stdout)
    assert (doc["kind"], doc["cadence_weeks"], doc["helps_with"]) == ("coach", 6, "CV")
    assert cli("contact", "edit", "1", "--every", "0").exit_code == 0
    assert json.loads(cli("contact", "show", "1", "--json").stdout)["cadence_weeks"] is None
    assert cli("contact", "archive", "1").exit_code == 0
    assert json.loads(cli("contact", "list", "--json").stdout) == []
    assert len(json.loads(cli("contact", "list", "--all", "--json").stdout)) == 1
