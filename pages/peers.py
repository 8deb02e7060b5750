"""Similar municipalities: the k units nearest to the focus on weighted structural
indicators, on a map and in a table, each with a chart of why it is similar; one click
makes them the comparison group of every page."""

from __future__ import annotations

import pandas as pd
import pydeck as pdk
import streamlit as st

from benchlearn import cache, views
from benchlearn.charts.map import build_map, features
from benchlearn.charts.peers import legend_html, why_chart
from benchlearn.formatting import format_number
from benchlearn.i18n import t, tn
from benchlearn.logic import similar
from benchlearn.logic.groups import COMPARED, USER
from benchlearn.logic.peers import PeerResult, find_peers
from benchlearn.state import MAX_COMPARED, MAX_GROUP_NAME, MAX_PEERS, ViewState
from benchlearn.ui import inputs, naming, refdata, viewstate

NARROW_VIEW = pdk.ViewState(latitude=56.88, longitude=24.6, zoom=5.55, min_zoom=5, max_zoom=11)
CARD_COLUMNS = 2


def draft(name: str, start: object) -> dict:
    """Widget kwargs of the save form's fields: a draft the widget itself holds, starting at
    `start`; what a saved group is goes into the view (ug, ug_name) when it is saved."""
    key = f"peers_{name}"
    st.session_state.setdefault(key, start)
    return {"key": key}


def indicator_columns(
    ref: refdata.Reference, codes: list[str], years: dict, lang: str
) -> similar.IndicatorColumns:
    return similar.indicator_columns(
        codes,
        ref.catalogue,
        lambda c: naming.indicator_label(ref, c, lang),
        lambda c: naming.indicator_unit(ref, c, lang),
        years,
    )


EDITOR_BASE = "_peers_base"  # transient (viewstate.TRANSIENT): the table the editor started from


def reset_weights() -> None:
    for key in ("peers_editor", EDITOR_BASE):
        st.session_state.pop(key, None)
    viewstate.set_view("pw", None)


def weights_editor(ref: refdata.Reference, lang: str) -> pd.DataFrame:
    """Indicator + weight rows, bound to the view's weights (?pw= on this page): the editor
    starts from them whenever its widget has forgotten its state (on arriving at the page),
    and every edit goes back into the view."""
    ss = st.session_state
    if "peers_editor" not in ss or EDITOR_BASE not in ss:
        ss.pop("peers_editor", None)
        ss[EDITOR_BASE] = similar.weight_rows(viewstate.view().get("pw"))
    edited = inputs.weights_editor(
        ss[EDITOR_BASE],
        "peers_editor",
        ref.catalogue.index.tolist(),
        lambda c: naming.indicator_label(ref, c, lang),
        inputs.Weights(maximum=similar.MAX_WEIGHT, step=0.5, default=1.0),
        lang,
    )
    viewstate.set_view("pw", similar.weight_items(edited))
    st.button(t("peers.reset", lang), on_click=reset_weights, icon=":material/restart_alt:")
    st.caption(t("peers.weights_help", lang))
    return edited


def choose_year(
    ref: refdata.Reference, focus: str, codes: list[str], years: list[int], lang: str
) -> int | None:
    """Year selectbox; by default the year in which most units have every indicator."""
    if not years:
        return None
    if viewstate.view().get("pyear") not in years:  # the view's year (?pyear=), else the best
        version = similar.peer_version(years[0], focus, ref.versions, ref.units)
        obs = views.indicator_observations(version, tuple(codes))
        unit_ids = refdata.units_of(ref, version)["unit_id"].tolist()
        best = similar.best_year(obs, ref.catalogue, codes, unit_ids, years)
        viewstate.set_view("pyear", best)
    return st.selectbox(t("sel.year", lang), years, **viewstate.bound("pyear", "peers_year"))


def adopt(peers: list[str], focus: str) -> None:
    """The focus and its peers become the compared municipalities and the comparison group
    of every page (the focus too, so its profile ranks it within this group)."""
    viewstate.set_view("my", focus)
    viewstate.set_view("cmp", [focus, *peers][:MAX_COMPARED])
    viewstate.set_view("grp", COMPARED)


def save_group() -> None:
    members = list(st.session_state.get("peers_save_members") or [])
    if not members:
        return
    name = (st.session_state.get("peers_save_name") or "").strip()[:MAX_GROUP_NAME]
    viewstate.set_view("ug_name", name)
    viewstate.set_view("ug", members)
    viewstate.set_view("grp", USER)


