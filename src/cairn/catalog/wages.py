"""Reading the BLS OEWS national wage file (official xlsx, or the same table saved as CSV).

BLS marks a figure it cannot publish with ``*`` and a top-coded wage (at least
$115.00 an hour or $239,200 a year) with ``#``. Cairn keeps ``*`` as missing and
``#`` as the top-code value with a flag, so it shows "at least ...".
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cairn.core.errors import ImportFormatError

REQUIRED = ("OCC_CODE", "OCC_TITLE", "TOT_EMP", "H_MEDIAN", "A_MEDIAN", "A_MEAN")
TOP_ANNUAL = 239_200.0
TOP_HOURLY = 115.0
HOURS_PER_YEAR = 2080  # BLS's own factor for hourly-only occupations


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
    """Rows for the wage table: one per detailed SOC occupation in the file."""
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
    group = col.get("O_GROUP", col.get("OCC_GROUP"))
    out: dict[str, dict[str, Any]] = {}
    for row in rows:
        if len(row) < len(header):
            continue
        code = str(row[col["OCC_CODE"]] or "").strip()
        if len(code) != 7 or (group is not None and str(row[group]).lower() != "detailed"):
            continue
        annual, top_annual = _number(row[col["A_MEDIAN"]], TOP_ANNUAL)
        hourly, top_hourly = _number(row[col["H_MEDIAN"]], TOP_HOURLY)
        if annual is None and hourly is not None:
            annual = round(hourly * HOURS_PER_YEAR)
        employment, _ = _number(row[col["TOT_EMP"]], 0)
        out[code] = {
            "soc_code": code, "title": str(row[col["OCC_TITLE"]]),
            "annual_median": annual, "hourly_median": hourly,
            "annual_mean": _number(row[col["A_MEAN"]], TOP_ANNUAL)[0],
            "employment": None if employment is None else int(employment),
            "top_coded": top_annual or top_hourly,
        }
    if not out:
        raise ImportFormatError(f"{path.name} has no detailed occupation rows.",
                                "Use the national file, which lists detailed SOC codes.")
    return list(out.values())
