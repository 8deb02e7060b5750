"""Izpēte: filter the local governments; see them as a table, a scatter of two indicators, a
distribution and small multiples over years; take each view away (CSV, Excel, PNG).

The filters live in the URL (state.ViewState: kind, reg, pmin, pmax, thr, cols, sx, sy, lx,
ly); the comparison group, indicator, year and my municipality come from the sidebar.
Downloads are built only when clicked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import altair as alt
import pandas as pd
import streamlit as st

from benchlearn import cache, exports, ui, views
from benchlearn.charts import explore as charts
from benchlearn.i18n import format_number, format_value, md_safe, t
from benchlearn.logic import benchmark as bm
from benchlearn.logic import explore as ex
from benchlearn.logic import flags
from benchlearn.state import MAX_POPULATION, MAX_THRESHOLDS, THRESHOLD_OPS, threshold_text

ROW_PX = 35
MAX_FACETS = 60


@dataclass(frozen=True)
class Page:
    ref: ui.Reference
    state: ui.ViewState
    lang: str
    version: str
    years: dict[str, int | None]  # indicator -> year shown (None: no data)
    available: list[str]  # indicators with a year to show
    units: pd.DataFrame  # the local governments of the version
    names: dict[str, str]
    values: pd.DataFrame  # by unit_id (the units and "LV"), one column per indicator
    flags: pd.DataFrame  # the same shape: each value's flags (benchlearn.logic.flags)
    parts: pd.DataFrame  # the same shape: what a constructed value was summed from


def prepare() -> Page:
    ref, state = ui.reference(), ui.current_state()
    version = ui.municipal_version(ref, state)
    units = ui.units_of(ref, version)
    ids = units["unit_id"].tolist()
    # each indicator's shown year only, derived once across sessions: every view reads it
    shown = cache.computed(views.shown_tables, version, state.year, tuple(ids))
    years = shown["years"]
    available = [c for c in ref.catalogue.index if years.get(c) is not None]
    names = {u: ui.unit_label(ref, u, state.lang) for u in [*ids, "LV"]}
    return Page(
        ref,
        state,
        state.lang,
        version,
        years,
        available,
        units,
        names,
        shown["values"],
        shown["flags"],
        shown["parts"],
    )


def repair(page: Page) -> list[str]:
    """Keep the explorer's fields valid for these boundaries before its widgets are drawn;
    returns the names of the choices dropped (a kind or region these boundaries lack)."""
    view, kinds, regions = ui.view(), set(page.units["kind"]), set(page.units["nuts3_code"])
    dropped = [t(f"kind.{k}", page.lang) for k in view.get("kind", []) if k not in kinds]
    dropped += [r for r in view.get("reg", []) if r not in regions]
    dropped += [label(page, c) for c in view.get("cols", []) if c not in page.available]
    ui.set_view("kind", [k for k in view.get("kind", []) if k in kinds])
    ui.set_view("reg", [r for r in view.get("reg", []) if r in regions])
    ui.set_view("cols", [c for c in view.get("cols", []) if c in page.available])
    x, y = ex.default_axes(page.state.ind, page.available)
    if view.get("sy") not in page.available:
        ui.set_view("sy", y)
    if view.get("sx") not in page.available:
        ui.set_view("sx", x if x != ui.view()["sy"] else y)
    return dropped


def label(page: Page, code: str) -> str:
    return ui.indicator_label(page.ref, code, page.lang)


def unit_of(page: Page, code: str) -> str:
    return ui.indicator_unit(page.ref, code, page.lang)


def text_of(page: Page, code: str, value: float) -> str:
    decimals = int(page.ref.catalogue.loc[code, "decimals"])
    return format_value(value, unit_of(page, code), decimals, page.lang)


def marked_text(page: Page, code: str, unit: str) -> str:
    """A unit's value of `code` with its unit of measure and mark: '1 234 km Σ'."""
    return flags.marked(
        text_of(page, code, page.values.loc[unit, code]), page.flags.loc[unit, code]
    )


