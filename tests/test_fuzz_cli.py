"""Every command, with inputs generated from its own parameters: a result or a clear error.

The command tree is read from the CLI itself, so a new command is fuzzed without a
change here. For each parameter, hypothesis draws values near every edge: ids too
large for any database, negative and absurd numbers, nan and inf, impossible and
ambiguous dates, text with control characters, bidirectional overrides and bytes that
were not UTF-8, files that are folders, missing, binary or nested too deeply. Each
run must end with an exit code the README documents (0-9), print no traceback, and
print nothing a terminal would act on; and no run may take longer than a few seconds.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import string
import time
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
import time_machine
import typer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cairn.cli.main import app
from cairn.cli.output import _UNSAFE
from conftest import FROZEN_AT, ONET_SAMPLE_DIR, cli_for

EXAMPLES = int(os.environ.get("CAIRN_FUZZ_EXAMPLES", "4"))
SLOWEST_SECONDS = 20.0
SKIP = {
    ("tour",): "runs the whole tour on its own throwaway database (test_docs runs it)",
}
FIXTURES = Path(__file__).parent / "fixtures"


def commands() -> Iterator[tuple[tuple[str, ...], click.Command]]:
    """Every command that runs something, with its words."""
    def walk(cmd: click.Command, path: tuple[str, ...]) -> Iterator[
            tuple[tuple[str, ...], click.Command]]:
        subs = getattr(cmd, "commands", None)
        if subs:
            for name, sub in subs.items():
                yield from walk(sub, (*path, name))
        if (not subs or getattr(cmd, "invoke_without_command", False)) and path:
            yield path, cmd
    yield from walk(typer.main.get_command(app), ())


COMMANDS = [(path, cmd) for path, cmd in commands() if path not in SKIP]

# -- values ------------------------------------------------------------------------

NASTY = "\x07\x1b\x7f\x85\u202e\u2066\u200f\udc80\udcff\ufeff\t\n"
texts = st.one_of(st.text(max_size=30).filter(lambda t: "\x00" not in t),
                  st.text(alphabet=string.printable.replace("\x0b", "") + NASTY + "éß漢字٣²",
                          max_size=30),
                  st.sampled_from(["", " ", "-", "--", "career", "x" * 250, "1", "#1"]))
ints = st.one_of(st.integers(-3, 12), st.sampled_from(
    [0, -1, 2**31, 2**63 - 1, 2**63, 2**64, 10**30, -(10**30)]))
floats = st.one_of(st.floats().map(repr), st.integers(-100, 200).map(str), st.sampled_from(
    ["nan", "inf", "-inf", "1e309", "-0", "0.0001", "1e-320", "999999999999"]))
dates = st.one_of(
    st.dates(dt.date(1800, 1, 1), dt.date(2300, 1, 1)).map(dt.date.isoformat),
    st.builds(lambda y, m, d: f"{y}-{m}-{d}", st.integers(0, 9999), st.integers(0, 40),
              st.integers(0, 40)),
    st.sampled_from(["tomorrow", "next friday", "in 6 months", "in 99999 years", "05/06/2027",
                     "2027-13-05", "yesterday", "today", "0000-00-00"]),
    texts)
durations = st.one_of(st.sampled_from(["90m", "1h30", "1.5h", "45", "0", "25h", "9" * 30]),
                      texts)
days = st.one_of(st.sampled_from(["mon-fri", "sat,sun", "daily", "fri-mon", "weekend",
                                  "monkey", "mon-", ","]), texts)
clocks = st.one_of(st.sampled_from(["18:00-21:00", "09:00-17:00", "21:00-18:00", "24:00",
                                    "25:61-26:00", "7", "19:00"]), texts)
areas = st.one_of(st.sampled_from(["career", "learning", "health", "passion", "rest",
                                   "community", "1", "Side projects ✨"]), texts)
CHOICES = {
    "horizon": ["vision", "long-term", "short-term", "decade"],
    "priority": ["low", "medium", "high", "urgent"],
    "stage": ["exploring", "mid-career", "returning", "retired?"],
    "kind": ["weekly", "monthly", "six-monthly", "mentor", "coach", "peer", "book", "course",
             "family", "job-change", "other", "nonsense"],
    "overflow": ["defer", "allow", "explode"],
    "prefer": ["morning", "afternoon", "evening", "any", "never"],
    "fmt": ["md", "html", "pdf", "docx"], "status": ["todo", "in-progress", "done", "x"],
    "period": ["30d", "90d", "1y", "0d", "999y", "9" * 20 + "d", "x"],
    "riasec": ["S", "SEC", "Social", "QQQ"], "wage": ["<40k", "60-80k", "150k+", "1M"],
}
DATE_NAMES = {"due", "deadline", "start", "date", "from_", "until", "since", "first", "last",
              "from"}


def _files(tmp: Path) -> dict[str, Path]:
    """Files to read, made once per command: each kind of thing a person might name."""
    made = {"folder": tmp, "missing": tmp / "missing.json", "under-a-file": tmp / "x" / "y"}
    (tmp / "x").write_text("a file")
    made["binary"] = tmp / "binary.bin"
    made["binary"].write_bytes(bytes(range(256)) * 8)
    made["deep"] = tmp / "deep.json"
    made["deep"].write_text("[" * 20_000 + "]" * 20_000)
    made["toml"] = tmp / "answers.toml"
    made["toml"].write_text('r01 = 4\nachievement1 = 9\n"2.A.1.a" = 99\nmin_income = nan\n'
                            'decisions = ["pause 1", "drop 2"]\nnotes = "\\u202e"\n')
    made["ics"] = FIXTURES / "calendars" / "work.ics"
    made["instrument"] = FIXTURES / "instruments" / "week5.toml"
    made["onet"] = ONET_SAMPLE_DIR
    return made


def _reads(tmp: Path, export: Path) -> st.SearchStrategy[str]:
    files = _files(tmp)
    files["export"] = export
    return st.sampled_from(sorted(str(p) for p in files.values()))


def _writes(tmp: Path) -> st.SearchStrategy[str]:
    return st.sampled_from([str(tmp / "out.file"), str(tmp), str(tmp / "no" / "dir" / "f"),
                            str(tmp / "x" / "under-a-file"), str(tmp / "twice.json")])


def _is_write(path: tuple[str, ...], name: str) -> bool:
    return (path in (("export",), ("plan", "export"), ("backup",)) and name == "file") or (
        name == "output")


def _value(path: tuple[str, ...], param: click.Parameter, tmp: Path, export: Path
           ) -> st.SearchStrategy[str]:
    name = (param.name or "").lower()
    kind = param.type
    if isinstance(kind, click.Path) or "path" in type(kind).__name__.lower() or name in (
            "answers", "from_", "file"):
        return _writes(tmp) if _is_write(path, name) else _reads(tmp, export)
    if kind is click.INT or isinstance(kind, click.types.IntParamType):
        return ints.map(str)
    if kind is click.FLOAT or isinstance(kind, click.types.FloatParamType):
        return floats
    options = {
        **dict.fromkeys(DATE_NAMES, dates), "duration": durations, "days": days,
        "day": days, "span": clocks, "time": clocks, "after": clocks, "before": clocks,
        "area": areas, "satisfaction": st.builds(lambda a, v: f"{a}={v}", areas, floats),
        "answer": st.builds(lambda a, v: f"{a}={v}", texts, floats),
        "weight": st.builds(lambda a, v: f"{a}={v}", st.sampled_from(
            ["interests", "skills", "income", "x"]), floats),
        "timezone": st.sampled_from(["Europe/Paris", "UTC", "Mars/Olympus", "", "../etc"]),
        # the optimiser's time is the person's to give; edges only, not minutes of solving
        "seconds": st.sampled_from(["-1", "nan", "inf", "601", "1e309", "0", "0.3", "x"]),
    }
    if name in options:
        return options[name]
    if name in CHOICES:
        return st.one_of(st.sampled_from(CHOICES[name]), texts)
    return texts


def _tokens(path: tuple[str, ...], param: click.Parameter, tmp: Path, export: Path
            ) -> st.SearchStrategy[list[str]]:
    """The command-line words for one parameter (possibly none)."""
    if isinstance(param, click.Option):
        if any(o in ("--help", "-h") for o in param.opts):
            return st.just([])
        flag = next(o for o in param.opts if o.startswith("--"))
        if param.is_flag:
            return st.sampled_from([[], [flag]])
        one = _value(path, param, tmp, export).map(lambda v: [f"{flag}={v}"])
        if param.multiple:
            return st.lists(one, max_size=3).map(lambda xs: [w for x in xs for w in x])
        return st.one_of(st.just([]), one)
    value = _value(path, param, tmp, export)
    if param.nargs == -1:
        return st.lists(value, min_size=1, max_size=3)
    return value.map(lambda v: [v])


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite database where every feature holds data, and the sample catalog."""
    from cairn.services.app import Cairn
    from test_transfer_all import fill_everything

    path = tmp_path_factory.mktemp("fuzz") / "seeded.db"
    with time_machine.travel(FROZEN_AT, tick=False):
        c = Cairn.open(f"sqlite:///{path}")
        fill_everything(c, cli_for(f"sqlite:///{path}"))
        c.catalog.install(ONET_SAMPLE_DIR)
        path.with_suffix(".json").write_bytes(c.data.export().content)
        c.close()
    return path


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_gives_a_result_or_a_clear_error(path, command, seeded, tmp_path,
                                                      monkeypatch):
    monkeypatch.setenv("CAIRN_ONET_URL", f"file://{tmp_path}/no-such-release.zip")  # offline
    monkeypatch.setenv("CAIRN_DATA_DIR", str(tmp_path / "data"))
    db = tmp_path / "cairn.db"
    shutil.copy(seeded, db)
    export = seeded.with_suffix(".json")
    files = tmp_path / "files"
    files.mkdir()
    words = [_tokens(path, p, files, export) for p in command.params]
    cli = cli_for(f"sqlite:///{db}")
    seen: list[list[str]] = []

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.tuples(*words) if words else st.just(()))
    def run(parts: tuple[list[str], ...]) -> None:
        args = [w for part in parts for w in part]
        seen.append(args)
        with time_machine.travel(FROZEN_AT + dt.timedelta(days=3), tick=False):
            started = time.monotonic()
            out = cli(*path, *args)
            took = time.monotonic() - started
        shown = out.stdout + out.stderr
        assert 0 <= out.exit_code <= 9, (args, shown)
        assert "Traceback" not in shown, (args, shown)
        assert _UNSAFE.search(shown) is None, (args, json.dumps(shown))
        assert took < SLOWEST_SECONDS, (args, took)

    run()
    assert seen
