"""The explorer: filters over the local governments of one boundary version, the table they
leave, a least-squares line for the scatter, box statistics and series for the small multiples.

Pure pandas and numpy. Values come from the `observations_in_version` query; each indicator
is read in its own year (the latest <= the selected year with data, see
logic.benchmark.value_years), so every column compares like with like. A unit without a
value never passes a population range or a threshold: it is left out and counted, never
treated as zero.
"""

from __future__ import annotations

import datetime as dt
import math
import zlib
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from benchlearn.formatting import format_date, format_number
from benchlearn.i18n import has_text, t, tn
from benchlearn.logic import flags as fl
from benchlearn.logic.benchmark import MY_TINT, indicator_header, name_key, valued
from benchlearn.state import MAX_THRESHOLDS, parse_threshold, threshold_text

POPULATION_CODES = ("population_avg", "population_start_of_year")
OPS = {
    "gt": (np.greater, ">"),
    "ge": (np.greater_equal, "≥"),
    "lt": (np.less, "<"),
    "le": (np.less_equal, "≤"),
}
MIN_FIT_POINTS = 3


# --- filters --------------------------------------------------------------------------


@dataclass(frozen=True)
class Threshold:
    code: str
    op: str  # gt, ge, lt, le
    value: float

    def passes(self, values: pd.Series) -> pd.Series:
        """True where the value meets the threshold; False where it does not or is missing."""
        numbers = values.astype("float64")
        return pd.Series(OPS[self.op][0](numbers, self.value), index=values.index) & (
            numbers.notna()
        )


def thresholds(texts: Sequence[str], indicators: Sequence[str]) -> list[Threshold]:
    """Thresholds from their URL form ('code:op:value'); invalid ones are skipped (the URL
    parser has already reported them)."""
    out = []
    for text in texts:
        parsed = parse_threshold(text, list(indicators))
        if parsed is not None:
            out.append(Threshold(*parsed))
    return out


@dataclass(frozen=True)
class Filters:
    group: Sequence[str] | None = None  # unit ids of the comparison group; None = no limit
    kinds: Sequence[str] = ()
    regions: Sequence[str] = ()
    population: str | None = None  # indicator code used for the population range
    pmin: float | None = None
    pmax: float | None = None
    thresholds: Sequence[Threshold] = ()


@dataclass(frozen=True)
class Step:
    """One filter applied: what it is, how many units remain, which fell out for lack of data."""

    key: str  # group, kind, region, population, threshold
    kept: int
    dropped: int
    no_data: list[str] = field(default_factory=list)
    threshold: Threshold | None = None


def apply_filters(
    units: pd.DataFrame, values: pd.DataFrame, filters: Filters
) -> tuple[list[str], list[Step]]:
    """Unit ids that pass every filter (in the order of `units`) and one Step per active filter.

    `units`: unit_id, kind, nuts3_code (one row per unit); `values`: wide values by unit_id
    (columns are indicator codes, see wide_values).
    """
    frame = units.set_index("unit_id")
    keep = pd.Series(True, index=frame.index)
    steps: list[Step] = []

    def step(key: str, mask: pd.Series, threshold: Threshold | None = None, code: str = "") -> None:
        nonlocal keep
        before = keep.copy()
        keep &= mask.reindex(keep.index, fill_value=False)
        no_data = []
        if code:
            column = values[code] if code in values.columns else pd.Series(dtype="float64")
            present = column.reindex(keep.index).notna()
            no_data = [u for u in keep.index if before[u] and not present[u]]
        steps.append(Step(key, int(keep.sum()), int(before.sum() - keep.sum()), no_data, threshold))

    if filters.group is not None:
        step("group", pd.Series(frame.index.isin(list(filters.group)), index=frame.index))
    if filters.kinds:
        step("kind", frame["kind"].isin(list(filters.kinds)))
    if filters.regions:
        step("region", frame["nuts3_code"].isin(list(filters.regions)))
    if filters.population and (filters.pmin is not None or filters.pmax is not None):
        step(
            "population",
            _within(column_of(values, filters.population), filters.pmin, filters.pmax),
            code=filters.population,
        )
    for threshold in filters.thresholds:
        step(
            "threshold",
            threshold.passes(column_of(values, threshold.code)),
            threshold,
            code=threshold.code,
        )
    return keep.index[keep].tolist(), steps


