"""Benchmark of the occupation catalog: import time, database size, search and show latency.

Run: .venv/bin/python -m benchmarks.catalog [--runs 3] [--postgres URL]
Targets: full import <= 20 s and search p95 <= 5 ms on SQLite.
Searches and pages run with the BLS wages installed (when the file is in ../shared/data/oews/).
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, text

from cairn.services.app import Cairn

ROOT = Path(__file__).resolve().parents[1]
# ../shared next to the project, or next to the folder of worktrees (/work/wt/NAME -> /work).
SHARED = next((p / "shared" for p in ROOT.parents if (p / "shared" / "data").is_dir()),
              ROOT.parent / "shared")
ONET_DIR = SHARED / "data" / "onet" / "db_30_1_text"
OEWS_FILE = SHARED / "data" / "oews" / "national_M2024_dl.csv"
EVERYDAY = ["nurse", "software developer", "woodworking", "truck driver", "teacher",
            "accountant", "chef", "electrician", "data scientist", "lawyer", "plumber",
            "carpenter", "pharmacist", "police officer", "web developer", "cashier",
            "graphic designer", "social worker", "pilot", "mechanic", "farmer", "writer",
            "dentist", "engineer", "manager", "sales", "designer", "cook", "driver", "doctor"]


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _row(name: str, values: list[float], unit: str) -> tuple[str, ...]:
    p95 = f"{_percentile(values, 0.95):.2f}" if len(values) >= 20 else ""
    return (name, f"{statistics.median(values):.2f}", f"{min(values):.2f}",
            f"{max(values):.2f}", p95, unit)


def _queries(url: str, count: int) -> list[str]:
    """The everyday list plus alternate titles and title words picked with a fixed seed."""
    engine = create_engine(url)
    with engine.connect() as conn:
        titles = list(conn.scalars(text("SELECT title FROM onet_title ORDER BY id")))
    engine.dispose()
    rng = random.Random(7)
    picked = rng.sample(titles, count - len(EVERYDAY))
    return EVERYDAY + [" ".join(t.split()[:2]) for t in picked]


def bench(url: str, label: str, runs: int, db_file: Path | None) -> list[tuple[str, ...]]:
    """Import ``runs`` times, then time 200 searches and 100 occupation pages."""
    app = Cairn.open(url)
    imports = []
    for _ in range(runs):
        start = time.perf_counter()
        app.catalog.install(ONET_DIR)
        imports.append(time.perf_counter() - start)
    rows = [_row(f"{label}: full import", imports, "s")]
    if OEWS_FILE.is_file():  # search and show then join wages, as they do for a user
        start = time.perf_counter()
        app.catalog.install_wages(OEWS_FILE)
        rows.append(_row(f"{label}: wage import", [time.perf_counter() - start], "s"))
    if db_file is not None:
        size = db_file.stat().st_size / 1e6
        rows.append((f"{label}: database size", f"{size:.1f}", "", "", "", "MB"))
    queries = _queries(url, 200)
    app.catalog.search("warm up")
    latencies = []
    for q in queries:
        start = time.perf_counter()
        app.catalog.search(q, 10)
        latencies.append((time.perf_counter() - start) * 1000)
    rows.append(_row(f"{label}: search ({len(queries)} queries)", latencies, "ms"))
    codes = [h.occupation.code for q in EVERYDAY for h in app.catalog.search(q, 3)]
    shows = []
    for code in codes:
        start = time.perf_counter()
        app.catalog.show(code)
        shows.append((time.perf_counter() - start) * 1000)
    rows.append(_row(f"{label}: explore show ({len(codes)} pages)", shows, "ms"))
    app.close()
    return rows


def main() -> None:
    """Run the benchmark and print a table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3, help="imports per backend")
    parser.add_argument("--postgres", default="", help="URL of an empty PostgreSQL database")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        db_file = Path(tmp) / "bench.db"
        rows += bench(f"sqlite:///{db_file}", "SQLite", args.runs, db_file)
    if args.postgres:
        rows += bench(args.postgres, "PostgreSQL", args.runs, None)
    header = ("measure", "median", "min", "max", "p95", "unit")
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(6)]
    for r in [header, *rows]:
        print("  ".join(str(v).ljust(w) for v, w in zip(r, widths, strict=True)))


if __name__ == "__main__":
    main()
