"""Fuzzing the importers: damaged exports, calendars, instrument and answers files, O*NET
folders. Each input gives a correct result or a clear error with its documented exit code;
never a traceback, a hang, or a half-written record."""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import shutil
import sqlite3
import string
import time
import zoneinfo
from pathlib import Path
from typing import Any

import pytest
import time_machine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cairn.core.errors import ImportFormatError
from conftest import FROZEN_AT, ONET_SAMPLE_DIR, cli_for

EXAMPLES = int(os.environ.get("CAIRN_FUZZ_EXAMPLES", "4"))
FUZZ = settings(max_examples=EXAMPLES * 5, deadline=None, database=None,
                suppress_health_check=list(HealthCheck))
# a run through the CLI and the database costs a second or two: fewer of those
FUZZ_CLI = settings(FUZZ, max_examples=EXAMPLES * 3)
FIXTURES = Path(__file__).parent / "fixtures"
NASTY = "\x00\x07\x1b\x85\u202e\udc80\ufeff"

odd_values = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(),
    st.sampled_from([2**63, 2**70, -(2**63) - 1, "", " ", "x" * 5000, "1e309", "NaN",
                     "2026-13-45", "2026-11-23T25:61:00", "\x00", "\udc80", [], {}, [[[]]],
                     {"a": {"b": [1]}}, math.inf, -math.inf]),
    st.text(alphabet=string.printable + NASTY, max_size=20),
)


