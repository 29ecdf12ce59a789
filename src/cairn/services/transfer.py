"""Full export and import of one person's data as schema-versioned JSON, and deleting it.

The service takes and returns bytes; the command line reads and writes the files.
"""

from __future__ import annotations

import json
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass
from typing import NotRequired, TypedDict, cast

from cairn.core.actions import Action
from cairn.core.errors import Conflict, ImportFormatError
from cairn.files import parse_json
from cairn.services.scope import Scope, reads, writes
from cairn.services.viewmodel import JsonObject, JsonValue
from cairn.store import people, transfer
from cairn.store.migrations import SCHEMA_HEAD

FORMAT = "cairn-export"
SCHEMA_VERSION = int(SCHEMA_HEAD)
HINT = "Give a file written by {action}."
EXPORTED = Action.to("export", file=None)  # where a file HINT asks for comes from


class ExportDocument(TypedDict):
    """An export's top level, typed; below it the export is JSON by nature (each table's
    rows are objects of column -> value, one per row), so its rows are a JSON type and not
    one TypedDict per table: they follow the schema, which migrations change.

    ``read_export`` checks ``format``, that ``schema_version`` is a number it can read and
    that ``tables`` is an object; a row that is not what its table holds is refused as it
    is loaded. ``person`` is missing from exports of schema 12 and older.
    """

    format: str
    schema_version: int
    person: NotRequired[dict[str, JsonValue]]
    tables: dict[str, list[JsonObject]]


def encode(document: ExportDocument) -> str:
    """Deterministic JSON: the same data always gives the same bytes."""
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def read_export(content: bytes, name: str = "the file") -> ExportDocument:
    """Read and check an export's bytes (``name`` says where they came from): its marker,
    schema version and tables. Needs no database, so a file that is not an export is
    refused before anything is opened."""
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        raise ImportFormatError(f"{name} is not a Cairn export: it is not UTF-8 text.",
                                HINT, EXPORTED) from None
    document = parse_json(text, f"{name} is not a Cairn export: it", HINT, EXPORTED)
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ImportFormatError(f"{name} is not a Cairn export (no '{FORMAT}' marker).", HINT,
                                EXPORTED)
    version = document.get("schema_version")
    if not isinstance(version, int) or not isinstance(document.get("tables"), dict):
        raise ImportFormatError(f"{name} has no valid schema_version or tables.",
                                "The file is damaged; export it again.")
    if version > SCHEMA_VERSION:
        raise ImportFormatError(
            f"{name} is from a newer Cairn (schema {version}; this one reads up to "
            f"{SCHEMA_VERSION}).",
            "Upgrade Cairn, then import again.",
        )
    return cast("ExportDocument", document)  # checked as far as ExportDocument says


@dataclass(frozen=True)
class Export:
    """An export: the file's bytes and the rows it holds per table."""

    content: bytes
    counts: Mapping[str, int]

    @property
    def rows(self) -> int:
        """Rows in all."""
        return sum(self.counts.values())


class TransferService:
    """Export a person's data, import it into an empty person, delete it all."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope

    @reads
    def export(self) -> Export:
        """Everything the person owns, as the bytes of one JSON document."""
        with self.scope.read() as s:
            tables = transfer.dump(s)
            person = people.get_person(s, self.scope.person_id)
        zone = (person.timezone if person else None) or self.scope.zone.key
        document: ExportDocument = {"format": FORMAT, "schema_version": SCHEMA_VERSION,
                                    "person": {"timezone": zone}, "tables": tables}
        return Export(encode(document).encode("utf-8"),
                      {name: len(rows) for name, rows in tables.items()})

    def read(self, content: bytes, name: str = "the file") -> ExportDocument:
        """Read and check an export's bytes (see :func:`read_export`)."""
        return read_export(content, name)

    def import_(self, content: bytes, name: str = "the file") -> dict[str, int]:
        """Restore an export into this person, who must have no data yet; returns row counts
        per table. All or nothing."""
        return self.load(self.read(content, name))

    @writes
    def load(self, document: ExportDocument, *, replace: bool = False) -> dict[str, int]:
        """Load a checked export document in one transaction; returns row counts per table.

        Into a person with no data, unless ``replace`` (a restore), which first deletes every
        row of the person's data: either all of the document is in, or nothing changed.
        """
        zone = _zone_of(document)
        with self.scope.write() as s:
            if replace:
                transfer.delete_all(s)
            elif not transfer.is_empty(s):
                raise Conflict(
                    f"You already have data in {self.scope.db.display_url}.",
                    "Import into a new database (--db sqlite:///new.db) or run {action} first.",
                    Action.to("delete-all-data"),
                )
            try:
                loaded = transfer.load(s, document["tables"])
            except OverflowError as exc:
                raise ImportFormatError(f"The file holds a number too large to store ({exc}).",
                                        "The file is damaged; export it again.") from None
            if zone is not None:
                people.set_timezone(s, self.scope.person_id, zone)
        if zone is not None:
            self.scope.zone = zoneinfo.ZoneInfo(zone)
        return loaded

    def discard_new_database(self) -> None:
        """Remove the database file if this process created it (a failed first import must
        not leave an empty database behind)."""
        from cairn.store.sqlite_file import remove_new

        db = self.scope.db
        if db.file is not None and db.file.created:
            db.dispose()
            remove_new(db.file)

    @writes
    def delete_all(self) -> dict[str, int]:
        """Remove every row of the person's data; returns rows removed per table.

        Other people's data, the installed reference data (the O*NET catalog) and the schema
        stay.
        """
        with self.scope.write() as s:
            counts = {name: len(rows) for name, rows in transfer.dump(s).items()}
            transfer.delete_all(s)
        return counts


def _zone_of(document: ExportDocument) -> str | None:
    """The person's time zone an export carries: its ``person`` section, or (exports from
    before people, schema 12 and older) the planner settings' time zone."""
    person = document.get("person")
    found = person.get("timezone") if isinstance(person, dict) else None
    if found is None:
        settings = document["tables"].get("plan_setting") or []
        if settings and isinstance(settings[0], dict):
            found = settings[0].get("timezone")
    if found is None:
        return None
    try:
        return zoneinfo.ZoneInfo(str(found)).key
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ImportFormatError(f"The export's time zone {found!r} is not a time zone.",
                                "The file is damaged; export it again.") from None
