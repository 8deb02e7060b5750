"""What the map shows for one indicator-year slice: colours, ranks, tooltip text, legend."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from benchlearn.formatting import format_number, format_rank, format_value
from benchlearn.i18n import t
from benchlearn.logic import flags as fl
from benchlearn.logic.classify import Classified, classify
from benchlearn.logic.scores import rank

CITY_KINDS = ("state_city", "republican_city")


@dataclass(frozen=True)
class MapSlice:
    # by unit_id: name, value, colour, value_text (with its mark, e.g. "1 234 km Σ"),
    # rank_text, city, rank, flags, status_text (the status in words, "" without a value)
    table: pd.DataFrame
    classified: Classified
    valued: int


def map_slice(
    slice_: pd.DataFrame,
    direction: str,
    method: str,
    reference: float | None,
    unit: str,
    decimals: int,
    lang: str,
) -> MapSlice:
    """`slice_`: indicator_slice rows (unit_id, name_lv, name_en, kind, value, and flags and
    parts when the values have them)."""
    frame = slice_.set_index("unit_id")
    values = frame["value"].astype(float)
    classified = classify(values, direction, method, reference)
    ranks = rank(values, direction)
    valued = int(values.notna().sum())
    name = frame["name_en" if lang == "en" else "name_lv"]
    table = pd.DataFrame(
        {
            "name": name,
            "value": values,
            "colour": classified.colours,
            "value_text": [format_value(v, unit, decimals, lang) for v in values],
            "rank": ranks,
            "rank_text": [
                format_rank(None if pd.isna(r) else int(r), valued, lang)
                if direction != "neutral" or not pd.isna(r)
                else ""
                for r in ranks
            ],
            "city": frame["kind"].isin(CITY_KINDS),
        }
    )
    # A slice without flags (a composite index) says nothing about its values' status.
    known = "flags" in frame.columns
    flags = frame["flags"] if known else pd.Series(None, index=frame.index, dtype=object)
    parts = frame["parts"] if "parts" in frame.columns else None
    table["flags"] = flags.astype(object).to_numpy()
    table["value_text"] = [fl.marked(v, f) for v, f in zip(table["value_text"], flags, strict=True)]
    table["status_text"] = fl.statuses(flags, parts, lang, values.notna() & known)
    table.loc[values.isna(), "value_text"] = t("no_data", lang)
    return MapSlice(table, classified, valued)


def legend_rows(classified: Classified, unit: str, decimals: int, lang: str) -> list[tuple]:
    """(colour, label, count) from high to low values, as a legend is read top-down."""
    rows = []
    for entry in reversed(classified.legend):
        low = format_number(entry.low, decimals, lang)
        high = format_number(entry.high, decimals, lang)
        label = f"{low} {unit}" if low == high else f"{low} – {high} {unit}"
        rows.append((entry.colour, label, entry.count))
    return rows
