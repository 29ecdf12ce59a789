"""Goal history in people's words: field names and values as a person reads them (the
command line's listings and the web's goal page).

The stored history (and ``--json``) keeps the internal names (``parent_id``,
``metric.unit``); listings show them through :func:`field` and :func:`value`.
"""

from __future__ import annotations

from collections.abc import Mapping

FIELDS = {
    "created": "created",
    "title": "title",
    "why": "why",
    "area_id": "life area",
    "horizon": "horizon",
    "parent_id": "part of",
    "deadline": "deadline",
    "priority": "priority",
    "status": "status",
    "metric.name": "metric",
    "metric.unit": "unit",
    "metric.baseline": "start value",
    "metric.target": "target",
    "metric.current": "current value",
    "milestone": "milestone added",
    "milestone.done": "milestone reached",
    "review": "review",
}


def field(name: str) -> str:
    """'parent_id' -> 'part of'; unknown names are shown as stored, dots as spaces."""
    return FIELDS.get(name, name.replace("_", " ").replace(".", " "))


def value(name: str, stored: str | None, areas: Mapping[int, str]) -> str:
    """A stored old or new value as a person reads it: '-' for nothing, area keys, goal #n."""
    if stored is None or stored == "":
        return "-"
    if name == "area_id" and stored.isdigit():
        return areas.get(int(stored), stored)
    if name == "parent_id" and stored.isdigit():
        return f"goal #{stored}"
    return stored
