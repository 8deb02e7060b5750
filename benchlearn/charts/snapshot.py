"""A PNG of the map view for slides: the same boundaries, colours, legend and source as the
map page, drawn on the server with matplotlib (no browser, no base-map tiles).

No Streamlit here. Input is what the map page already has: the boundary layer (GeoJSON of
one version), the classified table (by unit_id: name, colour, city) and the legend rows.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence

import pandas as pd
from shapely.geometry import shape

from benchlearn import limits
from benchlearn.i18n import t
from benchlearn.logic.classify import NO_DATA
from benchlearn.logic.mapview import MapSlice, legend_rows

LATITUDE = 56.9  # Latvia's middle: x is stretched by 1/cos(latitude) so shapes look right
EDGE = "#5a5a5a"
CITY_EDGE = "#141414"
MY_EDGE = "#000000"


def _rings(geometry: dict) -> list[list[tuple[float, float]]]:
    """Exterior rings of a (multi)polygon; holes are drawn over by the units inside them."""
    geom = shape(geometry)
    parts = list(geom.geoms) if hasattr(geom, "geoms") else [geom]
    return [list(part.exterior.coords) for part in parts if hasattr(part, "exterior")]


def _patches(layer: dict, table: pd.DataFrame, my: str | None) -> tuple[list, list, list, list]:
    from matplotlib.patches import Polygon

    patches, fills, edges, widths = [], [], [], []
    for feature in layer["features"]:
        uid = feature["properties"]["unit_id"]
        row = table.loc[uid] if uid in table.index else None
        colour = NO_DATA if row is None or pd.isna(row["value"]) else row["colour"]
        city = bool(row is not None and row["city"])
        for ring in _rings(feature["geometry"]):
            patches.append(Polygon(ring, closed=True))
            fills.append(colour)
            edges.append(MY_EDGE if uid == my else CITY_EDGE if city else EDGE)
            widths.append(2.4 if uid == my else 1.2 if city else 0.35)
    return patches, fills, edges, widths


def map_png(
    layer: dict,
    table: pd.DataFrame,
    legend: Sequence[tuple[str, str, int]],
    title: str,
    subtitle: str,
    source: str,
    labels: pd.DataFrame | None = None,
    my: str | None = None,
    dpi: int = 150,
) -> bytes:
    """PNG bytes: title, the choropleth with state cities labelled, the legend, the source.

    `legend`: (colour, label, count) rows, top-down (include the 'no data' row if wanted);
    `labels`: name, lon, lat of the places to label. A few at a time across the server
    (benchlearn.limits.RENDERS).
    """
    with limits.RENDERS.slot():
        return _map_png(layer, table, legend, title, subtitle, source, labels, my, dpi)


def _map_png(
    layer: dict,
    table: pd.DataFrame,
    legend: Sequence[tuple[str, str, int]],
    title: str,
    subtitle: str,
    source: str,
    labels: pd.DataFrame | None,
    my: str | None,
    dpi: int,
) -> bytes:
    # imported here: matplotlib takes half a second to import, and only this download needs it
    from matplotlib.collections import PatchCollection
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    # A Figure without pyplot: no global state, so sessions (threads) can draw at once.
    fig = Figure(figsize=(12, 6.4), dpi=dpi, facecolor="white")
    ax = fig.add_axes((0.02, 0.07, 0.70, 0.76))
    patches, fills, edges, widths = _patches(layer, table, my)
    ax.add_collection(PatchCollection(patches, facecolor=fills, edgecolor=edges, linewidths=widths))
    ax.autoscale_view()
    ax.set_aspect(1 / math.cos(math.radians(LATITUDE)))
    ax.set_axis_off()
    if labels is not None:
        for row in labels.itertuples():
            ax.plot(row.lon, row.lat, "o", ms=4, color="#141414", mec="white", mew=1)
            ax.annotate(
                row.name,
                (row.lon, row.lat),
                xytext=(6, 0),
                textcoords="offset points",
                va="center",
                fontsize=9,
                fontweight="bold",
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.75},
            )
    fig.text(0.02, 0.96, title, fontsize=17, fontweight="bold", va="top")
    fig.text(0.02, 0.895, subtitle, fontsize=11, color="#333333", va="top")
    handles = [
        Patch(facecolor=colour, edgecolor="#777777", label=f"{label} ({count})")
        for colour, label, count in legend
    ]
    fig.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(0.73, 0.82),
        frameon=False,
        fontsize=10,
        handlelength=1.8,
        handleheight=1.1,
    )
    fig.text(0.02, 0.025, source, fontsize=8.5, color="#444444", va="bottom", wrap=True)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def map_view_png(
    layer: dict,
    view: MapSlice,
    unit: str,
    decimals: int,
    lang: str,
    texts: tuple[str, str, str],
    labels: pd.DataFrame | None = None,
    my: str | None = None,
) -> bytes:
    """The map page's view as a PNG: its classes as the legend (plus 'no data'), and
    `texts` = (title, subtitle, source)."""
    legend = legend_rows(view.classified, unit, decimals, lang)
    missing = int(view.table["value"].isna().sum())
    if missing:
        legend.append((NO_DATA, t("no_data", lang), missing))
    title, subtitle, source = texts
    return map_png(layer, view.table, legend, title, subtitle, source, labels, my)
