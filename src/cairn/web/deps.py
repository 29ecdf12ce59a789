"""What a route gets from the process: the person's facade, built per request, and the
view cache.

Routes declare them as parameters: ``c: Person`` (a fresh
:class:`~cairn.services.app.Cairn` acting for the server's person; never shared between
requests) and ``views: Views``.
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


def web(request: Request) -> Web:
    """The process's state."""
    state: Web = request.app.state.web
    return state


def facade(request: Request) -> Cairn:
    """A facade acting for the server's person, for this request only."""
    w = web(request)
    return Cairn.for_person(w.db, w.person_id, person_settings=w.settings.person_settings)


def views(request: Request) -> ViewCache:
    """The process's cache of built pages."""
    return web(request).views


Person = Annotated[Cairn, Depends(facade)]
Views = Annotated[ViewCache, Depends(views)]
