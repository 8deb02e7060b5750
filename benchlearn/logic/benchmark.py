"""The side-by-side comparison table: municipalities in rows, a theme's indicators in columns.

Pure pandas. Input: the observations of one boundary version (unit_id, indicator, year, value),
the catalogue, the unit ids shown as rows and the year. Output: a tidy table (one row per
unit x indicator with value, rank, percentile, band, gap, change and series), then a wide frame
keyed by codes, then labelled frames for the screen and for downloads.

Year rule: each indicator is shown for the latest year <= the selected year in which any
municipality of the version has a value (timeless indicators, such as area: their latest year).
Every row of one indicator uses that same year, so values are always compared like with like.
Rank and percentile are computed among the rows shown; a missing value gets neither and is
never treated as zero. Change = value - value of the year before (in the indicator's unit);
missing when either is missing. Gap = value - the median of the other rows' values (what the
rest of the group reaches, logic.gaps.leave_one_out; none with fewer than three others).

Each shown value keeps its flags and parts (benchlearn.logic.flags): the screen marks
constructed, rounded and unverified values (Σ ≈ ?) and downloads say the status in words.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from benchlearn.formatting import format_number
from benchlearn.i18n import formula_text, t
from benchlearn.logic import flags as fl
from benchlearn.logic.gaps import leave_one_out
from benchlearn.logic.scores import (
    BAND_COLOURS,
    as_float,
    band_label,
    percentile,
    quartile_band,
    rank,
)

MEASURES: tuple[str, ...] = ("value", "rank", "percentile", "gap", "change", "trend")
MAX_DEFAULT = 6
MY_MARK = "★"
MY_TINT = "#fff3bf"  # light yellow behind "my municipality"'s name; not one of the band colours
TEXT_ON = {"best": "#ffffff", "worst": "#ffffff"}  # white text on the two dark band colours

TIDY_COLUMNS = [
    "unit_id",
    "indicator",
    "year",
    "value",
    "rank",
    "n",
    "percentile",
    "band",
    "gap",
    "prev_year",
    "change",
    "series",
    "flags",
    "parts",
]


# --- which indicators, which years ------------------------------------------------------


def valued(observations: pd.DataFrame, units: Sequence[str]) -> pd.DataFrame:
    """Observations of `units` that carry a number (NaN and +/-inf are 'no data')."""
    obs = observations[observations["unit_id"].isin(list(units))].copy()
    obs["value"] = as_float(obs["value"])
    return obs[obs["value"].notna()]


def value_years(
    observations: pd.DataFrame, catalogue: pd.DataFrame, units: Sequence[str], year: int
) -> dict[str, int | None]:
    """Per catalogue indicator: the year to show (latest <= `year` with data among `units`).

    Timeless indicators (area, parish counts) take their latest year whatever `year` is.
    None when the indicator has no value in any allowed year.
    """
    obs = valued(observations, units)
    latest = obs.groupby("indicator")["year"].max()
    latest_by = obs[obs["year"] <= year].groupby("indicator")["year"].max()
    out: dict[str, int | None] = {}
    for code, row in catalogue.iterrows():
        source = latest if bool(row.get("timeless", False)) else latest_by
        out[str(code)] = int(source[code]) if code in source.index else None
    return out


def coverage(
    observations: pd.DataFrame, units: Sequence[str], years: Mapping[str, int | None]
) -> dict[str, int]:
    """Number of `units` with a value in each indicator's shown year."""
    obs = valued(observations, units)
    out = {}
    for code, year in years.items():
        out[code] = (
            0
            if year is None
            else int(
                obs.loc[(obs["indicator"] == code) & (obs["year"] == year), "unit_id"].nunique()
            )
        )
    return out


def themes_with_data(catalogue: pd.DataFrame, years: Mapping[str, int | None]) -> list[str]:
    """Themes (in catalogue order) with at least one indicator that has a year to show."""
    with_data = [c for c in catalogue.index if years.get(c) is not None]
    ordered = catalogue.loc[with_data].sort_values(["theme_order", "sort_order"])
    return list(dict.fromkeys(ordered["theme"]))


def theme_indicators(
    catalogue: pd.DataFrame, theme: str, years: Mapping[str, int | None]
) -> list[str]:
    """Indicators of `theme` that have a year to show, in catalogue order."""
    rows = catalogue[catalogue["theme"] == theme].sort_values("sort_order")
    return [c for c in rows.index if years.get(c) is not None]


