"""Izpēte: filter the local governments; see them as a table, a scatter of two indicators, a
distribution and small multiples over years; take each view away (CSV, Excel, PNG).

The filters live in the URL (state.ViewState: kind, reg, pmin, pmax, thr, cols, sx, sy, lx,
ly); the comparison group, indicator, year and my municipality come from the sidebar.
Downloads are built only when clicked. Layout only: filtering, tables and texts are in
logic.explore, the charts' frames in logic.explore_frames.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import altair as alt
import pandas as pd
import streamlit as st

from benchlearn import cache, exports, views
from benchlearn.charts import explore as charts
from benchlearn.i18n import md_safe, t, tn
from benchlearn.logic import benchmark as bm
from benchlearn.logic import explore as ex
from benchlearn.logic import explore_frames as ef
from benchlearn.state import MAX_POPULATION, THRESHOLD_OPS, ViewState
from benchlearn.ui import download_buttons, grouping, naming, refdata, viewstate

ROW_PX = 35
MAX_FACETS = 60


@dataclass(frozen=True)
class Page:
    ref: refdata.Reference
    state: ViewState
    lang: str
    version: str
    years: dict[str, int | None]  # indicator -> year shown (None: no data)
    available: list[str]  # indicators with a year to show
    units: pd.DataFrame  # the local governments of the version
    shown: ef.Shown  # values, flags and parts by unit_id (the units and "LV"), names


def prepare() -> Page:
    ref, state = refdata.reference(), viewstate.current_state()
    lang = state.lang
    version = refdata.municipal_version(ref, state)
    units = refdata.units_of(ref, version)
    ids = units["unit_id"].tolist()
    # each indicator's shown year only, derived once across sessions: every view reads it
    tables = cache.computed(views.shown_tables, version, state.year, tuple(ids))
    years = tables["years"]
    codes = ref.catalogue.index
    shown = ef.Shown(
        tables["values"],
        tables["flags"],
        tables["parts"],
        names={u: naming.unit_label(ref, u, lang) for u in [*ids, "LV"]},
        units={c: naming.indicator_unit(ref, c, lang) for c in codes},
        decimals=ref.catalogue["decimals"].astype(int).to_dict(),
        lang=lang,
    )
    available = [c for c in codes if years.get(c) is not None]
    return Page(ref, state, lang, version, years, available, units, shown)


def repair(page: Page) -> list[str]:
    """Keep the explorer's fields valid for these boundaries before its widgets are drawn;
    returns the names of the choices dropped (a kind or region these boundaries lack)."""
    fields, dropped = ex.repair_view(
        viewstate.view(),
        set(page.units["kind"]),
        set(page.units["nuts3_code"]),
        page.available,
        page.state.ind,
        {c: label(page, c) for c in page.ref.catalogue.index},
        page.lang,
    )
    for field, value in fields.items():
        viewstate.set_view(field, value)
    return dropped


def label(page: Page, code: str) -> str:
    return naming.indicator_label(page.ref, code, page.lang)


def unit_of(page: Page, code: str) -> str:
    return page.shown.units[code]


def axis_title(page: Page, code: str) -> str:
    return ef.axis_title(label(page, code), unit_of(page, code), page.years[code])


# --- the filter builder -------------------------------------------------------------------


def add_threshold(page: Page) -> None:
    """Callback of 'Add': the new threshold goes into the URL state."""
    ss = st.session_state
    current = list(viewstate.view().get("thr", []))
    chosen, error = ex.add_threshold(
        current, ss.get("ex_thr_code"), ss.get("ex_thr_op"), ss.get("ex_thr_value"), page.lang
    )
    if chosen != current:
        viewstate.set_view("thr", chosen)
    ss["ex_thr_error"] = error


def clear_filters() -> None:
    for field, empty in (("kind", []), ("reg", []), ("pmin", None), ("pmax", None), ("thr", [])):
        viewstate.set_view(field, empty)


def labels_for(page: Page, plain: bool = False) -> ex.Labels:
    """Names for the filter steps: markdown for the page, `plain` for the downloads."""
    return ex.Labels(
        group=naming.group_label(page.ref, page.state.grp, page.lang, plain=plain),
        kinds=ex.kind_names(page.units, page.lang),
        regions=ex.region_names(page.units, page.lang),
        indicators={c: label(page, c) for c in page.ref.catalogue.index},
        units=page.shown.units,
    )


def filter_builder(page: Page) -> None:
    lang, labels = page.lang, labels_for(page)
    kinds, regions = labels.kinds, labels.regions
    population = ex.population_code(page.years)
    with st.container(border=True):
        st.markdown(f"**{t('explore.filters', lang)}**")
        st.caption(t("explore.group_note", lang, group=labels.group))
        left, middle, right, far = st.columns([2, 2, 1, 1])
        left.multiselect(
            t("explore.kind", lang),
            list(kinds),
            **viewstate.bound("kind"),
            format_func=kinds.get,
            placeholder=t("explore.all", lang),
        )
        middle.multiselect(
            t("explore.region", lang),
            list(regions),
            **viewstate.bound("reg"),
            format_func=regions.get,
            placeholder=t("explore.all", lang),
        )
        help_text = (
            t(
                "explore.population_help",
                lang,
                name=label(page, population),
                year=page.years[population],
            )
            if population
            else t("explore.population_none", lang)
        )
        for column, field in ((right, "pmin"), (far, "pmax")):
            column.number_input(
                t(f"explore.{field}", lang),
                min_value=0,
                max_value=MAX_POPULATION,
                step=1000,
                value=None,
                placeholder=t("explore.any", lang),
                help=help_text,
                disabled=population is None,
                **viewstate.bound(field),
            )
        threshold_row(page)
        st.multiselect(
            t("explore.thresholds", lang),
            list(page.state.thr),
            **viewstate.bound("thr"),
            format_func=lambda x: ex.threshold_label(x, page.available, labels, lang),
            placeholder=t("explore.no_thresholds", lang),
            help=t("explore.thresholds_help", lang),
        )
        # room for "Notīrīt filtrus" at 1280 px
        cols, clear = st.columns([4, 1.3], vertical_alignment="bottom")
        cols.multiselect(
            t("explore.columns", lang),
            page.available,
            **viewstate.bound("cols"),
            max_selections=8,
            format_func=lambda c: label(page, c),
            placeholder=t("explore.columns_placeholder", lang),
        )
        clear.button(
            t("explore.clear", lang),
            on_click=clear_filters,
            icon=":material/filter_alt_off:",
            key="ex_clear",
            width="stretch",
        )


def threshold_row(page: Page) -> None:
    """Indicator, comparison and number, then 'Add' (plain widgets: the URL keeps the list)."""
    lang = page.lang
    symbols = {op: ex.OPS[op][1] for op in THRESHOLD_OPS}
    # the last column leaves room for "Pievienot" at 1280 px
    code_col, op_col, value_col, add_col = st.columns([3.5, 1, 2, 1.5], vertical_alignment="bottom")
    code = code_col.selectbox(
        t("explore.threshold_indicator", lang),
        page.available,
        key="ex_thr_code",
        format_func=lambda c: f"{label(page, c)}, {unit_of(page, c)}",
    )
    op_col.selectbox(
        t("explore.threshold_op", lang),
        list(THRESHOLD_OPS),
        key="ex_thr_op",
        format_func=symbols.get,
    )
    value_col.number_input(
        t("explore.threshold_value", lang, unit=unit_of(page, code) if code else ""),
        value=None,
        key="ex_thr_value",
        placeholder=t("explore.threshold_placeholder", lang),
        format="%g",
    )
    add_col.button(
        t("explore.add", lang),
        on_click=add_threshold,
        args=(page,),
        icon=":material/add:",
        key="ex_thr_add",
        width="stretch",
    )
    if st.session_state.get("ex_thr_error"):
        st.warning(st.session_state["ex_thr_error"])


def current_filters(page: Page) -> ex.Filters:
    state = page.state
    return ex.Filters(
        group=None if state.grp == "all" else grouping.group_of(page.ref, state, page.version),
        kinds=state.kind,
        regions=state.reg,
        population=ex.population_code(page.years),
        pmin=state.pmin,
        pmax=state.pmax,
        thresholds=ex.thresholds(state.thr, page.available),
    )


def show_steps(page: Page, filters: ex.Filters, steps: list[ex.Step], shown: int) -> None:
    """What each filter left, and which units fell out only for lack of data."""
    lang, labels = page.lang, labels_for(page)
    st.caption(ex.steps_line(len(page.units), steps, filters, labels, lang))
    for note in ex.no_data_notes(steps, filters, labels, page.shown.names, lang):
        st.caption(note)
    if ex.range_reversed(page.state.pmin, page.state.pmax):
        st.warning(t("explore.range_reversed", lang))
    if not shown:
        st.info(t("explore.none_left", lang), icon=":material/filter_alt_off:")


# --- the table ---------------------------------------------------------------------------


def show_table(page: Page, filters: ex.Filters, steps: list[ex.Step], order: list[str]) -> None:
    lang, catalogue, state, shown = page.lang, page.ref.catalogue, page.state, page.shown
    codes = ex.shown_columns(
        page.years, page.available, state.ind, state.sx, state.sy, state.thr, state.cols
    )
    labels = labels_for(page)
    info = ex.unit_info(page.units, shown.names, labels.kinds, labels.regions)
    frame = ex.table_frame(order, info, shown.values.loc[order], codes, page.years, catalogue, lang)
    my_row = 0 if state.my in order else None
    st.subheader(t("explore.table", lang, n=len(order)))
    st.dataframe(
        ex.styled_table(frame, codes, shown.flags.loc[order], shown.decimals, my_row, lang),
        hide_index=True,
        height=min(520, (len(order) + 1) * ROW_PX + 3),
        row_height=ROW_PX,
        placeholder=t("no_data", lang),
        column_config={
            t("municipality", lang): st.column_config.TextColumn(pinned=True, width="medium")
        },
        key="ex_table",
    )
    if note := ex.table_note(shown.flags.loc[order, codes], my_row is not None, lang):
        st.caption(note)
    download = ex.with_status(frame, codes, shown.flags.loc[order], shown.parts.loc[order], lang)
    sources = bm.sources_frame(
        catalogue, refdata.sources(), {c: int(page.years[c]) for c in codes}, lang
    )
    notes = ex.download_notes(
        state.year,
        page.ref.versions.set_index("version").loc[page.version, f"label_{lang}"],
        steps,
        filters,
        labels_for(page, plain=True),
        len(page.units),
        download_buttons.build_date(lang),
        dt.date.today(),
        lang,
    )
    stem = f"{t('explore.file', lang)}_{state.year}"
    download_buttons.table_downloads(
        lang,
        stem,
        csv=lambda: exports.to_csv(download, lang),
        xlsx=lambda: exports.to_excel(
            download,
            sources,
            notes,
            sheet=t("explore.sheet", lang),
            sources_sheet=t("bench.sheet_sources", lang),
            number_formats=ex.number_formats(codes, catalogue, status=True),
            bold_rows=[my_row] if my_row is not None else [],
        ),
        help_text=t("explore.download_help", lang),
        key="ex",
    )


# --- charts -------------------------------------------------------------------------------


def sources_lines(page: Page, codes: list[str]) -> list[str]:
    sources = refdata.sources()
    return list(
        dict.fromkeys(naming.source_caption(page.ref, c, page.lang, sources) for c in codes)
    )


def chart_downloads(
    page: Page,
    chart: alt.TopLevelMixin,
    data: pd.DataFrame,
    title: str,
    subtitle: list[str],
    name: str,
    width: int | None = 760,
) -> None:
    """PNG of the chart (with title and sources) and CSV of the numbers behind it."""
    stem = f"{t('explore.file', page.lang)}_{name}_{page.state.year}"
    lang = page.lang
    left, right, _ = st.columns([1, 1, 3])
    left.download_button(
        t("explore.png", lang),
        data=download_buttons.on_click(
            lambda: exports.chart_png(
                charts.finish(charts.titled(chart, title, subtitle, width), lang).to_dict()
            ),
            lang,
        ),
        file_name=f"{stem}.png",
        mime="image/png",
        icon=":material/image:",
        key=f"ex_{name}_png",
        on_click="ignore",
    )
    right.download_button(
        t("bench.download_csv", lang),
        data=download_buttons.on_click(lambda: exports.to_csv(data, lang), lang),
        file_name=f"{stem}.csv",
        mime="text/csv",
        icon=":material/download:",
        key=f"ex_{name}_csv",
        on_click="ignore",
    )


def pick_units() -> None:
    """A click on the scatter selects units: they become the compared municipalities."""
    local = refdata.reference().local.index
    chosen = ef.picked_units(st.session_state.get("ex_scatter"), charts.PICK, set(local))
    if chosen:
        viewstate.set_view("cmp", chosen)


def show_scatter(page: Page, order: list[str]) -> None:
    lang, state = page.lang, page.state
    st.subheader(t("explore.scatter", lang))
    x_col, y_col, log_col = st.columns([3, 3, 2], vertical_alignment="bottom")

    def fmt(code: str) -> str:
        return f"{label(page, code)} ({page.years[code]})"

    x_col.selectbox(t("explore.x", lang), page.available, **viewstate.bound("sx"), format_func=fmt)
    y_col.selectbox(t("explore.y", lang), page.available, **viewstate.bound("sy"), format_func=fmt)
    log_col.checkbox(t("explore.log_x", lang), **viewstate.bound("lx"))
    log_col.checkbox(t("explore.log_y", lang), **viewstate.bound("ly"))
    x, y = state.sx, state.sy
    points, left_out = ef.scatter_points(
        page.shown, order, x, y, state.lx, state.ly, state.my, state.cmp
    )
    if points.empty:
        st.info(t("explore.scatter_empty", lang))
        return
    fit = ex.fit_line(points["x"], points["y"], state.lx, state.ly)
    line = ex.fit_points(fit, points["x"].min(), points["x"].max()) if fit else None
    latvia, latvia_note = ef.latvia_point(page.shown, x, y, points)
    x_title, y_title = axis_title(page, x), axis_title(page, y)
    legend = {
        "my": t("sel.my", lang),
        "picked": t("sel.compare", lang),
        "unit": t("explore.other_units", lang),
        "name": t("municipality", lang),
    }
    chart = charts.scatter(points, line, latvia, x_title, y_title, legend, state.lx, state.ly)
    st.altair_chart(
        charts.finish(chart, lang),
        on_select=pick_units,
        selection_mode=charts.PICK,
        key="ex_scatter",
        width="stretch",
    )
    equation = ex.equation(fit, lang) if fit else None
    fit_text = equation or t("explore.no_fit", lang)
    st.markdown(f"**{t('explore.fit', lang)}:** " + fit_text.replace("*", "\\*"))
    st.caption(ef.scatter_notes(latvia_note, left_out, state.lx or state.ly, lang))
    if state.cmp:
        st.button(
            t("explore.clear_pick", lang),
            on_click=viewstate.set_view,
            args=("cmp", []),
            key="ex_clear_pick",
            icon=":material/deselect:",
        )
    data = ef.scatter_download(points, page.shown, x, y, x_title, y_title)
    subtitle = [ef.points_line(len(points), equation, lang), *sources_lines(page, [x, y])]
    title = t("explore.png_scatter", lang, y=label(page, y), x=label(page, x))
    chart_downloads(page, chart, data, title, subtitle, "scatter")


def show_distribution(page: Page, order: list[str]) -> None:
    lang, state, code, shown = page.lang, page.state, page.state.ind, page.shown
    st.subheader(t("explore.distribution", lang, name=label(page, code)))
    dots = ef.distribution_dots(shown, order, code, state.my)
    stats = ex.box_stats(dots["value"])
    if page.years.get(code) is None or stats is None:
        st.info(t("explore.no_values", lang, name=label(page, code)))
        return
    unit = f"{unit_of(page, code)} ({int(page.years[code])})"
    latvia = ef.latvia_value(shown, code, dots["value"])
    chart = charts.distribution(
        dots, stats, unit, latvia, t("latvia", lang), t("municipality", lang), t("value", lang)
    )
    st.altair_chart(charts.finish(chart, lang), width="stretch", key="ex_distribution")
    summary = ef.box_summary(shown, code, stats)
    st.caption(f"{summary} {t('explore.box_note', lang)}")
    if mine := ef.my_value_note(shown, code, state.my, dots):
        st.caption(mine)
    data = ef.distribution_download(dots, shown, code, f"{label(page, code)}, {unit}")
    subtitle = [summary, *sources_lines(page, [code])]
    chart_downloads(page, chart, data, label(page, code), subtitle, "distribution")


def show_multiples(page: Page, order: list[str]) -> None:
    lang, state, code, shown = page.lang, page.state, page.state.ind, page.shown
    st.subheader(t("explore.multiples", lang, name=label(page, code)))
    facets = order[:MAX_FACETS]
    history = views.indicator_observations(page.version, (code,))  # every year, one indicator
    series = ef.series_until(history, facets, code, shown.names, state.year)
    if not ef.enough_years(series):
        st.info(t("explore.one_year", lang, name=label(page, code)))
        return
    series, with_data = ef.multiples_frame(series, shown, code, facets, state.my)
    shared = st.toggle(t("explore.shared_scale", lang), value=True, key="ex_shared")
    chart = charts.small_multiples(
        series,
        [shown.name(u) for u in with_data],
        t("municipality", lang),
        t("sel.year", lang),
        t("value", lang),
        shared_scale=shared,
    )
    st.altair_chart(charts.finish(chart, lang), key="ex_multiples")
    missing = [shown.name(u) for u in facets if u not in with_data]
    st.caption(ef.multiples_notes(unit_of(page, code), missing, len(order), MAX_FACETS, lang))
    data = ef.multiples_download(series, with_data, shown)
    subtitle = [
        f"{unit_of(page, code)} · {tn('explore.start', len(with_data), lang)}",
        *sources_lines(page, [code]),
    ]
    chart_downloads(page, chart, data, label(page, code), subtitle, "years", width=None)


def main() -> None:
    page = prepare()
    lang = page.lang
    st.title(t("explore.title", lang))
    st.caption(md_safe(t("explore.intro", lang, year=page.state.year)))
    if not page.available:
        st.info(t("bench.no_themes", lang, year=page.state.year))
        return
    dropped = repair(page)
    page = replace(page, state=viewstate.current_state())  # repair may have set the scatter axes
    if dropped:
        st.info(t("explore.not_here", lang, names=", ".join(dropped)), icon=":material/info:")
    filter_builder(page)
    filters = current_filters(page)
    passed, steps = ex.apply_filters(page.units, page.shown.values, filters)
    show_steps(page, filters, steps, len(passed))
    if not passed:
        return
    order = ex.order_units(passed, page.shown.names, page.state.my)
    show_table(page, filters, steps, order)
    show_scatter(page, order)
    show_distribution(page, order)
    show_multiples(page, order)


main()
