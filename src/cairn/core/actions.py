"""What a person can do next, as data: a verb naming a use case, with its parameters.

Errors, SMART findings, advice and page hints carry an :class:`Action` instead of a
command line. Each edge renders it: the command line as a ``cairn …`` command
(:mod:`cairn.commands`), the web as a link or a button to the page that carries it out.
A text that mentions the action says where with ``{action}``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

Param = str | int | float | bool | None
ActionWriter = Callable[["Action"], str]  # how an edge writes an action into a sentence


@dataclass(frozen=True, slots=True)
class Action:
    """A use case to run next (``verb``, e.g. ``goal.edit``) and what it needs; a parameter
    set to None is one the person still has to choose (a placeholder)."""

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
        """verb, params (a name -> value object)."""
        return {"verb": self.verb, "params": dict(self.params)}


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