def default_indicators(
    catalogue: pd.DataFrame,
    options: Sequence[str],
    counts: Mapping[str, int],
    n_units: int,
    first: str | None = None,
    limit: int = MAX_DEFAULT,
) -> list[str]:
    """A deterministic default selection, so a copied link restores the same table.

    The selected indicator first (if it is an option), then well-covered (at least half of
    the units) derived/relative ones, then well-covered source ones, then the rest; ties in
    catalogue order.
    """

    def key(code: str) -> tuple[bool, bool, int]:
        row = catalogue.loc[code]
        sparse = counts.get(code, 0) * 2 < n_units
        return sparse, row["kind"] != "derived", int(row["sort_order"])

    ordered = sorted(options, key=key)
    if first in options:
        ordered = [first, *(c for c in ordered if c != first)]
    return ordered[:limit]


# --- the tidy table ---------------------------------------------------------------------


def _series(history: pd.DataFrame, year: int) -> dict[int, float] | None:
    """Values by year up to `year`, for a sparkline (a year without a value is absent, so
    the line shows a gap); None with fewer than two points."""
    points = history[history["year"] <= year].sort_values("year")
    if len(points) < 2:
        return None
    return {int(y): float(v) for y, v in zip(points["year"], points["value"], strict=True)}


def indicator_rows(
    observations: pd.DataFrame, code: str, direction: str, rows: Sequence[str], year: int
) -> pd.DataFrame:
    """Tidy rows of one indicator for `rows` in `year`."""
    obs = valued(observations[observations["indicator"] == code], rows)
    by_year = obs.pivot_table(index="unit_id", columns="year", values="value", aggfunc="first")
    by_year = by_year.reindex(index=list(rows))
    values = by_year[year] if year in by_year.columns else pd.Series(np.nan, index=by_year.index)
    before = (
        by_year[year - 1] if year - 1 in by_year.columns else pd.Series(np.nan, index=by_year.index)
    )
    values, before = as_float(values), as_float(before)
    pct = percentile(values, direction)
    histories = {u: g for u, g in obs.groupby("unit_id")}
    shown = obs[obs["year"] == year].drop_duplicates("unit_id").set_index("unit_id")
    details = {
        column: shown[column].reindex(list(rows)).to_numpy(dtype=object)
        if column in shown.columns
        else [None] * len(rows)
        for column in ("flags", "parts")
    }
    return pd.DataFrame(
        {
            "unit_id": list(rows),
            "indicator": code,
            "year": year,
            "value": values.to_numpy(),
            "rank": rank(values, direction).to_numpy(),
            "n": int(values.notna().sum()),
            "percentile": pct.to_numpy(),
            "band": quartile_band(pct, direction).to_numpy(),
            "gap": leave_one_out(values)[1].to_numpy(),
            "prev_year": year - 1,
            "change": (values - before).to_numpy(),
            "series": [_series(histories[u], year) if u in histories else None for u in rows],
            "flags": details["flags"],
            "parts": details["parts"],
        }
    )


def benchmark_table(
    observations: pd.DataFrame,
    catalogue: pd.DataFrame,
    rows: Sequence[str],
    years: Mapping[str, int | None],
) -> pd.DataFrame:
    """One row per unit x indicator (indicators in the order of `years`); see module doc."""
    parts = [
        indicator_rows(observations, code, catalogue.loc[code, "direction"], rows, year)
        for code, year in years.items()
        if year is not None
    ]
    if not parts:
        return pd.DataFrame(columns=TIDY_COLUMNS)
    tidy = pd.concat(parts, ignore_index=True)
    tidy["rank"] = tidy["rank"].astype("Int64")
    return tidy[TIDY_COLUMNS]


# --- the wide table ---------------------------------------------------------------------


def shown_measures(tidy: pd.DataFrame, code: str) -> list[str]:
    """Value, rank, percentile always; gap, change and trend only if some row has one."""
    part = tidy[tidy["indicator"] == code]
    out = ["value", "rank", "percentile"]
    if "gap" in part.columns and part["gap"].notna().any():
        out.append("gap")
    if part["change"].notna().any():
        out.append("change")
    if part["series"].notna().any():
        out.append("trend")
    return out


