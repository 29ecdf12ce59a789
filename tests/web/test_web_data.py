"""Your data in-process: the rows kept, the export downloaded, delete-everything behind a
typed phrase, and an import that restores the export, or refuses a bad file with nothing
written."""

from __future__ import annotations

import html
import json
import re

import pytest
from fastapi.testclient import TestClient

from cairn.services.transfer import SCHEMA_VERSION
from web.scenario import ok


def field_error(page: str, name: str) -> str:
    found = re.search(rf'<p class="error" id="{re.escape(name)}-error">(.*?)</p>', page,
                      re.DOTALL)
    return html.unescape(found[1]) if found else ""


def some_data(cli) -> None:
    ok(cli, "goal", "add", "Learn SQL", "--area", "learning")
    ok(cli, "log", "add", "1h", "learning", "SQL")
    ok(cli, "win", "add", "Gave the talk")


def test_the_page_counts_the_rows_the_export_holds(member: TestClient, cli, exported):
    some_data(cli)
    page = member.get("/data")
    assert page.status_code == 200
    tables = json.loads(exported())["tables"]
    kept = {name: len(rows) for name, rows in tables.items() if rows}
    assert f"<strong>{sum(kept.values())}</strong> rows in {len(kept)} tables" in page.text
    for name, n in kept.items():
        assert f'<th scope="row">{name}</th><td>{n}</td>' in page.text


def test_the_export_downloads_as_the_command_line_writes_it(member: TestClient, cli, exported,
                                                            tmp_path):
    some_data(cli)
    got = member.get("/data/export")
    assert got.status_code == 200
    assert got.headers["content-type"] == "application/json"
    assert got.headers["content-disposition"] == (
        'attachment; filename="cairn-export-2026-11-23.json"')
    assert got.content == exported()
    target = tmp_path / "by-cli.json"
    ok(cli, "export", str(target))
    assert got.content == target.read_bytes()


@pytest.mark.parametrize("typed", ["", "delete", "DELETE EVERYTHING!", "delete everything?"])
def test_a_wrong_phrase_deletes_nothing(member: TestClient, cli, exported, typed):
    some_data(cli)
    before = exported()
    answer = member.post("/data/delete", data={"confirm": typed})
    assert answer.status_code == 422
    assert "Nothing was deleted" in field_error(answer.text, "confirm")
    assert "Type 'delete everything' exactly" in field_error(answer.text, "confirm")
    assert exported() == before


def test_delete_everything_then_import_restores_it(member: TestClient, cli, exported):
    some_data(cli)
    before = exported()
    rows = sum(len(r) for r in json.loads(before)["tables"].values())
    done = member.post("/data/delete", data={"confirm": "  Delete   Everything "},
                       follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == f"/data?deleted={rows}"
    assert all(not r for r in json.loads(exported())["tables"].values())
    page = member.get(done.headers["location"])
    assert f"Deleted {rows} rows" in page.text and "Nothing of yours is kept yet." in page.text
    again = member.post("/data/import", files={"file": ("backup.json", before,
                                                        "application/json")},
                        follow_redirects=False)
    assert again.status_code == 303 and again.headers["location"] == f"/data?imported={rows}"
    assert exported() == before
    assert f"Imported {rows} rows." in member.get(again.headers["location"]).text


def _export(tables: dict | None = None, **changes) -> bytes:
    return json.dumps({"format": "cairn-export", "schema_version": SCHEMA_VERSION,
                       "tables": tables or {}, **changes}).encode()


@pytest.mark.parametrize(("content", "says"), [
    (b"", "not a Cairn export"),
    (b"\xff\xfe\x00", "not UTF-8"),
    (b"{not json", "not a Cairn export"),
    (b'{"format": "something-else"}', "no 'cairn-export' marker"),
    (_export(schema_version=SCHEMA_VERSION + 1), "newer Cairn"),
    (_export(schema_version="12"), "no valid schema_version"),
    (_export(person={"timezone": "Mars/Olympus"}), "is not a time zone"),
])
def test_a_bad_file_is_refused_beside_the_field_and_nothing_is_written(
        member: TestClient, cli, exported, content, says):
    ok(cli, "delete-all-data", "--yes")
    before = exported()
    answer = member.post("/data/import", files={"file": ("mine.json", content, "text/plain")})
    assert answer.status_code == 422, answer.text
    assert says in field_error(answer.text, "file")
    assert exported() == before


def test_no_file_is_asked_for(member: TestClient, exported):
    before = exported()
    answer = member.post("/data/import", data={"other": "x"})
    assert answer.status_code == 422
    assert "Choose the file to import." in field_error(answer.text, "file")
    assert exported() == before


def test_an_import_over_data_is_a_conflict(member: TestClient, cli, exported):
    some_data(cli)
    before = exported()
    answer = member.post("/data/import", files={"file": ("mine.json", before,
                                                         "application/json")})
    assert answer.status_code == 409
    assert "You already have data" in html.unescape(answer.text)
    assert exported() == before
