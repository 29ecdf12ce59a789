"""Benchmark: a server for many people (``cairn serve --multi-user``) under load.

Issue 13's target: 1,000 people with a year of data each, 50 concurrent signed-in sessions
of different people: Today p95 <= 50 ms with no errors and no cross-person read, and the
sign-in's p95 (argon2 dominated) reported.

The database: a PostgreSQL database of its own (``cairn_bench_multi``), owned by an
ordinary role (``cairn_bench``, made if missing; trust or peer authentication assumed), so
that row-level security applies as on a real server (a superuser would bypass it); both
are dropped at the end unless ``--keep``. ``--db URL`` uses a database you made instead
(nothing is created or dropped).

The build: ``--people`` accounts (default 1,000), each signing in as a person of its own,
made through the service layer (``Accounts.sign_up``). Hashing 1,000 passwords with
argon2id at the server's cost would take minutes, so every account has the same password
and its argon2id hash is computed ONCE and reused (the hasher below); signing in verifies
it at the full cost, as on a real server. Then each person's year, written in bulk through
the store's tables (the benchmark does not test the writers): a profile and the eight
life areas, the rows of ``benchmarks.status.history`` over 365 days (a check-in a day
rating three areas, three time entries a day, 10 goals with 30 milestones and 150 tasks),
and an accepted plan for this week (two task sessions a day). Every title and the name
carry the person's mark (``~N~``, N their number), which the cross-person check looks for.
The output says how long the build took.

The run: ``cairn serve --multi-user`` with several workers (as ``benchmarks.web``; sign-up
closed, plain http so the session cookie is not Secure). First sign-in: ``--sign-ins``
different people sign in one at a time (the sign-in form is fetched, then posted with its
hidden fields: it carries no anti-forgery token before there is a session), timing the
POST. The server counts only FAILED sign-ins (5 per email, 50 per client address in 15
minutes); every one here succeeds, each account signs in once, so the limit is never
near. ``--connections`` of them (50) become the load's sessions, each of a different
person. wrk drives each route with a Lua script that gives every request the next
session's cookie in turn (wrk's Lua cannot tell its connections apart, so the cookie
rotates per request, not per connection: the requests in flight at once belong to as many
different people as there are connections) and counts every answer other than 200 as an
error (a lapsed session would be a 303 to the sign-in page). Routes: Today, one API read
(``GET /api/v1/goals``) and ``/healthz`` in the same run, Today after ``--warm`` seconds
(20) of the same load unmeasured (every worker builds each session's Today once, some 200
builds: the view cache keeps a page per session), the others after 3 s; then Today again on
a server whose view cache is off (what building the page for a person with a year of data
costs).

Two kinds of load. Flat out, every connection sends its next request the moment an answer
comes: on this 2-CPU machine wrk, the server's workers and PostgreSQL's backends then fill
both CPUs, and the latencies measure their queue for the CPUs more than Cairn (the trivial
``/healthz`` shows that queue). Paced (the target's row), each of the 50 sessions waits
``--think`` ms (100: ten pages a second per person, far more than a person clicks) after
every answer before asking again, so the figures are what each request costs while 50
people use the server at once; ``/healthz`` paced beside it shows the floor.

The cross-person check: after the load, every session reads ``/today`` and
``GET /api/v1/goals``; a read that names another person's mark is a cross-person read
(must be 0), one that lacks the person's own mark (or does not answer 200) is counted
apart.

wrk, the sign-ins and PostgreSQL run on the same machine as the server and take CPU from
it: the figures are a floor.

    apt-get install -y wrk        # the load tool (benchmark only)
    .venv/bin/python -m benchmarks.web_multi [--people 1000] [--seconds 30] [--connections 50]
        [--workers N] [--sign-ins 100] [--server postgresql://postgres@127.0.0.1:5432/postgres]
        [--db URL] [--keep] [--reuse] [--think 100]
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import http.client
import json
import os
import random
import re
import shutil
import statistics
import tempfile
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from benchmarks.crowd import _bulk
from benchmarks.foundation import compiled
from benchmarks.status import history
from benchmarks.web import free_port, load, server_cpu, start, stop, table
from sqlalchemy import Connection, Engine, create_engine, text, update
from sqlalchemy.engine import make_url

from cairn.core.model import DEFAULT_AREAS
from cairn.services.accounts import AccountPolicy, Accounts, Role, SignUp
from cairn.store.db import Database, normalise_url
from cairn.store.planning_tables import PlanSessionRow, PlanWeekRow
from cairn.store.tables import AreaRow, Base, PersonRow, ProfileRow

ROLE = "cairn_bench"  # an ordinary role: row-level security applies to it
DATABASE = "cairn_bench_multi"
PASSWORD = "a bench password for everyone"  # noqa: S105 - the benchmark's people's
DAYS = 365
GOALS = 10
TASKS = 150
CHUNK = 100  # people per bulk transaction
MARK = re.compile(r"~(\d+)~")
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')
COOKIE = "cairn_session"
PACED = "Today, %d ms think"

# Each request takes the next session's cookie (threads start at different places); any
# answer but 200 counts as an error (wrk itself counts only 4xx and 5xx).
SCRIPT = """
local cookies = {%(cookies)s}
local threads = {}
function setup(thread)
  thread:set("at", #threads * math.floor(#cookies / %(threads)d))
  table.insert(threads, thread)
end
function init(args)
  bad = 0
end
function request()
  at = at %% #cookies + 1
  return wrk.format(nil, nil, {["Cookie"] = "%(cookie)s=" .. cookies[at]})
end
function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end
%(delay)s
done = function(summary, latency, requests)
  local e = summary.errors
  local b = 0
  for _, t in ipairs(threads) do b = b + t:get("bad") end
  io.write(string.format("CAIRN requests=%%d duration_us=%%d p50=%%d p95=%%d p99=%%d "
    .. "errors=%%d status=%%d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout, b))
end
"""


def mark(n: int) -> str:
    """What names person ``n`` in their titles (``~N~``)."""
    return f"~{n}~"


def email(n: int) -> str:
    """Person ``n``'s email."""
    return f"person{n}@bench.example"


class OnceHasher(PasswordHasher):
    """argon2id at the default cost (the server's), hashing the benchmark's one password
    once: every account gets the same hash (with its salt), as if each had hashed it."""

    def __init__(self) -> None:
        super().__init__()
        self.once = super().hash(PASSWORD)

    def hash(self, password: str | bytes, *, salt: bytes | None = None) -> str:
        if password == PASSWORD and salt is None:
            return self.once
        return super().hash(password, salt=salt)


# -- the database --------------------------------------------------------------------


@contextmanager
def database(server: str, given: str | None, keep: bool, reuse: bool
             ) -> Iterator[tuple[str, str | None]]:
    """The benchmark's database URL (``given``, or a database of its own on ``server``,
    owned by an ordinary role made if missing, dropped afterwards unless ``keep``) and the
    superuser's URL of it for the bulk load (None with ``given``)."""
    if given:
        yield given, None
        return
    admin = create_engine(normalise_url(server), isolation_level="AUTOCOMMIT")
    url = make_url(normalise_url(server)).set(username=ROLE, password=None, database=DATABASE)
    with admin.connect() as conn:
        conn.execute(text(f"DO $$ BEGIN CREATE ROLE {ROLE} LOGIN NOSUPERUSER NOBYPASSRLS; "
                          "EXCEPTION WHEN duplicate_object THEN NULL; END $$"))
        exists = conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :d"),
                             {"d": DATABASE})
        if reuse and not exists:
            raise SystemExit(f"there is no kept database {DATABASE}: run once with --keep")
        if exists and not reuse:
            conn.execute(text(f"DROP DATABASE {DATABASE} WITH (FORCE)"))
        if not exists or not reuse:
            conn.execute(text(f"CREATE DATABASE {DATABASE} OWNER {ROLE}"))
    try:
        yield (url.render_as_string(hide_password=False),
               make_url(normalise_url(server)).set(database=DATABASE)
               .render_as_string(hide_password=False))
    finally:
        if not keep:
            with admin.connect() as conn:
                conn.execute(text(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)"))
                conn.execute(text(f"DROP ROLE IF EXISTS {ROLE}"))
        admin.dispose()


def person_rows(person: int, n: int, today: dt.date, rng: random.Random
                ) -> list[tuple[type[Base], list[dict[str, Any]]]]:
    """Person ``n``'s year (their person id ``person``), with their mark in every title."""
    start = today - dt.timedelta(days=DAYS)
    at = dt.datetime.combine(start, dt.time(9))
    areas = [{"id": i + 1, "key": key, "name": name, "archived": False}
             for i, (key, name) in enumerate(DEFAULT_AREAS)]
    rows = [(ProfileRow, [{"id": 1, "name": f"Person {mark(n)}", "life_stage": "mid-career",
                           "contract_hours": 38.0, "created_at": at}]),
            (AreaRow, areas),
            *history([a["id"] for a in areas], today, DAYS, rng, goals=GOALS, tasks=TASKS,
                     label=f" {mark(n)}")]
    monday = today - dt.timedelta(days=today.weekday())
    open_tasks = [t for t in range(TASKS) if t % 3 == 0]  # as history() leaves them open
    sessions = []
    for day in range(7):
        for k, hour in enumerate((10, 15)):
            t = open_tasks[(2 * day + k) % len(open_tasks)]
            begin = dt.datetime.combine(monday + dt.timedelta(days=day), dt.time(hour))
            sessions.append({"id": len(sessions) + 1, "state": "accepted", "key": f"task:{t + 1}",
                             "kind": "task", "ref_id": t + 1,
                             "title": f"Task {t + 1} {mark(n)}",
                             "area": DEFAULT_AREAS[(t % GOALS) % len(DEFAULT_AREAS)][0],
                             "start": begin, "end": begin + dt.timedelta(hours=1)})
    rows += [(PlanSessionRow, sessions),
             (PlanWeekRow, [{"id": 1, "state": "accepted", "week_start": monday,
                             "missing_hours": 0.0}])]
    return [(table, [row | {"person_id": person} for row in some]) for table, some in rows]


def copy(conn: Connection, table_: type[Base], rows: list[dict[str, Any]]) -> None:
    """Rows into ``table_`` with PostgreSQL's COPY, in the connection's transaction (many
    times faster than INSERTs; refused where row-level security applies, so a superuser's
    connection)."""
    columns = list(rows[0])
    names = ", ".join(f'"{c}"' for c in columns)
    raw = conn.connection.dbapi_connection
    assert raw is not None
    with raw.cursor() as cur, \
            cur.copy(f"COPY {table_.__tablename__} ({names}) FROM STDIN") as out:
        for row in rows:
            out.write_row([row[c] for c in columns])


def write(db: Database, loader: Engine | None,
          batch: dict[type[Base], list[dict[str, Any]]]) -> None:
    """Rows of many people in one transaction: copied in by ``loader`` (a superuser's
    engine), else inserted by a session for no one person (it sees every person's rows)."""
    if loader is None:
        with db.session(write=True) as s:
            for table_, rows in batch.items():
                _bulk(s, table_, rows)
        return
    with loader.begin() as conn:
        for table_, rows in batch.items():
            copy(conn, table_, rows)


def build(url: str, people: int, superuser: str | None
          ) -> tuple[dict[str, int], float, float]:
    """Accounts and a year of data for ``people`` people (person n signs in as
    ``email(n)``); returns rows per table and the seconds the accounts and the rows took.
    The rows are copied in as ``superuser`` (a URL of the same database), else inserted."""
    began = time.perf_counter()
    db = Database(url)  # makes the schema, as the role that owns it
    accounts = Accounts(db, AccountPolicy(sign_up=SignUp.CLOSED), OnceHasher(), zone="UTC")
    accounts.sign_up("admin@bench.example", PASSWORD, role=Role.ADMIN, by_admin=True)
    ids = {n: accounts.sign_up(email(n), PASSWORD, by_admin=True).person_id
           for n in range(1, people + 1)}
    made = time.perf_counter() - began
    today = dt.date.today()  # noqa: DTZ011 - the server's people are in UTC; near enough
    joined = dt.datetime.combine(today - dt.timedelta(days=DAYS), dt.time(9))
    rng = random.Random(13)
    counts: dict[str, int] = {}
    loader = create_engine(normalise_url(superuser)) if superuser else None
    numbers = list(ids)
    for first in range(0, len(numbers), CHUNK):
        batch: dict[type[Base], list[dict[str, Any]]] = {}
        for n in numbers[first:first + CHUNK]:
            for table_, rows in person_rows(ids[n], n, today, rng):
                batch.setdefault(table_, []).extend(rows)
        write(db, loader, batch)
        for table_, rows in batch.items():
            counts[table_.__tablename__] = counts.get(table_.__tablename__, 0) + len(rows)
    with db.session(write=True) as s:  # they joined when their records began
        s.execute(update(PersonRow).values(created_at=joined))
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM (ANALYZE)"))  # as autovacuum would have, on a server in use
    db.close()
    if loader is not None:
        loader.dispose()
    return counts, made, time.perf_counter() - began - made


# -- signing in ----------------------------------------------------------------------


def sign_in(port: int, n: int) -> tuple[float, str]:
    """Person ``n`` signs in as a browser does (the form, then its POST); returns the
    POST's seconds and the session cookie."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", "/sign-in")
        page = conn.getresponse().read().decode()
        fields = {name: html.unescape(value) for name, value in HIDDEN.findall(page)}
        body = urllib.parse.urlencode(fields | {"email": email(n), "password": PASSWORD})
        began = time.perf_counter()
        conn.request("POST", "/sign-in", body=body,
                     headers={"Content-Type": "application/x-www-form-urlencoded"})
        answer = conn.getresponse()
        answer.read()
        took = time.perf_counter() - began
    finally:
        conn.close()
    cookies = [c for c in answer.headers.get_all("set-cookie") or []
               if c.startswith(f"{COOKIE}=")]
    if answer.status != 303 or not cookies:
        raise SystemExit(f"person {n} could not sign in: {answer.status}")
    return took, cookies[0].split(";", 1)[0].split("=", 1)[1]


def sign_ins(port: int, pid: int, numbers: list[int]) -> tuple[dict[str, float], dict[int, str]]:
    """Every person in ``numbers`` signs in, one at a time; the figures as a table row and
    each person's session."""
    before = server_cpu(pid)
    began = time.perf_counter()
    times, sessions = [], {}
    for n in numbers:
        took, token = sign_in(port, n)
        times.append(took)
        sessions[n] = token
    wall = time.perf_counter() - began
    cuts = statistics.quantiles(times, n=100, method="inclusive") if len(times) > 1 \
        else [times[0]] * 99
    return ({"rps": len(times) / wall, "p50": cuts[49] * 1000, "p95": cuts[94] * 1000,
             "p99": cuts[98] * 1000, "requests": len(times), "errors": 0,
             "cpu": (server_cpu(pid) - before) / len(times) * 1000}, sessions)


# -- isolation -----------------------------------------------------------------------


def get(port: int, path: str, token: str) -> tuple[int, str]:
    """GET ``path`` with a session; the status and the body."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", path, headers={"Cookie": f"{COOKIE}={token}"} if token else {})
        answer = conn.getresponse()
        return answer.status, answer.read().decode()
    finally:
        conn.close()


def cross_check(port: int, sessions: dict[int, str]) -> tuple[int, int, int]:
    """Every session reads Today and its goals through the API; returns the reads, those
    naming another person (cross-person reads) and those without the person's own mark or
    not answered 200."""
    reads = cross = missing = 0
    for n, token in sessions.items():
        for path in ("/today", "/api/v1/goals"):
            status, body = get(port, path, token)
            reads += 1
            marks = {int(m) for m in MARK.findall(body)}
            cross += bool(marks - {n})
            missing += (status != 200 or n not in marks
                        or (path.startswith("/api/") and len(json.loads(body)) != GOALS))
    return reads, cross, missing


# -- the run -------------------------------------------------------------------------


def script_for(folder: Path, tokens: list[str], threads: int, think: int = 0) -> Path:
    """The wrk script that rotates ``tokens``; with ``think`` (ms), every connection waits
    that long after each answer before its next request (wrk's ``delay()``)."""
    path = folder / f"sessions-{think}.lua"
    delay = f"function delay()\n  return {think}\nend" if think else ""
    path.write_text(SCRIPT % {"cookies": ", ".join(f'"{t}"' for t in tokens),
                              "threads": threads, "cookie": COOKIE, "delay": delay},
                    encoding="utf-8")
    return path


def measure(base: str, path: str, pid: int, opts: argparse.Namespace, script: Path,
            warm: int) -> dict[str, float]:
    """wrk on ``path`` after ``warm`` seconds unmeasured; the row with server CPU."""
    if warm:
        load(base, path, warm, opts.connections, opts.threads, script)
    before = server_cpu(pid)
    row = load(base, path, opts.seconds, opts.connections, opts.threads, script)
    row["cpu"] = (server_cpu(pid) - before) / max(row["requests"], 1) * 1000
    return row


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--seconds", type=int, default=30, help="per route")
    parser.add_argument("--warm", type=int, default=20,
                        help="unmeasured seconds of load before Today (3 before the others)")
    parser.add_argument("--connections", type=int, default=50,
                        help="wrk's connections, and the sessions (people) they rotate")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="server workers (default: one per CPU; wrk runs on the same "
                             "CPUs, and more workers than CPUs only lengthened the tail)")
    parser.add_argument("--threads", type=int, default=2, help="wrk's threads")
    parser.add_argument("--think", type=int, default=100,
                        help="ms each session waits after an answer in the paced runs "
                             "(default 100: ten pages a second per person)")
    parser.add_argument("--sign-ins", type=int, default=100,
                        help="people who sign in one at a time (the sessions among them)")
    parser.add_argument("--server", default="postgresql://postgres@127.0.0.1:5432/postgres",
                        help="a PostgreSQL superuser's URL: makes the role and the database")
    parser.add_argument("--db", help="use this database (owned by an ordinary role) instead")
    parser.add_argument("--keep", action="store_true",
                        help="keep the database and its role afterwards")
    parser.add_argument("--reuse", action="store_true",
                        help="use the kept database as it is (no build)")
    opts = parser.parse_args()
    if opts.people < 1 or opts.sign_ins < 1:
        parser.error("--people and --sign-ins must be at least 1")
    return opts


def main() -> None:
    opts = arguments()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install -y wrk (benchmark only)")
    compiled()
    folder = Path(tempfile.mkdtemp(prefix="cairn-web-multi-"))
    with database(opts.server, opts.db, opts.keep, opts.reuse) as (url, superuser):
        if opts.reuse:
            print(f"using the kept database {make_url(url).database} as it is (no build)")
        else:
            counts, made, filled = build(url, opts.people, superuser)
            print(f"built {opts.people} people in {made + filled:.1f} s: {opts.people + 1} "
                  f"accounts (one argon2id hash) in {made:.1f} s, {sum(counts.values()):,} "
                  f"rows in {filled:.1f} s ({', '.join(f'{k} {v:,}' for k, v in counts.items())})")
        run(url, opts, folder)


def run(url: str, opts: argparse.Namespace, folder: Path) -> None:
    rng = random.Random(50)
    numbers = rng.sample(range(1, opts.people + 1), min(opts.sign_ins, opts.people))
    chosen = numbers[:opts.connections]
    print(f"{os.cpu_count()} CPUs; {opts.workers} workers, {opts.connections} connections "
          f"rotating {len(chosen)} sessions of different people, {opts.seconds} s per route "
          f"(Today after {opts.warm} s of warm-up, the others {min(3, opts.warm)} s); "
          "load average before: "
          f"{os.getloadavg()[0]:.1f}")
    rows: list[tuple[str, dict[str, float]]] = []
    log = folder / "serve.log"
    env = {"CAIRN_SIGN_UP": "closed"}
    port = free_port()
    proc = start(url, port, opts.workers, log, cache=True, multi_user=True, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(2 * opts.workers):  # every worker has loaded its templates
            get(port, "/sign-in", "")
        row, sessions = sign_ins(port, proc.pid, numbers)
        rows.append(("sign-in, 1 at once", row))
        tokens = [sessions[n] for n in chosen]
        script = script_for(folder, tokens, opts.threads)
        paced = script_for(folder, tokens, opts.threads, opts.think)
        for label, path, warm, each in (
                ("Today, flat out", "/today", opts.warm, script),
                (PACED % opts.think, "/today", min(3, opts.warm), paced),
                ("API goals", "/api/v1/goals", min(3, opts.warm), script),
                ("healthz (trivial)", "/healthz", min(3, opts.warm), script),
                ("healthz, paced", "/healthz", min(3, opts.warm), paced)):
            rows.append((label, measure(base, path, proc.pid, opts, each, warm)))
        reads, cross, missing = cross_check(port, {n: sessions[n] for n in chosen})
    finally:
        stop(proc)
    port = free_port()
    proc = start(url, port, opts.workers, log, cache=False, multi_user=True, env=env)
    try:
        rows.append(("Today, cache off", measure(f"http://127.0.0.1:{port}", "/today",
                                                 proc.pid, opts, script, min(3, opts.warm))))
    finally:
        stop(proc)
    table(rows)
    print(f"cross-person check after the load: {len(chosen)} sessions read Today and "
          f"/api/v1/goals ({reads} reads): {cross} cross-person reads, {missing} without "
          "the person's own data")
    print(f"load average after: {os.getloadavg()[0]:.1f} (the benchmark's own server, wrk and "
          "PostgreSQL backends count in it; other work on this machine adds to every latency, "
          "the trivial endpoint's too)")
    said = [line for line in log.read_text().splitlines()
            if "Cairn serves many people" not in line]
    if said:
        print(f"the server said ({log}):", *said[-10:], sep="\n  ")
    today = dict(rows)[PACED % opts.think]
    verdict = "met" if today["p95"] <= 50 and today["errors"] == 0 and cross == 0 \
        and missing == 0 else "NOT met"
    print(f"target Today p95 <= 50 ms for {opts.connections} sessions, each asking again "
          f"{opts.think} ms after every answer, with no errors and 0 cross-person reads: "
          f"{verdict}; flat out (no pause: wrk, the server and PostgreSQL fill both CPUs) "
          f"Today's p95 is {dict(rows)['Today, flat out']['p95']:.1f} ms")


if __name__ == "__main__":
    main()
