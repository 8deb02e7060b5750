"""Shared display helpers for app.py and the pages: reference data, the selection, notices.

Pages call these and lay out what they return; SQL stays in queries/, maths in logic/.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from typing import TypeVar

import altair as alt
import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from benchlearn import cache, limits
from benchlearn.db import DatabaseMissing
from benchlearn.i18n import TEXT, format_number, format_rank, formula_text, t
from benchlearn.logic import explore as explore_logic
from benchlearn.logic import usertext
from benchlearn.logic.groups import (
    ALL,
    COMPARED,
    SIZE_CLASSES,
    USER,
    members_of,
    selectable_groups,
    size_basis_note,
)
from benchlearn.logic.scores import BAND_COLOURS, band_label
from benchlearn.logic.view import MAP_VERSIONS, choose_version, years_by_indicator
from benchlearn.state import (
    Notice,
    Options,
    PageState,
    ViewState,
    parse,
    parse_page,
    to_params,
)
from benchlearn.userdata import widgets as userdata
from benchlearn.userdata.logic import members_in_version, network_id, successor_map


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
    state, notices = parse(url_params(), options_with_networks(ref))
    if userdata.is_down():  # the network a link names may well exist: say why it is left out
        notices = [replace(n, kind="userdata") if _names_network(n) else n for n in notices]
    years = ref.years.get(state.ind, [])
    state.year = state.year or (years[-1] if years else None)
    st.session_state[VIEW] = asdict(state)
    st.session_state["_notices"] = notices
    st.session_state["_seeded"] = True
    st.session_state["_seeded_view"] = to_params(state)


def _names_network(notice: Notice) -> bool:
    return notice.field == "tikls" or (
        notice.field in ("grp", "theme") and network_id(notice.value) is not None
    )


def url_params() -> dict[str, str]:
    """The URL's parameters as they are. Only benchlearn.state's parsers read them: parse at
    a session's start (seed_from_url), parse_page on the pages (page_state)."""
    return st.query_params.to_dict()


def page_state() -> PageState:
    """The current page's own URL parameters (?tikls=, ?deck=, ?slide=, ?tendences=), parsed;
    bad values were reported on arrival (parse checks them too)."""
    return parse_page(url_params())[0]


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
                t("notice.year", language, year=usertext.escape(notice.value), shown=notice.shown),
                icon=":material/event_busy:",
            )
        elif notice.kind == "userdata":
            st.warning(
                t(
                    "notice.userdata",
                    language,
                    value=usertext.escape(notice.value),
                    field=t(f"field.{notice.field}", language),
                ),
                icon=":material/cloud_off:",
            )
        else:
            st.warning(
                t(
                    "notice.unknown",
                    language,
                    value=usertext.escape(notice.value),  # from the URL: shown as typed
                    field=t(f"field.{notice.field}", language),
                ),
                icon=":material/link_off:",
            )


def write_url() -> None:
    """The URL carries the whole view, so a copied link restores it in a new browser."""
    params = {**to_params(current_state()), **st.session_state.pop(PAGE_PARAMS, {})}
    if params != url_params():
        st.query_params.from_dict(params)


def unit_label(ref: Reference, unit_id: str, language: str) -> str:
    """Display name of a unit (see _labels)."""
    return ref.labels["en" if language == "en" else "lv"].get(unit_id, unit_id)


def indicator_label(ref: Reference, code: str, language: str) -> str:
    return ref.indicator_names["en" if language == "en" else "lv"][code]


def contributed_switch(lang: str) -> None:
    """The page's switch that hides municipalities' contributed values (bound to ?hide=1;
    cache.query leaves them out of every result while it is on)."""
    st.toggle(t("contrib.hide", lang), **bound("hide"))


cache.set_hiding(lambda: bool(view().get("hide")))


def indicator_unit(ref: Reference, code: str, language: str) -> str:
    return ref.indicator_units["en" if language == "en" else "lv"][code]


def per_capita_companion(ref: Reference, code: str) -> str | None:
    """The catalogue's per-capita companion of `code` (births → births per 1 000), if any."""
    other = ref.catalogue.loc[code, "per_capita"]
    return other if isinstance(other, str) and other in ref.catalogue.index else None


