"""The assessment engine (pure, from written-out examples) and the assessment service."""

from __future__ import annotations

import json
import tomllib
from importlib import resources

import pytest

from cairn.core.assessment import score
from cairn.core.errors import Conflict, InvalidInput
from cairn.core.instruments import read_instrument

TINY = """
[instrument]
key = "tiny"
title = "Tiny"
scoring = "{rule}"
missing = "{missing}"
code_letters = 2
transform = {{ multiply = 2.0, add = 1.0 }}

[response]
min = 1
max = 5

[[scales]]
id = "X"
name = "Ex"

[[scales]]
id = "Y"
name = "Why"

[[scales]]
id = "Z"
name = "Zed"

[[bands]]
low = 0
high = 6
label = "low"
meaning = "not much"

[[bands]]
low = 6
high = 11
label = "high"
meaning = "a lot"

[[items]]
id = "x1"
scale = "X"
text = "one"

[[items]]
id = "x2"
scale = "X"
text = "two, reversed"
reverse = true

[[items]]
id = "y1"
scale = "Y"
text = "three"

[[items]]
id = "z1"
scale = "Z"
text = "four"
"""


def tiny(rule: str = "mean", missing: str = "refuse"):
    return read_instrument(tomllib.loads(TINY.format(rule=rule, missing=missing)))


def test_reverse_keys_rule_transform_and_bands():
    # x1 = 5, x2 = 2 reversed on 1-5 is 4: mean 4.5 -> 4.5 * 2 + 1 = 10 (high)
    result = score(tiny(), {"x1": 5, "x2": 2, "y1": 1, "z1": 3})
    by = {s.scale: s for s in result.scores}
    assert by["X"].score == 10.0 and by["X"].band == "high" and by["X"].meaning == "a lot"
    assert by["Y"].score == 3.0 and by["Y"].band == "low"
    assert by["Z"].score == 7.0
    assert result.code == "XZ"
    summed = score(tiny("sum"), {"x1": 5, "x2": 2, "y1": 1, "z1": 3})
    assert summed.by_scale()["X"] == 9 * 2 + 1


def test_missing_answers_refused_by_default():
    with pytest.raises(InvalidInput, match="1 item\\(s\\) are unanswered: y1"):
        score(tiny(), {"x1": 5, "x2": 2, "z1": 3})


def test_missing_answers_skipped_or_given_the_midpoint():
    skipped = score(tiny(missing="skip"), {"x1": 5, "z1": 3})
    assert skipped.by_scale() == {"X": 11.0, "Z": 7.0}
    assert next(s for s in skipped.scores if s.scale == "X").answered == 1
    midpoint = score(tiny(missing="midpoint"), {"x1": 5, "z1": 3})
    assert midpoint.by_scale()["Y"] == 3 * 2 + 1
    assert midpoint.by_scale()["X"] == (5 + 3) / 2 * 2 + 1


def test_out_of_range_and_unknown_answers_are_all_reported():
    with pytest.raises(InvalidInput) as caught:
        score(tiny(), {"x1": 9, "x2": 2, "y1": 1, "z1": 3, "nope": 2})
    assert "'nope' is not an item" in caught.value.message
    assert "x1: 9 is outside 1-5" in caught.value.message


def test_ties_are_explained():
    result = score(tiny(), {"x1": 3, "x2": 3, "y1": 3, "z1": 5})
    assert result.code == "ZX"
    assert any("Ex and Why are tied" in n and "last place" in n for n in result.notes)


def test_an_invalid_instrument_reports_every_problem_at_once():
    doc = {
        "instrument": {"title": "Broken", "scoring": "median", "missing": "guess",
                       "code_letters": 2},
        "response": {"min": 5, "max": 1},
        "scales": [{"id": "A", "name": "Aye"}, {"id": "A", "name": "Again"},
                   {"id": "B", "name": "Bee"}, {"id": "Bz", "name": "Buzz"}],
        "items": [{"id": "a1", "scale": "A", "text": "x"}, {"id": "a1", "scale": "Q"},
                  {"id": "a2", "scale": "A", "text": "y", "reverse": "yes"}],
        "bands": [{"low": 1, "high": 3, "label": "lo"}, {"low": 2, "high": 5, "label": "hi"}],
    }
    with pytest.raises(InvalidInput) as caught:
        read_instrument(doc)
    msg = caught.value.message
    for says in ("`key` is missing", "`scoring` must be one of", "`missing` must be one of",
                 "`min` (5) must be below `max` (1)", "scale 'A' is defined twice",
                 "`text` is missing", "scale 'Q' is not one of", "`reverse` must be true",
                 "scale 'B' has no items", "overlap", "start with a different letter"):
        assert says in msg, says


