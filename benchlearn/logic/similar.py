"""The "similar municipalities" page without Streamlit: inputs for the peer finder and the
frames the page shows (table, why-chart data, map colours).

Year rule (as in the benchmark table): each indicator is taken in its latest year <= the
selected year in which any unit of the boundary version has a value. A unit without a value
in that year has none: it is not filled from another year, so all units are compared like
with like. Timeless indicators (area) describe the territory, not a year: each unit's
latest value is used (a unit created in 2025 has its area from its own boundaries).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from benchlearn.formatting import format_number, format_value
from benchlearn.i18n import t, tn
from benchlearn.logic.benchmark import value_years, valued
from benchlearn.logic.classify import NO_DATA
from benchlearn.logic.peers import (
    DEFAULT_PEER_INDICATORS,
    REASON_MISSING_FOR_FOCUS,
    REASON_NOT_IN_TABLE,
    PeerResult,
    why_similar,
)
from benchlearn.logic.view import version_valid_in
from benchlearn.state import weight_text

LOCAL_VERSIONS = ("lg2021", "lg2025")
CITY_KINDS = ("state_city", "republican_city")
MAX_WEIGHT = 10.0

# Map colours: the focus and its peers in the two ends of ColorBrewer PuOr (told apart by
# colour-blind readers), the rest nearly white, units that could not be compared grey.
FOCUS_COLOUR = "#e08214"
PEER_COLOUR = "#542788"
OTHER_COLOUR = "#fbfbfb"
EXCLUDED_COLOUR = NO_DATA


def peer_version(year: int, focus: str | None, versions: pd.DataFrame, units: pd.DataFrame) -> str:
    """The 2021 or 2025 local governments: those valid in `year` if they hold the focus,
    else the ones that do. Years before 2021 use the 2021 boundaries, as CSP back-casts its
    municipal series to them. units: version, unit_id (every version membership).
    """
    valid = version_valid_in(year, versions)
    valid = valid if valid in LOCAL_VERSIONS else LOCAL_VERSIONS[0]
    if focus is None:
        return valid
    held = set(units.loc[units["unit_id"] == focus, "version"])
    if valid in held:
        return valid
    return next((v for v in LOCAL_VERSIONS if v in held), valid)


def structural_table(
    observations: pd.DataFrame,
    catalogue: pd.DataFrame,
    codes: Sequence[str],
    unit_ids: Sequence[str],
    year: int,
) -> tuple[pd.DataFrame, dict[str, int]]:
    """Units x indicators for the peer finder, and the year used for each indicator.

    Indicators without any value up to `year` get no column (the finder then reports them
    as not in the table).
    """
    known = [c for c in dict.fromkeys(codes) if c in catalogue.index]
    years = value_years(observations, catalogue.loc[known], unit_ids, year)
    used = {c: y for c, y in years.items() if y is not None}
    obs = valued(observations, unit_ids)
    columns = {}
    for code, when in used.items():
        rows = obs[obs["indicator"] == code]
        if bool(catalogue.loc[code, "timeless"]):  # a property of the territory: any year
            rows = rows.sort_values("year").drop_duplicates("unit_id", keep="last")
        else:
            rows = rows[rows["year"] == when].drop_duplicates("unit_id")
        columns[code] = rows.set_index("unit_id")["value"]
    table = pd.DataFrame(columns, index=pd.Index(list(unit_ids), name="unit_id"), dtype=float)
    return table, used


def year_options(
    codes: Sequence[str], years: Mapping[str, list[int]], catalogue: pd.DataFrame
) -> list[int]:
    """Years in which any chosen indicator has data, latest first. Timeless indicators
    (area) fit every year, so they count only when nothing else is chosen."""
    known = [c for c in codes if c in catalogue.index]
    dated = [c for c in known if not bool(catalogue.loc[c, "timeless"])]
    return sorted({y for c in dated or known for y in years.get(c, [])}, reverse=True)


def best_year(
    observations: pd.DataFrame,
    catalogue: pd.DataFrame,
    codes: Sequence[str],
    unit_ids: Sequence[str],
    years: Sequence[int],
) -> int | None:
    """The year (among `years`) in which most of the chosen indicators have data, then most
    units have every one of them; ties: the latest. A sensible default when the indicators'
    latest years differ in coverage (a year is not better for dropping an indicator)."""
    best: tuple[int, int, int] | None = None
    for year in years:
        table, _ = structural_table(observations, catalogue, codes, unit_ids, year)
        complete = int(table.notna().all(axis=1).sum()) if len(table.columns) else 0
        if best is None or (len(table.columns), complete, year) > best:
            best = (len(table.columns), complete, year)
    return None if best is None else best[2]


def usable_indicators(
    table: pd.DataFrame, focus: str, weights: Mapping[str, float]
) -> tuple[dict[str, float], dict[str, str]]:
    """Positive weights the finder can use for `focus`, and why the others cannot be used
    (same reasons as logic.peers.select_indicators, without raising when none is left)."""
    usable: dict[str, float] = {}
    dropped: dict[str, str] = {}
    for code, weight in weights.items():
        if not weight > 0:
            continue
        if code not in table.columns:
            dropped[code] = REASON_NOT_IN_TABLE
        elif pd.isna(table.loc[focus, code]):
            dropped[code] = REASON_MISSING_FOR_FOCUS
        else:
            usable[code] = weight
    return usable, dropped


def weights_from_rows(rows: pd.DataFrame) -> tuple[dict[str, float], list[str]]:
    """Weights from the editor (columns indicator, weight) and the problems found.

    Empty rows are skipped; a repeated indicator keeps its first weight; a weight that is
    not a number in 0..MAX_WEIGHT is a problem (the row is not used). Problems are
    (kind, code) strings "kind:code", translated by the page.
    """
    weights: dict[str, float] = {}
    problems: list[str] = []
    for code, weight in zip(rows["indicator"], rows["weight"], strict=True):
        if not isinstance(code, str) or not code:
            continue
        if code in weights:
            problems.append(f"duplicate:{code}")
            continue
        value = pd.to_numeric(weight, errors="coerce")
        if pd.isna(value) or not math.isfinite(value) or not 0 <= value <= MAX_WEIGHT:
            problems.append(f"weight:{code}")
            continue
        weights[code] = float(value)
    return weights, problems


@dataclass(frozen=True)
class IndicatorColumns:
    """How the indicators of a table are named and shown, by code: name, unit of measure,
    decimals and column header ("name, unit (year)")."""

    labels: dict[str, str]
    units: dict[str, str]
    decimals: dict[str, int]
    headers: dict[str, str]


def indicator_columns(
    codes: Sequence[str],
    catalogue: pd.DataFrame,
    label: Callable[[str], str],
    unit: Callable[[str], str],
    years: Mapping[str, int] | None = None,
) -> IndicatorColumns:
    """The names, units, decimals (catalogue) and headers of `codes`; a header names the
    year its values are from when `years` has it."""
    labels = {c: label(c) for c in codes}
    units = {c: unit(c) for c in codes}
    years = years or {}
    return IndicatorColumns(
        labels=labels,
        units=units,
        decimals={c: int(catalogue.loc[c, "decimals"]) for c in codes},
        headers={
            c: f"{labels[c]}, {units[c]}" + (f" ({years[c]})" if c in years else "") for c in codes
        },
    )


def default_weights() -> pd.DataFrame:
    """The editor's rows of the default weights (logic.peers.DEFAULT_PEER_INDICATORS)."""
    return pd.DataFrame(
        {
            "indicator": list(DEFAULT_PEER_INDICATORS),
            "weight": list(DEFAULT_PEER_INDICATORS.values()),
        }
    )