def column_of(values: pd.DataFrame, code: str) -> pd.Series:
    if code in values.columns:
        return values[code].astype("float64")
    return pd.Series(np.nan, index=values.index, dtype="float64")


def _within(series: pd.Series, low: float | None, high: float | None) -> pd.Series:
    mask = series.notna()
    if low is not None:
        mask &= series >= low
    if high is not None:
        mask &= series <= high
    return mask


def population_code(years: Mapping[str, int | None]) -> str | None:
    """The population indicator the range uses: the annual average when it has data."""
    return next((c for c in POPULATION_CODES if years.get(c) is not None), None)


def wide_values(
    observations: pd.DataFrame, unit_ids: Sequence[str], years: Mapping[str, int | None]
) -> pd.DataFrame:
    """Index unit_id (every id in `unit_ids`), one float column per indicator code of `years`,
    each indicator's value in its own year (NaN where there is none)."""
    obs = valued(observations, unit_ids)
    wanted = {code: year for code, year in years.items() if year is not None}
    obs = obs[obs["indicator"].isin(list(wanted))]
    obs = obs[obs["year"] == obs["indicator"].map(wanted)]
    table = obs.pivot_table(index="unit_id", columns="indicator", values="value", aggfunc="first")
    return table.reindex(index=list(unit_ids), columns=list(years)).astype("float64")


def wide_details(
    observations: pd.DataFrame,
    unit_ids: Sequence[str],
    years: Mapping[str, int | None],
    column: str = "flags",
) -> pd.DataFrame:
    """Like wide_values, for a text column of the values (flags or parts, see
    benchlearn.logic.flags): None where there is no value or no such column."""
    ids, codes = list(unit_ids), list(years)
    if column not in observations.columns:
        return pd.DataFrame(None, index=ids, columns=codes, dtype=object)
    obs = valued(observations, unit_ids)
    wanted = {code: year for code, year in years.items() if year is not None}
    obs = obs[obs["indicator"].isin(list(wanted))]
    obs = obs[obs["year"] == obs["indicator"].map(wanted)]
    obs = obs.drop_duplicates(["unit_id", "indicator"])
    table = obs.pivot(index="unit_id", columns="indicator", values=column)
    return table.reindex(index=ids, columns=codes).astype(object)


# --- the table --------------------------------------------------------------------------


def table_columns(*groups: Sequence[str | None], available: Mapping[str, int | None]) -> list[str]:
    """Indicator columns in the given order, without repeats or indicators with no year."""
    seen: list[str] = []
    for group in groups:
        for code in group:
            if code and code not in seen and available.get(code) is not None:
                seen.append(code)
    return seen


def order_units(unit_ids: Sequence[str], names: Mapping[str, str], my: str | None) -> list[str]:
    """My municipality first, then the others in Latvian alphabetical order."""
    return sorted(unit_ids, key=lambda u: (u != my, name_key(names.get(u, u))))


def table_frame(
    unit_ids: Sequence[str],
    info: pd.DataFrame,
    values: pd.DataFrame,
    codes: Sequence[str],
    years: Mapping[str, int | None],
    catalogue: pd.DataFrame,
    lang: str,
) -> pd.DataFrame:
    """The table shown and downloaded: name, kind, region, then one column per indicator with
    its name, unit and year in the header. Numbers stay numbers, at the precision shown
    (missing = no data).

    `info`: by unit_id with columns name, kind_label, region_label.
    """
    ids = list(unit_ids)
    frame = pd.DataFrame(
        {
            t("municipality", lang): info.loc[ids, "name"].to_numpy(),
            t("explore.kind", lang): info.loc[ids, "kind_label"].to_numpy(),
            t("explore.region", lang): info.loc[ids, "region_label"].to_numpy(),
        }
    )
    for code in codes:
        header = indicator_header(catalogue, code, int(years[code]), lang)  # type: ignore[arg-type]
        frame[header] = shown_values(
            values[code].reindex(ids), int(catalogue.loc[code, "decimals"])
        )
    return frame


