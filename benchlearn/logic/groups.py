"""Comparison groups: who a municipality is compared with.

Fixed groups are built into the warehouse (tables `groups` and `group_members`, one member
list per boundary version) by `build_groups`, so the dashboard reads them instead of
recomputing them. Two groups are not stored because they belong to one person's view:
"compared" (the compared municipalities of the selection) and "user" (a named list of units
carried in the URL, see state.py). Pure pandas, no Streamlit.

Population size classes (codes pop:*) use one population figure per unit:
  1. the latest annual average population (population_avg, CSP IRS031, 2021 boundaries);
  2. for units without it, the latest population at the start of a year
     (population_start_of_year). With the reference data this is how the seven state cities
     are classified: IRS031 there holds the 36 novadi only, and the cities' figures are
     partial (some years only, several from unverified sources, flagged "unverified").
A unit with neither figure is in no size class (never guessed). The figure, its year and
flags are stored with each member, so the interface can say what a class rests on.
Size classes exist for the 2021 and 2025 local governments only: the figures describe the
2021 boundaries, and there are none for the 119 municipalities before 2021.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from benchlearn.formatting import format_number
from benchlearn.i18n import t, tn

ALL = "all"
COMPARED = "compared"  # the compared municipalities of the view (not stored)
USER = "user"  # the named group carried in the URL (not stored)
CITY_KINDS = ("state_city", "republican_city")
GROUP_VERSIONS = ("pre2021", "lg2021", "lg2025")  # the local-government boundary versions
SIZE_VERSIONS = ("lg2021", "lg2025")
POPULATION_BASIS = ("population_avg", "population_start_of_year")  # in order of preference

GROUP_COLUMNS = [
    "code",
    "kind",
    "name_lv",
    "name_en",
    "definition_lv",
    "definition_en",
    "sort_order",
]
MEMBER_COLUMNS = [
    "group_code",
    "version",
    "unit_id",
    "basis_indicator",
    "basis_year",
    "basis_value",
    "basis_flags",
]


@dataclass(frozen=True)
class SizeClass:
    """Residents from `low` (inclusive) to `high` (exclusive; None = no upper limit)."""

    code: str
    low: int
    high: int | None


# Bounds chosen so that each class of the 43 holds several units (6, 18, 12 and 7 with the
# reference data); Riga (about 600 000) is not a class of its own.
SIZE_CLASSES: tuple[SizeClass, ...] = (
    SizeClass("pop:lt15k", 0, 15_000),
    SizeClass("pop:15k_30k", 15_000, 30_000),
    SizeClass("pop:30k_50k", 30_000, 50_000),
    SizeClass("pop:ge50k", 50_000, None),
)

_FIXED_TEXT = {
    ALL: (
        "Visas pašvaldības",
        "All local governments",
        "Visas attiecīgo robežu pašvaldības.",
        "Every local government of the boundaries in force.",
    ),
    "state_cities": (
        "Valstspilsētas",
        "State cities",
        "Valstspilsētas (līdz 2021. gadam – republikas pilsētas).",
        "State cities (before 2021: republican cities).",
    ),
    "novadi": (
        "Novadi",
        "Municipalities (novadi)",
        "Novadi, bez valstspilsētām.",
        "Municipalities (novadi), without the state cities.",
    ),
}
_SIZE_DEFINITION = (
    "Pēc jaunākā vidējā gada iedzīvotāju skaita (CSP IRS031); kam tā nav (valstspilsētām), "
    "pēc jaunākā iedzīvotāju skaita gada sākumā – šie dati ir daļēji, daļa no nepārbaudītiem "
    "avotiem. Pašvaldība bez neviena skaitļa nav nevienā klasē.",
    "By the latest annual average population (CSP IRS031); where there is none (the state "
    "cities), by the latest population at the start of a year – these figures are partial, "
    "some from unverified sources. A unit with neither figure is in no class.",
)


def size_class_names(size: SizeClass) -> tuple[str, str]:
    """Latvian and English names, with the numbers formatted for each language."""
    low = {lang: format_number(size.low, 0, lang) for lang in ("lv", "en")}
    if size.high is None:
        return (
            f"Iedzīvotāju skaits {low['lv']} un vairāk",
            f"Population {low['en']} and over",
        )
    top = {lang: format_number(size.high - 1, 0, lang) for lang in ("lv", "en")}
    if size.low == 0:
        return (
            f"Iedzīvotāju skaits līdz {top['lv']}",
            f"Population up to {top['en']}",
        )
    return (
        f"Iedzīvotāju skaits {low['lv']}–{top['lv']}",
        f"Population {low['en']}–{top['en']}",
    )


def size_class_of(value: float) -> str | None:
    """Code of the class holding `value`; None for a missing or negative figure."""
    if pd.isna(value) or value < 0:
        return None
    for size in SIZE_CLASSES:
        if value >= size.low and (size.high is None or value < size.high):
            return size.code
    return None


def population_basis(population: pd.DataFrame) -> pd.DataFrame:
    """One population figure per unit (see the module docstring for the rule).

    `population`: unit_id, indicator, year, value, flags (any other indicators are ignored).
    Returns a frame indexed by unit_id: basis_indicator, basis_year, basis_value, basis_flags.
    """
    rows = population[population["indicator"].isin(POPULATION_BASIS)].copy()
    rows = rows[pd.to_numeric(rows["value"], errors="coerce").notna()]
    preference = {code: i for i, code in enumerate(POPULATION_BASIS)}
    rows["preference"] = rows["indicator"].map(preference)
    rows = rows.sort_values(["unit_id", "preference", "year"], ascending=[True, True, False])
    best = rows.drop_duplicates("unit_id").set_index("unit_id")
    out = pd.DataFrame(
        {
            "basis_indicator": best["indicator"].astype(object),
            "basis_year": best["year"].astype("Int64"),
            "basis_value": best["value"].astype(float),
            "basis_flags": best["flags"].fillna("").astype(object),
        }
    )
    out.index.name = "unit_id"
    return out


def _english_region(name: str) -> str:
    """'Riga statistical region (Riga)' -> 'Riga statistical region'."""
    return re.sub(r"\s*\([^)]*\)\s*$", "", name)


def _fixed_members(units: pd.DataFrame) -> dict[str, pd.DataFrame]:
    local = units[units["version"].isin(GROUP_VERSIONS)]
    return {
        ALL: local,
        "state_cities": local[local["kind"].isin(CITY_KINDS)],
        "novadi": local[local["kind"] == "novads"],
    }


def _member_rows(code: str, frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {"group_code": code, "version": frame["version"], "unit_id": frame["unit_id"]}
    )


def build_groups(
    units: pd.DataFrame, population: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The fixed groups and their members per local-government boundary version.

    units: version, unit_id, kind, nuts3_code, name_lv, name_en (every version; the
    nuts2021 rows name the regions). population: unit_id, indicator, year, value, flags.
    Returns (groups, members) with GROUP_COLUMNS and MEMBER_COLUMNS; kind is "fixed".
    """
    groups, members = [], []
    for order, (code, frame) in enumerate(_fixed_members(units).items()):
        name_lv, name_en, def_lv, def_en = _FIXED_TEXT[code]
        groups.append((code, "fixed", name_lv, name_en, def_lv, def_en, order))
        members.append(_member_rows(code, frame))

    regions = units[units["version"] == "nuts2021"].set_index("unit_id")
    local = units[units["version"].isin(GROUP_VERSIONS)]
    for i, nuts in enumerate(sorted(local["nuts3_code"].dropna().unique())):
        code = f"nuts:{nuts}"
        known = nuts in regions.index
        name_lv = regions.loc[nuts, "name_lv"] if known else f"NUTS 3 {nuts}"
        name_en = _english_region(regions.loc[nuts, "name_en"]) if known else f"NUTS 3 {nuts}"
        groups.append(
            (
                code,
                "fixed",
                name_lv,
                name_en,
                f"Statistiskā reģiona (NUTS 3 {nuts}) pašvaldības.",
                f"Local governments of the statistical region (NUTS 3 {nuts}).",
                10 + i,
            )
        )
        members.append(_member_rows(code, local[local["nuts3_code"] == nuts]))

    basis = population_basis(population)
    sized = local[local["version"].isin(SIZE_VERSIONS)].join(basis, on="unit_id", how="inner")
    sized = sized.assign(size=sized["basis_value"].map(size_class_of))
    for i, size in enumerate(SIZE_CLASSES):
        name_lv, name_en = size_class_names(size)
        groups.append((size.code, "fixed", name_lv, name_en, *_SIZE_DEFINITION, 20 + i))
        chosen = sized[sized["size"] == size.code]
        members.append(
            _member_rows(size.code, chosen).assign(
                **{c: chosen[c] for c in basis.columns},
            )
        )

    group_frame = pd.DataFrame(groups, columns=GROUP_COLUMNS)
    member_frame = pd.concat(members, ignore_index=True).reindex(columns=MEMBER_COLUMNS)
    member_frame = member_frame.sort_values(["group_code", "version", "unit_id"])
    return group_frame, member_frame.reset_index(drop=True)


