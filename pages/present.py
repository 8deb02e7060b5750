"""Presentation mode for seminars: one saved view per slide, full screen without the app's
navigation, large type and thick lines for the back of a room; ← → (or the buttons) step
through the deck. Each slide is drawn from the saved view's own state with the same chart
builders as the pages; the URL (?deck=&slide=) and a link per slide can be shared."""

from __future__ import annotations

import html
from dataclasses import replace

import pandas as pd
import streamlit as st

from benchlearn import cache, ui, views
from benchlearn.charts.map import build_map, features
from benchlearn.i18n import t
from benchlearn.logic import benchmark as bm
from benchlearn.logic import flags, usertext
from benchlearn.logic import profile as profile_logic
from benchlearn.logic.mapview import CITY_KINDS, legend_rows, map_slice
from benchlearn.state import ViewState, parse
from benchlearn.userdata import repository as repo
from benchlearn.userdata import widgets as ud
from benchlearn.userdata.logic import absolute_link, step, view_link
from benchlearn.userdata.presentation import compact_table, enlarge_deck, enlarge_spec
from benchlearn.userdata.repository import DeckInfo, ViewInfo

SLIDE = "_present"  # (deck id, slide index) of this browser session
MAP_HEIGHT = 640
CHART_HEIGHT = 520

# Only on this page: no sidebar, header or top navigation; everything larger.
CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"], header[data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 1rem 2.5rem 2rem; max-width: 100%; }
[data-testid="stMain"] .stMarkdown p, [data-testid="stMain"] .stMarkdown li {
  font-size: 1.55rem; line-height: 1.45; }
[data-testid="stMain"] h1 { font-size: 3rem; line-height: 1.15; }
[data-testid="stMain"] h3 { font-size: 2rem; }
[data-testid="stMain"] [data-testid="stCaptionContainer"] { font-size: 1.2rem; }
[data-testid="stMain"] [data-testid="stTable"] th,
[data-testid="stMain"] [data-testid="stTable"] td { font-size: 1.3rem; padding: .35rem .7rem; }
[data-testid="stMain"] button p, [data-testid="stMain"] [data-testid="stPageLink"] p {
  font-size: 1.25rem; }
