"""The Data page's coverage by year, the harmonisation report and the note on state-city
population figures. Pure pandas: query results in, tables and sentences out.

Inputs are the rows of queries/coverage_flags.sql, harmonisation_summary.sql,
harmonisation_partial.sql and state_city_population.sql.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from benchlearn.i18n import t
from benchlearn.logic.benchmark import name_key
from benchlearn.logic.flags import CLASSES

COVERAGE_VERSIONS: tuple[str, ...] = ("lg2021", "lg2025", "pre2021", "parish2021")
HARMONISATION_STATUSES: tuple[str, ...] = ("constructed", "partial", "split")


def coverage_by_year(rows: pd.DataFrame, order: Sequence[str]) -> pd.DataFrame:
    """One row per indicator and year (indicators in `order`, then any others; years
    ascending): indicator, year, n_units (units with a value) and one count per class of
    value (flags.CLASSES), 0 where none. `rows`: indicator, year, class, n_units."""
    columns = ["indicator", "year", "n_units", *CLASSES]
    if rows.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    wide = rows.pivot_table(
        index=["indicator", "year"], columns="class", values="n_units", aggfunc="sum", fill_value=0
    )
    wide = wide.reindex(columns=list(CLASSES), fill_value=0).astype(int)
    wide.insert(0, "n_units", wide.sum(axis=1))
    out = wide.reset_index()
    place = {code: i for i, code in enumerate(order)}
    out["_order"] = out["indicator"].map(lambda c: place.get(c, len(place)))
    out = out.sort_values(["_order", "indicator", "year"], kind="stable")
    out["year"] = out["year"].astype(int)
    return out[columns].reset_index(drop=True)


def coverage_frame(
    table: pd.DataFrame, names: Mapping[str, str], total: int, lang: str
) -> pd.DataFrame:
    """coverage_by_year labelled for reading: indicator name, year, units with a value (of
    `total`, the units of the version) and a column per class that occurs at all (official
    statistics always)."""
    shown = [c for c in CLASSES if c == "reported" or (c in table and table[c].sum() > 0)]
    frame = pd.DataFrame(
        {
            t("sel.indicator", lang): [names.get(c, c) for c in table["indicator"]],
            t("sel.year", lang): table["year"].astype(int).to_numpy(),
            t("data.cov_with_value", lang, n=total): table["n_units"].astype(int).to_numpy(),
        }
    )
    for c in shown:
        frame[t(f"data.cov.{c}", lang)] = table[c].astype(int).to_numpy()
    return frame


def _in_catalogue_order(frame: pd.DataFrame, order: Sequence[str]) -> pd.DataFrame:
    """Rows by indicator in catalogue `order` (unknown codes last), then by year."""
    place = {code: i for i, code in enumerate(order)}
    rows = frame.assign(_order=frame["indicator"].map(lambda c: place.get(c, len(place))))
    return rows.sort_values(["_order", "indicator", "year"], kind="stable")


def harmonisation_frame(
    summary: pd.DataFrame, names: Mapping[str, str], order: Sequence[str], lang: str
) -> pd.DataFrame:
    """Counts per indicator and year of constructed, partial and split units, labelled;
    indicators in catalogue `order`. `summary`: indicator, year, constructed, partial, split."""
    rows = _in_catalogue_order(summary, order)
    frame = pd.DataFrame(
        {
            t("sel.indicator", lang): [names.get(c, c) for c in rows["indicator"]],
            t("sel.year", lang): rows["year"].astype(int).to_numpy(),
        }
    )
    for status in HARMONISATION_STATUSES:
        frame[t(f"data.harm.{status}", lang)] = rows[status].astype(int).to_numpy()
    return frame


def partial_frame(
    partial: pd.DataFrame, names: Mapping[str, str], order: Sequence[str], lang: str
) -> pd.DataFrame:
    """The partial cases: indicator, year, today's unit, what is missing, all its parts.
    `partial`: indicator, year, unit_id, name_lv, name_en, parts, missing."""
    rows = _in_catalogue_order(partial, order)
    unit_names = rows["name_en" if lang == "en" else "name_lv"].fillna(rows["unit_id"])
    return pd.DataFrame(
        {
            t("sel.indicator", lang): [names.get(c, c) for c in rows["indicator"]],
            t("sel.year", lang): rows["year"].astype(int).to_numpy(),
            t("municipality", lang): unit_names.to_numpy(),
            t("data.harm_missing", lang): rows["missing"].fillna("").to_numpy(),
            t("data.harm_parts", lang): rows["parts"].fillna("").to_numpy(),
        }
    )


# --- state-city population ---------------------------------------------------------------


def year_ranges(years: Iterable[int]) -> str:
    """2012, 2013, 2014, 2016 -> '2012–2014, 2016'."""
    ordered = sorted({int(y) for y in years})
    runs: list[list[int]] = []
    for year in ordered:
        if runs and runs[-1][1] == year - 1:
            runs[-1][1] = year
        else:
            runs.append([year, year])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in runs)


def missing_population(rows: pd.DataFrame) -> dict[str, list[tuple[str, list[int]]]]:
    """Per population indicator: (unit_id, years without a value) of each state city that
    lacks any year in the span local governments have values in. Indicators in the order of
    `rows`; cities that lack nothing are left out. `rows`: unit_id, indicator, first_year,
    last_year, years (a list, possibly empty or None)."""
    out: dict[str, list[tuple[str, list[int]]]] = {}
    for row in rows.itertuples(index=False):
        span = range(int(row.first_year), int(row.last_year) + 1)
        have = set() if row.years is None else {int(y) for y in row.years}
        missing = [y for y in span if y not in have]
        if missing:
            out.setdefault(str(row.indicator), []).append((str(row.unit_id), missing))
    return out


def city_population_note(
    rows: pd.DataFrame,
    unit_names: Mapping[str, str],
    indicator_names: Mapping[str, str],
    before: int,
    lang: str,
) -> str:
    """One sentence: which state cities lack which population figures in which years before
    `before`, cities with the same missing years named together:
    '… «Vidējais gada iedzīvotāju skaits»: Daugavpils, Rīga (2012–2024). …'.
    Says that nothing is missing when nothing is; "" without any population figures."""
    if rows.empty:
        return ""
    missing = missing_population(rows)
    if not missing:
        return t("data.city_population_complete", lang, year=before)
    items = []
    for code, cities in missing.items():
        by_years: dict[str, list[str]] = {}
        for unit, years in cities:
            by_years.setdefault(year_ranges(years), []).append(unit_names.get(unit, unit))
        groups = "; ".join(
            f"{', '.join(sorted(names, key=name_key))} ({years})"
            for years, names in by_years.items()
        )
        items.append(f"«{indicator_names.get(code, code)}»: {groups}")
    return t("data.city_population", lang, year=before, items=". ".join(items))
