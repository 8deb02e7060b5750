"""Charts and tables for the municipality profile: small trend charts, one per indicator,
and the HTML tables of positions and gaps (charts.tables) the page shows by theme."""

from __future__ import annotations

import altair as alt
import pandas as pd

from benchlearn.charts import tables
from benchlearn.charts.trends import legend_order, locale_config, tooltip
from benchlearn.i18n import t

TABLE_MAX_PX = 740  # then the table scrolls under its header
# The gaps table wraps its cells, so its seven columns fit the page at 1280 px without a
# sideways scroll (a council reads it on a projector); numbers keep their no-break spaces.
GAPS_CSS = (
    "<style>.bl-gaps .bl-table th, .bl-gaps .bl-table td { white-space: normal; }"
    ".bl-gaps .bl-table tbody th { min-width: 12rem; }"
    ".bl-gaps .bl-table td.num { white-space: nowrap; }</style>"
)


def table_html(
    table: pd.DataFrame, themes: list[str], band_colours: list[str | None], lang: str
) -> str:
    """Every indicator with its value, Latvia's, the rank and a percentile bar, by theme: built
    once per view (screens.profile.profile_view), as its rows grow with the catalogue (2,000
    at 100x). `table` is logic.profileview.display_table."""
    numbers = [t(k, lang) for k in ("value", "profile.latvia_value", "profile.col_rank")]
    percentile = t("profile.col_percentile", lang)
    return tables.html_table(
        table,
        label=t("profile.all", lang),
        numeric=numbers,
        bars={percentile: 100},
        notes={percentile: t("profile.percentile_help", lang)},
        swatches={t("profile.col_band", lang): band_colours},
        max_height=TABLE_MAX_PX,
        pinned=True,
        groups=themes,
    )


def gaps_html(
    table: pd.DataFrame,
    themes: list[str],
    verdict_colours: list[str | None],
    basis: str,
    lang: str,
) -> str:
    """Every indicator with the expected value (median and middle half of the reference
    units) and the gap in numbers and words, by theme; built once per view. `table` is
    logic.profileview.gap_display."""
    expected, gap = t(f"gap.col_expected.{basis}", lang), t("gap.col_gap", lang)
    bars = {t("gap.col_percentile", lang): 100} if basis == "peers" else {}
    body = tables.html_table(
        table,
        label=t(f"gap.table.{basis}", lang),
        numeric=[t("value", lang), expected, gap],
        bars=bars,
        notes={expected: t("gap.expected_help", lang), gap: t("gap.gap_help", lang)},
        swatches={t(f"gap.col_words.{basis}", lang): verdict_colours},
        max_height=TABLE_MAX_PX,
        pinned=True,
        groups=themes,
    )
    return f'{GAPS_CSS}<div class="bl-gaps">{body}</div>'


def small_trend(
    frame: pd.DataFrame, title: str, unit: str, lang: str, width: int = 300, height: int = 150
) -> alt.LayerChart:
    """One indicator over the years: the unit's line (and dashed Latvia when on scale).

    `frame` comes from charts.trends.display_frame; NaN years break the line. No legend:
    the page says once, under all the small charts, which line is which.
    """
    labels, colours, dashes, _ = legend_order(frame)
    colour = alt.Color("label:N", scale=alt.Scale(domain=labels, range=colours), legend=None)
    base = alt.Chart(frame).encode(
        x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0, labelOverlap=True)),
        y=alt.Y(
            "value:Q",
            title=None,
            scale=alt.Scale(zero=False),
            axis=alt.Axis(format=",~f", tickCount=4),
        ),
        color=colour,
    )
    lines = base.mark_line(invalid="break-paths-show-domains", strokeWidth=2.5).encode(
        strokeDash=alt.StrokeDash(
            "label:N", scale=alt.Scale(domain=labels, range=dashes), legend=None
        )
    )
    points = (
        base.mark_point(filled=True, size=35, opacity=1)
        .encode(tooltip=tooltip(lang))
        .transform_filter("isValid(datum.value)")
    )
    return alt.layer(lines, points).properties(
        width=width,
        height=height,
        title=alt.TitleParams(title, subtitle=unit, anchor="start", fontSize=13, limit=width),
    )


def small_multiples(charts: list[alt.LayerChart], lang: str, columns: int = 3) -> alt.ConcatChart:
    """Small trend charts in rows of `columns`, each with its own scale."""
    return (
        alt.concat(*charts, columns=columns)
        .resolve_scale(y="independent", color="independent", strokeDash="independent")
        .configure(locale=locale_config(lang))
    )
