"""What a person can do next, as data: a verb naming a use case, with its parameters.

Errors, SMART findings, advice and page hints carry an :class:`Action` instead of a
command line. Each edge renders it: the command line as a ``cairn …`` command
(:mod:`cairn.commands`), the web as a link or a button to the page that carries it out.
A text that mentions the action says where with ``{action}``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Example:
    """A parameter the person still has to choose, with an example of it: the command line
    writes ``text`` as it is (``'in 6 months'``, ``N``); the web, like JSON, leaves it
    unset, as a parameter set to None (a link never fills a form with an example)."""

    text: str


Param = str | int | float | bool | Example | None
ActionWriter = Callable[["Action"], str]  # how an edge writes an action into a sentence


@dataclass(frozen=True, slots=True)
class Action:
    """A use case to run next (``verb``, e.g. ``goal.edit``) and what it needs; a parameter
    set to None is one the person still has to choose (a placeholder), and one set to an
    :class:`Example` is too, shown with an example on the command line."""

    verb: str
    params: tuple[tuple[str, Param], ...] = ()

    @classmethod
    def to(cls, verb: str, **params: Param) -> Action:
        """An action with keyword parameters, in the order given."""
        return cls(verb, tuple(params.items()))

    def get(self, name: str, default: Param = None) -> Param:
        """One parameter's value."""
        return dict(self.params).get(name, default)

    def as_json(self) -> dict[str, object]:
        """verb, params (a name -> value object; a parameter still to choose is null)."""
        return {"verb": self.verb, "params": {name: None if isinstance(value, Example) else value
                                              for name, value in self.params}}


@dataclass(frozen=True, slots=True)
class Hint:
    """Advice on what to do: a sentence that may name its action with ``{action}``."""

    text: str
    action: Action | None = None

    def render(self, write: ActionWriter) -> str:
        """The sentence with the action written the way an edge writes actions."""
        if self.action is None or "{action}" not in self.text:
            return self.text
        return self.text.replace("{action}", write(self.action))