@pytest.mark.parametrize("key", ["interests", "values", "skills"])
def test_shipped_instruments_are_valid(key):
    text = resources.files("cairn.instruments").joinpath(f"{key}.toml").read_text("utf-8")
    inst = read_instrument(tomllib.loads(text))
    if key == "interests":
        assert len(inst.items) == 60 and inst.code_letters == 3
        assert all(sum(it.scale == s for it in inst.items) == 10 for s in "RIASEC")
    if key == "values":
        assert [s.name for s in inst.scales] == ["Achievement", "Working Conditions",
                                                 "Recognition", "Relationships", "Support",
                                                 "Independence"]
    if key == "skills":  # the level words come from core/levels.py, not the file
        assert inst.items_from == "catalog:skills" and (inst.low, inst.high) == (0, 7)
        assert not inst.labels and not inst.bands


def pure(letter: str) -> dict[str, int]:
    return {f"{k}{i:02d}": 5 if k == letter else 1 for k in "riasec" for i in range(1, 11)}


def test_takes_are_kept_and_history_shows_changes(person, tmp_path):
    inst = person.assess.instrument("interests")
    first = person.assess.take(inst, pure("s"))
    assert first.code[0] == "S" and first.scores["S"] == 5.0
    second = person.assess.take(inst, pure("i"))
    found = person.assess.history("interests")
    assert [t.id for t, _ in found] == [first.id, second.id]
    assert found[0][1] == []
    assert found[1][1][0].startswith("Code: S")
    assert any(line.startswith("Social: 5 -> 1") for line in found[1][1])


def test_an_interrupted_take_resumes(person):
    inst = person.assess.instrument("values")
    take, answered = person.assess.resume("values", inst.version)
    assert answered == {}
    person.assess.answer(inst, take.id, "achievement1", 4)
    again, answered = person.assess.resume("values", inst.version)
    assert again.id == take.id and answered == {"achievement1": 4.0}
    with pytest.raises(InvalidInput, match="unanswered"):
        person.assess.finish(inst, take.id)
    for it in inst.items:
        person.assess.answer(inst, take.id, it.id, 3)
    done = person.assess.finish(inst, take.id)
    assert done.finished and done.scores["independence"] == 3.0
    assert person.assess.resume("values", inst.version)[0].id != take.id


def test_cli_interactive_shows_progress_and_saves_each_answer(cli, tmp_path):
    out = cli("assess", "values", input="4\n5\nq\n")
    assert out.exit_code == 0
    assert "question 1 of 18" in out.stdout and "question 3 of 18" in out.stdout
    answers = "\n".join(["3"] * 16) + "\n"
    out = cli("assess", "values", input=answers)
    assert "Resuming: 2 of 18" in out.stdout and "Achievement" in out.stdout
    hist = cli("assess", "history", "--json")
    rows = json.loads(hist.stdout)
    assert len(rows) == 1 and rows[0]["scores"]["achievement"] == pytest.approx(4)


def test_cli_answers_file_and_load(cli, tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps(pure("r")))
    out = cli("assess", "interests", "--answers", str(path), "--json")
    assert json.loads(out.stdout)["code"].startswith("R")
    inst = tmp_path / "tiny.toml"
    inst.write_text(TINY.format(rule="mean", missing="refuse"))
    assert "Loaded Tiny" in cli("assess", "load", str(inst)).stdout
    answers = tmp_path / "t.toml"
    answers.write_text("x1 = 5\nx2 = 1\ny1 = 2\nz1 = 3\n")
    out = cli("assess", "take", "tiny", "--answers", str(answers), "--json")
    assert json.loads(out.stdout)["code"] == "XZ"
    bad = tmp_path / "bad.toml"
    bad.write_text('[instrument]\nkey = "b"\n')
    out = cli("assess", "load", str(bad))
    assert out.exit_code == InvalidInput.exit_code
    assert "`title` is missing" in out.stderr and "[response] table is missing" in out.stderr


def test_loading_a_shipped_key_conflicts(person, tmp_path):
    path = tmp_path / "i.toml"
    path.write_text(TINY.format(rule="mean", missing="refuse").replace('"tiny"', '"interests"'))
    with pytest.raises(Conflict):
        person.assess.load(path)


def test_passions_and_constraints(person):
    take = person.assess.save_constraints({
        "min_income": 45000, "max_hours": 40, "max_job_zone": 4,
        "passions": [{"name": "woodworking", "hours": 5, "income": True}]})
    got = person.assess.person().constraints
    assert got.min_income == 45000 and got.max_job_zone == 4
    assert got.passions[0].name == "woodworking" and got.passions[0].income
    assert take.scores["max_hours"] == 40
    with pytest.raises(InvalidInput) as caught:
        person.assess.save_constraints({"max_job_zone": 9, "passions": [{"hours": 2}],
                                        "colour": "red"})
    assert "max_job_zone" in caught.value.message and "passion 1: needs a name" in \
        caught.value.message and "'colour'" in caught.value.message