def shown_values(values: pd.Series, decimals: int) -> pd.Series:
    """Values at the precision shown (whole numbers as integers), so the screen, the CSV and
    the Excel file hold the same numbers; missing stays missing."""
    rounded = values.astype("float64").round(decimals).to_numpy()
    if decimals == 0:
        return pd.Series(pd.array(rounded, dtype="Float64").astype("Int64"))
    return pd.Series(rounded, dtype="float64")


def with_status(
    frame: pd.DataFrame,
    codes: Sequence[str],
    flags: pd.DataFrame,
    parts: pd.DataFrame,
    lang: str,
) -> pd.DataFrame:
    """The download table: `frame` (table_frame) with, after each indicator's column, its
    values' status in words ('<header>: statuss'; empty where there is no value).
    `flags`/`parts`: by unit_id in the rows' order, one column per code (wide_details)."""
    out = frame.iloc[:, :3].copy()
    for header, code in zip(frame.columns[3:], codes, strict=True):
        out[header] = frame[header]
        valued_cells = frame[header].notna().to_numpy()
        out[t("flags.column_of", lang, name=header)] = fl.statuses(
            flags[code], parts[code], lang, valued_cells
        )
    return out


def number_formats(
    codes: Sequence[str], catalogue: pd.DataFrame, status: bool = False
) -> list[str]:
    """Excel formats: text for the three label columns, the catalogue's decimals after
    (with `status`, text for the status column after each indicator, see with_status)."""
    formats = ["@", "@", "@"]
    for code in codes:
        decimals = int(catalogue.loc[code, "decimals"])
        formats.append("#,##0" if decimals == 0 else "#,##0." + "0" * decimals)
        if status:
            formats.append("@")
    return formats


@dataclass(frozen=True)
class Labels:
    """Display names the filter descriptions need (built by the page from the Reference)."""

    group: str
    kinds: Mapping[str, str]
    regions: Mapping[str, str]
    indicators: Mapping[str, str]  # code -> name
    units: Mapping[str, str]  # code -> unit of measure


def unit_info(
    units: pd.DataFrame,
    names: Mapping[str, str],
    kinds: Mapping[str, str],
    regions: Mapping[str, str],
) -> pd.DataFrame:
    """By unit_id: name, kind_label, region_label (from unit_id, kind, nuts3_code rows)."""
    frame = units.drop_duplicates("unit_id").set_index("unit_id")
    return pd.DataFrame(
        {
            "name": [names.get(u, u) for u in frame.index],
            "kind_label": [kinds.get(k, k) for k in frame["kind"]],
            "region_label": [
                regions.get(r, r) if isinstance(r, str) else "" for r in frame["nuts3_code"]
            ],
        },
        index=frame.index,
    )


def short_number(value: float, lang: str) -> str:
    """A threshold as typed: 20 000, 0,5, 1,25 (no rounding of what the person entered)."""
    if float(value).is_integer():
        return format_number(value, 0, lang)
    decimals = min(6, len(f"{value:.6f}".rstrip("0").split(".")[1]))
    return format_number(value, decimals, lang)


