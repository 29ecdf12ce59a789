"""Command groups with a default sub-command: ``cairn win "text"`` means ``cairn win add``."""

from __future__ import annotations

from typing import Any

from typer import _click
from typer.core import TyperGroup


def default_group(command: str, *, when_empty: bool = False) -> type[TyperGroup]:
    """A group class that runs ``command`` when the first word names no sub-command.

    With ``when_empty`` the bare group runs it too (``cairn checkin`` asks the
    questions); otherwise the bare group shows its help.
    """

    class DefaultGroup(TyperGroup):
        def parse_args(self, ctx: _click.Context, args: list[str]) -> Any:
            help_flags = ("-h", "--help")
            if args and args[0] not in self.commands and args[0] not in help_flags:
                args = [command, *args]
            elif not args and when_empty:
                args = [command]
            return super().parse_args(ctx, args)

    return DefaultGroup
