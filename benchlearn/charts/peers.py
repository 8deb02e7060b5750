"""Charts for the similar-municipalities page: why one peer is similar (Altair), and the map's
legend (HTML)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from benchlearn.charts.trends import locale_config
from benchlearn.i18n import t
from benchlearn.logic.similar import (
    EXCLUDED_COLOUR,
    FOCUS_COLOUR,
    OTHER_COLOUR,
    PEER_COLOUR,
)

BAR_PX = 24  # height per indicator
LABEL_PX = 210  # room for the indicator names
AXIS_PX = 72  # x axis, its title and padding (Streamlit fits the whole chart to the height)


def why_chart(frame: pd.DataFrame, lang: str) -> alt.Chart:
    """Horizontal bars: each indicator's share (%) of one peer's distance from the focus.

    `frame`: the rows of one peer from logic.similar.why_frame. The scale is 0..100 % in
    every chart; how close the peer is overall is its distance, printed beside the chart.
    Tooltips give both values, the difference in standard deviations and the share.
    The width follows the container (show it with width="stretch").
    """
    order = frame.sort_values("order")["label"].tolist()
    return (
        alt.Chart(frame)
        .mark_bar(color=PEER_COLOUR)
        .encode(
            y=alt.Y(
                "label:N",
                sort=order,
                title=None,
                axis=alt.Axis(
                    labelLimit=LABEL_PX, labelFontSize=12, ticks=False, labelOverlap=False
                ),
            ),
            x=alt.X(
                "share:Q",
                title=t("peers.axis", lang),
                scale=alt.Scale(domain=[0, 100], nice=False),
                axis=alt.Axis(values=[0, 25, 50, 75, 100], grid=True),
            ),
            tooltip=[
                alt.Tooltip("label:N", title=t("sel.indicator", lang)),
                alt.Tooltip("focus_text:N", title=t("peers.tip_focus", lang)),
                alt.Tooltip("peer_text:N", title=t("peers.tip_peer", lang)),
                alt.Tooltip("diff_text:N", title=t("peers.tip_diff", lang)),
                alt.Tooltip("share_text:N", title=t("peers.tip_share", lang)),
            ],
        )
        .properties(width="container", height=BAR_PX * max(1, len(order)) + AXIS_PX)
        .configure(locale=locale_config(lang))
        .configure_view(stroke=None)
        .configure_axis(titleFontWeight="normal", titleColor="#555")
    )


def legend_html(lang: str) -> str:
    """The peers map's legend: a swatch and a label for the focus, its peers, the others and
    the units left out, in one line that wraps."""
    swatches = [
        (FOCUS_COLOUR, t("peers.legend_focus", lang)),
        (PEER_COLOUR, t("peers.legend_peer", lang)),
        (OTHER_COLOUR, t("peers.legend_other", lang)),
        (EXCLUDED_COLOUR, t("peers.legend_excluded", lang)),
    ]
    return " ".join(
        f"<span style='display:inline-flex;align-items:center;gap:.35rem;margin-right:1rem'>"
        f"<span style='width:1.3rem;height:.9rem;background:{c};border:1px solid #777;"
        f"display:inline-block'></span>{label}</span>"
        for c, label in swatches
    )
