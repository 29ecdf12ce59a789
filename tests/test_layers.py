"""The architecture, checked: dependencies point inward.

``core/`` is pure (no database, network, terminal, web or file access, nothing from the
outer packages); ``store/`` alone speaks SQL; ``catalog/`` alone reads O*NET files;
``services/`` knows nothing of the command line or the web. Imports under
``if TYPE_CHECKING:`` are annotations only and do not count.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "cairn"

IO_AND_UI = ("sqlalchemy", "alembic", "psycopg", "sqlite3", "typer", "click", "rich",
             "fastapi", "starlette", "uvicorn", "jinja2", "httpx", "requests", "urllib",
             "http", "socket", "matplotlib", "reportlab", "icalendar", "openpyxl",
             "platformdirs", "tzlocal", "os", "shutil", "tempfile", "pathlib", "zipfile")
OUTER = ("cairn.store", "cairn.services", "cairn.cli", "cairn.web", "cairn.catalog",
         "cairn.reports", "cairn.calendars", "cairn.settings")
SQL = ("sqlalchemy", "alembic", "psycopg", "sqlite3")
EDGES = ("typer", "click", "rich", "fastapi", "starlette", "uvicorn", "cairn.cli", "cairn.web")
RULES = {
    "core": ("core/ must stay pure", IO_AND_UI + OUTER),
    "services": ("services/ must not know the command line, the web or SQL", EDGES + SQL),
    "catalog": ("catalog/ reads files; it leaves SQL to store/", SQL + EDGES),
    "calendars": ("calendars/ converts .ics; no SQL or UI", SQL + EDGES),
    "reports": ("reports/ renders; no SQL or UI", SQL + EDGES),
    "web": ("web/ calls the services; no SQL, nothing of the command line",
            (*SQL, "typer", "click", "rich", "cairn.cli")),
}


def _runtime_imports(tree: ast.Module) -> Iterator[tuple[int, str]]:
    """(line, module) of every import that runs (not under ``if TYPE_CHECKING:``)."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip |= {id(n) for stmt in node.body for n in ast.walk(stmt)}
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.lineno, node.module


def _breaks(module: str, forbidden: tuple[str, ...]) -> bool:
    return any(module == f or module.startswith(f + ".") for f in forbidden)


@pytest.mark.parametrize("package", sorted(RULES))
def test_each_layer_imports_only_what_it_may(package: str):
    why, forbidden = RULES[package]
    found = []
    for path in sorted((PACKAGE / package).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found += [f"{path.relative_to(PACKAGE)}:{line} imports {module}"
                  for line, module in _runtime_imports(tree) if _breaks(module, forbidden)]
    assert found == [], why


def test_core_opens_no_files():
    """No ``open()`` and no path reads or writes in core/."""
    found = []
    for path in sorted((PACKAGE / "core").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = ast.unparse(node.func)
                if name == "open" or name.endswith((".read_text", ".read_bytes", ".write_text",
                                                    ".write_bytes", ".open")):
                    found.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {name}")
    assert found == []


def test_sql_lives_in_store_only():
    """Outside store/, SQLAlchemy appears only in annotations."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.relative_to(PACKAGE).parts[0] == "store":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found += [f"{path.relative_to(PACKAGE)}:{line} imports {module}"
                  for line, module in _runtime_imports(tree) if _breaks(module, SQL)]
    assert found == []


def test_the_checker_sees_a_forbidden_import():
    tree = ast.parse("import sqlalchemy\nfrom typing import TYPE_CHECKING\n"
                     "if TYPE_CHECKING:\n    import typer\n")
    assert [m for _, m in _runtime_imports(tree)] == ["sqlalchemy", "typing"]