def wide_table(tidy: pd.DataFrame, rows: Sequence[str]) -> pd.DataFrame:
    """Index unit_id (order of `rows`), columns MultiIndex (indicator, measure)."""
    source = {
        "value": "value",
        "rank": "rank",
        "percentile": "percentile",
        "gap": "gap",
        "change": "change",
        "trend": "series",
    }
    columns = {}
    for code in dict.fromkeys(tidy["indicator"]):
        part = tidy[tidy["indicator"] == code].set_index("unit_id").reindex(list(rows))
        for measure in shown_measures(tidy, code):
            columns[(code, measure)] = part[source[measure]]
    wide = pd.DataFrame(columns, index=pd.Index(list(rows), name="unit_id"))
    wide.columns = pd.MultiIndex.from_tuples(list(columns), names=["indicator", "measure"])
    return wide


def bands_table(tidy: pd.DataFrame, rows: Sequence[str]) -> pd.DataFrame:
    """Band per unit (rows) x indicator (columns)."""
    order = list(dict.fromkeys(tidy["indicator"]))
    return tidy.pivot(index="unit_id", columns="indicator", values="band").reindex(
        index=list(rows), columns=order
    )


def flags_table(tidy: pd.DataFrame, rows: Sequence[str], column: str = "flags") -> pd.DataFrame:
    """Flags (or parts) of each shown value: unit (rows) x indicator (columns); None where
    there is no value."""
    order = list(dict.fromkeys(tidy["indicator"]))
    if column not in tidy.columns:
        return pd.DataFrame(None, index=list(rows), columns=order, dtype=object)
    valued_rows = tidy[tidy["value"].notna()]
    table = valued_rows.pivot(index="unit_id", columns="indicator", values=column)
    return table.reindex(index=list(rows), columns=order).astype(object)


def name_key(name: str) -> tuple[tuple[str, bool], ...]:
    """Latvian alphabetical order: a letter with a diacritic after its base (a, ā, b, c, č)."""
    return tuple(
        (unicodedata.normalize("NFD", ch)[0].lower(), len(unicodedata.normalize("NFD", ch)) > 1)
        for ch in name
    )


def order_rows(
    tidy: pd.DataFrame, rows: Sequence[str], my: str | None, names: Mapping[str, str]
) -> list[str]:
    """My municipality first, then best rank in the first indicator, then name; no rank last."""
    first = tidy["indicator"].iloc[0] if len(tidy) else None
    ranks = tidy[tidy["indicator"] == first].set_index("unit_id")["rank"]

    def key(unit: str) -> tuple[bool, bool, int, tuple]:
        r = ranks.get(unit, pd.NA)
        missing = r is pd.NA or pd.isna(r)
        return unit != my, missing, 0 if missing else int(r), name_key(names.get(unit, unit))

    return sorted(rows, key=key)


# --- labels -----------------------------------------------------------------------------


def pick_field(catalogue: pd.DataFrame, code: str, field: str, lang: str) -> str:
    return str(catalogue.loc[code, f"{field}_{'en' if lang == 'en' else 'lv'}"])


def indicator_header(catalogue: pd.DataFrame, code: str, year: int, lang: str) -> str:
    """'Ceļu ar asfalta segumu īpatsvars, % (2024. g.)': name, unit and the year shown."""
    return t(
        "bench.header",
        lang,
        name=pick_field(catalogue, code, "name", lang),
        unit=pick_field(catalogue, code, "unit", lang),
        year=year,
    )


def screen_header(catalogue: pd.DataFrame, code: str, year: int, selected: int, lang: str) -> str:
    """Upper header line on screen: the name, plus the year when it is not the selected one
    (the unit sits in the 'Value' line below, to keep the columns narrow)."""
    name = pick_field(catalogue, code, "name", lang)
    return name if year == selected else t("bench.name_year", lang, name=name, year=year)


def measure_label(
    catalogue: pd.DataFrame,
    tidy: pd.DataFrame,
    code: str,
    measure: str,
    lang: str,
    with_unit: bool = False,
) -> str:
    """Lower header line: 'Vērtība', 'Vieta no 36', 'Izmaiņas pret 2023. g., km', ..."""
    part = tidy[tidy["indicator"] == code]
    unit = pick_field(catalogue, code, "unit", lang)
    if measure == "value":
        return t("bench.value_unit", lang, unit=unit) if with_unit else t("value", lang)
    if measure == "rank":
        return t("bench.rank_of", lang, n=int(part["n"].iloc[0]))
    if measure == "percentile":
        return t("bench.percentile", lang)
    if measure == "trend":
        return t("bench.trend", lang)
    unit = t("bench.pp", lang) if unit == "%" else unit
    if measure == "gap":
        return t("bench.gap", lang, unit=unit)
    return t("bench.change_since", lang, year=int(part["prev_year"].iloc[0]), unit=unit)


