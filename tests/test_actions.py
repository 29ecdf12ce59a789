"""Actions as data, written by each edge; view models written as JSON."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from cairn.commands import COMMANDS, command_line, hint_text, quoted
from cairn.core.actions import Action, Hint
from cairn.core.errors import NotReady
from cairn.core.model import Horizon
from cairn.services.viewmodel import to_json


def test_an_action_is_written_as_the_command_that_does_it():
    assert command_line(Action.to("init")) == "cairn init"
    assert command_line(Action.to("goal.edit", goal_id=3, deadline="in 6 months",
                                  reason="why it moved")) == (
        "cairn goal edit 3 --deadline 'in 6 months' --reason 'why it moved'")
    assert command_line(Action.to("goal.pause", goal_id=None, reason="not now")) == (
        "cairn goal pause GOAL_ID --reason 'not now'")
    assert command_line(Action.to("explore.gap", code="15-1252.00", make_goal=True,
                                  knowledge=False)) == "cairn explore gap 15-1252.00 --make-goal"
    assert command_line(Action.to("goal.edit", goal_id=2, target=12.0)) == (
        "cairn goal edit 2 --target 12")


def test_every_verb_has_a_command_and_unknown_verbs_are_refused():
    for verb, template in COMMANDS.items():
        assert template.startswith("cairn ")
        assert command_line(Action(verb)).startswith("cairn ")
    with pytest.raises(KeyError, match="no command line"):
        command_line(Action.to("no.such.thing"))


def test_hints_and_errors_name_their_action_where_the_text_says():
    hint = Hint("See the ids with {action}.", Action.to("goal.list"))
    assert hint_text(hint) == "See the ids with `cairn goal list`."
    assert hint.render(lambda a: f"<a href='/{a.verb}'>your goals</a>") == (
        "See the ids with <a href='/goal.list'>your goals</a>.")
    err = NotReady("There is no profile yet.", "Run {action} first.", Action.to("init"))
    assert err.fix(quoted) == "Run `cairn init` first."
    assert str(err) == "There is no profile yet.\nRun `cairn init` first."
    assert NotReady("No plan.", "Plan first.").fix(quoted) == "Plan first."


@dataclasses.dataclass(frozen=True)
class _Inner:
    when: dt.date
    horizon: Horizon


@dataclasses.dataclass(frozen=True)
class _Page:
    title: str
    inner: _Inner
    items: tuple[int, ...]
    scores: dict[int, float]
    next: Action | None
    missing: float = float("nan")


def test_view_models_are_written_as_json_in_field_order():
    page = _Page("Goals", _Inner(dt.date(2027, 1, 2), Horizon.LONG_TERM), (1, 2), {3: 0.5},
                 Action.to("goal.show", goal_id=3))
    data = to_json(page)
    assert list(data) == ["title", "inner", "items", "scores", "next", "missing"]
    assert data == {"title": "Goals", "inner": {"when": "2027-01-02", "horizon": "long-term"},
                    "items": [1, 2], "scores": {"3": 0.5},
                    "next": {"verb": "goal.show", "params": {"goal_id": 3}}, "missing": None}
    assert json.loads(json.dumps(data)) == data
    with pytest.raises(TypeError, match="object"):
        to_json(object())
