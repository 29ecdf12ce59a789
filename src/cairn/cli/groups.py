"""Command groups: whole summaries in help; a default sub-command (``cairn win "x"``)."""

from __future__ import annotations

from typing import Any

from typer import _click
from typer.core import TyperGroup

SHORT_HELP_LIMIT = 300  # a command's first sentence, wrapped, never cut at the line's end


class HelpGroup(TyperGroup):
    """A group whose help lists each sub-command with its first sentence whole."""

    def format_commands(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        """List the sub-commands with each one's first sentence, wrapped to the width.

        Click cuts a summary to what fits on one line ("Create your profile (and the
        eight default life..."); a wrapped sentence reads better at 80 columns.
        """
        rows = []
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is not None and not cmd.hidden:
                rows.append((name, cmd.get_short_help_str(SHORT_HELP_LIMIT)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def default_group(command: str, *, when_empty: bool = False) -> type[TyperGroup]:
    """A group class that runs ``command`` when the first word names no sub-command.

    With ``when_empty`` the bare group runs it too (``cairn checkin`` asks the
    questions); otherwise the bare group shows its help.
    """

    class DefaultGroup(HelpGroup):
        def parse_args(self, ctx: _click.Context, args: list[str]) -> Any:
            help_flags = ("-h", "--help")
            if args and args[0] not in self.commands and args[0] not in help_flags:
                args = [command, *args]
            elif not args and when_empty:
                args = [command]
            return super().parse_args(ctx, args)

    return DefaultGroup
