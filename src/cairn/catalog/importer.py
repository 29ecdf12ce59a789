"""Mapping an O*NET release onto Cairn's catalog tables, in one transaction.

Files are streamed row by row; only the small per-occupation pivots (interest
profiles, importance with level) are held in memory. The whole import runs in
the caller's transaction, so a failure leaves the installed catalog as it was.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from cairn.catalog.release import Release
from cairn.core.errors import ImportFormatError
from cairn.core.occupations import WORK_VALUES, CatalogStatus, high_point_code, title_key
from cairn.store import catalog_load

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

Row = dict[str, Any]
T = TypeVar("T")
INTEREST_COLUMNS = ("realistic", "investigative", "artistic", "social", "enterprising",
                    "conventional")
VALUE_COLUMNS = ("achievement", "working_conditions", "recognition", "relationships",
                 "support", "independence")
HIGH_POINTS = ("g", "h", "i")  # last letter of the first/second/third high-point element ids


class Progress(Protocol):
    """Where an import reports how far it got (a Rich progress bar in the CLI)."""

    def start(self, label: str, total: int) -> None:
        """A new step of ``total`` bytes begins."""

    def update(self, completed: int) -> None:
        """``completed`` bytes of the current step are done."""


class NoProgress:
    """Progress that goes nowhere (tests, scripts)."""

    def start(self, label: str, total: int) -> None:
        """Ignore."""

    def update(self, completed: int) -> None:
        """Ignore."""


def _num(text: str) -> float | None:
    return None if text in ("n/a", "") else float(text)


def _letter_index(element_id: str) -> int:
    return "abcdefghi".index(element_id.rsplit(".", 1)[-1])


@dataclass
class _Importer:
    release: Release
    progress: Progress

    def rows(self, name: str) -> Iterator[list[str]]:
        self.progress.start(name.removesuffix(".txt"), self.release.size(name))
        return self.release.rows(name, self.progress.update)

    # -- small reference files ---------------------------------------------------------

    def job_zone_reference(self) -> Iterator[Row]:
        for r in self.rows("Job Zone Reference.txt"):
            yield {"zone": int(r[0]), "name": r[1], "experience": r[2], "education": r[3],
                   "training": r[4], "examples": r[5], "svp_range": r[6]}

    def content_model(self) -> Iterator[Row]:
        for r in self.rows("Content Model Reference.txt"):
            yield {"element_id": r[0], "name": r[1], "description": r[2]}

    def level_anchors(self) -> Iterator[Row]:
        for r in self.rows("Level Scale Anchors.txt"):
            yield {"element_id": r[0], "scale_id": r[2], "value": float(r[3]),
                   "description": r[4]}

    def education_categories(self) -> Iterator[Row]:
        for r in self.rows("Education, Training, and Experience Categories.txt"):
            yield {"element_id": r[0], "scale_id": r[2], "category": int(r[3]),
                   "description": r[4]}

    # -- per occupation -----------------------------------------------------------------

    def interests(self) -> dict[str, Row]:
        pivot: dict[str, Row] = {}
        for r in self.rows("Interests.txt"):
            row = pivot.setdefault(r[0], {"code": r[0], "high": [0.0, 0.0, 0.0],
                                          **dict.fromkeys(INTEREST_COLUMNS, 0.0)})
            index = _letter_index(r[1])
            if r[3] == "OI" and index < 6:
                row[INTEREST_COLUMNS[index]] = float(r[4])
            elif r[3] == "IH" and index >= 6:
                row["high"][index - 6] = float(r[4])
        for row in pivot.values():
            row["high_point"] = high_point_code(row.pop("high"))
        return pivot

    def job_zones(self) -> dict[str, int]:
        return {r[0]: int(r[1]) for r in self.rows("Job Zones.txt")}

    def occupations(self, zones: dict[str, int], interests: dict[str, Row]) -> Iterator[Row]:
        for r in self.rows("Occupation Data.txt"):
            interest = interests.get(r[0])
            yield {"code": r[0], "title": r[1], "title_key": title_key(r[1]),
                   "description": r[2], "job_zone": zones.get(r[0]),
                   "riasec_code": interest["high_point"] if interest else ""}

    def work_values(self) -> Iterator[Row]:
        pivot: dict[str, Row] = {}
        for r in self.rows("Work Values.txt"):
            row = pivot.setdefault(r[0], {"code": r[0], "high": ["", "", ""],
                                          **dict.fromkeys(VALUE_COLUMNS, 0.0)})
            index = _letter_index(r[1])
            if r[3] == "EX" and index < 6:
                row[VALUE_COLUMNS[index]] = float(r[4])
            elif r[3] == "VH" and index >= 6 and 1 <= float(r[4]) <= 6:
                row["high"][index - 6] = WORK_VALUES[int(float(r[4])) - 1]
        for row in pivot.values():
            row["high_points"] = ",".join(h for h in row.pop("high") if h)
            yield row

    def element_ratings(self, domain: str, name: str) -> Iterator[Row]:
        pivot: dict[tuple[str, str], Row] = {}
        for r in self.rows(name):
            row = pivot.setdefault((r[0], r[1]), {"domain": domain, "code": r[0],
                                                  "element_id": r[1], "importance": 0.0,
                                                  "level": 0.0, "suppress": False})
            if r[3] == "IM":
                row["importance"] = float(r[4])
            elif r[3] == "LV":
                row["level"] = float(r[4])
                row["suppress"] = r[9] == "Y"
        yield from pivot.values()

    def work_styles(self) -> Iterator[Row]:
        pivot: dict[tuple[str, str], Row] = {}
        for r in self.rows("Work Styles.txt"):
            row = pivot.setdefault((r[0], r[1]), {"code": r[0], "element_id": r[1],
                                                  "impact": None, "distinctiveness": None})
            row["impact" if r[3] == "WI" else "distinctiveness"] = _num(r[4])
        yield from pivot.values()

    def tasks(self) -> Iterator[Row]:
        for r in self.rows("Task Statements.txt"):
            yield {"task_id": int(r[1]), "code": r[0], "statement": r[2],
                   "core": r[3] == "Core"}

    def titles(self) -> Iterator[Row]:
        for r in self.rows("Alternate Titles.txt"):
            yield {"code": r[0], "kind": "alternate", "title": r[1], "title_key": title_key(r[1]),
                   "short_title": None if r[2] == "n/a" else r[2]}
        for r in self.rows("Sample of Reported Titles.txt"):
            yield {"code": r[0], "kind": "reported", "title": r[1], "title_key": title_key(r[1]),
                   "short_title": None}

    def related(self) -> Iterator[Row]:
        for r in self.rows("Related Occupations.txt"):
            yield {"code": r[0], "related_code": r[1], "tier": r[2], "rank": int(r[3])}

    def technology(self) -> Iterator[Row]:
        for r in self.rows("Technology Skills.txt"):
            yield {"code": r[0], "example": r[1], "commodity_code": int(r[2]),
                   "commodity_title": r[3], "hot": r[4] == "Y", "in_demand": r[5] == "Y"}

    def education(self) -> Iterator[Row]:
        for r in self.rows("Education, Training, and Experience.txt"):
            yield {"code": r[0], "element_id": r[1], "scale_id": r[3],
                   "category": None if r[4] == "n/a" else int(r[4]), "value": float(r[5])}


def _guarded(name: str, load: Callable[[], T]) -> T:
    """Run one table's load, naming the file when a value cannot be read."""
    try:
        return load()
    except (ValueError, IndexError) as exc:
        raise ImportFormatError(
            f"{name} has a value Cairn cannot read: {exc}.",
            "The file is damaged or not from the official text release: download it again.",
        ) from exc


