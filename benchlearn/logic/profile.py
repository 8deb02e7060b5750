"""A municipality's profile: its latest value of every indicator, placed within a group.

Pure pandas. Ranks and percentiles come from benchlearn.logic.scores, computed among the
group members that have a value in the same year as the profiled unit's latest value.
Neutral indicators get a rank (1 = largest value, a position) but no percentile: a larger
value is neither better nor worse, so the percentile bar would suggest a judgement.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from benchlearn.logic.scores import band_of, percentile, rank
from benchlearn.logic.series import LATVIA

PROFILE_COLUMNS = (
    "indicator",
    "year",
    "value",
    "latvia",
    "rank",
    "n",
    "percentile",
    "band",
    "direction",
    "source_id",
    "flags",
    "parts",
    "latvia_flags",
)
POPULATION_INDICATORS = ("population_avg", "population_start_of_year")
MIN_COMPARED = 5
POSITIONS_SHOWN = 5  # strongest and weakest, each
TOP_QUARTER, BOTTOM_QUARTER = 75.0, 25.0  # percentiles: the bands "best" and "worst"


def latest_values(obs: pd.DataFrame, unit: str) -> pd.DataFrame:
    """The latest valued row of each indicator for `unit`, indexed by indicator."""
    rows = obs[obs["unit_id"] == unit]
    values = pd.to_numeric(rows["value"], errors="coerce").astype("float64")
    rows = rows[np.isfinite(values)].assign(value=values, year=rows["year"].astype(int))
    latest = rows.sort_values(["indicator", "year"]).groupby("indicator").tail(1)
    return latest.set_index("indicator")


def compared_values(
    obs: pd.DataFrame, latest: pd.DataFrame, units: list[str], timeless_codes: set[str]
) -> pd.DataFrame:
    """indicator x unit_id: each unit's value in the profiled unit's latest year of that
    indicator (NaN for none). Timeless indicators (area) take each unit's latest value, as
    they describe the territory and may be dated differently for different versions.

    One pass over the frame instead of one filter per indicator: this was most of the
    profile page's run time.
    """
    pool = obs[obs["unit_id"].isin(units) & obs["indicator"].isin(latest.index)]
    values = pd.to_numeric(pool["value"], errors="coerce").astype("float64")
    pool = pool[np.isfinite(values)].assign(value=values, year=pool["year"].astype(int))
    undated = pool["indicator"].isin(timeless_codes)
    target = pool["indicator"].map(latest["year"].astype(int))
    dated = pool[~undated & (pool["year"] == target)]
    latest_any = (
        pool[undated].sort_values("year").drop_duplicates(["indicator", "unit_id"], keep="last")
    )
    chosen = pd.concat([dated, latest_any]).drop_duplicates(["indicator", "unit_id"])
    wide = chosen.pivot(index="indicator", columns="unit_id", values="value")
    return wide.reindex(index=latest.index, columns=units)


def _latvia_flags(
    obs: pd.DataFrame, timeless_codes: set[str]
) -> dict[tuple[str, int | None], object]:
    """Flags of Latvia's values by (indicator, year); timeless indicators also under
    (indicator, None) for their latest year. One pass over the frame."""
    if "flags" not in obs.columns:
        return {}
    rows = obs[obs["unit_id"] == LATVIA].sort_values("year")
    out: dict[tuple[str, int | None], object] = {
        (str(c), int(y)): f
        for c, y, f in zip(rows["indicator"], rows["year"], rows["flags"], strict=True)
    }
    for c, f in zip(rows["indicator"], rows["flags"], strict=True):
        if c in timeless_codes:
            out[(str(c), None)] = f  # sorted by year: the latest wins
    return out


def place(values: pd.Series, unit: str, direction: str) -> dict[str, object]:
    """Rank, number of valued units, percentile (NaN for neutral) and band of `unit`."""
    ranks = rank(values, direction)
    p = percentile(values, direction)[unit] if direction != "neutral" else math.nan
    unit_rank = ranks[unit]
    return {
        "rank": None if pd.isna(unit_rank) else int(unit_rank),
        "n": int(values.notna().sum()),
        "percentile": float(p),
        "band": band_of(float(p), direction) if direction != "neutral" else "neutral",
    }


def timeless(catalogue: pd.DataFrame, code: str) -> bool:
    return "timeless" in catalogue.columns and bool(catalogue.loc[code, "timeless"])


def profile_table(
    obs: pd.DataFrame, unit: str, members: list[str], catalogue: pd.DataFrame
) -> pd.DataFrame:
    """One row per catalogue indicator that `unit` has a value for, in catalogue order.

    year/value: the unit's latest, with its flags and parts (benchlearn.logic.flags);
    latvia: Latvia's value in that same year (NaN if none), latvia_flags its flags;
    rank/n/percentile/band: within `members` (the unit is added if it is not among them),
    in that year. Timeless indicators (catalogue column `timeless`) compare each unit's
    latest value, whatever its date. `catalogue` is indexed by code and has a `direction` column.
    """
    latest = latest_values(obs, unit)
    group = list(dict.fromkeys([*members, unit]))
    timeless_codes = {c for c in catalogue.index if timeless(catalogue, c)}
    wide = compared_values(obs, latest, [*group, LATVIA], timeless_codes)
    latvia_flags = _latvia_flags(obs, timeless_codes)
    rows = []
    for code in catalogue.index:
        if code not in latest.index:
            continue
        mine = latest.loc[code]
        year, direction = int(mine["year"]), str(catalogue.loc[code, "direction"])
        values = wide.loc[code, group]
        latvia = wide.loc[code, LATVIA]
        rows.append(
            {
                "indicator": code,
                "year": year,
                "value": float(mine["value"]),
                "latvia": float(latvia),
                **place(values, unit, direction),
                "direction": direction,
                "source_id": mine.get("source_id"),
                "flags": mine.get("flags"),
                "parts": mine.get("parts"),
                "latvia_flags": latvia_flags.get((code, None if code in timeless_codes else year))
                if not pd.isna(latvia)
                else None,
            }
        )
    out = pd.DataFrame(rows, columns=list(PROFILE_COLUMNS))
    out["rank"] = out["rank"].astype("Int64")
    out["n"] = out["n"].astype("Int64")
    out["percentile"] = out["percentile"].astype("float64")
    return out


def strongest_weakest(
    table: pd.DataFrame, limit: int = POSITIONS_SHOWN, min_n: int = MIN_COMPARED
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The best and worst positions: the group's top and bottom quarter, never its middle.

    Only directed indicators compared among at least `min_n` valued units count (second of
    two is not a strength worth headlining). Strongest: percentile >= 75, the band the table
    calls "best quarter", best first. Weakest: percentile <= 25 ("worst quarter"), worst
    first. At most `limit` each, so a strong group may list fewer, and none rather than a
    middle rank. Ties keep the table's (catalogue) order.
    """
    judged = table[
        (table["direction"] != "neutral") & table["percentile"].notna() & (table["n"] >= min_n)
    ]
    # The same cut-offs as the colour bands (scores.band_of): a "strong" line with a
    # "middle half" label beside it would contradict itself.
    strong = judged[judged["percentile"] >= TOP_QUARTER].sort_values(
        "percentile", ascending=False, kind="stable"
    )
    weak = judged[judged["percentile"] <= BOTTOM_QUARTER].sort_values("percentile", kind="stable")
    return strong.head(limit), weak.head(limit)


