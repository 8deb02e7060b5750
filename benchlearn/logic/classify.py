"""Map classes and colours: class breaks, a direction-aware palette, and the legend.

Palettes are ColorBrewer schemes that stay distinguishable for colour-blind readers: Blues
(sequential, for neutral indicators: darker = more, no judgement) and PuOr (diverging, for
indicators where higher or lower is better: purple = better than the reference, orange = worse).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

NO_DATA = "#cfcfcf"
SEQUENTIAL = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"]
BETTER = ["#d8daeb", "#b2abd2", "#8073ac", "#542788"]  # light -> strong
WORSE = ["#fee0b6", "#fdb863", "#e08214", "#b35806"]
MAX_CLASSES = 5


@dataclass(frozen=True)
class LegendEntry:
    colour: str
    low: float
    high: float
    count: int


@dataclass(frozen=True)
class Classified:
    colours: pd.Series  # unit_id -> hex colour (NO_DATA where missing)
    legend: list[LegendEntry]  # ordered from low values to high
    reference: float | None  # the diverging centre, if any
    missing: list[str]  # unit ids without data


def breaks(values: pd.Series, method: str, k: int = MAX_CLASSES) -> list[float]:
    """Class limits (k+1 ascending numbers, duplicates removed) by quantiles or equal steps."""
    data = values.dropna().astype(float)
    if data.empty:
        return []
    k = max(1, min(k, data.nunique()))
    if method == "equal":
        edges = np.linspace(data.min(), data.max(), k + 1)
    else:
        edges = np.quantile(data, np.linspace(0, 1, k + 1))
    return sorted(set(float(e) for e in edges))


def assign(values: pd.Series, edges: list[float]) -> pd.Series:
    """Class index 0..len(edges)-2 for each value; NaN stays NaN. Upper limits are inclusive."""
    if len(edges) < 2:
        return pd.Series(np.where(values.notna(), 0, np.nan), index=values.index)
    inner = np.asarray(edges[1:-1])
    idx = np.searchsorted(inner, values.to_numpy(dtype=float), side="left")
    return pd.Series(np.where(values.notna(), idx, np.nan), index=values.index)


def _with_reference(edges: list[float], reference: float) -> list[float]:
    if edges and edges[0] < reference < edges[-1] and reference not in edges:
        return sorted([*edges, reference])
    return edges


def _diverging(edges: list[float], reference: float, direction: str) -> list[str]:
    """One colour per class: the further a class lies from the reference, the stronger."""
    up, down = (BETTER, WORSE) if direction == "higher_better" else (WORSE, BETTER)
    mids = [(lo + hi) / 2 for lo, hi in zip(edges[:-1], edges[1:], strict=True)] or [edges[0]]
    below = [m for m in mids if m < reference]
    above = [m for m in mids if m >= reference]
    colours = []
    for mid in mids:
        if mid < reference:
            step = len(below) - 1 - below.index(mid)
            colours.append(down[min(step, len(down) - 1)])
        else:
            colours.append(up[min(above.index(mid), len(up) - 1)])
    return colours


def classify(
    values: pd.Series, direction: str, method: str = "quantile", reference: float | None = None
) -> Classified:
    """Colours for a map. Directed indicators diverge around `reference` (Latvia's value, or
    the median of the units when Latvia has none); neutral ones use one sequential hue."""
    data = values.astype(float)
    edges = breaks(data, method)
    missing = data.index[data.isna()].tolist()
    if not edges:
        return Classified(pd.Series(NO_DATA, index=data.index), [], None, missing)
    centre = None
    if direction != "neutral":
        centre = float(reference) if reference is not None else float(data.median())
        edges = _with_reference(edges, centre)
        palette = _diverging(edges, centre, direction)
    else:
        n = max(1, len(edges) - 1)
        palette = (
            SEQUENTIAL[-n:] if n < 3 else [SEQUENTIAL[round(i * 4 / (n - 1))] for i in range(n)]
        )
    index = assign(data, edges)
    colours = index.map(lambda i: NO_DATA if pd.isna(i) else palette[int(i)])
    counts = index.value_counts()
    spans = list(zip(edges[:-1], edges[1:], strict=True)) or [(edges[0], edges[0])]
    legend = [
        LegendEntry(palette[i], lo, hi, int(counts.get(float(i), 0)))
        for i, (lo, hi) in enumerate(spans)
    ]
    return Classified(colours, legend, centre, missing)


def hex_to_rgba(colour: str, alpha: int = 230) -> list[int]:
    colour = colour.lstrip("#")
    return [int(colour[i : i + 2], 16) for i in (0, 2, 4)] + [alpha]
