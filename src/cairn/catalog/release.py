"""Reading an O*NET text release (a folder or the official zip), file by file, streaming.

Each file is tab-separated UTF-8 with a header line. :func:`open_release` checks
that every file Cairn needs is there with the header it expects, and reports
every problem at once, before anything is written.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from cairn.core.errors import ImportFormatError

OCCUPATION_DATA = "Occupation Data.txt"

# The files Cairn imports and the columns each must start with, as in the 30.x dictionary.
EXPECTED: dict[str, tuple[str, ...]] = {
    OCCUPATION_DATA: ("O*NET-SOC Code", "Title", "Description"),
    "Job Zone Reference.txt": ("Job Zone", "Name", "Experience", "Education", "Job Training",
                               "Examples", "SVP Range"),
    "Content Model Reference.txt": ("Element ID", "Element Name", "Description"),
    "Level Scale Anchors.txt": ("Element ID", "Element Name", "Scale ID", "Anchor Value",
                                "Anchor Description"),
    "Job Zones.txt": ("O*NET-SOC Code", "Job Zone"),
    "Interests.txt": ("O*NET-SOC Code", "Element ID", "Element Name", "Scale ID", "Data Value"),
    "Work Values.txt": ("O*NET-SOC Code", "Element ID", "Element Name", "Scale ID",
                        "Data Value"),
    "Work Styles.txt": ("O*NET-SOC Code", "Element ID", "Element Name", "Scale ID",
                        "Data Value"),
    "Skills.txt": ("O*NET-SOC Code", "Element ID", "Element Name", "Scale ID", "Data Value",
                   "N", "Standard Error", "Lower CI Bound", "Upper CI Bound",
                   "Recommend Suppress", "Not Relevant"),
    "Knowledge.txt": ("O*NET-SOC Code", "Element ID", "Element Name", "Scale ID",
                      "Data Value", "N", "Standard Error", "Lower CI Bound", "Upper CI Bound",
                      "Recommend Suppress", "Not Relevant"),
    "Abilities.txt": ("O*NET-SOC Code", "Element ID", "Element Name", "Scale ID",
                      "Data Value", "N", "Standard Error", "Lower CI Bound", "Upper CI Bound",
                      "Recommend Suppress", "Not Relevant"),
    "Task Statements.txt": ("O*NET-SOC Code", "Task ID", "Task", "Task Type"),
    "Alternate Titles.txt": ("O*NET-SOC Code", "Alternate Title", "Short Title"),
    "Sample of Reported Titles.txt": ("O*NET-SOC Code", "Reported Job Title"),
    "Related Occupations.txt": ("O*NET-SOC Code", "Related O*NET-SOC Code",
                                "Relatedness Tier", "Index"),
    "Technology Skills.txt": ("O*NET-SOC Code", "Example", "Commodity Code",
                              "Commodity Title", "Hot Technology", "In Demand"),
    "Education, Training, and Experience Categories.txt": (
        "Element ID", "Element Name", "Scale ID", "Category", "Category Description"),
    "Education, Training, and Experience.txt": ("O*NET-SOC Code", "Element ID",
                                                "Element Name", "Scale ID", "Category",
                                                "Data Value"),
}
README = "Read Me.txt"
_VERSION = re.compile(r"O\*NET\s+(\d+\.\d+)\s+Database")
_FOLDER_VERSION = re.compile(r"db_(\d+)_(\d+)_text")
PROGRESS_EVERY = 2000


@dataclass(frozen=True)
class Release:
    """An opened release: where its files are, and its version."""

    location: Path
    version: str
    members: dict[str, str]  # file name -> path inside the folder or zip
    is_zip: bool

    def size(self, name: str) -> int:
        """Size of a file in bytes (for progress bars)."""
        if self.is_zip:
            with zipfile.ZipFile(self.location) as archive:
                return archive.getinfo(self.members[name]).file_size
        return (self.location / self.members[name]).stat().st_size

    @contextmanager
    def _open(self, name: str) -> Iterator[IO[bytes]]:
        if self.is_zip:
            with zipfile.ZipFile(self.location) as archive, archive.open(self.members[name]) as f:
                yield f
        else:
            with (self.location / self.members[name]).open("rb") as f:
                yield f

    def rows(self, name: str, on_bytes: Callable[[int], None] | None = None
             ) -> Iterator[list[str]]:
        """The data rows of a file (header skipped); each must have the header's width."""
        try:
            with self._open(name) as raw:
                text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
                reader = csv.reader(text, delimiter="\t", quoting=csv.QUOTE_NONE)
                header = next(reader, [])
                width = len(header)
                pending = 0
                for row in reader:
                    if len(row) != width:
                        if not any(row):
                            continue
                        raise ImportFormatError(
                            f"{name}, line {reader.line_num}: {len(row)} columns, "
                            f"expected {width} ({', '.join(header)}).",
                            "The file is truncated or damaged: download the O*NET release "
                            "again and rerun `cairn catalog install`.",
                        )
                    if on_bytes is not None:
                        pending += 1
                        if pending == PROGRESS_EVERY:
                            on_bytes(raw.tell())
                            pending = 0
                    yield row
                if on_bytes is not None:
                    on_bytes(raw.tell())
        except (zipfile.BadZipFile, zlib.error, EOFError, UnicodeDecodeError, csv.Error) as exc:
            raise ImportFormatError(
                f"{name} in {self.location} cannot be read: {exc}.",
                "The archive is damaged: download the O*NET release again.",
            ) from exc