def group_label(
    ref: Reference, code: str, language: str, user_name: str | None = None, plain: bool = False
) -> str:
    """A group's name: stored groups from the database, the URL's group by its own name
    (pass `user_name` where the label may be formatted outside the script run). Names people
    gave (networks, the URL's group) are safe markdown (benchlearn.logic.usertext); with
    `plain`, plain text for select boxes, charts and downloads."""
    if network_id(code) is not None:
        return network_label(code, language, plain)
    if code == USER:
        name = view().get("ug_name") if user_name is None else user_name
        shown = (usertext.plain if plain else usertext.inline)(name or "")
        return t("group.user", language, name=shown or t("group.user_default", language))
    if code in ref.groups.index:
        return str(ref.groups.loc[code, "name_en" if language == "en" else "name_lv"])
    return t(f"group.{code}", language) if f"group.{code}" in TEXT else code


def group_options(ref: Reference) -> list[str]:
    """Codes for the group selector; a group that no longer exists falls back to "all"."""
    current = view()
    options = selectable_groups(ref.groups.index, user=bool(current.get("ug")))
    options += network_codes(current.get("grp"))
    if current.get("grp") not in options:
        current["grp"] = ALL
    return options


def stored_members(code: str, version: str) -> pd.DataFrame:
    """Members of a stored group in one version (unit_id, names, population basis)."""
    return cache.query("group_members", group=code, version=version)


def group_note(ref: Reference, state: ViewState, language: str) -> str:
    """What a population size class rests on (partial city figures); "" for other groups."""
    if not state.grp.startswith("pop:") or state.grp not in ref.groups.index:
        return ""
    version = municipal_version(ref, state)
    classified = pd.concat([stored_members(s.code, version) for s in SIZE_CLASSES])
    unclassified = [
        unit_label(ref, u, language)
        for u in units_of(ref, version)["unit_id"]
        if u not in set(classified["unit_id"])
    ]
    names = {u: unit_label(ref, u, language) for u in classified["unit_id"]}
    return size_basis_note(stored_members(state.grp, version), names, unclassified, language)


def source_caption(ref: Reference, code: str, language: str, sources: pd.DataFrame) -> str:
    """'Avots: CSP TRS020 (iegūts 2025-12-18)' or the formula and its inputs' sources."""
    row = ref.catalogue.loc[code]
    sources_text = f"{t('source', language)}: " + "; ".join(
        source_parts(ref, code, language, sources)
    )
    if row["kind"] != "derived":
        return sources_text
    names = {c: f"«{indicator_label(ref, c, language)}»" for c in row["inputs"]}
    formula = formula_text(row["formula"], names, language)
    return f"{t('computed', language)}: {formula}. {sources_text}"


def source_parts(ref: Reference, code: str, language: str, sources: pd.DataFrame) -> list[str]:
    """Each distinct source behind `code` once ('CSP TRS020 (iegūts 2025-12-18)'), through
    the inputs of a derived indicator: two inputs from one table name it once."""
    return _source_parts(ref, code, language, sources.set_index("source_id"))


def _source_parts(ref: Reference, code: str, language: str, by_id: pd.DataFrame) -> list[str]:
    row = ref.catalogue.loc[code]
    if row["kind"] == "derived":
        parts = [p for c in row["inputs"] for p in _source_parts(ref, c, language, by_id)]
        return list(dict.fromkeys(parts))
    if row["kind"] == "geometry":
        boundaries = "generalised boundaries" if language == "en" else "vispārinātās robežas"
        return [f"CSP, VZD – {boundaries} 1:1 200 000"]
    parts = []
    for sid in row["source_ids"]:
        src = by_id.loc[sid]
        table = f" {src['table_code']}" if src["table_code"] else ""
        when = f" ({t('retrieved', language)} {src['retrieved']})" if src["retrieved"] else ""
        parts.append(f"{src['publisher']}{table}{when}")
    return list(dict.fromkeys(parts))


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


def group_of(ref: Reference, state: ViewState, version: str) -> list[str]:
    """Unit ids in the chosen comparison group within `version`."""
    ids = units_of(ref, version)["unit_id"].tolist()
    if state.grp in (COMPARED, USER):
        return members_of(state.grp, ids, [], state.cmp, state.ug)
    if network_id(state.grp) is not None:
        return network_members(state.grp, ids)
    if state.grp == ALL or state.grp not in ref.groups.index:
        return ids
    return members_of(state.grp, ids, stored_members(state.grp, version)["unit_id"].tolist())


def sources() -> pd.DataFrame:
    return cache.query("sources")


