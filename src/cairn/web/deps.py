"""What a route gets from the process: the person's facade, built per request, and the
process's state (database, person, settings, view cache).

Routes declare them as parameters: ``c: Person`` (a fresh
:class:`~cairn.services.app.Cairn` acting for the request's person; never shared between
requests) and ``w: Server`` (for the view cache: ``w.views.view(w, name, build)``).

Single-person mode serves the process's one person. On a server for many people
(``cairn serve --multi-user``) both resolve the signed-in person from the session cookie
(``sessions.signed_in``: a missing or ended session is ``NotSignedIn``, and an unsafe
request without the session's anti-forgery token is refused), so every route that takes
them acts for that person only.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, Request

from cairn.services.app import Cairn
from cairn.store.db import Database
from cairn.web.cache import ViewCache
from cairn.web.settings import WebSettings

if TYPE_CHECKING:
    from cairn.services.accounts import Accounts
    from cairn.store.people import Person as StoredPerson


@dataclass
class Web:
    """What one server process holds: its database (one engine, pooled connections), the
    person it serves, its settings and its view cache; on a server for many people, its
    accounts (``person_id`` is then the signed-in person's, in a copy made per request,
    ``viewer`` tells that request's session apart in the view cache, and ``known`` is the
    person with their data version, read with the session: the view cache needs no query
    of its own)."""

    db: Database
    person_id: int
    settings: WebSettings
    views: ViewCache
    accounts: Accounts | None = None
    viewer: str = ""
    known: tuple[StoredPerson, int] | None = None


async def web(request: Request) -> Web:
    """The process's state (single-person mode: no input or output, so no trip to the
    thread pool), or a copy acting for the signed-in person."""
    state = _web(request)
    if state.accounts is None:
        return state
    from cairn.web.sessions import signed_in

    visit, csrf = await signed_in(request, state.accounts)
    return dataclasses.replace(state, person_id=visit.person.id, viewer=csrf,
                               known=(visit.person, visit.version))


def _web(request: Request) -> Web:
    state: Web = request.app.state.web
    return state


Server = Annotated[Web, Depends(web)]


def facade(w: Server) -> Cairn:
    """A facade acting for the request's person, for this request only."""
    return Cairn.for_person(w.db, w.person_id, person_settings=w.settings.person_settings)


Person = Annotated[Cairn, Depends(facade)]
