"""How each action is written as a ``cairn`` command line.

Services and core say what a person can do next as an :class:`~cairn.core.actions.Action`
(a verb and its parameters). The command line shows it as a command, and JSON output
carries that command beside the action itself, so scripts keep their ``fix`` strings.
A parameter in braces is an argument; every other parameter becomes an option
(``deadline`` -> ``--deadline VALUE``, ``True`` -> a bare flag). A parameter left at None is
one the person still has to choose: it is written as its name in capitals (``GOAL_ID``);
one set to an :class:`~cairn.core.actions.Example` is written as its example, as it is.
"""

from __future__ import annotations

import re
import shlex

from cairn.core.actions import Action, Example, Hint, Param

COMMANDS: dict[str, str] = {
    "init": "cairn init",
    "status": "cairn status",
    "export": "cairn export {file}",
    "import": "cairn import {file}",
    "delete-all-data": "cairn delete-all-data",
    "db.upgrade": "cairn db upgrade",
    "admin.list": "cairn admin list",
    "admin.reset-token": "cairn admin reset-token {email}",
    "db.info": "cairn db info",
    "backup": "cairn backup",
    "restore": "cairn restore {file}",
    "area.add": "cairn area add {name}",
    "area.restore": "cairn area restore {area}",
    "area.list": "cairn area list",
    "goal.add": "cairn goal add {title}",
    "goal.list": "cairn goal list",
    "goal.show": "cairn goal show {goal_id}",
    "goal.edit": "cairn goal edit {goal_id}",
    "goal.pause": "cairn goal pause {goal_id}",
    "goal.tree": "cairn goal tree",
    "goal.check": "cairn goal check {goal_id}",
    "milestone.add": "cairn milestone add {goal_id} {title}",
    "task.list": "cairn task list",
    "task.add": "cairn task add {title}",
    "catalog.install": "cairn catalog install",
    "catalog.wages": "cairn catalog wages",
    "catalog.wages.load": "cairn catalog wages --from {file}",
    "explore.search": "cairn explore search {words}",
    "explore.show": "cairn explore show {code}",
    "explore.gap": "cairn explore gap {code}",
    "explore.match": "cairn explore match",
    "assess": "cairn assess {instrument}",
    "assess.list": "cairn assess list",
    "assess.load": "cairn assess load {file}",
    "assess.take": "cairn assess take {key}",
    "assess.history": "cairn assess history",
    "availability.add": "cairn availability add {days} {span}",
    "availability.list": "cairn availability list",
    "boundary.list": "cairn boundary list",
    "boundary.max-hours": "cairn boundary max-hours {hours}",
    "budget.list": "cairn budget list",
    "habit.list": "cairn habit list",
    "calendar.list": "cairn calendar list",
    "plan": "cairn plan",
    "plan.accept": "cairn plan accept",
    "log": "cairn log {duration} {area}",
    "checkin": "cairn checkin",
    "win": "cairn win {text}",
    "report": "cairn report",
    "rest.start": "cairn rest start",
    "rest.stop": "cairn rest stop",
    "review": "cairn review",
    "review.list": "cairn review list",
    "review.show": "cairn review show {review_id}",
    "contact.add": "cairn contact add {name}",
    "contact.list": "cairn contact list",
    "contact.show": "cairn contact show {contact_id}",
    "contact.log": "cairn contact log {contact_id} {note}",
    "contact.ask": "cairn contact ask {contact_id} {goal_id} {question}",
    "resource.list": "cairn resource list",
    "resource.add": "cairn resource add {title}",
    "resource.suggest": "cairn resource suggest",
    "resource.done": "cairn resource done {resource_id}",
    "guide": "cairn guide",
    "template.list": "cairn template list",
    "template.use": "cairn template use {name}",
}
ARGUMENT = re.compile(r"\{(\w+)\}")


def _word(value: Param, name: str) -> str:
    if value is None:
        return name.upper()
    if isinstance(value, Example):
        return value.text
    if isinstance(value, float):
        return f"{value:g}"
    text = str(value)
    return text if re.fullmatch(r"[\w@%+=:,./-]+", text) else shlex.quote(text)


def command_line(action: Action) -> str:
    """The action as a command a person can type."""
    template = COMMANDS.get(action.verb)
    if template is None:
        raise KeyError(f"no command line for the action {action.verb!r}: add it to COMMANDS")
    params = dict(action.params)
    used = set(ARGUMENT.findall(template))
    line = ARGUMENT.sub(lambda m: _word(params.get(m[1]), m[1]), template)
    for name, value in action.params:
        if name in used or value is False:
            continue
        option = "--" + name.replace("_", "-")
        line += f" {option}" if value is True else f" {option} {_word(value, name)}"
    return line


def quoted(action: Action) -> str:
    """The command in backticks, as messages write it."""
    return f"`{command_line(action)}`"


def hint_text(hint: Hint) -> str:
    """A hint's sentence with its action written as a command."""
    return hint.render(quoted)
