"""Shared display helpers for app.py and the pages: reference data, the selection, notices.

Pages call these and lay out what they return; SQL stays in queries/, maths in logic/.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import pandas as pd
import streamlit as st

from benchlearn import cache
from benchlearn.db import DatabaseMissing
from benchlearn.i18n import formula_text, t
from benchlearn.logic.groups import group_codes, group_members
from benchlearn.logic.view import MAP_VERSIONS, choose_version, years_by_indicator
from benchlearn.state import Options, ViewState, parse, to_params


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
    options = Options(
        indicators=catalogue.index.tolist(),
        years=years,
        units=local.index.tolist(),
        groups=group_codes(local),
        versions=[v for v in MAP_VERSIONS if v in set(versions["version"])],
        themes=catalogue["theme"].unique().tolist(),
    )
    return Reference(catalogue, units, versions, coverage, years, local, _labels(units), options)


def reference() -> Reference:
    """Catalogue, units, versions and coverage; stops the page with advice if no database."""
    try:
        return cache.per_database(_build_reference)
    except DatabaseMissing:
        st.error(t("db.missing", lang()))
        st.stop()


VIEW = "view"  # the canonical selection: a dict of ViewState fields in st.session_state


def view() -> dict:
    """The canonical selection. Widgets mirror it (keys "w_<field>"); it survives reruns,
    page switches and language changes, which widget state alone does not under
    st.navigation."""
    return st.session_state.setdefault(VIEW, asdict(ViewState()))


def lang() -> str:
    return view().get("lang", "lv")


def current_state() -> ViewState:
    return ViewState(**view())


def set_view(field: str, value: object) -> None:
    """Change one field of the selection (from a callback or before its widget is drawn)."""
    view()[field] = value


def bound(field: str) -> dict:
    """Keyword arguments that bind a widget to a field of the selection.

    The widget's state is set from the canonical value before it is drawn, and its
    on_change copies the person's choice back. Call right before creating the widget.
    """
    key = f"w_{field}"
    value = view().get(field)
    st.session_state[key] = "" if field == "my" and value is None else value

    def copy_back() -> None:
        chosen = st.session_state[key]
        view()[field] = (chosen or None) if field == "my" else chosen

    return {"key": key, "on_change": copy_back}


def seed_from_url(ref: Reference) -> None:
    """On a session's first run, the URL decides the view; bad values become notices."""
    if st.session_state.get("_seeded"):
        return
    state, notices = parse(st.query_params.to_dict(), ref.options)
    years = ref.years.get(state.ind, [])
    state.year = state.year or (years[-1] if years else None)
    st.session_state[VIEW] = asdict(state)
    st.session_state["_notices"] = notices
    st.session_state["_seeded"] = True
    st.session_state["_seeded_view"] = to_params(state)


def repair_selection(ref: Reference) -> None:
    """Keep the year valid when the indicator changes (before the widgets are drawn)."""
    current = view()
    years = ref.years.get(current["ind"], [])
    if years and current.get("year") not in years:
        current["year"] = years[-1]


def show_notices() -> None:
    """Rejected URL values, shown at the top of every page until the person changes the view."""
    if to_params(current_state()) != st.session_state.get("_seeded_view"):
        st.session_state["_notices"] = []
    notices = st.session_state.get("_notices", [])
    language = lang()
    for notice in notices:
        if notice.kind == "year":
            st.warning(
                t("notice.year", language, year=notice.value, shown=notice.shown),
                icon=":material/event_busy:",
            )
        else:
            st.warning(
                t(
                    "notice.unknown",
                    language,
                    value=notice.value,
                    field=t(f"field.{notice.field}", language),
                ),
                icon=":material/link_off:",
            )


def write_url() -> None:
    """The URL carries the whole view, so a copied link restores it in a new browser."""
    params = to_params(current_state())
    if params != st.query_params.to_dict():
        st.query_params.from_dict(params)


def unit_label(ref: Reference, unit_id: str, language: str) -> str:
    """Display name of a unit (see _labels)."""
    return ref.labels["en" if language == "en" else "lv"].get(unit_id, unit_id)


def indicator_label(ref: Reference, code: str, language: str) -> str:
    row = ref.catalogue.loc[code]
    return row["name_en"] if language == "en" else row["name_lv"]


def indicator_unit(ref: Reference, code: str, language: str) -> str:
    row = ref.catalogue.loc[code]
    return row["unit_en"] if language == "en" else row["unit_lv"]


def group_label(ref: Reference, code: str, language: str) -> str:
    if code.startswith("nuts:"):
        region = ref.units.loc[ref.units["unit_id"] == code.removeprefix("nuts:"), "name_lv"]
        short = {
            "LV003": "Kurzemes",
            "LV005": "Latgales",
            "LV006": "Rīgas",
            "LV007": "Pierīgas",
            "LV008": "Vidzemes",
            "LV009": "Zemgales",
        }
        names_en = {
            "LV003": "Kurzeme",
            "LV005": "Latgale",
            "LV006": "Riga",
            "LV007": "Pierīga",
            "LV008": "Vidzeme",
            "LV009": "Zemgale",
        }
        key = code.removeprefix("nuts:")
        if language == "en":
            return f"{names_en.get(key, key)} statistical region"
        return region.iloc[0] if not region.empty else f"{short.get(key, key)} reģions"
    return t(f"group.{code}", language)


def source_caption(ref: Reference, code: str, language: str, sources: pd.DataFrame) -> str:
    """'Avots: CSP TRS020 (iegūts 2025-12-18)' or the formula and its inputs' sources."""
    row = ref.catalogue.loc[code]
    label = t("source", language)
    if row["kind"] == "derived":
        names = {c: f"«{indicator_label(ref, c, language)}»" for c in row["inputs"]}
        formula = formula_text(row["formula"], names, language)
        inputs = [
            source_caption(ref, c, language, sources).split(": ", 1)[1] for c in row["inputs"]
        ]
        return f"{t('computed', language)}: {formula}. {label}: " + "; ".join(dict.fromkeys(inputs))
    if row["kind"] == "geometry":
        boundaries = "generalised boundaries" if language == "en" else "vispārinātās robežas"
        return f"{label}: CSP, VZD – {boundaries} 1:1 200 000"
    parts = []
    for sid in row["source_ids"]:
        src = sources.set_index("source_id").loc[sid]
        table = f" {src['table_code']}" if src["table_code"] else ""
        when = f" ({t('retrieved', language)} {src['retrieved']})" if src["retrieved"] else ""
        parts.append(f"{src['publisher']}{table}{when}")
    return f"{label}: " + "; ".join(dict.fromkeys(parts))


def map_version(ref: Reference, state: ViewState) -> tuple[str, bool]:
    """Boundaries for the selected indicator and year (see logic.view.choose_version)."""
    return choose_version(state.ind, state.year, state.bv, ref.coverage, ref.versions)


def municipal_version(ref: Reference, state: ViewState) -> str:
    """The local-government version the selection compares within (parish maps map up)."""
    version, _ = map_version(ref, state)
    return {"parish2021": "lg2021", "parish2025": "lg2025"}.get(version, version)


def units_of(ref: Reference, version: str) -> pd.DataFrame:
    """The units of one boundary version, one row each."""
    return ref.units[ref.units["version"] == version].reset_index(drop=True)


def group_of(ref: Reference, state: ViewState, version: str) -> list[str]:
    """Unit ids in the chosen comparison group within `version`."""
    return group_members(state.grp, units_of(ref, version), state.cmp)


def sources() -> pd.DataFrame:
    return cache.query("sources")
