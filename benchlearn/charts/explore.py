"""Altair charts for the explorer: scatter with a fitted line, distribution (box plus every
unit as a dot), and small multiples of one indicator over years.

Builders take frames prepared by the page from benchlearn.logic.explore, with the display
text already formatted the Latvian or English way, and return Altair charts without
`configure` (call `finish` once at the top level). No Streamlit here.
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from benchlearn.charts.trends import locale_config
from benchlearn.logic.explore import BoxStats

PICK = "pick"  # name of the scatter's point selection (st.altair_chart returns it)
MY_COLOUR = "#e66101"  # orange: my municipality, in every chart
PICKED_COLOUR = "#0571b0"  # dark blue: compared (selected) municipalities
UNIT_COLOUR = "#8a9bab"  # blue-grey: every other unit
LATVIA_COLOUR = "#222222"
FIT_COLOUR = "#555555"
ROLES = ("my", "picked", "unit")
COLOURS = {"my": MY_COLOUR, "picked": PICKED_COLOUR, "unit": UNIT_COLOUR}
SHAPES = {"my": "diamond", "picked": "circle", "unit": "circle"}


def finish(chart: alt.TopLevelMixin, lang: str) -> alt.TopLevelMixin:
    """Top-level config: the number locale (decimal comma in Latvian)."""
    return chart.configure(locale=locale_config(lang)).configure_view(stroke=None)


def titled(
    chart: alt.TopLevelMixin, title: str, subtitle: Sequence[str], width: int | None = None
) -> alt.TopLevelMixin:
    """The same chart with a title and source lines, for a PNG that stands on its own."""
    if width is not None:
        chart = chart.properties(width=width)
    return chart.properties(
        title=alt.TitleParams(
            text=title,
            subtitle=list(subtitle),
            anchor="start",
            fontSize=16,
            subtitleFontSize=11,
            subtitleColor="#444444",
            offset=12,
        )
    )


def _scale(log: bool) -> alt.Scale:
    """Padding keeps the dots at the ends of the range inside the plot."""
    if log:
        return alt.Scale(type="log", nice=False, padding=12)
    return alt.Scale(zero=False, nice=True, padding=12)


def scatter(
    points: pd.DataFrame,
    line: pd.DataFrame | None,
    latvia: pd.DataFrame | None,
    x_title: str,
    y_title: str,
    legend: dict[str, str],
    logx: bool = False,
    logy: bool = False,
    height: int = 460,
) -> alt.LayerChart:
    """Units as dots (click to select; shift-click adds), labels for my and the selected
    units, the least-squares line and Latvia as a cross.

    `points`: unit_id, name, x, y, x_text, y_text, role (my / picked / unit), label;
    `line`: x, y along the fitted line; `latvia`: one row x, y, name, x_text, y_text;
    `legend`: role -> legend text.
    """
    select = alt.selection_point(name=PICK, fields=["unit_id"], on="click", clear="dblclick")
    x = alt.X("x:Q", title=x_title, scale=_scale(logx), axis=alt.Axis(format=",~r"))
    y = alt.Y("y:Q", title=y_title, scale=_scale(logy), axis=alt.Axis(format=",~r"))
    tooltip = [
        alt.Tooltip("name:N", title=legend["name"]),
        alt.Tooltip("x_text:N", title=x_title),
        alt.Tooltip("y_text:N", title=y_title),
    ]
    roles = [r for r in ROLES if r in set(points["role"])]
    colour = alt.Color(
        "role_text:N",
        scale=alt.Scale(
            domain=[legend[r] for r in roles],
            range=[
                {"my": MY_COLOUR, "picked": PICKED_COLOUR, "unit": UNIT_COLOUR}[r] for r in roles
            ],
        ),
        legend=alt.Legend(title=None, orient="bottom"),
    )
    data = points.assign(
        role_text=points["role"].map(legend),
        order=points["role"].map({"unit": 0, "picked": 1, "my": 2}),
        aria=points["name"] + ": " + points["x_text"] + "; " + points["y_text"],
    )
    base = alt.Chart(data).encode(x=x, y=y)
    dots = (
        base.mark_point(filled=True, opacity=0.85, stroke="white", strokeWidth=0.8)
        .encode(
            color=colour,
            shape=alt.Shape(
                "role_text:N",
                scale=alt.Scale(
                    domain=[legend[r] for r in roles],
                    range=[
                        {"my": "diamond", "picked": "circle", "unit": "circle"}[r] for r in roles
                    ],
                ),
                legend=alt.Legend(title=None, orient="bottom"),
            ),
            size=alt.Size(
                "role:N",
                scale=alt.Scale(domain=list(ROLES), range=[260, 110, 70]),
                legend=None,
            ),
            order=alt.Order("order:Q"),
            tooltip=tooltip,
            description="aria:N",  # what a screen reader says for each dot
        )
        .add_params(select)
    )
    labels = (
        base.transform_filter("datum.label != ''")
        .mark_text(align="left", dx=8, dy=-8, fontSize=12, fontWeight=600)
        .encode(text="label:N", color=alt.value("#1b1b1b"))
    )
    layers: list[alt.Chart] = [dots, labels]
    if line is not None and not line.empty:
        fit = (
            alt.Chart(line)
            .mark_line(color=FIT_COLOUR, strokeDash=[6, 4], strokeWidth=1.8)
            .encode(x="x:Q", y="y:Q")
        )
        layers.insert(0, fit)
    if latvia is not None and not latvia.empty:
        cross = alt.Chart(latvia).encode(x="x:Q", y="y:Q")
        layers.append(
            cross.mark_point(shape="cross", size=220, filled=True, color=LATVIA_COLOUR).encode(
                tooltip=[
                    alt.Tooltip("name:N", title=legend["name"]),
                    alt.Tooltip("x_text:N", title=x_title),
                    alt.Tooltip("y_text:N", title=y_title),
                ]
            )
        )
        layers.append(
            cross.mark_text(align="left", dx=9, dy=9, fontSize=12, fontStyle="italic").encode(
                text="name:N", color=alt.value(LATVIA_COLOUR)
            )
        )
    return alt.layer(*layers).properties(height=height)


def distribution(
    dots: pd.DataFrame,
    stats: BoxStats,
    unit: str,
    latvia: float | None,
    latvia_label: str,
    name_title: str,
    value_title: str,
    height: int = 230,
) -> alt.LayerChart:
    """A box (quartiles, median, whiskers to the smallest and largest value) with every unit
    as a dot at a fixed vertical offset; my municipality as a large orange diamond.

    `dots`: unit_id, name, value, value_text, jitter, role (my / unit), label.
    """
    lane = alt.Scale(domain=[-1, 1])
    y = alt.Y("j:Q", axis=None, scale=lane)
    band = alt.Y("bottom:Q", axis=None, scale=lane)
    x_axis = alt.Axis(format=",~r", title=unit)
    box = pd.DataFrame(
        [
            {
                "low": stats.low,
                "q1": stats.q1,
                "median": stats.median,
                "q3": stats.q3,
                "high": stats.high,
                "top": 0.45,
                "bottom": -0.45,
                "j": 0.0,
            }
        ]
    )
    frame = alt.Chart(box)
    layers = [
        frame.mark_rule(color="#666666").encode(x=alt.X("low:Q", axis=x_axis), x2="q1:Q", y=y),
        frame.mark_rule(color="#666666").encode(x="q3:Q", x2="high:Q", y=y),
        frame.mark_rect(fill="#dbe4ec", stroke="#5b6b7a", strokeWidth=1.2).encode(
            x="q1:Q", x2="q3:Q", y=band, y2="top:Q"
        ),
        frame.mark_rule(color="#1b1b1b", strokeWidth=2.5).encode(x="median:Q", y=band, y2="top:Q"),
    ]
    data = dots.rename(columns={"jitter": "j"})
    base = alt.Chart(data).encode(
        x=alt.X("value:Q", axis=x_axis, scale=alt.Scale(zero=False, nice=True)),
        y=y,
        tooltip=[
            alt.Tooltip("name:N", title=name_title),
            alt.Tooltip("value_text:N", title=value_title),
        ],
    )
    layers.append(
        base.transform_filter("datum.role != 'my'").mark_circle(
            size=70, color=PICKED_COLOUR, opacity=0.7, stroke="white", strokeWidth=0.6
        )
    )
    mine = base.transform_filter("datum.role == 'my'")
    layers.append(
        mine.mark_point(shape="diamond", size=300, filled=True, color=MY_COLOUR, stroke="#1b1b1b")
    )
    layers.append(
        mine.mark_text(align="left", dx=10, dy=-10, fontSize=12, fontWeight=600).encode(
            text="label:N"
        )
    )
    if latvia is not None:
        ref = alt.Chart(pd.DataFrame([{"value": latvia, "name": latvia_label, "j": 0.92}]))
        layers.append(
            ref.mark_rule(color=LATVIA_COLOUR, strokeDash=[5, 4], strokeWidth=1.5).encode(
                x="value:Q"
            )
        )
        layers.append(
            ref.mark_text(align="left", dx=4, fontSize=11, fontStyle="italic").encode(
                x="value:Q", y=y, text="name:N"
            )
        )
    return alt.layer(*layers).properties(height=height)


def small_multiples(
    series: pd.DataFrame,
    order: Sequence[str],
    name_title: str,
    year_title: str,
    value_title: str,
    shared_scale: bool = True,
    columns: int = 6,
) -> alt.FacetChart:
    """One small line chart per unit (in `order`, my municipality first and in orange);
    missing years are gaps, never interpolated.

    `series`: unit_id, name, year, value, value_text, role (my / unit).
    """
    years = sorted(int(y) for y in series["year"].unique())
    base = alt.Chart(series).encode(
        x=alt.X(
            "year:O",
            title=None,
            axis=alt.Axis(values=[years[0], years[-1]], labelAngle=0, labelFontSize=10),
        ),
        y=alt.Y(
            "value:Q",
            title=None,
            scale=alt.Scale(zero=False),
            axis=alt.Axis(format=",~s", tickCount=3, labelFontSize=10),
        ),
        color=alt.Color(
            "role:N",
            scale=alt.Scale(domain=["my", "unit"], range=[MY_COLOUR, PICKED_COLOUR]),
            legend=None,
        ),
    )
    lines = base.mark_line(strokeWidth=2, invalid="break-paths-show-domains")
    points = (
        base.mark_circle(size=22)
        .transform_filter("isValid(datum.value)")
        .encode(
            tooltip=[
                alt.Tooltip("name:N", title=name_title),
                alt.Tooltip("year:O", title=year_title),
                alt.Tooltip("value_text:N", title=value_title),
            ]
        )
    )
    chart = (
        alt.layer(lines, points)
        .properties(width=150, height=90)
        .facet(
            facet=alt.Facet(
                "name:N",
                sort=list(order),
                title=None,
                header=alt.Header(labelFontSize=11, labelLimit=150, labelFontWeight=600),
            ),
            columns=columns,
            spacing=12,
        )
    )
    return chart if shared_scale else chart.resolve_scale(y="independent")