</style>
"""


def deck_from_url(engine) -> DeckInfo | None:
    """The deck the URL names (?deck=, an id checked by benchlearn.state), if it exists."""
    deck_id = ui.page_state().deck
    return repo.get_deck(engine, deck_id) if deck_id is not None else None


def slide_index(deck: DeckInfo) -> int:
    """This session's position in the deck; on arrival, the URL's ?slide= (1-based)."""
    stored = st.session_state.get(SLIDE)
    if stored and stored[0] == deck.id:
        index = stored[1]
    else:
        slide = ui.page_state().slide  # 1..MAX_SLIDE; past the end: the last slide
        index = slide - 1 if slide is not None else 0
    index = step(index, len(deck.slides), 0)
    st.session_state[SLIDE] = (deck.id, index)
    return index


def go(deck: DeckInfo, delta: int) -> None:
    deck_id, index = st.session_state[SLIDE]
    st.session_state[SLIDE] = (deck_id, step(index, len(deck.slides), delta))


def controls(deck: DeckInfo, index: int, network: str, lang: str) -> None:
    """Deck title, slide number and the buttons (arrow keys are their shortcuts)."""
    cols = st.columns([5, 1, 1.4, 1.4, 1], vertical_alignment="center")
    cols[0].caption(f"{usertext.inline(deck.title)} · {usertext.inline(network)}")
    cols[1].markdown(
        f"**{t('pres.counter', lang, n=index + 1, total=len(deck.slides))}**",
        help=t("pres.keys", lang),
    )
    cols[2].button(
        t("pres.previous", lang),
        icon=":material/arrow_back:",
        on_click=go,
        args=(deck, -1),
        disabled=index == 0,
        shortcut="Left",
        key="prev",
        width="stretch",
    )
    cols[3].button(
        t("pres.next", lang),
        icon=":material/arrow_forward:",
        on_click=go,
        args=(deck, 1),
        disabled=index >= len(deck.slides) - 1,
        shortcut="Right",
        key="next",
        width="stretch",
        type="primary",
    )
    cols[4].page_link(
        "pages/networks.py",
        label=t("pres.exit", lang),
        icon=":material/close:",
        query_params={"tikls": str(deck.network_id)},
    )


def saved_state(ref: ui.Reference, view: ViewInfo, lang: str) -> tuple[ViewState, list]:
    """The view's state as the app would restore it from its link, in the presenter's
    language; values that no longer exist are dropped and reported."""
    state, notices = parse(view.params, ui.options_with_networks(ref))
    years = ref.years.get(state.ind, [])
    return replace(state, lang=lang, year=state.year or (years[-1] if years else None)), notices


def notice_text(notices: list, lang: str) -> str:
    items = [f"{t(f'field.{n.field}', lang)} “{usertext.escape(n.value)}”" for n in notices]
    return t("pres.changed", lang, items=", ".join(items))


# --- slide content per page: the pages' own builders, with the saved state ------------------


def map_slide(ref: ui.Reference, state: ViewState, index: int) -> list[str]:
    lang, row = state.lang, ref.catalogue.loc[state.ind]
    unit = ui.indicator_unit(ref, state.ind, lang)
    version, _ = ui.map_version(ref, state)
    found = cache.query("indicator_slice", version=version, indicator=state.ind, year=state.year)
    latvia = cache.query("country_value", indicator=state.ind, year=state.year)
    latvia_value = None if latvia.empty else float(latvia["value"].iloc[0])
    decimals = int(row["decimals"])
    view = map_slice(found, row["direction"], state.cls, latvia_value, unit, decimals, lang)
    cities = ui.units_of(ref, version)
    cities = cities[cities["kind"].isin(CITY_KINDS)]
    labels = pd.DataFrame(
        {
            "name": cities["name_en" if lang == "en" else "name_lv"],
            "lon": cities["label_lon"],
            "lat": cities["label_lat"],
        }
    )
    collection = features(cache.boundary_layer(version), view.table, state.my)
    deck = enlarge_deck(build_map(collection, labels, height=MAP_HEIGHT))
    st.subheader(f"{ui.indicator_label(ref, state.ind, lang)}, {state.year} ({unit})")
    left, right = st.columns([3, 1], gap="large")
    left.pydeck_chart(deck, height=MAP_HEIGHT, key=f"slide_map_{index}")
    swatches = "".join(
        f"<div style='display:flex;align-items:center;gap:.7rem;margin:.35rem 0;"
        f"font-size:1.35rem'><span style='width:2.4rem;height:1.5rem;background:{colour};"
        f"border:1px solid #555;display:inline-block'></span>{html.escape(label)} ({count})</div>"
        for colour, label, count in legend_rows(view.classified, unit, decimals, lang)
    )
    missing = int(view.table["value"].isna().sum())
    swatches += (
        f"<div style='display:flex;align-items:center;gap:.7rem;margin:.35rem 0;"
        f"font-size:1.35rem'><span style='width:2.4rem;height:1.5rem;background:#cfcfcf;"
        f"border:1px solid #555;display:inline-block'></span>{t('no_data', lang)} ({missing})</div>"
        if missing
        else ""
    )
    right.markdown(swatches, unsafe_allow_html=True)
    if state.my and state.my in view.table.index:
        mine = view.table.loc[state.my]
        right.markdown(f"**{mine['name']}**  \n{mine['value_text']}  \n{mine['rank_text']}")
    return [state.ind]


def trends_slide(ref: ui.Reference, state: ViewState, index: int) -> list[str]:
    """The trends page's chart for this state, in large type (same view, same cache)."""
    lang = state.lang
    companion = ui.per_capita_companion(ref, state.ind)
    code = companion if state.pc and companion else state.ind
    unit = ui.indicator_unit(ref, code, lang)
    version = ui.municipal_version(ref, state)
    members = tuple(ui.group_of(ref, state, version))
    group = ui.group_label(ref, state.grp, lang, plain=True)  # for the chart's legend
    st.subheader(f"{ui.indicator_label(ref, code, lang)} ({unit})")
    view = cache.computed(
        views.trend_view,
        code,
        version,
        tuple(state.cmp),
        state.my,
        members,
        group,
        lang,
        CHART_HEIGHT,
    )
    if view["defaulted"]:
        st.caption(t("pres.trend_units", lang, n=len(view["units"]), group=usertext.escape(group)))
    if view["nothing"]:
        st.warning(t("trends.nothing", lang))
        return [code]
    st.vega_lite_chart(spec=enlarge_spec(view["spec"]), width="stretch", key=f"slide_{index}")
    return [code]


