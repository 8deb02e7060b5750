"""Dati: the indicator catalogue, sources, coverage and the build report: coverage by year
and class of value (reported, computed, constructed, rounded), the harmonisation report and
what the state cities' population figures lack."""

import pandas as pd
import streamlit as st

from benchlearn import cache, ui, update_panel
from benchlearn.i18n import format_number, formula_text, t
from benchlearn.logic import coverage

ref = ui.reference()
lang = ui.lang()
en = lang == "en"
catalogue = ref.catalogue
sources = ui.sources()
meta = dict(cache.query("build_meta").itertuples(index=False))

st.title(t("data.title", lang))
built = pd.Timestamp(meta.get("built_at")).tz_convert("Europe/Riga")
st.caption(
    t("data.built", lang, when=built.strftime("%Y-%m-%d %H:%M" if en else "%d.%m.%Y. %H:%M"))
)
st.write(t("data.intro", lang))

st.header(t("data.catalogue", lang))
search = st.text_input(t("data.search", lang), key="data_search", max_chars=80).strip()


def catalogue_table(lang: str) -> pd.DataFrame:
    """The catalogue as the page lists it; cached across sessions."""
    ref, en, sources = ui.reference(), lang == "en", ui.sources()
    catalogue = ref.catalogue
    names = {c: f"«{ui.indicator_label(ref, c, lang)}»" for c in catalogue.index}
    by_source = sources.set_index("source_id")

    def source_of(code: str) -> str:
        row = catalogue.loc[code]
        if row["kind"] == "derived":
            return formula_text(row["formula"], names, lang)
        return "; ".join(ui.source_parts(ref, code, lang, sources))

    def link_of(code: str) -> str | None:
        ids = list(catalogue.loc[code, "source_ids"])
        urls = [by_source.loc[i, "url"] for i in ids if by_source.loc[i, "url"]]
        return urls[0] if urls else None

    return pd.DataFrame(
        {
            t("data.theme", lang): catalogue["theme_en" if en else "theme_lv"],
            t("data.name", lang): [ui.indicator_label(ref, c, lang) for c in catalogue.index],
            t("unit", lang): catalogue["unit_en" if en else "unit_lv"],
            t("data.direction", lang): [t(f"direction.{d}", lang) for d in catalogue["direction"]],
            t("data.definition", lang): catalogue["definition_en" if en else "definition_lv"],
            t("data.kind", lang): [t(f"data.kind.{k}", lang) for k in catalogue["kind"]],
            t("source", lang): [source_of(c) for c in catalogue.index],
            t("data.link", lang): [link_of(c) for c in catalogue.index],
            t("data.units", lang): [
                f"{m} {t('data.of43', lang)}" for m in catalogue["municipalities"]
            ],
            t("data.years", lang): catalogue["years"],
            t("data.code", lang): catalogue.index,
        }
    )


table = cache.computed(catalogue_table, lang)
if search:
    needle = search.casefold()
    mask = table.apply(lambda r: needle in " ".join(map(str, r.values)).casefold(), axis=1)
    table = table[mask]
st.caption(t("data.shown", lang, n=len(table), total=len(catalogue)))
st.dataframe(
    table,
    hide_index=True,
    width="stretch",
    height=420,
    column_config={
        t("data.link", lang): st.column_config.LinkColumn(display_text="↗"),
        t("data.definition", lang): st.column_config.TextColumn(width="large"),
    },
)

st.header(t("data.sources", lang))
st.dataframe(
    pd.DataFrame(
        {
            t("data.publisher", lang): sources["publisher"],
            t("data.table", lang): sources["table_code"],
            t("data.title_col", lang): sources["title"],
            t("data.link", lang): sources["url"].replace("", None),
            t("data.retrieved", lang): sources["retrieved"].replace("", "–"),
            t("data.file", lang): sources["path"],
            t("data.bytes", lang): [format_number(b, 0, lang) for b in sources["bytes"]],
            t("data.values", lang): sources["values_loaded"],
            t("data.not_available", lang): sources["not_available"],
            t("data.ignored", lang): sources["ignored"],
            t("data.same", lang): sources["corroborated"],
        }
    ),
    hide_index=True,
    width="stretch",
    column_config={
        t("data.link", lang): st.column_config.LinkColumn(display_text="↗"),
    },
)

st.header(t("data.fetch", lang))
fetched = cache.query("fetch_status")


def when(stamp: str, with_time: bool = True) -> str:
    """A UTC stamp in Riga time: 21.11.2026. 07:30 (lv), 2026-11-21 07:30 (en)."""
    if not stamp:
        return "–"
    moment = pd.Timestamp(stamp)
    moment = moment.tz_convert("Europe/Riga") if moment.tzinfo else moment
    day = "%Y-%m-%d" if en else "%d.%m.%Y."
    return moment.strftime(f"{day} %H:%M" if with_time else day)


if fetched.empty:
    st.caption(t("data.fetch_none", lang))
