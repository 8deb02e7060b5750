"""Read-only tables as static HTML for st.html.

A screen reader reads them as tables, they copy into a spreadsheet with their headers, and
the browser draws them in one step: no grid code to load and no canvas, which made a page
with a small table of values ~100 ms slower to finish than the same page without it. Pages
whose table must sort or scroll through many rows keep st.dataframe.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

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
