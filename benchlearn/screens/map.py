"""The map view (pages/map.py, its slide, its page of a deck's PDF): the choropleth of one
indicator and year on the boundaries of that year, its legend and notes, the PNG."""

from __future__ import annotations

import html
from dataclasses import dataclass, replace

import pandas as pd
import pydeck as pdk
import streamlit as st

from benchlearn import cache
from benchlearn.charts.map import build_map, features
from benchlearn.charts.snapshot import map_view_png
from benchlearn.formatting import format_value
from benchlearn.i18n import t
from benchlearn.logic import flags
from benchlearn.logic.classify import NO_DATA
from benchlearn.logic.mapview import CITY_KINDS, MapSlice, legend_rows, map_slice
from benchlearn.state import ViewState
from benchlearn.ui import naming, refdata
from benchlearn.userdata.presentation import enlarge_deck

from .look import PAGE, Look, Room


@dataclass(frozen=True)
class MapScreen:
    """What the map shows for a view, names as the room shows them."""

    code: str
    year: int
    lang: str
    version: str
    version_label: str
    moved: bool  # the year's boundaries are not the selection's (back-cast)
    unit: str
    decimals: int
    direction: str
    latvia_value: float | None
    view: MapSlice  # by unit: name (or letter), value, colour, texts
    labels: pd.DataFrame  # name, lon, lat: the places a slide and the PNG label
    my: str | None
    title: str
    subtitle: str  # year · unit · boundaries
    source: str

    @property
    def codes(self) -> list[str]:
        return [self.code]

    @property
    def legend(self) -> list[tuple[str, str, int]]:
        """(colour, label, count) of every class, then the units without a value."""
        classes = legend_rows(self.view.classified, self.unit, self.decimals, self.lang)
        return [*classes, (NO_DATA, t("no_data", self.lang), len(self.missing))]

    @property
    def missing(self) -> list[str]:
        return self.view.table.loc[self.view.table["value"].isna(), "name"].tolist()

    def notes(self, marks: bool = True) -> list[str]:
        """What the colours centre on, the units without data, the marks of the values."""
        lang, out = self.lang, []
        reference = self.view.classified.reference
        if self.direction == "neutral":
            out.append(t("map.sequential", lang))
        elif reference is not None:
            shown = format_value(reference, self.unit, self.decimals, lang)
            key = "map.center_latvia" if self.latvia_value is not None else "map.center_median"
            out.append(t(key, lang, value=shown))
        if self.missing:
            names = ", ".join(sorted(self.missing))
            out.append(t("map.no_data_units", lang, n=len(self.missing), names=names))
        return [*out, self.marks] if marks and self.marks else out

    @property
    def marks(self) -> str:
        """The legend of the marks (Σ ≈ ? ✎) of the values shown ("" without any)."""
        return flags.legend(
            self.view.table.loc[self.view.table["value"].notna(), "flags"], self.lang
        )


def compute(
    ref: refdata.Reference, state: ViewState, lang: str, room: Room = PAGE.room
) -> MapScreen:
    row = ref.catalogue.loc[state.ind]
    unit = naming.indicator_unit(ref, state.ind, lang)
    decimals = int(row["decimals"])
    version, moved = refdata.map_version(ref, state)
    versions = ref.versions.set_index("version")
    version_label = versions.loc[version, "label_en" if lang == "en" else "label_lv"]
    found = cache.query("indicator_slice", version=version, indicator=state.ind, year=state.year)
    latvia = cache.query("country_value", indicator=state.ind, year=state.year)
    latvia_value = None if latvia.empty else float(latvia["value"].iloc[0])
    # The class method comes from the view (?cls= in a link, the page's radio writes there)
    view = map_slice(found, row["direction"], state.cls, latvia_value, unit, decimals, lang)
    places = refdata.units_of(ref, version)
    if room.anonymised:  # every unit labelled with its letter, so the room can say "C"
        names = [room.label(ref, u, lang) for u in places["unit_id"]]
        view = replace(
            view, table=view.table.assign(name=[room.label(ref, u, lang) for u in view.table.index])
        )
    else:
        places = places[places["kind"].isin(CITY_KINDS)]
        names = places["name_en" if lang == "en" else "name_lv"]
    labels = pd.DataFrame(
        {
            "name": list(names),
            "lon": places["label_lon"].to_numpy(),
            "lat": places["label_lat"].to_numpy(),
        }
    )
    return MapScreen(
        code=state.ind,
        year=state.year,
        lang=lang,
        version=version,
        version_label=version_label,
        moved=moved,
        unit=unit,
        decimals=decimals,
        direction=row["direction"],
        latvia_value=latvia_value,
        view=view,
        labels=labels,
        my=state.my,
        title=naming.indicator_label(ref, state.ind, lang),
        subtitle=f"{t('year_heading', lang, year=state.year)} · {unit} · {version_label}",
        source=naming.source_caption(ref, state.ind, lang, refdata.sources()),
    )


