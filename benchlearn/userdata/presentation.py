"""Presentation mode: the same charts, drawn for the back of a seminar room.

Pure functions over chart specs: thicker lines, bigger points and type. The slide's content
is drawn by the pages' own view functions (benchlearn.screens), then enlarged here.
"""

from __future__ import annotations

import copy
from typing import Any

import pandas as pd
import pydeck as pdk
from pandas.io.formats.style import Styler

from benchlearn.charts.map import LAYER_ID
from benchlearn.formatting import format_number
from benchlearn.i18n import t
from benchlearn.logic import benchmark as bm
from benchlearn.logic import flags

LINE_FACTOR = 2.0  # lines twice as thick
FONT = 28  # px: axis titles; labels a little smaller
MAP_LABEL_PX = 22


def _walk(node: Any, factor: float, font: int) -> None:
    if isinstance(node, list):
        for item in node:
            _walk(item, factor, font)
        return
    if not isinstance(node, dict):
        return
    width = node.get("strokeWidth")
    if isinstance(width, dict) and isinstance(width.get("scale", {}).get("range"), list):
        width["scale"]["range"] = [w * factor for w in width["scale"]["range"]]
    elif isinstance(width, int | float):
        node["strokeWidth"] = width * factor
    if node.get("type") in ("point", "circle") and isinstance(node.get("size"), int | float):
        node["size"] = node["size"] * factor * factor
    if node.get("type") == "text":
        node["fontSize"] = round(font * 0.8)
    label = round(font * 0.85)
    if isinstance(node.get("axis"), dict):  # encoding-level settings win over config
        node["axis"].update(labelFontSize=label, titleFontSize=font)
    if isinstance(node.get("legend"), dict):
        node["legend"].update(
            labelFontSize=label, symbolStrokeWidth=6, symbolSize=400, labelLimit=700, columns=2
        )
    for value in node.values():
        _walk(value, factor, font)


def enlarge_spec(spec: dict, factor: float = LINE_FACTOR, font: int = FONT) -> dict:
    """A copy of a Vega-Lite spec with thicker lines, bigger points and larger type."""
    out = copy.deepcopy(spec)
    _walk({k: v for k, v in out.items() if k not in ("datasets", "config")}, factor, font)
    config = out.setdefault("config", {})
    label = round(font * 0.85)
    config.setdefault("axis", {}).update(
        labelFontSize=label, titleFontSize=font, tickWidth=2, domainWidth=2
    )
    config.setdefault("legend", {}).update(
        labelFontSize=label,
        titleFontSize=font,
        symbolStrokeWidth=6,
        symbolSize=400,
        labelLimit=700,
        columns=2,
    )
    config.setdefault("title", {}).update(fontSize=font)
    return out


def enlarge_deck(deck: pdk.Deck, factor: float = LINE_FACTOR) -> pdk.Deck:
    """Thicker borders and larger city labels on a map built by charts.map.build_map."""
    for layer in deck.layers:
        if layer.id == LAYER_ID:
            for feature in layer.data["features"]:
                feature["properties"]["width"] = feature["properties"]["width"] * factor
        elif layer.type == "TextLayer":
            layer.get_size = MAP_LABEL_PX
        elif layer.type == "ScatterplotLayer":
            layer.get_radius = 4 * factor
    return deck


def compact_table(
    tidy: pd.DataFrame,
    order: list[str],
    catalogue: pd.DataFrame,
    names: dict[str, str],
    my: str | None,
    lang: str,
) -> Styler:
    """The comparison table for a slide: one column per indicator, "value (rank)" in each
    cell (a value's mark after it, see benchlearn.logic.flags), in the band colours of the
    page, my municipality first and marked. Fewer, wider
    columns than on the page, so the type can be large."""
    bands = bm.bands_table(tidy, order)
    columns, css = {}, {}
    name_column = t("municipality", lang)
    columns[name_column] = [f"{bm.MY_MARK} {names[u]}" if u == my else names[u] for u in order]
    css[name_column] = [f"background-color: {bm.MY_TINT}" if u == my else "" for u in order]
    for code in dict.fromkeys(tidy["indicator"]):
        part = tidy[tidy["indicator"] == code].set_index("unit_id").reindex(order)
        decimals = int(catalogue.loc[code, "decimals"])
        header = bm.indicator_header(catalogue, code, int(part["year"].dropna().iloc[0]), lang)
        columns[header] = [
            t("no_data", lang)
            if pd.isna(value)
            else flags.marked(format_number(value, decimals, lang), flag)
            + ("" if pd.isna(rank) else f" ({t('pres.rank_short', lang, rank=int(rank))})")
            for value, rank, flag in zip(
                part["value"], part["rank"], part.get("flags", [None] * len(part)), strict=True
            )
        ]
        css[header] = [bm.band_css(b) for b in bands[code].to_numpy()]
    frame, styles = pd.DataFrame(columns), pd.DataFrame(css)
    if my in order:
        row = order.index(my)
        styles.iloc[row] = [f"{c}; font-weight: bold".lstrip("; ") for c in styles.iloc[row]]
    return frame.style.apply(lambda _: styles, axis=None).hide(axis="index")
