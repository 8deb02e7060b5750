"""Did an improvement action's indicators move? What each aimed indicator did since the
action's start against the municipality's reference units (its similar municipalities, or
the chosen group's other members, as for the gaps) over the same years: a
difference-in-differences, in plain words, with the caveat that it is no proof of cause.

Pure pandas. The base year is the latest year, up to the start year, with a value of the
unit; the end year its latest value after that. Each reference unit counts only with values
in both years (like for like), and their median change is the comparison. Changes are in
percent of the base value, except for shares (percent already: points) and a base value at
or below zero (percent would mislead), which are in the indicator's unit.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import pandas as pd

from benchlearn.formatting import format_number
from benchlearn.i18n import t, tn

MIN_REFERENCE = 3  # as for the gaps: fewer than this, no median worth a sentence
STATUSES = ("ok", "no_base", "too_early", "few_reference")


def _values(obs: pd.DataFrame, code: str) -> pd.DataFrame:
    rows = obs[(obs["indicator"] == code) & obs["value"].notna()]
    return rows.pivot_table(index="unit_id", columns="year", values="value", aggfunc="first")


def effect(
    obs: pd.DataFrame,
    code: str,
    unit: str,
    reference: Sequence[str],
    start_year: int,
    direction: str,
    relative: bool = True,
) -> dict:
    """The unit's change on `code` since `start_year` against its reference units'.

    obs: values (unit_id, indicator, year, value) of the unit and its reference units over
    the years; direction: higher_better, lower_better or neutral; relative: False for a
    share, whose change is in points. Returns status (STATUSES), base and end year, the
    unit's change, the reference median change, their difference (own - reference), the
    measure ("percent" or "unit"), the number of reference units and the verdict (better,
    worse, higher, lower or same; "" unless status is ok).
    """
    out = {
        "indicator": code,
        "status": "no_base",
        "base_year": None,
        "end_year": None,
        "own": math.nan,
        "reference": math.nan,
        "difference": math.nan,
        "measure": "unit",
        "n_reference": 0,
        "verdict": "",
    }
    table = _values(obs, code)
    if unit not in table.index:
        return out
    own = table.loc[unit].dropna()
    before = [int(y) for y in own.index if y <= start_year]
    if not before:
        return out
    base = max(before)
    after = [int(y) for y in own.index if y > base]
    out["base_year"] = base
    if not after:
        return {**out, "status": "too_early"}
    end = max(after)
    out["end_year"] = end
    own_base, own_end = float(own[base]), float(own[end])
    percent = relative and own_base > 0
    others = table.reindex([u for u in dict.fromkeys(reference) if u != unit])
    pairs = others[[base, end]].dropna() if {base, end} <= set(others.columns) else others[[]]
    if percent:
        pairs = pairs[pairs[base] > 0]  # a percent change of a base at or below zero means little
    out["n_reference"] = len(pairs)
    if len(pairs) < MIN_REFERENCE:
        return {**out, "status": "few_reference"}
    if percent:
        own_change = (own_end - own_base) / own_base * 100
        changes = (pairs[end] - pairs[base]) / pairs[base] * 100
    else:
        own_change = own_end - own_base
        changes = pairs[end] - pairs[base]
    reference_change = float(changes.median())
    difference = own_change - reference_change
    return {
        **out,
        "status": "ok",
        "own": own_change,
        "reference": reference_change,
        "difference": difference,
        "measure": "percent" if percent else "unit",
        "verdict": verdict(difference, direction),
    }


def verdict(difference: float, direction: str) -> str:
    """better/worse by the indicator's direction; higher/lower for a neutral one."""
    if difference == 0:
        return "same"
    if direction == "neutral":
        return "higher" if difference > 0 else "lower"
    up_is_good = direction == "higher_better"
    return "better" if (difference > 0) == up_is_good else "worse"


def _signed(value: float, decimals: int, lang: str) -> str:
    text = format_number(value, decimals, lang)
    if text.strip("0,.−") == "":
        return text.lstrip("−")
    return text if text.startswith("−") else f"+{text}"


def _amount(value: float, measure: str, unit: str, decimals: int, lang: str) -> str:
    shown = _signed(value, decimals, lang)
    if measure == "percent":
        return f"{shown}\u202f%"
    if unit == "%":
        return t("act.pp", lang, value=shown)
    return f"{shown} {unit}".rstrip()


def effect_words(row: Mapping, unit: str, decimals: int, basis: str, lang: str) -> str:
    """The result in a sentence: "since 2021 (to 2024) +4.2 % against +1.1 % in similar
    municipalities: 3.1 points better". basis: "peers" or "group", as for the gaps."""
    status = row["status"]
    if status == "no_base":
        return t("act.no_base", lang)
    if status == "too_early":
        return t("act.too_early", lang, year=row["base_year"])
    if status == "few_reference":
        return tn(f"act.few.{basis}", MIN_REFERENCE, lang)
    measure = row["measure"]
    places = 1 if measure == "percent" else decimals
    size = format_number(abs(row["difference"]), places, lang)
    if size.strip("0,.−") == "":
        gap = t("act.same", lang)
    else:
        # a difference of two percent changes (or of shares) is in points, else in the unit
        points = measure == "percent" or unit == "%"
        amount = t("act.points", lang, value=size) if points else f"{size} {unit}".rstrip()
        gap = t(f"act.{row['verdict']}", lang, amount=amount)
    return t(
        f"act.words.{basis}",
        lang,
        base=row["base_year"],
        end=row["end_year"],
        own=_amount(row["own"], measure, unit, places, lang),
        reference=_amount(row["reference"], measure, unit, places, lang),
        gap=gap,
        n=row["n_reference"],
    )