def step_text(step: Step, filters: Filters, labels: Labels, lang: str) -> str:
    """'Veids: novads', 'Ceļu blīvums > 0,5 km/km²', ... for one applied filter."""
    if step.key == "group":
        return f"{t('sel.group', lang)}: {labels.group}"
    if step.key == "kind":
        names = [labels.kinds.get(k, k) for k in filters.kinds]
        return f"{t('explore.kind', lang)}: {', '.join(names)}"
    if step.key == "region":
        names = [labels.regions.get(r, r) for r in filters.regions]
        return f"{t('explore.region', lang)}: {', '.join(names)}"
    if step.key == "population":
        low = "" if filters.pmin is None else format_number(filters.pmin, 0, lang)
        high = "" if filters.pmax is None else format_number(filters.pmax, 0, lang)
        name = labels.indicators.get(filters.population or "", "")
        return t("explore.population_range", lang, low=low or "0", high=high or "…", name=name)
    threshold = step.threshold
    assert threshold is not None
    unit = labels.units.get(threshold.code, "")
    return (
        f"{labels.indicators.get(threshold.code, threshold.code)} {OPS[threshold.op][1]} "
        f"{short_number(threshold.value, lang)} {unit}"
    ).strip()


def filter_notes(
    steps: Sequence[Step], filters: Filters, labels: Labels, total: int, lang: str
) -> list[tuple[str, str]]:
    """(filter, units left) lines for the export's sources sheet."""
    lines = [(t("explore.units_total", lang), str(total))]
    for step in steps:
        lines.append((step_text(step, filters, labels, lang), tn("explore.left", step.kept, lang)))
    return lines


def named(key: str, lang: str, default: str) -> str:
    """The text of `key`, or `default` where there is none (a code these texts do not know)."""
    return t(key, lang) if has_text(key) else default


def kind_names(units: pd.DataFrame, lang: str) -> dict[str, str]:
    """Kind code -> name, for the kinds of `units` in their order."""
    return {k: named(f"kind.{k}", lang, k) for k in dict.fromkeys(units["kind"])}


def region_names(units: pd.DataFrame, lang: str) -> dict[str, str]:
    """NUTS 3 code -> the region's name, for the regions of `units` in code order."""
    codes = sorted(c for c in units["nuts3_code"].dropna().unique())
    return {c: named(f"profile.region.{c}", lang, c) for c in codes}


def repair_view(
    view: Mapping[str, object],
    kinds: Collection[str],
    regions: Collection[str],
    available: Sequence[str],
    ind: str,
    indicators: Mapping[str, str],
    lang: str,
) -> tuple[dict[str, object], list[str]]:
    """The explorer's fields kept valid for these boundaries: the kinds, regions and columns
    they lack are dropped, scatter axes without a year become the defaults (default_axes).
    Returns the fields to set, in order, and the names of the choices dropped."""

    def listed(name: str) -> list[str]:
        return list(view.get(name) or [])  # type: ignore[call-overload]

    fields: dict[str, object] = {
        "kind": [k for k in listed("kind") if k in kinds],
        "reg": [r for r in listed("reg") if r in regions],
        "cols": [c for c in listed("cols") if c in available],
    }
    dropped = [named(f"kind.{k}", lang, k) for k in listed("kind") if k not in kinds]
    dropped += [r for r in listed("reg") if r not in regions]
    dropped += [indicators.get(c, c) for c in listed("cols") if c not in available]
    x, y = default_axes(ind, available)
    sy = view.get("sy")
    if sy not in available:
        fields["sy"] = sy = y
    if view.get("sx") not in available:
        fields["sx"] = x if x != sy else y
    return fields, dropped


def add_threshold(
    current: Sequence[str], code: str | None, op: str | None, value: float | None, lang: str
) -> tuple[list[str], str | None]:
    """'Add' of the threshold row: the URL's thresholds with the new one (listed once), or the
    same list and why not (a field left empty, or MAX_THRESHOLDS already)."""
    if code is None or op is None or value is None:
        return list(current), t("explore.threshold_incomplete", lang)
    if len(current) >= MAX_THRESHOLDS:
        return list(current), tn("explore.threshold_max", MAX_THRESHOLDS, lang)
    text = threshold_text(code, op, float(value))
    return (list(current) if text in current else [*current, text]), None


def threshold_label(text: str, available: Sequence[str], labels: Labels, lang: str) -> str:
    """A threshold's URL form in words ('Ceļu blīvums > 0,5 km/km²'); as it is when invalid."""
    found = thresholds([text], available)
    if not found:
        return text
    step = Step("threshold", 0, 0, threshold=found[0])
    return step_text(step, Filters(), labels, lang)


