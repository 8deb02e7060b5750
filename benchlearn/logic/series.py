"""Trend series for one indicator: a line per unit on a full year grid, plus reference lines.

Pure pandas. Every line is laid out on the same contiguous year grid, so a year without a
value is a row with NaN (the chart breaks the line there) instead of a missing row (the
chart would silently join the neighbouring years). Missing never counts as zero.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

LATVIA = "LV"
MEAN = "_mean"
ROLE_UNIT, ROLE_MY, ROLE_LATVIA, ROLE_MEAN = "unit", "my", "latvia", "mean"
ROLES: tuple[str, ...] = (ROLE_MY, ROLE_UNIT, ROLE_LATVIA, ROLE_MEAN)
DETAIL_COLUMNS = ("source_id", "source_title", "source_url", "retrieved", "flags", "parts")
SERIES_COLUMNS = ("series", "role", "year", "value", "n", "n_total", *DETAIL_COLUMNS)
OFF_SCALE_FACTOR = 3.0


def valued(obs: pd.DataFrame, indicator: str) -> pd.DataFrame:
    """Rows of one indicator with a finite value (NaN and +/-inf are 'no data')."""
    rows = obs[obs["indicator"] == indicator]
    values = pd.to_numeric(rows["value"], errors="coerce").astype("float64")
    return rows[np.isfinite(values)].assign(value=values, year=rows["year"].astype(int))


def year_grid(obs: pd.DataFrame, indicator: str, units: list[str]) -> list[int]:
    """Every year from the first to the last in which one of `units` has a value."""
    rows = valued(obs, indicator)
    years = rows.loc[rows["unit_id"].isin(units), "year"]
    if years.empty:
        return []
    return list(range(int(years.min()), int(years.max()) + 1))


def unit_lines(
    obs: pd.DataFrame, indicator: str, units: list[str], years: list[int]
) -> pd.DataFrame:
    """One row per unit and grid year: unit_id, year, value (NaN = gap) and its source."""
    rows = valued(obs, indicator).drop_duplicates(["unit_id", "year"])
    rows = rows[rows["unit_id"].isin(units) & rows["year"].isin(years)]
    grid = pd.MultiIndex.from_product([units, years], names=["unit_id", "year"])
    columns = ["value", *(c for c in DETAIL_COLUMNS if c in rows.columns)]
    out = rows.set_index(["unit_id", "year"])[columns].reindex(grid).reset_index()
    out["value"] = out["value"].astype("float64")
    return out


def group_mean(
    obs: pd.DataFrame, indicator: str, members: list[str], years: list[int]
) -> pd.DataFrame:
    """Per grid year: mean over the members that have a value, and how many did (n of total).

    A year in which no member has a value gets NaN (a gap), not zero.
    """
    lines = unit_lines(obs, indicator, members, years)
    stats = lines.groupby("year")["value"].agg(["mean", "count"]).reindex(years)
    out = pd.DataFrame(
        {
            "year": years,
            "value": stats["mean"].to_numpy(dtype="float64"),
            "n": stats["count"].fillna(0).astype(int).to_numpy(),
        }
    )
    out["n_total"] = len(members)
    return out


def most_covered(
    obs: pd.DataFrame, indicator: str, members: list[str], limit: int = 12
) -> list[str]:
    """Up to `limit` members with the most years of data (ties keep the members' order)."""
    rows = valued(obs, indicator)
    counts = rows[rows["unit_id"].isin(members)].groupby("unit_id")["year"].nunique()
    order = {u: i for i, u in enumerate(members)}
    ranked = sorted(counts.index, key=lambda u: (-counts[u], order[u]))
    return ranked[:limit]


def trend_series(
    obs: pd.DataFrame, indicator: str, units: list[str], my: str | None, members: list[str]
) -> pd.DataFrame:
    """Long frame of every line to draw, on one year grid.

    Lines: `my` (role "my") and `units` (role "unit"), Latvia (series "LV", role "latvia",
    only when it has a value in the grid) and the mean of `members` (series "_mean", role
    "mean", only when members exist; n = members with a value that year, n_total = members).
    The grid spans the years in which any of these lines has a value.
    """
    drawn = list(dict.fromkeys([*([my] if my else []), *units]))
    years = year_grid(obs, indicator, [*drawn, LATVIA, *members])
    frames = []
    if drawn and years:
        lines = unit_lines(obs, indicator, drawn, years).rename(columns={"unit_id": "series"})
        lines["role"] = np.where(lines["series"] == my, ROLE_MY, ROLE_UNIT)
        frames.append(lines)
    latvia = unit_lines(obs, indicator, [LATVIA], years) if years else pd.DataFrame()
    if not latvia.empty and latvia["value"].notna().any():
        frames.append(latvia.rename(columns={"unit_id": "series"}).assign(role=ROLE_LATVIA))
    if members and years:
        frames.append(
            group_mean(obs, indicator, members, years).assign(series=MEAN, role=ROLE_MEAN)
        )
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in SERIES_COLUMNS})
    out = pd.concat(frames, ignore_index=True)
    for column in SERIES_COLUMNS:
        if column not in out.columns:
            out[column] = pd.NA
    out["n"] = out["n"].astype("Int64")
    out["n_total"] = out["n_total"].astype("Int64")
    return out[list(SERIES_COLUMNS)]


def off_scale(
    series: pd.DataFrame, role: str = ROLE_LATVIA, factor: float = OFF_SCALE_FACTOR
) -> bool:
    """True when the `role` line would squash the others: its largest magnitude is more
    than `factor` times theirs (e.g. Latvia's total population next to a county's).

    Never true when there is nothing else to compare with.
    """
    values = series["value"].abs()
    reference = values[series["role"] == role].max()
    others = values[~series["role"].isin([role, ROLE_LATVIA])]
    top = others.max()
    if pd.isna(reference) or pd.isna(top) or top == 0:
        return False
    return bool(reference > factor * top)


def single_year(series: pd.DataFrame) -> int | None:
    """The year, if every value drawn falls in one year; None otherwise."""
    years = series.loc[series["value"].notna(), "year"].unique()
    return int(years[0]) if len(years) == 1 else None


def wide(series: pd.DataFrame) -> pd.DataFrame:
    """Values as a table: one row per series (in drawing order), one column per year."""
    order = list(dict.fromkeys(series["series"]))
    table = series.pivot_table(
        index="series", columns="year", values="value", aggfunc="first", dropna=False
    )
    return table.reindex(index=order, columns=sorted(series["year"].unique()))
