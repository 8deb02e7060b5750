"""The frames behind the explorer's charts: the scatter's points (and Latvia's), the
distribution's dots and the small multiples' series, each with its display text, its notes
and the CSV of the numbers behind it.

Pure pandas. `Shown` holds what the page shows of each unit (and of "LV"); the chart specs
are built from these frames by benchlearn.charts.explore.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from benchlearn.formatting import format_number, format_value
from benchlearn.i18n import t, tn
from benchlearn.logic import explore as ex
from benchlearn.logic import flags as fl

LATVIA = "LV"
MAX_PICKED = 12  # units a click on the scatter may pick


@dataclass(frozen=True)
class Shown:
    """The values shown, by unit_id (the units and "LV"), one column per indicator; their
    flags and parts in the same shape (benchlearn.logic.flags); how to write them."""

    values: pd.DataFrame
    flags: pd.DataFrame
    parts: pd.DataFrame
    names: Mapping[str, str]  # unit_id -> name
    units: Mapping[str, str]  # indicator -> unit of measure
    decimals: Mapping[str, int]  # indicator -> decimals shown
    lang: str

    def text(self, code: str, value: float) -> str:
        """'1 234 km': a value of `code` with its unit of measure."""
        return format_value(value, self.units.get(code, ""), int(self.decimals[code]), self.lang)

    def marked(self, code: str, unit_id: str) -> str:
        """A unit's value of `code` with its unit of measure and mark: '1 234 km Σ'."""
        return fl.marked(
            self.text(code, self.values.loc[unit_id, code]), self.flags.loc[unit_id, code]
        )

    def statuses(self, unit_ids: Sequence[str], code: str) -> list[str]:
        """The status in words of each unit's value of `code` (for a chart's CSV)."""
        ids = list(unit_ids)
        return fl.statuses(
            self.flags.loc[ids, code], self.parts.loc[ids, code], self.lang, [True] * len(ids)
        )

    def name(self, unit_id: str) -> str:
        return self.names.get(unit_id, unit_id)

    def country(self, code: str) -> float | None:
        """Latvia's value of `code` (None where there is none)."""
        if LATVIA not in self.values.index or code not in self.values.columns:
            return None
        value = self.values.loc[LATVIA, code]
        return None if pd.isna(value) else float(value)


def axis_title(label: str, unit: str, year: int | None) -> str:
    return f"{label}, {unit} ({year})"


def with_statuses(
    data: pd.DataFrame, shown: Shown, unit_ids: Sequence[str], columns: Mapping[str, str]
) -> pd.DataFrame:
    """`data` with, after each column named in `columns` (header -> indicator), the status of
    its values ('<header>: statuss')."""
    out = data.copy()
    for header, code in columns.items():
        out.insert(
            out.columns.get_loc(header) + 1,
            t("flags.column_of", shown.lang, name=header),
            shown.statuses(unit_ids, code),
        )
    return out


# --- the scatter ---------------------------------------------------------------------------


def picked_units(event: object, selection: str, local: Collection[str]) -> list[str]:
    """The units a click on the scatter selected (a Streamlit selection event), known local
    governments only, each once, at most MAX_PICKED."""
    if not event or not hasattr(event, "get"):
        return []
    points = (event.get("selection") or {}).get(selection) or []  # type: ignore[union-attr]
    ids = [p.get("unit_id") for p in points if isinstance(p, Mapping)]
    return [u for u in dict.fromkeys(ids) if u in local][:MAX_PICKED]


