"""Figures of the units before a reform carried onto the units after it: the 119 pre-reform
municipalities onto the 43 of 1 July 2021, and Madonas and Varakļānu novads onto the merged
Madonas novads of 1 July 2025.

A territory the reform did not change is the same unit in both versions (see
ingest.boundaries.same_territory), so its figures need nothing. For a changed one, a value is
**constructed** only for additive indicators (counts, areas, lengths), only when every
pre-reform municipality that makes it up has a value, and only when none of them was split
between new units (then no sum of whole municipalities is its territory). Each constructed
value is flagged `constructed` and names its parts; every case that could not be harmonised
is reported with what is missing. Ratios are then recomputed from the constructed parts by
the catalogue's formulas, never summed.
"""

from __future__ import annotations

import pandas as pd

from benchlearn.formulas import INHERITED_FLAGS
from benchlearn.ingest.observations import OBS_COLUMNS

SOURCE_ID = "harmonised"
REPORT_COLUMNS = ["indicator", "year", "unit_id", "status", "parts", "missing"]


def _label(unit_id: str, names: dict[str, str]) -> str:
    return f"{names.get(unit_id, unit_id)} ({unit_id})"


def _flags(values: pd.Series) -> str:
    tokens = {f for text in values.fillna("") for f in str(text).split(",")}
    return ",".join(sorted({"constructed"} | (tokens & set(INHERITED_FLAGS))))


def harmonise(
    observations: pd.DataFrame,
    parts: pd.DataFrame,
    additive: set[str],
    names: dict[str, str],
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Constructed observations (OBS_COLUMNS + parts) for the new units, and the report.

    `parts`: unit_id (new), part_id (pre-reform), whole (the part lies in it entirely).
    `names`: unit id -> name for the texts. Values the new unit already has are kept."""
    changed = parts.loc[parts["unit_id"] != parts["part_id"]]
    old_ids = set(changed["part_id"])
    old = observations.loc[
        observations["indicator"].isin(additive) & observations["unit_id"].isin(old_ids)
    ]
    held = set(
        zip(observations["unit_id"], observations["indicator"], observations["year"], strict=True)
    )
    reforms = sorted(set(parts["reform"])) if "reform" in parts else []
    when = f" of {', '.join(map(str, reforms))}" if reforms else ""
    built, report = [], []
    for unit_id, members in changed.groupby("unit_id"):
        ids = sorted(members["part_id"])
        listed = " + ".join(_label(p, names) for p in ids)
        split = members.loc[~members["whole"], "part_id"].tolist()
        mine = old.loc[old["unit_id"].isin(ids)]
        for (indicator, year), rows in mine.groupby(["indicator", "year"]):
            if (unit_id, indicator, year) in held:
                continue  # a reported figure for the new unit wins
            have = set(rows["unit_id"])
            missing = [p for p in ids if p not in have]
            status = "split" if split else "partial" if missing else "constructed"
            note = split if split else missing
            report.append(
                {
                    "indicator": indicator,
                    "year": int(year),
                    "unit_id": unit_id,
                    "status": status,
                    "parts": listed,
                    "missing": " + ".join(_label(p, names) for p in note) or None,
                }
            )
            if status != "constructed":
                continue
            titles = "; ".join(dict.fromkeys(rows["source_title"].dropna().astype(str)))
            built.append(
                {
                    "unit_id": unit_id,
                    "indicator": indicator,
                    "year": int(year),
                    "value": float(rows["value"].sum()),
                    "flags": _flags(rows["flags"]),
                    "source_id": SOURCE_ID,
                    "source_file": None,
                    "source_line": None,
                    "source_title": (
                        f"Constructed: sum of {len(ids)} municipalities before the reform"
                        f"{when} ({titles})"
                    ),
                    "source_url": rows["source_url"].dropna().iloc[0]
                    if rows["source_url"].notna().any()
                    else None,
                    "retrieved": rows["retrieved"].dropna().astype(str).max()
                    if rows["retrieved"].notna().any()
                    else None,
                    "parts": listed,
                }
            )
    constructed = pd.DataFrame(built, columns=[*OBS_COLUMNS, "parts"])
    return constructed, pd.DataFrame(report, columns=REPORT_COLUMNS)
