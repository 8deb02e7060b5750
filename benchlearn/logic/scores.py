"""Per-indicator scores for one "slice": a float Series indexed by unit_id, NaN = missing.

Pure functions (pandas only) so every number the dashboard shows can be unit-tested.

Missing-value rule, shared by every function here: NaN (and +/-inf, which can only come
from a division by zero upstream) means "no data". A missing unit never gets a rank,
percentile or score, and never counts as zero; statistics use only valued units.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

Direction = Literal["higher_better", "lower_better", "neutral"]
DIRECTIONS: tuple[str, ...] = ("higher_better", "lower_better", "neutral")

BANDS: tuple[str, ...] = ("best", "middle", "worst", "missing", "neutral")

# Blue/orange diverging scheme (ColorBrewer PuOr ends): distinguishable with the common
# red-green colour-vision deficiencies, and not a "traffic light" red/green.
BAND_COLOURS: dict[str, str] = {
    "best": "#2166ac",
    "middle": "#f7f7f7",
    "worst": "#b35806",
    "missing": "#bdbdbd",
    "neutral": "#8073ac",
}

BAND_LABELS: dict[str, dict[str, str]] = {
    "lv": {
        "best": "labākā ceturtdaļa",
        "middle": "vidējā puse",
        "worst": "sliktākā ceturtdaļa",
        "missing": "nav datu",
        "neutral": "bez vērtējuma",
    },
    "en": {
        "best": "best quarter",
        "middle": "middle half",
        "worst": "worst quarter",
        "missing": "no data",
        "neutral": "no judgement",
    },
}


def check_direction(direction: str) -> str:
    """Fail loudly on a typo: a wrong direction would silently flip every judgement."""
    if direction not in DIRECTIONS:
        raise ValueError(f"unknown direction {direction!r}; expected one of {DIRECTIONS}")
    return direction


def as_float(values: pd.Series) -> pd.Series:
    """Float copy with +/-inf turned into NaN, so 'missing' has exactly one spelling."""
    out = pd.Series(values, copy=True).astype("float64")
    return out.where(np.isfinite(out))


def oriented(values: pd.Series, direction: str) -> pd.Series:
    """Values turned so that higher = better (neutral keeps higher = first, a position)."""
    x = as_float(values)
    return -x if check_direction(direction) == "lower_better" else x


def rank(values: pd.Series, direction: str) -> pd.Series:
    """Rank 1 = best; ties share the minimum rank (competition ranking 1, 2, 2, 4).

    Neutral indicators rank the highest value first: the rank is a position, not a judgement.
    Missing values get <NA> (nullable Int64) and do not push other units down.
    """
    ranks = oriented(values, direction).rank(method="min", ascending=False, na_option="keep")
    return ranks.astype("Int64")


def percentile(values: pd.Series, direction: str) -> pd.Series:
    """Position within the valued units, 0..100, where 100 = best (neutral: highest).

    Rule: p = (below + 0.5 * equal_others) / (n - 1) * 100, i.e. the mid-rank of a tie
    group mapped linearly onto 0..100. `below` counts valued units that are worse,
    `equal_others` the other units with the same value, n the number of valued units.
    So the unique best unit gets 100, the unique worst 0, and a tie spanning everyone 50.
    A group with a single valued unit gets 50 (it is neither above nor below anyone).
    Missing values stay NaN and do not change n.
    """
    x = oriented(values, direction)
    n = int(x.notna().sum())
    if n <= 1:
        return pd.Series(np.where(x.notna(), 50.0, np.nan), index=x.index, name=x.name)
    mid_rank = x.rank(method="average", ascending=True, na_option="keep")
    return ((mid_rank - 1.0) / (n - 1) * 100.0).clip(0.0, 100.0)


def standard_score(x: pd.Series) -> pd.Series:
    """(x - mean) / std over the valued entries (ddof=0); constant -> 0.0, NaN stays NaN.

    Values are first scaled by a power of two near their largest magnitude: exact in
    floating point, so the z-score does not change, but the variance can no longer
    underflow or overflow for very small or very large numbers.
    Constancy is checked on the values themselves: a float mean of equal numbers can be
    one ulp off and would otherwise turn a constant column into +/-1 scores.
    """
    x = as_float(x)
    valued = x.dropna()
    if valued.empty or valued.max() == valued.min():
        return x.where(x.isna(), 0.0)
    _, exponent = np.frexp(valued.abs().max())
    y = pd.Series(np.ldexp(x.to_numpy(), -int(exponent)), index=x.index, name=x.name)
    valued = y.dropna()
    if valued.max() == valued.min():
        return x.where(x.isna(), 0.0)
    return (y - valued.mean()) / valued.std(ddof=0)


def zscore(values: pd.Series, direction: str) -> pd.Series:
    """(x - mean) / std with population std (ddof=0); sign flipped so higher = better.

    A constant slice (std 0) gives 0.0 for every valued unit: nobody is above or below
    average. Missing stays NaN and is left out of mean and std.
    """
    return standard_score(oriented(values, direction))


def group_stats(values: pd.Series) -> dict[str, float | int]:
    """Summary of the valued units; n says how many units the numbers really rest on."""
    x = as_float(values)
    valued = x.dropna()
    empty = valued.empty
    return {
        "mean": float("nan") if empty else float(valued.mean()),
        "median": float("nan") if empty else float(valued.median()),
        "min": float("nan") if empty else float(valued.min()),
        "max": float("nan") if empty else float(valued.max()),
        "n": int(valued.size),
        "n_missing": int(x.size - valued.size),
    }


def band_of(p: float, direction: str) -> str:
    """Band of one percentile; see quartile_band for the rule."""
    if pd.isna(p):
        return "missing"
    if check_direction(direction) == "neutral":
        return "neutral"
    if p >= 75.0:
        return "best"
    if p <= 25.0:
        return "worst"
    return "middle"


def quartile_band(percentiles: pd.Series, direction: str) -> pd.Series:
    """Colour band per unit from its percentile (100 = best).

    best: p >= 75, worst: p <= 25, middle: in between, missing: NaN.
    The bounds are symmetric on purpose, so reversing an indicator's direction swaps
    best and worst exactly. Neutral indicators get "neutral" for every valued unit:
    no value judgement.
    """
    check_direction(direction)
    bands = [band_of(p, direction) for p in as_float(percentiles)]
    return pd.Series(bands, index=percentiles.index, name=percentiles.name, dtype=object)


def band_label(band: str, lang: str = "lv") -> str:
    """Reader-facing text of a band; falls back to English for an unknown language."""
    return BAND_LABELS.get(lang, BAND_LABELS["en"])[band]
