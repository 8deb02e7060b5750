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

from benchlearn import cache, exports, views
from benchlearn.i18n import t, tn
from benchlearn.logic import benchmark as bm
from benchlearn.screens import comparison as comparison_screen
from benchlearn.state import MAX_INDICATORS, ViewState
from benchlearn.ui import download_buttons, grouping, inputs, naming, refdata, viewstate
from benchlearn.userdata import widgets as userdata

INDS = "bench_inds"  # the indicator multiselect, bound to the view's `inds` (?inds=)


def choose_theme(ref: refdata.Reference, state: ViewState, themes: list[str]) -> str:
    """Theme selectbox (in the URL); follows the sidebar indicator when that changes (a
    change of the indicator resets the theme: state.RESETS), else keeps the link's theme;
    falls back to the indicator's theme when it has none or that has no data."""
    catalogue = ref.catalogue
    ind_theme = catalogue.loc[state.ind, "theme"] if state.ind in catalogue.index else None
    default = ind_theme if ind_theme in themes else themes[0]
    if state.theme not in themes:
        viewstate.set_view("theme", default)
    return st.selectbox(
        t("bench.theme", state.lang),
        themes,
        **viewstate.bound("theme"),
        format_func=lambda th: naming.theme_label(ref, th, state.lang, plain=True),
    )


def choose_indicators(
    ref: refdata.Reference,
    state: ViewState,
    options: list[str],
    defaults: list[str],
) -> list[str]:
    """Indicator multiselect, bound to the view's indicators (?inds= on this page); the
    deterministic defaults while the view names none (they come back whenever theme,
    indicator, year or boundaries change: state.RESETS), so a copied link shows the same
    table."""
    stored = state.inds
    chosen = defaults if stored is None else [c for c in stored if c in options]
    if stored and not chosen:
        chosen = defaults
    return st.multiselect(
        t("bench.indicators", state.lang),
        options,
        **viewstate.bound("inds", INDS, shown=chosen),
        max_selections=MAX_INDICATORS,
        help=t("bench.indicators_help", state.lang),
        format_func=lambda c: naming.indicator_label(ref, c, state.lang),
    )


def table_rows(
    ref: refdata.Reference, state: ViewState, version: str, unit_ids: list[str]
) -> list[str]:
    """The group's units plus my municipality (if it exists in these boundaries)."""
    rows = comparison_screen.rows_of(ref, state, version, unit_ids)
    if state.my and state.my not in unit_ids:
        label = ref.versions.set_index("version").loc[version, f"label_{state.lang}"]
        st.caption(
            t(
                "bench.my_outside",
                state.lang,
                name=naming.unit_label(ref, state.my, state.lang),
                label=label,
            )
        )
    return rows


def notes(
    ref: refdata.Reference,
    tidy: pd.DataFrame,
    wide: pd.DataFrame,
    year: int,
    lang: str,
    my_shown: bool,
) -> None:
    """The rule for ranks, and which indicators fall back to an earlier year (the legend
    and the marks are drawn with the table: comparison_screen.draw_table)."""
    lines = [tn("bench.rows_note", tidy["unit_id"].nunique(), lang), t("bench.sort_note", lang)]
    years = tidy.groupby("indicator", sort=False)["year"].first()
    older = [naming.indicator_label(ref, c, lang) for c, y in years.items() if y < year]
    if older:
        lines.append(t("bench.fallback", lang, year=year, names=", ".join(older)))
    measures = set(wide.columns.get_level_values(1))
    by_indicator = wide.columns.to_frame(index=False).groupby("indicator")["measure"].apply(set)
    if "trend" not in measures or any("trend" not in m for m in by_indicator):
        lines.append(t("bench.one_year", lang))
    st.caption(" ".join(lines))


def sources_caption(ref: refdata.Reference, codes: list[str], lang: str) -> None:
    """One line per distinct source caption; indicators sharing one are listed together."""
    sources, by_caption = refdata.sources(), {}
    for code in codes:
        caption = naming.source_caption(ref, code, lang, sources)
        by_caption.setdefault(caption, []).append(naming.indicator_label(ref, code, lang))
    lines = [f"**{', '.join(names)}** — {caption}" for caption, names in by_caption.items()]
    st.caption(f"**{t('bench.sources', lang)}**\n\n" + "\n\n".join(lines))


def downloads(
    ref: refdata.Reference,
    state: ViewState,
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
        (t("sel.group", lang), naming.group_label(ref, state.grp, lang, plain=True)),
        (t("sel.year", lang), str(year)),
        (t("sel.version", lang), versions.loc[version, f"label_{lang}"]),
        (t("bench.built", lang), download_buttons.build_date(lang)),
    ]
    bold = [list(wide.index).index(state.my)] if state.my in wide.index else []
    stem = f"{t('bench.file', lang)}_{theme}_{year}"

    def table() -> pd.DataFrame:
        return bm.export_frame(wide, tidy, catalogue, names, lang)

    download_buttons.table_downloads(
        lang,
        stem,
        csv=lambda: exports.to_csv(table(), lang),
        xlsx=lambda: exports.to_excel(
            table(),
            bm.sources_frame(catalogue, refdata.sources(), years, lang),
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


def main() -> None:
    ref = refdata.reference()
    state = viewstate.current_state()
    lang = state.lang
    st.title(t("bench.title", lang))
    inputs.contributed_switch(lang)
    version = refdata.municipal_version(ref, state)
    setup = cache.computed(views.comparison_setup, version, state.year)
    year, years, unit_ids = setup["year"], setup["years"], setup["unit_ids"]
    themes = grouping.theme_options(ref, setup["themes"], years)
    if not themes:
        st.info(t("bench.no_themes", lang, year=year))
        return
    left, right = st.columns([1, 3])
    with left:
        theme = choose_theme(ref, state, themes)
    # the theme's indicators and those it opens with, as on its slide
    options, defaults = comparison_screen.indicators(
        ref, state, {**setup, "version": version}, theme
    )
    with right:
        chosen = choose_indicators(ref, viewstate.current_state(), options, defaults)
    rows = table_rows(ref, state, version, unit_ids)
    st.markdown(
        t(
            "bench.subtitle",
            lang,
            group=naming.group_label(ref, state.grp, lang),
            theme=naming.theme_label(ref, theme, lang),
            year=year,
        )
    )
    if not rows:
        st.info(f"{t('bench.empty', lang)} {t('bench.choose_units', lang)}")
        return
    if not chosen:
        st.info(t("bench.no_indicators", lang))
        return
    # the table of this view, as its slide and the deck's PDF show it
    found = {"version": version, "year": year, "years": years}
    view = comparison_screen.compute(ref, state, found, chosen, rows)
    tidy, wide, names = view["tidy"], view["wide"], view["names"]
    comparison_screen.draw_table(view, ref, state.my, lang)
    notes(ref, tidy, wide, year, lang, state.my in view["order"])
    userdata.practices_beside(chosen, lambda u: naming.unit_label(ref, u, lang), lang)
    downloads(ref, state, tidy, wide, names, version, theme, year)


main()
