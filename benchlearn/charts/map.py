"""pydeck choropleth: precomputed colours and tooltip text, no internet base map."""

from __future__ import annotations

import base64
import json

import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from benchlearn.logic.classify import NO_DATA, hex_to_rgba

LAYER_ID = "units"
# An inline map style with only a background: the map looks finished without any tiles and
# the browser never asks a tile server for anything.
_STYLE = {
    "version": 8,
    "sources": {},
    "layers": [
        {"id": "background", "type": "background", "paint": {"background-color": "#f3f5f7"}}
    ],
}
OFFLINE_STYLE = (
    "data:application/json;base64," + base64.b64encode(json.dumps(_STYLE).encode()).decode()
)
LATVIA_VIEW = pdk.ViewState(latitude=56.9, longitude=24.6, zoom=6.0, min_zoom=5, max_zoom=11)


class CompactDeck(pdk.Deck):
    """pydeck pretty-prints its JSON (indent=2): for polygons that is ~5x the bytes the
    browser must download and parse. Same spec, no whitespace."""

    def to_json(self) -> str:
        return json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"))


def features(layer: dict, table: pd.DataFrame, selected: str | None) -> dict:
    """A copy of the boundary layer with per-unit colour, outline and tooltip fields.

    `table` is indexed by unit_id with columns name, colour, value_text, rank_text, city
    (and status_text: what the value is, in words).
    """
    out, rows = [], table.to_dict("index")  # dict lookups: .loc per feature was most of it
    for feature in layer["features"]:
        uid = feature["properties"]["unit_id"]
        row = rows.get(uid)
        colour = NO_DATA if row is None else row["colour"]
        city = bool(row is not None and row["city"])
        chosen = uid == selected
        out.append(
            {
                "type": "Feature",
                "geometry": feature["geometry"],
                "properties": {
                    "unit_id": uid,
                    "name": "" if row is None else row["name"],
                    "value_text": "" if row is None else row["value_text"],
                    "rank_text": "" if row is None else row["rank_text"],
                    "status_text": "" if row is None else row.get("status_text", ""),
                    "fill": hex_to_rgba(colour, 235),
                    "line": [20, 20, 20, 255] if chosen or city else [90, 90, 90, 200],
                    "width": 3.5 if chosen else 2.5 if city else 0.6,
                },
            }
        )
    return {"type": "FeatureCollection", "features": out}


def build_map(collection: dict, labels: pd.DataFrame | None, height: int = 600) -> pdk.Deck:
    """Choropleth, plus labelled points when `labels` (name, lon, lat) is given.

    Text costs: in the benchmark's software-rendered Chromium the text layer alone made the
    map page ~1.5x slower to draw than a bare map, so the main map relies on thick outlines
    (see `features`) and the tooltip, and only slides and the peers map label their units.
    """
    polygons = pdk.Layer(
        "GeoJsonLayer",
        collection,
        id=LAYER_ID,
        pickable=True,
        stroked=True,
        filled=True,
        get_fill_color="properties.fill",
        get_line_color="properties.line",
        get_line_width="properties.width",
        line_width_units="'pixels'",
        auto_highlight=True,
        highlight_color=[255, 255, 255, 90],
    )
    if labels is None:
        labels = pd.DataFrame(columns=["name", "lon", "lat"])
    text = pdk.Layer(
        "TextLayer",
        labels.to_dict("records"),
        id="city_labels",
        pickable=False,
        get_position=["lon", "lat"],
        get_text="name",
        get_size=13,
        size_units="'pixels'",
        get_color=[15, 15, 15, 255],
        get_text_anchor="'start'",
        get_alignment_baseline="'center'",
        get_pixel_offset=[9, 0],
        background=True,
        get_background_color=[255, 255, 255, 200],
        background_padding=[3, 1, 3, 1],
        character_set="'auto'",
        font_weight=600,
        font_family="'Source Sans Pro, Helvetica, Arial, sans-serif'",
    )
    dots = pdk.Layer(
        "ScatterplotLayer",
        labels.to_dict("records"),
        id="city_dots",
        pickable=False,
        get_position=["lon", "lat"],
        get_radius=4,
        radius_units="'pixels'",
        get_fill_color=[15, 15, 15, 255],
        get_line_color=[255, 255, 255, 255],
        stroked=True,
        line_width_min_pixels=1.5,
    )
    tooltip = {
        "html": "<b>{name}</b><br/>{value_text}<br/>{rank_text}<br/>"
        "<span style='font-size:12px;opacity:.85'>{status_text}</span>",
        "style": {
            "backgroundColor": "#1f2933",
            "color": "white",
            "fontSize": "14px",
            "maxWidth": "360px",
        },
    }
    return CompactDeck(
        layers=[polygons] if labels is None else [polygons, dots, text],
        initial_view_state=LATVIA_VIEW,
        map_provider="carto",
        map_style=OFFLINE_STYLE,
        tooltip=tooltip,
        height=height,
    )
