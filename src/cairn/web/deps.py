"""What a route gets from the process: the person's facade, built per request, and the
process's state (database, person, settings, view cache).

Routes declare them as parameters: ``c: Person`` (a fresh
:class:`~cairn.services.app.Cairn` acting for the server's person; never shared between
requests) and ``w: Server`` (for the view cache: ``w.views.view(w, name, build)``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from cairn.services.app import Cairn
from cairn.store.db import Database
from cairn.web.cache import ViewCache
from cairn.web.settings import WebSettings


@dataclass
class Web:
    """What one server process holds: its database (one engine, pooled connections), the
    person it serves, its settings and its view cache."""

    db: Database
    person_id: int
    settings: WebSettings
    views: ViewCache


async def web(request: Request) -> Web:
    """The process's state (async: no input or output, so no trip to the thread pool)."""
    return _web(request)


def _web(request: Request) -> Web:
    state: Web = request.app.state.web
    return state


def facade(request: Request) -> Cairn:
    """A facade acting for the server's person, for this request only."""
    w = _web(request)
    return Cairn.for_person(w.db, w.person_id, person_settings=w.settings.person_settings)


Person = Annotated[Cairn, Depends(facade)]
Server = Annotated[Web, Depends(web)]
