"""Validation rules for goals and tasks, returning every problem rather than the first."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Iterable, Mapping

from cairn.core.errors import Conflict, InvalidInput
from cairn.core.model import Horizon, Metric

MAX_ESTIMATE_HOURS = 2000.0  # about a working year: larger is a goal, not a task
MAX_TITLE_LENGTH = 200


def check_text(text: str, what: str = "text") -> str:
    """Return ``text``, or raise when it holds what no person types: a lone surrogate (bytes
    that were not UTF-8) or a control character other than tab and newline."""
    for char in text:
        code = ord(char)
        if 0xD800 <= code <= 0xDFFF:
            raise InvalidInput(f"The {what} is not valid text: it holds bytes that are not "
                               "UTF-8.", "Type it again, or save its source as UTF-8.")
        if (code < 0x20 and char not in "\t\n\r") or 0x7F <= code <= 0x9F:
            raise InvalidInput(f"The {what} holds a control character ({code:#04x}).",
                               "Remove it; terminals would act on it instead of showing it.")
    return text


def check_title(title: str, what: str = "title") -> str:
    """Return the stripped title, or raise when it is empty, too long, or not plain text."""
    cleaned = " ".join(check_text(title, what).split())
    if not cleaned:
        raise InvalidInput(f"The {what} is empty.", f"Give the {what} a few words.")
    if len(cleaned) > MAX_TITLE_LENGTH:
        raise InvalidInput(
            f"The {what} is {len(cleaned)} characters long (at most {MAX_TITLE_LENGTH}).",
            "Keep it short; put detail in the goal's why or a note.",
        )
    return cleaned


def check_number(value: float | None, what: str) -> float | None:
    """Return ``value`` (None passes), or raise when it is not a finite number (nan, inf)."""
    if value is not None and not math.isfinite(value):
        raise InvalidInput(f"The {what} {value!r} is not a number Cairn can count with.",
                           "Give a finite number, such as 12 or 0.5.")
    return value


def check_count(value: int, what: str, low: int, high: int) -> int:
    """Return ``value`` when it is a whole number from ``low`` to ``high``, else raise."""
    if not low <= value <= high:
        raise InvalidInput(f"{what} {value} is outside {low}-{high}.",
                           f"Give {what} from {low} to {high}.")
    return value


def check_range(value: float, what: str, low: float, high: float) -> float:
    """Return ``value`` when it is a number from ``low`` to ``high`` (nan is refused)."""
    if not low <= value <= high:
        raise InvalidInput(f"{what} {value:g} is outside {low:g}-{high:g}.",
                           f"Give {what} from {low:g} to {high:g}.")
    return value


def check_metric(metric: Metric) -> Metric:
    """The metric with its name checked; refuses a baseline, target or current that is
    not a finite number, naming every one at once."""
    bad = [f"{name} {value!r}" for name in ("baseline", "target", "current")
           if (value := getattr(metric, name)) is not None and not math.isfinite(value)]
    if bad:
        raise InvalidInput(f"The metric's {', '.join(bad)} is not a number Cairn can count "
                           "with.", "Give finite numbers, such as 12 or 0.5.")
    return dataclasses.replace(metric, name=check_title(metric.name, "metric name"))


def check_estimate(hours: float) -> float:
    """Return the estimate, or raise when it is not a positive, plausible number of hours."""
    if not hours > 0:
        raise InvalidInput(
            f"The estimate {hours:g} h is not positive.", "Give the hours as a number above 0."
        )
    if hours > MAX_ESTIMATE_HOURS:
        raise InvalidInput(
            f"The estimate {hours:g} h is more than {MAX_ESTIMATE_HOURS:g} h.",
            "Split the work into smaller tasks or make it a goal with milestones.",
        )
    return hours


def check_window(earliest_start: dt.date | None, due: dt.date | None) -> None:
    """Raise when a due date lies before the earliest start."""
    if earliest_start and due and due < earliest_start:
        raise InvalidInput(
            f"The due date {due} is before the earliest start {earliest_start}.",
            "Move the due date later or the start earlier.",
        )


def check_parent_horizon(child: Horizon, parent: Horizon) -> None:
    """A goal's parent must look at least as far ahead as the goal."""
    if parent.rank < child.rank:
        raise InvalidInput(
            f"A {child} goal cannot sit under a {parent} goal.",
            "Choose a parent with a longer horizon (vision > long-term > short-term).",
        )


def find_cycle(edges: Mapping[int, Iterable[int]], start: int) -> list[int] | None:
    """Return a path start -> ... -> start through ``edges`` if one exists, else None."""
    stack: list[tuple[int, list[int]]] = [(start, [start])]
    seen: set[int] = set()
    while stack:
        node, path = stack.pop()
        for nxt in edges.get(node, ()):
            if nxt == start:
                return [*path, start]
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, [*path, nxt]))
    return None


def check_no_cycle(edges: Mapping[int, Iterable[int]], start: int, what: str) -> None:
    """Raise :class:`Conflict` naming the loop when ``start`` reaches itself."""
    cycle = find_cycle(edges, start)
    if cycle:
        loop = " -> ".join(f"#{n}" for n in cycle)
        raise Conflict(
            f"That would make a loop of {what}: {loop}.",
            f"Remove one of the links so that no {what[:-1]} waits on itself.",
        )
