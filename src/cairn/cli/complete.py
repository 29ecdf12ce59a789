"""Shell completion of the things a command names: life areas, goal, task and contact ids,
occupation codes and instrument keys.

Install it with ``cairn --install-completion``. These functions run only while the
shell asks for completions (Typer's ``autocompletion``); they import the services
inside, so normal commands and ``cairn --help`` pay nothing for them. A database that
cannot be opened completes nothing rather than printing an error into the prompt.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from cairn.services.app import Cairn

Suggestions = list[tuple[str, str]]
MAX_SUGGESTIONS = 50


@contextmanager
def _facade(ctx: typer.Context) -> Iterator[Cairn | None]:
    """The facade on the database the command line names (--db, $CAIRN_DATABASE_URL)."""
    from cairn.core.errors import CairnError
    from cairn.services.app import Cairn

    url = ctx.find_root().params.get("db") or None
    try:
        app = Cairn.open(url)
    except CairnError:
        yield None
        return
    try:
        yield app
    finally:
        app.close()


def _pick(found: Suggestions, incomplete: str) -> Suggestions:
    """Suggestions whose value (or, for words, whose help) starts as typed."""
    typed = incomplete.lower()
    return [(v, h) for v, h in found
            if v.lower().startswith(typed) or (typed and h.lower().startswith(typed))
            ][:MAX_SUGGESTIONS]


def _completer(read: Callable[[Cairn], Suggestions]
               ) -> Callable[[typer.Context, str], Suggestions]:
    def complete(ctx: typer.Context, incomplete: str) -> Suggestions:
        from cairn.core.errors import CairnError

        with _facade(ctx) as c:
            if c is None:
                return []
            try:
                return _pick(read(c), incomplete)
            except CairnError:  # no profile or no catalog yet: nothing to offer
                return []

    return complete


areas = _completer(lambda c: [(a.key, a.name) for a in c.profile.areas()])
goals = _completer(lambda c: [(str(g.id), g.title) for g in c.goals.find()])
tasks = _completer(lambda c: [(str(t.id), t.title) for t in c.tasks.find()])
contacts = _completer(lambda c: [(str(x.id), x.name) for x in c.support.contacts()])
instruments = _completer(lambda c: list(c.assess.instruments()))
occupations = _completer(lambda c: [(o.code, o.title) for o in c.catalog.browse(limit=2000)])