def steps_line(
    total: int, steps: Sequence[Step], filters: Filters, labels: Labels, lang: str
) -> str:
    """'43 pašvaldības → Veids: novads (36) → …': what each filter left."""
    parts = [tn("explore.start", total, lang)]
    parts += [f"{step_text(s, filters, labels, lang)} ({s.kept})" for s in steps]
    return " → ".join(parts)


def no_data_notes(
    steps: Sequence[Step],
    filters: Filters,
    labels: Labels,
    names: Mapping[str, str],
    lang: str,
) -> list[str]:
    """One line per filter that left units out only for lack of data, naming them."""
    return [
        t(
            "explore.no_data_out",
            lang,
            what=step_text(step, filters, labels, lang),
            names=", ".join(names.get(u, u) for u in step.no_data),
        )
        for step in steps
        if step.no_data
    ]


def range_reversed(pmin: float | None, pmax: float | None) -> bool:
    """Whether the population range reads backwards (its minimum above its maximum)."""
    return pmin is not None and pmax is not None and pmin > pmax


def shown_columns(
    years: Mapping[str, int | None],
    available: Sequence[str],
    ind: str,
    sx: str | None,
    sy: str | None,
    thr: Sequence[str],
    cols: Sequence[str],
) -> list[str]:
    """The table's indicators: population, the selected indicator, the scatter's axes, the
    thresholds' indicators, then the columns asked for (each once, each with a year)."""
    return table_columns(
        [population_code(years)],
        [ind, sx, sy],
        [th.code for th in thresholds(thr, available)],
        cols,
        available=years,
    )


def number_text(value: object, decimals: int, lang: str, mark: str = "") -> str:
    """A table cell as shown: the number in the UI's style, then its mark (Σ ≈ ?)."""
    text = format_number(None if pd.isna(value) else float(value), decimals, lang)  # type: ignore[arg-type]
    return f"{text}{fl.NBSP}{mark}" if mark and text != "–" else text


def styled_table(
    frame: pd.DataFrame,
    codes: Sequence[str],
    flags: pd.DataFrame,
    decimals: Mapping[str, int],
    my_row: int | None,
    lang: str,
):
    """The table (table_frame) styled: numbers in the UI language, each value with its mark,
    my municipality's row tinted; the cells stay numbers, so the columns still sort as
    numbers. `flags`: by unit_id in the rows' order, one column per code."""
    styler = frame.style
    for header, code in zip(frame.columns[3:], codes, strict=True):
        places = int(decimals[code])
        styler = styler.format(lambda v, d=places: number_text(v, d, lang), subset=[header])
        marks = [fl.mark(f) for f in flags[code]]
        for sign in dict.fromkeys(m for m in marks if m):  # one call per mark, not per cell
            rows = [i for i, m in enumerate(marks) if m == sign]
            styler = styler.format(
                lambda v, d=places, m=sign: number_text(v, d, lang, m),
                subset=pd.IndexSlice[rows, [header]],
            )
    if my_row is not None:
        tint = f"background-color: {MY_TINT}; font-weight: bold"
        styler = styler.apply(lambda row: [tint if row.name == my_row else "" for _ in row], axis=1)
    return styler


def table_note(flags: pd.DataFrame, my_first: bool, lang: str) -> str:
    """Below the table: my municipality comes first, and what the marks in it mean."""
    marks = fl.legend(flags.to_numpy().ravel(), lang)
    return " ".join([*([t("explore.my_first", lang)] if my_first else []), marks]).strip()


def download_notes(
    year: int | None,
    version: str,
    steps: Sequence[Step],
    filters: Filters,
    labels: Labels,
    total: int,
    built: str,
    today: dt.date,
    lang: str,
) -> list[tuple[str, str]]:
    """The export's notes: year, boundaries, the filters and what each left, build and
    download dates."""
    return [
        (t("sel.year", lang), str(year)),
        (t("sel.version", lang), version),
        *filter_notes(steps, filters, labels, total, lang),
        (t("bench.built", lang), built),
        (
            t("explore.downloaded", lang),
            format_date(today, lang),
        ),
    ]


