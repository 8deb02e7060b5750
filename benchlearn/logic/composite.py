"""Composite index: weighted sum of direction-aware z-scores (VRAA territorial index style).

Honesty rules: a component whose indicator is absent is named and left out (weights are
renormalised over the present ones), never counted as zero; a unit missing any present
component gets no index at all rather than a partial sum.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from benchlearn.logic.scores import as_float, rank, zscore

NOTE_NO_COMPONENT = "no component indicator is available in the table"
NOTE_NO_COMPLETE_UNIT = "no unit has all component indicators"
NOTE_NO_WEIGHT = "every component has weight 0"


@dataclass(frozen=True)
class Component:
    """One indicator in a composite; direction must carry a judgement (not neutral)."""

    code: str
    weight: float
    direction: str

    def __post_init__(self) -> None:
        if self.direction not in ("higher_better", "lower_better"):
            raise ValueError(
                f"component {self.code!r}: direction must be higher_better or lower_better, "
                f"got {self.direction!r}"
            )
        if not (math.isfinite(self.weight) and self.weight >= 0):
            raise ValueError(f"component {self.code!r}: weight must be >= 0, got {self.weight}")


# VRAA territorial development index: indicators and weights (sum 1.0).
VRAA_PRESET: list[Component] = [
    Component("businesses_per_1000", 0.25, "higher_better"),
    Component("pit_per_capita", 0.20, "higher_better"),
    Component("unemployment_rate", 0.15, "lower_better"),
    Component("needy_share_pct", 0.10, "lower_better"),
    Component("natural_increase_per_1000", 0.10, "higher_better"),
    Component("net_migration_per_1000", 0.10, "higher_better"),
    Component("crime_per_1000", 0.05, "lower_better"),
    Component("old_age_dependency", 0.05, "lower_better"),
]


@dataclass(frozen=True)
class CompositeResult:
    """Index per unit with its parts and an explicit record of what was left out."""

    index: pd.Series  # float per unit_id, NaN for incomplete units
    rank: pd.Series  # Int64, 1 = best, <NA> for incomplete units
    contributions: pd.DataFrame  # rows = units, columns = used; weight_i * z_i
    used: list[str]
    weights: dict[str, float]  # normalised over used components, sum 1
    missing_indicators: list[str]  # components not in the table or entirely NaN
    incomplete_units: list[str]  # units missing at least one used component
    note: str = ""  # why the index is empty, if it is

    @property
    def empty(self) -> bool:
        """True when no unit got an index value (see `note`)."""
        return bool(self.index.dropna().empty)


def _available(
    table: pd.DataFrame, components: list[Component]
) -> tuple[list[Component], list[str]]:
    """Split components into usable ones and the codes missing from the table."""
    codes = [c.code for c in components]
    if len(set(codes)) != len(codes):
        raise ValueError(f"duplicate component codes in {codes}")
    present: list[Component] = []
    missing: list[str] = []
    for comp in components:
        if comp.weight == 0:
            continue
        if comp.code in table.columns and as_float(table[comp.code]).notna().any():
            present.append(comp)
        else:
            missing.append(comp.code)
    return present, missing


def _empty_result(table: pd.DataFrame, missing: list[str], note: str) -> CompositeResult:
    return CompositeResult(
        index=pd.Series(dtype="float64", name="index"),
        rank=pd.Series(dtype="Int64", name="rank"),
        contributions=pd.DataFrame(index=pd.Index([], dtype=object, name=table.index.name)),
        used=[],
        weights={},
        missing_indicators=missing,
        incomplete_units=[],
        note=note,
    )


def composite_index(table: pd.DataFrame, components: list[Component]) -> CompositeResult:
    """Weighted sum of z-scores (higher = better) over the components present in `table`.

    Each z-score is taken over all units that have that indicator, so it matches the
    single-indicator score shown elsewhere. Rows of incomplete units are NaN throughout
    (contributions too), so no chart can show a partial index.
    """
    present, missing = _available(table, components)
    if not present:
        note = NOTE_NO_COMPONENT if missing or not components else NOTE_NO_WEIGHT
        return _empty_result(table, missing, note)
    total = sum(c.weight for c in present)
    weights = {c.code: c.weight / total for c in present}
    parts = pd.DataFrame(
        {c.code: zscore(table[c.code], c.direction) * weights[c.code] for c in present},
        index=table.index,
    )
    complete = parts.notna().all(axis=1)
    parts = parts.where(complete, axis=0)
    index = parts.sum(axis=1, min_count=len(present)).rename("index")
    return CompositeResult(
        index=index,
        rank=rank(index, "higher_better").rename("rank"),
        contributions=parts,
        used=list(weights),
        weights=weights,
        missing_indicators=missing,
        incomplete_units=[str(u) for u in table.index[~complete]],
        note="" if complete.any() else NOTE_NO_COMPLETE_UNIT,
    )


@dataclass(frozen=True)
class RankRange:
    """Ranks each unit gets when the weights vary: lowest (best) and highest (worst) rank
    over the draws, and the share of draws in which it keeps its point rank."""

    low: pd.Series  # Int64 per complete unit; 1 = best
    high: pd.Series
    kept: pd.Series  # float 0..1
    band: float
    samples: int
    seed: int


def rank_ranges(
    table: pd.DataFrame,
    components: list[Component],
    band: float = 0.2,
    samples: int = 1000,
    seed: int = 0,
) -> RankRange:
    """The range of ranks each complete unit gets when every used weight is multiplied by its
    own factor drawn uniformly from [1 - band, 1 + band] (then renormalised), `samples`
    draws from numpy's generator seeded with `seed`, so the same inputs give the same range.

    The stated weights are always the first draw, so every range holds the point rank of
    composite_index. Scores are rounded as the peer finder's distances are, so float noise
    does not break a tie the point ranking keeps. Ranks: 1 = best, ties share the best rank.
    """
    if not 0 <= band < 1:
        raise ValueError(f"band must be in [0, 1), got {band}")
    if samples < 1:
        raise ValueError(f"samples must be >= 1, got {samples}")
    result = composite_index(table, components)
    complete = result.contributions.dropna(how="any")
    if complete.empty:
        empty = pd.Series(dtype="Int64")
        return RankRange(empty, empty, pd.Series(dtype="float64"), band, samples, seed)
    weights = np.array([result.weights[c] for c in result.used])
    direction = {c.code: c.direction for c in components}
    z = np.column_stack(
        [zscore(table[c], direction[c]).loc[complete.index].to_numpy() for c in result.used]
    )
    factors = np.random.default_rng(seed).uniform(1 - band, 1 + band, (samples, len(weights)))
    factors[0] = 1.0
    drawn = weights * factors
    drawn /= drawn.sum(axis=1, keepdims=True)
    scores = np.round(drawn @ z.T, 10)  # samples x units
    ranks = 1 + (scores[:, None, :] > scores[:, :, None]).sum(axis=2)  # count of better units
    index = complete.index
    return RankRange(
        low=pd.Series(ranks.min(axis=0), index=index, name="low").astype("Int64"),
        high=pd.Series(ranks.max(axis=0), index=index, name="high").astype("Int64"),
        kept=pd.Series((ranks == ranks[0]).mean(axis=0), index=index, name="kept"),
        band=band,
        samples=samples,
        seed=seed,
    )
