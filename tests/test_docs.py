"""The README and --help stay honest: every command documented, every setting listed."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from cairn.cli.main import app
from cairn.settings import SETTINGS

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def command_paths() -> Iterator[tuple[str, ...]]:
    """Every command and sub-command of the CLI, as word tuples (not the hidden ones kept
    for old scripts, which are in no help either)."""
    root = typer.main.get_command(app)

    def walk(cmd: object, path: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
        commands = getattr(cmd, "commands", None)
        if commands is None:
            yield path
            return
        if path:
            yield path
        for name, sub in commands.items():
            if not getattr(sub, "hidden", False):
                yield from walk(sub, (*path, name))

    yield from walk(root, ())


PATHS = sorted(command_paths())


def test_there_are_many_commands():
    assert len(PATHS) > 60


@pytest.mark.parametrize("path", PATHS, ids=" ".join)
def test_every_command_has_help_and_is_in_the_readme(path):
    result = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    assert len(result.output.split("Usage:")[1].strip().splitlines()) > 2  # more than usage
    words = " ".join(path)
    last = path[-1]
    # either written out in full, or named on a line that documents its group
    documented = f"cairn {words}" in README or (
        len(path) > 1 and any(re.search(rf"\b{re.escape(last)}\b", line)
                              for line in README.splitlines()
                              if f"`cairn {path[0]} " in line or f"`cairn {path[0]}`" in line))
    assert documented, f"`cairn {words}` is not in the README"


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.env)
def test_every_setting_is_documented(setting):
    assert f"`{setting.env}`" in README


def test_quick_start_has_exactly_two_commands_and_ci_runs_the_second():
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = quick.split("```console", 1)[1].split("```", 1)[0]
    commands = [line for line in block.splitlines() if line.startswith("$ ")]
    assert [c.split("#")[0].strip() for c in commands] == ["$ scripts/start", "$ scripts/test"]
    assert "scripts/test" in (ROOT / ".ci" / "run").read_text()


def test_help_does_not_load_the_database_layer():
    code = ("import sys; from cairn.cli.main import app\n"
            "try: app(['--help'])\nexcept SystemExit: pass\n"
            "print(sorted(m for m in ('sqlalchemy', 'dateparser', 'rich.table', 'ortools')"
            " if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_a_command_line_builds_only_the_command_it_names():
    from cairn.cli.main import _command_word

    assert _command_word(["--db", "sqlite://", "goal", "list"]) == "goal"
    assert _command_word(["--db=sqlite://", "status"]) == "status"
    assert _command_word(["--help"]) is None
    assert _command_word(["--version", "status"]) is None
    assert _command_word([]) is None


def test_a_command_runs_without_pydantic_and_typos_still_get_suggestions(tmp_path):
    url = f"sqlite:///{tmp_path / 'p.db'}"
    code = ("import sys; from cairn.cli.main import run\n"
            f"try: run(['--db', {url!r}, 'status'])\nexcept SystemExit: pass\n"
            "print('pydantic' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip().splitlines()[-1] == "False"
    typo = subprocess.run([sys.executable, "-m", "cairn", "--db", url, "statu"],
                          capture_output=True, text=True, check=False)
    assert typo.returncode == 2
    assert "Did you mean 'status'?" in typo.stderr


def test_every_package_has_a_docs_note():
    src = ROOT / "src" / "cairn"
    packages = [p for p in src.iterdir() if p.is_dir() and (p / "__init__.py").exists()]
    missing = [p.name for p in packages if not (p / "docs.md").exists()]
    assert missing == []


def test_the_tour_runs_every_step_on_a_throwaway_database(frozen):
    result = CliRunner().invoke(app, ["tour"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    text = result.output
    assert text.count("$ cairn ") == 22
    assert "That would make a loop of tasks" in text  # the one step that fails on purpose
    assert text.count("Error:") == 1
    assert "25%" in text and "Exported" in text
    assert "guitar (passion, habit)" in text  # the passion got time in the plan
    assert "Everything due in these weeks fits." in text
    assert "guitar: 0 week(s) in a row; this week 0 of 2." in text  # status, with its streak


def test_commands_work_in_a_fresh_process(tmp_path):
    """In-process tests share one interpreter, where every table is already registered;
    a real user's process starts empty. Run the main paths the way a user does."""
    env = {"CAIRN_DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.db'}", "PATH": "/usr/bin:/bin",
           "HOME": str(tmp_path), "CAIRN_DATA_DIR": str(tmp_path / "data")}
    sample = ROOT / "tests" / "fixtures" / "onet_sample"
    steps = [
        ["init", "--name", "Ada", "--stage", "transition", "--hours", "30"],
        ["catalog", "install", "--from", str(sample)],
        ["goal", "add", "Learn SQL", "--why", "Data", "--deadline", "2027-06-30"],
        ["goal", "edit", "1", "--deadline", "2027-09-30", "--reason", "busy"],
        ["task", "add", "Tutorial", "-e", "2", "-g", "1"],
        ["checkin", "--energy", "6", "--stress", "3"],
        ["status"],
        ["export", str(tmp_path / "out.json")],
    ]
    for args in steps:
        done = subprocess.run([sys.executable, "-m", "cairn", *args], env=env,
                              capture_output=True, text=True, check=False)
        assert done.returncode == 0, (args, done.stderr[-2000:])
        assert "Traceback" not in done.stderr
