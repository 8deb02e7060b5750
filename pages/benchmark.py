"""Comparison: the comparison group side by side on the indicators of one theme.

Rows: the group's municipalities (my municipality first, marked ★); columns: per indicator the
value, rank and percentile within the table, change since the previous year and a sparkline.
The table is static HTML that sorts in the browser by a click on a column header (a canvas grid
made the page finish 0.26x of an empty page later in an A/B run). Downloads give exactly the
table shown (CSV and Excel with a sources sheet).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from benchlearn import cache, exports, ui, views
from benchlearn.charts import tables
from benchlearn.i18n import t
from benchlearn.logic import benchmark as bm
from benchlearn.logic import flags
from benchlearn.userdata import widgets as userdata

MAX_INDICATORS = 12
INDS = "_bench_inds"  # the indicator choice, kept across page switches


def choose_theme(ref: ui.Reference, state: ui.ViewState, themes: list[str]) -> str:
    """Theme selectbox (in the URL); follows the sidebar indicator when that changes, else
    keeps the link's theme; falls back to the indicator's theme when it has no data."""
    catalogue, ss = ref.catalogue, st.session_state
    ind_theme = catalogue.loc[state.ind, "theme"] if state.ind in catalogue.index else None
    default = ind_theme if ind_theme in themes else themes[0]
    if ss.get("_bench_ind") not in (None, state.ind) or state.theme not in themes:
        ui.set_view("theme", default)
    ss["_bench_ind"] = state.ind
    return st.selectbox(
        t("bench.theme", state.lang),
        themes,
        **ui.bound("theme"),
        format_func=lambda th: ui.theme_label(ref, th, state.lang, plain=True),
    )


def choose_indicators(
    ref: ui.Reference, state: ui.ViewState, options: list[str], defaults: list[str], context: tuple
) -> list[str]:
    """Indicator multiselect (not in the URL): back to the deterministic default whenever
    theme, indicator, year or boundaries change, so a copied link shows the same table.
    The choice is kept under a plain key, as widget state does not survive page switches."""
    ss = st.session_state
    stored = ss.get(INDS) if ss.get("_bench_context") == context else None
    chosen = defaults if stored is None else [c for c in stored if c in options]
    if stored and not chosen:
        chosen = defaults
    ss[INDS] = ss["bench_inds"] = chosen
    ss["_bench_context"] = context

    def keep() -> None:
        ss[INDS] = list(ss["bench_inds"])

    return st.multiselect(
        t("bench.indicators", state.lang),
        options,
        key="bench_inds",
        on_change=keep,
        max_selections=MAX_INDICATORS,
        help=t("bench.indicators_help", state.lang),
        format_func=lambda c: ui.indicator_label(ref, c, state.lang),
    )


def table_rows(
    ref: ui.Reference, state: ui.ViewState, version: str, unit_ids: list[str]
) -> list[str]:
    """The group's units plus my municipality (if it exists in these boundaries)."""
    rows = list(dict.fromkeys(ui.group_of(ref, state, version)))
    if state.my and state.my in unit_ids:
        rows = [state.my, *(u for u in rows if u != state.my)]
    elif state.my:
        label = ref.versions.set_index("version").loc[version, f"label_{state.lang}"]
        st.caption(
            t(
                "bench.my_outside",
                state.lang,
                name=ui.unit_label(ref, state.my, state.lang),
                label=label,
            )
        )
    return rows


HELP_KEYS = {
    "value": "bench.value_help",
    "rank": "bench.rank_help",
    "percentile": "bench.percentile_help",
    "gap": "bench.gap_help",
    "change": "bench.change_help",
    "trend": "bench.trend_help",
}
DESCENDING_FIRST = ("value", "percentile", "gap", "change")  # largest on top at the first click


def comparison_html(
    catalogue: pd.DataFrame,
    tidy: pd.DataFrame,
    wide: pd.DataFrame,
    display: pd.DataFrame,
    bands: pd.DataFrame,
    names: dict[str, str],
    my_position: int | None,
    lang: str,
) -> str:
    """The table as HTML: values in the UI language with their marks (Σ ≈ ?, the words when
    pointing at one), band colours, my municipality marked, sparklines, sorting by a click on
    a column header."""
    measures = [None, *wide.columns.get_level_values(1)]  # None: the name column
    trends = [j for j, m in enumerate(measures) if m == "trend"]
    flags = bm.flags_table(tidy, list(wide.index))
    parts = bm.flags_table(tidy, list(wide.index), "parts")
    return tables.sortable_table(
        bm.cell_texts(display, wide, catalogue, lang),
        keys=bm.sort_keys(wide, names),
        label=t("bench.title", lang),
        lang=lang,
        styles=bm.cell_styles(display, wide, bands, my_position),
        sparklines={j: wide.iloc[:, j - 1].tolist() for j in trends},
        notes=[t(HELP_KEYS[m], lang) if m else None for m in measures],
        descending_first=[j for j, m in enumerate(measures) if m in DESCENDING_FIRST],
        titles=bm.cell_titles(wide, flags, parts, lang),
        marks=bm.cell_marks(wide, flags),
    )


def notes(
    ref: ui.Reference, tidy: pd.DataFrame, wide: pd.DataFrame, year: int, lang: str, my_shown: bool
) -> None:
    """Legend, the marks of the values shown, the rule for ranks, and which indicators fall
    back to an earlier year."""
    st.html(bm.legend_html(lang, mine=my_shown))
    marks = flags.legend(tidy.loc[tidy["value"].notna(), "flags"], lang)
    if marks:
        st.caption(marks)
    lines = [t("bench.rows_note", lang, n=tidy["unit_id"].nunique()), t("bench.sort_note", lang)]
    years = tidy.groupby("indicator", sort=False)["year"].first()
    older = [ui.indicator_label(ref, c, lang) for c, y in years.items() if y < year]
    if older:
        lines.append(t("bench.fallback", lang, year=year, names=", ".join(older)))
    measures = set(wide.columns.get_level_values(1))
    by_indicator = wide.columns.to_frame(index=False).groupby("indicator")["measure"].apply(set)
    if "trend" not in measures or any("trend" not in m for m in by_indicator):
        lines.append(t("bench.one_year", lang))
    st.caption(" ".join(lines))