def region_names(page: Page) -> dict[str, str]:
    codes = sorted(c for c in page.units["nuts3_code"].dropna().unique())
    return {c: t(f"profile.region.{c}", page.lang) for c in codes}


def kind_names(page: Page) -> dict[str, str]:
    return {k: t(f"kind.{k}", page.lang) for k in dict.fromkeys(page.units["kind"])}


# --- the filter builder -------------------------------------------------------------------


def add_threshold(page: Page) -> None:
    """Callback of 'Add': the new threshold goes into the URL state."""
    ss = st.session_state
    code, op, value = ss.get("ex_thr_code"), ss.get("ex_thr_op"), ss.get("ex_thr_value")
    if code is None or op is None or value is None:
        ss["ex_thr_error"] = t("explore.threshold_incomplete", page.lang)
        return
    current = list(ui.view().get("thr", []))
    if len(current) >= MAX_THRESHOLDS:
        ss["ex_thr_error"] = t("explore.threshold_max", page.lang, n=MAX_THRESHOLDS)
        return
    text = threshold_text(code, op, float(value))
    if text not in current:
        ui.set_view("thr", [*current, text])
    ss["ex_thr_error"] = None


def clear_filters() -> None:
    for field, empty in (("kind", []), ("reg", []), ("pmin", None), ("pmax", None), ("thr", [])):
        ui.set_view(field, empty)


def labels_for(page: Page, plain: bool = False) -> ex.Labels:
    """Names for the filter steps: markdown for the page, `plain` for the downloads."""
    return ex.Labels(
        group=ui.group_label(page.ref, page.state.grp, page.lang, plain=plain),
        kinds=kind_names(page),
        regions=region_names(page),
        indicators={c: label(page, c) for c in page.ref.catalogue.index},
        units={c: unit_of(page, c) for c in page.ref.catalogue.index},
    )


def threshold_label(page: Page, text: str) -> str:
    found = ex.thresholds([text], page.available)
    if not found:
        return text
    step = ex.Step("threshold", 0, 0, threshold=found[0])
    return ex.step_text(step, ex.Filters(), labels_for(page), page.lang)


