"""The profile view (pages/profile.py) and its positions (the page, its slide, its page of a
deck's PDF): what the page shows of a municipality, computed once per view with the
interface layer's names (the text itself: benchlearn.logic.profileview), and its strongest
and weakest positions within its comparison group."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from benchlearn import cache, views
from benchlearn.charts import profile as profile_charts
from benchlearn.charts import trends as trend_charts
from benchlearn.i18n import t, tn
from benchlearn.logic import flags, gaps, profileview, series, similar
from benchlearn.logic import profile as logic
from benchlearn.logic.peers import DEFAULT_PEER_INDICATORS
from benchlearn.state import ViewState
from benchlearn.ui import grouping, naming, refdata, specs

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


TREND_COLUMNS = 2  # two 300 px charts fit the open section at 1280 px; three did not


def unit_row(ref: refdata.Reference, unit: str, version: str) -> pd.Series:
    rows = refdata.units_of(ref, version)
    return rows[rows["unit_id"] == unit].iloc[0]


def key_facts(ref: refdata.Reference, obs: pd.DataFrame, row: pd.Series, lang: str) -> list[dict]:
    """The five cards (profileview.key_facts) with the region's and indicator's names."""
    return profileview.key_facts(
        obs,
        row,
        lambda nuts: naming.group_label(ref, f"nuts:{nuts}", lang),
        lambda code: naming.indicator_label(ref, code, lang),
        lang,
    )


def similar_peers(unit: str, version: str) -> tuple[str, ...]:
    """The similar municipalities the peers page shows for `unit` by default; for
    cache.computed."""
    ref = refdata.reference()
    codes = list(DEFAULT_PEER_INDICATORS)
    obs = views.indicator_observations(version, tuple(codes))
    unit_ids = refdata.units_of(ref, version)["unit_id"].tolist()
    years = similar.year_options(codes, ref.years, ref.catalogue)
    return tuple(gaps.default_peers(obs, ref.catalogue, unit_ids, years, unit))


def profile_view(
    unit: str,
    version: str,
    members: tuple[str, ...],
    basis: str,
    reference: tuple[str, ...],
    lang: str,
) -> dict:
    """Everything the page shows about `unit` within `members`, its gaps to `reference`
    (basis: "peers" or "group"), computed once per view and cached across sessions (the
    network section and the practices beside the gaps are live and drawn separately)."""
    ref = refdata.reference()
    row = unit_row(ref, unit, version)
    obs = views.profile_observations(version, unit)  # the unit's rows, not every value
    view = {
        "ids": f"{t('profile.atvk', lang)} {row['atvk']} · "
        f"{t('profile.iso', lang)} {row['iso_3166_2']}",
        "cards": key_facts(ref, obs, row, lang),
    }
    table = logic.profile_table(obs, unit, list(members), ref.catalogue)
    if table.empty:
        return {**view, "table": None}
    gap = gaps.gap_table(obs, table, reference, ref.catalogue)
    themes = ref.catalogue.loc[table["indicator"], f"theme_{lang}"].tolist()
    names = (
        ref.catalogue,
        lambda code: naming.indicator_label(ref, code, lang),
        lambda code: naming.indicator_unit(ref, code, lang),
    )
    used = logic.sources_used(obs, [unit, series.LATVIA], table["indicator"].tolist())
    return {
        **view,
        "gaps": gap,
        "behind": profileview.worst_gaps(table, gap),
        # as the profile's slide and the deck's PDF show them
        "positions": positions(ref, table, lang),
        "table": profile_charts.table_html(
            profileview.display_table(table, *names, lang),
            themes,
            profileview.band_colours(table),
            lang,
        ),
        "gaps_table": profile_charts.gaps_html(
            profileview.gap_display(table, gap, *names, basis, lang),
            themes,
            profileview.verdict_colours(gap),
            basis,
            lang,
        ),
        "marks": flags.legend([*table["flags"], *table["latvia_flags"]], lang),
        "n_trends": len(logic.multi_year(obs, unit, ref.catalogue.index.tolist())),
        "sources": profileview.sources_lines(used, refdata.sources(), lang),
    }


def trend_charts_for(ref: refdata.Reference, obs: pd.DataFrame, unit: str, lang: str) -> list:
    charts = []
    for code in logic.multi_year(obs, unit, ref.catalogue.index.tolist()):
        lines = series.trend_series(obs, code, [], unit, [])
        if series.off_scale(lines):
            lines = lines[lines["role"] != series.ROLE_LATVIA]
        labels = {unit: naming.unit_label(ref, unit, lang), series.LATVIA: t("latvia", lang)}
        u = naming.indicator_unit(ref, code, lang)
        frame = trend_charts.display_frame(
            lines,
            labels,
            u,
            int(ref.catalogue.loc[code, "decimals"]),
            lang,
            derived=naming.source_caption(ref, code, lang, refdata.sources()),
            tables=trend_charts.source_labels(refdata.sources()),
        )
        charts.append(
            profile_charts.small_trend(frame, naming.indicator_label(ref, code, lang), u, lang)
        )
    return charts


def trends_spec(unit: str, version: str, lang: str) -> dict:
    """The small trend charts of `unit`, built only once their section is opened: at 100x
    the data (make bench) building them on every view was most of the profile's run."""
    ref = refdata.reference()
    obs = views.profile_observations(version, unit)
    charts = trend_charts_for(ref, obs, unit, lang)
    return specs.chart_spec(profile_charts.small_multiples(charts, lang, TREND_COLUMNS))


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
