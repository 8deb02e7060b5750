"""Read-only tables as static HTML for st.html.

A screen reader reads them as tables, they copy into a spreadsheet with their headers, and
the browser draws them in one step: no grid code to load and no canvas, which made a page
with a small table of values ~100 ms slower to finish than the same page without it. Pages
whose table must be searched or scroll through many rows keep st.dataframe.

`sortable_table` adds what the comparison page needs: two header lines (a group over its
columns), sorting by a click on a column header (a small script; st.html must be called with
unsafe_allow_javascript=True, and every cell is escaped here), per-cell CSS and sparklines.
"""

from __future__ import annotations

import html
import math
from collections.abc import Collection, Mapping, Sequence
from urllib.parse import quote

import pandas as pd

# Scoped to .bl-table; the app's theme is light (.streamlit/config.toml), so pinned cells
# can be opaque white.
CSS = """<style>
.bl-table-wrap { overflow: auto; border: 1px solid rgba(49, 51, 63, 0.15); border-radius: 0.5rem; }
.bl-table { border-collapse: separate; border-spacing: 0; font-size: 0.875rem; width: 100%; }
.bl-table th, .bl-table td { padding: 0.3rem 0.6rem; border-bottom: 1px solid rgba(49, 51, 63, 0.1);
  white-space: nowrap; text-align: left; background: #fff; }
.bl-table thead th { position: sticky; top: 0; z-index: 1; background: #f6f7f9; font-weight: 600;
  color: rgba(49, 51, 63, 0.8); }
.bl-table tbody tr:last-child td, .bl-table tbody tr:last-child th { border-bottom: none; }
.bl-table .num { text-align: right; font-variant-numeric: tabular-nums; }
.bl-table .pin { position: sticky; left: 0; z-index: 1;
  border-right: 1px solid rgba(49, 51, 63, 0.1); }
.bl-table thead .pin { z-index: 2; }
.bl-table tbody th { font-weight: normal; }
.bl-table tbody .group th { background: #fafafb; font-weight: 600; padding-top: 0.5rem; }
.bl-table tbody .group span { position: sticky; left: 0.6rem; }
.bl-bar { display: inline-block; width: 4.5rem; height: 0.6rem; margin-right: 0.4rem;
  background: rgba(49, 51, 63, 0.1); border-radius: 0.3rem; vertical-align: middle; }
.bl-bar > span { display: block; height: 100%; background: #1f4e79; border-radius: 0.3rem; }
.bl-swatch { display: inline-block; width: 0.8em; height: 0.8em; margin-right: 0.35em;
  border: 1px solid #888; vertical-align: middle; }
</style>"""


def _svg_uri(svg: str) -> str:
    """An SVG as a data: URI for an image or a CSS url() (st.html drops inline SVG)."""
    return "data:image/svg+xml," + quote(svg, safe=" ,.:/=-'")


def _icon(path: str, colour: str) -> str:
    svg = f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 8 12'><path d='{path}' "
    return _svg_uri(f"{svg}fill='{colour}'/></svg>")


# The sortable table's own rules (only its pages carry them). Sort marks are drawn as shapes,
# not characters: the app's font has no arrows.
UP, DOWN = "M4 0 8 5H0z", "M4 12 0 7h8z"
SORT_RULES = """<style>
.bl-sort thead { position: sticky; top: 0; z-index: 3; }
.bl-sort thead th { position: static; white-space: normal; vertical-align: bottom;
  min-width: 6rem; text-wrap: balance; }
.bl-sort thead .pin { position: sticky; left: 0; z-index: 4; }
.bl-sort thead .group-head { text-align: center; vertical-align: middle; min-width: 8rem;
  color: rgba(49, 51, 63, 0.95); border-bottom-color: rgba(49, 51, 63, 0.15); }
.bl-sort .lead { border-left: 1px solid rgba(49, 51, 63, 0.15); }
.bl-sort thead button { all: unset; cursor: pointer; display: inline; }
.bl-sort thead button:focus-visible { outline: 2px solid #1f4e79; outline-offset: 2px; }
.bl-sort thead button::after { content: ""; display: inline-block; width: 0.5em; height: 0.75em;
  margin-left: 0.3em; background: url("@ICON_BOTH@") no-repeat center / contain; }
.bl-sort thead th[aria-sort="ascending"] button::after { background-image: url("@ICON_UP@"); }
.bl-sort thead th[aria-sort="descending"] button::after { background-image: url("@ICON_DOWN@"); }
.bl-sort tbody tr:hover > * { box-shadow: inset 0 0 0 100vmax rgba(49, 51, 63, 0.05); }
.bl-sort td img { display: block; }
.bl-sort .bl-mark { display: inline-block; min-width: 1.3em; text-align: left; }
</style>"""
SORT_CSS = (
    SORT_RULES.replace("@ICON_BOTH@", _icon(UP + DOWN, "#a0a2a8"))
    .replace("@ICON_UP@", _icon(UP, "#1f4e79"))
    .replace("@ICON_DOWN@", _icon(DOWN, "#1f4e79"))
)


