"""Benchmark of matching: ranking every occupation for one person, a batch, a path query.

Run: .venv/bin/python -m benchmarks.matching [--runs 7] [--db URL]
Targets (matrices loaded once): one person <= 20 ms, 1,000 people <= 2 s, a path <= 50 ms.
Without --db, the O*NET release is imported into a temporary SQLite database first.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from cairn.core import matching, paths
from cairn.core.person import Constraints, Person
from cairn.services.app import Cairn

ROOT = Path(__file__).resolve().parents[1]
# ../shared next to the project, or next to the folder of worktrees (/work/wt/NAME -> /work).
SHARED = next((p / "shared" for p in ROOT.parents if (p / "shared" / "data").is_dir()),
              ROOT.parent / "shared")
ONET_DIR = SHARED / "data" / "onet" / "db_30_1_text"
OEWS_FILE = SHARED / "data" / "oews" / "national_M2024_dl.csv"
PATHS = [("41-2011.00", "29-1141.00"), ("35-2014.00", "11-9051.00"),
         ("47-2031.00", "17-2051.00"), ("43-4051.00", "15-1252.00"),
         ("53-3032.00", "11-3071.04")]


def _person(rng: random.Random, skill_ids: tuple[str, ...]) -> Person:
    rated = rng.sample(skill_ids, 12)
    return Person(interests=tuple(rng.uniform(1, 5) for _ in range(6)),
                  values=tuple(rng.uniform(1, 5) for _ in range(6)),
                  levels={e: float(rng.randint(0, 7)) for e in rated},
                  constraints=Constraints(min_income=45_000, max_job_zone=rng.randint(2, 5)))


def _time(fn: Callable[[], object], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def _row(name: str, ms: list[float], target: str) -> tuple[str, ...]:
    return (name, f"{statistics.median(ms):.2f}", f"{min(ms):.2f}", f"{max(ms):.2f}", target)


def bench(url: str, runs: int) -> list[tuple[str, ...]]:
    """Time loading, one ranking, a batch of 1,000 and path queries."""
    app = Cairn.open(url)
    if not app.catalog.is_installed():
        app.catalog.install(ONET_DIR)
    if OEWS_FILE.is_file() and app.catalog.status().wages_source is None:
        app.catalog.install_wages(OEWS_FILE)  # so the income component is computed
    load = _time(lambda: (setattr(app.fit, "_matrices", None), app.fit.matrices()), 3)
    m = app.fit.matrices()
    graph, backwards = app.fit.graph()
    rng = random.Random(7)
    one = _person(rng, m.skill_ids)
    people = [_person(rng, m.skill_ids) for _ in range(1000)]
    rows = [_row("load matrices from the database (once)", load, "-"),
            _row(f"rank all {len(m.codes)} occupations, 1 person, top 20 explained",
                 _time(lambda: matching.rank(m, one, limit=20), runs), "<= 20 ms"),
            _row("rank 1,000 people (top 20 each)",
                 _time(lambda: matching.rank_many(m, people), max(3, runs // 2)), "<= 2000 ms")]
    for a, b in PATHS[:3]:
        rows.append(_row(f"best path + 2 alternatives {a} -> {b}",
                         _time(lambda a=a, b=b: paths.k_shortest(graph, m.row[a], m.row[b], 3,
                                                                 backwards), runs), "<= 50 ms"))
    nodes = sorted(graph)
    pairs = [rng.sample(nodes, 2) for _ in range(100)]
    each = [_time(lambda a=a, b=b: paths.k_shortest(graph, a, b, 3, backwards), 1)[0]
            for a, b in pairs]
    rows.append(_row("best path + 2 alternatives, 100 random pairs", each, "<= 50 ms"))
    rows.append(_row("  ... 95th percentile of those", [sorted(each)[94]], "<= 50 ms"))
    rows.append(_row("best path only 41-2011.00 -> 29-1141.00",
                     _time(lambda: paths.shortest(graph, m.row["41-2011.00"],
                                                  m.row["29-1141.00"]), runs), "<= 50 ms"))
    app.close()
    return rows


def main() -> None:
    """Print a table of medians, minimums and maximums in milliseconds."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--db", default="", help="A database with the catalog installed.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rows = bench(args.db or f"sqlite:///{Path(tmp) / 'bench.db'}", args.runs)
    print(f"{'what':62} {'median':>9} {'min':>9} {'max':>9}  target (ms)")
    for name, med, low, high, target in rows:
        print(f"{name:62} {med:>9} {low:>9} {high:>9}  {target}")


if __name__ == "__main__":
    main()
