"""Karte: choropleth of the chosen indicator and year on the boundaries valid in that year."""

import html

import pandas as pd
import streamlit as st

from benchlearn import cache, ui
from benchlearn.charts.map import LAYER_ID, build_map, features
from benchlearn.charts.snapshot import map_view_png
from benchlearn.i18n import format_value, md_safe, t
from benchlearn.logic import flags
from benchlearn.logic.mapview import legend_rows, map_slice

ref = ui.reference()
state = ui.current_state()
lang = state.lang
row = ref.catalogue.loc[state.ind]
unit = ui.indicator_unit(ref, state.ind, lang)
version, moved = ui.map_version(ref, state)
versions = ref.versions.set_index("version")
version_label = versions.loc[version, "label_en" if lang == "en" else "label_lv"]

st.title(ui.indicator_label(ref, state.ind, lang))
st.caption(
    md_safe(
        f"{t('year_heading', lang, year=state.year)} · {unit} · {version_label} · "
        f"{t('direction.' + row['direction'], lang)}"
    )
)
if moved:
    st.info(t("notice.backcast", lang, label=version_label), icon=":material/history:")

slice_ = cache.query("indicator_slice", version=version, indicator=state.ind, year=state.year)
latvia = cache.query("country_value", indicator=state.ind, year=state.year)
latvia_value = None if latvia.empty else float(latvia["value"].iloc[0])
# The class method comes from the canonical view (as the map slide reads it), never from
# a raw session key: the radio below writes there, and so does `?cls=` in a link.
view = map_slice(
    slice_,
    row["direction"],
    state.cls,
    latvia_value,
    unit,
    int(row["decimals"]),
    lang,
)


def _select_from_map() -> None:
    """A click on the map makes the unit 'my municipality' (callbacks may set widget state)."""
    event = st.session_state.get("map_select")
    objects = (event or {}).get("selection", {}).get("objects", {}).get(LAYER_ID, [])
    if objects:
        props = objects[0].get("properties", objects[0])
        st.session_state["map_clicked"] = props.get("unit_id")
        if props.get("unit_id") in ref.local.index:
            ui.set_view("my", props["unit_id"])


units = ui.units_of(ref, version)
cities = units[units["kind"].isin(["state_city", "republican_city"])]
labels = pd.DataFrame(
    {
        "name": cities["name_en" if lang == "en" else "name_lv"],
        "lon": cities["label_lon"],
        "lat": cities["label_lat"],
    }
)
deck = build_map(features(cache.boundary_layer(version), view.table, state.my), None)

left, right = st.columns([3, 1], gap="medium")
with left:
    st.pydeck_chart(
        deck,
        on_select=_select_from_map,
        selection_mode="single-object",
        key="map_select",
        height=600,
    )
    st.caption(f"{t('map.click_hint', lang)} {t('map.state_cities', lang)}")
with right:
    st.radio(
        t("map.classes", lang),
        ["quantile", "equal"],
        horizontal=True,
        **ui.bound("cls"),
        format_func=lambda m: t(f"map.{m}", lang),
    )
    ui.contributed_switch(lang)
    # One st.html block: as markdown with HTML, the legend went through the slower
    # markdown-and-raw-HTML pipeline in the browser on every visit.
    row_style = "display:flex;align-items:center;gap:.5rem;margin:.15rem 0"
    box_style = "width:1.6rem;height:1rem;border:1px solid #777;display:inline-block"
    classes = legend_rows(view.classified, unit, int(row["decimals"]), lang)
    missing = view.table.loc[view.table["value"].isna(), "name"].tolist()
    swatches = [
        f"<div style='{row_style}'><span style='{box_style};background:{colour}'></span>"
        f"<span>{html.escape(label)} <span style='color:#666'>({count})</span></span></div>"
        for colour, label, count in [*classes, ("#cfcfcf", t("no_data", lang), len(missing))]
    ]
    title = f"<div style='margin:.6rem 0 .3rem'><b>{html.escape(t('map.legend', lang))}</b> "
    st.html(title + f"({html.escape(unit)})</div>" + "".join(swatches))
    reference = view.classified.reference
    if row["direction"] == "neutral":
        st.caption(t("map.sequential", lang))
    elif reference is not None:
        shown = format_value(reference, unit, int(row["decimals"]), lang)
        key = "map.center_latvia" if latvia_value is not None else "map.center_median"
        st.caption(t(key, lang, value=shown))
    if missing:
        st.caption(t("map.no_data_units", lang, n=len(missing), names=", ".join(sorted(missing))))
    marks = flags.legend(view.table.loc[view.table["value"].notna(), "flags"], lang)
    if marks:
        st.caption(marks)
    chosen = st.session_state.get("map_clicked") or state.my
    if chosen and chosen in view.table.index:
        st.markdown(t("map.selected", lang, name=view.table.loc[chosen, "name"]))
        status = view.table.loc[chosen, "status_text"]
        st.markdown(
            f"{view.table.loc[chosen, 'value_text']}  \n{view.table.loc[chosen, 'rank_text']}"
            + (f"  \n{status}" if status else "")
        )
        if chosen in ref.local.index:
            st.page_link(
                "pages/profile.py",
                label=t("map.open_profile", lang),
                icon=":material/arrow_forward:",
            )

st.caption(ui.source_caption(ref, state.ind, lang, ui.sources()))
st.download_button(
    t("map.download_png", lang),
    data=ui.on_click(
        lambda: map_view_png(
            cache.boundary_layer(version),
            view,
            unit,
            int(row["decimals"]),
            lang,
            (
                ui.indicator_label(ref, state.ind, lang),
                f"{t('year_heading', lang, year=state.year)} · {unit} · {version_label}",
                ui.source_caption(ref, state.ind, lang, ui.sources()),
            ),
            labels,
            state.my,
        ),
        lang,
    ),
    file_name=f"{t('nav.map', lang).lower()}_{state.ind}_{state.year}.png",
    mime="image/png",
    icon=":material/image:",
    help=t("map.png_help", lang),
    key="map_png",
    on_click="ignore",
)
# A toggle, not an expander: an expander renders (and loads the table component for) its
# content even while closed, which made the map page slower to open.
if st.toggle(t("map.table", lang), key="map_table"):
    shown = view.table.sort_values(["rank", "name"])
    shown = shown[["name", "value_text", "rank_text", "status_text"]]
    st.dataframe(
        shown.rename(
            columns={
                "name": t("municipality", lang),
                "value_text": t("value", lang),
                "rank_text": t("bench.rank", lang),
                "status_text": t("flags.column", lang),
            }
        ),
        hide_index=True,
        width="stretch",
    )