def test_cli_passions_interactive_reasks_bad_numbers(cli):
    cli("init", "--name", "Ada", "--stage", "exploring", "--hours", "0")
    out = cli("assess", "passions", input="lots\n45,000\n\n9\n4\n\nwoodwork\n3\ny\n")
    assert out.exit_code != 0  # input ran out: interrupted after the first passion
    assert "Give a number" in out.stdout and "outside 1-5" in out.stdout
    out = cli("assess", "passions", "--json", input="\n\n")  # go on; no more passions
    assert "Resuming: 5 answers" in out.stdout and "passion: woodwork (3 h a week" in out.stdout
    doc = json.loads(out.stdout[out.stdout.index("{"):])
    assert doc["min_income"] == 45000 and doc["max_job_zone"] == 4
    assert doc["passions"] == [{"name": "woodwork", "hours": 3.0, "income": True}]


def test_cli_history_shows_what_changed(cli, tmp_path):
    for n, letter in enumerate("sa"):
        path = tmp_path / f"{n}.json"
        path.write_text(json.dumps(pure(letter)))
        assert cli("assess", "interests", "--answers", str(path)).exit_code == 0
    out = cli("assess", "history", "interests")
    assert "first take" in out.stdout and "Code: S" in out.stdout
    assert "interests" in cli("assess", "list").stdout


def test_a_bad_answers_file_is_refused(cli, tmp_path):
    path = tmp_path / "a.toml"
    path.write_text("r01 = [")
    out = cli("assess", "interests", "--answers", str(path))
    assert out.exit_code == 8 and "not valid TOML or JSON" in out.stderr
    path.write_text('r01 = "a lot"')
    out = cli("assess", "interests", "--answers", str(path))
    assert out.exit_code == InvalidInput.exit_code and "not a number" in out.stderr
    path.write_bytes(b"\xff\xfe\x00r01 = 4")  # not text at all: said, not a traceback
    for args in (("assess", "interests", "--answers"), ("checkin", "--instrument")):
        out = cli(*args, str(path))
        assert out.exit_code == 8 and "is not a text file (UTF-8)" in out.stderr, args


def test_values_can_be_ranked(cli, person):
    out = cli("assess", "values", "--rank", "--order",
              "Independence, achievement,Support,Relationships,Recognition,working conditions",
              "--json")
    assert out.exit_code == 0, out.stderr
    scores = {r["scale"]: r["score"] for r in json.loads(out.stdout)["scores"]}
    assert scores["independence"] == 5 and scores["working_conditions"] == 1
    assert scores["support"] == pytest.approx(3.4)
    typed = cli("assess", "values", "--rank", input="2 1 3 4 5 6\n")
    assert typed.exit_code == 0 and "Working Conditions" in typed.stdout
    bad = cli("assess", "values", "--rank", "--order", "Achievement,Achievement")
    assert bad.exit_code == InvalidInput.exit_code and "each of the six" in bad.stderr


def test_a_flat_interest_profile_gets_no_code(person):
    inst = person.assess.instrument("interests")
    flat = score(inst, dict.fromkeys((it.id for it in inst.items), 3))
    assert flat.code == ""
    assert len(flat.notes) == 1 and "flat" in flat.notes[0]
    assert "every letter" in flat.notes[0]
    take = person.assess.take(inst, dict.fromkeys((it.id for it in inst.items), 3))
    assert take.code == ""


def test_tied_letters_name_every_place_they_could_take(person):
    inst = person.assess.instrument("interests")
    answers = {it.id: 5 if it.scale in "RIAS" else 1 for it in inst.items}
    result = score(inst, answers)  # four types tied for three places
    assert result.code == "RIA"
    assert any("any place of the code" in n for n in result.notes)
    answers = {it.id: {"R": 5, "I": 4, "A": 4, "S": 4}.get(it.scale, 1) for it in inst.items}
    result = score(inst, answers)  # three tied for the last two places
    assert result.code == "RIA"
    assert any("the last 2 places" in n for n in result.notes)


def test_values_items_are_all_answered_on_the_importance_scale_and_credit_onet(onet_dir):
    import csv

    text = resources.files("cairn.instruments").joinpath("values.toml").read_text("utf-8")
    inst = read_instrument(tomllib.loads(text))
    assert not any(it.reverse for it in inst.items)
    assert inst.labels[1] == "Not important" and inst.labels[5] == "Essential"
    with (onet_dir / "Content Model Reference.txt").open(encoding="utf-8", newline="") as f:
        needs = {r["Element ID"]: r["Description"] for r in csv.DictReader(f, delimiter="\t")}
    for element in ("1.B.2.f.1", "1.B.2.f.2", "1.B.2.f.3"):  # Independence's three needs
        assert needs[element] in inst.licence
    assert "CC BY 4.0" in inst.licence and "USDOL/ETA" in inst.licence
