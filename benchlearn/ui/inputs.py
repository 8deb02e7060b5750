"""Widgets several pages share: the contributed-values switch, the account and save-view
boxes of the sidebar, the "choose my municipality" prompt and the indicator-weights table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from benchlearn.i18n import t
from benchlearn.state import to_params
from benchlearn.ui import naming, viewstate
from benchlearn.ui.refdata import Reference
from benchlearn.userdata import widgets as userdata


def contributed_switch(lang: str) -> None:
    """The page's switch that hides municipalities' contributed values (bound to ?hide=1;
    cache.query leaves them out of every result while it is on)."""
    st.toggle(t("contrib.hide", lang), **viewstate.bound("hide"))


def account_box() -> None:
    """Sidebar: who is signed in and with which roles; sign in or out."""
    userdata.account_box(viewstate.lang())


def save_view_box(page) -> None:
    """Sidebar: editors save the page on screen with its URL state (the page's own fields
    included) into a network; the network saved into is offered first next time."""
    state = viewstate.current_state()
    saved = userdata.save_view_box(
        page.url_path, to_params(state, page.url_path), viewstate.lang(), state.tikls
    )
    if saved is not None:
        viewstate.set_view("tikls", saved)


def ask_for_my_municipality(ref: Reference, lang: str, hint_key: str, key: str) -> None:
    """An info line and a picker for pages that need "my municipality" when none is chosen;
    the choice goes into the shared selection and the page's own box is cleared."""

    def choose() -> None:
        viewstate.set_view("my", st.session_state.get(key) or None)
        st.session_state[key] = ""

    st.info(t(hint_key, lang), icon=":material/location_city:")
    st.session_state.setdefault(key, "")
    st.selectbox(
        t("profile.choose", lang),
        ["", *ref.local.index],
        key=key,
        on_change=choose,
        format_func=lambda u: naming.unit_label(ref, u, lang) if u else t("sel.my_none", lang),
    )


@dataclass(frozen=True)
class Weights:
    """The weight column of an indicator-weights table: its bound, step and a new row's."""

    maximum: float
    step: float
    default: float


def weights_editor(
    rows: pd.DataFrame,
    key: str,
    indicators: list[str],
    name_of: Callable[[str], str],
    weights: Weights,
    lang: str,
    more: dict | None = None,
) -> pd.DataFrame:
    """An editable table of indicators and their weights (rows may be added and removed),
    as the peers and the index pages offer it; `more`: further columns' configurations."""
    return st.data_editor(
        rows,
        key=key,
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        column_config={
            "indicator": st.column_config.SelectboxColumn(
                t("sel.indicator", lang),
                options=indicators,
                format_func=name_of,
                required=True,
                width="large",
            ),
            "weight": st.column_config.NumberColumn(
                t("peers.col_weight", lang),
                min_value=0.0,
                max_value=weights.maximum,
                step=weights.step,
                default=weights.default,
                required=True,
                format="localized" if lang == "lv" else "%.2f",  # decimal comma in Latvian
            ),
            **(more or {}),
        },
    )