def scatter_points(
    shown: Shown,
    order: Sequence[str],
    x: str,
    y: str,
    logx: bool,
    logy: bool,
    my: str | None,
    picked: Collection[str],
) -> tuple[pd.DataFrame, list[str]]:
    """The points that can be drawn (unit_id, name, x, y, x_text, y_text, role, label) and the
    names of the units left out (a value missing, or not > 0 on a log axis)."""
    order = list(order)
    xs, ys = shown.values.loc[order, x], shown.values.loc[order, y]
    mask = ex.plottable(xs, ys, logx, logy)
    ids = [u for u in order if mask[u]]
    role = ["my" if u == my else "picked" if u in picked else "unit" for u in ids]
    frame = pd.DataFrame(
        {
            "unit_id": ids,
            "name": [shown.name(u) for u in ids],
            "x": xs[ids].to_numpy(dtype="float64"),
            "y": ys[ids].to_numpy(dtype="float64"),
            "x_text": [shown.marked(x, u) for u in ids],
            "y_text": [shown.marked(y, u) for u in ids],
            "role": role,
        }
    )
    frame["label"] = [n if r != "unit" else "" for n, r in zip(frame["name"], role, strict=True)]
    return frame, [shown.name(u) for u in order if not mask[u]]


def latvia_point(
    shown: Shown, x: str, y: str, points: pd.DataFrame
) -> tuple[pd.DataFrame | None, str]:
    """Latvia's point when it has both values on the units' scale; else None and why not."""
    lx, ly = shown.country(x), shown.country(y)
    if lx is None or ly is None:
        return None, t("explore.latvia_missing", shown.lang)
    if not (ex.near_range(lx, points["x"]) and ex.near_range(ly, points["y"])):
        return None, t("explore.latvia_off", shown.lang)
    frame = pd.DataFrame(
        [
            {
                "x": lx,
                "y": ly,
                "name": t("latvia", shown.lang),
                "x_text": shown.text(x, lx),
                "y_text": shown.text(y, ly),
            }
        ]
    )
    return frame, ""


def scatter_notes(latvia_note: str, left_out: Sequence[str], log: bool, lang: str) -> str:
    """Below the scatter: how to pick, what the line is, where Latvia is, who is left out."""
    captions = [t("explore.scatter_hint", lang), t("explore.fit_note", lang)]
    if latvia_note:
        captions.append(latvia_note)
    if left_out:
        key = "explore.left_out_log" if log else "explore.left_out"
        captions.append(t(key, lang, n=len(left_out), names=", ".join(left_out)))
    return " ".join(captions)


def scatter_download(
    points: pd.DataFrame, shown: Shown, x: str, y: str, x_title: str, y_title: str
) -> pd.DataFrame:
    """The scatter's CSV: name, x and y, each value followed by its status."""
    data = points[["name", "x", "y"]].rename(
        columns={"name": t("municipality", shown.lang), "x": x_title, "y": y_title}
    )
    if x_title == y_title:  # one indicator on both axes: one column of it
        data = data.loc[:, ~data.columns.duplicated()]
        return with_statuses(data, shown, points["unit_id"], {x_title: x})
    return with_statuses(data, shown, points["unit_id"], {x_title: x, y_title: y})


def points_line(n: int, equation: str | None, lang: str) -> str:
    """'12 pašvaldības · y = … ; R² = …; n = 12': the chart's first subtitle line."""
    return " · ".join([tn("explore.start", n, lang), *([equation] if equation else [])])


# --- the distribution ------------------------------------------------------------------------


def distribution_dots(
    shown: Shown, order: Sequence[str], code: str, my: str | None
) -> pd.DataFrame:
    """One dot per unit with a value of `code` (unit_id, name, value, value_text, jitter,
    role, label), in the given order; my municipality is named."""
    if code in shown.values.columns:
        values = shown.values.loc[list(order), code].dropna()
    else:
        values = pd.Series(dtype="float64")
    ids = values.index.tolist()
    return pd.DataFrame(
        {
            "unit_id": ids,
            "name": [shown.name(u) for u in ids],
            "value": values.to_numpy(dtype="float64"),
            "value_text": [shown.marked(code, u) for u in ids],
            "jitter": ex.jitter(ids),
            "role": ["my" if u == my else "unit" for u in ids],
            "label": [shown.name(u) if u == my else "" for u in ids],
        },
        columns=["unit_id", "name", "value", "value_text", "jitter", "role", "label"],
    )


