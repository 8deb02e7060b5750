"""Altair charts as Vega-Lite dicts, converted once so they can be cached and drawn."""

from __future__ import annotations

import altair as alt


def chart_spec(chart: alt.TopLevelMixin) -> dict:
    """The Vega-Lite dict of an Altair chart, converted as st.altair_chart would (theme
    "none", data inline), so it can be cached and drawn with st.vega_lite_chart: Altair's
    to_dict validates the whole schema, tens of milliseconds per chart and page visit.
    Altair's theme and data settings are global, hence Streamlit's own lock around them."""
    from streamlit.elements.vega_charts import _altair_globals_lock

    with (
        _altair_globals_lock,
        alt.theme.enable("none"),
        alt.data_transformers.enable("default"),
    ):
        return chart.to_dict()
