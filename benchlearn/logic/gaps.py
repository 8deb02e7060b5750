"""Expected value and gap: what similar municipalities reach on an indicator, and how far a
municipality is from it, in the indicator's unit, in percent and as a percentile.

Pure pandas. The reference units are the peers of the peers page (logic.peers.find_peers on
its default indicators and year) or, when a comparison group is chosen, the group's other
members. The expected value is their median, the spread their middle half (interquartile
range, pandas' linear quantiles); the unit itself is never part of its own reference.
Reference values are taken in the unit's own year of the indicator, as on the profile, so
like is compared with like. A missing value never counts as zero.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from benchlearn.formatting import format_number
from benchlearn.i18n import t, tn
from benchlearn.logic.peers import DEFAULT_PEER_INDICATORS, find_peers
from benchlearn.logic.scores import as_float, oriented, percentile

MIN_REFERENCE = 3  # fewer reference values than this: no median worth a sentence
DEFAULT_K = 7  # as the peers page opens
BASES = ("peers", "group")

GAP_COLUMNS = (
    "indicator",
    "n_ref",
    "median",
    "q1",
    "q3",
    "gap",
    "relative",
    "percentile",
    "verdict",
    "best",
    "best_value",
)


def default_peers(
    observations: pd.DataFrame,
    catalogue: pd.DataFrame,
    unit_ids: Sequence[str],
    years: Sequence[int],
    focus: str,
    k: int = DEFAULT_K,
) -> list[str]:
    """The similar municipalities the peers page shows by default for `focus`: its default
    indicators and weights, the year in which most units have all of them, k nearest.
    observations: the values of those indicators (views.indicator_observations)."""
    from benchlearn.logic import similar  # it imports logic.benchmark, which imports this

    codes = list(DEFAULT_PEER_INDICATORS)
    year = similar.best_year(observations, catalogue, codes, unit_ids, years)
    if year is None or focus not in unit_ids:
        return []
    table, _ = similar.structural_table(observations, catalogue, codes, unit_ids, year)
    usable, _ = similar.usable_indicators(table, focus, DEFAULT_PEER_INDICATORS)
    if not usable:
        return []
    return find_peers(table, focus, usable, k=k).peers.index.tolist()


def reference_units(
    grp: str, members: Sequence[str], peers: Sequence[str], unit: str
) -> tuple[str, list[str]]:
    """(basis, units): the chosen group's other members when a group other than all local
    governments is chosen and holds the unit, else the similar municipalities."""
    if grp != "all" and unit in members:
        return "group", [u for u in members if u != unit]
    return "peers", [u for u in peers if u != unit]


def expected_gap(value: float, reference: pd.Series, direction: str) -> dict:
    """The expected value and gap of one value against its reference values (NaN = none).

    median/q1/q3 of the valued references; gap = value - median (the indicator's unit);
    relative = gap / |median| * 100 (NaN when the median is 0); percentile = the value's
    place among the references and itself (100 = best, scores.percentile; NaN for neutral
    indicators); verdict: better | worse | same (the gap is 0) | neutral | none (fewer than
    MIN_REFERENCE references, or no value); best: the best-placed reference (the largest
    for neutral ones), ties by id.
    """
    ref = as_float(reference).dropna()
    out = dict.fromkeys(GAP_COLUMNS[1:], math.nan) | {"n_ref": len(ref), "verdict": "none"}
    out["best"] = None
    if len(ref) < MIN_REFERENCE or not math.isfinite(value):
        return out
    median = float(ref.median())
    gap = float(value) - median
    with_me = pd.concat([ref, pd.Series([float(value)], index=["__me__"])])
    turned = oriented(ref.sort_index(), direction)
    best = str(turned.idxmax())
    if direction == "neutral":
        verdict, pct = "neutral", math.nan
    else:
        pct = float(percentile(with_me, direction)["__me__"])
        sign = np.sign(gap) * (1 if direction == "higher_better" else -1)
        verdict = "same" if gap == 0 else ("better" if sign > 0 else "worse")
    return out | {
        "median": median,
        "q1": float(ref.quantile(0.25)),
        "q3": float(ref.quantile(0.75)),
        "gap": gap,
        "relative": gap / abs(median) * 100 if median != 0 else math.nan,
        "percentile": pct,
        "verdict": verdict,
        "best": best,
        "best_value": float(ref[best]),
    }


def gap_table(
    obs: pd.DataFrame, profile: pd.DataFrame, reference: Sequence[str], catalogue: pd.DataFrame
) -> pd.DataFrame:
    """One row per row of `profile` (logic.profile.profile_table): expected value and gap of
    the unit's value against the `reference` units' values in the same year (each unit's
    latest for timeless indicators). obs: as profile_table reads it."""
    pool = obs[obs["unit_id"].isin(list(reference)) & obs["indicator"].isin(profile["indicator"])]
    pool = pool.assign(value=as_float(pool["value"]), year=pool["year"].astype(int))
    pool = pool[pool["value"].notna()].sort_values("year")
    timeless = (
        set(catalogue.index[catalogue["timeless"].astype(bool)])
        if "timeless" in catalogue
        else set()
    )
    rows = []
    for row in profile.itertuples():
        part = pool[pool["indicator"] == row.indicator]
        if row.indicator in timeless:
            part = part.drop_duplicates("unit_id", keep="last")
        else:
            part = part[part["year"] == row.year].drop_duplicates("unit_id")
        values = part.set_index("unit_id")["value"]
        rows.append({"indicator": row.indicator, **expected_gap(row.value, values, row.direction)})
    out = pd.DataFrame(rows, columns=list(GAP_COLUMNS))
    out["n_ref"] = out["n_ref"].astype(int)
    return out


def leave_one_out(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """For each valued entry: the median of the other valued entries and its gap to it
    (NaN with fewer than MIN_REFERENCE others): the comparison table's "gap" column, where
    every row is measured against the rest of the table."""
    x = as_float(values)
    medians = pd.Series(np.nan, index=x.index)
    for key in x.index[x.notna()]:
        others = x.drop(index=key).dropna() if x.index.is_unique else x[x.index != key].dropna()
        if len(others) >= MIN_REFERENCE:
            medians[key] = float(others.median())
    return medians, x - medians


# --- words --------------------------------------------------------------------------------


def _amount(row: Mapping, unit: str, decimals: int, lang: str) -> str | None:
    """How much, for a sentence: percentage points for shares, else percent of the median,
    else (a median of 0) the indicator's unit. None when it rounds to nothing."""
    gap = abs(float(row["gap"]))
    if unit == "%":
        text = format_number(gap, decimals, lang)
        return None if _zero(text) else t("gap.pp", lang, value=text)
    if not math.isnan(row["relative"]):
        text = format_number(abs(float(row["relative"])), 0, lang)
        return None if _zero(text) else f"{text}\u202f%"
    text = format_number(gap, decimals, lang)
    return None if _zero(text) else f"{text} {unit}"


def _zero(text: str) -> bool:
    return text.strip("0,.−") == ""


def gap_words(row: Mapping, unit: str, decimals: int, basis: str, lang: str) -> str:
    """The gap in a sentence: "12 % lower than in similar municipalities (worse)"; with
    basis "short", for a table whose header names the reference: "12 % lower (worse)"."""
    if row["verdict"] == "none" and basis == "short":  # a bare dash
        return t("gap.too_few.short", lang)
    if row["verdict"] == "none":
        return tn(f"gap.too_few.{basis}", MIN_REFERENCE, lang)
    amount = _amount(row, unit, decimals, lang)
    if amount is None:
        return t(f"gap.same.{basis}", lang)
    side = "higher" if row["gap"] > 0 else "lower"
    text = t(f"gap.{side}.{basis}", lang, amount=amount)
    if row["verdict"] in ("better", "worse"):
        text += f" ({t('gap.' + row['verdict'], lang)})"
    return text


def _signed(value: float, decimals: int, lang: str) -> str:
    text = format_number(value, decimals, lang)
    if _zero(text):
        return text.lstrip("−")  # "0,0", not "−0,0"
    return text if text.startswith("−") else f"+{text}"


def gap_cell(row: Mapping, unit: str, decimals: int, lang: str) -> str:
    """The gap as numbers for a table: "−0,4 (−12 %)"; for shares the difference in
    percentage points alone ("+2,5"), as a percent of a percent would confuse; "–" without
    a reference."""
    if row["verdict"] == "none":
        return "–"
    gap = _signed(float(row["gap"]), decimals, lang)
    if unit == "%" or math.isnan(row["relative"]):
        return gap
    return f"{gap} ({_signed(float(row['relative']), 0, lang)}\u202f%)"


def expected_cell(row: Mapping, decimals: int, lang: str) -> str:
    """The median and the middle half: "3,4 (2,9–4,1)" ("−1,7 – −1,1" when a bound is
    negative, so the dash is not read as a minus); "–" without a reference."""
    if row["verdict"] == "none":
        return "–"
    low, high = (format_number(float(row[k]), decimals, lang) for k in ("q1", "q3"))
    dash = " – " if "−" in low + high else "–"
    return f"{format_number(float(row['median']), decimals, lang)} ({low}{dash}{high})"


# --- from the gap to people ----------------------------------------------------------------


def leads(
    gaps: pd.DataFrame,
    reference: Sequence[str],
    practices: Iterable,
    networks: Iterable,
    related: Mapping[str, set[str]] | None = None,
) -> dict[str, dict]:
    """Per indicator of `gaps`: the best-placed reference unit, its good practices on the
    indicator (recorded under it or under the unit it was before 2021: `related`), other
    reference units' practices on it, and the networks that work on it (their indicator
    list holds it; the best-placed unit's own networks first).

    practices: records with unit_id, former_unit_id, indicators; networks: records with
    members, indicators (userdata.repository's PracticeInfo and NetworkInfo).
    """
    related = related or {}
    practices, networks = list(practices), list(networks)
    refs = set(reference)
    out = {}
    for row in gaps.itertuples():
        best = row.best
        about = [p for p in practices if row.indicator in p.indicators]
        by_best = [
            p
            for p in about
            if best and {p.unit_id, p.former_unit_id} & {best, *related.get(best, set())}
        ]
        others = [p for p in about if p not in by_best and {p.unit_id, p.former_unit_id} & refs]
        working = [n for n in networks if row.indicator in n.indicators]
        working.sort(key=lambda n: best not in n.members)
        out[row.indicator] = {
            "best": best,
            "best_practices": by_best,
            "other_practices": others,
            "networks": working,
        }
    return out