def weight_rows(items: list[str] | None) -> pd.DataFrame:
    """The editor's rows for the view's weights (?pw=code:weight,...; None: the defaults)."""
    if items is None:
        return default_weights()
    pairs = [item.rsplit(":", 1) for item in items]
    return pd.DataFrame(
        {"indicator": [c for c, _ in pairs], "weight": [float(w) for _, w in pairs]}
    )


def weight_items(rows: pd.DataFrame) -> list[str] | None:
    """The usable rows as the view holds them; None when they are the defaults."""
    items = [weight_text(c, w) for c, w in weights_from_rows(rows)[0].items()]
    return None if items == weight_items_of_defaults() else items


def weight_items_of_defaults() -> list[str]:
    return [weight_text(c, w) for c, w in DEFAULT_PEER_INDICATORS.items()]


def dropped_kinds(dropped: dict[str, str]) -> tuple[list[str], list[str]]:
    """Indicators left out (PeerResult-style reasons by code): those missing for the focus,
    and the rest (without any value up to the year)."""
    missing = [c for c, why in dropped.items() if why == REASON_MISSING_FOR_FOCUS]
    return missing, [c for c in dropped if c not in missing]


def notes_lines(
    result: PeerResult,
    years: dict,
    k: int,
    unit_name: Callable[[str], str],
    indicator_name: Callable[[str], str],
    lang: str,
) -> list[str]:
    """The notes under the peers table: fewer peers than asked, units left out, and the year
    of each indicator used."""
    lines = []
    if len(result.peers) < k:
        lines.append(tn("peers.fewer", len(result.peers), lang))
    if result.excluded:
        names = ", ".join(sorted(unit_name(u) for u in result.excluded))
        lines.append(t("peers.excluded", lang, n=len(result.excluded), names=names))
    used = "; ".join(f"{indicator_name(c)} {years[c]}" for c in result.used)
    lines.append(t("peers.years", lang, items=used))
    return lines


def share_of_distance(result: PeerResult) -> pd.DataFrame:
    """Each indicator's part of the squared distance, in percent (rows = peers)."""
    totals = result.contributions.sum(axis=1)
    return result.contributions.div(totals.where(totals > 0), axis=0).mul(100.0)


