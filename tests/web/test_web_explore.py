"""Explore and onboarding's assessments in the browser, in-process, on the real O*NET release
(both backends): every route with good and bad input, the API against `--json`, and the
figures shown against the O*NET files."""

from __future__ import annotations

import csv
import html
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import time_machine
from fastapi.testclient import TestClient

from cairn.services.app import Cairn
from cairn.web.app import create_app
from cairn.web.settings import WebSettings
from conftest import CliResult
from web.release import build_zip

pytestmark = pytest.mark.onet
NURSE = "29-1141.00"
DEVELOPER = "15-1252.00"
INVESTIGATIVE = {f"{k}{i:02d}": 5 if k == "i" else 1 for k in "riasec" for i in range(1, 11)}


@pytest.fixture
def web(onet_db: str, onet_person: Callable[..., CliResult],
        frozen: time_machine.Coordinates) -> Iterator[TestClient]:
    """The app on the database holding the real O*NET release, for the person `cairn init`
    made (deleted afterwards)."""
    with TestClient(create_app(WebSettings(database_url=onet_db, zone="UTC"))) as client:
        yield client


@pytest.fixture
def export_of(onet_db: str) -> Callable[[], bytes]:
    """The person's export (equal before and after: nothing was written)."""

    def export() -> bytes:
        app = Cairn.open(onet_db)
        try:
            return app.data.export().content
        finally:
            app.close()

    return export


@pytest.fixture
def uninstalled(db_url: str) -> Iterator[None]:
    """No catalog before the test nor after it (the PostgreSQL test database keeps its
    shared tables from one test to the next)."""

    def uninstall() -> None:
        app = Cairn.open(db_url)
        try:
            app.catalog.uninstall()
        finally:
            app.close()

    uninstall()
    yield
    uninstall()


