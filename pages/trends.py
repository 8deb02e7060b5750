"""Trends: the selected indicator over the years for my and the compared municipalities,
with Latvia and the comparison-group mean as dashed reference lines."""

from __future__ import annotations

import streamlit as st

from benchlearn import actions_panel
from benchlearn.charts import tables
from benchlearn.i18n import t, tn
from benchlearn.logic import usertext
from benchlearn.screens import trends as trends_screen
from benchlearn.state import ViewState
from benchlearn.ui import inputs, naming, refdata, viewstate


def indicator_shown(ref: refdata.Reference, state: ViewState) -> str:
    """The selected indicator, or its relative companion when the toggle says so."""
    lang, companion = state.lang, refdata.per_capita_companion(ref, state.ind)
    if not companion:
        return state.ind
    st.toggle(
        t("trends.per_capita", lang, name=naming.indicator_label(ref, companion, lang)),
        **viewstate.bound("pc"),
    )
    if not viewstate.current_state().pc:
        return state.ind
    st.caption(
        t(
            "trends.showing_pc",
            lang,
            name=naming.indicator_label(ref, companion, lang),
            base=naming.indicator_label(ref, state.ind, lang),
        )
    )
    return companion


def heading(ref: refdata.Reference, code: str, lang: str) -> None:
    row = ref.catalogue.loc[code]
    st.subheader(
        f"{naming.indicator_label(ref, code, lang)}, {naming.indicator_unit(ref, code, lang)}"
    )
    st.caption(
        f"{row['definition_' + lang]} ({t('direction.' + row['direction'], lang)})  \n"
        f"{naming.source_caption(ref, code, lang, refdata.sources())}"
    )


def render() -> None:
    ref = refdata.reference()
    state = viewstate.current_state()
    lang = state.lang
    st.title(t("trends.title", lang))
    inputs.contributed_switch(lang)
    code = indicator_shown(ref, state)
    unit = naming.indicator_unit(ref, code, lang)
    heading(ref, code, lang)

    actions = actions_panel.trend_actions(code, lang)  # None: the store is unavailable
    # what the chart shows for this view, as its slide and the deck's PDF show it
    view = trends_screen.compute(ref, state, code, lang, actions=actions or ())
    group_name = view["group"]  # plain text, as the chart's legend names it
    if view["defaulted"]:
        st.info(
            tn(
                "trends.default_units",
                len(view["units"]),
                lang,
                group=usertext.escape(group_name),
            ),
            icon=":material/touch_app:",
        )
    if view["nothing"]:
        st.warning(t("trends.nothing", lang), icon=":material/search_off:")
        return
    trends_screen.draw_chart(view)
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