def benchmark_slide(ref: ui.Reference, state: ViewState, index: int) -> list[str]:
    """The comparison table as the page builds it for this state (its default indicators),
    with value and rank only, so the columns stay wide enough for large type."""
    lang, catalogue = state.lang, ref.catalogue
    version = ui.municipal_version(ref, state)
    unit_ids = ui.units_of(ref, version)["unit_id"].tolist()
    setup = cache.computed(views.comparison_setup, version, state.year)  # as the page
    year, years = setup["year"], setup["years"]
    themes = ui.theme_options(ref, setup["themes"], years)
    if not themes:
        st.info(t("bench.no_themes", lang, year=year))
        return [state.ind]
    own = catalogue.loc[state.ind, "theme"]
    theme = state.theme if state.theme in themes else (own if own in themes else themes[0])
    options = ui.theme_codes(ref, theme, years)
    chosen = cache.computed(
        views.comparison_defaults,
        version,
        tuple((c, years[c]) for c in options),
        tuple(options),
        len(unit_ids),
        state.ind,
    )
    rows = list(dict.fromkeys(ui.group_of(ref, state, version)))
    if state.my in unit_ids:
        rows = [state.my, *(u for u in rows if u != state.my)]
    group = ui.group_label(ref, state.grp, lang)
    st.subheader(
        t("bench.subtitle", lang, group=group, theme=ui.theme_label(ref, theme, lang), year=year)
    )
    if not rows or not chosen:
        st.info(t("bench.empty", lang))
        return chosen or [state.ind]
    names = {u: ui.unit_label(ref, u, lang) for u in rows}
    observations = views.indicator_observations(version, tuple(chosen))
    tidy = bm.benchmark_table(observations, catalogue, rows, {c: years[c] for c in chosen})
    order = bm.order_rows(tidy, rows, state.my, names)
    st.table(compact_table(tidy, order, catalogue, names, state.my, lang))
    st.html(bm.legend_html(lang, mine=state.my in order))
    marks = flags.legend(tidy.loc[tidy["value"].notna(), "flags"], lang)
    if marks:
        st.caption(marks)
    st.caption(t("pres.rank_note", lang))
    return chosen


def profile_slide(ref: ui.Reference, state: ViewState, index: int) -> list[str]:
    """Strongest and weakest positions of the municipality within the comparison group."""
    lang = state.lang
    if not state.my:
        st.info(t("pres.no_unit", lang))
        return [state.ind]
    version = views.profile_version(ref, state, state.my)
    obs = views.profile_observations(version, state.my)
    members = ui.group_of(ref, state, version)
    if state.my not in members:
        members = ui.units_of(ref, version)["unit_id"].tolist()
    table = profile_logic.profile_table(obs, state.my, members, ref.catalogue)
    st.subheader(ui.unit_label(ref, state.my, lang))
    if table.empty:
        st.warning(t("profile.no_values", lang))
        return [state.ind]
    strong, weak = profile_logic.strongest_weakest(table)
    for column, heading, rows, empty in zip(
        st.columns(2, gap="large"),
        ("profile.strongest", "profile.weakest"),
        (strong, weak),
        ("profile.none_strong", "profile.none_weak"),
        strict=True,
    ):
        column.markdown(f"### {t(heading, lang)}")
        column.html(ui.position_lines(ref, rows, lang, t(empty, lang)))
    return [*strong["indicator"], *weak["indicator"]] or [state.ind]


SLIDES = {
    "": map_slide,
    "tendences": trends_slide,
    "salidzinajums": benchmark_slide,
    "profils": profile_slide,
}


def footer(ref: ui.Reference, codes: list[str], view: ViewInfo, lang: str) -> None:
    """The source of every figure on the slide, and the view's own link for participants."""
    sources = ui.sources()
    captions = dict.fromkeys(
        ui.source_caption(ref, c, lang, sources) for c in codes if c in ref.catalogue.index
    )
    st.caption("  \n".join(captions))
    link = absolute_link(st.context.url, view_link(view.page, view.params, lang))
    st.markdown(f"{t('pres.link', lang)}: {usertext.link(link, link, relative=True)}")


def render() -> None:
    st.html(CSS)
    ref = ui.reference()
    lang = ui.lang()
    engine = ud.store()
    if engine is None:
        ud.unavailable(lang)
        return
    with ud.guarded(lang):  # the store may go away after it was opened
        show(engine, ref, lang)


def show(engine, ref: ui.Reference, lang: str) -> None:
    deck = deck_from_url(engine)
    if deck is None or not deck.slides:
        st.info(t("pres.no_deck" if deck is None else "pres.empty", lang))
        st.page_link("pages/networks.py", label=t("nav.networks", lang), icon=":material/hub:")
        return
    index = slide_index(deck)
    ui.page_params({"deck": str(deck.id), "slide": str(index + 1)})
    network = repo.get_network(engine, deck.network_id)
    controls(deck, index, network.name(lang) if network else "", lang)
    view = deck.slides[index]
    state, notices = saved_state(ref, view, lang)
    st.title(usertext.inline(view.title))
    if view.note:
        st.markdown(usertext.markdown(view.note))
    if notices:
        st.caption(notice_text(notices, lang))
    draw = SLIDES.get(view.page)
    if draw is None:
        st.info(t("pres.not_drawn", lang))
        codes = [state.ind]
    else:
        codes = draw(ref, state, index)
    footer(ref, codes, view, lang)


render()
