"""Dati: the indicator catalogue, sources, coverage and the build report: coverage by year
and class of value (reported, computed, constructed, rounded), the harmonisation report and
what the state cities' population figures lack. Layout only: the tables are built in
logic.dataview and logic.coverage."""

import pandas as pd
import streamlit as st

from benchlearn import cache, update_panel
from benchlearn.i18n import t, tn
from benchlearn.logic import coverage, dataview
from benchlearn.ui import naming, refdata, viewstate

CITY_POPULATION_BEFORE = 2026  # state-city population figures before this year are partial


def catalogue_table(lang: str) -> pd.DataFrame:
    """The catalogue as the page lists it; cached across sessions."""
    ref, sources = refdata.reference(), refdata.sources()
    codes = ref.catalogue.index
    labels = {c: naming.indicator_label(ref, c, lang) for c in codes}
    parts = {c: naming.source_parts(ref, c, lang, sources) for c in codes}
    return dataview.catalogue_frame(ref.catalogue, labels, parts, sources, lang)


def missing_table(lang: str) -> pd.DataFrame:
    """Per indicator, the units without a value; cached."""
    ref = refdata.reference()
    labels = {c: naming.indicator_label(ref, c, lang) for c in ref.catalogue.index}
    missing = cache.query("report_missing")
    return dataview.missing_frame(missing, ref.catalogue.index.tolist(), labels, lang)


def coverage_table(version: str, lang: str) -> pd.DataFrame:
    """Units with a value per indicator and year in `version`, by class; cached."""
    ref = refdata.reference()
    rows = cache.query("coverage_flags", version=version)
    table = coverage.coverage_by_year(rows, ref.catalogue.index.tolist())
    names = ref.indicator_names["en" if lang == "en" else "lv"]
    total = len(refdata.units_of(ref, version))
    return coverage.coverage_frame(table, names, total, lang)


def harmonisation_tables(lang: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The harmonisation report: counts per indicator and year, and the partial cases."""
    ref = refdata.reference()
    names = ref.indicator_names["en" if lang == "en" else "lv"]
    order = ref.catalogue.index.tolist()
    summary = coverage.harmonisation_frame(cache.query("harmonisation_summary"), names, order, lang)
    partial = coverage.partial_frame(cache.query("harmonisation_partial"), names, order, lang)
    return summary, partial


def city_population_note(lang: str) -> str:
    ref = refdata.reference()
    rows = cache.query("state_city_population", before=CITY_POPULATION_BEFORE)
    units = dict(zip(rows["unit_id"], rows["name_en" if lang == "en" else "name_lv"], strict=True))
    names = ref.indicator_names["en" if lang == "en" else "lv"]
    return coverage.city_population_note(rows, units, names, CITY_POPULATION_BEFORE, lang)


ref = refdata.reference()
lang = viewstate.lang()
catalogue = ref.catalogue
meta = dict(cache.query("build_meta").itertuples(index=False))
LINK = st.column_config.LinkColumn(display_text="↗")

st.title(t("data.title", lang))
st.caption(t("data.built", lang, when=dataview.stamp_text(meta.get("built_at"), lang)))
st.write(t("data.intro", lang))

st.header(t("data.catalogue", lang))
search = st.text_input(t("data.search", lang), key="data_search", max_chars=80)
table = dataview.search(cache.computed(catalogue_table, lang), search)
st.caption(tn("data.shown", len(catalogue), lang, shown=len(table)))
st.dataframe(
    table,
    hide_index=True,
    width="stretch",
    height=420,
    column_config={
        t("data.link", lang): LINK,
        t("data.definition", lang): st.column_config.TextColumn(width="large"),
    },
)

st.header(t("data.sources", lang))
st.dataframe(
    dataview.sources_frame(refdata.sources(), lang),
    hide_index=True,
    width="stretch",
    column_config={t("data.link", lang): LINK},
)

st.header(t("data.fetch", lang))
fetched = cache.query("fetch_status")
if fetched.empty:
    st.caption(t("data.fetch_none", lang))
else:
    st.caption(t("data.fetch_intro", lang))
    st.dataframe(
        dataview.fetch_frame(fetched, lang),
        hide_index=True,
        width="stretch",
        column_config={t("data.link", lang): LINK},
    )
    revisions = cache.query("fetch_revisions")
    if not revisions.empty:
        st.subheader(t("data.revisions", lang))
        st.caption(t("data.revisions_note", lang))
        st.dataframe(
            dataview.revisions_frame(revisions, catalogue, lang), hide_index=True, width="stretch"
        )

update_panel.render(lang)

st.header(t("data.report", lang))
st.subheader(t("data.versions", lang))
st.dataframe(dataview.versions_frame(ref.versions, lang), hide_index=True)
st.subheader(t("data.missing", lang))
missing = cache.computed(missing_table, lang)
if missing.empty:
    st.write(t("data.none_missing", lang))
else:
    st.dataframe(missing, hide_index=True, width="stretch")


# --- coverage by year, harmonisation ------------------------------------------------------

st.header(t("data.cov_title", lang))
st.caption(t("data.cov_intro", lang))
labels = ref.versions.set_index("version")[f"label_{'en' if lang == 'en' else 'lv'}"].to_dict()
choices = [v for v in coverage.COVERAGE_VERSIONS if v in labels]
st.session_state.setdefault("data_cov_version", choices[0])
chosen = st.segmented_control(
    t("sel.version", lang),
    choices,
    key="data_cov_version",
    format_func=lambda v: labels[v],
)
chosen = chosen or choices[0]  # a segmented control can be clicked off
by_year = cache.computed(coverage_table, chosen, lang)
if by_year.empty:
    st.write(t("data.cov_none", lang))
else:
    st.dataframe(
        by_year,
        hide_index=True,
        width="stretch",
        height=420,
        column_config={  # a narrower name, so every class fits beside it at 1280 px
            by_year.columns[0]: st.column_config.TextColumn(width=170),
            by_year.columns[1]: st.column_config.NumberColumn(width=56, format="%d"),
        },
    )
note = cache.computed(city_population_note, lang)
if note:
    st.caption(note)

st.subheader(t("data.harm_title", lang))
st.caption(t("data.harm_intro", lang))
summary, partial = cache.computed(harmonisation_tables, lang)
if summary.empty:
    st.write(t("data.harm_none", lang))
else:
    st.dataframe(
        summary, hide_index=True, width="stretch", height=dataview.table_height(len(summary))
    )
    st.markdown(f"**{t('data.harm_partial', lang)}**")
    if partial.empty:
        st.caption(t("data.harm_no_partial", lang))
    else:
        st.dataframe(
            partial,
            hide_index=True,
            width="stretch",
            height=dataview.table_height(len(partial)),
            column_config={t("data.harm_parts", lang): st.column_config.TextColumn(width="large")},
        )