def _rows(onet_dir: Path, name: str) -> list[dict[str, str]]:
    with (onet_dir / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def _json(result: CliResult) -> Any:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _text(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def _answer_interests(web: TestClient) -> None:
    for _ in range(60):
        page = web.get("/onboarding/assess/interests").text
        item = re.search(r'name="item_id" value="([^"]+)"', page)
        assert item is not None
        done = web.post("/onboarding/assess/interests",
                        data={"item_id": item[1], "answer": str(INVESTIGATIVE[item[1]])},
                        follow_redirects=False)
        assert done.status_code == 303
    assert done.headers["location"] == "/onboarding/assess/values"


# -- the catalog page and search ----------------------------------------------------------


def test_explore_shows_the_installed_catalog_and_its_attribution(web, onet_dir):
    page = web.get("/explore")
    assert page.status_code == 200
    occupations = len(_rows(onet_dir, "Occupation Data.txt"))
    text = _text(page.text)
    assert f"O*NET 30.1 is installed: {occupations} occupations" in text
    assert "This product includes information from the O*NET 30.1 Database" in text
    assert 'hx-trigger="keyup changed delay:300ms' in page.text


def test_search_page_fragment_and_api_equal_the_command_line(web, onet_person):
    cli = _json(onet_person("explore", "search", "nurse", "--limit", "15", "--json"))
    api = web.get("/api/v1/explore/search", params={"words": "nurse"})
    assert api.status_code == 200 and api.json() == cli
    page = web.get("/explore/search", params={"words": "nurse"})
    assert page.status_code == 200 and "<h1>" in page.text
    text = _text(page.text)
    for row in cli[:5]:
        assert f'href="/explore/{row["code"]}"' in page.text and row["title"] in text
    fragment = web.get("/explore/search", params={"words": "nurse"}, headers={"HX-Request": "1"})
    assert "<h1>" not in fragment.text and f"/explore/{cli[0]['code']}" in fragment.text


def test_search_with_bad_input(web, export_of):
    before = export_of()
    assert "occupation" not in _text(web.get("/explore/search", params={"words": "  "}).text
                                     ).split("Results")[1]
    assert web.get("/explore/search", params={"words": "x" * 1001}).status_code == 422
    assert web.get("/api/v1/explore/search", params={"words": ""}).status_code == 422
    assert web.get("/api/v1/explore/search",
                   params={"words": "nurse", "limit": 0}).status_code == 422
    assert export_of() == before


# -- an occupation ------------------------------------------------------------------------


def test_an_occupation_page_shows_what_the_o_net_files_say(web, onet_person, onet_dir):
    cli = _json(onet_person("explore", "show", NURSE, "--json"))
    api = web.get(f"/api/v1/explore/occupations/{NURSE}")
    assert api.status_code == 200 and api.json() == cli
    page = web.get(f"/explore/{NURSE}")
    assert page.status_code == 200
    text = _text(page.text)
    data = next(r for r in _rows(onet_dir, "Occupation Data.txt") if r["O*NET-SOC Code"] == NURSE)
    assert data["Title"] in text and data["Description"] in text
    skills = {(r["Element Name"], r["Scale ID"]): float(r["Data Value"])
              for r in _rows(onet_dir, "Skills.txt") if r["O*NET-SOC Code"] == NURSE}
    for skill in cli["skills"]:
        importance, level = skills[(skill["name"], "IM")], skills[(skill["name"], "LV")]
        assert f"{skill['name']} {importance:.2f} {level:.2f}" in text
    tasks = [r["Task"] for r in _rows(onet_dir, "Task Statements.txt")
             if r["O*NET-SOC Code"] == NURSE]
    assert len(cli["tasks"]) == len(tasks) and all(t in text for t in tasks[:5])
    zone = next(r["Job Zone"] for r in _rows(onet_dir, "Job Zones.txt")
                if r["O*NET-SOC Code"] == NURSE)
    assert f"(job zone {zone} of 5)" in text
    assert cli["attribution"] in text


def test_an_unknown_or_malformed_code_is_not_found(web):
    assert web.get("/explore/99-9999.00").status_code == 404
    assert web.get("/explore/nurse").status_code == 404
    assert web.get("/api/v1/explore/occupations/99-9999.00").status_code == 404
    assert web.get("/api/v1/explore/occupations/nurse").status_code == 422


# -- onboarding's assessments -------------------------------------------------------------


def test_assessment_one_item_at_a_time_resumes_where_it_stopped(web, onet_person, export_of):
    first = web.get("/onboarding/assess/interests")
    assert first.status_code == 200 and "1 of 60" in first.text and "0 answered" in first.text
    item = re.search(r'name="item_id" value="([^"]+)"', first.text)[1]
    before = export_of()
    bad = web.post("/onboarding/assess/interests", data={"item_id": item, "answer": "9"})
    assert bad.status_code == 422 and "is not one of the answers" in bad.text
    assert web.post("/onboarding/assess/interests", data={"item_id": item}).status_code == 422
    unknown = web.post("/onboarding/assess/interests", data={"item_id": "zz", "answer": "3"})
    assert unknown.status_code == 422
    assert export_of() == before
    saved = web.post("/onboarding/assess/interests", data={"item_id": item, "answer": "4"},
                     follow_redirects=False)
    assert saved.status_code == 303
    again = web.get("/onboarding/assess/interests")  # a reload, or a visit next week
    assert "2 of 60" in again.text and "1 answered" in again.text
    assert re.search(r'name="item_id" value="([^"]+)"', again.text)[1] != item
    assert web.get("/onboarding/assess/nothing").status_code == 404
    assert web.post("/onboarding/assess/nothing", data={"answer": "1"}).status_code == 404



def test_the_skills_profile_is_rated_in_the_browser_skipping_what_one_leaves(
        web, onet_person, onet_dir):
    first = web.get("/onboarding/assess/skills")
    total = int(re.search(r"1 of (\d+)", first.text)[1])
    skills = list(csv.DictReader((onet_dir / "Content Model Reference.txt").open(
        encoding="utf-8"), delimiter="\t"))
    named = {r["Element ID"]: r["Element Name"] for r in skills}
    rated = {}
    for n in range(total):
        page = web.get("/onboarding/assess/skills").text
        item = re.search(r'name="item_id" value="([^"]+)"', page)[1]
        assert named[item] in html.unescape(page) and "Skip this one" in page
        data = {"item_id": item, "answer": "5"} if n < 2 else {"item_id": item, "skip": "1"}
        if n < 2:
            rated[item] = 5.0
        done = web.post("/onboarding/assess/skills", data=data, follow_redirects=False)
        assert done.status_code == 303
    assert done.headers["location"] == "/assess"
    [take] = [t for t in _json(onet_person("assess", "history", "--json"))
              if t["instrument"] == "skills"]
    assert {k: v for k, v in take["scores"].items() if v is not None} == rated
    listed = _text(web.get("/assess").text)
    assert "finished" in listed and named[next(iter(rated))] in listed


def test_the_last_answer_scores_the_take_and_the_first_matches_follow(web, onet_person):
    _answer_interests(web)
    history = _json(onet_person("assess", "history", "--json"))
    assert [t["instrument"] for t in history] == ["interests"]
    done = web.get("/onboarding/assess/interests")
    assert "You finished this assessment" in done.text and "Investigative" in done.text
    first = web.get("/onboarding/matches")
    cli = _json(onet_person("explore", "match", "--limit", "5", "--json"))
    assert first.status_code == 200
    text = _text(first.text)
    for m in cli:
        assert m["title"] in text and m["components"]["interests"]["reason"] in text


# -- matches, gaps, goals, paths ----------------------------------------------------------


def test_matches_page_and_api_equal_the_command_line(web, onet_person, export_of):
    _answer_interests(web)
    cli = _json(onet_person("explore", "match", "--limit", "20", "-z", "4",
                            "-w", "interests=5", "--json"))
    api = web.get("/api/v1/explore/match", params={"limit": 20, "job_zone": 4,
                                                   "weight": "interests=5"})
    assert api.status_code == 200 and api.json() == cli
    page = web.get("/explore/matches", params={"zone4": "1", "w_interests": "5"})
    assert page.status_code == 200
    text = _text(page.text)
    assert "interests 5, skills 2" in text
    for m in cli:
        assert f"{m['title']} {m['code']} : {m['fit']:.0%}" in text
        assert m["components"]["interests"]["reason"] in text
    before = export_of()
    assert web.get("/explore/matches", params={"min_wage": "lots"}).status_code == 422
    assert web.get("/explore/matches", params={"w_skills": "-1"}).status_code == 422
    # a minimum wage needs the BLS wages: 409 (install them) while the shared O*NET
    # catalog has none, else the page (another test may have loaded them first)
    wages = _json(onet_person("catalog", "status", "--json")).get("wages_source")
    assert web.get("/explore/matches", params={"min_wage": "50000"}).status_code == (
        200 if wages else 409)
    assert web.get("/api/v1/explore/match", params={"job_zone": 6}).status_code == 422
    assert web.get("/api/v1/explore/match", params={"weight": "luck=2"}).status_code == 422
    assert export_of() == before


def test_gaps_page_and_api_equal_the_command_line_and_make_a_goal(web, onet_person,
                                                                  export_of, tmp_path):
    skills = tmp_path / "s.toml"
    skills.write_text('"2.A.1.a" = 4\n"2.B.3.e" = 1\n"2.C.3.a" = 2\n')
    assert onet_person("assess", "skills", "--knowledge", "--answers", str(skills)
                       ).exit_code == 0
    cli = _json(onet_person("explore", "gap", DEVELOPER, "--json"))
    api = web.get(f"/api/v1/explore/occupations/{DEVELOPER}/gap")
    assert api.status_code == 200 and api.json() == cli
    page = web.get(f"/explore/{DEVELOPER}/gap")
    text = _text(page.text)
    for n, g in enumerate(cli["gaps"], 1):
        assert (f"{n} {g['name']} {g['importance']:.1f} {g['required']:.1f} "
                f"{g['current']:g} {g['priority']:.1f}") in text
    before = export_of()
    for bad in ({"top": "two"}, {"top": "0"}, {"top": "2.5"}, {"top": "2", "hours_per_week": "x"}):
        assert web.post(f"/explore/{DEVELOPER}/gap", data=bad).status_code == 422, bad
    assert export_of() == before
    made = web.post(f"/explore/{DEVELOPER}/gap", data={"top": "2", "hours_per_week": "6"},
                    follow_redirects=False)
    assert made.status_code == 303
    goals = _json(onet_person("goal", "list", "--json"))
    assert [g["title"] for g in goals] == ["Close my top 2 skill gaps for Software Developers"]
    assert str(goals[0]["id"]) in made.headers["location"]


def test_a_gap_goal_needs_rated_skills(web, export_of):
    before = export_of()
    refused = web.post(f"/explore/{NURSE}/gap", data={"top": "5"})
    assert refused.status_code == 422 and "no rated skill gaps" in refused.text
    assert export_of() == before


def test_career_paths_are_drawn_and_listed_alike(web, onet_person):
    source = "31-1131.00"
    cli = _json(onet_person("explore", "path", source, NURSE, "--json"))
    page = web.get(f"/explore/{NURSE}/path", params={"from": source})
    assert page.status_code == 200
    drawn = page.text.index('<svg role="img"')
    svg = page.text[drawn:page.text.index("</svg>", drawn)]
    codes = {s["code"] for p in cli for s in p["steps"]}
    assert set(re.findall(r'data-code="([\d.-]+)"', svg)) == codes
    listed = page.text[page.text.index('id="list-title"'):]
    for p in cli:
        assert f"skill distance {p['cost']:.2f}" in listed
    asked = web.get(f"/explore/{NURSE}/path")  # no start given, none recorded
    assert asked.status_code == 200 and 'name="from"' in asked.text
    assert web.get(f"/explore/{NURSE}/path", params={"from": "x"}).status_code == 404


# -- installing from the browser ----------------------------------------------------------


def test_upload_a_release_zip_and_watch_it_install(uninstalled, client, onet_dir,
                                                   tmp_path_factory, exported):
    before = exported()
    bad = client.post("/explore/install",
                      files={"release": ("notes.zip", b"not a zip", "application/zip")})
    assert bad.status_code == 422 and "release" in bad.text
    assert client.post("/explore/install", data={}).status_code == 422
    assert "not installed yet" in client.get("/explore").text
    assert exported() == before
    release = build_zip(onet_dir, tmp_path_factory.mktemp("release"))
    with release.open("rb") as f:
        started = client.post("/explore/install", files={"release": (release.name, f,
                                                                     "application/zip")},
                              follow_redirects=False)
    assert started.status_code == 303 and started.headers["location"] == "/explore/install"
    progress = client.get("/explore/install")
    assert progress.status_code == 200 and 'id="progress"' in progress.text
    job = client.app.state.catalog_installs.wait(300)
    assert job is not None and job.state == "done", job
    occupations = len(_rows(onet_dir, "Occupation Data.txt"))
    assert f"{occupations} occupations" in client.get("/explore/install").text
    assert f"{occupations} occupations" in _text(client.get("/explore").text)


def test_a_download_that_fails_says_why_and_installs_nothing(uninstalled, client, monkeypatch,
                                                            exported):
    monkeypatch.setenv("CAIRN_ONET_URL", "http://127.0.0.1:9/db_30_1_text.zip")  # refused
    before = exported()
    started = client.post("/explore/install", data={"download": "1"}, follow_redirects=False)
    assert started.status_code == 303
    job = client.app.state.catalog_installs.wait(60)
    assert job is not None and job.state == "failed"
    assert "Could not download the O*NET release" in job.message
    shown = client.get("/explore/install")
    assert "The install failed." in shown.text and "Could not download" in shown.text
    assert "not installed yet" in client.get("/explore").text
    assert exported() == before


def test_a_running_install_shows_its_bar_polls_and_refuses_a_second(client, exported,
                                                                      tmp_path):
    import time

    from cairn.web.installs import WRITE_EVERY, Installs

    shared = tmp_path / "catalog-install.json"
    client.app.state.catalog_installs = Installs(shared)  # the worker answering the page
    running = Installs(shared)  # another worker of the same server, running the install
    for step in range(9):
        running.start(f"file {step}.txt" if step < 8 else "Skills.txt", 400)
    time.sleep(WRITE_EVERY)
    running.update(100)
    page = client.get("/explore/install")
    assert "Step 9: Skills.txt" in page.text
    assert 'value="25"' in page.text and "25%" in page.text
    assert 'hx-trigger="every 1s"' in page.text  # htmx polls the bar
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in page.text
    fragment = client.get("/explore/install", headers={"HX-Request": "1"})
    assert "<h1>" not in fragment.text and "Step 9: Skills.txt" in fragment.text
    assert "An install is running" in client.get("/explore").text
    before = exported()
    again = client.post("/explore/install", data={"download": "1"})
    assert again.status_code == 409 and "being installed already" in again.text
    assert exported() == before
    running._set(state="done", message="O*NET 30.1 is installed: 1016 occupations.")  # as it ends
    done = client.get("/explore/install")
    assert "http-equiv" not in done.text and "every 1s" not in done.text
    assert "Done." in done.text and "1016 occupations" in done.text


def test_an_install_whose_process_ended_shows_as_stopped(client, tmp_path):
    import json
    import subprocess
    import sys

    from cairn.web.installs import Installs

    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    shared = tmp_path / "catalog-install.json"
    running = Installs(shared)
    running.start("Skills.txt", 400)
    record = json.loads(shared.read_text(encoding="utf-8"))
    shared.write_text(json.dumps(record | {"pid": int(gone.stdout)}), encoding="utf-8")
    client.app.state.catalog_installs = Installs(shared)
    page = client.get("/explore/install").text
    assert "stopped before it finished" in page and "every 1s" not in page
    assert "An install is running" not in client.get("/explore").text