def figure(screen: MapScreen, look: Look = PAGE) -> pdk.Deck:
    """The pydeck map: on the page without place labels (text is costly to draw, the
    tooltip names them), on a slide labelled and with thicker lines; names masked."""
    collection = features(cache.boundary_layer(screen.version), screen.view.table, screen.my)
    if look.room.anonymised:  # tooltips and ids in the page's data too
        collection = {
            **collection,
            "features": [
                {**f, "properties": look.room.scrub(f["properties"])}
                for f in collection["features"]
            ],
        }
    if not look.large:
        return build_map(collection, None, height=look.map_height)
    return enlarge_deck(build_map(collection, screen.labels, height=look.map_height))


def draw_figure(screen: MapScreen, look: Look = PAGE, **events) -> None:
    """The map itself; `events`: the page's selection (on_select, selection_mode, key)."""
    events.setdefault("key", look.key)
    st.pydeck_chart(figure(screen, look), height=look.map_height, **events)


def legend_html(screen: MapScreen, look: Look = PAGE) -> str:
    """The legend as one st.html block (as markdown with HTML it went through the slower
    markdown-and-raw-HTML pipeline in the browser on every visit)."""
    size = "font-size:1.35rem;" if look.large else ""
    row_style = f"display:flex;align-items:center;gap:.5rem;margin:.15rem 0;{size}"
    box = "2.4rem;height:1.5rem" if look.large else "1.6rem;height:1rem"
    box_style = f"width:{box};border:1px solid #777;display:inline-block"
    swatches = [
        f"<div style='{row_style}'><span style='{box_style};background:{colour}'></span>"
        f"<span>{html.escape(label)} <span style='color:#666'>({count})</span></span></div>"
        for colour, label, count in screen.legend
    ]
    title = html.escape(t("map.legend", screen.lang))
    head = f"<div style='margin:.6rem 0 .3rem;{size}'><b>{title}</b> ({html.escape(screen.unit)})"
    return head + "</div>" + "".join(swatches)


def draw_legend(screen: MapScreen, look: Look = PAGE) -> None:
    """The legend and the notes under it."""
    st.html(legend_html(screen, look))
    for note in screen.notes():
        st.caption(note)


def draw_selected(screen: MapScreen, unit: str | None) -> bool:
    """The value and rank of `unit` (my municipality, or the one clicked); False if the map
    has no such unit."""
    table = screen.view.table
    if not unit or unit not in table.index:
        return False
    st.markdown(t("map.selected", screen.lang, name=table.loc[unit, "name"]))
    status = table.loc[unit, "status_text"]
    st.markdown(
        f"{table.loc[unit, 'value_text']}  \n{table.loc[unit, 'rank_text']}"
        + (f"  \n{status}" if status else "")
    )
    return True


def draw_slide(ref: refdata.Reference, state: ViewState, look: Look) -> list[str]:
    """The map's slide: heading, the map and beside it the legend and my municipality."""
    screen = compute(ref, state, state.lang, look.room)
    st.subheader(f"{screen.title}, {screen.year} ({screen.unit})")
    left, right = st.columns([3, 1], gap="large")
    with left:
        draw_figure(screen, look)
    with right:
        draw_legend(screen, look)
        draw_selected(screen, screen.my)
    return screen.codes


def png(screen: MapScreen) -> bytes:
    """The view as a PNG (title, map with its places labelled, legend, source)."""
    return map_view_png(
        cache.boundary_layer(screen.version),
        screen.view,
        screen.unit,
        screen.decimals,
        screen.lang,
        (screen.title, screen.subtitle, screen.source),
        screen.labels,
        screen.my,
    )
