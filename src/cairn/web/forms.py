"""Forms: what a person typed, read field by field, with every problem shown beside its field.

A page's POST handler takes the posted fields (a ``Posted`` parameter), parses each one at the
edge with the core's parsers (:meth:`Form.parse`: an ``InvalidInput`` lands on that
field), and calls the service only when every field parsed. An ``InvalidInput`` the
service raises lands on the field it names (``err.field``), else above the form
(:meth:`Form.fail`). The page is then shown again with 422, the values as typed, and
nothing written; after success the handler redirects (303), so a reload posts nothing.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Annotated, TypeVar

from fastapi import Depends, Request
from markupsafe import Markup

from cairn.core.errors import CairnError, InvalidInput
from cairn.web.links import hint_html

T = TypeVar("T")
MAX_FIELD = 10_000  # characters: longer is not something a person typed


@dataclass(frozen=True, slots=True)
class FieldError:
    """What is wrong with one field, and how to fix it (HTML, its action a link)."""

    message: str
    hint: Markup


async def posted(request: Request) -> dict[str, str]:
    """The text fields of a posted form (files are left to pages that take uploads)."""
    form = await request.form()
    return {k: v for k, v in form.items() if isinstance(v, str)}


Posted = Annotated[dict[str, str], Depends(posted)]  # a route's parameter: the posted fields


@dataclass
class Form:
    """The values of one form as typed, and the problems found, by field."""

    values: Mapping[str, str] = field(default_factory=dict)
    errors: dict[str, FieldError] = field(default_factory=dict)
    problem: FieldError | None = None  # one that belongs to no field

    def text(self, name: str) -> str:
        """A field's text as typed ('' when absent)."""
        return self.values.get(name, "")

    def error(self, name: str, err: CairnError) -> None:
        """Put ``err`` beside the field ``name``."""
        self.errors[name] = FieldError(err.message, hint_html(err.hint, err.action))

    def parse(self, name: str, read: Callable[[str], T]) -> T | None:
        """The field read by ``read`` (a core parser); None, and the error beside the field,
        when it cannot be read."""
        raw = self.text(name)
        if len(raw) > MAX_FIELD:
            self.error(name, InvalidInput(f"This is {len(raw)} characters long.",
                                          "Keep it shorter."))
            return None
        try:
            return read(raw)
        except InvalidInput as err:
            self.error(name, err)
            return None

    def fail(self, err: CairnError) -> None:
        """A service's error: beside the field it names, else above the form."""
        if isinstance(err, InvalidInput) and err.field and err.field in self.values:
            self.error(err.field, err)
        else:
            self.problem = FieldError(err.message, hint_html(err.hint, err.action))

    @property
    def ok(self) -> bool:
        """True while no problem was found."""
        return not self.errors and self.problem is None


def number(what: str) -> Callable[[str], float]:
    """A parser of a finite number (for a form's field; the service checks its range)."""

    def read(text: str) -> float:
        try:
            value = float(text.strip().replace(",", "."))
        except ValueError:
            value = math.nan
        if not math.isfinite(value):
            raise InvalidInput(f"Cannot read {text!r} as a number.",
                               f"Give the {what} as a number, such as 38.")
        return value

    return read
