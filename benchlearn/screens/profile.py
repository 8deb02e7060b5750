"""The profile view's positions (pages/profile.py, its slide, its page of a deck's PDF): the
municipality's strongest and weakest positions within its comparison group."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from benchlearn import cache, views
from benchlearn.i18n import t, tn
from benchlearn.logic import profile as logic
from benchlearn.state import ViewState
from benchlearn.ui import grouping, naming, refdata

from .look import PAGE, Look


def members_of(
    ref: refdata.Reference, state: ViewState, unit: str, version: str
) -> tuple[list[str], bool]:
    """The group the unit is placed in, and whether that is every municipality because the
    chosen group does not hold it (the fallback)."""
    members = grouping.group_of(ref, state, version)
    if unit in members:
        return list(members), False
    return refdata.units_of(ref, version)["unit_id"].tolist(), True


def positions(ref: refdata.Reference, table: pd.DataFrame, lang: str) -> dict:
    """Strongest and weakest positions of a profile table: their rows, their HTML and the
    codes whose sources they need."""
    strong, weak = logic.strongest_weakest(table)
    return {
        "strong_rows": strong,
        "weak_rows": weak,
        "strong": naming.position_lines(ref, strong, lang, t("profile.none_strong", lang)),
        "weak": naming.position_lines(ref, weak, lang, t("profile.none_weak", lang)),
        "codes": [*strong["indicator"], *weak["indicator"]],
    }


def positions_view(unit: str, version: str, members: tuple[str, ...], lang: str) -> dict | None:
    """positions() of `unit` within `members`; None without values. For cache.computed."""
    ref = refdata.reference()
    obs = views.profile_observations(version, unit)  # the unit's rows, not every value
    table = logic.profile_table(obs, unit, list(members), ref.catalogue)
    return None if table.empty else positions(ref, table, lang)


def compute(ref: refdata.Reference, state: ViewState, lang: str) -> dict | None:
    """The positions of the view's municipality (None without values)."""
    version = views.profile_version(ref, state, state.my)
    members, _ = members_of(ref, state, state.my, version)
    return cache.computed(positions_view, state.my, version, tuple(members), lang)


def draw_positions(found: dict, lang: str, look: Look = PAGE) -> None:
    """The two columns, and how positions are chosen."""
    columns = st.columns(2, gap="large" if look.large else "small")
    for column, heading, key in zip(
        columns, ("profile.strongest", "profile.weakest"), ("strong", "weak"), strict=True
    ):
        with column:
            st.subheader(t(heading, lang))
            st.html(found[key])
    st.caption(tn("profile.positions_note", logic.MIN_COMPARED, lang, limit=logic.POSITIONS_SHOWN))


def draw_slide(ref: refdata.Reference, state: ViewState, look: Look) -> list[str]:
    """The profile's slide: the municipality (its letter when anonymised) and its positions."""
    lang = state.lang
    if not state.my:
        st.info(t("pres.no_unit", lang))
        return [state.ind]
    st.subheader(look.room.label(ref, state.my, lang))
    found = compute(ref, state, lang)
    if found is None:
        st.warning(t("profile.no_values", lang))
        return [state.ind]
    draw_positions(found, lang, look)
    return found["codes"] or [state.ind]
