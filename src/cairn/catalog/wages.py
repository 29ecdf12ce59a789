"""Reading the BLS OEWS national wage file (official xlsx, or the same table saved as CSV).

BLS marks a figure it cannot publish with ``*`` and a top-coded wage (at least
$115.00 an hour or $239,200 a year) with ``#``. Cairn keeps ``*`` as missing and
``#`` as the top-code value with a flag, so it shows "at least ...". An occupation
BLS publishes only by the hour (``HOURLY`` is TRUE, ``A_MEDIAN`` is ``*``) keeps no
annual median: Cairn does not make one up here (see ``core/wages.py``).

Detailed and broad SOC codes are kept (a code published as both is kept once, as
detailed): O*NET occupations that BLS publishes only within a broader code get that
code's figure, labelled as such.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cairn.core.errors import ImportFormatError
from cairn.core.wages import BROAD, DETAILED

REQUIRED = ("OCC_CODE", "OCC_TITLE", "TOT_EMP", "H_MEDIAN", "A_MEDIAN", "A_MEAN")
TOP_ANNUAL = 239_200.0
TOP_HOURLY = 115.0
KEPT_GROUPS = (DETAILED, BROAD)


def _number(raw: Any, top: float) -> tuple[float | None, bool]:
    """A cell as a number: '*' or empty is missing, '#' is the top code (flagged)."""
    if raw is None:
        return None, False
    if isinstance(raw, int | float):
        return float(raw), False
    text = str(raw).strip().replace(",", "")
    if text in ("", "*", "**"):
        return None, False
    if text == "#":
        return top, True
    try:
        return float(text), False
    except ValueError:
        return None, False


def _rows(path: Path) -> Iterator[list[Any]]:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        try:
            import openpyxl
        except ImportError as exc:  # pragma: no cover - openpyxl is a dependency
            raise ImportFormatError("Reading .xlsx needs openpyxl.",
                                    "pip install openpyxl, or save the sheet as CSV.") from exc
        try:
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            raise ImportFormatError(f"{path} is not a readable xlsx workbook ({exc}).",
                                    "Download national_M2024_dl.xlsx from BLS again.") from exc
        try:
            for row in book.worksheets[0].iter_rows(values_only=True):
                yield list(row)
        finally:
            book.close()
        return
    with path.open(encoding="utf-8-sig", newline="") as f:
        yield from csv.reader(f)


def read_wages(path: Path) -> list[dict[str, Any]]:
    """Rows for the wage table: one per detailed or broad SOC occupation in the file."""
    if not path.is_file():
        raise ImportFormatError(f"{path} does not exist.",
                                "Give the OEWS national file (national_M2024_dl.xlsx or .csv).")
    rows = _rows(path)
    header = [str(h or "").strip().upper() for h in next(rows, [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ImportFormatError(
            f"{path.name} lacks the columns {', '.join(missing)} of an OEWS file.",
            "Use the BLS OEWS national file (national_M2024_dl.xlsx), unchanged.",
        )
    col = {name: header.index(name) for name in header}
    group_col = col.get("O_GROUP", col.get("OCC_GROUP"))
    hourly_col = col.get("HOURLY")
    out: dict[str, dict[str, Any]] = {}
    for row in rows:
        if len(row) < len(header):
            continue
        code = str(row[col["OCC_CODE"]] or "").strip()
        group = DETAILED if group_col is None else str(row[group_col]).strip().lower()
        if len(code) != 7 or group not in KEPT_GROUPS:
            continue
        if code in out and out[code]["soc_group"] == DETAILED:
            continue  # published as both (13-1020): the detailed row is the same figure
        annual, top_annual = _number(row[col["A_MEDIAN"]], TOP_ANNUAL)
        hourly, top_hourly = _number(row[col["H_MEDIAN"]], TOP_HOURLY)
        # BLS flags hourly-only occupations in HOURLY; a file without the column has none
        flagged = hourly_col is None or str(row[hourly_col]).strip().upper() == "TRUE"
        employment, _ = _number(row[col["TOT_EMP"]], 0)
        out[code] = {
            "soc_code": code, "title": str(row[col["OCC_TITLE"]]), "soc_group": group,
            "annual_median": annual, "hourly_median": hourly,
            "annual_mean": _number(row[col["A_MEAN"]], TOP_ANNUAL)[0],
            "employment": None if employment is None else int(employment),
            "top_coded": top_annual or top_hourly,
            "hourly_only": annual is None and hourly is not None and flagged,
        }
    if not any(r["soc_group"] == DETAILED for r in out.values()):
        raise ImportFormatError(f"{path.name} has no detailed occupation rows.",
                                "Use the national file, which lists detailed SOC codes.")
    return list(out.values())