def band_pill(band: str, language: str) -> str:
    """A small label in the band's colour (white text on the dark ends, dark on the middle)."""
    colour = BAND_COLOURS[band]
    text = "#ffffff" if band in ("best", "worst") else "#333333"
    return (
        f'<span style="background:{colour};color:{text};border:1px solid #bbb;'
        f'border-radius:0.6em;padding:0 0.5em;font-size:0.8em;white-space:nowrap">'
        f"{html.escape(band_label(band, language))}</span>"
    )


def position_lines(ref: Reference, rows: pd.DataFrame, language: str, empty: str) -> str:
    """HTML for st.html: per row the band as a coloured label, the indicator, its rank and
    year; `empty` (plain text) when there are no rows. One st.html block is lighter for the
    browser than markdown with inline HTML."""
    lines = []
    for row in rows.itertuples():
        name = html.escape(indicator_label(ref, row.indicator, language))
        rank = html.escape(format_rank(int(row.rank), int(row.n), language))
        lines.append(f"{band_pill(row.band, language)} <b>{name}</b> — {rank} ({row.year})")
    return "<br>".join(lines) or html.escape(empty)


def chart_spec(chart: alt.TopLevelMixin) -> dict:
    """The Vega-Lite dict of an Altair chart, converted as st.altair_chart would (theme
    "none", data inline), so it can be cached and drawn with st.vega_lite_chart: Altair's
    to_dict validates the whole schema, tens of milliseconds per chart and page visit.
    Altair's theme and data settings are global, hence Streamlit's own lock around them."""
    from streamlit.elements.vega_charts import _altair_globals_lock

    with (
        _altair_globals_lock,
        alt.theme.enable("none"),
        alt.data_transformers.enable("default"),
    ):
        return chart.to_dict()


# --- cooperation networks (user data, benchlearn.userdata) as groups and themes ---------------

PAGE_PARAMS = "_page_params"  # a page's own URL parameters for this run (see page_params)


def page_params(params: dict[str, str]) -> None:
    """URL parameters of the current page only (e.g. the presentation's deck and slide):
    write_url keeps them beside the view for this run; other pages drop them."""
    st.session_state[PAGE_PARAMS] = params


def network_codes(current: str | None = None) -> list[str]:
    """Group codes "net:<id>" of networks with members (and the current one, if a network)."""
    codes = [n.code for n in userdata.networks() if n.members]
    if network_id(current) is not None and current not in codes:
        codes.append(current)
    return codes


def userdata_note(language: str) -> str:
    """Under the group selector while networks cannot be offered as groups; else ""."""
    return t("ud.groups_unavailable", language) if userdata.is_down() else ""


def options_with_networks(ref: Reference) -> Options:
    """What a URL may name, networks included (as groups, and their indicator sets as themes)."""
    nets = userdata.networks()
    return replace(
        ref.options,
        groups=[*ref.options.groups, *(n.code for n in nets)],
        themes=[*ref.options.themes, *(n.code for n in nets if n.indicators)],
        networks=[n.id for n in nets],  # ?tikls= names one of these
    )


def network(code: str | None):
    """The network behind a "net:<id>" code, or None (not a network, or deleted)."""
    ident = network_id(code)
    return next((n for n in userdata.networks() if n.id == ident), None)


def network_label(code: str, language: str, plain: bool = False) -> str:
    """The network as a group ("Tīkls: <name> (years)"): its name as safe markdown, or as
    `plain` text."""
    net = network(code)
    if net is None:
        return t("group.network_gone", language)
    period = (
        f" ({net.period_start}–{net.period_end})" if net.period_start and net.period_end else ""
    )
    name = (usertext.plain if plain else usertext.inline)(net.name(language))
    return t("group.network", language, name=name + period)


def _successors() -> dict[str, set[str]]:
    return successor_map(cache.query("units"))


def successors() -> dict[str, set[str]]:
    """Units sharing territory across the 2021/2025 boundaries; shared read-only."""
    return cache.per_database(_successors)


def network_members(code: str, version_ids: list[str]) -> list[str]:
    """A network's members among one version's units (2021 and 2025 members map across)."""
    net = network(code)
    if net is None:
        return []
    return members_in_version(net.members, version_ids, successors())


def theme_options(ref: Reference, themes: list[str], years: dict) -> list[str]:
    """Catalogue themes plus the indicator sets of networks that have data to show."""
    nets = [n.code for n in userdata.networks() if any(years.get(c) for c in n.indicators)]
    return [*themes, *nets]


