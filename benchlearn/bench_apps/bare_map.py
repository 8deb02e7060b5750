"""Calibration: a bare pydeck map of the same 43 boundaries, recoloured by a selectbox."""

import pydeck as pdk
import streamlit as st

from benchlearn import cache
from benchlearn.charts.map import LATVIA_VIEW, OFFLINE_STYLE

scheme = st.selectbox("Colour", ["blue", "orange"], key="colour")
colour = [49, 130, 189, 230] if scheme == "blue" else [230, 130, 20, 230]
layer = cache.boundary_layer("lg2021")
features = [{**f, "properties": {**f["properties"], "fill": colour}} for f in layer["features"]]
deck = pdk.Deck(
    layers=[
        pdk.Layer(
            "GeoJsonLayer",
            {"type": "FeatureCollection", "features": features},
            id="units",
            pickable=True,
            get_fill_color="properties.fill",
            get_line_color=[90, 90, 90, 200],
            line_width_min_pixels=1,
        )
    ],
    initial_view_state=LATVIA_VIEW,
    map_provider="carto",
    map_style=OFFLINE_STYLE,
)
st.pydeck_chart(deck, height=600)
