"""Benchmark: the web app under load, for a person with three years of data.

Builds the person of ``benchmarks.status`` (three years of daily check-ins and time logs,
2,000 tasks under 40 goals), starts ``cairn serve`` with several workers on loopback, and
drives it with wrk (50 connections, 30 s per route): the Today page, the week plan page,
one API read (``GET /api/v1/status``) and a trivial endpoint (``/healthz``) of the same app
in the same run; then Today again on a server whose view cache is off, which shows what
building the page costs. Prints requests per second, p50/p95/p99 latency and the server's
CPU time per request (the workers' own, less sensitive to other work on the machine) per
route.
Target: Today p95 <= 50 ms with no errors. wrk runs on the same machine and takes CPU
from the server: the figures are a floor.

    apt-get install -y wrk        # the load tool (benchmark only)
    .venv/bin/python -m benchmarks.web [--seconds 30] [--connections 50] [--workers N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from benchmarks.status import build

ROUTES = (("Today", "/today"), ("week plan", "/plan"), ("API status", "/api/v1/status"),
          ("healthz (trivial)", "/healthz"))
REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("CAIRN requests=%d duration_us=%d p50=%d p95=%d p99=%d "
    .. "errors=%d status=%d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout, e.status))
end
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start(url: str, port: int, workers: int, log: Path, *, cache: bool,
          multi_user: bool = False, env: dict[str, str] | None = None
          ) -> subprocess.Popen[bytes]:
    """``cairn serve`` (``--multi-user`` if asked, with ``env`` added to its environment)
    in the background (its messages to ``log``); returns once it answers."""
    env = {**os.environ, "CAIRN_DATABASE_URL": url, "CAIRN_WEB_CACHE": "1" if cache else "0",
           **(env or {})}
    env.pop("DISPLAY", None)
    with log.open("ab") as out:
        proc = subprocess.Popen([sys.executable, "-m", "cairn", "serve", "--no-browser",
                                 "--port", str(port), "--workers", str(workers),
                                 *(["--multi-user"] if multi_user else [])],
                                env=env, stdout=out, stderr=out)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit(f"cairn serve did not start: {log.read_text()[-2000:]}")


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        proc.kill()


def server_cpu(pid: int) -> float:
    """CPU seconds used so far by the server: its process and every worker under it."""
    total, todo = 0.0, [pid]
    while todo:
        current = todo.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        todo += [int(c) for c in children]
    return total


def warm(base: str, path: str, times: int) -> None:
    """A few requests first, so that every worker has built what it keeps."""
    for _ in range(times):
        with urllib.request.urlopen(base + path, timeout=30) as answer:  # noqa: S310
            answer.read()


def load(base: str, path: str, seconds: int, connections: int, threads: int,
         script: Path) -> dict[str, float]:
    """One wrk run; returns requests/s, p50/p95/p99 in ms and errors."""
    done = subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s",
                           "--timeout", "10s", "-s", str(script), base + path],
                          capture_output=True, text=True, check=True)
    line = next(x for x in done.stdout.splitlines() if x.startswith("CAIRN "))
    values = dict(item.split("=") for item in line.split()[1:])
    requests, duration = int(values["requests"]), int(values["duration_us"]) / 1e6
    return {"rps": requests / duration, "p50": int(values["p50"]) / 1000,
            "p95": int(values["p95"]) / 1000, "p99": int(values["p99"]) / 1000,
            "requests": requests, "errors": int(values["errors"]) + int(values["status"])}


def table(rows: list[tuple[str, dict[str, float]]]) -> None:
    """Print one row per route: requests/s, p50/p95/p99, requests, errors, server CPU."""
    print(f"{'route':<20}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
          f"{'requests':>10}{'errors':>8}{'server CPU ms/req':>19}")
    for label, r in rows:
        print(f"{label:<20}{r['rps']:>9.0f}{r['p50']:>9.1f}{r['p95']:>9.1f}{r['p99']:>9.1f}"
              f"{r['requests']:>10.0f}{r['errors']:>8.0f}{r['cpu']:>19.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="server workers (default: one per CPU; wrk runs on the same "
                             "CPUs, and more workers than CPUs only lengthened the tail)")
    parser.add_argument("--threads", type=int, default=2, help="wrk's threads")
    parser.add_argument("--keep", type=Path, help="Keep the database at this path.")
    opts = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install -y wrk (benchmark only)")
    folder = Path(tempfile.mkdtemp(prefix="cairn-web-bench-"))
    url = f"sqlite:///{opts.keep or folder / 'bench.db'}"
    began = time.perf_counter()
    counts = build(url)
    print(f"built {counts} in {time.perf_counter() - began:.1f} s; {os.cpu_count()} CPUs; "
          f"{opts.workers} workers, {opts.connections} connections, {opts.seconds} s per route; "
          f"load average before: {os.getloadavg()[0]:.1f}")
    script = folder / "report.lua"
    script.write_text(REPORT, encoding="utf-8")
    rows: list[tuple[str, dict[str, float]]] = []
    log = folder / "serve.log"
    for cache in (True, False):
        port = free_port()
        proc = start(url, port, opts.workers, log, cache=cache)
        base = f"http://127.0.0.1:{port}"
        try:
            for label, path in ROUTES if cache else (("Today, cache off", "/today"),):
                warm(base, path, 4 * opts.workers)
                before = server_cpu(proc.pid)
                row = load(base, path, opts.seconds, opts.connections, opts.threads, script)
                row["cpu"] = (server_cpu(proc.pid) - before) / max(row["requests"], 1) * 1000
                rows.append((label, row))
        finally:
            stop(proc)
    table(rows)
    print(f"load average after: {os.getloadavg()[0]:.1f} (other work on this machine adds to "
          "every latency, the trivial endpoint's too)")
    said = [line for line in log.read_text().splitlines() if "Cairn is running" not in line]
    if said:
        print(f"the server said ({log}):", *said[-10:], sep="\n  ")
    today = rows[0][1]
    verdict = "met" if today["p95"] <= 50 and today["errors"] == 0 else "NOT met"
    print(f"target Today p95 <= 50 ms with no errors: {verdict}")


if __name__ == "__main__":
    main()
