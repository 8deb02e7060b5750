"""Altair charts for the municipality profile: small trend charts, one per indicator."""

from __future__ import annotations

import altair as alt
import pandas as pd

from benchlearn.charts.trends import legend_order, locale_config, tooltip


def small_trend(
    frame: pd.DataFrame, title: str, unit: str, lang: str, width: int = 300, height: int = 150
) -> alt.LayerChart:
    """One indicator over the years: the unit's line (and dashed Latvia when on scale).

    `frame` comes from charts.trends.display_frame; NaN years break the line. No legend:
    the page says once, under all the small charts, which line is which.
    """
    labels, colours, dashes, _ = legend_order(frame)
    colour = alt.Color("label:N", scale=alt.Scale(domain=labels, range=colours), legend=None)
    base = alt.Chart(frame).encode(
        x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0, labelOverlap=True)),
        y=alt.Y(
            "value:Q",
            title=None,
            scale=alt.Scale(zero=False),
            axis=alt.Axis(format=",~f", tickCount=4),
        ),
        color=colour,
    )
    lines = base.mark_line(invalid="break-paths-show-domains", strokeWidth=2.5).encode(
        strokeDash=alt.StrokeDash(
            "label:N", scale=alt.Scale(domain=labels, range=dashes), legend=None
        )
    )
    points = (
        base.mark_point(filled=True, size=35, opacity=1)
        .encode(tooltip=tooltip(lang))
        .transform_filter("isValid(datum.value)")
    )
    return alt.layer(lines, points).properties(
        width=width,
        height=height,
        title=alt.TitleParams(title, subtitle=unit, anchor="start", fontSize=13, limit=width),
    )


def small_multiples(charts: list[alt.LayerChart], lang: str, columns: int = 3) -> alt.ConcatChart:
    """Small trend charts in rows of `columns`, each with its own scale."""
    return (
        alt.concat(*charts, columns=columns)
        .resolve_scale(y="independent", color="independent", strokeDash="independent")
        .configure(locale=locale_config(lang))
    )
