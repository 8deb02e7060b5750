"""The composite-index page without Streamlit: presets, the editor's rows, and the frames
the page shows (components, ranking, map slice, contributions).

The index itself is logic.composite.composite_index: a weighted sum of direction-aware
z-scores over all local governments that have the indicator. Indicators the database does
not hold stay in the list, are named, and contribute nothing (never a zero).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Container, Mapping, Sequence

import pandas as pd

from benchlearn.formatting import format_number, format_percent, format_value
from benchlearn.i18n import t, tn
from benchlearn.logic.composite import VRAA_PRESET, Component, CompositeResult, RankRange
from benchlearn.state import INDEX_DIRECTIONS, weight_text

PRESETS = ("vraa", "example")
DIRECTIONS = ("higher_better", "lower_better")
MAX_WEIGHT = 100.0
INDEX_DECIMALS = 2

# An example built only from indicators the database holds for most local governments; the
# page calls it an example, not a method.
EXAMPLE_PRESET: list[Component] = [
    Component("population_change_5y_pct", 0.40, "higher_better"),
    Component("road_asphalt_share_pct", 0.20, "higher_better"),
    Component("road_municipal_asphalt_share_pct", 0.20, "higher_better"),
    Component("libraries_per_10000", 0.20, "higher_better"),
]
MIN_UNITS = 5  # fewer units with an index than this: say it is not fit for comparison


def preset_components(name: str) -> list[Component]:
    if name not in PRESETS:
        raise ValueError(f"unknown preset {name!r}; expected one of {PRESETS}")
    return list(VRAA_PRESET if name == "vraa" else EXAMPLE_PRESET)


def preset_rows(components: Sequence[Component]) -> pd.DataFrame:
    """Rows for the editor: indicator, weight, direction."""
    return pd.DataFrame(
        {
            "indicator": [c.code for c in components],
            "weight": [float(c.weight) for c in components],
            "direction": [c.direction for c in components],
        }
    )


def indicator_choices(catalogue_codes: Sequence[str]) -> list[str]:
    """Codes the editor offers: the catalogue, then VRAA's indicators it does not hold
    (so the preset's rows display, and can be put back after deleting them)."""
    return [*catalogue_codes, *(c.code for c in VRAA_PRESET if c.code not in catalogue_codes)]


def index_rows(preset: str, items: list[str] | None) -> pd.DataFrame:
    """The editor's rows for the view's components (?iw=code:weight:h|l,...; None: the
    preset's rows)."""
    if items is None:
        return preset_rows(preset_components(preset))
    parts = [item.split(":") for item in items]
    return preset_rows([Component(c, float(w), INDEX_DIRECTIONS[d]) for c, w, d in parts])


def index_items(preset: str, rows: pd.DataFrame) -> list[str] | None:
    """The usable rows as the view holds them; None when they are the preset's."""
    items = [weight_text(c.code, c.weight, c.direction) for c in components_from_rows(rows)[0]]
    preset_items = [weight_text(c.code, c.weight, c.direction) for c in preset_components(preset)]
    return None if items == preset_items else items


def indicator_name(code: str, held: Container[str], label: Callable[[str], str], lang: str) -> str:
    """An indicator's name: `label(code)` when the database holds it (`held`: the catalogue's
    codes), else VRAA's name for it and that the database does not hold it."""
    if code in held:
        return label(code)
    return f"{t(f'idx.vraa.{code}', lang)} ({t('idx.not_in_db', lang)})"


def components_from_rows(rows: pd.DataFrame) -> tuple[list[Component], list[str]]:
    """Components from the editor and the problems found ("kind:code" strings).

    Empty rows are skipped; a repeated indicator keeps its first row; a weight outside
    0..MAX_WEIGHT or a direction other than higher/lower is better leaves the row out.
    """
    components: list[Component] = []
    problems: list[str] = []
    seen: set[str] = set()
    for code, weight, direction in zip(
        rows["indicator"], rows["weight"], rows["direction"], strict=True
    ):
        if not isinstance(code, str) or not code:
            continue
        if code in seen:
            problems.append(f"duplicate:{code}")
            continue
        seen.add(code)
        value = pd.to_numeric(weight, errors="coerce")
        if pd.isna(value) or not math.isfinite(value) or not 0 <= value <= MAX_WEIGHT:
            problems.append(f"weight:{code}")
            continue
        if direction not in DIRECTIONS:
            problems.append(f"direction:{code}")
            continue
        components.append(Component(code, float(value), direction))
    return components, problems


def component_rows(
    components: Sequence[Component],
    result: CompositeResult,
    table: pd.DataFrame,
    years: Mapping[str, int],
    in_catalogue: Sequence[str],
) -> pd.DataFrame:
    """Per component: given weight, weight used (normalised), year, units with a value and
    status: used | not_in_database | no_data (in the catalogue but no value up to the year)
    | zero_weight."""
    rows = []
    for comp in components:
        if comp.code in result.used:
            status = "used"
        elif comp.weight == 0:
            status = "zero_weight"
        elif comp.code not in in_catalogue:
            status = "not_in_database"
        else:
            status = "no_data"
        valued = int(table[comp.code].notna().sum()) if comp.code in table.columns else 0
        rows.append(
            {
                "indicator": comp.code,
                "weight": comp.weight,
                "weight_used": result.weights.get(comp.code, math.nan),
                "direction": comp.direction,
                "year": years.get(comp.code),
                "units": valued,
                "status": status,
            }
        )
    return pd.DataFrame(rows)


def missing_share(components: Sequence[Component], result: CompositeResult) -> float:
    """Share (0..1) of the given weights that belongs to components not used."""
    total = sum(c.weight for c in components)
    if total <= 0:
        return 0.0
    return sum(c.weight for c in components if c.code not in result.used) / total


STATUSES = ("used", "not_in_database", "no_data", "zero_weight")


def components_shown(rows: pd.DataFrame, name: Callable[[str], str], lang: str) -> pd.DataFrame:
    """What the index is made of, and what it could not use, as text (`rows` from
    component_rows; `name` names an indicator, see indicator_name)."""
    status = {s: t(f"idx.status.{s}", lang) for s in STATUSES}
    return pd.DataFrame(
        {
            t("sel.indicator", lang): [name(c) for c in rows["indicator"]],
            t("idx.col_weight", lang): [format_number(w, 2, lang) for w in rows["weight"]],
            t("idx.col_weight_used", lang): [
                format_number(w, 2, lang) for w in rows["weight_used"]
            ],
            t("sel.year", lang): ["–" if pd.isna(y) else str(int(y)) for y in rows["year"]],
            t("idx.col_units", lang): rows["units"].astype(int),
            t("idx.col_status", lang): [status[s] for s in rows["status"]],
        }
    )


def honesty_notes(
    preset: str,
    components: Sequence[Component],
    result: CompositeResult,
    rows: pd.DataFrame,
    name: Callable[[str], str],
    lang: str,
) -> list[tuple[str, str]]:
    """What is missing, named, and plainly when the result is not the full method: (kind,
    text) pairs, kind "warning", "info" or "caption", in the order the page shows them."""
    notes = []
    absent = rows[rows["status"].isin(["not_in_database", "no_data"])]
    if not absent.empty:
        names = "; ".join(
            f"{name(r.indicator)} ({format_number(r.weight, 2, lang)})" for r in absent.itertuples()
        )
        share = format_percent(missing_share(components, result) * 100, 0, lang)
        text = tn(
            "idx.missing",
            len(components),
            lang,
            used=len(result.used),
            missing=len(absent),
            share=share,
            names=names,
        )
        notes.append(("warning", text))
    if preset == "vraa" and not absent.empty and result.used:
        notes.append(("info", t("idx.not_vraa", lang)))
    if preset == "example":
        notes.append(("caption", t("idx.example_note", lang)))
    return notes


def incomplete_note(result: CompositeResult, names: Mapping[str, str], lang: str) -> str | None:
    """The units whose index lacks a component, named; None when every unit has them all."""
    if not result.incomplete_units:
        return None
    missing = ", ".join(sorted(names.get(u, u) for u in result.incomplete_units))
    return t("idx.incomplete", lang, n=len(result.incomplete_units), names=missing)


def index_slice(units: pd.DataFrame, result: CompositeResult) -> pd.DataFrame:
    """The index in the shape of the indicator_slice query (for logic.mapview.map_slice).

    units: unit_id, name_lv, name_en, kind.
    """
    values = result.index.reindex(units["unit_id"]).to_numpy()
    return units[["unit_id", "name_lv", "name_en", "kind"]].assign(value=values)


def ranking_frame(
    result: CompositeResult,
    table: pd.DataFrame,
    names: Mapping[str, str],
    headers: Mapping[str, str],
    units: Mapping[str, str],
    decimals: Mapping[str, int],
    my: str | None,
    lang: str,
    ranges: RankRange | None = None,
) -> pd.DataFrame:
    """Units with an index, best first (ties by name), with `ranges` the range of ranks under
    varied weights ("3–7", or the rank alone when it never moves) and the share of draws
    that keep the rank, then the component values."""
    ranked = result.rank.dropna().astype(int)
    order = sorted(ranked.index, key=lambda u: (ranked[u], names.get(u, u)))
    out = pd.DataFrame(
        {
            t("bench.rank", lang): [int(ranked[u]) for u in order],
            t("municipality", lang): [
                f"★ {names.get(u, u)}" if u == my else names.get(u, u) for u in order
            ],
            t("idx.col_index", lang): [
                format_number(result.index[u], INDEX_DECIMALS, lang) for u in order
            ],
        }
    )
    if ranges is not None:
        out[t("idx.col_range", lang)] = [range_text(ranges, u) for u in order]
        out[t("idx.col_kept", lang)] = [format_number(ranges.kept[u] * 100, 0, lang) for u in order]
    for code in result.used:
        out[headers.get(code, code)] = [
            format_value(table.loc[u, code], units.get(code, ""), decimals.get(code, 1), lang)
            for u in order
        ]
    return out


def range_text(ranges: RankRange, unit: str) -> str:
    low, high = int(ranges.low[unit]), int(ranges.high[unit])
    return str(low) if low == high else f"{low}–{high}"


def contributions_frame(
    result: CompositeResult, names: Mapping[str, str], labels: Mapping[str, str]
) -> pd.DataFrame:
    """Tidy rows unit x component for the contributions chart (complete units only)."""
    parts = result.contributions.dropna(how="any")
    if parts.empty:
        return pd.DataFrame(columns=["unit_id", "name", "rank", "indicator", "label", "value"])
    tidy = parts.rename_axis("unit_id").reset_index().melt("unit_id", var_name="indicator")
    tidy["name"] = tidy["unit_id"].map(lambda u: names.get(u, u))
    tidy["label"] = tidy["indicator"].map(lambda c: labels.get(c, c))
    tidy["rank"] = tidy["unit_id"].map(result.rank).astype(int)
    tidy["index"] = tidy["unit_id"].map(result.index)
    return tidy
