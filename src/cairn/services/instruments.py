"""Instrument files: the questionnaires Cairn ships, and files people give, read by the engine.

Every questionnaire (the assessments, Cairn's check-in, a well-being scale a coach
loads) is a TOML file checked by :func:`cairn.core.instruments.read_instrument`,
which reports every problem at once.
"""

from __future__ import annotations

import functools
import tomllib
from importlib import resources
from pathlib import Path

from cairn import files
from cairn.core.assessment import Instrument
from cairn.core.instruments import read_instrument


@functools.cache
def shipped(key: str) -> Instrument:
    """An instrument Cairn ships in ``cairn/instruments/KEY.toml``."""
    text = resources.files("cairn.instruments").joinpath(f"{key}.toml").read_text(
        encoding="utf-8")
    return read_instrument(tomllib.loads(text))


def read_text(path: Path) -> str:
    """The text of a file a person names (an instrument, answers), or a clear error."""
    return files.read_text(path, "file", "Give a text file: TOML (answers may also be JSON).")


def read_file(path: Path) -> tuple[Instrument, str]:
    """An instrument file, checked, and its text (to keep it for later takes)."""
    text = read_text(path)
    doc = files.parse_toml(text, path, "Fix the syntax and load it again.")
    return read_instrument(doc), text
