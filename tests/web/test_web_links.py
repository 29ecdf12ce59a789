"""Actions on pages: a link to the page that does it, or the command text until one does;
every page address in ``links.PAGES`` is served."""

from __future__ import annotations

import pytest
from markupsafe import Markup

from cairn.commands import COMMANDS
from cairn.core.actions import Action
from cairn.web import links
from cairn.web.app import routers


def test_an_action_with_a_page_is_a_link():
    assert links.href(Action.to("init")) == "/onboarding"
    assert links.link(Action.to("init")) == Markup('<a href="/onboarding">the profile form</a>')
    assert links.link(Action.to("status"), "your day") == Markup('<a href="/today">your day</a>')


def test_an_action_without_a_page_is_its_command(monkeypatch: pytest.MonkeyPatch):
    assert links.href(Action.to("task.add", title="Write")) is None
    assert links.link(Action.to("task.add", title="Write")) == Markup(
        "<code>cairn task add Write</code>")
    assert links.link(Action.to("no.such.verb")) == Markup("<code>no.such.verb</code>")


def test_parameters_fill_the_address_and_the_form(monkeypatch: pytest.MonkeyPatch):
    pages = {**links.PAGES, "goal.edit": links.Page("/goals/{goal_id}/edit", "edit it")}
    monkeypatch.setattr(links, "PAGES", pages)
    action = Action.to("goal.edit", goal_id=3, deadline="2027-01-31", title=None, urgent=True)
    assert links.href(action) == "/goals/3/edit?deadline=2027-01-31&urgent=1"
    assert links.href(Action.to("goal.edit", goal_id=None)) is None  # still to be chosen
    assert links.href(Action.to("goal.edit", goal_id="a/b")) == "/goals/a%2Fb/edit"


def test_a_hint_reads_as_a_sentence_with_its_link_and_escaped_text():
    assert links.hint_html("Run {action} first.", Action.to("init")) == Markup(
        'Run <a href="/onboarding">the profile form</a> first.')
    assert links.hint_html("Use `cairn goal list` <now>.") == Markup(
        "Use <code>cairn goal list</code> &lt;now&gt;.")
    assert links.hint_html(None) == Markup("")


def test_every_verb_with_a_page_is_a_known_action_and_its_page_exists():
    served = {r.path for router in routers() for r in router.routes
              if "GET" in getattr(r, "methods", ())}
    for verb, page in links.PAGES.items():
        assert verb in COMMANDS, verb
        assert page.path.split("?")[0] in served, page.path
