"""The occupation catalog on the hand-written sample: import, search, show, browse, errors."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from cairn.core.errors import CatalogError, ImportFormatError, InvalidInput, NotReady
from cairn.core.occupations import (
    Occupation,
    high_point_code,
    rank_hits,
    riasec_letters,
    title_key,
    wage_band,
)
from cairn.store import catalog as store

ONET_SAMPLE_DIR = Path(__file__).parent / "fixtures" / "onet_sample"

NURSE, DEV, CAB = "29-1141.00", "15-1252.00", "51-7011.00"


# -- pure core --------------------------------------------------------------------


def test_high_point_code_maps_positions_to_letters():
    assert high_point_code([4.0, 2.0, 6.0]) == "SIC"
    assert high_point_code([1.0, 0.0, 0.0]) == "R"


def test_riasec_letters_accepts_letters_codes_and_names():
    assert riasec_letters("s") == "S"
    assert riasec_letters("Social") == "S"
    assert riasec_letters("sec") == "SEC"
    assert riasec_letters("SS") is None
    assert riasec_letters("XYZ") is None


def test_title_key_singularises_and_lowercases():
    assert title_key("Registered Nurses") == title_key("registered nurse")
    assert title_key("Bakeries") == "bakery"


def test_rank_hits_puts_exact_title_before_better_text_match():
    exact = Occupation("1", "Software Developers")
    text_only = Occupation("2", "Computer Programmers")
    hits = rank_hits("software developer", [(text_only, 1.0, False), (exact, 0.2, False)], 5)
    assert [h.occupation.code for h in hits] == ["1", "2"]
    assert hits[0].matched == "title"


def test_wage_band_edges():
    assert wage_band(None) == "unknown"
    assert wage_band(39_999) == "<40k"
    assert wage_band(40_000) == "40-60k"
    assert wage_band(250_000) == "150k+"


# -- importing the sample -----------------------------------------------------------


def test_not_installed_says_how_to_install(no_catalog):
    assert not no_catalog.catalog.is_installed()
    with pytest.raises(NotReady) as err:
        no_catalog.catalog.search("nurse")
    assert err.value.message == "The occupation catalog is not installed."
    assert "cairn catalog install" in str(err.value)


def test_sample_import_counts_and_version(sample):
    st = sample.catalog.status()
    assert st.version == "30.1"
    assert st.counts["onet_occupation"] == 3
    assert st.counts["onet_element_rating"] == 18  # 3 domains x 3 occupations x 2 elements
    assert st.counts["onet_title"] == 9
    assert st.installed_at.isoformat() == "2026-11-23T10:00:00"


def test_sample_import_from_zip_with_top_folder(no_catalog, tmp_path):
    archive = tmp_path / "db_30_1_text.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for f in ONET_SAMPLE_DIR.iterdir():
            z.write(f, f"db_30_1_text/{f.name}")
    st = no_catalog.catalog.install(archive)
    assert st.counts["onet_occupation"] == 3
    assert no_catalog.catalog.search("nurse")[0].occupation.code == NURSE


def test_matrices_have_the_documented_shapes(sample):
    with sample.scope.read() as s:
        codes, rows = store.interest_matrix(s)
        assert codes == [DEV, NURSE, CAB]
        assert rows[1] == (3.66, 4.82, 1.31, 5.62, 2.28, 4.58)
        codes, ids, names, imp, lvl = store.element_matrix(s, "skills")
        assert ids == ["2.A.1.a", "2.A.2.a"]
        assert names == ["Reading Comprehension", "Critical Thinking"]
        assert imp[codes.index(DEV)] == [4.0, 4.25]
        assert lvl[codes.index(CAB)] == [2.62, 3.0]
        assert store.elements(s, "knowledge")[0] == (
            "2.C.3.a", "Computers and Electronics", "Knowledge of circuit boards and software.")
        assert store.related_occupations(s, CAB) == [(DEV, "Primary-Short", 1),
                                                     (NURSE, "Supplemental", 2)]
        assert store.occupation_job_zones(s) == {NURSE: 4, DEV: 4, CAB: 2}
        assert store.median_wages(s) == {}
        codes, values = store.work_values_matrix(s)
        assert values[codes.index(NURSE)] == (5.33, 4.83, 4.67, 6.33, 6.0, 5.33)


def test_show_by_code_title_and_words(sample):
    page = sample.catalog.show("15-1252")
    assert page.occupation.title == "Software Developers"
    assert page.interests is not None
    assert page.interests.high_point == "IC"
    assert page.job_zone is not None
    assert page.job_zone.name.startswith("Job Zone Four")
    assert [t.example for t in page.technology] == ["Python", "Git"]
    assert page.skills[0].name == "Critical Thinking"
    assert page.work_values[0].name == "Independence"
    assert "Cairn has modified" in page.attribution
    assert sample.catalog.show("registered nurse").occupation.code == NURSE
    assert sample.catalog.show("woodworker").occupation.code == CAB


def test_search_finds_by_alternate_title_and_task(sample):
    assert sample.catalog.search("software engineer")[0].occupation.code == DEV
    assert sample.catalog.search("furniture")[0].occupation.code == CAB  # reported title, task
    assert sample.catalog.search("zzzz") == []
    with pytest.raises(InvalidInput):
        sample.catalog.search("  ")


def test_browse_by_zone_and_riasec(sample):
    assert [o.code for o in sample.catalog.browse(job_zone=2)] == [CAB]
    assert [o.code for o in sample.catalog.browse(riasec="social")] == [NURSE]
    assert [o.code for o in sample.catalog.browse(riasec="I")] == [DEV]
    with pytest.raises(InvalidInput):
        sample.catalog.browse(riasec="Q")
    with pytest.raises(NotReady):
        sample.catalog.browse(wage_band="40-60k")


def test_wages_csv_with_bls_symbols(sample, tmp_path):
    oews = tmp_path / "national.csv"
    oews.write_text(
        "OCC_CODE,OCC_TITLE,O_GROUP,TOT_EMP,H_MEAN,A_MEAN,H_MEDIAN,A_MEDIAN,HOURLY\n"
        '29-1141,Registered Nurses,detailed,"3,282,010",47.32,"98,430",45.00,"93,600",\n'
        "15-1252,Software Developers,detailed,*,#,#,#,#,\n"
        "51-7011,Cabinetmakers,detailed,100,20.00,*,19.50,*,TRUE\n"
        '15-0000,Computer Occupations,major,"5,000,000",1,1,1,"1",\n',
        encoding="utf-8",
    )
    assert sample.catalog.install_wages(oews) == 3
    with sample.scope.read() as s:
        wages = store.median_wages(s)
    assert wages == {NURSE: 93_600.0, DEV: 239_200.0}  # no annual figure BLS did not publish
    page = sample.catalog.show(DEV)
    assert page.wage is not None
    assert page.wage.top_coded
    assert page.wage.employment is None
    cab = sample.catalog.show(CAB).wage
    assert cab is not None and cab.hourly_only and cab.annual_median is None
    assert cab.hourly_median == 19.5 and cab.annual_estimate == 19.5 * 2080
    assert [o.code for o in sample.catalog.browse(wage_band="80-100k")] == [NURSE]
    # $19.50 x 2,080 = $40,560: Cairn's estimate places it in 40-60k
    assert [o.code for o in sample.catalog.browse(wage_band="40-60k")] == [CAB]
    assert [o.code for o in sample.catalog.browse(wage_band="<40k")] == []


# -- bad files --------------------------------------------------------------------


def _copy_sample(tmp_path: Path) -> Path:
    target = tmp_path / "release"
    shutil.copytree(ONET_SAMPLE_DIR, target)
    return target


def test_missing_and_wrong_header_are_all_named(no_catalog, tmp_path):
    release = _copy_sample(tmp_path)
    (release / "Job Zones.txt").unlink()
    skills = release / "Skills.txt"
    skills.write_text("Code\tWhat\n" + skills.read_text().split("\n", 1)[1])
    with pytest.raises(ImportFormatError) as err:
        no_catalog.catalog.install(release)
    assert "Job Zones.txt is missing" in err.value.message
    assert "Skills.txt has the header 'Code | What'" in err.value.message
    assert "O*NET-SOC Code | Element ID" in err.value.message
    assert not no_catalog.catalog.is_installed()


def test_corrupt_zip_names_the_file(no_catalog, tmp_path):
    bad = tmp_path / "db_30_1_text.zip"
    bad.write_bytes(b"PK\x03\x04 this is not really a zip")
    with pytest.raises(ImportFormatError) as err:
        no_catalog.catalog.install(bad)
    assert str(bad) in err.value.message
    assert "zip" in err.value.message


def test_failed_reimport_keeps_the_installed_catalog(sample, tmp_path):
    release = _copy_sample(tmp_path)
    tasks = release / "Task Statements.txt"
    tasks.write_text(tasks.read_text()[:-60])  # cut the last line short
    with pytest.raises(ImportFormatError) as err:
        sample.catalog.install(release)
    assert "Task Statements.txt, line" in err.value.message
    assert sample.catalog.status().counts["onet_occupation"] == 3
    assert sample.catalog.search("nurse")[0].occupation.code == NURSE
    assert len(sample.catalog.show(NURSE).tasks) == 2


def test_download_failure_says_how_to_install_offline(no_catalog):
    with pytest.raises(CatalogError) as err:
        no_catalog.catalog.install(url="http://127.0.0.1:9/x.zip")
    assert "Could not download the O*NET release from http://127.0.0.1:9/x.zip" in (
        err.value.message)
    assert "cairn catalog install --from" in (err.value.hint or "")


# -- CLI on the sample ----------------------------------------------------------------


def test_cli_install_status_search_show_browse_json(sample, cli):
    out = cli("catalog", "install", "--from", str(ONET_SAMPLE_DIR), "--json")
    assert out.exit_code == 0, out.stderr
    assert json.loads(out.stdout)["occupations"] == 3
    st = json.loads(cli("catalog", "status", "--json").stdout)
    assert st["version"] == "30.1"
    assert "CC BY 4.0" in st["attribution"]
    hits = json.loads(cli("explore", "search", "nurse", "--json").stdout)
    assert hits[0]["code"] == NURSE
    page = json.loads(cli("explore", "show", NURSE, "--json").stdout)
    assert page["interests"]["code"] == "SIC"
    assert page["interests"]["scores"]["Social"] == 5.62
    listed = json.loads(cli("explore", "browse", "--zone", "4", "--json").stdout)
    assert [o["code"] for o in listed] == [NURSE, DEV]  # by title


def test_cli_offline_install_error_without_traceback(no_catalog, cli, monkeypatch):
    monkeypatch.setenv("CAIRN_ONET_URL", "http://127.0.0.1:9/x.zip")
    out = cli("catalog", "install")
    assert out.exit_code == CatalogError.exit_code
    assert "Could not download" in out.stderr
    assert "--from" in out.stderr
    assert "Traceback" not in out.stderr


def test_cli_show_prints_page_and_attribution(sample, cli):
    out = cli("explore", "show", "software", "developers")
    assert out.exit_code == 0, out.stderr
    assert "Software Developers (15-1252.00)" in out.stdout
    assert "Python" in out.stdout
    assert "Cairn has modified all or some of this information" in out.stdout


def test_wages_xlsx_workbook(sample, tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["AREA", "OCC_CODE", "OCC_TITLE", "O_GROUP", "TOT_EMP", "A_MEAN", "H_MEDIAN",
                  "A_MEDIAN"])
    sheet.append([99, "29-1141", "Registered Nurses", "detailed", 3282010, 98430, 45.0, 93600])
    sheet.append([99, "15-1252", "Software Developers", "detailed", 1654440, "#", "#", "#"])
    path = tmp_path / "national_M2024_dl.xlsx"
    book.save(path)
    assert sample.catalog.install_wages(path) == 2
    with sample.scope.read() as s:
        assert store.median_wages(s) == {NURSE: 93_600.0, DEV: 239_200.0}
    assert sample.catalog.status().wages_source == str(path)


def test_wages_file_without_oews_columns_is_refused(sample, tmp_path):
    bad = tmp_path / "wages.csv"
    bad.write_text("code,wage\n15-1252,1\n", encoding="utf-8")
    with pytest.raises(ImportFormatError) as err:
        sample.catalog.install_wages(bad)
    assert "wages.csv lacks the columns OCC_CODE" in err.value.message


def test_damaged_member_in_zip_is_named(sample, tmp_path):
    archive = tmp_path / "db_30_1_text.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for f in sorted(ONET_SAMPLE_DIR.iterdir()):
            z.write(f, f.name)
    with zipfile.ZipFile(archive) as z:
        info = z.getinfo("Task Statements.txt")
    data = bytearray(archive.read_bytes())
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for i in range(start + 20, start + info.compress_size - 4):
        data[i] ^= 0x5A  # scramble the compressed bytes, keep the header line's first bytes
    archive.write_bytes(bytes(data))
    with pytest.raises(ImportFormatError) as err:
        sample.catalog.install(archive)
    assert "Task Statements.txt" in err.value.message
    assert sample.catalog.status().counts["onet_occupation"] == 3


def test_catalog_is_not_part_of_the_persons_export(sample):
    sample.profile.init("Ada", "exploring", 0)
    tables = sample.data.export().content.decode("utf-8")
    assert "onet_" not in tables
    assert "catalog_meta" not in tables
    assert "Registered Nurses" not in tables


def test_cli_install_shows_a_progress_bar_per_table(no_catalog, cli):
    out = cli("catalog", "install", "--from", str(ONET_SAMPLE_DIR))
    assert out.exit_code == 0, out.stderr
    assert "Occupation Data" in out.stderr
    assert "Task Statements" in out.stderr
    assert "O*NET 30.1 installed" in out.stdout


def test_download_from_a_local_http_server(no_catalog, tmp_path):
    import functools
    import http.server
    import threading

    with zipfile.ZipFile(tmp_path / "db_30_1_text.zip", "w") as z:
        for f in ONET_SAMPLE_DIR.iterdir():
            z.write(f, f"db_30_1_text/{f.name}")
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            """Keep the test output clean."""

    handler = functools.partial(Quiet, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/db_30_1_text.zip"
        st = no_catalog.catalog.install(url=url)
    finally:
        server.shutdown()
        server.server_close()
    assert st.source == url
    assert st.counts["onet_occupation"] == 3


def test_cli_unknown_occupation_and_bad_browse_filters(sample, cli):
    out = cli("explore", "show", "99-9999.00")
    assert out.exit_code == 4
    assert "There is no occupation 99-9999.00" in out.stderr
    out = cli("explore", "browse", "--zone", "9")
    assert out.exit_code == 3
    assert "Give 1 to 5" in out.stderr
    out = cli("explore", "search", "woodworker")
    assert out.exit_code == 0
    assert "Cabinetmakers and Bench Carpenters" in out.stdout
    assert "USDOL/ETA" in out.stdout


def test_wages_from_before_0014_are_dropped_on_upgrade_so_they_are_read_again(tmp_path,
                                                                              frozen):
    """Wages installed before revision 0014 hold hourly x 2,080 as if BLS had published it
    and lack the broad codes: the upgrade removes them and says wages are not installed."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import text

    from cairn.services.app import Cairn
    from cairn.store.db import MIGRATIONS, Database

    url = f"sqlite:///{tmp_path / 'old.db'}"
    app = Cairn.open(url)
    app.catalog.install(ONET_SAMPLE_DIR)
    app.close()
    db = Database(url, migrate=False)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0013")
        conn.execute(text("INSERT INTO onet_wage VALUES "
                          "('51-7011', 'Cabinetmakers', 40560, 19.5, NULL, 100, 0)"))
        conn.execute(text("UPDATE catalog_meta SET wages_source = 'old.csv'"))
    db.close()
    app = Cairn.open(url)
    assert app.catalog.status().wages_source is None
    assert app.catalog.show(CAB).wage is None
    assert app.catalog.show(CAB).occupation.code == CAB  # the catalog itself is kept
    app.close()
