"""Start-up: a command line imports only the CLI module of the command it names."""

from __future__ import annotations

import subprocess
import sys

from cairn.cli import main


def test_a_command_imports_only_its_own_cli_module(tmp_path):
    url = f"sqlite:///{tmp_path / 's.db'}"
    code = ("import sys; from cairn.cli.main import run\n"
            f"try: run(['--db', {url!r}, 'task', 'list'])\nexcept SystemExit: pass\n"
            "print(sorted(m for m in sys.modules if m.startswith('cairn.cli.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    loaded = out.strip().splitlines()[-1]
    assert "'cairn.cli.tasks'" in loaded
    for other in ("assess", "track", "goals", "plan", "support", "explore"):
        assert f"'cairn.cli.{other}'" not in loaded


def test_every_entry_names_a_command_and_the_full_tree_holds_them_all():
    full = main.full_app()
    names = [c.name for c in full.registered_commands] + [g.name for g in
                                                           full.registered_groups]
    assert sorted(names) == sorted(word for word, *_ in main.ENTRIES)
    assert main.app is full  # the module attribute is the same tree, built once


def test_explore_alone_still_holds_matching():
    pruned = main._only("explore")
    assert pruned is not None
    explore = pruned.registered_groups[0].typer_instance
    assert explore is not None
    names = [c.name for c in explore.registered_commands]
    assert {"match", "gap", "path"} <= set(names)
    assert len(names) == len(set(names))  # built twice, still registered once
    assert main._only("nonsense") is None
