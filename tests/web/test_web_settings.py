"""Settings: life areas, availability windows, boundaries, budgets and the time zone, each
form checked against what the command line lists; bad input is a 422 beside its field (or
a 404 for what is not there) and writes nothing."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from web.scenario import ok


def listed(cli, *args: str):
    return json.loads(ok(cli, *args, "--json"))


def post(client: TestClient, path: str, data: dict[str, str] | None = None):
    return client.post(path, data=data or {}, follow_redirects=False)


def test_the_page_shows_every_setting(member: TestClient, cli):
    ok(cli, "availability", "add", "mon-fri", "18:00-21:00")
    ok(cli, "boundary", "cutoff", "--after", "19:00", "-a", "career")
    ok(cli, "budget", "set", "learning", "--floor", "3", "--cap", "6")
    page = member.get("/settings")
    assert page.status_code == 200
    for area in listed(cli, "area", "list"):
        assert f'value="{area["name"]}"' in page.text
    assert page.text.count("18:00\u201321:00") == 5
    assert "no career work after 19:00" in page.text
    assert '<th scope="row">learning</th><td>3</td><td>6</td><td>defer</td>' in page.text
    assert 'value="UTC"' in page.text


def test_areas_are_added_renamed_archived_and_restored(member: TestClient, cli):
    assert post(member, "/settings/areas", {"area_name": "Music"}).status_code == 303
    music = next(a for a in listed(cli, "area", "list") if a["key"] == "music")
    assert post(member, f"/settings/areas/{music['id']}/rename",
                {"new_name": "Music and song"}).status_code == 303
    assert post(member, f"/settings/areas/{music['id']}/archive").status_code == 303
    assert all(a["key"] != "music" for a in listed(cli, "area", "list"))
    archived = next(a for a in listed(cli, "area", "list", "--archived") if a["key"] == "music")
    assert archived == {"id": music["id"], "key": "music", "name": "Music and song",
                        "archived": True}
    assert post(member, f"/settings/areas/{music['id']}/restore").status_code == 303
    assert any(a["key"] == "music" for a in listed(cli, "area", "list"))


@pytest.mark.parametrize(("path", "data", "status", "message"), [
    ("/settings/areas", {"area_name": ""}, 422, "area name"),
    ("/settings/areas", {"area_name": "Career"}, 422, "exists already"),
    ("/settings/areas", {"area_name": "!!!"}, 422, "no letters or digits"),
    ("/settings/areas/1/rename", {"new_name": ""}, 422, "area name"),
    ("/settings/areas/999/rename", {"new_name": "X"}, 422, "No life area"),
    ("/settings/areas/999/archive", {}, 404, "No life area"),
    ("/settings/areas/0/archive", {}, 422, ""),
])
def test_bad_area_changes_write_nothing(member: TestClient, exported, path, data, status,
                                        message):
    before = exported()
    page = post(member, path, data)
    assert page.status_code == status and message in page.text
    assert exported() == before


def test_windows_are_added_and_removed(member: TestClient, cli):
    assert post(member, "/settings/availability",
                {"days": "sat,sun", "span": "09:00-12:00", "kind": "free"}).status_code == 303
    assert post(member, "/settings/availability",
                {"days": "weekdays", "span": "09:00-17:00", "kind": "work"}).status_code == 303
    windows = listed(cli, "availability", "list")["windows"]
    free = [(w["weekday"], w["start"], w["end"]) for w in windows if w["kind"] == "free"]
    assert free == [("sat", "09:00", "12:00"), ("sun", "09:00", "12:00")]
    assert sum(w["kind"] == "work" for w in windows) == 5
    sat = next(w["id"] for w in windows if w["weekday"] == "sat")
    assert post(member, f"/settings/availability/{sat}/remove").status_code == 303
    assert len(listed(cli, "availability", "list")["windows"]) == 6


@pytest.mark.parametrize(("data", "field"), [
    ({"days": "someday", "span": "09:00-12:00", "kind": "free"}, "days"),
    ({"days": "mon", "span": "12:00-09:00", "kind": "free"}, "span"),
    ({"days": "mon", "span": "25:00-26:00", "kind": "free"}, "span"),
    ({"days": "mon", "span": "09:00-12:00", "kind": "play"}, "kind"),
])
def test_a_bad_window_is_shown_beside_its_field(member: TestClient, exported, data, field):
    before = exported()
    page = post(member, "/settings/availability", data)
    assert page.status_code == 422 and f'id="{field}-error"' in page.text
    assert f'value="{data["span"]}"' in page.text  # the values as typed
    assert exported() == before
    assert post(member, "/settings/availability/99/remove").status_code == 404


def test_boundaries_of_each_kind(member: TestClient, cli):
    for data in ({"boundary_kind": "cutoff", "boundary_area": "career", "after": "19:00"},
                 {"boundary_kind": "reserve", "boundary_area": "relationships",
                  "day": "sat,sun", "day_span": ""},
                 {"boundary_kind": "max-hours", "boundary_area": "career", "hours": "45"}):
        assert post(member, "/settings/boundaries", data).status_code == 303
    rules = [b["rule"] for b in listed(cli, "boundary", "list")]
    assert rules == ["no career work after 19:00",
                     "sat 00:00-24:00 only for relationships",
                     "sun 00:00-24:00 only for relationships",
                     "at most 45 career hours a week (working hours count)"]
    first = listed(cli, "boundary", "list")[0]["id"]
    assert post(member, f"/settings/boundaries/{first}/remove").status_code == 303
    assert len(listed(cli, "boundary", "list")) == 3


@pytest.mark.parametrize(("data", "message"), [
    ({"boundary_kind": "cutoff", "boundary_area": "career"}, "Give a time"),
    ({"boundary_kind": "cutoff", "boundary_area": "career", "after": "7pm"}, "Cannot read"),
    ({"boundary_kind": "cutoff", "boundary_area": "", "after": "19:00"}, "Choose a life area"),
    ({"boundary_kind": "cutoff", "boundary_area": "nowhere", "after": "19:00"}, "No life area"),
    ({"boundary_kind": "reserve", "boundary_area": "health", "day": "funday"}, "Cannot read"),
    ({"boundary_kind": "max-hours", "boundary_area": "career", "hours": "500"}, "between 0"),
    ({"boundary_kind": "max-hours", "boundary_area": "career", "hours": "nan"}, "number"),
    ({"boundary_kind": "never", "boundary_area": "career"}, "boundary"),
])
def test_a_bad_boundary_writes_nothing(member: TestClient, exported, data, message):
    before = exported()
    page = post(member, "/settings/boundaries", data)
    assert page.status_code == 422 and message in page.text
    assert exported() == before


def test_budgets_are_set_and_removed(member: TestClient, cli):
    assert post(member, "/settings/budgets", {"budget_area": "learning", "floor": "3",
                                              "cap": "6", "overflow": "allow"}).status_code == 303
    assert post(member, "/settings/budgets", {"budget_area": "health", "floor": "2",
                                              "cap": "", "overflow": "defer"}).status_code == 303
    assert listed(cli, "budget", "list") == [
        {"area": "learning", "floor_hours": 3.0, "cap_hours": 6.0, "overflow": "allow"},
        {"area": "health", "floor_hours": 2.0, "cap_hours": None, "overflow": "defer"}]
    assert post(member, "/settings/budgets/learning/remove").status_code == 303
    assert [b["area"] for b in listed(cli, "budget", "list")] == ["health"]


@pytest.mark.parametrize(("data", "status", "message"), [
    ({"budget_area": "learning", "floor": "6", "cap": "3", "overflow": "defer"}, 422,
     "do not make sense"),
    ({"budget_area": "learning", "floor": "lots", "cap": "", "overflow": "defer"}, 422,
     "Cannot read"),
    ({"budget_area": "learning", "floor": "1", "cap": "", "overflow": "spill"}, 422,
     "overflow"),
    ({"budget_area": "", "floor": "1", "cap": "", "overflow": "defer"}, 422,
     "Choose a life area"),
])
def test_a_bad_budget_writes_nothing(member: TestClient, exported, data, status, message):
    before = exported()
    page = post(member, "/settings/budgets", data)
    assert page.status_code == status and message in page.text
    assert exported() == before
    assert post(member, "/settings/budgets/learning/remove").status_code == 404
    assert exported() == before


def test_the_time_zone_and_session_lengths(member: TestClient, cli):
    done = post(member, "/settings/zone", {"timezone": "Europe/Paris", "session_min": "60",
                                           "session_max": "90"})
    assert done.status_code == 303
    assert listed(cli, "availability", "list")["timezone"] == "Europe/Paris"
    page = member.get("/settings").text
    assert 'value="Europe/Paris"' in page and 'value="60"' in page and 'value="90"' in page


@pytest.mark.parametrize(("data", "message"), [
    ({"timezone": "Mars/Olympus", "session_min": "30", "session_max": "120"},
     "is not a time zone"),
    ({"timezone": "UTC", "session_min": "45", "session_max": "120"}, "30-minute grid"),
    ({"timezone": "UTC", "session_min": "120", "session_max": "60"}, "30-minute grid"),
    ({"timezone": "UTC", "session_min": "1.5", "session_max": "60"}, "whole minutes"),
    ({"timezone": "", "session_min": "30", "session_max": "60"}, "time zone"),
])
def test_a_bad_zone_or_session_length_writes_nothing(member: TestClient, exported, data,
                                                     message):
    before = exported()
    page = post(member, "/settings/zone", data)
    assert page.status_code == 422 and message in page.text
    assert f'value="{data["timezone"]}"' in page.text
    assert exported() == before


def test_a_link_to_add_free_time_fills_in_the_form(member: TestClient):
    from cairn.core.actions import Action
    from cairn.web.links import href

    address = href(Action.to("availability.add", days="mon-fri", span="18:00-21:00"))
    assert address == "/settings?days=mon-fri&span=18%3A00-21%3A00"
    page = member.get(address).text
    assert 'value="mon-fri"' in page and 'value="18:00-21:00"' in page
