"""The terminal experience: listings at 80 and 120 columns, local times, history in words,
help that is never cut, prompts that ask again, shell completion."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cairn.cli.main import _command_word, _only, app

SNAPSHOTS = Path(__file__).parent / "snapshots"
WIDTHS = (80, 120)
DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
LONG_TITLE = "Earn the CPHIMS certification in health information systems management"


def at_width(url: str, width: int, *args: str, input: str | None = None  # noqa: A002
             ) -> tuple[int, str, str]:
    """Run ``cairn ARGS`` as on a terminal ``width`` columns wide."""
    line = ["--db", url, *args]
    word = _command_word(line)
    target = (_only(word) if word else None) or app
    result = CliRunner().invoke(target, line, input=input, env={"COLUMNS": str(width)})
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def fill(cli) -> None:
    """A nurse planning a move into health informatics, in America/Chicago."""
    steps = [
        ("init", "--name", "Sam Lee", "--stage", "exploring", "--hours", "36"),
        ("availability", "settings", "--timezone", "America/Chicago"),
        ("goal", "add", "Move into health informatics", "--horizon", "vision", "--why", "Growth"),
        ("goal", "add", LONG_TITLE, "--horizon", "short-term", "--parent", "1", "--area",
         "learning", "--deadline", "2027-11-29", "--why", "Achievement", "--metric", "modules",
         "--target", "8"),
        ("goal", "add", "Interoperability standards (HL7 FHIR)", "--horizon", "long-term",
         "--parent", "1", "--deadline", "2029-06-30", "--why", "Learning"),
        ("goal", "edit", "2", "--deadline", "2027-12-31", "--unit", "", "--parent", "3",
         "--reason", "A busy quarter at work"),
        ("task", "add", "Read the HL7 FHIR overview documentation thoroughly", "--estimate",
         "3.3333", "--goal", "2", "--due", "2026-12-15"),
        ("task", "add", "Modules 1-4", "--estimate", "12", "--goal", "2", "--after", "1"),
        ("checkin", "--energy", "6", "--stress", "4", "--hours", "40",
         "--satisfaction", "career=6", "--satisfaction", "learning=8", "--note", "long week"),
        ("log", "1h20", "learning", "--task", "1", "reading"),
    ]
    for step in steps:
        done = cli(*step)
        assert done.exit_code == 0, (step, done.stdout, done.stderr)


LISTINGS = (("goal", "list"), ("task", "list"), ("goal", "history", "2"), ("checkin", "list"),
            ("log", "list"), ("area", "list"))


@pytest.mark.parametrize("width", WIDTHS)
def test_main_listings_read_well_at_80_and_120_columns(cli, db_url, width):
    fill(cli)
    shown = []
    for args in LISTINGS:
        code, out, err = at_width(db_url, width, *args)
        assert code == 0, (args, err)
        for line in out.splitlines():
            assert len(line) <= width, (args, line)
        # no date is split over two lines, and every stored date is shown whole
        wide = at_width(db_url, 400, *args)[1]
        assert sorted(DATE.findall(out)) == sorted(DATE.findall(wide)), args
        shown.append(f"$ cairn {' '.join(args)}\n{out}")
    text = "\n".join(shown)
    # words of the long title are never cut: each appears whole somewhere
    for word in LONG_TITLE.split():
        assert re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text), word
    snapshot = SNAPSHOTS / f"listings_{width}.txt"
    if not snapshot.exists():  # first run writes it; review it, then commit it
        snapshot.write_text(text, encoding="utf-8")
    assert text == snapshot.read_text(encoding="utf-8")


def test_times_are_local_to_the_minute_and_history_reads_as_words(cli, db_url):
    fill(cli)
    out = at_width(db_url, 120, "checkin", "list")[1]
    assert "2026-11-23 04:00" in out  # 10:00 UTC is 04:00 in Chicago (CST)
    assert "UTC" not in out
    history = at_width(db_url, 120, "goal", "history", "2")[1]
    assert "part of" in history and "goal #3" in history and "goal #1" in history
    assert "parent_id" not in history and "None" not in history
    assert "unit" not in history  # an empty unit where there was none is no change
    doc = json.loads(cli("goal", "history", "2", "--json").stdout)
    assert [c["field"] for c in doc] == ["created", "parent_id", "deadline"]


def test_hours_are_shown_to_one_decimal(cli, db_url):
    fill(cli)
    out = at_width(db_url, 120, "task", "list")[1]
    assert " 3.3 " in out and "3.3333" not in out
    assert "Added task #3 Again (0.5 h)." in cli("task", "add", "Again", "--estimate", "0.5").stdout


def test_help_summaries_are_whole_at_80_columns(db_url):
    groups = [None, *(g.name for g in app.registered_groups)]
    for group in groups:
        code, out, _ = at_width(db_url, 80, *([group] if group else []), "--help")
        assert code == 0, group
        listed = out[out.index("Commands:"):] if "Commands:" in out else ""
        assert "..." not in listed, (group, listed)
        assert not re.search(r"(e\.g|i\.e)\.\n", listed), (group, listed)  # cut at "e.g."
        assert all(len(line) <= 80 for line in out.splitlines()), group
    code, out, _ = at_width(db_url, 80, "--help")
    assert "Create your profile (and the eight default life areas), or" in out


def test_a_table_too_wide_drops_its_least_useful_columns_and_says_so(cli, db_url):
    fill(cli)
    narrow = at_width(db_url, 80, "goal", "list")[1]
    assert "Not shown at this width: priority" in narrow
    wide = at_width(db_url, 120, "goal", "list")[1]
    assert "priority" in wide and "Not shown" not in wide


def test_ctrl_d_and_a_missing_reason_say_what_happened(cli, db_url):
    fill(cli)
    code, out, err = at_width(db_url, 80, "goal", "drop", "3")
    assert code == 3 and "needs a reason" in err and "--reason" in err
    assert "Aborted" not in out + err
    code, out, err = at_width(db_url, 80, "assess", "passions", input="")
    assert code == 1 and "Stopped before the end" in err and "Aborted" not in out + err


def test_errors_give_a_fix_that_fits(cli):
    fill(cli)
    bad = cli("checkin", "--energy", "5", "--stress", "3", "--satisfaction", "foo=3")
    assert bad.exit_code == 3 and "No life area 'foo'" in bad.stderr
    assert "career, learning" in bad.stderr and "0 to 10" not in bad.stderr
    zero = cli("log", "0m", "learning")
    assert zero.exit_code == 3 and "each day" not in zero.stderr and "45m" in zero.stderr


def test_rank_values_asks_again_in_the_prompts_terms(cli):
    fill(cli)
    out = cli("assess", "values", "--rank", "--json", input="1 2 2 4 5 6\n6 1 3 2 5 4\n")
    assert out.exit_code == 0, out.stderr
    assert "Give each number from 1 to 6 once" in out.stdout
    doc = json.loads(out.stdout[out.stdout.index("{"):])
    assert doc["instrument"] == "values"


def test_passions_resume_shows_the_answers_and_can_start_over(cli):
    fill(cli)
    cli("assess", "passions", input="45,000\n")  # the income, then the input ends
    over = cli("assess", "passions", input="n\n")  # start over: asked from the first question
    assert "lowest income: 45,000 a year" in over.stdout
    assert over.stdout.count("Minimum yearly income") == 1
    cli("assess", "passions", input="30000\n")
    out = cli("assess", "passions", "--json", input="y\nlots\n40\n4\n\n\n")
    assert "lowest income: 30,000 a year" in out.stdout and "45,000" not in out.stdout
    assert "Give a number, e.g. 40, or press Enter" in out.stdout
    assert "45000" not in out.stdout
    doc = json.loads(out.stdout[out.stdout.index("{"):])
    assert doc["min_income"] == 30000 and doc["max_hours"] == 40 and doc["max_job_zone"] == 4


def test_interest_items_are_asked_one_type_after_another(cli):
    fill(cli)
    from cairn.core.assessment import asking_order
    from cairn.services import instruments

    items = instruments.shipped("interests").items
    order = asking_order(items)
    assert [it.scale for it in order[:6]] == list("RIASEC")
    assert sorted(it.id for it in order) == sorted(it.id for it in items)
    out = cli("assess", "interests", input="3\n" * 6 + "q\n").stdout
    positions = [out.index(it.text) for it in order[:7]]
    assert positions == sorted(positions)  # asked in that order, one of each type


def test_completion_offers_areas_goals_tasks_and_instruments(cli, db_url, monkeypatch):
    fill(cli)

    def complete(words: str) -> list[str]:
        monkeypatch.setenv("COMP_WORDS", words)
        monkeypatch.setenv("COMP_CWORD", str(len(words.split()) - (not words.endswith(" "))))
        monkeypatch.setenv("_CAIRN_COMPLETE", "complete_bash")
        result = CliRunner().invoke(app, [], prog_name="cairn")
        return result.stdout.split()

    monkeypatch.setenv("CAIRN_DATABASE_URL", db_url)
    assert complete("cairn goal show ") == ["1", "2", "3"]
    assert "learning" in complete("cairn goal list --area ")
    assert complete("cairn task done ") == ["1", "2"]
    assert complete("cairn goal list --area le") == ["learning"]
    assert "interests" in complete("cairn assess history ")


# -- reports: text beyond Latin, small charts ----------------------------------------------


def test_chinese_korean_and_emoji_are_drawn_in_the_pdf_and_charts():
    import dataclasses
    import warnings

    import pypdf

    from cairn.core.report import GoalLine
    from cairn.reports import charts, fonts, render
    from conftest import missing
    from test_reports import full_report

    if len(fonts.fallbacks()) < len(fonts.FALLBACK_FILES):
        missing("the fallback fonts are not installed "
                "(apt-get install fonts-droid-fallback fonts-symbola)")
    title = "学习中文 한국어 かな 🎉 Learn"
    d = dataclasses.replace(full_report(), goals=(
        GoalLine(2, title, "short-term", "Learning", "active", dt.date(2027, 1, 10), 0.25,
                 dt.date(2026, 11, 1)),))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a glyph missing from every font would raise here
        charts.goal_timeline(d.goals, d.period_end).savefig(io.BytesIO(), format="png")
        document = render.render(d, "pdf")
    reader = pypdf.PdfReader(io.BytesIO(document))
    used = {str(f.get_object()["/BaseFont"]).split("+")[-1]
            for page in reader.pages for f in page["/Resources"]["/Font"].values()}
    assert {"DroidSansFallback", "Symbola"} <= used, used


def test_a_report_prints_no_library_warnings_even_for_glyphs_no_font_has(tmp_path):
    import os
    import subprocess
    import sys

    url = f"sqlite:///{tmp_path / 'c.db'}"
    env = os.environ | {"CAIRN_DATABASE_URL": url}
    steps = (["init", "--name", "Sam", "--stage", "exploring", "--hours", "36"],
             ["goal", "add", "Private \ue000 use \U0001fae8 学习 한국어", "--area", "learning",
              "--deadline", "2027-06-01", "--why", "Joy"],
             ["report", "--format", "pdf", "--output", str(tmp_path / "r.pdf")])
    for step in steps:
        done = subprocess.run([sys.executable, "-m", "cairn", *step], env=env,
                              capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        assert done.stderr == "", done.stderr  # no glyph or font warnings on the terminal


def test_markup_sets_each_run_in_a_font_that_has_it():
    from cairn.reports import fonts

    latin = frozenset(range(128))
    if not fonts.fallbacks():
        assert fonts.markup("a<b 学", latin) == "a&lt;b 学"
        return
    marked = fonts.markup("a<b 学习 x", latin)
    assert marked.startswith("a&lt;b ") and marked.endswith(" x")
    assert '<font face="CairnFallbackCJK">学习</font>' in marked


def test_a_burnout_chart_of_one_week_spans_days_not_years():
    from matplotlib import dates as mdates

    from cairn.core.report import BurnoutPoint
    from cairn.reports import charts

    fig = charts.burnout_trend([BurnoutPoint(dt.date(2026, 11, 23), "low", 0)])
    low, high = (mdates.num2date(x).date() for x in fig.axes[0].get_xlim())
    assert (high - low).days <= 21 and low <= dt.date(2026, 11, 23) <= high


def test_knowledge_ids_without_the_flag_get_a_hint(sample, cli, tmp_path):
    cli("init", "--name", "Sam", "--stage", "exploring", "--hours", "36")
    answers = tmp_path / "skills.toml"
    answers.write_text('"2.C.3.a" = 4\n', encoding="utf-8")
    out = cli("assess", "skills", "--answers", str(answers))
    assert out.exit_code == 3 and "--knowledge" in out.stderr, out.stderr
    assert cli("assess", "skills", "--knowledge", "--answers", str(answers)).exit_code == 0


def test_item_ids_stay_out_of_what_the_person_reads(cli):
    fill(cli)
    out = cli("assess", "interests", input="7\n3\nq\n").stdout
    assert "7 is outside 1-5" in out and "r01" not in out


def test_a_bad_decision_is_refused_before_the_facts_print(cli):
    fill(cli)
    out = cli("review", "--decide", "frobnicate 3")
    assert out.exit_code == 3 and "Progress per goal" not in out.stdout
    bad_file = cli("review", "--retake", "interests=/nonexistent.toml")
    assert bad_file.exit_code != 0 and "Progress per goal" not in bad_file.stdout


def test_small_wording_reads_right(cli):
    fill(cli)
    budget = cli("budget", "set", "health", "--floor", "2").stdout
    assert "no cap a week" in budget and "at most -" not in budget
    habit = cli("habit", "add", "exercise", "-a", "health", "-n", "2", "-m", "45").stdout
    assert "2 x 45 min a week" in habit and "45-45" not in habit
    assert "45-45" not in cli("habit", "list").stdout


def test_the_licence_is_in_the_repository_and_declared_for_the_wheel():
    import tomllib

    root = Path(__file__).resolve().parents[1]
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT" and project["license-files"] == ["LICENSE"]
    assert (root / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    dev = project["optional-dependencies"]["dev"]
    assert any(d.startswith("ruff==") for d in dev) and any(d.startswith("mypy==") for d in dev)
    pins = (root / "constraints.txt").read_text(encoding="utf-8").lower()
    assert all(f"{name}==" in pins for name in ("ruff", "mypy", "pytest", "sqlalchemy"))


def test_calendars_keep_the_absolute_path_and_show_the_local_minute(cli, db_url, tmp_path,
                                                                    monkeypatch):
    import shutil

    fill(cli)
    shutil.copy(Path(__file__).parent / "fixtures" / "calendars" / "work.ics", tmp_path)
    monkeypatch.chdir(tmp_path)
    assert cli("calendar", "import", "work.ics").exit_code == 0
    monkeypatch.chdir(Path(__file__).parent)
    out = at_width(db_url, 200, "calendar", "list")[1]
    assert str(tmp_path / "work.ics") in out
    assert "2026-11-23 04:00" in out and not re.search(r"\d{4}-\d\d-\d\dT\d", out)
    doc = json.loads(cli("calendar", "list", "--json").stdout)
    assert doc[0]["source"] == str(tmp_path / "work.ics")


@pytest.mark.onet
@pytest.mark.parametrize("width", WIDTHS)
def test_explore_match_keeps_codes_and_titles_whole(onet_person, onet_db, tmp_path, width):
    answers = tmp_path / "i.toml"
    answers.write_text("\n".join(f'{k}{i:02d} = {5 if k in "is" else 2}'
                                 for k in "riasec" for i in range(1, 11)))
    assert onet_person("assess", "interests", "--answers", str(answers)).exit_code == 0
    found = json.loads(onet_person("explore", "match", "--json").stdout)
    code, out, _ = at_width(onet_db, width, "explore", "match")
    table = out.split("Not shown")[0].split("Weights:")[0]
    assert code == 0 and all(len(line) <= width for line in table.splitlines())
    for row in found:  # every code on one line, every word of every title whole
        assert row["code"] in table
        for word in row["title"].split():
            assert re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", table), word
    assert ("Not shown at this width" in out) == (width == 80)


# Boxes' right edges: a table line that ends otherwise was cut at the terminal's edge.
RIGHT_EDGES = "┓┃┩│┘┤┐"
TABLES = (("status",), ("balance",), ("invest",), ("review", "--summary"), ("budget", "list"),
          ("habit", "list"), ("boundary", "list"), ("availability", "list"),
          ("contact", "list"))


@pytest.mark.parametrize("width", WIDTHS)
def test_status_and_every_other_table_keep_their_right_edge(cli, db_url, width):
    fill(cli)
    for step in (("budget", "set", "learning", "--floor", "3", "--cap", "6"),
                 ("budget", "set", "career", "--cap", "45"),
                 ("habit", "add", "Evening walk around the neighbourhood", "--area", "health",
                  "--times", "3", "--minutes", "30"),
                 ("boundary", "max-hours", "45", "--area", "career"),
                 ("availability", "add", "mon-fri", "07:00-15:30", "--work"),
                 ("contact", "add", "Dana Okafor-Whitfield", "--kind", "mentor",
                  "--helps", "clinical informatics career moves", "--every", "4")):
        done = cli(*step)
        assert done.exit_code == 0, (step, done.stdout, done.stderr)
    for args in TABLES:
        code, out, err = at_width(db_url, width, *args)
        assert code == 0, (args, err)
        boxed = [line for line in out.splitlines() if line[:1] in "┏┃┡│└"]
        assert boxed, args  # each of them draws a table here
        for line in boxed:
            assert len(line) <= width and line[-1] in RIGHT_EDGES, (args, width, line)
    balance = at_width(db_url, 80, "balance")[1]
    assert "3..6" in balance and "0..45" in balance.replace("-..45", "0..45")