def sources_caption(ref: ui.Reference, codes: list[str], lang: str) -> None:
    """One line per distinct source caption; indicators sharing one are listed together."""
    sources, by_caption = ui.sources(), {}
    for code in codes:
        caption = ui.source_caption(ref, code, lang, sources)
        by_caption.setdefault(caption, []).append(ui.indicator_label(ref, code, lang))
    lines = [f"**{', '.join(names)}** — {caption}" for caption, names in by_caption.items()]
    st.caption(f"**{t('bench.sources', lang)}**\n\n" + "\n\n".join(lines))


def downloads(
    ref: ui.Reference,
    state: ui.ViewState,
    tidy: pd.DataFrame,
    wide: pd.DataFrame,
    names: dict[str, str],
    version: str,
    theme: str,
    year: int,
) -> None:
    """CSV and Excel of exactly the table shown; built only when clicked."""
    lang, catalogue = state.lang, ref.catalogue
    years = tidy.groupby("indicator", sort=False)["year"].first().astype(int).to_dict()
    versions = ref.versions.set_index("version")
    context = [
        (t("sel.group", lang), ui.group_label(ref, state.grp, lang, plain=True)),
        (t("sel.year", lang), str(year)),
        (t("sel.version", lang), versions.loc[version, f"label_{lang}"]),
        (t("bench.built", lang), ui.build_date(lang)),
    ]
    bold = [list(wide.index).index(state.my)] if state.my in wide.index else []
    stem = f"{t('bench.file', lang)}_{theme}_{year}"

    def table() -> pd.DataFrame:
        return bm.export_frame(wide, tidy, catalogue, names, lang)

    ui.table_downloads(
        lang,
        stem,
        csv=lambda: exports.to_csv(table(), lang),
        xlsx=lambda: exports.to_excel(
            table(),
            bm.sources_frame(catalogue, ui.sources(), years, lang),
            context,
            sheet=t("bench.sheet", lang),
            sources_sheet=t("bench.sheet_sources", lang),
            number_formats=bm.export_number_formats(wide, catalogue),
            bold_rows=bold,
        ),
        help_text=t("bench.download_help", lang),
        key="bench",
    )
    sources_caption(ref, list(years), lang)


def table_view(
    version: str, year: int, years: tuple, rows: tuple[str, ...], my: str | None, lang: str
) -> dict:
    """The table of `rows` x the indicators in `years` (code, value year), and its HTML;
    cached across sessions."""
    ref = ui.reference()
    observations = views.indicator_observations(version, tuple(code for code, _ in years))
    names = {u: ui.unit_label(ref, u, lang) for u in rows}
    tidy = bm.benchmark_table(observations, ref.catalogue, list(rows), dict(years))
    order = bm.order_rows(tidy, list(rows), my, names)
    wide = bm.wide_table(tidy, order)
    display = bm.display_frame(wide, tidy, ref.catalogue, names, my, year, lang)
    bands = bm.bands_table(tidy, order)
    my_position = order.index(my) if my in order else None
    return {
        "names": names,
        "tidy": tidy,
        "order": order,
        "wide": wide,
        "html": comparison_html(
            ref.catalogue, tidy, wide, display, bands, names, my_position, lang
        ),
    }


def main() -> None:
    ref = ui.reference()
    state = ui.current_state()
    lang = state.lang
    st.title(t("bench.title", lang))
    ui.contributed_switch(lang)
    version = ui.municipal_version(ref, state)
    setup = cache.computed(views.comparison_setup, version, state.year)
    year, years, unit_ids = setup["year"], setup["years"], setup["unit_ids"]
    themes = ui.theme_options(ref, setup["themes"], years)
    if not themes:
        st.info(t("bench.no_themes", lang, year=year))
        return
    left, right = st.columns([1, 3])
    with left:
        theme = choose_theme(ref, state, themes)
    options = ui.theme_codes(ref, theme, years)  # a network's indicator set is a theme too
    defaults = cache.computed(
        views.comparison_defaults,
        version,
        tuple((c, years[c]) for c in options),
        tuple(options),
        len(unit_ids),
        state.ind,
    )
    with right:
        chosen = choose_indicators(ref, state, options, defaults, (theme, state.ind, year, version))
    rows = table_rows(ref, state, version, unit_ids)
    st.markdown(
        t(
            "bench.subtitle",
            lang,
            group=ui.group_label(ref, state.grp, lang),
            theme=ui.theme_label(ref, theme, lang),
            year=year,
        )
    )
    if not rows:
        st.info(f"{t('bench.empty', lang)} {t('bench.choose_units', lang)}")
        return
    if not chosen:
        st.info(t("bench.no_indicators", lang))
        return
    view = cache.computed(
        table_view,
        version,
        year,
        tuple((c, years[c]) for c in chosen),
        tuple(rows),
        state.my,
        lang,
    )
    tidy, wide, names = view["tidy"], view["wide"], view["names"]
    st.html(view["html"], unsafe_allow_javascript=True)
    notes(ref, tidy, wide, year, lang, state.my in view["order"])
    userdata.practices_beside(chosen, lambda u: ui.unit_label(ref, u, lang), lang)
    downloads(ref, state, tidy, wide, names, version, theme, year)


main()