def import_release(s: Session, release: Release, progress: Progress, *, source: str,
                   installed_at: dt.datetime) -> CatalogStatus:
    """Replace the installed catalog with ``release`` inside the session's transaction."""
    imp = _Importer(release, progress)
    catalog_load.begin_replace(s)
    counts: dict[str, int] = {}

    def put(table: str, rows: Callable[[], Iterator[Row]], name: str) -> None:
        counts[table] = counts.get(table, 0) + _guarded(
            name, lambda: catalog_load.insert_rows(s, table, rows()))

    put("onet_job_zone", imp.job_zone_reference, "Job Zone Reference.txt")
    put("onet_content_model", imp.content_model, "Content Model Reference.txt")
    put("onet_level_anchor", imp.level_anchors, "Level Scale Anchors.txt")
    put("onet_education_category", imp.education_categories,
        "Education, Training, and Experience Categories.txt")
    interests = _guarded("Interests.txt", imp.interests)
    zones = _guarded("Job Zones.txt", imp.job_zones)
    put("onet_occupation", lambda: imp.occupations(zones, interests), "Occupation Data.txt")
    put("onet_interest", lambda: iter(interests.values()), "Interests.txt")
    put("onet_work_value", imp.work_values, "Work Values.txt")
    for domain in ("skills", "knowledge", "abilities"):
        name = f"{domain.capitalize()}.txt"
        put("onet_element_rating", partial(imp.element_ratings, domain, name), name)
    put("onet_work_style", imp.work_styles, "Work Styles.txt")
    put("onet_task", imp.tasks, "Task Statements.txt")
    put("onet_title", imp.titles, "Alternate Titles.txt")
    put("onet_related", imp.related, "Related Occupations.txt")
    put("onet_technology", imp.technology, "Technology Skills.txt")
    put("onet_education", imp.education, "Education, Training, and Experience.txt")
    progress.start("indexes and search", 1)
    return catalog_load.finish_replace(s, version=release.version, source=source,
                                       installed_at=installed_at, counts=counts)
