"""Comparison groups: who a municipality is compared with."""

from __future__ import annotations

import pandas as pd

FIXED_GROUPS = ("all", "state_cities", "novadi", "compared")
CITY_KINDS = ("state_city", "republican_city")


def group_codes(units: pd.DataFrame) -> list[str]:
    """Fixed groups plus one per NUTS 3 region present among the units."""
    regions = sorted(units["nuts3_code"].dropna().unique())
    return [*FIXED_GROUPS, *(f"nuts:{code}" for code in regions)]


def group_members(code: str, units: pd.DataFrame, compared: list[str]) -> list[str]:
    """Unit ids of a group among `units` (the local governments of one boundary version)."""
    ids = units["unit_id"]
    if code == "state_cities":
        return ids[units["kind"].isin(CITY_KINDS)].tolist()
    if code == "novadi":
        return ids[units["kind"] == "novads"].tolist()
    if code == "compared":
        return [u for u in compared if u in set(ids)]
    if code.startswith("nuts:"):
        return ids[units["nuts3_code"] == code.removeprefix("nuts:")].tolist()
    return ids.tolist()