# --- the fitted line ----------------------------------------------------------------------


@dataclass(frozen=True)
class Fit:
    """y = intercept + slope * x by least squares, in the scale shown (log10 when logarithmic)."""

    intercept: float
    slope: float
    r2: float  # NaN when y does not vary
    n: int
    logx: bool
    logy: bool

    def predict(self, x: np.ndarray) -> np.ndarray:
        xs = np.log10(x) if self.logx else np.asarray(x, dtype="float64")
        ys = self.intercept + self.slope * xs
        return 10**ys if self.logy else ys


def plottable(x: pd.Series, y: pd.Series, logx: bool, logy: bool) -> pd.Series:
    """True where a point can be drawn: both values present (and > 0 on a log axis)."""
    mask = x.notna() & y.notna() & np.isfinite(x) & np.isfinite(y)
    if logx:
        mask &= x > 0
    if logy:
        mask &= y > 0
    return mask


def fit_line(x: Sequence[float], y: Sequence[float], logx: bool, logy: bool) -> Fit | None:
    """Ordinary least squares in plain numpy; None with fewer than 3 points or constant x."""
    xs = np.asarray(x, dtype="float64")
    ys = np.asarray(y, dtype="float64")
    ok = np.isfinite(xs) & np.isfinite(ys)
    if logx:
        ok &= xs > 0
    if logy:
        ok &= ys > 0
    xs, ys = xs[ok], ys[ok]
    if len(xs) < MIN_FIT_POINTS:
        return None
    if logx:
        xs = np.log10(xs)
    if logy:
        ys = np.log10(ys)
    dx = xs - xs.mean()
    sxx = float(np.sum(dx * dx))
    if sxx <= 0 or not math.isfinite(sxx):
        return None
    slope = float(np.sum(dx * (ys - ys.mean())) / sxx)
    intercept = float(ys.mean() - slope * xs.mean())
    residual = ys - (intercept + slope * xs)
    total = float(np.sum((ys - ys.mean()) ** 2))
    r2 = 1 - float(np.sum(residual**2)) / total if total > 0 else math.nan
    return Fit(intercept, slope, r2, int(len(xs)), logx, logy)


def fit_points(fit: Fit, low: float, high: float, steps: int = 60) -> pd.DataFrame:
    """Points along the fitted line across [low, high] (evenly spaced in the scale shown)."""
    if fit.logx:
        xs = np.logspace(math.log10(low), math.log10(high), steps)
    else:
        xs = np.linspace(low, high, steps)
    return pd.DataFrame({"x": xs, "y": fit.predict(xs)})


def significant(value: float, lang: str, digits: int = 3) -> str:
    """A number to `digits` significant figures, Latvian or English style."""
    if value == 0 or not math.isfinite(value):
        return format_number(0.0 if value == 0 else value, 0, lang)
    decimals = max(0, min(12, digits - 1 - math.floor(math.log10(abs(value)))))
    text = format_number(value, decimals, lang)
    mark = "." if lang == "en" else ","
    return text.rstrip("0").rstrip(mark) if mark in text else text


def equation(fit: Fit, lang: str) -> str:
    """'y = 12,3 + 0,0456·x' (or with log₁₀ of the axes on a log scale), R² and n."""
    xs = "log₁₀ x" if fit.logx else "x"
    ys = "log₁₀ y" if fit.logy else "y"
    sign = "−" if fit.slope < 0 else "+"
    line = (
        f"{ys} = {significant(fit.intercept, lang)} {sign} {significant(abs(fit.slope), lang)}·{xs}"
    )
    r2 = "–" if math.isnan(fit.r2) else format_number(fit.r2, 2, lang)
    return f"{line};  R² = {r2};  n = {fit.n}"