def filter_builder(page: Page) -> None:
    lang, kinds, regions = page.lang, kind_names(page), region_names(page)
    population = ex.population_code(page.years)
    with st.container(border=True):
        st.markdown(f"**{t('explore.filters', lang)}**")
        st.caption(
            t("explore.group_note", lang, group=ui.group_label(page.ref, page.state.grp, lang))
        )
        left, middle, right, far = st.columns([2, 2, 1, 1])
        left.multiselect(
            t("explore.kind", lang),
            list(kinds),
            **ui.bound("kind"),
            format_func=kinds.get,
            placeholder=t("explore.all", lang),
        )
        middle.multiselect(
            t("explore.region", lang),
            list(regions),
            **ui.bound("reg"),
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
                **ui.bound(field),
            )
        threshold_row(page)
        st.multiselect(
            t("explore.thresholds", lang),
            list(page.state.thr),
            **ui.bound("thr"),
            format_func=lambda x: threshold_label(page, x),
            placeholder=t("explore.no_thresholds", lang),
            help=t("explore.thresholds_help", lang),
        )
        # room for "Notīrīt filtrus" at 1280 px
        cols, clear = st.columns([4, 1.3], vertical_alignment="bottom")
        cols.multiselect(
            t("explore.columns", lang),
            page.available,
            **ui.bound("cols"),
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
        group=None if state.grp == "all" else ui.group_of(page.ref, state, page.version),
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
    parts = [t("explore.start", lang, n=len(page.units))]
    parts += [f"{ex.step_text(s, filters, labels, lang)} ({s.kept})" for s in steps]
    st.caption(" → ".join(parts))
    for step in steps:
        if step.no_data:
            names = ", ".join(page.names.get(u, u) for u in step.no_data)
            st.caption(
                t(
                    "explore.no_data_out",
                    lang,
                    what=ex.step_text(step, filters, labels, lang),
                    names=names,
                )
            )
    if (
        page.state.pmin is not None
        and page.state.pmax is not None
        and page.state.pmin > page.state.pmax
    ):
        st.warning(t("explore.range_reversed", lang))
    if not shown:
        st.info(t("explore.none_left", lang), icon=":material/filter_alt_off:")


# --- the table ---------------------------------------------------------------------------


def table_codes(page: Page) -> list[str]:
    state = page.state
    population = ex.population_code(page.years)
    return ex.table_columns(
        [population],
        [state.ind, state.sx, state.sy],
        [th.code for th in ex.thresholds(state.thr, page.available)],
        state.cols,
        available=page.years,
    )


def number_text(value: object, decimals: int, lang: str, mark: str = "") -> str:
    text = format_number(None if pd.isna(value) else float(value), decimals, lang)
    return f"{text}{flags.NBSP}{mark}" if mark and text != "–" else text


def styled(page: Page, frame: pd.DataFrame, codes: list[str], my_row: int | None, order: list[str]):
    """Numbers in the UI language, each value with its mark (Σ ≈ ?), my municipality tinted;
    the cells stay numbers, so the columns still sort as numbers."""
    lang, catalogue = page.lang, page.ref.catalogue
    styler = frame.style
    for header, code in zip(frame.columns[3:], codes, strict=True):
        decimals = int(catalogue.loc[code, "decimals"])
        styler = styler.format(lambda v, d=decimals: number_text(v, d, lang), subset=[header])
        marks = [flags.mark(f) for f in page.flags.loc[order, code]]
        for sign in dict.fromkeys(m for m in marks if m):  # one call per mark, not per cell
            rows = [i for i, m in enumerate(marks) if m == sign]
            styler = styler.format(
                lambda v, d=decimals, m=sign: number_text(v, d, lang, m),
                subset=pd.IndexSlice[rows, [header]],
            )
    if my_row is not None:
        tint = f"background-color: {bm.MY_TINT}; font-weight: bold"
        styler = styler.apply(lambda row: [tint if row.name == my_row else "" for _ in row], axis=1)
    return styler


def show_table(page: Page, filters: ex.Filters, steps: list[ex.Step], order: list[str]) -> None:
    lang, catalogue = page.lang, page.ref.catalogue
    codes = table_codes(page)
    values = page.values.loc[order]
    info = ex.unit_info(page.units, page.names, kind_names(page), region_names(page))
    frame = ex.table_frame(order, info, values, codes, page.years, catalogue, lang)
    my_row = 0 if page.state.my in order else None
    st.subheader(t("explore.table", lang, n=len(order)))
    st.dataframe(
        styled(page, frame, codes, my_row, order),
        hide_index=True,
        height=min(520, (len(order) + 1) * ROW_PX + 3),
        row_height=ROW_PX,
        placeholder=t("no_data", lang),
        column_config={
            t("municipality", lang): st.column_config.TextColumn(pinned=True, width="medium")
        },
        key="ex_table",
    )
    marks = flags.legend(page.flags.loc[order, codes].to_numpy().ravel(), lang)
    if my_row is not None or marks:
        st.caption(
            " ".join(
                [*([t("explore.my_first", lang)] if my_row is not None else []), marks]
            ).strip()
        )
    download = ex.with_status(frame, codes, page.flags.loc[order], page.parts.loc[order], lang)
    sources = bm.sources_frame(
        catalogue, ui.sources(), {c: int(page.years[c]) for c in codes}, lang
    )
    versions = page.ref.versions.set_index("version")
    notes = [
        (t("sel.year", lang), str(page.state.year)),
        (t("sel.version", lang), versions.loc[page.version, f"label_{lang}"]),
        *ex.filter_notes(steps, filters, labels_for(page, plain=True), len(page.units), lang),
        (t("bench.built", lang), ui.build_date(lang)),
        (
            t("explore.downloaded", lang),
            dt.date.today().strftime("%Y-%m-%d" if lang == "en" else "%d.%m.%Y."),
        ),
    ]
    stem = f"{t('explore.file', lang)}_{page.state.year}"
    ui.table_downloads(
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
    sources = ui.sources()
    return list(dict.fromkeys(ui.source_caption(page.ref, c, page.lang, sources) for c in codes))


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
        data=ui.on_click(
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
        data=ui.on_click(lambda: exports.to_csv(data, lang), lang),
        file_name=f"{stem}.csv",
        mime="text/csv",
        icon=":material/download:",
        key=f"ex_{name}_csv",
        on_click="ignore",
    )


def pick_units() -> None:
    """A click on the scatter selects units: they become the compared municipalities."""
    event = st.session_state.get("ex_scatter") or {}
    picked = (event.get("selection") or {}).get(charts.PICK) or []
    ids = [p.get("unit_id") for p in picked if isinstance(p, dict)]
    local = set(ui.reference().local.index)
    chosen = [u for u in dict.fromkeys(ids) if u in local][:12]
    if chosen:
        ui.set_view("cmp", chosen)


def status_of(page: Page, unit_ids: pd.Series, code: str) -> list[str]:
    """The status in words of each unit's value of `code` (for a chart's CSV)."""
    ids = list(unit_ids)
    return flags.statuses(
        page.flags.loc[ids, code], page.parts.loc[ids, code], page.lang, [True] * len(ids)
    )


def scatter_frame(page: Page, order: list[str], x: str, y: str) -> tuple[pd.DataFrame, list[str]]:
    """Plottable points (and the names of units left out), with display text."""
    state = page.state
    xs, ys = page.values.loc[order, x], page.values.loc[order, y]
    mask = ex.plottable(xs, ys, state.lx, state.ly)
    ids = [u for u in order if mask[u]]
    role = ["my" if u == state.my else "picked" if u in state.cmp else "unit" for u in ids]
    frame = pd.DataFrame(
        {
            "unit_id": ids,
            "name": [page.names[u] for u in ids],
            "x": xs[ids].to_numpy(),
            "y": ys[ids].to_numpy(),
            "x_text": [marked_text(page, x, u) for u in ids],
            "y_text": [marked_text(page, y, u) for u in ids],
            "role": role,
        }
    )
    frame["label"] = [n if r != "unit" else "" for n, r in zip(frame["name"], role, strict=True)]
    return frame, [page.names[u] for u in order if not mask[u]]


def latvia_point(
    page: Page, x: str, y: str, points: pd.DataFrame
) -> tuple[pd.DataFrame | None, str]:
    lx, ly = page.values.loc["LV", x], page.values.loc["LV", y]
    if pd.isna(lx) or pd.isna(ly):
        return None, t("explore.latvia_missing", page.lang)
    if not (ex.near_range(lx, points["x"]) and ex.near_range(ly, points["y"])):
        return None, t("explore.latvia_off", page.lang)
    frame = pd.DataFrame(
        [
            {
                "x": lx,
                "y": ly,
                "name": t("latvia", page.lang),
                "x_text": text_of(page, x, lx),
                "y_text": text_of(page, y, ly),
            }
        ]
    )
    return frame, ""


def show_scatter(page: Page, order: list[str]) -> None:
    lang, state = page.lang, page.state
    st.subheader(t("explore.scatter", lang))
    x_col, y_col, log_col = st.columns([3, 3, 2], vertical_alignment="bottom")

    def fmt(code: str) -> str:
        return f"{label(page, code)} ({page.years[code]})"

    x_col.selectbox(t("explore.x", lang), page.available, **ui.bound("sx"), format_func=fmt)
    y_col.selectbox(t("explore.y", lang), page.available, **ui.bound("sy"), format_func=fmt)
    log_col.checkbox(t("explore.log_x", lang), **ui.bound("lx"))
    log_col.checkbox(t("explore.log_y", lang), **ui.bound("ly"))
    x, y = state.sx, state.sy
    points, left_out = scatter_frame(page, order, x, y)
    if points.empty:
        st.info(t("explore.scatter_empty", lang))
        return
    fit = ex.fit_line(points["x"], points["y"], state.lx, state.ly)
    line = ex.fit_points(fit, points["x"].min(), points["x"].max()) if fit else None
    latvia, latvia_note = latvia_point(page, x, y, points)
    x_title = f"{label(page, x)}, {unit_of(page, x)} ({page.years[x]})"
    y_title = f"{label(page, y)}, {unit_of(page, y)} ({page.years[y]})"
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
    notes = [ex.equation(fit, lang) if fit else t("explore.no_fit", lang)]
    st.markdown(f"**{t('explore.fit', lang)}:** " + notes[0].replace("*", "\\*"))
    captions = [t("explore.scatter_hint", lang), t("explore.fit_note", lang)]
    if latvia_note:
        captions.append(latvia_note)
    if left_out:
        key = "explore.left_out_log" if state.lx or state.ly else "explore.left_out"
        captions.append(t(key, lang, n=len(left_out), names=", ".join(left_out)))
    st.caption(" ".join(captions))
    if state.cmp:
        st.button(
            t("explore.clear_pick", lang),
            on_click=ui.set_view,
            args=("cmp", []),
            key="ex_clear_pick",
            icon=":material/deselect:",
        )
    data = points[["name", "x", "y"]].rename(
        columns={"name": t("municipality", lang), "x": x_title, "y": y_title}
    )
    for column, code in ((x_title, x), (y_title, y)):  # the status after each number
        status = status_of(page, points["unit_id"], code)
        data.insert(
            data.columns.get_loc(column) + 1, t("flags.column_of", lang, name=column), status
        )
    subtitle = [
        " · ".join([t("explore.start", lang, n=len(points)), *([notes[0]] if fit else [])]),
        *sources_lines(page, [x, y]),
    ]
    title = t("explore.png_scatter", lang, y=label(page, y), x=label(page, x))
    chart_downloads(page, chart, data, title, subtitle, "scatter")


def show_distribution(page: Page, order: list[str]) -> None:
    lang, state, code = page.lang, page.state, page.state.ind
    st.subheader(t("explore.distribution", lang, name=label(page, code)))
    if page.years.get(code) is None:
        st.info(t("explore.no_values", lang, name=label(page, code)))
        return
    year = int(page.years[code])
    values = page.values.loc[order, code].dropna()
    stats = ex.box_stats(values)
    if stats is None:
        st.info(t("explore.no_values", lang, name=label(page, code)))
        return
    ids = values.index.tolist()
    dots = pd.DataFrame(
        {
            "unit_id": ids,
            "name": [page.names[u] for u in ids],
            "value": values.to_numpy(),
            "value_text": [marked_text(page, code, u) for u in ids],
            "jitter": ex.jitter(ids),
            "role": ["my" if u == state.my else "unit" for u in ids],
            "label": [page.names[u] if u == state.my else "" for u in ids],
        }
    )
    country = page.values.loc["LV", code]
    latvia = float(country) if ex.near_range(country, values) else None
    unit = f"{unit_of(page, code)} ({year})"
    chart = charts.distribution(
        dots, stats, unit, latvia, t("latvia", lang), t("municipality", lang), t("value", lang)
    )
    st.altair_chart(charts.finish(chart, lang), width="stretch", key="ex_distribution")
    summary = t(
        "explore.box_summary",
        lang,
        median=text_of(page, code, stats.median),
        q1=format_number(stats.q1, int(page.ref.catalogue.loc[code, "decimals"]), lang),
        q3=text_of(page, code, stats.q3),
        low=text_of(page, code, stats.low),
        high=text_of(page, code, stats.high),
        n=stats.n,
    )
    st.caption(f"{summary} {t('explore.box_note', lang)}")
    if state.my and state.my in ids:
        st.caption(
            t(
                "explore.my_value",
                lang,
                name=page.names[state.my],
                value=text_of(page, code, values[state.my]),
            )
        )
    data = dots[["name", "value"]].rename(
        columns={"name": t("municipality", lang), "value": f"{label(page, code)}, {unit}"}
    )
    data[t("flags.column", lang)] = status_of(page, dots["unit_id"], code)
    subtitle = [summary, *sources_lines(page, [code])]
    chart_downloads(page, chart, data, label(page, code), subtitle, "distribution")


def show_multiples(page: Page, order: list[str]) -> None:
    lang, state, code = page.lang, page.state, page.state.ind
    st.subheader(t("explore.multiples", lang, name=label(page, code)))
    shown = order[:MAX_FACETS]
    history = views.indicator_observations(page.version, (code,))  # every year, one indicator
    series = ex.series_frame(history, shown, code, page.names)
    series = (
        series[series["year"] <= (state.year or series["year"].max())]
        if not series.empty
        else series
    )
    if series.empty or series["year"].nunique() < 2:
        st.info(t("explore.one_year", lang, name=label(page, code)))
        return
    decimals = int(page.ref.catalogue.loc[code, "decimals"])
    series = series.assign(
        value_text=[
            flags.marked(format_value(v, unit_of(page, code), decimals, lang), f)
            for v, f in zip(series["value"], series["flags"], strict=True)
        ],
        role=["my" if u == state.my else "unit" for u in series["unit_id"]],
    )
    with_data = [u for u in shown if series.loc[series["unit_id"] == u, "value"].notna().any()]
    series = series[series["unit_id"].isin(with_data)]
    shared = st.toggle(t("explore.shared_scale", lang), value=True, key="ex_shared")
    chart = charts.small_multiples(
        series,
        [page.names[u] for u in with_data],
        t("municipality", lang),
        t("sel.year", lang),
        t("value", lang),
        shared_scale=shared,
    )
    st.altair_chart(charts.finish(chart, lang), key="ex_multiples")
    notes = [t("explore.multiples_note", lang, unit=unit_of(page, code))]
    missing = [page.names[u] for u in shown if u not in with_data]
    if missing:
        notes.append(t("explore.no_series", lang, names=", ".join(missing)))
    if len(order) > MAX_FACETS:
        notes.append(t("explore.facets_cut", lang, n=MAX_FACETS, total=len(order)))
    st.caption(" ".join(notes))
    wide = series.pivot_table(
        index="name", columns="year", values="value", aggfunc="first", sort=False
    )
    data = wide.reindex([page.names[u] for u in with_data]).reset_index()
    data.columns = [t("municipality", lang), *(str(c) for c in data.columns[1:])]
    by_unit = ex.status_by_unit(series, lang)
    data[t("flags.column", lang)] = [by_unit.get(u, "") for u in with_data]
    subtitle = [
        f"{unit_of(page, code)} · {t('explore.start', lang, n=len(with_data))}",
        *sources_lines(page, [code]),
    ]
    chart_downloads(
        page,
        chart,
        data,
        label(page, code),
        subtitle,
        "years",
        width=None,
    )


def main() -> None:
    page = prepare()
    lang = page.lang
    st.title(t("explore.title", lang))
    st.caption(md_safe(t("explore.intro", lang, year=page.state.year)))
    if not page.available:
        st.info(t("bench.no_themes", lang, year=page.state.year))
        return
    dropped = repair(page)
    page = replace(page, state=ui.current_state())  # repair may have set the scatter axes
    if dropped:
        st.info(t("explore.not_here", lang, names=", ".join(dropped)), icon=":material/info:")
    filter_builder(page)
    filters = current_filters(page)
    passed, steps = ex.apply_filters(page.units, page.values, filters)
    show_steps(page, filters, steps, len(passed))
    if not passed:
        return
    order = ex.order_units(passed, page.names, page.state.my)
    show_table(page, filters, steps, order)
    show_scatter(page, order)
    show_distribution(page, order)
    show_multiples(page, order)


main()
