"""Calibration: the least a chart page can be, a heading, one Vega line chart and one
table, reached by a deep link (/grafiks) like the app's chart pages."""

import pandas as pd
import streamlit as st

# Synthetic: three lines over ten years (calibration only, not shown to anyone).
SERIES = pd.DataFrame(
    {
        "year": [y for _ in range(3) for y in range(2015, 2025)],
        "unit": [u for u in "ABC" for _ in range(10)],
        "value": [100 + 3 * i + 7 * (i % 10) for i in range(30)],
    }
)


def home() -> None:
    st.title("Home")


def chart() -> None:
    st.title("Chart")
    st.vega_lite_chart(
        SERIES,
        {
            "mark": {"type": "line", "point": True},
            "encoding": {
                "x": {"field": "year", "type": "ordinal"},
                "y": {"field": "value", "type": "quantitative"},
                "color": {"field": "unit", "type": "nominal"},
            },
        },
        width="stretch",
    )
    st.dataframe(SERIES.pivot(index="unit", columns="year", values="value"))


st.navigation(
    [st.Page(home, title="Home", default=True), st.Page(chart, title="Chart", url_path="grafiks")],
    position="hidden",
).run()