def near_range(value: float | None, values: pd.Series, factor: float = 0.5) -> bool:
    """Whether a reference value (Latvia's) sits on the same scale as the units' values:
    within the units' range widened by `factor` of its span on each side."""
    numbers = values.dropna()
    if value is None or math.isnan(value) or numbers.empty:
        return False
    low, high = float(numbers.min()), float(numbers.max())
    span = (high - low) or abs(high) or 1.0
    return low - factor * span <= value <= high + factor * span


# --- distribution and small multiples ------------------------------------------------------


@dataclass(frozen=True)
class BoxStats:
    low: float  # smallest value
    q1: float
    median: float
    q3: float
    high: float  # largest value
    n: int


def box_stats(values: pd.Series) -> BoxStats | None:
    """Five-number summary (quartiles by linear interpolation, as numpy and pandas do)."""
    numbers = values.dropna().astype("float64").to_numpy()
    if len(numbers) == 0:
        return None
    q1, median, q3 = np.quantile(numbers, [0.25, 0.5, 0.75])
    return BoxStats(
        float(numbers.min()),
        float(q1),
        float(median),
        float(q3),
        float(numbers.max()),
        len(numbers),
    )


def jitter(unit_ids: Sequence[str], width: float = 0.8) -> list[float]:
    """A fixed vertical offset per unit in [-width/2, width/2) from a checksum of its id, so
    the chart and its PNG look the same every time."""
    return [(zlib.crc32(uid.encode()) / 2**32 - 0.5) * width for uid in unit_ids]


def series_frame(
    observations: pd.DataFrame, unit_ids: Sequence[str], code: str, names: Mapping[str, str]
) -> pd.DataFrame:
    """One row per unit and year of `code` (unit_id, name, year, value, flags), units in the
    given order; the years span every year any of them has, so gaps stay gaps."""
    obs = valued(observations, unit_ids)
    obs = obs[obs["indicator"] == code]
    if obs.empty:
        return pd.DataFrame(columns=["unit_id", "name", "year", "value", "flags"])
    if "flags" not in obs.columns:
        obs = obs.assign(flags=None)
    years = range(int(obs["year"].min()), int(obs["year"].max()) + 1)
    grid = pd.MultiIndex.from_product([list(unit_ids), years], names=["unit_id", "year"])
    frame = obs.set_index(["unit_id", "year"])[["value", "flags"]].reindex(grid).reset_index()
    frame["name"] = [names.get(u, u) for u in frame["unit_id"]]
    return frame[["unit_id", "name", "year", "value", "flags"]]


def status_by_unit(series: pd.DataFrame, lang: str) -> dict[str, str]:
    """Per unit of a series_frame, the status of its values over the years in one line
    (flags.summary_by_year): 'oficiāla statistika', or '2012–2020: konstruēts …; …'."""
    valued_rows = series[series["value"].notna()]
    return {
        unit: fl.summary_by_year(dict(zip(rows["year"], rows["flags"], strict=True)), lang)
        for unit, rows in valued_rows.groupby("unit_id", sort=False)
    }


# --- defaults -------------------------------------------------------------------------------

X_PREFERENCES = ("population_avg", "population_density", "area_km2", "road_density_km_per_km2")


def default_axes(ind: str, available: Sequence[str]) -> tuple[str | None, str | None]:
    """Scatter axes when the link names none: y = the selected indicator, x = population
    (or the first of a few structural indicators) — always two different indicators."""
    if not available:
        return None, None
    y = ind if ind in available else available[0]
    x = next((c for c in X_PREFERENCES if c in available and c != y), None)
    if x is None:
        x = next((c for c in available if c != y), y)
    return x, y


def build_date(built_at: str | None, lang: str) -> str:
    """The database's build date: 21.11.2026. in Latvian, 2026-11-21 in English."""
    stamp = pd.Timestamp(built_at) if built_at else None
    if stamp is None or pd.isna(stamp):
        return ""
    return format_date(stamp, lang)
