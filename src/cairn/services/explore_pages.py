"""The Explore pages and the API read here: the catalog's state, searches, occupations,
matches, gaps and paths as view models (``explore_views``), each the JSON of its
``cairn explore ... --json``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cairn.core.matching import COMPONENTS
from cairn.services.explore_views import (
    GapsView,
    GapView,
    MatchView,
    OccupationView,
    PathView,
    SearchHitView,
    UnratedView,
)

if TYPE_CHECKING:
    from cairn.services.app import Cairn


@dataclass(frozen=True, slots=True)
class CatalogView:
    """What catalog is installed (``installed`` False before the first install)."""

    installed: bool
    version: str | None = None
    installed_at: dt.datetime | None = None
    source: str | None = None
    occupations: int = 0
    wages_source: str | None = None
    attribution: str = ""


@dataclass(frozen=True, slots=True)
class MatchesPage:
    """The ranked occupations and the weight of each component used to rank them."""

    matches: tuple[MatchView, ...]
    weights: Mapping[str, float]
    wages: bool  # whether wages are installed (the minimum wage filter needs them)


def catalog(c: Cairn) -> CatalogView:
    """The installed catalog, or that there is none."""
    if not c.catalog.is_installed():
        return CatalogView(installed=False)
    st = c.catalog.status()
    return CatalogView(True, st.version, st.installed_at, st.source,
                       st.counts.get("onet_occupation", 0), st.wages_source,
                       c.catalog.attribution())


def search(c: Cairn, query: str, limit: int) -> tuple[SearchHitView, ...]:
    """Occupations matching ``query``, best first (``cairn explore search --json``)."""
    hits = c.catalog.search(query, limit)
    credit = c.catalog.attribution()
    return tuple(SearchHitView.of(h, credit) for h in hits)


def occupation(c: Cairn, code: str, top: int = 10) -> OccupationView:
    """One occupation's page (``cairn explore show CODE --json``)."""
    return OccupationView.of(c.catalog.show(code, top))


def matches(c: Cairn, weights: Sequence[str] = (), job_zones: Sequence[int] = (),
            min_wage: float | None = None, limit: int = 10) -> MatchesPage:
    """The person's best matches, each component with its reason (``cairn explore match
    --json``), and the weights in use."""
    found = c.fit.match(weights, job_zones, min_wage, limit)
    credit = c.catalog.attribution()
    used = c.fit.weights(weights)
    return MatchesPage(tuple(MatchView.of(m, credit) for m in found),
                       {k: used[k] for k in COMPONENTS},
                       c.catalog.status().wages_source is not None)


def gaps(c: Cairn, code: str, limit: int = 15) -> GapsView:
    """The person's gaps for an occupation (``cairn explore gap CODE --json``)."""
    found_code, title, found, unrated = c.fit.gaps(code)
    return GapsView(found_code, title, c.catalog.attribution(),
                    tuple(GapView.of(g) for g in found[:limit]),
                    tuple(UnratedView.of(u) for u in unrated))


def paths(c: Cairn, source: str | None, target: str, k: int = 3) -> tuple[PathView, ...]:
    """The best path and alternatives (``cairn explore path FROM TO --json``)."""
    found = c.fit.paths(source, target, k)
    credit = c.catalog.attribution()
    return tuple(PathView.of(p, credit) for p in found)