def warn_problems(ref: refdata.Reference, problems: list[str], lang: str) -> None:
    for problem in problems:
        kind, code = problem.split(":", 1)
        name = naming.indicator_label(ref, code, lang) if code in ref.catalogue.index else code
        st.warning(t(f"peers.problem_{kind}", lang, name=name), icon=":material/edit_note:")


def warn_dropped(
    ref: refdata.Reference, result_dropped: dict[str, str], focus: str, year: int, lang: str
) -> None:
    """Indicators left out: missing for the focus, or without any value up to the year."""
    missing, no_year = similar.dropped_kinds(result_dropped)
    if missing:
        names = ", ".join(naming.indicator_label(ref, c, lang) for c in missing)
        name = naming.unit_label(ref, focus, lang)
        st.warning(t("peers.dropped_focus", lang, name=name, names=names), icon=":material/block:")
    if no_year:
        names = ", ".join(naming.indicator_label(ref, c, lang) for c in no_year)
        st.warning(t("peers.dropped_year", lang, year=year, names=names), icon=":material/block:")


def adopt_row(ref: refdata.Reference, state: ViewState, result: PeerResult, lang: str) -> None:
    peers = result.peers.index.tolist()
    adopted = state.grp == COMPARED and state.cmp == [result.focus, *peers][:MAX_COMPARED]
    left, right = st.columns([1, 2], vertical_alignment="center")
    left.button(
        t("peers.adopt", lang),
        type="primary",
        icon=":material/group_add:",
        on_click=adopt,
        args=(peers, result.focus),
        disabled=adopted,
        help=tn(
            "peers.adopt_help", len(peers), lang, name=naming.unit_label(ref, result.focus, lang)
        ),
        key="peers_adopt",
    )
    if adopted:
        with right:
            name = naming.unit_label(ref, result.focus, lang)
            st.success(
                tn("peers.adopted", len(peers), lang, name=name), icon=":material/check_circle:"
            )
            links = st.columns(3)
            for column, (path, key) in zip(
                links,
                [
                    ("pages/benchmark.py", "nav.benchmark"),
                    ("pages/trends.py", "nav.trends"),
                    ("pages/profile.py", "nav.profile"),
                ],
                strict=True,
            ):
                column.page_link(path, label=t(key, lang), icon=":material/arrow_forward:")
    else:
        right.caption(
            t("peers.current_group", lang, group=naming.group_label(ref, state.grp, lang))
        )


def peers_map(
    ref: refdata.Reference, version: str, result: PeerResult, names: dict[str, str], lang: str
) -> None:
    units = refdata.units_of(ref, version)
    table = similar.peer_map_table(units, result, names, lang)
    shown = units[units["unit_id"].isin([result.focus, *result.peers.index])]
    labels = pd.DataFrame(
        {
            "name": [names[u] for u in shown["unit_id"]],
            "lon": shown["label_lon"],
            "lat": shown["label_lat"],
        }
    )
    deck = build_map(features(cache.boundary_layer(version), table, result.focus), labels, 520)
    deck.initial_view_state = NARROW_VIEW  # the map has half the page: show all of Latvia
    st.pydeck_chart(deck, height=520, key="peers_map")
    st.markdown(legend_html(lang), unsafe_allow_html=True)


def why_cards(
    ref: refdata.Reference, result: PeerResult, table: pd.DataFrame, names: dict, lang: str
) -> None:
    """One bordered card per peer: name, distance, a sentence and the why-chart."""
    shown = indicator_columns(ref, result.used, {}, lang)
    labels = shown.labels
    frame = similar.why_frame(result, table, labels, shown.units, shown.decimals, lang)
    st.subheader(t("peers.why", lang))
    st.caption(t("peers.why_note", lang, name=names[result.focus]))
    columns = st.columns(CARD_COLUMNS)
    for i, peer in enumerate(result.peers.index):
        with columns[i % CARD_COLUMNS].container(border=True):
            distance = format_number(result.peers.loc[peer, "distance"], 2, lang)
            st.markdown(f"**{int(result.peers.loc[peer, 'rank'])}. {names[peer]}**")
            st.caption(
                f"{t('peers.distance_is', lang, value=distance).capitalize()} · "
                f"{similar.explanation(result, peer, labels, lang)}"
            )
            st.altair_chart(why_chart(frame[frame["peer"] == peer], lang), width="stretch")


