"""Composite indices: a weighted sum of standardised indicators with editable weights, as a
ranking and a map; VRAA's territorial development index as a preset that names what the
database does not hold and computes nothing from it."""

from __future__ import annotations

import pandas as pd
import pydeck as pdk
import streamlit as st

from benchlearn import cache, views
from benchlearn.charts.indices import contributions_chart, legend_html
from benchlearn.charts.map import build_map, features
from benchlearn.formatting import format_percent
from benchlearn.i18n import t, tn
from benchlearn.logic import indexview as logic
from benchlearn.logic import similar
from benchlearn.logic.composite import Component, CompositeResult, composite_index, rank_ranges
from benchlearn.logic.mapview import legend_rows, map_slice
from benchlearn.state import DEFAULT_BAND, MAX_BAND, ViewState
from benchlearn.ui import inputs, naming, refdata, viewstate

EDITOR = "idx_editor"
# Weights varied within +-BAND_DEFAULT % by default: enough to show which places depend on
# them; 1,000 seeded draws take ~0.1 s for 43 units (make bench) and repeat exactly.
BAND_DEFAULT, BAND_MAX = DEFAULT_BAND, MAX_BAND  # the view's `band` (?band= on this page)
RANGE_SAMPLES, RANGE_SEED = 1000, 0
NARROW_VIEW = pdk.ViewState(latitude=56.88, longitude=24.6, zoom=5.55, min_zoom=5, max_zoom=11)


def choose_preset(lang: str) -> str:
    """The preset radio, bound to the view's `preset` (?preset= on this page; a new preset
    starts at its best year: state.RESETS, and from its own rows: editor)."""
    return st.radio(
        t("idx.preset", lang),
        list(logic.PRESETS),
        **viewstate.bound("preset", "idx_preset"),
        horizontal=True,
        format_func=lambda p: t(f"idx.preset.{p}", lang),
    )


def indicator_name(ref: refdata.Reference, code: str, lang: str) -> str:
    label = lambda c: naming.indicator_label(ref, c, lang)  # noqa: E731
    return logic.indicator_name(code, ref.catalogue.index, label, lang)


EDITOR_BASE = "_idx_base"  # transient (viewstate.TRANSIENT): (preset, the editor's first table)


def editor(ref: refdata.Reference, preset: str, lang: str) -> pd.DataFrame:
    """Indicator + weight + direction, bound to the view's components (?iw= on this page):
    the editor starts from them whenever its widget has forgotten its state (on arriving at
    the page) or the preset changes (which resets them: state.RESETS), and every edit goes
    back into the view."""
    ss = st.session_state
    if EDITOR not in ss or ss.get(EDITOR_BASE, (None,))[0] != preset:
        ss.pop(EDITOR, None)  # the widget's edits belong to the old table
        ss[EDITOR_BASE] = (preset, logic.index_rows(preset, viewstate.view().get("iw")))
    direction = st.column_config.SelectboxColumn(
        t("data.direction", lang),
        options=list(logic.DIRECTIONS),
        format_func=lambda d: t(f"direction.{d}", lang),
        default="higher_better",
        required=True,
    )
    edited = inputs.weights_editor(
        ss[EDITOR_BASE][1],
        EDITOR,
        logic.indicator_choices(ref.catalogue.index.tolist()),
        lambda c: indicator_name(ref, c, lang),
        inputs.Weights(maximum=logic.MAX_WEIGHT, step=0.05, default=0.1),
        lang,
        more={"direction": direction},
    )
    viewstate.set_view("iw", logic.index_items(preset, edited))
    return edited


def warn_problems(ref: refdata.Reference, problems: list[str], lang: str) -> None:
    for problem in problems:
        kind, code = problem.split(":", 1)
        name = indicator_name(ref, code, lang)
        st.warning(t(f"idx.problem_{kind}", lang, name=name), icon=":material/edit_note:")


def components_table(ref: refdata.Reference, rows: pd.DataFrame, lang: str) -> None:
    """What the index is made of, and what it could not use."""
    shown = logic.components_shown(rows, lambda c: indicator_name(ref, c, lang), lang)
    st.dataframe(shown, hide_index=True, width="stretch", key="idx_components")


def honesty_notes(
    ref: refdata.Reference,
    preset: str,
    components: list[Component],
    result: CompositeResult,
    rows: pd.DataFrame,
    lang: str,
) -> None:
    """Name what is missing, and say plainly when the result is not the full method."""
    name = lambda c: indicator_name(ref, c, lang)  # noqa: E731
    for kind, text in logic.honesty_notes(preset, components, result, rows, name, lang):
        if kind == "warning":
            st.warning(text, icon=":material/report:")
        elif kind == "info":
            st.info(text, icon=":material/info:")
        else:
            st.caption(text)


def legend(classified, lang: str) -> None:
    rows = legend_rows(classified, "", logic.INDEX_DECIMALS, lang)
    st.markdown(legend_html(rows), unsafe_allow_html=True)


