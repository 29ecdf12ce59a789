"""The boxed table written without Rich is, character for character, the table Rich draws."""

from __future__ import annotations

import contextlib
import io
import os
import string

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cairn.cli import output

EXAMPLES = settings(max_examples=int(os.environ.get("CAIRN_PROPERTY_EXAMPLES", "300")),
                    deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

WORD = st.text(string.ascii_letters + string.digits + "-./:%#()'", min_size=1, max_size=12)
CELL = st.one_of(st.just(""), st.lists(WORD, min_size=1, max_size=6).map(" ".join),
                 st.dates().map(str), st.integers(0, 10**6).map(str))


def _drawn(draw: object, monkeypatch: pytest.MonkeyPatch, width: int, title: str,
           columns: list[str], cells: list[list[str]]) -> str:
    monkeypatch.setenv("COLUMNS", str(width))
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        if draw is output._rich_table:
            output._rich_table(title, columns, cells, ())
        else:
            assert output._boxed_table(title, columns, cells)
    return out.getvalue()


@EXAMPLES
@given(width=st.integers(20, 200), title=st.sampled_from(["Goals", "Milestones", "Life areas",
                                                           "History of goal #2"]),
       shape=st.integers(2, 8).flatmap(lambda n: st.tuples(
           st.lists(WORD, min_size=n, max_size=n),
           st.lists(st.lists(CELL, min_size=n, max_size=n), min_size=1, max_size=12))))
@example(width=120, title="Goals", shape=(["id", "title", "due"],
                                          [["1", "Learn SQL", "2027-01-02"], ["2", "", ""]]))
def test_the_boxed_table_is_the_table_rich_draws(monkeypatch, width, title, shape):
    columns, cells = shape
    out = io.StringIO()
    monkeypatch.setenv("COLUMNS", str(width))
    with contextlib.redirect_stdout(out):
        written = output._boxed_table(title, columns, cells)
    if written:
        assert out.getvalue() == _drawn(output._rich_table, monkeypatch, width, title, columns,
                                        cells)
    else:
        assert out.getvalue() == ""


SHORT = st.one_of(st.just(""), st.lists(WORD, min_size=1, max_size=3).map(" ".join),
                  st.dates().map(str))


@EXAMPLES
@given(shape=st.integers(2, 4).flatmap(lambda n: st.tuples(
    st.lists(st.text(string.ascii_lowercase + " ", min_size=1, max_size=10), min_size=n,
             max_size=n),
    st.lists(st.lists(SHORT, min_size=n, max_size=n), min_size=1, max_size=12))))
def test_a_table_that_fits_is_always_boxed_as_rich_draws_it(monkeypatch, shape):
    columns, cells = shape
    assert (_drawn(output._boxed_table, monkeypatch, 200, "Tasks", columns, cells)
            == _drawn(output._rich_table, monkeypatch, 200, "Tasks", columns, cells))


def test_the_boxed_table_is_used_for_a_short_table_in_a_pipe(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert output._boxed_table("Tasks", ["id", "title"], [["1", "Read"], ["22", "Write it"]])
    assert out.getvalue().splitlines() == [
        "Tasks          ", "┏━━━┳━━━━━━━━━┓", "┃id ┃ title   ┃", "┡━━━╇━━━━━━━━━┩",
        "│1  │ Read    │", "│22 │ Write it│", "└───┴─────────┘"]


@pytest.mark.parametrize(("cells", "env"), [
    ([["1", "Café"]], {}),  # not ASCII: Rich measures it
    ([["1", "two\tcolumns"]], {}),
    ([["1", " padded"]], {}),
    ([["1", "x" * 200]], {}),  # wider than the terminal: Rich wraps it
    ([["1", "Read"]], {"FORCE_COLOR": "1"}),  # Rich would colour it
    ([["1", "Read"]], {"TTY_COMPATIBLE": "1"}),
])
def test_the_boxed_table_leaves_the_rest_to_rich(monkeypatch, cells, env):
    monkeypatch.setenv("COLUMNS", "80")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert not output._boxed_table("Tasks", ["id", "title"], cells)
    assert out.getvalue() == ""


@pytest.mark.parametrize("width", [20, 59, 60, 61, 120])
@pytest.mark.parametrize("text", [
    'No wins yet. Note one with `cairn win "..."`.',  # 45 characters
    "No tasks. Add one with `cairn task add 'title' --estimate 2`.",  # 60
    "Nothing to show.", "See :smile: here", "Caf\u00e9 closed.", " indented"])
def test_a_line_is_printed_as_rich_prints_it(monkeypatch, text, width):
    monkeypatch.setenv("COLUMNS", str(width))
    mine, rich = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(mine):
        output._line(text)
    with contextlib.redirect_stdout(rich):
        output.console().print(text, markup=False)
    assert mine.getvalue() == rich.getvalue()
