"""A finished resource raises each linked skill once; skills are checked against the real
O*NET catalog and shown by name; a resource's kind is said, never guessed."""

from __future__ import annotations

import json

from cairn.core.resources import ALREADY_RAISED, RatingOffer, once_per_resource, raised_for


def test_a_raise_is_recognised_by_its_resource_only():
    assert raised_for(3, "raised after finishing resource #3 SICP")
    assert not raised_for(3, "raised after finishing resource #31 Other")
    assert not raised_for(3, None)
    offers = [RatingOffer("2.B.3.e", "Programming", 2, 3), RatingOffer("2.A.1.a", "Reading", 4, 5)]
    [done, fresh] = once_per_resource(offers, {"2.B.3.e"})
    assert (done.current, done.proposed, done.why_not) == (2, None, ALREADY_RAISED)
    assert fresh == offers[1]


def _history(cli) -> list[dict]:
    return json.loads(cli("assess", "history", "skills", "--json").stdout)


def test_done_raise_again_does_not_raise_again(onet_person, tmp_path):
    cli = onet_person
    skills = tmp_path / "s.toml"
    skills.write_text('"2.B.3.e" = 2\n"2.A.1.a" = 4\n')
    assert cli("assess", "skills", "--knowledge", "--answers", str(skills)).exit_code == 0
    added = cli("resource", "add", "Python course", "--kind", "course", "--skill", "2.B.3.e")
    assert added.exit_code == 0, added.stderr
    assert "Skills: Programming (2.B.3.e)." in added.stdout
    rid = str(json.loads(cli("resource", "list", "--json").stdout)[-1]["id"])
    first = cli("resource", "done", rid, "--raise")
    assert "Self-rating for Programming: 2 -> 3." in first.stdout
    for _ in range(2):
        again = cli("resource", "done", rid, "--raise")
        assert again.exit_code == 0, again.stderr
        assert f"Skill Programming: 3; {ALREADY_RAISED}." in again.stdout
        assert "Self-rating for" not in again.stdout
    history = _history(cli)
    assert len(history) == 2  # the first take and the one raise
    assert history[-1]["scores"]["2.B.3.e"] == 3
    # a second resource on the same skill may raise it once more: it is new evidence
    cli("resource", "add", "Python book", "--kind", "book", "--skill", "2.B.3.e")
    other = str(json.loads(cli("resource", "list", "--json").stdout)[-1]["id"])
    assert "Self-rating for Programming: 3 -> 4." in cli("resource", "done", other,
                                                           "--raise").stdout
    assert len(_history(cli)) == 3


def test_unknown_skills_are_refused_and_known_ones_named(onet_person):
    cli = onet_person
    bad = cli("resource", "add", "Mystery", "--kind", "book", "--skill", "9.Z.9",
              "--skill", "2.B.3.e", "--skill", "reading")
    assert bad.exit_code != 0
    assert "Not O*NET element ids: reading." in bad.stderr
    assert "Not skills or knowledge in the O*NET catalog: 9.Z.9." in bad.stderr
    assert json.loads(cli("resource", "list", "--json").stdout) == []
    assert cli("resource", "add", "SQL course", "--kind", "course", "--skill", "2.B.3.e",
               "--skill", "2.C.3.a").exit_code == 0
    [doc] = json.loads(cli("resource", "list", "--json").stdout)
    assert doc["skills"] == ["2.B.3.e", "2.C.3.a"]
    assert doc["skill_names"] == ["Programming", "Computers and Electronics"]
    listed = cli("resource", "list").stdout
    assert "Programming (2.B.3.e)" in listed
    assert "Computers and Electronics (2.C.3.a)" in listed
    shown = cli("resource", "show", str(doc["id"])).stdout
    assert "skills: Programming (2.B.3.e), Computers and Electronics (2.C.3.a)" in shown
    done = cli("resource", "done", str(doc["id"]), "--no-raise")
    assert "Evidence recorded for skill Programming (2.B.3.e)." in done.stdout
    evidence = json.loads(cli("resource", "evidence", "--json").stdout)
    assert [e["skill_name"] for e in evidence] == ["Programming", "Computers and Electronics"]
    assert "Programming (2.B.3.e)" in cli("resource", "evidence").stdout


def test_the_kind_is_never_guessed(cli):
    cli("init", "--name", "Ada", "--stage", "exploring", "--hours", "0")
    missing = cli("resource", "add", "Intro to UX")
    assert missing.exit_code != 0
    assert "Say what kind of resource 'Intro to UX' is." in missing.stderr
    assert "--kind with one of: book, course" in missing.stderr
    assert json.loads(cli("resource", "list", "--json").stdout) == []


def test_the_kind_is_asked_in_a_terminal(cli, monkeypatch):
    from cairn.cli import output

    cli("init", "--name", "Ada", "--stage", "exploring", "--hours", "0")
    monkeypatch.setattr(output, "stdin_is_terminal", lambda: True)
    added = cli("resource", "add", "Intro to UX", input="course\n")
    assert added.exit_code == 0, added.stderr
    assert "Added course #1 Intro to UX." in added.stdout


def test_without_the_catalog_skill_ids_are_said_to_be_unchecked(cli):
    cli("init", "--name", "Ada", "--stage", "exploring", "--hours", "0")
    added = cli("resource", "add", "Intro to UX", "--kind", "course", "--skill", "2.B.1.a")
    assert added.exit_code == 0, added.stderr
    assert "Skill ids not checked: the occupation catalog is not installed" in added.stdout
    [doc] = json.loads(cli("resource", "list", "--json").stdout)
    assert doc["skill_names"] == [None]