else:
    st.caption(t("data.fetch_intro", lang))
    st.dataframe(
        pd.DataFrame(
            {
                t("data.table", lang): fetched["table_code"],
                t("data.fetched_at", lang): [when(s) for s in fetched["retrieved"]],
                t("data.table_updated", lang): [when(s, False) for s in fetched["updated"]],
                t("data.values", lang): fetched["values_fetched"],
                t("data.changed", lang): fetched["changed"] + fetched["removed"],
                t("data.added", lang): fetched["added"],
                t("data.revisions_total", lang): fetched["revisions"],
                t("data.conflicts", lang): fetched["conflicts"],
                t("data.mapping", lang): [
                    t(f"data.mapping.{str(v).lower()}", lang) for v in fetched["verified"]
                ],
                t("data.title_col", lang): fetched["title"],
                t("data.link", lang): fetched["url"],
            }
        ),
        hide_index=True,
        width="stretch",
        column_config={t("data.link", lang): st.column_config.LinkColumn(display_text="↗")},
    )
    revisions = cache.query("fetch_revisions")
    if not revisions.empty:
        st.subheader(t("data.revisions", lang))
        st.caption(t("data.revisions_note", lang))
        decimals = [
            int(catalogue.loc[c, "decimals"]) if c in catalogue.index else 2
            for c in revisions["indicator"]
        ]

        def numbers(column: str) -> list[str]:
            pairs = zip(revisions[column], decimals, strict=True)
            return [format_number(v, d, lang) for v, d in pairs]

        st.dataframe(
            pd.DataFrame(
                {
                    t("data.fetch_time", lang): [when(s) for s in revisions["retrieved"]],
                    t("data.table", lang): revisions["table_code"],
                    t("municipality", lang): revisions["unit_en" if en else "unit_lv"],
                    t("sel.indicator", lang): revisions["indicator_en" if en else "indicator_lv"],
                    t("sel.year", lang): revisions["year"],
                    t("data.old", lang): numbers("old_value"),
                    t("data.new", lang): numbers("new_value"),
                }
            ),
            hide_index=True,
            width="stretch",
        )

update_panel.render(lang)

st.header(t("data.report", lang))
versions = ref.versions
st.subheader(t("data.versions", lang))
st.dataframe(
    pd.DataFrame(
        {
            t("data.name", lang): versions["label_en" if en else "label_lv"],
            t("data.count", lang): versions["unit_count"],
        }
    ),
    hide_index=True,
)
st.subheader(t("data.missing", lang))
missing = cache.query("report_missing")
missing = missing[missing["indicator"].isin(catalogue.index)]
if missing.empty:
    st.write(t("data.none_missing", lang))
else:
    grouped = missing.groupby("indicator", sort=False)["name_en" if en else "name_lv"]
    st.dataframe(
        pd.DataFrame(
            {
                t("data.name", lang): [ui.indicator_label(ref, c, lang) for c in grouped.groups],
                t("data.units", lang): [len(v) for _, v in grouped],
                t("municipality", lang): [", ".join(v) for _, v in grouped],
            }
        ),
        hide_index=True,
        width="stretch",
    )


# --- coverage by year, harmonisation ------------------------------------------------------

CITY_POPULATION_BEFORE = 2026  # state-city population figures before this year are partial


def coverage_table(version: str, lang: str) -> pd.DataFrame:
    """Units with a value per indicator and year in `version`, by class; cached."""
    ref = ui.reference()
    rows = cache.query("coverage_flags", version=version)
    table = coverage.coverage_by_year(rows, ref.catalogue.index.tolist())
    names = ref.indicator_names["en" if lang == "en" else "lv"]
    total = len(ui.units_of(ref, version))
    return coverage.coverage_frame(table, names, total, lang)


def harmonisation_tables(lang: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The harmonisation report: counts per indicator and year, and the partial cases."""
    ref = ui.reference()
    names = ref.indicator_names["en" if lang == "en" else "lv"]
    order = ref.catalogue.index.tolist()
    summary = coverage.harmonisation_frame(cache.query("harmonisation_summary"), names, order, lang)
    partial = coverage.partial_frame(cache.query("harmonisation_partial"), names, order, lang)
    return summary, partial


def city_population_note(lang: str) -> str:
    ref = ui.reference()
    rows = cache.query("state_city_population", before=CITY_POPULATION_BEFORE)
    units = dict(zip(rows["unit_id"], rows["name_en" if lang == "en" else "name_lv"], strict=True))
    names = ref.indicator_names["en" if lang == "en" else "lv"]
    return coverage.city_population_note(rows, units, names, CITY_POPULATION_BEFORE, lang)


st.header(t("data.cov_title", lang))
st.caption(t("data.cov_intro", lang))
labels = versions.set_index("version")["label_en" if en else "label_lv"].to_dict()
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
    st.dataframe(summary, hide_index=True, width="stretch", height=min(420, 38 + 35 * len(summary)))
    st.markdown(f"**{t('data.harm_partial', lang)}**")
    if partial.empty:
        st.caption(t("data.harm_no_partial", lang))
    else:
        st.dataframe(
            partial,
            hide_index=True,
            width="stretch",
            height=min(420, 38 + 35 * len(partial)),
            column_config={
                t("data.harm_parts", lang): st.column_config.TextColumn(width="large"),
            },
        )