def latvia_value(shown: Shown, code: str, values: pd.Series) -> float | None:
    """Latvia's value of `code` when it sits on the units' scale (else None)."""
    country = shown.country(code)
    return country if ex.near_range(country, values) else None


def box_summary(shown: Shown, code: str, stats: ex.BoxStats) -> str:
    """'Mediāna 1 234 km (kvartiles 1 000–1 500 km), …' in words."""
    return t(
        "explore.box_summary",
        shown.lang,
        median=shown.text(code, stats.median),
        q1=format_number(stats.q1, int(shown.decimals[code]), shown.lang),
        q3=shown.text(code, stats.q3),
        low=shown.text(code, stats.low),
        high=shown.text(code, stats.high),
        n=stats.n,
    )


def my_value_note(shown: Shown, code: str, my: str | None, dots: pd.DataFrame) -> str:
    """My municipality's value of `code`, when it is among the dots; else ''."""
    if not my or my not in set(dots["unit_id"]):
        return ""
    value = dots.loc[dots["unit_id"] == my, "value"].iloc[0]
    return t("explore.my_value", shown.lang, name=shown.name(my), value=shown.text(code, value))


def distribution_download(dots: pd.DataFrame, shown: Shown, code: str, header: str) -> pd.DataFrame:
    """The distribution's CSV: name, value (under `header`) and its status."""
    data = dots[["name", "value"]].rename(
        columns={"name": t("municipality", shown.lang), "value": header}
    )
    data[t("flags.column", shown.lang)] = shown.statuses(dots["unit_id"], code)
    return data


# --- small multiples -------------------------------------------------------------------------


def series_until(
    history: pd.DataFrame,
    unit_ids: Sequence[str],
    code: str,
    names: Mapping[str, str],
    year: int | None,
) -> pd.DataFrame:
    """ex.series_frame up to `year` (every year when None)."""
    series = ex.series_frame(history, unit_ids, code, names)
    if series.empty:
        return series
    return series[series["year"] <= (year or series["year"].max())]


def enough_years(series: pd.DataFrame) -> bool:
    """Whether a series has two years or more to draw."""
    return not series.empty and series["year"].nunique() >= 2


def multiples_frame(
    series: pd.DataFrame, shown: Shown, code: str, unit_ids: Sequence[str], my: str | None
) -> tuple[pd.DataFrame, list[str]]:
    """The series of the units with any value (value_text and role added) and those units
    in the given order."""
    series = series.assign(
        value_text=[
            fl.marked(shown.text(code, v), f)
            for v, f in zip(series["value"], series["flags"], strict=True)
        ],
        role=["my" if u == my else "unit" for u in series["unit_id"]],
    )
    valued_units = set(series.loc[series["value"].notna(), "unit_id"])
    with_data = [u for u in unit_ids if u in valued_units]
    return series[series["unit_id"].isin(with_data)], with_data


def multiples_notes(unit: str, missing: Sequence[str], total: int, limit: int, lang: str) -> str:
    """Below the small multiples: the unit of measure, who has no series, whether cut."""
    notes = [t("explore.multiples_note", lang, unit=unit)]
    if missing:
        notes.append(t("explore.no_series", lang, names=", ".join(missing)))
    if total > limit:
        notes.append(tn("explore.facets_cut", total, lang, shown=limit))
    return " ".join(notes)


def multiples_download(
    series: pd.DataFrame, with_data: Sequence[str], shown: Shown
) -> pd.DataFrame:
    """The small multiples' CSV: a row per unit, a column per year, then the status of the
    unit's values over the years."""
    lang = shown.lang
    names = [shown.name(u) for u in with_data]
    if series.empty:
        data = pd.DataFrame({t("municipality", lang): names})
    else:
        wide = series.pivot_table(
            index="name", columns="year", values="value", aggfunc="first", sort=False
        )
        data = wide.reindex(names).reset_index()
        data.columns = [t("municipality", lang), *(str(c) for c in data.columns[1:])]
    by_unit = ex.status_by_unit(series, lang)
    data[t("flags.column", lang)] = [by_unit.get(u, "") for u in with_data]
    return data
