"""Pages kept while the person's data is unchanged: a per-process cache of built views.

The Today page reads three years of check-ins and time logs and costs tens of
milliseconds of CPU to build. It depends only on the person's data, their today and the
process's settings, so a built view (a view model, or a page's finished HTML) is kept
under ``(name, person, data version, joined, today)``. Every write transaction of the
person counts a new data version (``store/people.py``), so the next request after any
change builds the view afresh, in every worker.

A request that finds its view costs one small query (the person's row: version, time
zone, when they joined) and no facade; one that does not builds a facade from that row.
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
    from cairn.web.deps import Web

T = TypeVar("T")


class ViewCache:
    """A small least-recently-used store of built views, safe across threads."""

    def __init__(self, size: int = 512, *, enabled: bool = True) -> None:
        self.size = size
        self.enabled = enabled
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def view(self, web: Web, name: str, build: Callable[[Cairn], T]) -> T:
        """The view ``name`` of the server's person: kept, or built by ``build(facade)``
        and kept."""
        from cairn.services.app import Cairn

        person, version = data_version(web.db, web.person_id)
        scope = Scope(web.db, person.id, person_zone(person, web.settings.zone),
                      settings=web.settings.person_settings)
        if not self.enabled:
            return build(Cairn(scope))
        # a server for many people keeps a view per session (its page holds the
        # session's anti-forgery token); single-person mode's viewer is ""
        key = (name, person.id, web.viewer, version, person.created_at, scope.today())
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                self.hits += 1
                return self._items[key]  # type: ignore[no-any-return]
        value = build(Cairn(scope))
        with self._lock:
            self.misses += 1
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        """Forget every kept view."""
        with self._lock:
            self._items.clear()