def _zip_members(path: Path) -> dict[str, str]:
    try:
        with zipfile.ZipFile(path) as archive:
            return {Path(n).name: n for n in archive.namelist() if not n.endswith("/")}
    except (zipfile.BadZipFile, OSError) as exc:
        raise ImportFormatError(
            f"{path} is not a readable zip archive ({exc}).",
            "Expected the O*NET text release zip (db_30_1_text.zip): download it again, "
            "or give the unpacked folder with --from.",
        ) from exc


def _header(release: Release, name: str) -> list[str]:
    try:
        with release._open(name) as raw:  # noqa: SLF001 - same module
            first = raw.readline().decode("utf-8-sig")
    except (zipfile.BadZipFile, zlib.error, UnicodeDecodeError) as exc:
        return [f"<unreadable: {exc}>"]
    return first.rstrip("\r\n").split("\t")


def _version(release: Release) -> str:
    if README in release.members:
        with release._open(README) as raw:  # noqa: SLF001 - same module
            found = _VERSION.search(raw.read(400).decode("utf-8", "replace"))
        if found:
            return found.group(1)
    folder = _FOLDER_VERSION.search(str(release.location))
    return f"{folder.group(1)}.{folder.group(2)}" if folder else "unknown"


def open_release(path: Path) -> Release:
    """Open a release folder or zip; raises one error listing every missing or wrong file."""
    if not path.exists():
        raise ImportFormatError(f"{path} does not exist.",
                                "Give the folder or zip of the O*NET text release.")
    if path.is_dir():
        members = {p.name: p.name for p in path.iterdir() if p.is_file()}
        if OCCUPATION_DATA not in members:  # an unpacked zip keeps its top folder
            nested = [d for d in path.iterdir() if (d / OCCUPATION_DATA).is_file()]
            if len(nested) == 1:
                return open_release(nested[0])
        release = Release(path, "", members, is_zip=False)
    else:
        release = Release(path, "", _zip_members(path), is_zip=True)
    problems = []
    for name, columns in EXPECTED.items():
        if name not in release.members:
            problems.append(f"{name} is missing")
            continue
        header = _header(release, name)
        if tuple(header[: len(columns)]) != columns:
            problems.append(f"{name} has the header {' | '.join(header)!r}, "
                            f"expected it to start with {' | '.join(columns)!r}")
    if problems:
        raise ImportFormatError(
            f"{path} is not a complete O*NET text release: " + "; ".join(problems) + ".",
            "Use the official text release (db_30_1_text.zip from "
            "https://www.onetcenter.org/database.html), unchanged.",
        )
    return Release(release.location, _version(release), release.members, release.is_zip)