def _missing(value: object) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def _text(value: object) -> str:
    if _missing(value):
        return "–"
    return html.escape(str(value))


def _bar(value: object, top: float) -> str:
    """A bar as long as value / top, then the value as an integer; "–" without a value."""
    if _missing(value):
        return "–"
    share = min(max(float(value) / top, 0.0), 1.0) * 100
    return (
        f'<span class="bl-bar" aria-hidden="true"><span style="width:{share:.0f}%"></span></span>'
        f"{float(value):.0f}"
    )


def _swatch(colour: str | None) -> str:
    if not colour:
        return ""
    style = f"background:{html.escape(colour)}"
    return f'<span class="bl-swatch" aria-hidden="true" style="{style}"></span>'


def html_table(
    frame: pd.DataFrame,
    *,
    label: str,
    numeric: Sequence[str] = (),
    pinned: bool = False,
    bars: Mapping[str, float] | None = None,
    swatches: Mapping[str, Sequence[str | None]] | None = None,
    max_height: int | None = None,
    notes: Mapping[str, str] | None = None,
    groups: Sequence[str] | None = None,
) -> str:
    """`frame` as an HTML table (every cell escaped; empty cells read "–").

    - numeric: columns aligned right in tabular figures;
    - pinned: the first column heads its row and stays in view when the table scrolls
      sideways;
    - bars: numeric columns drawn as a bar from 0 to the given top, then the value;
    - swatches: a colour per row drawn before the cell's text ("" or None for none);
    - max_height: pixels, after which the body scrolls under a fixed header;
    - notes: a column's explanation, shown when pointing at its header;
    - groups: a label per row; a row across the table names the group where it changes.
    """
    bars, swatches, notes = bars or {}, swatches or {}, notes or {}
    columns = [str(c) for c in frame.columns]

    def classes(i: int, column: str) -> str:
        names = ["num"] if column in numeric or column in bars else []
        if pinned and i == 0:
            names.append("pin")
        return f' class="{" ".join(names)}"' if names else ""

    def header(i: int, column: str) -> str:
        note = f' title="{html.escape(notes[column])}"' if column in notes else ""
        return f'<th scope="col"{classes(i, column)}{note}>{html.escape(column)}</th>'

    head = "".join(header(i, c) for i, c in enumerate(columns))
    body, group = [], None
    for r, row in enumerate(frame.itertuples(index=False, name=None)):
        if groups is not None and groups[r] != group:
            group = groups[r]
            name = f"<span>{_text(group)}</span>"
            body.append(
                f'<tr class="group"><th colspan="{len(columns)}" scope="rowgroup">{name}</th></tr>'
            )
        cells = []
        for i, (column, value) in enumerate(zip(columns, row, strict=True)):
            if column in bars:
                content = _bar(value, bars[column])
            elif column in swatches:
                content = _swatch(swatches[column][r]) + _text(value)
            else:
                content = _text(value)
            tag = "th" if pinned and i == 0 else "td"
            scope = ' scope="row"' if tag == "th" else ""
            cells.append(f"<{tag}{scope}{classes(i, column)}>{content}</{tag}>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    height = f' style="max-height:{int(max_height)}px"' if max_height else ""
    return (
        f'{CSS}<div class="bl-table-wrap"{height}>'
        f'<table class="bl-table" aria-label="{html.escape(label)}">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


# Sorts the rows of the table just before it by the clicked header's column (the cells'
# data-v numbers): a first click in the column's natural direction, a second the other way, a
# third back to the page's order. Rows without a key stay last either way; ties keep the
# page's order (the sort is stable).
SORT_SCRIPT = """<script>(() => {
  const table = document.currentScript.previousElementSibling.querySelector("table");
  const body = table.tBodies[0];
  const original = Array.from(body.rows);
  const heads = Array.from(table.tHead.querySelectorAll("th[data-col]"));
  const key = (row, col) => {
    const v = row.cells[col].dataset.v;
    return v === undefined ? null : Number(v);
  };
  const compare = (col, sign) => (a, b) => {
    const x = key(a, col), y = key(b, col);
    if (x === null || y === null) return (x === null) - (y === null);
    return sign * (x - y);
  };
  for (const th of heads) {
    th.querySelector("button").addEventListener("click", () => {
      const first = th.dataset.first;
      const other = first === "ascending" ? "descending" : "ascending";
      const now = th.getAttribute("aria-sort");
      const next = now === first ? other : now === other ? null : first;
      heads.forEach((h) => h.removeAttribute("aria-sort"));
      const rows = original.slice();
      if (next) {
        th.setAttribute("aria-sort", next);
        rows.sort(compare(Number(th.dataset.col), next === "ascending" ? 1 : -1));
      }
      body.append(...rows);
    });
  }
})();</script>"""

SPARK_W, SPARK_H, SPARK_PAD = 96, 24, 3


def sparkline(points: Mapping[int, float], label: str, colour: str = "#4d4d4d") -> str:
    """Values by year as a small line image with `label` as its text. Each row has its own
    scale; a year without a value breaks the line (a lone year is a dot); the last year is
    marked. An image, because st.html does not keep inline SVG."""
    years = sorted(y for y, v in points.items() if math.isfinite(v))
    values = [points[y] for y in years]
    if not years:
        return _text(None)
    span_x, low, high = (years[-1] - years[0]) or 1, min(values), max(values)

    def xy(year: int, value: float) -> str:
        x = SPARK_PAD + (year - years[0]) / span_x * (SPARK_W - 2 * SPARK_PAD)
        share = 0.5 if high == low else (value - low) / (high - low)
        return f"{x:.1f},{SPARK_H - SPARK_PAD - share * (SPARK_H - 2 * SPARK_PAD):.1f}"

    runs: list[list[str]] = []
    for i, year in enumerate(years):
        if i == 0 or year != years[i - 1] + 1:
            runs.append([])
        runs[-1].append(xy(year, values[i]))
    shapes = [
        f"<polyline points='{' '.join(run)}' fill='none' stroke='{colour}' stroke-width='1.5'/>"
        if len(run) > 1
        else _dot(run[0], 1.5, colour)
        for run in runs
    ]
    shapes.append(_dot(runs[-1][-1], 2.2, colour))
    svg = (
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{SPARK_W}' height='{SPARK_H}'>"
        f"{''.join(shapes)}</svg>"
    )
    source = _svg_uri(svg)
    return (
        f'<img src="{source}" width="{SPARK_W}" height="{SPARK_H}" alt="{html.escape(label)}" '
        f'title="{html.escape(label)}">'
    )


def _dot(point: str, radius: float, colour: str) -> str:
    x, y = point.split(",")
    return f"<circle cx='{x}' cy='{y}' r='{radius}' fill='{colour}'/>"


def _key(value: object) -> str:
    """A cell's sort key as an attribute ('' when it has none)."""
    if _missing(value):
        return ""
    number = float(value)  # type: ignore[arg-type]
    return f' data-v="{number!r}"' if math.isfinite(number) else ""


def sortable_table(
    texts: pd.DataFrame,
    *,
    keys: pd.DataFrame,
    label: str,
    lang: str,
    styles: pd.DataFrame | None = None,
    sparklines: Mapping[int, Sequence[Mapping[int, float] | None]] | None = None,
    notes: Sequence[str | None] = (),
    descending_first: Collection[int] = (),
    titles: pd.DataFrame | None = None,
    marks: Mapping[int, Sequence[str]] | None = None,
) -> str:
    """`texts` (two header levels: a group label over each column's own label; the first
    column names the rows, the others hold numbers or sparklines) as an HTML table that sorts
    by a click on a column header.

    Columns are addressed by position:
    - keys: the number each cell sorts by (NaN: none, sorts last), same shape; names sort by
      their place in an order the caller gives, so the browser's own collation plays no part;
    - styles: CSS per cell (our own strings, not user text);
    - sparklines: columns drawn as small lines from values by year, with the cell's text as
      the image's text; they do not sort;
    - notes: a column's explanation, shown when pointing at its header;
    - descending_first: columns whose first click puts the largest value on top;
    - titles: text per cell shown when pointing at it ("" for none), same shape (e.g. what a
      value's mark means);
    - marks: per column, a short mark after each cell's text ("" for none; Σ, ≈, ?), in a
      slot of its own width, so the numbers of a column stay aligned.
    Call st.html(..., unsafe_allow_javascript=True) for the sorting; without it the table
    still reads in the page's order.
    """
    sparklines, marks = sparklines or {}, marks or {}
    groups = [str(top) for top in texts.columns.get_level_values(0)]
    leads = {j for j in range(1, len(groups)) if j == 1 or groups[j] != groups[j - 1]}
    numbers = {j for j in range(1, len(groups)) if j not in sparklines}

    def attrs(j: int) -> str:
        flags = (("pin", j == 0), ("num", j in numbers), ("lead", j in leads))
        names = [name for name, on in flags if on]
        return f' class="{" ".join(names)}"' if names else ""

    top = ['<td class="pin"></td>']
    for j in sorted(leads):
        span = next((k for k in sorted(leads) if k > j), len(groups)) - j
        top.append(
            f'<th scope="colgroup" colspan="{span}" class="group-head lead">'
            f"{html.escape(groups[j])}</th>"
        )
    sub = []
    for j, column in enumerate(texts.columns.get_level_values(1)):
        note = notes[j] if j < len(notes) and notes[j] else None
        title = f' title="{html.escape(note)}"' if note else ""
        text = html.escape(str(column))
        if j in sparklines:
            sub.append(f'<th scope="col"{attrs(j)}{title}>{text}</th>')
            continue
        first = "descending" if j in descending_first else "ascending"
        sub.append(
            f'<th scope="col"{attrs(j)}{title} data-col="{j}" data-first="{first}">'
            f'<button type="button">{text}</button></th>'
        )
    body = []
    for r in range(len(texts)):
        cells = []
        for j in range(texts.shape[1]):
            css = styles.iat[r, j] if styles is not None else ""
            style = f' style="{html.escape(css)}"' if css else ""
            if j in sparklines:
                series = sparklines[j][r]
                text = str(texts.iat[r, j])
                content = sparkline(series, text) if series else _text(None)
            else:
                content = _text(texts.iat[r, j])
                if j in marks:
                    sign = marks[j][r]
                    shown = f"\u00a0{html.escape(sign)}" if sign and content != "–" else ""
                    content += f'<span class="bl-mark">{shown}</span>'
            tag = "th" if j == 0 else "td"
            scope = ' scope="row"' if j == 0 else ""
            key = "" if j in sparklines else _key(keys.iat[r, j])
            tip = titles.iat[r, j] if titles is not None else ""
            title = f' title="{html.escape(str(tip))}"' if isinstance(tip, str) and tip else ""
            cells.append(f"<{tag}{scope}{attrs(j)}{style}{title}{key}>{content}</{tag}>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f'{CSS}{SORT_CSS}<div class="bl-table-wrap">'
        f'<table class="bl-table bl-sort" lang="{html.escape(lang)}" '
        f'aria-label="{html.escape(label)}"><thead><tr>{"".join(top)}</tr>'
        f"<tr>{''.join(sub)}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
        f"{SORT_SCRIPT}"
    )