def selectable_groups(stored: Iterable[str], user: bool = False) -> list[str]:
    """Selector order: all, compared, the URL's own group (if any), then the stored ones."""
    rest = [code for code in stored if code not in (ALL, COMPARED, USER)]
    return [ALL, COMPARED, *([USER] if user else []), *rest]


def members_of(
    code: str,
    version_units: Sequence[str],
    stored: Sequence[str],
    compared: Sequence[str] = (),
    user: Sequence[str] = (),
) -> list[str]:
    """Unit ids of a group within one version.

    `stored` are the members the warehouse holds for (code, version), returned in the order
    of `version_units`; "compared" and "user" come from the view and keep the person's
    order. Units outside the version are left out (a compared unit may exist only in other
    boundaries).
    """
    present = set(version_units)
    if code in (COMPARED, USER):
        chosen = compared if code == COMPARED else user
        return [u for u in dict.fromkeys(chosen) if u in present]
    wanted = set(stored)
    return [u for u in version_units if u in wanted]


def size_basis_note(
    members: pd.DataFrame, names: dict[str, str], unclassified: Sequence[str], lang: str
) -> str:
    """What a size class rests on: which figure, which year, and which figures are partial.

    members: unit_id, basis_indicator, basis_year, basis_flags of one class in one version.
    """
    parts = []
    on_average = members["basis_indicator"] == POPULATION_BASIS[0]
    constructed = members["basis_flags"].fillna("").str.contains("constructed")
    average = members[on_average & ~constructed]
    if not average.empty:
        years = ", ".join(str(y) for y in sorted(average["basis_year"].dropna().unique()))
        parts.append(tn("group.size_avg", len(average), lang, years=years))
    other = members[~on_average]
    if not other.empty:
        items = []
        for row in other.sort_values("unit_id").itertuples():
            note = (
                f", {t('group.size_unverified', lang)}"
                if "unverified" in str(row.basis_flags)
                else ""
            )
            items.append(f"{names.get(row.unit_id, row.unit_id)} ({row.basis_year}{note})")
        parts.append(t("group.size_start", lang, units="; ".join(items)))
    summed = members[on_average & constructed]
    if not summed.empty:
        items = [
            f"{names.get(row.unit_id, row.unit_id)} ({row.basis_year})"
            for row in summed.sort_values("unit_id").itertuples()
        ]
        parts.append(t("group.size_constructed", lang, units="; ".join(items)))
    if unclassified:
        parts.append(t("group.size_none", lang, names=", ".join(unclassified)))
    return " ".join(parts)
