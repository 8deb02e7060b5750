"""Reference data every page needs: the catalogue, units, boundary versions, coverage and
what a URL may name, built once per database file and shared read-only by all sessions."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pandas as pd
import streamlit as st

from benchlearn import cache
from benchlearn.db import DatabaseMissing
from benchlearn.i18n import t
from benchlearn.logic.groups import selectable_groups
from benchlearn.logic.view import MAP_VERSIONS, choose_version, years_by_indicator
from benchlearn.state import Options, ViewState
from benchlearn.ui import viewstate
from benchlearn.userdata import widgets as userdata
from benchlearn.userdata.logic import successor_map


@dataclass(frozen=True)
class Reference:
    """What every page needs to know about the database. Built once per database file and
    shared read-only by all sessions: do not mutate its frames."""

    catalogue: pd.DataFrame  # indexed by code
    units: pd.DataFrame  # every unit in every version (one row per version membership)
    versions: pd.DataFrame
    coverage: pd.DataFrame
    years: dict[str, list[int]]
    local: pd.DataFrame  # selectable local governments (43 + merged Madona), by unit_id
    labels: dict[str, dict[str, str]]  # language -> unit_id -> display name
    options: Options
    groups: pd.DataFrame = field(default_factory=pd.DataFrame)  # stored groups, by code
    # language -> code -> text, so labels need no DataFrame lookup (the indicator box
    # formats every option on every run)
    indicator_names: dict[str, dict[str, str]] = field(default_factory=dict)
    indicator_units: dict[str, dict[str, str]] = field(default_factory=dict)
    indicator_choices: dict[str, dict[str, str]] = field(default_factory=dict)  # "theme · name"
    theme_names: dict[str, dict[str, str]] = field(default_factory=dict)  # language -> theme
    # version -> its units, one row each (filtering the Arrow-backed frame costs ~20 ms)
    version_units: dict[str, pd.DataFrame] = field(default_factory=dict)


def _labels(units: pd.DataFrame) -> dict[str, dict[str, str]]:
    """Display names; the merged Madona of 2025 is told apart from the Madona before it."""
    first = units.drop_duplicates("unit_id")
    merged = first["valid_from"].astype(str).str[:10] == "2025-07-01"
    out = {}
    for language, column, suffix in (
        ("lv", "name_lv", " (no 01.07.2025.)"),
        ("en", "name_en", " (from 01.07.2025)"),
    ):
        names = first[column].where(~merged, first[column] + suffix)
        out[language] = {
            **dict(zip(first["unit_id"], names, strict=True)),
            "LV": t("latvia", language),
        }
    return out


def _build_reference() -> Reference:
    catalogue = cache.query("catalogue").set_index("code")
    units = cache.query("units")
    versions = cache.query("versions")
    coverage = cache.query("coverage_by_version")
    local = units[units["version"].isin(["lg2021", "lg2025"])].drop_duplicates("unit_id")
    local = local.set_index("unit_id").sort_values("name_lv")
    years = years_by_indicator(coverage)
    groups = cache.query("groups").set_index("code")
    options = Options(
        indicators=catalogue.index.tolist(),
        years=years,
        units=local.index.tolist(),
        groups=selectable_groups(groups.index),
        versions=[v for v in MAP_VERSIONS if v in set(versions["version"])],
        themes=catalogue["theme"].unique().tolist(),
    )
    themes = catalogue.drop_duplicates("theme")
    by_lang = {
        lang: {
            "names": dict(zip(catalogue.index, catalogue[f"name_{lang}"], strict=True)),
            "units": dict(zip(catalogue.index, catalogue[f"unit_{lang}"], strict=True)),
            "themes": dict(zip(catalogue.index, catalogue[f"theme_{lang}"], strict=True)),
        }
        for lang in ("lv", "en")
    }
    return Reference(
        catalogue,
        units,
        versions,
        coverage,
        years,
        local,
        _labels(units),
        options,
        groups,
        indicator_names={lang: texts["names"] for lang, texts in by_lang.items()},
        indicator_units={lang: texts["units"] for lang, texts in by_lang.items()},
        indicator_choices={
            lang: {c: f"{texts['themes'][c]} · {name}" for c, name in texts["names"].items()}
            for lang, texts in by_lang.items()
        },
        theme_names={
            lang: dict(zip(themes["theme"], themes[f"theme_{lang}"], strict=True))
            for lang in ("lv", "en")
        },
        version_units={
            version: rows.reset_index(drop=True) for version, rows in units.groupby("version")
        },
    )


def reference() -> Reference:
    """Catalogue, units, versions and coverage; stops the page with advice if no database."""
    try:
        return cache.per_database(_build_reference)
    except DatabaseMissing:
        st.error(t("db.missing", viewstate.lang()))
        st.stop()


def per_capita_companion(ref: Reference, code: str) -> str | None:
    """The catalogue's per-capita companion of `code` (births → births per 1 000), if any."""
    other = ref.catalogue.loc[code, "per_capita"]
    return other if isinstance(other, str) and other in ref.catalogue.index else None


def stored_members(code: str, version: str) -> pd.DataFrame:
    """Members of a stored group in one version (unit_id, names, population basis)."""
    return cache.query("group_members", group=code, version=version)


def _version_for(indicator: str, year: int, requested: str) -> tuple[str, bool]:
    ref = reference()
    return choose_version(indicator, year, requested, ref.coverage, ref.versions)


def map_version(ref: Reference, state: ViewState) -> tuple[str, bool]:
    """Boundaries for the selected indicator and year (see logic.view.choose_version);
    asked several times per run, so cached."""
    return cache.computed(_version_for, state.ind, state.year, state.bv)


def municipal_version(ref: Reference, state: ViewState) -> str:
    """The local-government version the selection compares within (parish maps map up)."""
    version, _ = map_version(ref, state)
    return {"parish2021": "lg2021", "parish2025": "lg2025"}.get(version, version)


def units_of(ref: Reference, version: str) -> pd.DataFrame:
    """The units of one boundary version, one row each (a shallow copy: pandas copies on
    write, so the shared frame stays as it is)."""
    if version not in ref.version_units:
        return ref.units.iloc[0:0].reset_index(drop=True)
    return ref.version_units[version].copy(deep=False)


def sources() -> pd.DataFrame:
    return cache.query("sources")


def options_with_networks(ref: Reference) -> Options:
    """What a URL may name, networks included (as groups, and their indicator sets as themes)."""
    nets = userdata.networks()
    return replace(
        ref.options,
        groups=[*ref.options.groups, *(n.code for n in nets)],
        themes=[*ref.options.themes, *(n.code for n in nets if n.indicators)],
        networks=[n.id for n in nets],  # ?tikls= names one of these
    )


def _successors() -> dict[str, set[str]]:
    return successor_map(cache.query("units"))


def successors() -> dict[str, set[str]]:
    """Units sharing territory across the 2021/2025 boundaries; shared read-only."""
    return cache.per_database(_successors)
