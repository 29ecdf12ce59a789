"""The profile and life areas: defaults, rename, add, archive, restore."""

from __future__ import annotations

import json

import pytest

from cairn.core.errors import Conflict, InvalidInput


def keys(cli, *extra):
    return [a["key"] for a in json.loads(cli("area", "list", "--json", *extra).stdout)]


def test_eight_default_areas(cli):
    cli("init", "--name", "Ada", "--stage", "exploring", "--hours", "0")
    assert keys(cli) == ["career", "learning", "passion", "health", "relationships", "finance",
                         "rest", "community"]


def test_rename_add_archive_restore(cli):
    cli("init", "--name", "Ada", "--stage", "exploring", "--hours", "0")
    assert cli("area", "rename", "passion", "Music").exit_code == 0
    names = {a["key"]: a["name"] for a in json.loads(cli("area", "list", "--json").stdout)}
    assert names["passion"] == "Music"
    assert cli("area", "add", "Side Projects").exit_code == 0
    assert "side-projects" in keys(cli)
    assert cli("area", "archive", "community").exit_code == 0
    assert "community" not in keys(cli)
    assert "community" in keys(cli, "--archived")
    blocked = cli("goal", "add", "Volunteer", "--area", "community")
    assert blocked.exit_code == Conflict.exit_code
    assert "area restore community" in blocked.stderr
    assert cli("area", "restore", "community").exit_code == 0
    assert cli("goal", "add", "Volunteer", "--area", "Community").exit_code == 0
    duplicate = cli("area", "add", "side projects")
    assert duplicate.exit_code == Conflict.exit_code


def test_profile_validation(cairn):
    with pytest.raises(InvalidInput, match="not a life stage"):
        cairn.profile.init("Ada", "retired-ish", 10)
    with pytest.raises(InvalidInput, match="outside"):
        cairn.profile.init("Ada", "exploring", 200)
    profile = cairn.profile.init("Ada", "Later career", 20)
    assert profile.life_stage.value == "later-career"
    again = cairn.profile.init("Ada L.", "later-career", 16)
    assert again.created_at == profile.created_at
    assert len(cairn.profile.areas()) == 8  # defaults are added once
