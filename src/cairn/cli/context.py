"""What every command shares: the database choice, opened once on first use."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import typer

from cairn import settings

if TYPE_CHECKING:
    from cairn.services.app import Cairn
    from cairn.services.listings import Listings


def machine_zone() -> str | None:
    """This machine's IANA time zone ($TZ or the system's), for a person who has none yet."""
    import tzlocal

    try:
        return tzlocal.get_localzone_name()
    except (LookupError, ValueError, OSError):  # no zone can be told: the person sets one
        return None


class State:
    """Per-invocation state: the --db option and the open facade."""

    def __init__(self, db_url: str | None) -> None:
        self.db_url = db_url
        self._cairn: Cairn | None = None
        self._listings: Listings | None = None

    def cairn(self, ctx: typer.Context) -> Cairn:
        """The services facade, opening (and migrating) the database the first time."""
        if self._cairn is None:
            from cairn.services.app import Cairn

            self._cairn = Cairn.open(self.db_url, person_id=settings.person_id(),
                                     zone=machine_zone(),
                                     person_settings=settings.person_settings())
            ctx.call_on_close(self._cairn.close)
        return self._cairn

    def listings(self, ctx: typer.Context) -> Listings:
        """Listings, read without the facade where the database allows (see
        ``services/listings.py``); the same settings are checked, in the same order."""
        if self._listings is None:
            from cairn.services.listings import open_listings

            person = settings.person_id()
            person_settings = settings.person_settings()  # a wrong value is refused here too
            self._listings = open_listings(settings.database_url(self.db_url), person,
                                           lambda: self.cairn(ctx), person_settings)
            ctx.call_on_close(self._listings.close)
        return self._listings


def _state(ctx: typer.Context) -> State:
    state = ctx.find_object(State)
    if state is None:  # a command invoked outside the main group, e.g. in tests
        state = State(None)
        ctx.obj = state
    return state


def cairn(ctx: typer.Context) -> Cairn:
    """The facade for this command."""
    return _state(ctx).cairn(ctx)


def listings(ctx: typer.Context) -> Listings:
    """The listings for this command (a listing's quick way to the data)."""
    return _state(ctx).listings(ctx)


def today(ctx: typer.Context) -> dt.date:
    """Today where the person is (relative dates people type count from it)."""
    return cairn(ctx).scope.today()
