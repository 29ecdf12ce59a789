"""The occupation catalog: installing O*NET and wages, searching, showing, browsing."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from cairn import settings
from cairn.catalog.importer import NoProgress, Progress, import_release
from cairn.catalog.release import open_release
from cairn.core.actions import Action
from cairn.core.errors import InvalidInput, NotFound, NotReady
from cairn.core.occupations import (
    WAGE_BANDS,
    CatalogStatus,
    Occupation,
    OccupationPage,
    SearchHit,
    attribution,
    rank_hits,
    riasec_letters,
    title_key,
)
from cairn.core.rules import check_count
from cairn.store import catalog as store
from cairn.store import catalog_load, catalog_search
from cairn.store.db import Database

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

CODE = re.compile(r"^\d{2}-\d{4}(\.\d{2})?$")
TOP = 10
MAX_LISTED = 10_000  # more than every occupation O*NET has


def _utc_now() -> dt.datetime:
    """Now as naive UTC (the catalog is shared: no person's clock applies)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class CatalogService:
    """Use cases of the O*NET occupation catalog."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # -- installing -------------------------------------------------------------------

    def install(self, source: Path | None = None, progress: Progress | None = None,
                url: str | None = None) -> CatalogStatus:
        """Import a release folder or zip, or download the official zip first."""
        progress = progress or NoProgress()
        if source is not None:
            return self._import(source, progress, str(source))
        from cairn.catalog.download import download

        url = url or settings.ONET_URL.value()
        with tempfile.TemporaryDirectory(prefix="cairn-onet-") as tmp:
            path = download(url, Path(tmp) / Path(url).name.replace("/", "_"), progress)
            return self._import(path, progress, url)

    def check_release(self, source: Path) -> str:
        """Check a release folder or zip (every file Cairn needs, with its header) before a
        long import; returns its version (an ImportFormatError names every problem)."""
        return open_release(source.expanduser()).version

    def _import(self, path: Path, progress: Progress, source: str) -> CatalogStatus:
        release = open_release(path.expanduser())
        with self.db.write() as s:
            return import_release(s, release, progress, source=source, installed_at=_utc_now())

    def install_wages(self, path: Path) -> int:
        """Import the BLS OEWS national file; returns how many occupations have wages."""
        from cairn.catalog.wages import read_wages

        self.status()
        rows = read_wages(path.expanduser())
        with self.db.write() as s:
            return catalog_load.replace_wages(s, rows, source=str(path), installed_at=_utc_now())

    def wage_coverage(self) -> dict[str, int]:
        """How many occupations get a wage from their own BLS code (same), as a specialty of
        one (part) or from a broader code (broader); none; hourly only."""
        with self.db.read() as s:
            return store.wage_coverage(s)

    def uninstall(self) -> None:
        """Remove the installed catalog and wages (the person's own data stays)."""
        with self.db.write() as s:
            catalog_load.uninstall(s)

    # -- reading ----------------------------------------------------------------------

    def is_installed(self) -> bool:
        """True when a catalog has been installed."""
        with self.db.read() as s:
            return catalog_load.status(s) is not None

    def status(self) -> CatalogStatus:
        """What is installed; raises NotReady before the first install."""
        with self.db.read() as s:
            return self._require(s)

    @staticmethod
    def _require(s: Session) -> CatalogStatus:
        found = catalog_load.status(s)
        if found is None:
            raise NotReady("The occupation catalog is not installed.",
                           "Run {action} (downloads O*NET), or add --from PATH with a release you "
                           "have.", Action.to("catalog.install"))
        return found

    def attribution(self) -> str:
        """The O*NET attribution line for the installed version."""
        return attribution(self.status().version)

    def search(self, query: str, limit: int = TOP) -> list[SearchHit]:
        """Occupations matching ``query``, near-exact titles first."""
        check_count(limit, "The limit", 1, MAX_LISTED)
        if not query.strip():
            raise InvalidInput("The search is empty.", "Give a word or two, e.g. 'nurse'.")
        with self.db.read() as s:
            self._require(s)
            relevance, aliases = catalog_search.candidates(s, query)
            found = store.occupations(s, list(relevance))
        pool = [(occ, relevance[code], code in aliases) for code, occ in found.items()]
        return rank_hits(query, pool, limit)

    def resolve(self, code_or_title: str) -> str:
        """The O*NET-SOC code of an occupation given by code, exact title, or best search hit."""
        text = code_or_title.strip()
        if CODE.match(text):
            code = text if "." in text else f"{text}.00"
            with self.db.read() as s:
                if store.find_occupation(s, code) is not None:
                    return code
            raise NotFound(f"There is no occupation {code} in the catalog.",
                           "Find codes with {action}.", Action.to("explore.search", words=None))
        if text and not any(ch.isalpha() for ch in text):
            # a bare or partial number ("40", "15-12") names no title: never guess from it
            raise InvalidInput(f"{text!r} is neither a full O*NET-SOC code nor a title.",
                               "Give a code such as 15-1252.00 (or 15-1252), or words of a "
                               "title; find codes with {action}.",
                               Action.to("explore.search", words=None), field="code")
        with self.db.read() as s:
            exact = store.find_occupation(s, title_key(text))
        if exact is not None:
            return exact[0].code
        hits = self.search(text, 1) if text else []
        if not hits:
            raise NotFound(f"No occupation matches {text!r}.",
                           "Try other words with {action}.",
                           Action.to("explore.search", words=None))
        return hits[0].occupation.code

    def show(self, code_or_title: str, top: int = TOP) -> OccupationPage:
        """The full page of one occupation."""
        status = self.status()
        code = self.resolve(code_or_title)
        with self.db.read() as s:
            found = store.find_occupation(s, code)
            assert found is not None
            occ, description = found
            values, _ = store.work_values(s, code)
            return OccupationPage(
                occupation=occ, description=description,
                job_zone=store.job_zone(s, occ.job_zone), interests=store.interests(s, code),
                skills=store.ratings(s, "skills", code, top),
                knowledge=store.ratings(s, "knowledge", code, top),
                abilities=store.ratings(s, "abilities", code, top),
                work_values=values, work_styles=store.work_styles(s, code, top),
                tasks=store.tasks(s, code), technology=store.technology(s, code),
                education=store.education(s, code), related=store.related(s, code),
                reported_titles=store.titles(s, code, "reported"),
                wage=store.wage(s, code), attribution=attribution(status.version),
            )

    def browse(self, *, job_zone: int | None = None, riasec: str | None = None,
               wage_band: str | None = None, limit: int = 1000) -> list[Occupation]:
        """Occupations by job zone (1-5), RIASEC letter or code, and wage band."""
        check_count(limit, "The limit", 1, MAX_LISTED)
        status = self.status()
        if job_zone is not None and not 1 <= job_zone <= 5:
            raise InvalidInput(f"Job zone {job_zone} does not exist.", "Give 1 to 5.")
        letters = None
        if riasec:
            letters = riasec_letters(riasec)
            if letters is None:
                raise InvalidInput(f"{riasec!r} is not a RIASEC letter or code.",
                                   "Give letters from R, I, A, S, E, C (e.g. S or SEC) "
                                   "or a name such as Social.")
        band = None
        if wage_band:
            band = WAGE_BANDS.get(wage_band.replace(" ", "").lower().replace("K", "k"))
            if band is None:
                raise InvalidInput(f"{wage_band!r} is not a wage band.",
                                   f"Give one of: {', '.join(WAGE_BANDS)}.")
            if status.wages_source is None:
                raise NotReady("Wages are not installed.",
                               "Import the BLS OEWS national file with {action}.",
                               Action.to("catalog.wages.load", file=None))
        with self.db.read() as s:
            return store.browse(s, job_zone=job_zone, riasec=letters,
                                wage_min=band[0] if band else None,
                                wage_max=band[1] if band and band[1] != float("inf") else None,
                                limit=limit)
