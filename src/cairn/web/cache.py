"""Pages kept while the person's data is unchanged: a per-process cache of view models.

The Today page reads three years of check-ins and time logs and costs tens of
milliseconds of CPU to build. It depends only on the person's data, their today and the
process's settings, so a built page is kept under ``(name, person, data version, today)``:
every write transaction of the person counts a new data version (``store/people.py``), so
the next request after any change builds the page afresh, in every worker. The version is
read before the page is built, so a kept page is never older than its key says.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any, TypeVar

from cairn.services.people import data_version

if TYPE_CHECKING:
    from cairn.services.app import Cairn

T = TypeVar("T")


class ViewCache:
    """A small least-recently-used store of built view models, safe across threads."""

    def __init__(self, size: int = 512, *, enabled: bool = True) -> None:
        self.size = size
        self.enabled = enabled
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def view(self, c: Cairn, name: str, build: Callable[[Cairn], T]) -> T:
        """The view ``name`` of the facade's person: kept, or built by ``build(c)`` and
        kept (all in one read transaction)."""
        if not self.enabled:
            return build(c)
        with c.scope.read():
            key = (name, c.scope.person_id, data_version(c.scope), c.scope.today())
            with self._lock:
                if key in self._items:
                    self._items.move_to_end(key)
                    self.hits += 1
                    return self._items[key]  # type: ignore[no-any-return]
            value = build(c)
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
