"""Allow ``python -m cairn``."""

from cairn.cli.main import run

run()
