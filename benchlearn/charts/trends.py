"""Altair charts for the trends page: lines over years, or bars when there is one year.

Builders take a frame from benchlearn.logic.series.trend_series, add the display text
(formatted the Latvian or English way in Python, so tooltips never show raw floats) and
return Altair charts. No Streamlit here.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from benchlearn.formatting import THIN, format_number, format_value
from benchlearn.i18n import t
from benchlearn.logic import flags as fl
from benchlearn.logic import usertext
from benchlearn.logic.series import ROLE_LATVIA, ROLE_MEAN, ROLE_MY, ROLE_UNIT

# Distinguishable categorical colours (Tableau 10 plus three), none of them grey or black,
# which are kept for the reference lines.
PALETTE: tuple[str, ...] = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#bcbd22",
    "#17becf",
    "#4e79a7",
    "#f28e2b",
    "#59a14f",
    "#b07aa1",
)
REFERENCE_COLOURS = {ROLE_LATVIA: "#222222", ROLE_MEAN: "#8c8c8c"}
DASHES = {ROLE_MY: [1, 0], ROLE_UNIT: [1, 0], ROLE_LATVIA: [8, 4], ROLE_MEAN: [3, 3]}
WIDTHS = {ROLE_MY: 4.5, ROLE_UNIT: 2.0, ROLE_LATVIA: 2.5, ROLE_MEAN: 2.5}
ROLE_ORDER = (ROLE_MY, ROLE_UNIT, ROLE_LATVIA, ROLE_MEAN)


def locale_config(lang: str) -> alt.Locale:
    """Number format for axes: decimal comma and narrow-space thousands in Latvian."""
    if lang == "en":
        return alt.Locale(
            number=alt.NumberLocale(decimal=".", thousands=",", grouping=[3], currency=["", ""])
        )
    return alt.Locale(
        number=alt.NumberLocale(decimal=",", thousands=THIN, grouping=[3], currency=["", ""])
    )


def source_labels(sources: pd.DataFrame) -> dict[str, str]:
    """source_id -> "publisher table" (e.g. "CSP IRS031") from the sources query."""
    return {
        row.source_id: " ".join(
            p for p in (row.publisher, row.table_code) if isinstance(p, str) and p
        )
        for row in sources.itertuples()
    }


def source_text(row: pd.Series, lang: str, derived: str, tables: dict[str, str]) -> str:
    """Tooltip source line: publisher and table, title and retrieval date; the formula for
    derived values; or how many members a group mean rests on. (What the value is, e.g. from
    an unverified source, is the tooltip's status line: display_frame's status_text.)"""
    if row["role"] == ROLE_MEAN:
        return t("trends.mean_n", lang, n=int(row["n"]), total=int(row["n_total"]))
    if pd.isna(row["value"]):
        return ""
    if row["source_id"] == "derived":
        return derived
    text = str(row["source_title"]) if pd.notna(row["source_title"]) else ""
    table = tables.get(row["source_id"], "")
    if table and table not in text:
        text = f"{table} – {text}"
    if pd.notna(row["retrieved"]) and row["retrieved"]:
        text += f" ({t('retrieved', lang)} {row['retrieved']})"
    return text


def display_frame(
    series: pd.DataFrame,
    labels: dict[str, str],
    unit: str,
    decimals: int,
    lang: str,
    derived: str,
    tables: dict[str, str] | None = None,
) -> pd.DataFrame:
    """The series with label, value_text (with its mark: "1 234 iedz. Σ"), source_text and
    status_text (what the value is, in words; "" for the group mean and gaps) columns for
    legend and tooltips, and the flags.

    `derived` is the source line of a derived indicator (its formula and inputs); `tables`
    maps source ids to "publisher table" (e.g. "CSP IRS031") for the tooltip.
    """
    out = series.copy()
    for column in ("flags", "parts"):
        if column not in out.columns:
            out[column] = None
    out["label"] = out["series"].map(labels).fillna(out["series"])
    out["year"] = out["year"].astype(int)
    out["value"] = out["value"].astype("float64")
    own = (out["role"] != ROLE_MEAN).to_numpy()  # a mean has no status of its own
    out["flags"] = out["flags"].astype(object).where(own, None)
    out["value_text"] = [
        fl.marked(format_value(v, unit, decimals, lang), f)
        for v, f in zip(out["value"], out["flags"], strict=True)
    ]
    out["status_text"] = fl.statuses(out["flags"], out["parts"], lang, out["value"].notna() & own)
    out["source_text"] = [
        source_text(row, lang, derived, tables or {}) for _, row in out.iterrows()
    ]
    return out[
        [
            "series",
            "role",
            "label",
            "year",
            "value",
            "value_text",
            "source_text",
            "status_text",
            "flags",
            "n",
            "n_total",
        ]
    ]


def legend_order(frame: pd.DataFrame) -> tuple[list[str], list[str], list[list[int]], list[float]]:
    """Labels in legend order (my unit, the others, Latvia, the mean) with their colour,
    dash and line width."""
    firsts = frame.drop_duplicates("series")
    firsts = firsts.assign(order=firsts["role"].map(ROLE_ORDER.index)).sort_values(
        "order", kind="stable"
    )
    labels, colours, dashes, widths = [], [], [], []
    palette = iter(PALETTE * 2)
    for row in firsts.itertuples():
        labels.append(row.label)
        colours.append(REFERENCE_COLOURS.get(row.role) or next(palette))
        dashes.append(DASHES[row.role])
        widths.append(WIDTHS[row.role])
    return labels, colours, dashes, widths


def tooltip(lang: str) -> list[alt.Tooltip]:
    return [
        alt.Tooltip("label:N", title=t("municipality", lang)),
        alt.Tooltip("year:O", title=t("sel.year", lang)),
        alt.Tooltip("value_text:N", title=t("value", lang)),
        alt.Tooltip("source_text:N", title=t("source", lang)),
        alt.Tooltip("status_text:N", title=t("flags.column", lang)),
    ]


def action_marks(items: list[dict], frame: pd.DataFrame) -> pd.DataFrame:
    """One row per improvement action whose start year is on the chart: year, the line's
    label (its colour) and the title and start date as plain text for the tooltip."""
    years = set(frame["year"])
    rows = [
        {
            "year": a["year"],
            "label": a["label"],
            "action_title": usertext.plain(a["title"]),
            "action_start": a["start"],
        }
        for a in items
        if a["year"] in years
    ]
    return pd.DataFrame(rows, columns=["year", "label", "action_title", "action_start"])


def line_chart(
    frame: pd.DataFrame,
    unit: str,
    lang: str,
    height: int = 420,
    marks: pd.DataFrame | None = None,
) -> alt.LayerChart:
    """Lines per series over a full year grid; NaN rows break the line (never interpolated).

    Points mark every value, so a year standing alone between gaps is still visible, and
    carry the tooltip. Reference lines (Latvia, group mean) are dashed and in the legend.
    `marks` (action_marks): a dotted vertical rule in the line's colour at each improvement
    action's start, its title in the tooltip.
    """
    labels, colours, dashes, widths = legend_order(frame)
    legend = alt.Legend(
        title=None,
        orient="bottom",
        symbolType="stroke",
        symbolStrokeWidth=3,
        labelLimit=320,
        columns=3,
    )
    colour = alt.Color("label:N", scale=alt.Scale(domain=labels, range=colours), legend=legend)
    base = alt.Chart(frame).encode(
        x=alt.X("year:O", title=t("sel.year", lang), axis=alt.Axis(labelAngle=0)),
        y=alt.Y("value:Q", title=unit, scale=alt.Scale(zero=False), axis=alt.Axis(format=",~f")),
        color=colour,
    )
    lines = base.mark_line(invalid="break-paths-show-domains").encode(
        strokeDash=alt.StrokeDash(
            "label:N", scale=alt.Scale(domain=labels, range=dashes), legend=legend
        ),
        strokeWidth=alt.StrokeWidth(
            "label:N", scale=alt.Scale(domain=labels, range=widths), legend=None
        ),
    )
    points = (
        base.mark_point(filled=True, size=55, opacity=1)
        .encode(tooltip=tooltip(lang))
        .transform_filter("isValid(datum.value)")
    )
    layers = [lines, points]
    if marks is not None and not marks.empty:
        layers.append(  # last, so the lines stay the chart's first layer and dataset
            alt.Chart(marks)
            .mark_rule(strokeDash=[4, 3], strokeWidth=3, opacity=0.85)
            .encode(
                x=alt.X("year:O"),
                color=alt.Color(
                    "label:N", scale=alt.Scale(domain=labels, range=colours), legend=None
                ),
                tooltip=[
                    alt.Tooltip("action_title:N", title=t("act.tooltip_title", lang)),
                    alt.Tooltip("label:N", title=t("municipality", lang)),
                    alt.Tooltip("action_start:N", title=t("act.tooltip_start", lang)),
                ],
            ),
        )
    return alt.layer(*layers).properties(height=height).configure(locale=locale_config(lang))


def bar_chart(frame: pd.DataFrame, unit: str, lang: str) -> alt.LayerChart:
    """One year only: horizontal bars, largest first, each labelled with its value."""
    valued = frame[frame["value"].notna()]
    labels, colours, _, _ = legend_order(valued)
    order = valued.sort_values("value", ascending=False)["label"].tolist()
    base = alt.Chart(valued).encode(
        y=alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=320)),
        x=alt.X("value:Q", title=unit, axis=alt.Axis(format=",~f")),
        tooltip=tooltip(lang),
    )
    bars = base.mark_bar().encode(
        color=alt.Color("label:N", scale=alt.Scale(domain=labels, range=colours), legend=None)
    )
    text = base.mark_text(align="left", dx=4).encode(text="value_text:N")
    height = max(160, 38 * len(order))
    return alt.layer(bars, text).properties(height=height).configure(locale=locale_config(lang))


def value_table(
    frame: pd.DataFrame, decimals: int, lang: str, first_column: str, count_label: str | None = None
) -> pd.DataFrame:
    """The plotted numbers as text: one row per series, one column per year ('–' = none),
    each with its mark (Σ ≈ ?, see benchlearn.logic.flags) when `frame` has flags.

    Rows are keyed by series id (two units may share a display name). With `count_label`, a
    last row says how many members the group mean rests on each year.
    """
    order = list(dict.fromkeys(frame["series"]))
    labels = frame.drop_duplicates("series").set_index("series")["label"]
    years = sorted(frame["year"].unique())
    values = frame.pivot_table(
        index="series", columns="year", values="value", aggfunc="first", dropna=False
    ).reindex(index=order, columns=years)
    marks: dict[tuple, str] = {}
    if "flags" in frame.columns:
        marks = {
            (s, y): fl.mark(f)
            for s, y, f in zip(frame["series"], frame["year"], frame["flags"], strict=True)
        }

    def cell(s: str, y: int) -> str:
        text = format_number(values.loc[s, y], decimals, lang)
        sign = marks.get((s, y), "")
        return f"{text}{fl.NBSP}{sign}" if sign and text != "–" else text

    rows = [[labels[s], *(cell(s, y) for y in years)] for s in order]
    if count_label is not None:
        counts = frame[frame["role"] == ROLE_MEAN].set_index("year")["n"]
        rows.append(
            [count_label]
            + [
                format_number(float(counts[y]), 0, lang) if y in counts.index else "–"
                for y in years
            ]
        )
    return pd.DataFrame(rows, columns=[first_column, *(str(y) for y in years)])