def column_labels(
    wide: pd.DataFrame,
    tidy: pd.DataFrame,
    catalogue: pd.DataFrame,
    lang: str,
    selected: int | None = None,
) -> list[tuple[str, str]]:
    """(upper, lower) header lines for every column of `wide`.

    With `selected` (the year chosen), the short screen form; without, the full form for
    downloads, where every header carries name, unit and year.
    """
    years = tidy.groupby("indicator")["year"].first()
    out = []
    for code, measure in wide.columns:
        year = int(years[code])
        if selected is None:
            top = indicator_header(catalogue, code, year, lang)
        else:
            top = screen_header(catalogue, code, year, selected, lang)
        out.append(
            (
                top,
                measure_label(catalogue, tidy, code, measure, lang, with_unit=selected is not None),
            )
        )
    return out


def display_frame(
    wide: pd.DataFrame,
    tidy: pd.DataFrame,
    catalogue: pd.DataFrame,
    names: Mapping[str, str],
    my: str | None,
    year: int,
    lang: str,
) -> pd.DataFrame:
    """The screen table: name column first (my municipality marked ★), two header levels."""
    labels = column_labels(wide, tidy, catalogue, lang, selected=year)
    out = wide.copy()
    out.columns = pd.MultiIndex.from_tuples(labels)
    shown = [f"{MY_MARK} {names.get(u, u)}" if u == my else names.get(u, u) for u in wide.index]
    out.insert(0, ("", t("municipality", lang)), shown)
    return out.reset_index(drop=True)


def export_frame(
    wide: pd.DataFrame,
    tidy: pd.DataFrame,
    catalogue: pd.DataFrame,
    names: Mapping[str, str],
    lang: str,
) -> pd.DataFrame:
    """The download table: the same rows and columns without the sparklines, plain numbers,
    one header line per column ('<indicator>, <unit> (<year>): <measure>'); after each
    indicator's numbers its values' status in words ('<indicator> …: statuss': official
    statistics, computed, constructed (and from which units before the reform), rounded as
    published, unverified source; empty where there is no value)."""
    keep = [c for c in wide.columns if c[1] != "trend"]
    part = wide[keep]
    labels = column_labels(part, tidy, catalogue, lang)
    flags = flags_table(tidy, list(part.index))
    parts = flags_table(tidy, list(part.index), "parts")
    columns: dict[str, pd.Series] = {}
    for i, ((top, sub), col) in enumerate(zip(labels, keep, strict=True)):
        header = f"{top}: {sub[0].lower()}{sub[1:]}"
        columns[header] = (
            part[col].astype("Int64") if col[1] == "rank" else part[col].astype("float64")
        )
        if i + 1 == len(keep) or keep[i + 1][0] != col[0]:  # the indicator's last column
            code = col[0]
            valued_cells = part[(code, "value")].notna().to_numpy()
            columns[t("flags.column_of", lang, name=top)] = pd.Series(
                fl.statuses(flags[code], parts[code], lang, valued_cells), index=part.index
            )
    out = pd.DataFrame(columns, index=part.index)
    out.insert(0, t("municipality", lang), [names.get(u, u) for u in part.index])
    return out.reset_index(drop=True)


def export_number_formats(wide: pd.DataFrame, catalogue: pd.DataFrame) -> list[str]:
    """Excel number formats for the export columns (name column first, text for each
    indicator's status column)."""
    formats = ["@"]
    keep = [c for c in wide.columns if c[1] != "trend"]
    for i, (code, measure) in enumerate(keep):
        decimals = int(catalogue.loc[code, "decimals"])
        number = "#,##0" + ("." + "0" * decimals if decimals else "")
        formats.append(
            {
                "value": number,
                "rank": "0",
                "percentile": "0",
                "gap": f"+{number};-{number};0",
                "change": f"+{number};-{number};0",
            }[measure]
        )
        if i + 1 == len(keep) or keep[i + 1][0] != code:
            formats.append("@")
    return formats


# --- styling for the screen -------------------------------------------------------------


def signed(value: float, decimals: int, lang: str) -> str:
    text = format_number(value, decimals, lang)
    return f"+{text}" if not pd.isna(value) and value > 0 else text


def trend_text(series: Mapping[int, float] | None, decimals: int, lang: str) -> str:
    """What a sparkline shows, in words: '2012–2024: 33 708 → 33 222'; '–' without one."""
    if not series:
        return "–"
    (first, start), (last, end) = min(series.items()), max(series.items())
    values = (format_number(v, decimals, lang) for v in (start, end))
    return f"{first}–{last}: {' → '.join(values)}"


