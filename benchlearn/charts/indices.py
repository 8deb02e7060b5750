"""Altair chart for the composite-index page: what each component adds to each unit's index."""

from __future__ import annotations

import altair as alt
import pandas as pd

from benchlearn.charts.trends import locale_config
from benchlearn.i18n import t

# Okabe-Ito: a categorical palette designed to stay distinct for colour-blind readers.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
ROW_PX = 17


def contributions_chart(frame: pd.DataFrame, lang: str, width: int = 640) -> alt.LayerChart:
    """Stacked bars per unit (best first): weight x z-score of every component, left of 0
    where it pulls the index down; a black tick marks the index itself.

    `frame`: logic.indexview.contributions_frame (unit_id, name, rank, label, value, index).
    """
    order = frame.drop_duplicates("unit_id").sort_values(["rank", "name"])["name"].tolist()
    labels = list(dict.fromkeys(frame["label"]))
    y = alt.Y("name:N", sort=order, title=None, axis=alt.Axis(labelLimit=220))
    bars = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=y,
            x=alt.X("sum(value):Q", title=t("idx.axis", lang), axis=alt.Axis(format=".2~f")),
            color=alt.Color(
                "label:N",
                scale=alt.Scale(domain=labels, range=OKABE_ITO[: len(labels)]),
                legend=alt.Legend(title=None, orient="top", columns=2, labelLimit=320),
            ),
            order=alt.Order("indicator:N"),
            tooltip=[
                alt.Tooltip("name:N", title=t("municipality", lang)),
                alt.Tooltip("label:N", title=t("sel.indicator", lang)),
                alt.Tooltip("value:Q", title=t("idx.tip_part", lang), format=".2f"),
                alt.Tooltip("index:Q", title=t("idx.col_index", lang), format=".2f"),
            ],
        )
    )
    ticks = (
        alt.Chart(frame.drop_duplicates("unit_id"))
        .mark_tick(color="black", thickness=2, size=ROW_PX - 3)
        .encode(y=y, x="index:Q")
    )
    return (
        alt.layer(bars, ticks)
        .properties(width=width, height=ROW_PX * max(1, len(order)))
        .configure(locale=locale_config(lang))
        .configure_view(stroke=None)
    )


def legend_html(rows: list[tuple[str, str, int]]) -> str:
    """The index map's legend, one class a line: (colour, label, count) rows from
    logic.mapview.legend_rows."""
    return "".join(
        f"<div style='display:flex;align-items:center;gap:.5rem;margin:.1rem 0'>"
        f"<span style='width:1.5rem;height:.9rem;background:{colour};border:1px solid #777;"
        f"display:inline-block'></span><span>{label.strip()} "
        f"<span style='color:#666'>({count})</span></span></div>"
        for colour, label, count in rows
    )
