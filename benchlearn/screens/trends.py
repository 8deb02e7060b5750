"""The trends view (pages/trends.py, its slide, its page of a deck's PDF): the indicator over
the years for my and the compared municipalities, Latvia and the group mean."""

from __future__ import annotations

import streamlit as st

from benchlearn import actions_panel, cache, views
from benchlearn.i18n import t, tn
from benchlearn.logic import usertext
from benchlearn.state import ViewState
from benchlearn.ui import grouping, naming, refdata
from benchlearn.userdata.presentation import enlarge_spec

from .look import PAGE, Look, Room


def shown_code(ref: refdata.Reference, state: ViewState) -> str:
    """The indicator drawn: the relative companion when the view says so (?pc=1)."""
    companion = refdata.per_capita_companion(ref, state.ind)
    return companion if state.pc and companion else state.ind


def compute(
    ref: refdata.Reference,
    state: ViewState,
    code: str,
    lang: str,
    room: Room = PAGE.room,
    height: int = PAGE.chart_height,
    actions: tuple = (),
) -> dict:
    """views.trend_view for this view (cached across sessions), with the heading, the
    group's name as the legend shows it and the codes whose sources it needs. `actions`:
    actions_panel.trend_actions (a rule at each start year)."""
    version = refdata.municipal_version(ref, state)
    members = tuple(grouping.group_of(ref, state, version))
    group = room.mask(naming.group_label(ref, state.grp, lang, plain=True))  # the legend's
    view = cache.computed(
        views.trend_view,
        code,
        version,
        tuple(state.cmp),
        state.my,
        members,
        group,
        lang,
        height,  # cache.computed takes positions only
        room.aliases([state.my, *state.cmp, *members]) if room.anonymised else (),
        actions,
    )
    unit = naming.indicator_unit(ref, code, lang)
    return {
        **view,
        "code": code,
        "codes": [code],
        "unit": unit,
        "group": group,
        "title": f"{naming.indicator_label(ref, code, lang)} ({unit})",
    }


def spec(view: dict, look: Look = PAGE) -> dict:
    """The chart's Vega-Lite spec as drawn: enlarged on a slide, names masked."""
    drawn = enlarge_spec(view["spec"]) if look.large else view["spec"]
    return look.room.scrub(drawn)


def draw_chart(view: dict, look: Look = PAGE) -> None:
    st.vega_lite_chart(spec(view, look), width="stretch", key=look.key)


def draw_slide(ref: refdata.Reference, state: ViewState, look: Look) -> list[str]:
    """The trends slide: heading and the page's chart (with its actions), in large type."""
    lang, code = state.lang, shown_code(ref, state)
    actions = actions_panel.trend_actions(code, lang) or ()
    view = compute(ref, state, code, lang, look.room, look.chart_height, actions)
    st.subheader(view["title"])
    if view["defaulted"]:
        group = usertext.escape(view["group"])
        st.caption(tn("pres.trend_units", len(view["units"]), lang, group=group))
    if not view["nothing"]:
        draw_chart(view, look)
    else:
        st.warning(t("trends.nothing", lang))
    return view["codes"]
