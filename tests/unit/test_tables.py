"""Static HTML tables (benchlearn.charts.tables): escaping, alignment, bars, groups, and the
sortable table's headers, sort keys and sparklines (its sorting runs in the browser tests)."""

from __future__ import annotations

import math
import re
from urllib.parse import unquote

import pandas as pd

from benchlearn.charts.tables import SORT_SCRIPT, html_table, sortable_table, sparkline
from tests.app.conftest import TableParser


def rows_of(markup: str) -> list[list[str]]:
    parser = TableParser()
    parser.feed(markup)
    (table,) = parser.tables
    return table["head"] + table["body"]


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


HOSTILE = '<script>alert(1)</script>"&'


def comparison(**extra) -> str:
    """Two indicators under their names: value and rank, then value and a trend."""
    columns = pd.MultiIndex.from_tuples(
        [
            ("", "Name"),
            ("First", "Value"),
            ("First", "Rank"),
            (HOSTILE, "Value"),
            (HOSTILE, "Trend"),
        ]
    )
    texts = pd.DataFrame(
        [["★ Alfa", "1,5", "2", HOSTILE, "2020–2022: 1 → 3"], ["Bēta", "–", "–", "7", "–"]],
        columns=columns,
    )
    keys = pd.DataFrame(
        {0: [0, 1], 1: [1.5, math.nan], 2: [2.0, None], 3: [7.0, 0.1], 4: [math.nan] * 2}
    )
    series = [{2020: 1.0, 2021: 2.0, 2022: 3.0}, None]
    options = {"label": HOSTILE, "lang": "lv", "sparklines": {4: series}, **extra}
    return sortable_table(texts, keys=keys, **options)


def test_sortable_table_escapes_everything_it_is_given():
    markup = comparison(notes=[None, HOSTILE], styles=pd.DataFrame([[HOSTILE] * 5] * 2))
    assert markup.count("<script>") == 1 and markup.endswith(SORT_SCRIPT)  # only our own
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;"
    assert f'aria-label="{escaped}"' in markup
    assert f'title="{escaped}"' in markup and f'style="{escaped}"' in markup
    assert f">{escaped}</th>" in markup and f">{escaped}</td>" in markup


def test_sortable_table_reads_as_two_header_lines_and_the_rows():
    head_top, head, first, second = rows_of(comparison())
    assert head_top == ["", "First", "First", HOSTILE, HOSTILE]  # a name over its columns
    assert head == ["Name", "Value", "Rank", "Value", "Trend"]
    assert first == ["★ Alfa", "1,5", "2", HOSTILE, "2020–2022: 1 → 3"]  # the image's text
    assert second == ["Bēta", "–", "–", "7", "–"]


def test_each_sortable_header_is_a_button_with_its_column_type_and_first_direction():
    markup = comparison(descending_first=[1])
    heads = re.findall(r'<th scope="col"[^>]*>', markup)
    assert len(heads) == 5
    assert 'data-col="0" data-first="ascending"' in heads[0] and "num" not in heads[0]
    assert 'class="num lead" data-col="1" data-first="descending"' in heads[1]
    assert 'class="num" data-col="2" data-first="ascending"' in heads[2]
    assert "data-col" not in heads[4]  # the trend does not sort
    assert markup.count('<button type="button">') == 4
    assert '<th scope="colgroup" colspan="2" class="group-head lead">First</th>' in markup
    assert 'class="num lead"' in heads[1] and 'class="num lead"' in heads[3]


def test_sort_keys_are_plain_numbers_and_missing_has_none():
    body = comparison().split("<tbody>")[1]
    first, second = re.findall(r"<tr>.*?</tr>", body)
    assert re.findall(r'data-v="([^"]*)"', first) == ["0.0", "1.5", "2.0", "7.0"]
    assert re.findall(r'data-v="([^"]*)"', second) == ["1.0", "0.1"]  # no key for NaN, None


def test_sparkline_breaks_at_a_missing_year_and_marks_the_last():
    image = sparkline({2018: 4.0, 2019: 2.0, 2021: 3.0, 2023: 5.0, 2024: 5.0}, "2018–2024")
    source = re.search(r'src="([^"]*)"', image).group(1)
    assert source.startswith("data:image/svg+xml,") and not re.search(r'[<>"&#]', source)
    svg = unquote(source)
    runs = re.findall(r"points='([^']*)'", svg)
    assert len(runs) == 2  # 2018-2019, then 2023-2024; 2021 stands alone as a dot
    assert runs[0].split(" ")[0] == "3.0,9.0"  # the first year at the left, 2/3 of the way up
    assert runs[1].split(" ")[-1] == "93.0,3.0"  # the last year at the right, the top
    assert svg.count("<circle") == 2  # the lone year, and the mark on the last
    assert 'alt="2018–2024"' in image


def test_a_flat_sparkline_runs_through_the_middle_and_nothing_drawn_reads_as_a_dash():
    svg = unquote(sparkline({2020: 2.0, 2021: 2.0}, "flat"))
    assert "points='3.0,12.0 93.0,12.0'" in svg
    assert sparkline({2020: math.nan}, "none") == "–"
