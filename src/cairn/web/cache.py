"""Pages kept while the person's data is unchanged: a per-process cache of built views.

The Today page reads three years of check-ins and time logs and costs tens of
milliseconds of CPU to build. It depends only on the person's data, their today and the
process's settings, so a built view (a view model, or a page's finished HTML) is kept
under ``(name, person, data version, joined, today)``. Every write transaction of the
person counts a new data version (``store/people.py``), so the next request after any
change builds the view afresh, in every worker.

A request that finds its view costs one small query (the person's row: version, time
zone, when they joined; on a server for many people it comes with the session's own
query, so none) and no facade; one that does not builds a facade from that row.
The version is read before the view is built, so a kept view is never older than its key.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any, TypeVar

from cairn.services.people import data_version, person_zone
from cairn.services.scope import Scope

if TYPE_CHECKING:
    from cairn.services.app import Cairn
    from cairn.store.people import Person
    from cairn.web.deps import Web

T = TypeVar("T")
MISSING = object()  # what :meth:`ViewCache.kept` answers for a view it does not keep


class _Build:
    """A view being built by one request; others asking for it meanwhile wait for it."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.value: Any = None
        self.failed = False


class ViewCache:
    """A small least-recently-used store of built views, safe across threads.

    A view is built once however many requests ask for it at the same time: the first
    builds it, the others wait for that build (and build it themselves only if it failed).
    Under load, when a worker starts or a person's data changes, the requests for one view
    would otherwise each build it, slowing one another down."""

    def __init__(self, size: int = 512, *, enabled: bool = True) -> None:
        self.size = size
        self.enabled = enabled
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._building: dict[Hashable, _Build] = {}
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def kept(self, web: Web, name: str) -> object:
        """The view ``name`` when it is kept and the request already knows the person's
        data version (a server for many people reads it with the session), else
        :data:`MISSING`: no input or output, so a route may ask it on the event loop and
        go to a thread only to :meth:`view` what is missing."""
        if not self.enabled or web.known is None:
            return MISSING
        person, version = web.known
        key = self._key(web, name, person, version, self._scope(web, person))
        with self._lock:
            if key not in self._items:
                return MISSING
            self._items.move_to_end(key)
            self.hits += 1
            return self._items[key]

    def view(self, web: Web, name: str, build: Callable[[Cairn], T]) -> T:
        """The view ``name`` of the server's person: kept, or built by ``build(facade)``
        and kept."""
        from cairn.services.app import Cairn

        # the version read with the signed-in session, or (single-person mode) now
        person, version = web.known or data_version(web.db, web.person_id)
        scope = self._scope(web, person)
        if not self.enabled:
            return build(Cairn(scope))
        key = self._key(web, name, person, version, scope)
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                self.hits += 1
                return self._items[key]  # type: ignore[no-any-return]
            pending = self._building.get(key)
            mine = pending is None
            if pending is None:
                pending = self._building[key] = _Build()
        if not mine:
            pending.done.wait()
            if not pending.failed:
                with self._lock:
                    self.hits += 1
                return pending.value  # type: ignore[no-any-return]
            return build(Cairn(scope))  # its error, if it fails again, is this request's
        try:
            value = build(Cairn(scope))
        except BaseException:
            pending.failed = True
            raise
        else:
            pending.value = value
            with self._lock:
                self.misses += 1
                self._items[key] = value
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
            return value
        finally:
            with self._lock:
                self._building.pop(key, None)
            pending.done.set()

    @staticmethod
    def _scope(web: Web, person: Person) -> Scope:
        return Scope(web.db, person.id, person_zone(person, web.settings.zone),
                     settings=web.settings.person_settings)

    @staticmethod
    def _key(web: Web, name: str, person: Person, version: int, scope: Scope) -> Hashable:
        # a server for many people keeps a view per session (its page holds the
        # session's anti-forgery token); single-person mode's viewer is ""
        return (name, person.id, web.viewer, version, person.created_at, scope.today())

    def clear(self) -> None:
        """Forget every kept view."""
        with self._lock:
            self._items.clear()
