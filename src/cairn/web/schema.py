"""View models in the OpenAPI schema: each frozen dataclass of the services, described by a
pydantic model of the very same JSON shape.

The API writes a view model with :func:`cairn.services.viewmodel.to_json` (exactly what
``--json`` prints) and declares :func:`model_of` of its class as the response model, so
the schema documents the JSON the endpoint returns: field names as JSON names (``from_``
-> ``from``), enums by their values, actions as ``{verb, params}``, tuples as arrays, times
as ISO 8601 without an offset.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import operator
import types
import typing
from collections.abc import Mapping, Sequence
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, create_model

from cairn.core.actions import Action
from cairn.services.viewmodel import json_name

# Cairn writes times as ISO 8601 without an offset (stored times are UTC; a planned
# session's start and end are the person's local time), which JSON Schema's "date-time"
# (RFC 3339, offset required) does not allow: they are documented by their pattern.
LocalDateTime = Annotated[str, StringConstraints(
    pattern=r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?$"), Field(
    description="An ISO 8601 date and time without an offset: UTC for when something was "
                "stored, the person's local time for a planned session.")]


class ActionModel(BaseModel):
    """What to do next: a verb naming a use case, and its parameters (null: one the person
    still has to choose)."""

    model_config = ConfigDict(title="Action")

    verb: str
    params: dict[str, str | int | float | bool | None]


@functools.cache
def model_of(cls: type[Any]) -> type[BaseModel]:
    """The pydantic model describing the JSON of the view model class ``cls``."""
    hints = typing.get_type_hints(cls)
    fields: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        shape = _shape(hints[f.name])
        name = json_name(f.name)
        fields[f.name] = (shape, Field(alias=name)) if name != f.name else (shape, ...)
    doc = (cls.__doc__ or cls.__name__).strip()
    return create_model(cls.__name__, __doc__=doc,
                        __config__=ConfigDict(populate_by_name=True, title=cls.__name__),
                        **fields)


def _shape(tp: Any) -> Any:  # noqa: PLR0911 - one return per kind of type
    """The JSON shape of a view model field's type."""
    if tp is Action:
        return ActionModel
    if tp is dt.datetime:
        return LocalDateTime
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        return model_of(tp)
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (types.UnionType, typing.Union):
        return functools.reduce(operator.or_, (_shape(a) for a in args))
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return list[_shape(args[0])]  # type: ignore[misc]
    if origin in (list, tuple, Sequence):
        item = functools.reduce(operator.or_, (_shape(a) for a in args))
        return list[item]  # type: ignore[valid-type]
    if origin in (dict, Mapping):
        key, value = args[0], _shape(args[1])
        return dict[key, value]  # type: ignore[valid-type]
    return tp
