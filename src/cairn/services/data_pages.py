"""Files for the browser: the report in each format and the export, as downloads (bytes,
content type, file name), and what the data page shows (the rows kept, per table)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cairn.core.errors import InvalidInput
from cairn.services.reports import FORMATS

if TYPE_CHECKING:
    from cairn.services.app import Cairn

MEDIA_TYPES = {"md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8",
               "pdf": "application/pdf", "json": "application/json"}


@dataclass(frozen=True, slots=True)
class Download:
    """A file to download: its name, its content type and its bytes."""

    filename: str
    media_type: str
    content: bytes


def report_format(text: str) -> str:
    """A report format as typed (md, html or pdf)."""
    fmt = text.strip().lower()
    if fmt not in FORMATS:
        raise InvalidInput(f"'{text}' is not a report format.", "Use md, html or pdf.",
                           field="format")
    return fmt


def report_file(c: Cairn, period: str, fmt: str) -> Download:
    """The report over ``period`` (as ``cairn report --period``) in ``fmt``, made when asked
    and stamped in the person's time zone, as ``cairn report`` writes it."""
    data = c.reports.build(period)
    made = data.generated_at
    aware = made if made.tzinfo is not None else made.replace(tzinfo=dt.UTC)
    data = dataclasses.replace(data, generated_at=aware.astimezone(c.scope.zone))
    return Download(f"cairn-report-{data.period_end.isoformat()}.{fmt}", MEDIA_TYPES[fmt],
                    c.reports.render(data, fmt))


def export_file(c: Cairn) -> Download:
    """Everything the person owns as the file ``cairn export`` writes."""
    done = c.data.export()
    return Download(f"cairn-export-{c.scope.today().isoformat()}.json", MEDIA_TYPES["json"],
                    done.content)


@dataclass(frozen=True, slots=True)
class DataPage:
    """What is kept: rows per table (tables with rows only), and in all."""

    counts: dict[str, int]
    rows: int
    database: str


def data_page(c: Cairn) -> DataPage:
    """The rows the person has, counted as their export counts them."""
    counts = c.data.export().counts
    kept = {name: n for name, n in sorted(counts.items()) if n}
    return DataPage(kept, sum(kept.values()), c.db.display_url)
