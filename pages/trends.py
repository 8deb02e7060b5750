"""Trends: the selected indicator over the years for my and the compared municipalities,
with Latvia and the comparison-group mean as dashed reference lines."""

from __future__ import annotations

import streamlit as st

from benchlearn import actions_panel, cache, ui, views
from benchlearn.charts import tables
from benchlearn.i18n import t
from benchlearn.logic import usertext
from benchlearn.state import ViewState


def indicator_shown(ref: ui.Reference, state: ViewState) -> str:
    """The selected indicator, or its relative companion when the toggle says so."""
    lang, companion = state.lang, ui.per_capita_companion(ref, state.ind)
    if not companion:
        return state.ind
    st.toggle(
        t("trends.per_capita", lang, name=ui.indicator_label(ref, companion, lang)),
        **ui.bound("pc"),
    )
    if not ui.current_state().pc:
        return state.ind
    st.caption(
        t(
            "trends.showing_pc",
            lang,
            name=ui.indicator_label(ref, companion, lang),
            base=ui.indicator_label(ref, state.ind, lang),
        )
    )
    return companion


def heading(ref: ui.Reference, code: str, lang: str) -> None:
    row = ref.catalogue.loc[code]
    st.subheader(f"{ui.indicator_label(ref, code, lang)}, {ui.indicator_unit(ref, code, lang)}")
    st.caption(
        f"{row['definition_' + lang]} ({t('direction.' + row['direction'], lang)})  \n"
        f"{ui.source_caption(ref, code, lang, ui.sources())}"
    )


def render() -> None:
    ref = ui.reference()
    state = ui.current_state()
    lang = state.lang
    st.title(t("trends.title", lang))
    ui.contributed_switch(lang)
    code = indicator_shown(ref, state)
    unit = ui.indicator_unit(ref, code, lang)
    version = ui.municipal_version(ref, state)
    members = tuple(ui.group_of(ref, state, version))
    group_name = ui.group_label(ref, state.grp, lang, plain=True)  # for the chart's legend
    heading(ref, code, lang)

    actions = actions_panel.trend_actions(code, lang)  # None: the store is unavailable
    view = cache.computed(
        views.trend_view,
        code,
        version,
        tuple(state.cmp),
        state.my,
        members,
        group_name,
        lang,
        420,  # height and aliases as by default: cache.computed takes positions only
        (),
        actions or (),
    )
    if view["defaulted"]:
        st.info(
            t(
                "trends.default_units",
                lang,
                n=len(view["units"]),
                group=usertext.escape(group_name),
            ),
            icon=":material/touch_app:",
        )
    if view["nothing"]:
        st.warning(t("trends.nothing", lang), icon=":material/search_off:")
        return
    st.vega_lite_chart(view["spec"], width="stretch")
    st.caption(view["chart_note"])
    if view.get("actions_note"):
        st.caption(view["actions_note"])
    elif actions is None:
        st.caption(t("act.unavailable", lang))
    st.caption(view["notes"])
    title = t("trends.table", lang, unit=unit)
    st.markdown(f"**{title}**")
    table = view["table"]
    st.html(tables.html_table(table, label=title, numeric=table.columns[1:], pinned=True))
    if view.get("marks"):
        st.caption(view["marks"])


render()
