"""Review decisions as short lines, the same from a prompt, a flag or an answers file.

    pause 3 [reason]            resume 3 [reason]        done 3 [reason]
    drop 3 reason (required)    deadline 3 2027-06-30 [reason]
    target 3 12 [reason]        priority 3 high [reason]
    add AREA title of the goal  retake ASSESSMENT        note free text
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from cairn.core.errors import InvalidInput

GOAL_ID = re.compile(r"#?[0-9]{1,18}")  # ASCII digits: "²" is a digit to str.isdigit

GOAL_ACTIONS = ("pause", "resume", "done", "drop", "deadline", "target", "priority")
ACTIONS = (*GOAL_ACTIONS, "add", "retake", "note")
WITH_VALUE = ("deadline", "target", "priority")


@dataclass(frozen=True, slots=True)
class Decision:
    """One decision: an action, the goal it concerns, a value, and the reason given."""

    action: str
    goal_id: int | None = None
    value: str = ""
    reason: str = ""

    def describe(self) -> str:
        """The decision written back as a line."""
        parts = [self.action]
        if self.goal_id is not None:
            parts.append(str(self.goal_id))
        parts += [p for p in (self.value, self.reason) if p]
        return " ".join(parts)


def check_decision(d: Decision) -> Decision:
    """Return a decision made as data (a form's, the API's) when it has what its action
    needs, as :func:`parse_decision` requires of a line; else raise."""
    what = d.describe()
    if d.action not in ACTIONS:
        raise InvalidInput(f"'{d.action}' is not a decision.",
                           "Use one of: " + ", ".join(ACTIONS) + ".")
    if d.action in GOAL_ACTIONS and d.goal_id is None:
        raise InvalidInput(f"'{what}' needs a goal id.", "Say which goal it is about.")
    if d.action not in GOAL_ACTIONS and d.goal_id is not None:
        raise InvalidInput(f"'{what}' is about no goal.", "Leave out the goal id.")
    if (d.action in (*WITH_VALUE, "add", "retake")) and not d.value.strip():
        raise InvalidInput(f"'{what}' needs a value.",
                           "The date, the number, the priority, the area or the assessment.")
    if d.action in ("drop", "add", "note") and not d.reason.strip():
        raise InvalidInput(f"'{what}' needs words: {_WORDS[d.action]}.",
                           "Add them to the decision.")
    return d


_WORDS = {"drop": "why you drop the goal", "add": "the new goal's title",
          "note": "the note itself"}


def parse_decision(line: str) -> Decision:
    """Read one decision line; raises :class:`InvalidInput` with the accepted forms."""
    words = line.split()
    hint = ("Write e.g. 'pause 3', 'drop 4 no time', 'deadline 5 2027-03-01', 'target 2 10', "
            "'priority 2 high', 'add learning Learn SQL', 'retake interests' or 'note ...'.")
    if not words or words[0].lower() not in ACTIONS:
        raise InvalidInput(f"Cannot read the decision {line!r}.", hint)
    action, rest = words[0].lower(), words[1:]
    if action == "note":
        return Decision("note", reason=" ".join(rest))
    if action in ("add", "retake"):
        if len(rest) < (2 if action == "add" else 1):
            raise InvalidInput(f"'{action}' needs more: {line!r}.", hint)
        if action == "add":
            return Decision("add", value=rest[0], reason=" ".join(rest[1:]))
        return Decision("retake", value=rest[0], reason=" ".join(rest[1:]))
    if not rest or not GOAL_ID.fullmatch(rest[0]):
        raise InvalidInput(f"'{action}' needs a goal id: {line!r}.", hint)
    goal_id = int(rest[0].lstrip("#"))
    rest = rest[1:]
    value = ""
    if action in WITH_VALUE:
        if not rest:
            raise InvalidInput(f"'{action}' needs a value: {line!r}.", hint)
        value, rest = rest[0], rest[1:]
    reason = " ".join(rest)
    if action == "drop" and not reason:
        raise InvalidInput(f"Dropping goal #{goal_id} needs a reason.",
                           f"Write 'drop {goal_id} why you drop it'.")
    return Decision(action, goal_id, value, reason)


def parse_decisions(lines: Sequence[str]) -> list[Decision]:
    """Read every non-empty, non-comment line; raises once with every problem."""
    found: list[Decision] = []
    problems: list[str] = []
    for line in lines:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            found.append(parse_decision(line.strip()))
        except InvalidInput as err:
            problems.append(err.message)
    if problems:
        raise InvalidInput(" ".join(problems),
                           "Forms: pause|resume|done ID [reason]; drop ID reason; "
                           "deadline ID DATE; target ID N; priority ID LEVEL; "
                           "add AREA title; retake NAME; note text.")
    return found