def values_table(
    ref: refdata.Reference,
    result: PeerResult,
    table: pd.DataFrame,
    years: dict,
    names: dict,
    lang: str,
) -> None:
    shown = indicator_columns(ref, result.used, years, lang)
    frame = similar.values_frame(
        result, table, names, shown.headers, shown.units, shown.decimals, lang
    )
    st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        height=(len(frame) + 1) * 35 + 3,
        column_config={t("municipality", lang): st.column_config.TextColumn(pinned=True)},
        key="peers_table",
    )


def notes(ref: refdata.Reference, result: PeerResult, years: dict, k: int, lang: str) -> None:
    lines = similar.notes_lines(
        result,
        years,
        k,
        lambda u: naming.unit_label(ref, u, lang),
        lambda c: naming.indicator_label(ref, c, lang),
        lang,
    )
    sources = refdata.sources()
    captions = dict.fromkeys(naming.source_caption(ref, c, lang, sources) for c in result.used)
    st.caption("  \n".join([*lines, *captions]))


def save_section(ref: refdata.Reference, state: ViewState, peers: list[str], lang: str) -> None:
    """Name a list of units (the peers to start with) and make it the comparison group;
    the group lives in the URL, so a copied link shares it."""
    with st.expander(t("peers.save", lang), icon=":material/bookmark_add:"):
        st.text_input(
            t("peers.save_name", lang),
            max_chars=MAX_GROUP_NAME,
            **draft("save_name", state.ug_name or ""),
        )
        st.multiselect(
            t("peers.save_members", lang),
            ref.local.index.tolist(),
            format_func=lambda u: naming.unit_label(ref, u, lang),
            **draft("save_members", state.ug or peers),
        )
        st.button(
            t("peers.save_button", lang),
            on_click=save_group,
            icon=":material/bookmark:",
            key="peers_save",
        )
        st.caption(t("peers.save_help", lang))


def render() -> None:
    ref = refdata.reference()
    state = viewstate.current_state()
    lang = state.lang
    st.title(t("peers.title", lang))
    st.caption(t("peers.intro", lang))
    if not state.my:
        inputs.ask_for_my_municipality(ref, lang, "peers.choose_hint", "peers_pick")
        return
    focus = state.my
    names_all = ref.labels[lang]

    controls, weights_col = st.columns([1, 2], gap="large")
    with weights_col, st.expander(t("peers.weights", lang), icon=":material/tune:"):
        rows = weights_editor(ref, lang)
    weights, problems = similar.weights_from_rows(rows)
    years = similar.year_options(list(weights), ref.years, ref.catalogue)
    with controls:
        year = choose_year(ref, focus, list(weights), years, lang)
        k = st.number_input(
            t("peers.k", lang),
            min_value=1,
            max_value=MAX_PEERS,
            step=1,
            **viewstate.bound("k", "peers_k"),  # ?k= on this page
        )
    st.subheader(t("peers.heading", lang, name=naming.unit_label(ref, focus, lang)))
    warn_problems(ref, problems, lang)
    if year is None:
        st.warning(t("peers.no_usable", lang), icon=":material/search_off:")
        return

    version = similar.peer_version(year, focus, ref.versions, ref.units)
    unit_ids = refdata.units_of(ref, version)["unit_id"].tolist()
    obs = views.indicator_observations(version, tuple(weights))
    table, used_years = similar.structural_table(obs, ref.catalogue, list(weights), unit_ids, year)
    usable, dropped = similar.usable_indicators(table, focus, weights)
    warn_dropped(ref, dropped, focus, year, lang)
    if not usable:
        st.warning(t("peers.no_usable", lang), icon=":material/search_off:")
        return
    result = find_peers(table, focus, usable, k=int(k))
    if result.peers.empty:
        st.warning(t("peers.none_found", lang), icon=":material/search_off:")
        return

    names = {u: names_all.get(u, u) for u in unit_ids}
    adopt_row(ref, state, result, lang)
    left, right = st.columns([5, 6], gap="medium")
    with left:
        peers_map(ref, version, result, names, lang)
    with right:
        values_table(ref, result, table, used_years, names, lang)
        notes(ref, result, used_years, int(k), lang)
    why_cards(ref, result, table, names, lang)
    save_section(ref, state, result.peers.index.tolist(), lang)


render()