def theme_label(ref: Reference, theme: str, language: str, plain: bool = False) -> str:
    """A theme's name; a network's indicator set by the network's name (safe markdown, or
    `plain` text for select boxes)."""
    if network_id(theme) is not None:
        net = network(theme)
        if net is None:
            return t("theme.network", language, name=t("group.network_gone", language))
        name = (usertext.plain if plain else usertext.inline)(net.name(language))
        return t("theme.network", language, name=name)
    return ref.theme_names[language].get(theme, theme)


def theme_codes(ref: Reference, theme: str, years: dict) -> list[str]:
    """Indicators of a theme (or of a network's set, in its order) that have a year to show."""
    if network_id(theme) is None:
        from benchlearn.logic.benchmark import theme_indicators

        return theme_indicators(ref.catalogue, theme, years)
    net = network(theme)
    codes = net.indicators if net else ()
    return [c for c in codes if c in ref.catalogue.index and years.get(c) is not None]


def account_box() -> None:
    """Sidebar: who is signed in and with which roles; sign in or out."""
    userdata.account_box(lang())


def save_view_box(page) -> None:
    """Sidebar: editors save the page on screen with its URL state into a network."""
    userdata.save_view_box(page.url_path, to_params(current_state()), lang())


def ask_for_my_municipality(ref: Reference, lang: str, hint_key: str, key: str) -> None:
    """An info line and a picker for pages that need "my municipality" when none is chosen;
    the choice goes into the shared selection and the page's own box is cleared."""

    def choose() -> None:
        set_view("my", st.session_state.get(key) or None)
        st.session_state[key] = ""

    st.info(t(hint_key, lang), icon=":material/location_city:")
    st.session_state.setdefault(key, "")
    st.selectbox(
        t("profile.choose", lang),
        ["", *ref.local.index],
        key=key,
        on_change=choose,
        format_func=lambda u: unit_label(ref, u, lang) if u else t("sel.my_none", lang),
    )


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
T = TypeVar("T")


def limit_text(refused: limits.Limited, lang: str) -> str:
    """What a bound of benchlearn.limits that refused a download says to people."""
    return t(
        f"limits.{refused.code}",
        lang,
        n=format_number(refused.limit, 0, lang),
        rows=format_number(refused.value, 0, lang),
    )


def on_click(make: Callable[[], T], lang: str) -> Callable[[], T]:
    """A download's data, built when the button is clicked (outside the script run): from
    the warehouse version of the view it was offered on, within this session's and the
    server's bounds (benchlearn.limits); a refusal reaches the browser as a message in `lang`
    (benchlearn.serve passes it on)."""
    build = cache.at_version(make)
    ctx = get_script_run_ctx(suppress_warning=True)
    owner = ctx.session_id if ctx is not None else ""

    def data() -> T:
        token = limits.OWNER.set(owner)
        try:
            return build()
        except limits.Limited as refused:
            raise limits.Refused(limit_text(refused, lang)) from refused
        finally:
            limits.OWNER.reset(token)

    return data


def build_date(lang: str) -> str:
    """The database's build date for headers and export notes (21.11.2026. / 2026-11-21)."""
    meta = dict(cache.query("build_meta").itertuples(index=False))
    return explore_logic.build_date(meta.get("built_at"), lang)


def table_downloads(
    lang: str,
    stem: str,
    csv: Callable[[], bytes],
    xlsx: Callable[[], bytes],
    help_text: str,
    key: str,
) -> None:
    """CSV and Excel buttons for the table on screen; files are built only when clicked.
    Side by side, each as wide as its label (in columns, "Lejupielādēt Excel" was cut)."""
    row = st.container(horizontal=True)
    row.download_button(
        t("bench.download_csv", lang),
        data=on_click(csv, lang),
        file_name=f"{stem}.csv",
        mime="text/csv",
        icon=":material/download:",
        help=f"{help_text} {t('bench.csv_help', lang)}",
        key=f"{key}_csv",
        on_click="ignore",
    )
    row.download_button(
        t("bench.download_xlsx", lang),
        data=on_click(xlsx, lang),
        file_name=f"{stem}.xlsx",
        mime=XLSX_MIME,
        icon=":material/download:",
        help=help_text,
        key=f"{key}_xlsx",
        on_click="ignore",
    )
