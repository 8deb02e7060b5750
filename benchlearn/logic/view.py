"""Which years an indicator offers and which boundaries a year's figures are drawn on."""

from __future__ import annotations

import datetime as dt

import pandas as pd

MUNICIPAL_VERSIONS = ("pre2021", "lg2021", "lg2025")
MAP_VERSIONS = ("pre2021", "lg2021", "lg2025", "parish2021", "parish2025")


def years_by_indicator(coverage: pd.DataFrame) -> dict[str, list[int]]:
    """Years in which any local government, parish or Latvia has a value, per indicator."""
    rows = coverage[coverage["version"].isin([*MAP_VERSIONS, "country"])]
    return {
        ind: sorted(int(y) for y in group["year"].unique())
        for ind, group in rows.groupby("indicator")
    }


def version_valid_in(year: int, versions: pd.DataFrame) -> str:
    """The municipal boundary version in force on 1 January of `year`."""
    day = dt.date(year, 1, 1)
    for row in versions.itertuples():
        if row.version not in MUNICIPAL_VERSIONS:
            continue
        start = row.valid_from if pd.notna(row.valid_from) else dt.date.min
        end = row.valid_to if pd.notna(row.valid_to) else dt.date.max
        if _as_date(start) <= day <= _as_date(end):
            return row.version
    return "lg2021"


def _as_date(value: object) -> dt.date:
    return value.date() if isinstance(value, dt.datetime | pd.Timestamp) else value  # type: ignore[return-value]


def choose_version(
    indicator: str, year: int, requested: str, coverage: pd.DataFrame, versions: pd.DataFrame
) -> tuple[str, bool]:
    """Boundaries for a map: the requested ones, or those valid in the year.

    CSP back-casts some series to today's boundaries (IRS031 2012-2020 on the 43): if another
    municipal version holds more of the year's values than the valid one, show that one and
    say so. (The territories the 2021 reform did not change belong to both versions, so the
    valid one may hold a few back-cast values: 7 of 119 would be a map of gaps.)
    Returns (version, moved) where moved is True when the figures forced another version.
    """
    if requested != "auto":
        return requested, False
    valid = version_valid_in(year, versions)
    counts = coverage[
        (coverage["indicator"] == indicator)
        & (coverage["year"] == year)
        & coverage["version"].isin(MUNICIPAL_VERSIONS)
    ]
    by_version = dict(zip(counts["version"], counts["n_units"], strict=True))
    if not by_version:
        return valid, False
    # ties: the valid version, then the one nearest the year's (the 43 before the 42)
    later = MUNICIPAL_VERSIONS.index
    best = max(by_version, key=lambda v: (by_version[v], v == valid, -later(v)))
    if by_version[best] <= by_version.get(valid, 0):
        return valid, False
    return best, True
