"""Trends: the selected indicator over the years for my and the compared municipalities,
with Latvia and the comparison-group mean as dashed reference lines."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from benchlearn import cache, ui
from benchlearn.charts import trends as charts
from benchlearn.i18n import format_value, t
from benchlearn.logic import series as logic
from benchlearn.state import ViewState

LOCAL_VERSIONS = ("lg2021", "lg2025")
MAX_DEFAULT = 12


def observations(version: str) -> pd.DataFrame:
    """Values of both local-government versions, so every chosen unit has its full history."""
    frames = [
        cache.query("observations_in_version", version=v)
        for v in dict.fromkeys([version, *LOCAL_VERSIONS])
    ]
    return pd.concat(frames, ignore_index=True).drop_duplicates(["unit_id", "indicator", "year"])


def relative_indicator(ref: ui.Reference, code: str) -> str | None:
    """The catalogue's per-capita companion of `code`, if there is one."""
    other = ref.catalogue.loc[code, "per_capita"]
    return other if isinstance(other, str) and other in ref.catalogue.index else None


def indicator_shown(ref: ui.Reference, state: ViewState) -> str:
    """The selected indicator, or its relative companion when the toggle says so."""
    lang, companion = state.lang, relative_indicator(ref, state.ind)
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


def latvia_note(series: pd.DataFrame, unit: str, decimals: int, lang: str) -> str:
    """Why Latvia's line is missing, if it is."""
    if logic.ROLE_LATVIA not in set(series["role"]):
        return t("trends.no_latvia", lang)
    if not logic.off_scale(series):
        return ""
    latest = series[(series["role"] == logic.ROLE_LATVIA) & series["value"].notna()].iloc[-1]
    return t(
        "trends.latvia_off_scale",
        lang,
        year=int(latest["year"]),
        value=format_value(latest["value"], unit, decimals, lang),
    )


def column_widths(table: pd.DataFrame) -> dict:
    """Pixel widths from the longest text in each column, so big numbers are never cut;
    a wide table then scrolls sideways instead."""
    widths = {}
    for i, column in enumerate(table.columns):
        longest = max([len(str(column)), *(len(str(v)) for v in table[column])])
        widths[column] = st.column_config.TextColumn(
            width=min(7 * longest + 18, 360), pinned=i == 0
        )
    return widths


def trend_view(
    code: str,
    version: str,
    compared: tuple[str, ...],
    my: str | None,
    members: tuple[str, ...],
    group_name: str,
    lang: str,
) -> dict:
    """Everything the page shows for one view, computed once and cached across sessions:
    the units drawn, the chart spec, its notes and the table of values."""
    ref = ui.reference()
    unit, decimals = ui.indicator_unit(ref, code, lang), int(ref.catalogue.loc[code, "decimals"])
    obs = observations(version)
    units = [u for u in compared if u != my]
    defaulted = not my and not units
    if defaulted:
        pool = list(members) or ui.units_of(ref, version)["unit_id"].tolist()
        units = logic.most_covered(obs, code, pool, MAX_DEFAULT)
    series = logic.trend_series(obs, code, units, my, list(members))
    chosen = [u for u in [my, *units] if u]
    empty = [u for u in chosen if series.loc[series["series"] == u, "value"].isna().all()]
    view = {"units": units, "defaulted": defaulted}
    if series["value"].notna().sum() == 0 or len(empty) == len(chosen):
        return {**view, "nothing": True}

    labels = {u: ui.unit_label(ref, u, lang) for u in chosen}
    labels[logic.LATVIA] = t("latvia", lang)
    labels[logic.MEAN] = f"{t('trends.group_mean', lang)} ({group_name})"
    frame = charts.display_frame(
        series[~series["series"].isin(empty)],
        labels,
        unit,
        decimals,
        lang,
        derived=ui.source_caption(ref, code, lang, ui.sources()),
        tables=charts.source_labels(ui.sources()),
    )
    plotted = frame[frame["role"] != logic.ROLE_LATVIA] if logic.off_scale(series) else frame
    year = logic.single_year(series)
    if year is not None:
        chart = charts.bar_chart(plotted, unit, lang)
        chart_note = t("trends.one_year", lang, year=year)
    else:
        chart = charts.line_chart(plotted, unit, lang)
        chart_note = f"{t('trends.gaps', lang)} {t('trends.dashed', lang)}"

    notes = [
        t("trends.group_note", lang, group=group_name),
        latvia_note(series, unit, decimals, lang),
    ]
    counts = series.loc[(series["role"] == logic.ROLE_MEAN) & series["value"].notna(), "n"]
    if not counts.empty and counts.min() != counts.max():
        notes.append(t("trends.mean_varies", lang, low=int(counts.min()), high=int(counts.max())))
    if empty:
        names = ", ".join(ui.unit_label(ref, u, lang) for u in empty)
        notes.append(t("trends.no_data_units", lang, names=names))
    has_mean = logic.ROLE_MEAN in set(frame["role"])
    table = charts.value_table(
        frame,
        decimals,
        lang,
        first_column=t("municipality", lang),
        count_label=t("trends.n_row", lang) if has_mean else None,
    )
    return {
        **view,
        "nothing": False,
        "spec": ui.chart_spec(chart),
        "chart_note": chart_note,
        "notes": "  \n".join(n for n in notes if n),
        "table": table,
    }


def render() -> None:
    ref = ui.reference()
    state = ui.current_state()
    lang = state.lang
    st.title(t("trends.title", lang))
    code = indicator_shown(ref, state)
    unit = ui.indicator_unit(ref, code, lang)
    version = ui.municipal_version(ref, state)
    members = tuple(ui.group_of(ref, state, version))
    group_name = ui.group_label(ref, state.grp, lang)
    heading(ref, code, lang)

    view = cache.computed(
        trend_view, code, version, tuple(state.cmp), state.my, members, group_name, lang
    )
    if view["defaulted"]:
        st.info(
            t("trends.default_units", lang, n=len(view["units"]), group=group_name),
            icon=":material/touch_app:",
        )
    if view["nothing"]:
        st.warning(t("trends.nothing", lang), icon=":material/search_off:")
        return
    st.vega_lite_chart(view["spec"], width="stretch")
    st.caption(view["chart_note"])
    st.caption(view["notes"])
    st.markdown(f"**{t('trends.table', lang, unit=unit)}**")
    table = view["table"]
    st.dataframe(table, hide_index=True, width="stretch", column_config=column_widths(table))


render()
