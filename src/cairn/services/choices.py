"""Reading enum choices that people type, with an error that lists the valid ones."""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from cairn.core.errors import InvalidInput

E = TypeVar("E", bound=StrEnum)


def parse_choice(kind: type[E], text: str, what: str) -> E:
    """Read ``text`` as a member of ``kind``; 'long term' and 'long_term' both work."""
    cleaned = text.strip().lower().replace(" ", "-").replace("_", "-")
    aliases = {"long": "long-term", "short": "short-term"}
    cleaned = aliases.get(cleaned, cleaned)
    for member in kind:
        if member.value == cleaned:
            return member
    choices = ", ".join(m.value for m in kind)
    raise InvalidInput(f"'{text}' is not a {what}.", f"Use one of: {choices}.")
