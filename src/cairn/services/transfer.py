"""Full export and import of the person's data as schema-versioned JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cairn.core.errors import Conflict, ImportFormatError, InvalidInput
from cairn.store import transfer
from cairn.store.db import Database
from cairn.store.migrations import SCHEMA_HEAD

FORMAT = "cairn-export"
SCHEMA_VERSION = int(SCHEMA_HEAD)


def encode(document: dict[str, Any]) -> str:
    """Deterministic JSON: the same data always gives the same bytes."""
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


class TransferService:
    """Export everything to a file, import it back into an empty database."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def export_document(self) -> dict[str, Any]:
        """Everything the person owns, as one JSON-ready document."""
        with self.db.read() as s:
            tables = transfer.dump(s)
        return {"format": FORMAT, "schema_version": SCHEMA_VERSION, "tables": tables}

    def export(self, path: Path) -> dict[str, int]:
        """Write the export to ``path``; returns row counts per table."""
        document = self.export_document()
        try:
            path.write_text(encode(document), encoding="utf-8")
        except OSError as exc:
            raise InvalidInput(f"Cannot write {path}: {exc.strerror}.",
                               "Choose a folder you can write to.") from exc
        return {name: len(rows) for name, rows in document["tables"].items()}

    def read(self, path: Path) -> dict[str, Any]:
        """Read and validate an export file."""
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise InvalidInput(f"There is no file {path}.", "Check the path.") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ImportFormatError(f"{path} is not a Cairn export: it is not JSON ({exc}).",
                                    "Give a file written by `cairn export`.") from None
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            raise ImportFormatError(f"{path} is not a Cairn export (no '{FORMAT}' marker).",
                                    "Give a file written by `cairn export`.")
        version = document.get("schema_version")
        if not isinstance(version, int) or not isinstance(document.get("tables"), dict):
            raise ImportFormatError(f"{path} has no valid schema_version or tables.",
                                    "The file is damaged; export it again.")
        if version > SCHEMA_VERSION:
            raise ImportFormatError(
                f"{path} is from a newer Cairn (schema {version}; this one reads up to "
                f"{SCHEMA_VERSION}).",
                "Upgrade Cairn, then import again.",
            )
        return document

    def import_(self, path: Path) -> dict[str, int]:
        """Restore an export into an empty database; returns row counts per table."""
        document = self.read(path)
        with self.db.write() as s:
            if not transfer.is_empty(s):
                raise Conflict(
                    f"The database {self.db.display_url} already holds data.",
                    "Import into a new database (--db sqlite:///new.db) or run "
                    "`cairn delete-all-data` first.",
                )
            return transfer.load(s, document["tables"])

    def delete_all(self) -> dict[str, int]:
        """Remove every row of the person's data (all personal tables); returns rows removed.

        Installed reference data (the O*NET catalog) and the schema stay.
        """
        with self.db.write() as s:
            counts = {name: len(rows) for name, rows in transfer.dump(s).items()}
            transfer.delete_all(s)
        return counts
