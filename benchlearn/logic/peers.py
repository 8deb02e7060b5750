"""Peer finder: the k local governments most similar to a focus unit.

Similarity is a weighted Euclidean distance between z-scores, so an indicator measured in
km2 does not outweigh one measured in percent, and every distance can be split into the
per-indicator parts that explain it ("why is X a peer?").
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from benchlearn.logic.scores import as_float, standard_score

# Population and density on the basis every unit has (the annual average, else the start of
# the year): on the average alone, the 7 state cities had no value and were left out.
DEFAULT_PEER_INDICATORS: dict[str, float] = {
    "population": 1.0,
    "population_density": 1.0,
    "area_km2": 1.0,
    "forest_land_share_pct": 1.0,
    "road_density_km_per_km2": 1.0,
}

# z-scores and distances are rounded to this many decimals: float noise (e.g. from
# rescaling a column) must not decide the order of units that are really tied.
_DECIMALS = 10

REASON_NOT_IN_TABLE = "not in table"
REASON_MISSING_FOR_FOCUS = "missing for focus unit"


@dataclass(frozen=True)
class PeerResult:
    """Peers of `focus` plus everything needed to explain and audit the choice."""

    focus: str
    peers: pd.DataFrame  # index unit_id; columns distance, rank (1..k), nearest first
    contributions: pd.DataFrame  # rows = peers, columns = used; w_i * (dz_i)^2
    used: list[str]
    dropped: dict[str, str]  # indicator code -> reason it could not be used
    excluded: list[str]  # candidate units missing a used indicator
    weights: dict[str, float] = field(default_factory=dict)  # normalised, sum 1
    differences: pd.DataFrame | None = None  # rows = peers; z(peer) - z(focus), signed


@dataclass(frozen=True)
class Similarity:
    """Ingredients of a "why is X similar" sentence (codes, to be translated by the UI)."""

    peer: str
    closest: list[str]  # indicators on which the peer is most alike
    furthest: list[str]  # indicators that add most to the distance
    distance: float


def standardise(table: pd.DataFrame, codes: list[str]) -> pd.DataFrame:
    """z-score (ddof=0) of each column over the units that have it; constant column -> 0.

    Rounded to _DECIMALS so results do not depend on the unit of measurement.
    """
    out = {code: standard_score(table[code]).round(_DECIMALS) for code in codes}
    return pd.DataFrame(out, index=table.index)


def _check_inputs(table: pd.DataFrame, focus: str, k: int) -> None:
    if not table.index.is_unique:
        raise ValueError("table index (unit_id) has duplicates")
    if focus not in table.index:
        raise ValueError(f"unknown focus unit {focus!r}: not in the table")
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise ValueError(f"k must be a whole number >= 1, got {k!r}")


def select_indicators(
    table: pd.DataFrame, focus: str, weights: dict[str, float]
) -> tuple[dict[str, float], dict[str, str]]:
    """Indicators usable for this focus (normalised weights) and the ones dropped, with why.

    Zero, negative or NaN weights mean "not used" and are not reported as dropped.
    """
    if focus not in table.index:
        raise ValueError(f"unknown focus unit {focus!r}: not in the table")
    raw: dict[str, float] = {}
    dropped: dict[str, str] = {}
    for code, weight in weights.items():
        if not (weight > 0 and math.isfinite(weight)):
            continue
        if code not in table.columns:
            dropped[code] = REASON_NOT_IN_TABLE
        elif pd.isna(as_float(table[code])[focus]):
            dropped[code] = REASON_MISSING_FOR_FOCUS
        else:
            raw[code] = float(weight)
    if not raw:
        why = ", ".join(f"{c}: {r}" for c, r in dropped.items()) or "no positive weight"
        raise ValueError(f"no usable indicator for focus unit {focus!r} ({why})")
    total = sum(raw.values())
    return {code: w / total for code, w in raw.items()}, dropped


def _squared_parts(z: pd.DataFrame, focus: str, weights: dict[str, float]) -> pd.DataFrame:
    """w_i * (z_i(unit) - z_i(focus))^2 for every unit that has all used indicators."""
    used = list(weights)
    complete = z[used].dropna()
    diff = complete - complete.loc[focus]
    return diff.pow(2).mul(pd.Series(weights))[used]


def _distance(parts: pd.DataFrame) -> pd.Series:
    return parts.sum(axis=1).pow(0.5).round(_DECIMALS)


def distances(table: pd.DataFrame, focus: str, weights: dict[str, float]) -> pd.Series:
    """Distance from `focus` to every comparable unit (focus itself included, at 0).

    Sorted nearest first, ties by unit_id. Units missing a used indicator are absent.
    """
    _check_inputs(table, focus, 1)
    norm, _ = select_indicators(table, focus, weights)
    dist = _distance(_squared_parts(standardise(table, list(norm)), focus, norm))
    return _nearest_first(dist.rename("distance"))


def _nearest_first(dist: pd.Series) -> pd.Series:
    """Sort by distance, then unit_id: a stable sort after an index sort does both."""
    return dist.sort_index().sort_values(kind="stable")


def find_peers(
    table: pd.DataFrame, focus: str, weights: dict[str, float], k: int = 7
) -> PeerResult:
    """The k units nearest to `focus`; fewer if fewer candidates have all used indicators.

    table: index unit_id, one float column per indicator, NaN allowed.
    Distance = sqrt(sum_i w_i * (z_i(a) - z_i(b))^2), weights normalised to sum 1.
    Indicators missing for the focus are dropped (see `dropped`); candidate units missing
    a used indicator are left out (see `excluded`), never treated as zero.
    """
    _check_inputs(table, focus, k)
    norm, dropped = select_indicators(table, focus, weights)
    used = list(norm)
    z = standardise(table, used)
    parts = _squared_parts(z, focus, norm).drop(index=focus)
    nearest = _nearest_first(_distance(parts)).head(k)
    peers = pd.DataFrame(
        {"distance": nearest, "rank": pd.Series(range(1, len(nearest) + 1), index=nearest.index)}
    )
    peers.index.name = table.index.name
    excluded = sorted(str(u) for u in z.index[z[used].isna().any(axis=1)] if u != focus)
    return PeerResult(
        focus=focus,
        peers=peers,
        contributions=parts.loc[nearest.index],
        used=used,
        dropped=dropped,
        excluded=excluded,
        weights=norm,
        differences=(z.loc[nearest.index, used] - z.loc[focus, used]),
    )


def explain(result: PeerResult, peer_id: str) -> list[tuple[str, float]]:
    """(indicator, contribution) for one peer, most similar first (smallest contribution).

    Ties keep the order of `result.used`, so the output is deterministic.
    """
    if peer_id not in result.contributions.index:
        raise ValueError(f"{peer_id!r} is not among the peers of {result.focus!r}")
    row = result.contributions.loc[peer_id]
    order = sorted(range(len(result.used)), key=lambda i: (row.iloc[i], i))
    return [(result.used[i], float(row.iloc[i])) for i in order]


def why_similar(result: PeerResult, peer_id: str, n: int = 2) -> Similarity:
    """Up to n most alike and up to n most different indicators: enough for one sentence.

    The lists never overlap; `closest` takes at most half (rounded up) of the used
    indicators, so with two indicators each list gets one.
    """
    ranked = [code for code, _ in explain(result, peer_id)]
    closest = ranked[: min(n, math.ceil(len(ranked) / 2))]
    furthest = [code for code in reversed(ranked) if code not in closest][:n]
    distance = float(result.peers.loc[peer_id, "distance"])
    return Similarity(peer=peer_id, closest=closest, furthest=furthest, distance=distance)