def population_fact(obs: pd.DataFrame, unit: str) -> pd.Series | None:
    """The latest population figure of `unit` (annual average or start of year).

    The most recent year wins; on a tie the annual average (CSP IRS031) is preferred.
    Returns the row (indicator, year, value, flags, ...) or None if there is no figure.
    """
    latest = latest_values(obs, unit)
    found = [
        latest.loc[code].rename(code) for code in POPULATION_INDICATORS if code in latest.index
    ]
    if not found:
        return None
    best = max(found, key=lambda row: (int(row["year"]), -POPULATION_INDICATORS.index(row.name)))
    return pd.concat([pd.Series({"indicator": best.name}), best])


def multi_year(obs: pd.DataFrame, unit: str, indicators: list[str]) -> list[str]:
    """Indicators (in the given order) for which `unit` has values in more than one year."""
    rows = obs[(obs["unit_id"] == unit) & obs["indicator"].isin(indicators)]
    rows = rows[np.isfinite(pd.to_numeric(rows["value"], errors="coerce").astype("float64"))]
    counts = rows.groupby("indicator")["year"].nunique()
    return [code for code in indicators if counts.get(code, 0) > 1]


def sources_used(obs: pd.DataFrame, units: list[str], indicators: list[str]) -> pd.DataFrame:
    """Distinct sources behind the values of `units` for `indicators` (derived ones excluded:
    their inputs' sources are listed instead). Columns: source_id, source_title, source_url,
    retrieved, ordered by title."""
    rows = obs[obs["unit_id"].isin(units) & obs["indicator"].isin(indicators)]
    rows = rows[rows["source_id"].notna() & (rows["source_id"] != "derived")]
    columns = ["source_id", "source_title", "source_url", "retrieved"]
    out = rows[columns].fillna("").drop_duplicates()
    return out.sort_values(["source_title", "retrieved"]).reset_index(drop=True)
