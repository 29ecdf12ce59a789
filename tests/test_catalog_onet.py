"""The occupation catalog on the real O*NET 30.1 release, imported once per backend."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from cairn.core.errors import ImportFormatError, InvalidInput
from cairn.core.occupations import RIASEC_NAMES
from cairn.store import catalog as store

pytestmark = pytest.mark.onet
KNOWN = ("29-1141.00", "15-1252.00", "47-2031.00", "35-1011.00", "13-2011.00")


def _interests_from_file(onet_dir: Path, code: str) -> tuple[list[float], str]:
    """The OI ratings (R..C) and high-point letters of ``code`` as stated in Interests.txt."""
    scores: dict[str, float] = {}
    high: list[str] = []
    with (onet_dir / "Interests.txt").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["O*NET-SOC Code"] != code:
                continue
            if row["Scale ID"] == "OI":
                scores[row["Element Name"]] = float(row["Data Value"])
            elif row["Scale ID"] == "IH" and float(row["Data Value"]) > 0:
                high.append("RIASEC"[int(float(row["Data Value"])) - 1])
    return [scores[n] for n in RIASEC_NAMES], "".join(high)


def test_all_occupations_are_installed(onet, onet_dir):
    with (onet_dir / "Occupation Data.txt").open(encoding="utf-8") as f:
        in_file = sum(1 for _ in f) - 1
    st = onet.catalog.status()
    assert in_file == st.counts["onet_occupation"] == 1016
    assert st.version == "30.1"
    with onet.scope.read() as s:
        assert store.occupation_count(s) == 1016


@pytest.mark.parametrize("code", KNOWN)
def test_riasec_profile_as_stated_in_interests_file(onet, onet_dir, code):
    expected, letters = _interests_from_file(onet_dir, code)
    with onet.scope.read() as s:
        codes, rows = store.interest_matrix(s)
    assert list(rows[codes.index(code)]) == expected
    page = onet.catalog.show(code)
    assert page.interests is not None
    assert list(page.interests.scores) == expected
    assert page.interests.high_point == letters
    assert page.occupation.riasec_code == letters


def test_element_matrix_covers_every_rated_skill(onet):
    with onet.scope.read() as s:
        codes, ids, names, importance, level = store.element_matrix(s, "skills")
    assert len(ids) == len(names) == 35
    assert len(codes) == len(importance) == len(level) == 894
    assert all(1.0 <= v <= 5.0 for row in importance for v in row)
    assert all(0.0 <= v <= 7.0 for row in level for v in row)
    dev = codes.index("15-1252.00")
    assert importance[dev][names.index("Programming")] >= 4.0


SEARCHES = [
    ("nurse", "29-1141.00", 3),
    ("software developer", "15-1252.00", 1),
    ("woodworking", "51-7042.00", 2),
    ("truck driver", "53-3032.00", 3),
    ("accountant", "13-2011.00", 1),
    ("chef", "35-1011.00", 1),
    ("electrician", "47-2111.00", 1),
    ("data scientist", "15-2051.00", 1),
    ("lawyer", "23-1011.00", 1),
    ("plumber", "47-2152.00", 1),
    ("carpenter", "47-2031.00", 1),
    ("pharmacist", "29-1051.00", 1),
    ("police officer", "33-3051.00", 3),
    ("web developer", "15-1254.00", 1),
]


@pytest.mark.parametrize(("query", "code", "within"), SEARCHES)
def test_everyday_searches(onet, query, code, within):
    hits = onet.catalog.search(query, 10)
    assert code in [h.occupation.code for h in hits[:within]], [
        h.occupation.title for h in hits]


def test_teacher_search_lists_teachers(onet):
    hits = onet.catalog.search("teacher", 10)
    assert len(hits) == 10
    assert all("Teacher" in h.occupation.title for h in hits)


def test_show_the_full_page(onet):
    page = onet.catalog.show("Registered Nurses")
    assert page.occupation.code == "29-1141.00"
    assert page.job_zone is not None
    assert page.job_zone.zone == page.occupation.job_zone == 4
    assert len(page.skills) == 10
    assert page.skills[0].importance >= page.skills[-1].importance
    assert len(page.work_values) == 6
    assert page.work_styles
    assert any(t.core for t in page.tasks)
    assert any(t.hot for t in page.technology)
    assert any(e.kind == "education" for e in page.education)
    assert page.related
    assert page.related[0].tier.startswith("Primary")
    assert "O*NET 30.1 Database" in page.attribution


def test_failed_reimport_leaves_the_catalog_intact(onet, onet_dir, tmp_path):
    copy = tmp_path / "db_30_1_text"
    copy.mkdir()
    for f in onet_dir.iterdir():
        (copy / f.name).symlink_to(f)
    broken = copy / "Task Statements.txt"
    broken.unlink()
    text = (onet_dir / "Task Statements.txt").read_text(encoding="utf-8")
    broken.write_text(text[: len(text) // 2], encoding="utf-8")  # cut mid-file, mid-line
    before = onet.catalog.status()
    with pytest.raises(ImportFormatError) as err:
        onet.catalog.install(copy)
    assert "Task Statements.txt, line" in err.value.message
    assert onet.catalog.status() == before
    assert onet.catalog.search("nurse", 3)[0].occupation.title == "Registered Nurses"
    assert len(onet.catalog.show("29-1141.00").tasks) > 10


def test_wages_from_the_oews_file(onet, oews_file):
    with oews_file.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    kept = {r["OCC_CODE"] for r in rows if r["O_GROUP"] in ("detailed", "broad")}
    developers = next(r for r in rows if r["OCC_CODE"] == "15-1252")
    assert onet.catalog.install_wages(oews_file) == len(kept)  # detailed and broad codes
    with onet.scope.read() as s:
        wages = store.median_wages(s)
    assert wages["15-1252.00"] == float(developers["A_MEDIAN"].replace(",", ""))
    assert wages["15-1299.08"] == wages["15-1299.09"]  # joined on the first 7 characters
    band = onet.catalog.browse(wage_band="100-150k")
    assert "15-1252.00" in [o.code for o in band]
    assert all(o.median_wage is not None and 100_000 <= o.median_wage < 150_000
               for o in band)


def test_browse_by_zone_and_riasec_code(onet):
    zone5 = onet.catalog.browse(job_zone=5)
    assert zone5
    assert all(o.job_zone == 5 for o in zone5)
    social = onet.catalog.browse(riasec="SE")
    assert social
    assert all(o.riasec_code.startswith("SE") for o in social)


def test_cli_json_commands(onet_cli):
    status = json.loads(onet_cli("catalog", "status", "--json").stdout)
    assert status["occupations"] == 1016
    hits = json.loads(onet_cli("explore", "search", "software", "developer", "--json").stdout)
    assert hits[0]["title"] == "Software Developers"
    page = json.loads(onet_cli("explore", "show", "chef", "--json").stdout)
    assert page["code"] == "35-1011.00"
    assert set(page["interests"]["scores"]) == set(RIASEC_NAMES)
    listed = json.loads(onet_cli("explore", "browse", "--zone", "1", "--json").stdout)
    assert all(o["job_zone"] == 1 for o in listed)
    shown = onet_cli("explore", "show", "registered", "nurses")
    assert shown.exit_code == 0
    assert "Registered Nurses (29-1141.00)" in shown.stdout
    assert "USDOL/ETA" in shown.stdout


def test_a_bare_number_is_neither_a_code_nor_a_title(onet_cli, onet_dir):
    with (onet_dir / "Occupation Data.txt").open(encoding="utf-8", newline="") as f:
        codes = [r["O*NET-SOC Code"] for r in csv.DictReader(f, delimiter="\t")]
    assert any("40" in c for c in codes)  # a guess would have found one
    for text in ("40", "15-12", "2024"):
        out = onet_cli("explore", "show", text)
        assert out.exit_code == InvalidInput.exit_code, (text, out.stdout)
        assert "neither a full O*NET-SOC code nor a title" in out.stderr
        assert "Traceback" not in out.stderr
    assert onet_cli("explore", "show", "15-1252").exit_code == 0  # a code without .00


def _anchors(onet_dir: Path, element_id: str) -> list[tuple[float, str]]:
    with (onet_dir / "Level Scale Anchors.txt").open(encoding="utf-8", newline="") as f:
        return [(float(r["Anchor Value"]), r["Anchor Description"])
                for r in csv.DictReader(f, delimiter="\t") if r["Element ID"] == element_id]


def test_the_skill_scale_has_one_wording_with_onets_anchors(onet, onet_dir):
    from cairn.core.levels import LEVELS, level_name

    inst = onet.assess.instrument("skills", knowledge=True)
    reading = inst.item("2.A.1.a")  # Reading Comprehension
    expected = _anchors(onet_dir, "2.A.1.a")
    assert len(expected) == 3
    for value, text in expected:
        assert f"{value:g} = {text}" in reading.help
    law = inst.item("2.C.8.b")  # a knowledge area: its anchors too
    assert all(text in law.help for _, text in _anchors(onet_dir, "2.C.8.b"))
    for level in range(8):  # prompt, results and gaps name each level the same way
        assert inst.labels[level].split(":")[0] == LEVELS[level][0] == level_name(level)
        band = inst.band(float(level))
        assert band is not None and band.label == LEVELS[level][0]


def test_the_skill_prompt_shows_the_anchors_of_each_skill(onet_person, onet_dir):
    out = onet_person("assess", "skills", input="q\n")
    assert out.exit_code == 0
    text = " ".join(out.stdout.split())  # the prompt starts with Reading Comprehension
    for value, example in _anchors(onet_dir, "2.A.1.a"):
        assert f"{value:g} = {example}" in text
    assert "4 = Capable" in text and "O*NET's examples" in text
