"""Karte: choropleth of the chosen indicator and year on the boundaries valid in that year."""

import streamlit as st

from benchlearn.charts.map import LAYER_ID
from benchlearn.i18n import md_safe, t
from benchlearn.screens import map as map_screen
from benchlearn.ui import download_buttons, inputs, naming, refdata, viewstate

ref = refdata.reference()
state = viewstate.current_state()
lang = state.lang
row = ref.catalogue.loc[state.ind]
# What the map shows for this view, as its slide and the deck's PDF show it (one code path)
screen = map_screen.compute(ref, state, lang)
unit, version, moved = screen.unit, screen.version, screen.moved
version_label = screen.version_label

st.title(naming.indicator_label(ref, state.ind, lang))
st.caption(
    md_safe(
        f"{t('year_heading', lang, year=state.year)} · {unit} · {version_label} · "
        f"{t('direction.' + row['direction'], lang)}"
    )
)
if moved:
    st.info(t("notice.backcast", lang, label=version_label), icon=":material/history:")

view = screen.view


def _clicked() -> str | None:
    """The unit selected on the map: the map widget's own selection, no copy of it."""
    event = st.session_state.get("map_select")
    objects = (event or {}).get("selection", {}).get("objects", {}).get(LAYER_ID, [])
    return objects[0].get("properties", objects[0]).get("unit_id") if objects else None


def _select_from_map() -> None:
    """A click on the map makes the unit 'my municipality' (callbacks may set widget state);
    a unit of other boundaries is shown beside the map while it stays selected."""
    if (unit := _clicked()) in ref.local.index:
        viewstate.set_view("my", unit)


left, right = st.columns([3, 1], gap="medium")
with left:
    map_screen.draw_figure(
        screen, on_select=_select_from_map, selection_mode="single-object", key="map_select"
    )
    st.caption(f"{t('map.click_hint', lang)} {t('map.state_cities', lang)}")
with right:
    st.radio(
        t("map.classes", lang),
        ["quantile", "equal"],
        horizontal=True,
        **viewstate.bound("cls"),
        format_func=lambda m: t(f"map.{m}", lang),
    )
    inputs.contributed_switch(lang)
    map_screen.draw_legend(screen)
    chosen = _clicked() or state.my
    if map_screen.draw_selected(screen, chosen) and chosen in ref.local.index:
        st.page_link(
            "pages/profile.py",
            label=t("map.open_profile", lang),
            icon=":material/arrow_forward:",
        )

st.caption(screen.source)
st.download_button(
    t("map.download_png", lang),
    data=download_buttons.on_click(
        lambda: map_screen.png(screen),
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