def _cell_text(measure: str, value: object, decimals: int, lang: str) -> str:
    if measure == "trend":
        return trend_text(value, decimals, lang)  # type: ignore[arg-type]
    if pd.isna(value):  # None, NaN and <NA> alike
        return "–"
    if measure == "value":
        return format_number(float(value), decimals, lang)
    if measure in ("change", "gap"):
        return signed(float(value), decimals, lang)
    return format_number(float(value), 0, lang)  # rank, percentile


def cell_texts(
    display: pd.DataFrame,
    wide: pd.DataFrame,
    catalogue: pd.DataFrame,
    lang: str,
    flags: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The screen table as text: numbers in the UI language, changes signed, '–' for none;
    with `flags` (flags_table), a value's mark after it ('1 234 Σ')."""
    texts = display.copy().astype(object)
    for j, (code, measure) in enumerate(wide.columns, start=1):
        decimals = int(catalogue.loc[code, "decimals"])
        cells = [_cell_text(measure, v, decimals, lang) for v in wide.iloc[:, j - 1]]
        if measure == "value" and flags is not None and code in flags.columns:
            cells = [fl.marked(c, f) for c, f in zip(cells, flags[code], strict=True)]
        texts.iloc[:, j] = cells
    return texts


def cell_marks(wide: pd.DataFrame, flags: pd.DataFrame) -> dict[int, list[str]]:
    """The marks of the value cells (Σ ≈ ?, "" for none) by screen column, for the value
    columns that have any mark."""
    out = {}
    for j, (code, measure) in enumerate(wide.columns, start=1):
        if measure != "value" or code not in flags.columns:
            continue
        marks = [fl.mark(f) for f in flags[code]]
        if any(marks):
            out[j] = marks
    return out


def cell_titles(
    wide: pd.DataFrame, flags: pd.DataFrame, parts: pd.DataFrame, lang: str
) -> pd.DataFrame:
    """The status in words of each marked value cell, shown when pointing at it ("" for the
    others); same shape as the screen table (name column first)."""
    titles = pd.DataFrame("", index=range(len(wide)), columns=range(1 + wide.shape[1]))
    for j, (code, measure) in enumerate(wide.columns, start=1):
        if measure != "value" or code not in flags.columns:
            continue
        titles.iloc[:, j] = [
            fl.status_with_parts(f, p, lang) if fl.mark(f) else ""
            for f, p in zip(flags[code], parts[code], strict=True)
        ]
    return titles


def sort_keys(wide: pd.DataFrame, names: Mapping[str, str]) -> pd.DataFrame:
    """What each screen column sorts by, as numbers: the name's place in Latvian alphabetical
    order (name_key, as everywhere in the app), then the values (NaN: no key, sorts last);
    the sparklines do not sort."""
    keys = pd.DataFrame(
        {
            j: np.nan if measure == "trend" else as_float(wide[(code, measure)]).to_numpy()
            for j, (code, measure) in enumerate(wide.columns, start=1)
        },
        index=range(len(wide)),
    )
    alphabetical = sorted(wide.index, key=lambda u: name_key(names.get(u, u)))
    keys.insert(0, 0, [alphabetical.index(u) for u in wide.index])
    return keys


def band_css(band: str) -> str:
    if band not in ("best", "middle", "worst"):
        return ""  # missing and neutral cells keep the table's own colours
    colour = TEXT_ON.get(band)
    return f"background-color: {BAND_COLOURS[band]}" + (f"; color: {colour}" if colour else "")


def cell_styles(
    display: pd.DataFrame, wide: pd.DataFrame, bands: pd.DataFrame, my_position: int | None
) -> pd.DataFrame:
    """CSS per cell: band colour on value cells, bold row and tinted name for my municipality."""
    css = pd.DataFrame("", index=display.index, columns=display.columns)
    for j, (code, measure) in enumerate(wide.columns, start=1):
        if measure == "value":
            css.iloc[:, j] = [band_css(b) for b in bands[code].to_numpy()]
    if my_position is not None:
        row = css.iloc[my_position].tolist()
        css.iloc[my_position] = [f"{c}; font-weight: bold".lstrip("; ") for c in row]
        css.iloc[my_position, 0] = f"background-color: {MY_TINT}; font-weight: bold"
    return css


def legend_html(lang: str, mine: bool = True) -> str:
    """Colour key: the rule in words, swatches with the band names, my municipality's mark."""

    def swatch(band: str) -> str:
        colour = BAND_COLOURS[band]
        return (
            f'<span style="display:inline-block;width:0.9em;height:0.9em;'
            f"background:{colour};border:1px solid #888;vertical-align:middle;"
            f'margin:0 0.3em 0 0.8em"></span>{band_label(band, lang)}'
        )

    marks = "".join(
        f'<span style="white-space:nowrap">{swatch(b)}</span>' for b in ("best", "middle", "worst")
    )
    mark = (
        f'<span style="background:{MY_TINT};font-weight:bold;margin-left:0.8em;'
        f'padding:0 0.3em;white-space:nowrap">{MY_MARK} {t("sel.my", lang).lower()}</span>'
        if mine
        else ""
    )
    return f'<div style="font-size:0.9em">{t("bench.legend", lang)}{marks}{mark}</div>'


# --- sources ----------------------------------------------------------------------------


Parts = tuple[list[str], list[str], list[str]]  # descriptions, links, retrieval dates


def _origins(catalogue: pd.DataFrame, code: str) -> list[str]:
    """Source ids behind an indicator, following derived ones to their inputs; 'geometry'
    stands for the boundary files."""
    row = catalogue.loc[code]
    if row["kind"] == "geometry":
        return ["geometry"]
    if row["kind"] == "derived":
        return [o for c in row["inputs"] for o in _origins(catalogue, str(c))]
    return [str(sid) for sid in row["source_ids"]]


def _source_parts(ids: Sequence[str], sources: pd.DataFrame, lang: str) -> Parts:
    """Descriptions, links and dates of source files. One entry per published table: when
    the same table was loaded in both languages, the file in `lang` describes it."""
    table = sources.set_index("source_id")
    chosen: dict[tuple[str, str], pd.Series] = {}
    for sid in dict.fromkeys(ids):
        if sid not in table.index:
            continue
        src = table.loc[sid]
        key = (str(src["publisher"]), str(src["table_code"] or sid))
        if key not in chosen or f"/{lang}/" in str(src["url"] or ""):
            chosen[key] = src
    texts = [t("bench.boundaries", lang)] if "geometry" in ids else []
    links, dates = [], []
    for src in chosen.values():
        head = " ".join(str(p) for p in (src["publisher"], src["table_code"]) if p)
        texts.append(f"{head}: {src['title']}" if src["title"] else head)
        links.append(str(src["url"] or ""))
        dates.append(str(src["retrieved"] or ""))
    return texts, links, dates


def readable_formula(catalogue: pd.DataFrame, code: str, lang: str) -> str:
    """The formula with names instead of codes: '«Meža zeme» ÷ («Platība» × 100) × 100'."""
    names = {
        str(c): f"«{pick_field(catalogue, str(c), 'name', lang)}»"
        for c in catalogue.loc[code, "inputs"]
    }
    return formula_text(str(catalogue.loc[code, "formula"]), names, lang)


def _indicator_sources(
    catalogue: pd.DataFrame, code: str, sources: pd.DataFrame, lang: str
) -> Parts:
    texts, links, dates = _source_parts(_origins(catalogue, code), sources, lang)
    if catalogue.loc[code, "kind"] == "derived":
        texts = [f"{t('computed', lang)}: {readable_formula(catalogue, code, lang)}", *texts]
    return texts, links, dates


def _join(items: list[str], sep: str) -> str:
    return sep.join(dict.fromkeys(i for i in items if i))


def sources_frame(
    catalogue: pd.DataFrame, sources: pd.DataFrame, years: Mapping[str, int], lang: str
) -> pd.DataFrame:
    """One row per shown indicator: name, unit, year shown, direction, source, link, retrieved."""
    rows = []
    for code, year in years.items():
        texts, links, dates = _indicator_sources(catalogue, code, sources, lang)
        rows.append(
            {
                t("bench.indicator", lang): pick_field(catalogue, code, "name", lang),
                t("unit", lang): pick_field(catalogue, code, "unit", lang),
                t("sel.year", lang): int(year),
                t("data.direction", lang): t(f"direction.{catalogue.loc[code, 'direction']}", lang),
                t("source", lang): _join(texts, "; "),
                t("data.link", lang): _join(links, " "),
                t("bench.retrieved", lang): _join(sorted(dates), ", "),
            }
        )
    return pd.DataFrame(rows)