@st.composite
def damage(draw: st.DrawFn, document: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """A copy of an export with one kind of damage, and what was done."""
    doc = json.loads(json.dumps(document))
    tables = doc["tables"]
    names = sorted(n for n, rows in tables.items() if rows)
    how = draw(st.sampled_from(["value", "drop column", "new column", "duplicate row",
                                "drop table", "table not a list", "row not a dict",
                                "unknown table", "schema", "format"]))
    name = draw(st.sampled_from(names))
    rows = tables[name]
    row = rows[draw(st.integers(0, len(rows) - 1))]
    column = draw(st.sampled_from(sorted(row)))
    if how == "value":
        row[column] = draw(odd_values)
    elif how == "drop column":
        del row[column]
    elif how == "new column":
        row[draw(st.text(max_size=8))] = draw(odd_values)
    elif how == "duplicate row":
        rows.append(dict(row))
    elif how == "drop table":
        del tables[name]
    elif how == "table not a list":
        tables[name] = draw(odd_values)
    elif how == "row not a dict":
        rows[0] = draw(odd_values)
    elif how == "unknown table":
        tables[draw(st.text(max_size=10))] = [dict(row)]
    elif how == "schema":
        doc["schema_version"] = draw(odd_values)
    else:
        doc["format"] = draw(odd_values)
    return doc, f"{how} in {name}.{column}"


def personal_rows(url: str) -> int:
    from sqlalchemy import func, select

    from cairn.store.db import Database
    from cairn.store.transfer import personal_tables

    db = Database(url)
    try:
        with db.read() as s:
            return sum(s.scalar(select(func.count()).select_from(t)) or 0
                       for t in personal_tables())
    finally:
        db.close()


@pytest.fixture(scope="module")
def rich_export(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The export of a person who used every feature."""
    from cairn.services.app import Cairn
    from test_transfer_all import fill_everything

    path = tmp_path_factory.mktemp("export") / "everything.db"
    with time_machine.travel(FROZEN_AT, tick=False):
        c = Cairn.open(f"sqlite:///{path}")
        fill_everything(c, cli_for(f"sqlite:///{path}"))
        document = json.loads(c.data.export().content)
        c.close()
    return document


def test_damaged_exports_import_whole_or_not_at_all(rich_export, db_url, tmp_path):
    cli = cli_for(db_url)
    tried: list[str] = []

    @FUZZ_CLI
    @given(damage(rich_export))
    def run(case: tuple[dict[str, Any], str]) -> None:
        doc, what = case
        tried.append(what)
        path = tmp_path / "damaged.json"
        path.write_text(json.dumps(doc), encoding="utf-8")  # NaN and Infinity as JSON allows
        with time_machine.travel(FROZEN_AT, tick=False):
            out = cli("import", str(path))
        assert out.exit_code in (0, 3, 5, 8), (what, out.stdout, out.stderr)
        assert "Traceback" not in out.stdout + out.stderr
        if out.exit_code:
            assert personal_rows(db_url) == 0, f"half an import kept after: {what}"
            return
        again = cli("export", str(tmp_path / "again.json"))
        assert again.exit_code == 0, (what, again.stderr)
        assert cli("delete-all-data", "--yes").exit_code == 0

    run()
    assert len(tried) >= EXAMPLES


# -- calendars ---------------------------------------------------------------------

ICS_VALUES = st.one_of(
    st.sampled_from(["FREQ=SECONDLY", "FREQ=MINUTELY;COUNT=100000000", "FREQ=DAILY;INTERVAL=0",
                     "FREQ=WEEKLY;BYDAY=XX", "FREQ=YEARLY;UNTIL=99991231T000000Z",
                     "FREQ=HOURLY;BYSECOND=0,1,2,3,4,5", "20261301T250000Z", "2026112",
                     "-PT1H", "P9999999W", ";;;", "TZID=Mars/Olympus:20261124T080000"]),
    st.text(alphabet=string.printable + NASTY, max_size=30))


@st.composite
def damaged_calendar(draw: st.DrawFn) -> bytes:
    name = draw(st.sampled_from(["work.ics", "zones.ics", "broken.ics"]))
    lines = (FIXTURES / "calendars" / name).read_bytes().splitlines()
    how = draw(st.sampled_from(["delete", "duplicate", "value", "rrule", "bytes", "cut"]))
    at = draw(st.integers(0, len(lines) - 1))
    if how == "delete":
        del lines[at]
    elif how == "duplicate":
        lines.insert(at, lines[at])
    elif how == "value":
        key = lines[at].split(b":", 1)[0]
        lines[at] = key + b":" + draw(ICS_VALUES).encode("utf-8", "surrogatepass")
    elif how == "rrule":
        begin = [i for i, x in enumerate(lines) if x == b"BEGIN:VEVENT"]
        if begin:
            lines.insert(draw(st.sampled_from(begin)) + 1,
                         b"RRULE:" + draw(ICS_VALUES).encode("utf-8", "surrogatepass"))
    elif how == "bytes":
        lines[at] = draw(st.binary(max_size=40))
    data = b"\r\n".join(lines)
    return data[: draw(st.integers(0, len(data)))] if how == "cut" else data


@FUZZ
@given(damaged_calendar())
def test_damaged_calendars_are_read_within_bounds_or_refused(data):
    from cairn.calendars.bounds import MAX_OCCURRENCES
    from cairn.calendars.ics_import import read_busy

    start = dt.datetime(2026, 11, 16, 10)
    began = time.monotonic()
    try:
        found = read_busy(data, zoneinfo.ZoneInfo("Europe/Berlin"), start,
                              start + dt.timedelta(days=373))
    except ImportFormatError as err:
        found, refused = None, err
    assert time.monotonic() - began < 20
    if found is None:
        assert refused.hint
        return
    assert len(found.events) <= MAX_OCCURRENCES
    assert all(e.busy.end > e.busy.start for e in found.events)
    assert all(x.reason for x in found.left_out)


# -- instrument and answers files ------------------------------------------------------

INSTRUMENT = (FIXTURES / "instruments" / "week5.toml").read_text(encoding="utf-8")


@st.composite
def damaged_toml(draw: st.DrawFn) -> str:
    lines = INSTRUMENT.splitlines()
    at = draw(st.integers(0, len(lines) - 1))
    how = draw(st.sampled_from(["delete", "value", "duplicate", "nan"]))
    if how == "delete":
        del lines[at]
    elif how == "duplicate":
        lines.insert(at, lines[at])
    elif how == "nan" and "=" in lines[at]:
        lines[at] = lines[at].split("=")[0] + "= " + draw(st.sampled_from(
            ["nan", "inf", "-inf", "1e309", "9" * 30, '""', "[]", "{}", "true", '"\\u202e"']))
    elif "=" in lines[at]:
        lines[at] = lines[at].split("=")[0] + "= " + json.dumps(
            draw(st.text(alphabet=string.printable + NASTY.replace("\x00", ""), max_size=12)),
            ensure_ascii=False).replace("\\u0000", "")
    return "\n".join(lines) + "\n"


def test_damaged_instrument_and_answers_files(cli, tmp_path):
    cli("init", "--name", "Ada", "--stage", "exploring", "--hours", "10")

    @FUZZ_CLI
    @given(damaged_toml(), st.dictionaries(
        st.text(alphabet=string.ascii_lowercase + "0123456789._", max_size=8),
        odd_values, max_size=5))
    def run(instrument: str, answers: dict[str, Any]) -> None:
        path = tmp_path / "inst.toml"
        path.write_text(instrument, encoding="utf-8", errors="surrogatepass")
        out = cli("assess", "load", str(path))
        assert out.exit_code in (0, 3, 5, 8), out.stderr
        answers_path = tmp_path / "answers.json"
        answers_path.write_text(json.dumps(answers), encoding="utf-8", errors="surrogatepass")
        for args in (("assess", "values", "--answers", str(answers_path)),
                     ("assess", "passions", "--answers", str(answers_path)),
                     ("checkin", "--instrument", str(path), "--answer", "w1=3")):
            out = cli(*args)
            assert out.exit_code in (0, 3, 4, 5, 8), (args, out.stderr)
            assert "Traceback" not in out.stdout + out.stderr

    run()


# -- O*NET folders -----------------------------------------------------------------

ONET_FILES = sorted(p.name for p in ONET_SAMPLE_DIR.iterdir())


@st.composite
def damaged_release(draw: st.DrawFn) -> tuple[str, str, bytes | None]:
    name = draw(st.sampled_from(ONET_FILES))
    data = (ONET_SAMPLE_DIR / name).read_bytes()
    lines = data.split(b"\n")
    how = draw(st.sampled_from(["missing", "empty", "cut", "bytes", "field", "header",
                                "long field", "latin-1"]))
    at = draw(st.integers(0, max(0, len(lines) - 2)))
    if how == "missing":
        return name, how, None
    if how == "empty":
        return name, how, b""
    if how == "cut":
        return name, how, data[: draw(st.integers(0, len(data)))]
    if how == "bytes":
        lines[at] = draw(st.binary(max_size=30))
    elif how == "header":
        lines[0] = lines[0].replace(b"\t", b",", 1)
    elif how == "long field":
        lines[at] = lines[at] + b"x" * 200_000
    elif how == "latin-1":
        lines[at] = lines[at] + "é".encode("latin-1")
    else:
        cells = lines[at].split(b"\t")
        cells[draw(st.integers(0, len(cells) - 1))] = draw(st.sampled_from(
            [b"abc", b"nan", b"1e309", b"-1", b"", b"99-9999.99", b"\xff", b"n/a"]))
        lines[at] = b"\t".join(cells)
    return name, how, b"\n".join(lines)


def test_damaged_onet_folders_install_or_leave_the_catalog_as_it_was(sample, tmp_path):
    from cairn.cli.main import app  # noqa: F401 - the CLI is what is fuzzed below

    url = sample.db.url
    cli = cli_for(url)
    before = sample.catalog.status()

    @FUZZ
    @given(damaged_release())
    def run(case: tuple[str, str, bytes | None]) -> None:
        name, how, data = case
        folder = tmp_path / "release"
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(ONET_SAMPLE_DIR, folder)
        if data is None:
            (folder / name).unlink()
        else:
            (folder / name).write_bytes(data)
        out = cli("catalog", "install", "--from", str(folder))
        assert out.exit_code in (0, 8, 9), (name, how, out.stdout, out.stderr)
        assert "Traceback" not in out.stdout + out.stderr
        if out.exit_code:  # the catalog installed before is still there, whole
            status = sample.catalog.status()
            assert status.counts == before.counts, (name, how)
        else:
            cli("catalog", "install", "--from", str(ONET_SAMPLE_DIR))

    run()
    if url.startswith("sqlite"):
        conn = sqlite3.connect(url.removeprefix("sqlite:///"))
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            conn.close()
