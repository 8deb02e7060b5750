"""Static HTML tables (benchlearn.charts.tables): escaping, alignment, bars, groups."""

from __future__ import annotations

import math
import re

import pandas as pd

from benchlearn.charts.tables import html_table
from tests.app.conftest import TableParser


def rows_of(markup: str) -> list[list[str]]:
    parser = TableParser()
    parser.feed(markup)
    (rows,) = parser.tables
    return rows


def test_every_cell_and_header_is_escaped():
    hostile = "<script>alert(1)</script>"
    frame = pd.DataFrame({hostile: ['"; DROP TABLE x; --', "<b>bold</b>"]})
    markup = html_table(frame, label='a "label" <i>')
    assert "<script>" not in markup and "<b>" not in markup and "<i>" not in markup
    assert 'aria-label="a &quot;label&quot; &lt;i&gt;"' in markup
    assert rows_of(markup) == [[hostile], ['"; DROP TABLE x; --'], ["<b>bold</b>"]]


def test_missing_values_read_as_a_dash():
    frame = pd.DataFrame({"a": ["x", None, pd.NA], "b": [1.5, math.nan, None]})
    assert rows_of(html_table(frame, label="t"))[1:] == [["x", "1.5"], ["–", "–"], ["–", "–"]]


def test_numeric_columns_align_right_and_the_pinned_column_heads_rows():
    frame = pd.DataFrame({"Pašvaldība": ["Rīga"], "2024": ["605 273"]})
    markup = html_table(frame, label="t", numeric=["2024"], pinned=True)
    assert '<th scope="col" class="pin">Pašvaldība</th>' in markup
    assert '<th scope="col" class="num">2024</th>' in markup
    assert '<th scope="row" class="pin">Rīga</th><td class="num">605 273</td>' in markup


def test_bars_are_as_long_as_the_share_and_clamped():
    frame = pd.DataFrame({"p": [40.0, 130.0, -5.0, math.nan]})
    markup = html_table(frame, label="t", bars={"p": 100})
    assert re.findall(r"width:(\d+)%", markup) == ["40", "100", "0"]
    assert [r[0] for r in rows_of(markup)[1:]] == ["40", "130", "-5", "–"]


def test_swatches_notes_and_height():
    frame = pd.DataFrame({"band": ["best", "neutral"], "p": [80.0, math.nan]})
    markup = html_table(
        frame,
        label="t",
        swatches={"band": ["#2166ac", None]},
        notes={"p": 'from 0 to 100 "best"'},
        max_height=740,
    )
    assert markup.count('class="bl-swatch"') == 1
    assert 'style="background:#2166ac"' in markup
    assert 'title="from 0 to 100 &quot;best&quot;"' in markup
    assert 'style="max-height:740px"' in markup


def test_a_group_row_opens_each_run_of_rows_with_the_same_label():
    frame = pd.DataFrame({"Indicator": ["a", "b", "c", "d"]})
    markup = html_table(frame, label="Table", groups=["P", "P", "<T>", "P"])
    rows = rows_of(markup)
    assert rows == [["Indicator"], ["P"], ["a"], ["b"], ["<T>"], ["c"], ["P"], ["d"]]
    assert "&lt;T&gt;" in markup
    assert markup.count('scope="rowgroup"') == 3
    assert 'colspan="1"' in markup
    assert 'aria-label="Table"' in markup  # the group names do not rename the table