def index_map(
    ref: refdata.Reference, version: str, result: CompositeResult, state: ViewState, lang: str
) -> None:
    units = refdata.units_of(ref, version)
    view = map_slice(
        logic.index_slice(units, result), "higher_better", "quantile", 0.0, "", 2, lang
    )
    view.table["value_text"] = view.table["value_text"].str.strip()
    cities = units[units["kind"].isin(similar.CITY_KINDS)]
    labels = pd.DataFrame(
        {
            "name": cities[f"name_{lang}"],
            "lon": cities["label_lon"],
            "lat": cities["label_lat"],
        }
    )
    deck = build_map(features(cache.boundary_layer(version), view.table, state.my), labels, 480)
    deck.initial_view_state = NARROW_VIEW  # the map has half the page: show all of Latvia
    st.pydeck_chart(deck, height=480, key="idx_map")
    legend(view.classified, lang)
    st.caption(t("idx.map_note", lang))


def results(
    ref: refdata.Reference,
    state: ViewState,
    version: str,
    result: CompositeResult,
    components: list[Component],
    table: pd.DataFrame,
    years: dict,
    lang: str,
) -> None:
    names = {u: naming.unit_label(ref, u, lang) for u in table.index}
    shown = similar.indicator_columns(
        result.used,
        ref.catalogue,
        lambda c: naming.indicator_label(ref, c, lang),
        lambda c: naming.indicator_unit(ref, c, lang),
        years,
    )
    left, right = st.columns([5, 6], gap="medium")
    with left:
        index_map(ref, version, result, state, lang)
    with right:
        band = st.number_input(
            t("idx.band", lang),
            min_value=0,
            max_value=BAND_MAX,
            step=5,
            **viewstate.bound("band", "idx_band"),
            help=t("idx.band_help", lang),
        )
        ranges = rank_ranges(table, components, band / 100, RANGE_SAMPLES, RANGE_SEED)
        ranking = logic.ranking_frame(
            result,
            table,
            names,
            shown.headers,
            shown.units,
            shown.decimals,
            state.my,
            lang,
            ranges,
        )
        st.dataframe(
            ranking,
            hide_index=True,
            width="stretch",
            height=min(35 * (len(ranking) + 1) + 3, 560),
            column_config={t("municipality", lang): st.column_config.TextColumn(pinned=True)},
            key="idx_ranking",
        )
        band_text = format_percent(band, 0, lang)
        st.caption(tn("idx.range_note", RANGE_SAMPLES, lang, band=band_text, seed=RANGE_SEED))
        incomplete = logic.incomplete_note(result, names, lang)
        if incomplete:
            st.caption(incomplete)
        sources = refdata.sources()
        st.caption(
            "  \n".join(
                dict.fromkeys(naming.source_caption(ref, c, lang, sources) for c in result.used)
            )
        )
    with st.expander(t("idx.contributions", lang), icon=":material/stacked_bar_chart:"):
        frame = logic.contributions_frame(result, names, shown.labels)
        st.altair_chart(contributions_chart(frame, lang), width="content")
        st.caption(t("idx.contributions_note", lang))


def choose_year(
    ref: refdata.Reference, codes: list[str], years: list[int], lang: str
) -> int | None:
    """Year selectbox; by default the year in which most units have every indicator (so a
    preset does not open on a year that only two units report)."""
    if not years:
        return None
    if viewstate.view().get("iyear") not in years:  # the view's year (?iyear=), else the best
        version = similar.peer_version(years[0], None, ref.versions, ref.units)
        obs = views.indicator_observations(version, tuple(codes))
        unit_ids = refdata.units_of(ref, version)["unit_id"].tolist()
        viewstate.set_view("iyear", similar.best_year(obs, ref.catalogue, codes, unit_ids, years))
    return st.selectbox(
        t("sel.year", lang),
        years,
        **viewstate.bound("iyear", "idx_year"),
    )


def render() -> None:
    ref = refdata.reference()
    state = viewstate.current_state()
    lang = state.lang
    st.title(t("idx.title", lang))
    st.caption(t("idx.intro", lang))
    top_left, top_right = st.columns([2, 1], vertical_alignment="bottom")
    with top_left:
        preset = choose_preset(lang)
    rows = editor(ref, preset, lang)
    components, problems = logic.components_from_rows(rows)
    warn_problems(ref, problems, lang)
    codes = [c.code for c in components if c.code in ref.catalogue.index]
    years = similar.year_options(codes, ref.years, ref.catalogue)
    with top_right:
        year = choose_year(ref, codes, years, lang)
    version = (
        similar.LOCAL_VERSIONS[0]
        if year is None
        else similar.peer_version(year, None, ref.versions, ref.units)
    )
    unit_ids = refdata.units_of(ref, version)["unit_id"].tolist()
    if year is None:
        table, used_years = pd.DataFrame(index=pd.Index(unit_ids, name="unit_id")), {}
    else:
        obs = views.indicator_observations(version, tuple(codes))
        table, used_years = similar.structural_table(obs, ref.catalogue, codes, unit_ids, year)
    result = composite_index(table, components)
    rows_status = logic.component_rows(components, result, table, used_years, ref.catalogue.index)
    st.subheader(t("idx.components", lang))
    components_table(ref, rows_status, lang)
    honesty_notes(ref, preset, components, result, rows_status, lang)
    if result.empty:
        st.warning(t("idx.empty", lang), icon=":material/search_off:")
        return
    n_index = int(result.index.notna().sum())
    if n_index < logic.MIN_UNITS:
        st.warning(tn("idx.too_few", n_index, lang), icon=":material/warning:")
    st.subheader(tn("idx.result", n_index, lang, year=year))
    results(ref, state, version, result, components, table, used_years, lang)


render()
