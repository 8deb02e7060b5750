"""The comparison view (pages/benchmark.py, its slide, its page of a deck's PDF): the group's
municipalities side by side on the indicators of one theme.

The page draws the full table (value, rank, percentile, gap, change, sparkline; sorts by a
click on a column header); a slide the same rows and indicators as value and rank only, so
the columns stay wide enough for large type (benchlearn.userdata.presentation.compact_table).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from benchlearn import cache, views
from benchlearn.charts import tables
from benchlearn.i18n import t
from benchlearn.logic import benchmark as bm
from benchlearn.logic import flags
from benchlearn.state import ViewState
from benchlearn.ui import grouping, naming, refdata
from benchlearn.userdata.presentation import compact_table

from .look import PAGE, Look


def setup(ref: refdata.Reference, state: ViewState) -> dict:
    """views.comparison_setup for the view's boundaries (units, year, value years, themes),
    with the version and the themes that have data."""
    version = refdata.municipal_version(ref, state)
    found = cache.computed(views.comparison_setup, version, state.year)
    return {
        **found,
        "version": version,
        "theme_options": grouping.theme_options(ref, found["themes"], found["years"]),
    }


def theme_of(ref: refdata.Reference, state: ViewState, themes: list[str]) -> str:
    """The view's theme; else its indicator's; else the first with data (as the page's
    selector opens)."""
    own = ref.catalogue.loc[state.ind, "theme"] if state.ind in ref.catalogue.index else None
    return state.theme if state.theme in themes else (own if own in themes else themes[0])


def indicators(
    ref: refdata.Reference, state: ViewState, found: dict, theme: str
) -> tuple[list, list]:
    """The theme's indicators with a value year and those the table opens with (best
    covered first): (options, defaults)."""
    years = found["years"]
    options = grouping.theme_codes(ref, theme, years)  # a network's indicator set is a theme too
    defaults = cache.computed(
        views.comparison_defaults,
        found["version"],
        tuple((c, years[c]) for c in options),
        tuple(options),
        len(found["unit_ids"]),
        state.ind,
    )
    return options, defaults


def rows_of(
    ref: refdata.Reference, state: ViewState, version: str, unit_ids: list[str]
) -> list[str]:
    """The group's units, my municipality first (if it exists in these boundaries)."""
    rows = list(dict.fromkeys(grouping.group_of(ref, state, version)))
    if state.my and state.my in unit_ids:
        rows = [state.my, *(u for u in rows if u != state.my)]
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
    marks = bm.flags_table(tidy, list(wide.index))
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
        titles=bm.cell_titles(wide, marks, parts, lang),
        marks=bm.cell_marks(wide, marks),
    )


def table_view(
    version: str,
    year: int,
    years: tuple,
    rows: tuple[str, ...],
    my: str | None,
    lang: str,
    aliases: tuple[tuple[str, str], ...] = (),
) -> dict:
    """The table of `rows` x the indicators in `years` (code, value year), and its HTML;
    `aliases` (unit, letter): an anonymised room's names. For cache.computed."""
    ref = refdata.reference()
    observations = views.indicator_observations(version, tuple(code for code, _ in years))
    shown = dict(aliases)
    names = {u: shown.get(u) or naming.unit_label(ref, u, lang) for u in rows}
    tidy = bm.benchmark_table(observations, ref.catalogue, list(rows), dict(years))
    order = bm.order_rows(tidy, list(rows), my, names)  # letters sort as letters
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


def compute(
    ref: refdata.Reference,
    state: ViewState,
    found: dict,
    chosen: list[str],
    rows: list[str],
    look: Look = PAGE,
) -> dict:
    """table_view for the view (cached across sessions), with the room's letters."""
    years = found["years"]
    aliases = look.room.aliases(rows) if look.room.anonymised else ()
    return cache.computed(
        table_view,
        found["version"],
        found["year"],
        tuple((c, years[c]) for c in chosen),
        tuple(rows),
        state.my,
        state.lang,
        aliases,
    )


def compact(view: dict, ref: refdata.Reference, my: str | None, lang: str):
    """The slide's table (a pandas Styler): value (rank) per indicator, band colours."""
    return compact_table(view["tidy"], view["order"], ref.catalogue, view["names"], my, lang)


def draw_table(
    view: dict, ref: refdata.Reference, my: str | None, lang: str, look: Look = PAGE
) -> None:
    """The table: the page's sortable one, or a slide's compact one; then the legend of
    its colours and marks."""
    if look.large:
        st.table(compact(view, ref, my, lang))
    else:
        st.html(view["html"], unsafe_allow_javascript=True)
    st.html(bm.legend_html(lang, mine=my in view["order"]))
    marks = flags.legend(view["tidy"].loc[view["tidy"]["value"].notna(), "flags"], lang)
    if marks:
        st.caption(marks)


def subtitle(
    ref: refdata.Reference, state: ViewState, theme: str, year: int, look: Look = PAGE
) -> str:
    group = look.room.mask(naming.group_label(ref, state.grp, state.lang))
    theme_name = naming.theme_label(ref, theme, state.lang)
    return t("bench.subtitle", state.lang, group=group, theme=theme_name, year=year)


def draw_slide(ref: refdata.Reference, state: ViewState, look: Look) -> list[str]:
    """The comparison slide: the table the page opens with for this view (its theme and
    default indicators), value and rank only."""
    lang = state.lang
    found = setup(ref, state)
    themes = found["theme_options"]
    if not themes:
        st.info(t("bench.no_themes", lang, year=found["year"]))
        return [state.ind]
    theme = theme_of(ref, state, themes)
    _, chosen = indicators(ref, state, found, theme)
    rows = rows_of(ref, state, found["version"], found["unit_ids"])
    st.subheader(subtitle(ref, state, theme, found["year"], look))
    if not rows or not chosen:
        st.info(t("bench.empty", lang))
        return chosen or [state.ind]
    view = compute(ref, state, found, chosen, rows, look)
    draw_table(view, ref, state.my, lang, look)
    st.caption(t("pres.rank_note", lang))
    return chosen
