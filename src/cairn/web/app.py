"""The web app: :func:`create_app` builds it for one process; uvicorn's workers call
:func:`factory`.

One process opens one :class:`~cairn.store.db.Database` (its engine pools connections)
and resolves the person it serves once, at start (single-person mode: the database's
local person, created on first use). Each request gets its own facade
(``deps.Person``). Pages live in ``pages/``, the REST API under ``/api/v1`` in ``api/``;
errors are translated once (``errors.py``).
"""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from fastapi import APIRouter, Depends, FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.routing import BaseRoute

from cairn import __version__
from cairn import settings as cairn_settings
from cairn.services.accounts import Accounts, refuse_sqlite
from cairn.services.people import local_person
from cairn.store.db import Database
from cairn.web import errors, sessions
from cairn.web.api import openapi
from cairn.web.cache import ViewCache
from cairn.web.deps import Web
from cairn.web.guard import Guard
from cairn.web.settings import WebSettings
from cairn.web.templating import STATIC

if TYPE_CHECKING:
    from cairn.services.mail import Mailer

THREADS = 15  # SQLAlchemy's default pool: 5 connections and 10 more when busy

DESCRIPTION = """Cairn's REST API: the same use cases as the command line, for one person.

Responses are the view models that `cairn ... --json` prints, field for field. Errors are
RFC 9457 problem details (`application/problem+json`) with Cairn's `hint` (how to fix it)
and `action` (what to do next, as data)."""


def create_app(settings: WebSettings | None = None) -> FastAPI:
    """The app for one process: opens (and migrates) the database and finds its person."""
    settings = settings or WebSettings.from_env()
    url = cairn_settings.database_url(settings.database_url)
    if settings.multi_user:
        refuse_sqlite(url)
    db = Database(url, server=True)
    accounts = None
    try:
        if settings.multi_user:
            person_id = 0  # each request's is the signed-in person's (deps.web)
            accounts = Accounts(db, settings.account_policy, settings.password_hasher,
                                zone=settings.zone, mailer=_mailer(settings))
        else:
            person_id = local_person(db, settings.person_id, settings.zone).id
    except BaseException:
        db.close()
        raise

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        import anyio.to_thread

        # A route runs in a worker thread holding at most one connection at a time: no
        # more threads than the engine pools connections, so none waits for one.
        anyio.to_thread.current_default_thread_limiter().total_tokens = THREADS
        yield
        db.close()

    app = FastAPI(title="Cairn", version=__version__, description=DESCRIPTION,
                  openapi_url="/api/openapi.json", docs_url=None, redoc_url=None,
                  lifespan=lifespan)
    app.state.web = Web(db, person_id, settings, ViewCache(enabled=settings.cache_views),
                        accounts)
    app.openapi = functools.partial(openapi, app)  # type: ignore[method-assign]
    errors.install(app)
    sessions.install(app)
    app.add_middleware(Guard, allowed_hosts=settings.allowed_hosts)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    _routes(app)
    return app


def _mailer(settings: WebSettings) -> Mailer | None:
    """The mail server's sender, when there is one (imported only then)."""
    if settings.mail is None:
        return None
    from cairn.services.mail import Mailer

    return Mailer(settings.mail)


def routers() -> list[APIRouter]:
    """Every page's and API area's router, in the order they are matched. Add yours here,
    one module per line (each area's lines together: merges stay simple)."""
    from cairn.web.api import explore as explore_api
    from cairn.web.api import goals, status
    from cairn.web.api import guide as guide_api
    from cairn.web.api import library as library_api
    from cairn.web.api import network as network_api
    from cairn.web.api import plan as plan_api
    from cairn.web.api import tasks as api_tasks
    from cairn.web.api import track as track_api
    from cairn.web.pages import (
        accounts,
        assess,
        checkin,
        data,
        explore,
        guide,
        library,
        network,
        onboarding,
        placeholders,
        plan,
        reports,
        review,
        settings,
        sharing,
        system,
        today,
    )
    from cairn.web.pages import goals as goal_pages

    return [m.router for m in (
        system,
        today,
        onboarding,
        placeholders,
        status,
        goals,
        # web-explore: assessments, the catalog, occupations, matches, gaps
        assess,
        explore,
        explore_api,
        # web-track: check-in, review, reports, your data
        checkin,
        review,
        reports,
        data,
        track_api,
        # web-support: network, library, guide and templates
        network,
        library,
        guide,
        network_api,
        library_api,
        guide_api,
        # web-goals: the goal tree, a goal, the timeline, tasks
        goal_pages,
        api_tasks,
        # web-plan: the week plan, calendars, settings
        plan,
        settings,
        plan_api,
        # accounts: sign-up, sign-in, the account, sharing with a mentor
        accounts,
        sharing,
    )]


def _routes(app: FastAPI) -> None:
    """Give the app every route (see :func:`_included`)."""
    app.router.routes.extend(_included())


@functools.cache
def _included() -> tuple[BaseRoute, ...]:
    """Every router, included once per process; on a server for many people every route but
    the public ones (system pages, signing in and up) needs a session, even one that reads
    nothing of the person's (a blank form): ``deps.web`` refuses a request without one.

    FastAPI works out an included route's parameters (a pydantic model each) on its first
    request, for each inclusion: included once, every app of the process shares that work
    (5 to 60 ms on the first request of each page). Nothing in them belongs to one app: the
    app's state, middleware and error handlers are found through the request."""
    from cairn.web.deps import web
    from cairn.web.pages import accounts, system

    public = {id(system.router), id(accounts.router)}
    holder = APIRouter()
    for router in routers():
        needs = [] if id(router) in public else [Depends(web)]
        holder.include_router(router, dependencies=needs)
    return tuple(holder.routes)


def factory() -> FastAPI:
    """The app with its settings from the environment (what ``cairn serve`` starts in each
    worker: ``uvicorn cairn.web.app:factory --factory``)."""
    return create_app(WebSettings.from_env())