def why_frame(
    result: PeerResult,
    table: pd.DataFrame,
    labels: Mapping[str, str],
    units: Mapping[str, str],
    decimals: Mapping[str, int],
    lang: str,
) -> pd.DataFrame:
    """Tidy rows for the why-charts: one per peer x used indicator, in `result.used` order.

    contribution = w_i * (z_i(peer) - z_i(focus))^2, so one peer's contributions add up to
    its squared distance; share = contribution in percent of that sum (0 for a peer at
    distance 0); diff = z(peer) - z(focus) in standard deviations, signed.
    """
    shares = share_of_distance(result)
    rows = []
    for peer in result.peers.index:
        for order, code in enumerate(result.used):
            focus_value = table.loc[result.focus, code]
            peer_value = table.loc[peer, code]
            diff = (
                float(result.differences.loc[peer, code]) if result.differences is not None else 0
            )
            rows.append(
                {
                    "peer": peer,
                    "rank": int(result.peers.loc[peer, "rank"]),
                    "indicator": code,
                    "label": labels.get(code, code),
                    "order": order,
                    "contribution": float(result.contributions.loc[peer, code]),
                    "share": float(shares.loc[peer, code])
                    if pd.notna(shares.loc[peer, code])
                    else 0.0,
                    "share_text": f"{format_number(shares.loc[peer, code], 0, lang)} %",
                    "focus_text": format_value(
                        focus_value, units.get(code, ""), decimals.get(code, 1), lang
                    ),
                    "peer_text": format_value(
                        peer_value, units.get(code, ""), decimals.get(code, 1), lang
                    ),
                    "diff_text": t("peers.sd", lang, value=_signed(diff, lang)),
                }
            )
    return pd.DataFrame(rows)


def _signed(value: float, lang: str) -> str:
    text = format_number(value, 1, lang)
    return text if text.startswith("−") or text in ("0,0", "0.0") else f"+{text}"


def peer_rows(
    result: PeerResult,
    names: Mapping[str, str],
    labels: Mapping[str, str],
    lang: str,
    n: int = 2,
) -> pd.DataFrame:
    """One row per peer: rank, unit_id, name, distance and the two "why" lists, as text."""
    rows = []
    for peer in result.peers.index:
        why = why_similar(result, peer, n=n)
        rows.append(
            {
                "rank": int(result.peers.loc[peer, "rank"]),
                "unit_id": peer,
                "name": names.get(peer, peer),
                "distance": why.distance,
                "distance_text": format_number(why.distance, 2, lang),
                "closest": ", ".join(labels.get(c, c) for c in why.closest),
                "furthest": ", ".join(labels.get(c, c) for c in why.furthest),
            }
        )
    return pd.DataFrame(rows)


def explanation(result: PeerResult, peer: str, labels: Mapping[str, str], lang: str) -> str:
    """One sentence: most alike on ..., most different on ..."""
    why = why_similar(result, peer)
    closest = ", ".join(labels.get(c, c) for c in why.closest)
    text = t("peers.alike", lang, names=closest)
    if why.furthest:
        text += " " + t(
            "peers.differs", lang, names=", ".join(labels.get(c, c) for c in why.furthest)
        )
    return text


def peer_map_table(
    units: pd.DataFrame, result: PeerResult, names: Mapping[str, str], lang: str
) -> pd.DataFrame:
    """Per unit of the version: name, colour, tooltip lines and city flag for charts.map.

    units: unit_id, kind. Focus and peers coloured, units missing a used indicator grey.
    """
    peers = result.peers
    excluded = set(result.excluded)
    rows = {}
    for uid, kind in zip(units["unit_id"], units["kind"], strict=True):
        if uid == result.focus:
            colour, line1, line2 = FOCUS_COLOUR, t("peers.map_focus", lang), ""
        elif uid in peers.index:
            colour = PEER_COLOUR
            line1 = t("peers.map_peer", lang, rank=int(peers.loc[uid, "rank"]))
            line2 = t(
                "peers.distance_is", lang, value=format_number(peers.loc[uid, "distance"], 2, lang)
            )
        elif uid in excluded:
            colour, line1, line2 = EXCLUDED_COLOUR, t("peers.map_excluded", lang), ""
        else:
            colour, line1, line2 = OTHER_COLOUR, t("peers.map_other", lang), ""
        rows[uid] = {
            "name": names.get(uid, uid),
            "colour": colour,
            "value_text": line1,
            "rank_text": line2,
            "city": kind in CITY_KINDS,
        }
    return pd.DataFrame.from_dict(rows, orient="index")


def values_frame(
    result: PeerResult,
    table: pd.DataFrame,
    names: Mapping[str, str],
    headers: Mapping[str, str],
    units: Mapping[str, str],
    decimals: Mapping[str, int],
    lang: str,
) -> pd.DataFrame:
    """The focus (marked ★) and its peers with the values the distance was computed from."""
    order = [result.focus, *result.peers.index]
    out = pd.DataFrame(
        {
            t("peers.col_rank", lang): ["★", *(str(int(r)) for r in result.peers["rank"])],
            t("municipality", lang): [names.get(u, u) for u in order],
            t("peers.col_distance", lang): [
                "–",
                *(format_number(d, 2, lang) for d in result.peers["distance"]),
            ],
        }
    )
    for code in result.used:
        out[headers.get(code, code)] = [
            format_value(table.loc[u, code], units.get(code, ""), decimals.get(code, 1), lang)
            for u in order
        ]
    return out
