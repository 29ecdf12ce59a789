"""View models as JSON: what `--json` prints and what the web's API returns, from one shape.

A view model is a frozen dataclass whose field names are its JSON fields, in order (a
trailing underscore is dropped: a field ``from_`` is written ``from``, a name Python keeps).
:func:`to_json` writes it (and the records inside it) as JSON-ready values: enums as their
values, dates and times in ISO form, actions as ``{"verb", "params"}``, tuples and lists
as arrays, mappings as objects with text keys.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import math
from collections.abc import Mapping
from typing import TypeAlias, TypedDict

from cairn.core.actions import Action, Example

# JSON data as ``json.loads`` gives it and ``json.dumps`` takes it. Shapes that are a
# promise (``--json``, the API) have their own TypedDicts in the ``*views`` modules; this is
# for what is JSON by nature (an export's tables, a view model's fields as :func:`to_json`
# writes them, facts stored with a review).
JsonValue: TypeAlias = "str | int | float | bool | list[JsonValue] | dict[str, JsonValue] | None"
JsonObject: TypeAlias = dict[str, JsonValue]


class ActionJson(TypedDict):
    """An :class:`~cairn.core.actions.Action` as :func:`to_json` writes it."""

    verb: str
    params: dict[str, JsonValue]


def json_name(field: str) -> str:
    """A view model's field name as its JSON name: ``from_`` -> ``from``."""
    return field.removesuffix("_")


def to_json(value: object) -> JsonValue:  # noqa: PLR0911 - one return per kind of value
    """``value`` as JSON data (None, bool, int, float, str, list, dict)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, enum.Enum):
        return to_json(value.value)
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, Action):
        return {"verb": value.verb,  # a parameter still to choose (an Example) is null
                "params": {k: None if isinstance(v, Example) else to_json(v)
                           for k, v in value.params}}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {json_name(f.name): to_json(getattr(value, f.name))
                for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(to_json(k)) if not isinstance(k, str) else k: to_json(v)
                for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    raise TypeError(f"{type(value).__name__} is not a view model Cairn can write as JSON")


def object_json(value: object) -> JsonObject:
    """A view model (or a mapping) as a JSON object; anything else is a TypeError."""
    found = to_json(value)
    if not isinstance(found, dict):
        raise TypeError(f"{type(value).__name__} is not written as a JSON object")
    return found
