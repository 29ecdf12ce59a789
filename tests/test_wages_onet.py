"""Wages on the real O*NET release and the real BLS OEWS file: every figure as BLS published it.

Expected values are read from the OEWS CSV here with the csv module, not from Cairn.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from cairn.core import matching
from cairn.core.occupations import WAGE_BANDS
from cairn.core.person import Constraints, Person
from cairn.core.wages import HOURS_PER_YEAR

pytestmark = pytest.mark.onet

# SOC 2018 (BLS's SOC manual): O*NET-SOC codes whose SOC code BLS does not publish, and the
# code that includes them. Only the mapping is written here; the figures come from the file.
SOC_2018_INCLUDES = {
    "13-1020": ("13-1021", "13-1022", "13-1023"),
    "13-2020": ("13-2022", "13-2023"),
    "21-1018": ("21-1011", "21-1014"),
    "25-2052": ("25-2055", "25-2056"),
    "25-9045": ("25-9042", "25-9043", "25-9049"),
    "29-2010": ("29-2011", "29-2012"),
    "31-1120": ("31-1121", "31-1122"),
    "39-7010": ("39-7011", "39-7012"),
    "47-4090": ("47-4091", "47-4099"),
    "51-2028": ("51-2022", "51-2023"),
    "51-2090": ("51-2092", "51-2099"),
    "53-1047": ("53-1042", "53-1043", "53-1044", "53-1049"),
}


def _money(cell: str) -> float | None:
    text = cell.replace(",", "").strip()
    return None if text in ("*", "#", "") else float(text)


@pytest.fixture(scope="module")
def bls(oews_file: Path) -> dict[str, dict[str, str]]:
    """OCC_CODE -> row of the OEWS file (the detailed row where a code is also broad)."""
    rows: dict[str, dict[str, str]] = {}
    with oews_file.open(encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            if row["O_GROUP"] in ("detailed", "broad") and (
                    row["OCC_CODE"] not in rows or row["O_GROUP"] == "detailed"):
                rows[row["OCC_CODE"]] = row
    return rows


@pytest.fixture(scope="module")
def onet_codes(onet_dir: Path) -> dict[str, str]:
    """O*NET-SOC code -> title, from Occupation Data.txt."""
    with (onet_dir / "Occupation Data.txt").open(encoding="utf-8", newline="") as f:
        return {r["O*NET-SOC Code"]: r["Title"] for r in csv.DictReader(f, delimiter="\t")}


@pytest.fixture
def waged(onet, oews_file):
    """The shared O*NET database with the BLS wages installed (idempotent)."""
    onet.catalog.install_wages(oews_file)
    return onet


def _detailed(bls: dict[str, dict[str, str]]) -> set[str]:
    return {c for c, r in bls.items() if r["O_GROUP"] == "detailed"}


def test_hourly_only_occupations_keep_the_hourly_median_and_no_annual(waged, bls, onet_codes):
    hourly_only = {c for c, r in bls.items() if r["O_GROUP"] == "detailed"
                   and r["HOURLY"] == "TRUE" and r["A_MEDIAN"] == "*"}
    assert {"27-2011", "27-2031", "27-2042", "27-2091"} <= hourly_only  # actors ... DJs
    codes = [c for c in onet_codes if c[:7] in hourly_only]
    assert codes
    m = waged.fit.matrices()
    for code in codes:
        expected = float(bls[code[:7]]["H_MEDIAN"])
        wage = waged.catalog.show(code).wage
        assert wage is not None and wage.hourly_only
        assert wage.annual_median is None  # BLS published no annual median
        assert wage.hourly_median == expected
        assert wage.annual_estimate == round(expected * HOURS_PER_YEAR)
        assert m.wage[m.index(code)] == round(expected * HOURS_PER_YEAR)  # income fit: estimate
    shown = waged.catalog.show("27-2011.00")
    assert shown.occupation.median_wage is None
    person = Person(interests=tuple(float(v) for v in m.interests[m.index("27-2011.00")]),
                    constraints=Constraints(min_income=30_000))
    actors = next(x for x in matching.rank(m, person, limit=len(m.codes))
                  if x.code == "27-2011.00")
    assert actors.wage_estimated
    assert "Cairn's estimate" in actors.reasons["income"]
    assert f"${float(bls['27-2011']['H_MEDIAN']):.2f}" in actors.reasons["income"]


def test_hourly_only_page_and_json_say_what_bls_published(waged, bls, onet_cli):
    hourly = float(bls["27-2011"]["H_MEDIAN"])
    out = onet_cli("explore", "show", "27-2011.00")
    assert out.exit_code == 0, out.stderr
    line = next(x for x in out.stdout.splitlines() if x.startswith("Median wage"))
    assert f"${hourly:.2f} an hour" in line and "only an hourly median" in line
    assert "a year" not in line
    assert "Cairn's estimate" in out.stdout
    page = json.loads(onet_cli("explore", "show", "27-2011.00", "--json").stdout)
    assert page["median_wage"] is None
    assert page["wage"]["annual_median"] is None
    assert page["wage"]["hourly_median"] == hourly and page["wage"]["hourly_only"]
    assert page["wage"]["annual_estimate"] == round(hourly * HOURS_PER_YEAR)


def test_occupations_bls_publishes_under_a_broader_code_get_its_figure(waged, bls,
                                                                       onet_codes):
    detailed = _detailed(bls)
    unpublished = [c for c in onet_codes if c[:7] not in detailed]
    broader = {c: soc for c in unpublished for soc, parts in SOC_2018_INCLUDES.items()
               if c[:7] in parts}
    assert set(SOC_2018_INCLUDES) <= set(bls)
    for code, soc in broader.items():
        wage = waged.catalog.show(code).wage
        assert wage is not None, code
        assert (wage.soc_code, wage.basis) == (soc, "broader"), code
        assert wage.title == bls[soc]["OCC_TITLE"]
        assert wage.annual_median == _money(bls[soc]["A_MEDIAN"])
        assert wage.hourly_median == _money(bls[soc]["H_MEDIAN"])
    rest = [c for c in unpublished if c not in broader]
    # The others (military, fishing and hunting) are in no row of the file at any level.
    for code in rest:
        assert not any(k.startswith(code[:6]) for k in bls), code
        assert waged.catalog.show(code).wage is None
    coverage = waged.catalog.wage_coverage()
    assert coverage["broader"] == len(broader) == 34
    assert coverage["none"] == len(rest)
    assert coverage["same"] + coverage["part"] == len(onet_codes) - len(unpublished)
    assert coverage["same"] == sum(1 for c in onet_codes if c[:7] in detailed
                                   and c.endswith(".00"))


def test_a_specialtys_wage_names_the_bls_occupation_it_comes_from(waged, bls, onet_cli):
    wage = waged.catalog.show("15-1211.01").wage
    assert wage is not None
    assert (wage.soc_code, wage.basis) == ("15-1211", "part")
    assert wage.annual_median == _money(bls["15-1211"]["A_MEDIAN"])
    out = onet_cli("explore", "show", "15-1211.01").stdout
    assert f"BLS figure for 15-1211 {bls['15-1211']['OCC_TITLE']}" in out
    own = onet_cli("explore", "show", "15-1252.00").stdout
    assert "BLS figure for" not in own and "BLS publishes no wage" not in own
    counsellor = onet_cli("explore", "show", "21-1011.00").stdout
    assert f"figure for 21-1018 {bls['21-1018']['OCC_TITLE']}" in " ".join(counsellor.split())


def test_search_and_browse_show_top_codes_as_at_least_and_the_hourly_median(waged, bls,
                                                                            onet_cli):
    assert bls["29-1212"]["A_MEDIAN"] == "#" and bls["29-1212"]["H_MEDIAN"] == "#"
    found = onet_cli("explore", "search", "cardiologists").stdout
    row = next(x for x in found.splitlines() if "29-1212.00" in x)
    assert "at least $239,200" in row and "at least $115.00" in row
    dev = bls["15-1252"]
    found = onet_cli("explore", "search", "software", "developers").stdout
    row = next(x for x in found.splitlines() if "15-1252.00" in x)
    assert f"${_money(dev['A_MEDIAN']):,.0f}" in row and f"${_money(dev['H_MEDIAN']):.2f}" in row
    listed = onet_cli("explore", "browse", "--zone", "2").stdout
    row = next(x for x in listed.splitlines() if "27-2011.00" in x)
    assert "hourly only" in row and f"${float(bls['27-2011']['H_MEDIAN']):.2f}" in row
    assert "BLS publishes only an hourly median" in listed
    hits = json.loads(onet_cli("explore", "search", "cardiologists", "--json").stdout)
    top = next(h for h in hits if h["code"] == "29-1212.00")
    assert top["wage"]["top_coded"] and top["hourly_wage"] == 115.0


def test_wage_bands_place_an_hourly_only_occupation_by_cairns_estimate(waged, bls):
    estimate = round(float(bls["27-2011"]["H_MEDIAN"]) * HOURS_PER_YEAR)
    band = next(k for k, (low, high) in WAGE_BANDS.items() if low <= estimate < high)
    assert "27-2011.00" in [o.code for o in waged.catalog.browse(wage_band=band)]
    others = [k for k in WAGE_BANDS if k != band]
    assert all("27-2011.00" not in [o.code for o in waged.catalog.browse(wage_band=k)]
               for k in others)


def test_catalog_wages_says_how_many_occupations_got_a_wage_and_how(onet_cli, oews_file, bls,
                                                                   onet_codes):
    doc = json.loads(onet_cli("catalog", "wages", "--from", str(oews_file), "--json").stdout)
    assert doc["occupations_with_wages"] == len(bls)
    cover = doc["coverage"]
    assert sum(cover[k] for k in ("same", "part", "broader", "none")) == len(onet_codes)
    hourly_only = {c for c, r in bls.items() if r["HOURLY"] == "TRUE" and r["A_MEDIAN"] == "*"
                   and r["O_GROUP"] == "detailed"}
    assert cover["hourly_only"] == sum(1 for c in onet_codes if c[:7] in hourly_only)
    text = onet_cli("catalog", "wages", "--from", str(oews_file)).stdout
    assert f"{cover['broader']} from a broader BLS code" in " ".join(text.split())
