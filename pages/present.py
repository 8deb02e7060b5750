"""Presentation mode for seminars: one saved view per slide, full screen without the app's
navigation, large type and thick lines for the back of a room; ← → (or the buttons) step
through the deck. Each slide is drawn from the saved view's own state with the same chart
builders as the pages; the URL (?deck=&slide=) and a link per slide can be shared.

For the seminar room (issue 21): a title slide with the participants' link and its QR code;
anonymised slides (every municipality but the one in the spotlight as a letter, the same
letter on every slide of the deck: benchlearn.logic.anonymise); a spotlight; discussion
notes per slide kept with the deck; a timer that counts down in the browser. The settings
travel in the URL (?anon=1&spot=LV...&timer=15)."""

from __future__ import annotations

import html
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from benchlearn import cache, ui, views
from benchlearn.charts.map import build_map, features
from benchlearn.i18n import t
from benchlearn.logic import anonymise as an
from benchlearn.logic import benchmark as bm
from benchlearn.logic import flags, seminar, usertext
from benchlearn.logic import profile as profile_logic
from benchlearn.logic.mapview import CITY_KINDS, legend_rows, map_slice
from benchlearn.state import MAX_COMPARED, MAX_TIMER, ViewState, parse
from benchlearn.userdata import repository as repo
from benchlearn.userdata import widgets as ud
from benchlearn.userdata.logic import absolute_link, step, view_link
from benchlearn.userdata.presentation import compact_table, enlarge_deck, enlarge_spec
from benchlearn.userdata.repository import DeckInfo, ViewInfo

SLIDE = "_present"  # (deck id, slide index) of this browser session; index -1: the title
ANON, SPOT, MINUTES = "pres_anon", "pres_spot", "pres_minutes"  # the seminar settings
TIMER_END = "_pres_timer_end"  # time.time() when the running timer reaches zero
TITLE = -1
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
    """This session's position in the deck (TITLE: the title slide); on arrival, the URL's
    ?slide= (1-based), or the title slide without one."""
    stored = st.session_state.get(SLIDE)
    if stored and stored[0] == deck.id:
        index = stored[1]
    else:
        slide = ui.page_state().slide  # 1..MAX_SLIDE; past the end: the last slide
        index = slide - 1 if slide is not None else TITLE
    index = TITLE if index == TITLE else step(index, len(deck.slides), 0)
    st.session_state[SLIDE] = (deck.id, index)
    return index


def go(deck: DeckInfo, delta: int) -> None:
    deck_id, index = st.session_state[SLIDE]
    moved = index + delta
    st.session_state[SLIDE] = (deck_id, TITLE if moved < 0 else step(moved, len(deck.slides), 0))


# --- the seminar settings: anonymise, spotlight, timer -----------------------------------


@dataclass(frozen=True)
class Room:
    """How names are shown in this presentation: `letters` (unit id -> letter) for every
    municipality but the spotlight when anonymised, else empty; `mask` replaces names and
    unit ids in any text (people's titles and notes, chart data) with letters."""

    spot: str | None = None
    letters: dict[str, str] = field(default_factory=dict)
    mask: Callable[[str], str] = lambda text: text

    @property
    def anonymised(self) -> bool:
        return bool(self.letters)

    def label(self, ref: ui.Reference, unit: str, lang: str) -> str:
        return self.letters.get(unit) or ui.unit_label(ref, unit, lang)

    def scrub(self, value):
        """Every string inside a chart spec or map layer with names and ids masked."""
        if not self.anonymised:
            return value
        if isinstance(value, str):
            return self.mask(value)
        if isinstance(value, list):
            return [self.scrub(v) for v in value]
        if isinstance(value, dict):
            return {k: self.scrub(v) for k, v in value.items()}
        return value


def seed_settings() -> None:
    """The seminar settings from the URL on arrival (checked by benchlearn.state)."""
    page = ui.page_state()
    st.session_state.setdefault(ANON, page.anon)
    st.session_state.setdefault(SPOT, page.spot)
    st.session_state.setdefault(MINUTES, page.timer or 0)


def spot_options(ref: ui.Reference, deck: DeckInfo, members: tuple[str, ...]) -> list[str]:
    """Who may be in the spotlight: the network's members, else the units the deck names."""
    pool = list(members) or an.named_units(v.params for v in deck.slides)
    known = ref.labels["lv"]
    options = [u for u in dict.fromkeys(pool) if u in known]
    current = st.session_state.get(SPOT)
    if current and current not in options:
        if current in known:
            options.append(current)
        else:  # not a unit of this warehouse (the URL's notice says so): left out
            st.session_state[SPOT] = None
    return [None, *options]


def room_of(ref: ui.Reference, deck: DeckInfo) -> Room:
    """The letters for this deck and spotlight: the same on every slide of the deck."""
    spot = st.session_state.get(SPOT)
    if not st.session_state.get(ANON):
        return Room(spot=spot)
    universe = [u for u in ref.labels["lv"] if len(u) > 2]  # units, not Latvia ("LV")
    named = an.named_units(v.params for v in deck.slides)
    order = an.deck_order(named, universe, f"deck:{deck.id}", ref.local.index)
    letters = an.aliases(order, spot)
    names = an.name_aliases((ref.labels["lv"], ref.labels["en"]), letters)
    keep = [ref.labels[lang].get(spot, "") for lang in ("lv", "en")] if spot else []
    return Room(spot, letters, an.masker({**names, **letters}, keep=[*keep, spot or ""]))


def settings(
    ref: ui.Reference, deck: DeckInfo, members: tuple[str, ...], room: Room, lang: str
) -> None:
    """The presenter's popover: anonymise, spotlight, timer minutes. While anonymised, the
    spotlight's choices are letters too: the popover is open in front of the room."""
    with st.popover(t("pres.settings", lang), icon=":material/tune:", width="stretch"):
        st.toggle(t("pres.anon", lang), key=ANON, help=t("pres.anon_help", lang))
        st.selectbox(
            t("pres.spot", lang),
            spot_options(ref, deck, members),
            key=SPOT,
            format_func=lambda u: t("sel.my_none", lang) if u is None else room.label(ref, u, lang),
            help=t("pres.spot_help", lang),
        )
        st.number_input(t("pres.minutes", lang), 0, MAX_TIMER, step=1, key=MINUTES)


def start_timer() -> None:
    st.session_state[TIMER_END] = time.time() + 60 * int(st.session_state.get(MINUTES) or 0)


def stop_timer() -> None:
    st.session_state.pop(TIMER_END, None)


def timer(column, lang: str) -> None:
    """The countdown (counted in the browser, no rerun every second) and its button."""
    minutes = int(st.session_state.get(MINUTES) or 0)
    if not minutes:
        stop_timer()
        return
    end = st.session_state.get(TIMER_END)
    left = None if end is None else end - time.time()
    shown, button = column.columns([2, 1], vertical_alignment="center")
    shown.html(
        seminar.countdown_html(left, minutes, t("pres.timer", lang), t("pres.time_up", lang)),
        unsafe_allow_javascript=True,
    )
    if end is None:
        button.button(
            "",
            icon=":material/play_arrow:",
            on_click=start_timer,
            key="timer_start",
            help=t("pres.timer_start", lang),
        )
    else:
        button.button(
            "",
            icon=":material/restart_alt:",
            on_click=stop_timer,
            key="timer_stop",
            help=t("pres.timer_reset", lang),
        )


def url_settings() -> dict[str, str]:
    """The settings as URL parameters (defaults left out)."""
    out = {}
    if st.session_state.get(ANON):
        out["anon"] = "1"
    if st.session_state.get(SPOT):
        out["spot"] = st.session_state[SPOT]
    if st.session_state.get(MINUTES):
        out["timer"] = str(int(st.session_state[MINUTES]))
    return out


def controls(
    ref: ui.Reference, deck: DeckInfo, index: int, network: str, members, room: Room, lang: str
) -> None:
    """Deck title, timer, slide number, the buttons (arrow keys are their shortcuts) and the
    seminar settings."""
    cols = st.columns([2.8, 1.5, 0.7, 1.6, 1.6, 1.5, 0.9], vertical_alignment="center")
    cols[0].caption(f"{usertext.inline(room.mask(deck.title))} · {usertext.inline(network)}")
    timer(cols[1], lang)
    if index != TITLE:
        cols[2].markdown(
            f"**{t('pres.counter', lang, n=index + 1, total=len(deck.slides))}**",
            help=t("pres.keys", lang),
        )
    cols[3].button(
        t("pres.previous", lang),
        icon=":material/arrow_back:",
        on_click=go,
        args=(deck, -1),
        disabled=index == TITLE,
        shortcut="Left",
        key="prev",
        width="stretch",
    )
    cols[4].button(
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
    with cols[5]:
        settings(ref, deck, members, room, lang)
    cols[6].page_link(
        "pages/networks.py",
        label=t("pres.exit", lang),
        icon=":material/close:",
        query_params={"tikls": str(deck.network_id)},
    )


def participant_link(deck: DeckInfo, lang: str) -> str:
    """This presentation for participants' own screens, with the same anonymity and
    spotlight (the timer is the room's)."""
    query = {"deck": str(deck.id), **url_settings()}
    query.pop("timer", None)
    if lang != "lv":
        query["lang"] = lang
    return absolute_link(st.context.url, f"./prezentacija?{urlencode(query)}")


def title_slide(deck: DeckInfo, network: str, room: Room, lang: str) -> None:
    """The deck's title, its network, and the participants' link with its QR code."""
    st.title(usertext.inline(room.mask(deck.title)))
    left, right = st.columns([3, 2], gap="large", vertical_alignment="center")
    left.markdown(f"### {usertext.inline(network)}")
    left.markdown(t("pres.title_slides", lang, n=len(deck.slides)))
    if room.spot:
        left.markdown(
            t(
                "pres.title_spot",
                lang,
                name=usertext.escape(room.label(ui.reference(), room.spot, lang)),
            )
        )
    if room.anonymised:
        left.markdown(t("pres.title_anon", lang))
    link = participant_link(deck, lang)
    left.markdown(f"{t('pres.follow', lang)}  \n{usertext.link(link, link, relative=True)}")
    label = html.escape(t("pres.qr", lang), quote=True)
    right.html(  # an <img>: st.html's sanitiser drops inline SVG
        "<div style='display:flex;flex-direction:column;align-items:center;gap:.5rem'>"
        f"<img class='bl-qr' src='{seminar.qr_image(link)}' alt='{label}' "
        "style='width:min(100%,24rem);height:auto;image-rendering:pixelated'>"
        f"<div style='font-size:1.2rem'>{label}</div></div>"
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


def map_slide(ref: ui.Reference, state: ViewState, index: int, room: Room) -> list[str]:
    lang, row = state.lang, ref.catalogue.loc[state.ind]
    unit = ui.indicator_unit(ref, state.ind, lang)
    version, _ = ui.map_version(ref, state)
    found = cache.query("indicator_slice", version=version, indicator=state.ind, year=state.year)
    latvia = cache.query("country_value", indicator=state.ind, year=state.year)
    latvia_value = None if latvia.empty else float(latvia["value"].iloc[0])
    decimals = int(row["decimals"])
    view = map_slice(found, row["direction"], state.cls, latvia_value, unit, decimals, lang)
    cities = ui.units_of(ref, version)
    if not room.anonymised:
        cities = cities[cities["kind"].isin(CITY_KINDS)]
    labels = pd.DataFrame(
        {  # anonymised: every unit labelled with its letter, so the room can say "C"
            "name": [room.label(ref, u, lang) for u in cities["unit_id"]]
            if room.anonymised
            else cities["name_en" if lang == "en" else "name_lv"],
            "lon": cities["label_lon"],
            "lat": cities["label_lat"],
        }
    )
    table = view.table
    if room.anonymised:
        table = table.assign(name=[room.label(ref, u, lang) for u in table.index])
    collection = features(cache.boundary_layer(version), table, state.my)
    if room.anonymised:  # tooltips and ids in the page's data too
        collection = {
            **collection,
            "features": [
                {**f, "properties": room.scrub(f["properties"])} for f in collection["features"]
            ],
        }
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
    if state.my and state.my in table.index:
        mine = table.loc[state.my]
        name = usertext.escape(mine["name"])
        right.markdown(f"**{name}**  \n{mine['value_text']}  \n{mine['rank_text']}")
    return [state.ind]


def trends_slide(ref: ui.Reference, state: ViewState, index: int, room: Room) -> list[str]:
    """The trends page's chart for this state, in large type (same view, same cache)."""
    lang = state.lang
    companion = ui.per_capita_companion(ref, state.ind)
    code = companion if state.pc and companion else state.ind
    unit = ui.indicator_unit(ref, code, lang)
    version = ui.municipal_version(ref, state)
    members = tuple(ui.group_of(ref, state, version))
    group = room.mask(ui.group_label(ref, state.grp, lang, plain=True))  # the chart's legend
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
        tuple(sorted(room.letters.items())),
    )
    if view["defaulted"]:
        st.caption(t("pres.trend_units", lang, n=len(view["units"]), group=usertext.escape(group)))
    if view["nothing"]:
        st.warning(t("trends.nothing", lang))
        return [code]
    spec = enlarge_spec(view["spec"])
    st.vega_lite_chart(spec=room.scrub(spec), width="stretch", key=f"slide_{index}")
    return [code]


def benchmark_slide(ref: ui.Reference, state: ViewState, index: int, room: Room) -> list[str]:
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
    group = room.mask(ui.group_label(ref, state.grp, lang))
    st.subheader(
        t("bench.subtitle", lang, group=group, theme=ui.theme_label(ref, theme, lang), year=year)
    )
    if not rows or not chosen:
        st.info(t("bench.empty", lang))
        return chosen or [state.ind]
    names = {u: room.label(ref, u, lang) for u in rows}  # letters sort as letters
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


def profile_slide(ref: ui.Reference, state: ViewState, index: int, room: Room) -> list[str]:
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
    st.subheader(room.label(ref, state.my, lang))
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


def footer(ref: ui.Reference, codes: list[str], view: ViewInfo, room: Room, lang: str) -> None:
    """The source of every figure on the slide, and the view's own link for participants
    (not when anonymised: the view itself shows the names)."""
    sources = ui.sources()
    captions = dict.fromkeys(
        ui.source_caption(ref, c, lang, sources) for c in codes if c in ref.catalogue.index
    )
    st.caption("  \n".join(captions))
    if room.anonymised:
        return
    link = absolute_link(st.context.url, view_link(view.page, view.params, lang))
    st.markdown(f"{t('pres.link', lang)}: {usertext.link(link, link, relative=True)}")


def save_note(engine, deck: DeckInfo, view: ViewInfo, key: str, lang: str) -> None:
    text = st.session_state.get(key, "")
    ud.attempt(
        lambda: repo.set_deck_note(engine, deck.id, view.id, text, by=ud.actor()),
        lang,
        done=t("pres.notes_saved", lang),
    )


def notes(engine, deck: DeckInfo, view: ViewInfo, room: Room, lang: str) -> None:
    """The slide's discussion notes, folded away for the presenter; editable by those
    with the role, and only while names are shown (the editor shows the text as written)."""
    text = repo.deck_notes(engine, deck.id).get(view.id, "")
    with st.expander(t("pres.notes", lang), icon=":material/forum:"):
        if text:
            st.markdown(usertext.markdown(room.mask(text)))
        else:
            st.caption(t("pres.notes_none", lang))
        if not ud.may("deck.note"):
            return
        if room.anonymised:
            st.caption(t("pres.notes_anon", lang))
            return
        key = f"pres_note_{deck.id}_{view.id}"
        with st.form(f"pres_note_form_{deck.id}_{view.id}", border=False):
            st.text_area(t("pres.notes_edit", lang), value=text, key=key, height=140)
            st.form_submit_button(
                t("pres.notes_save", lang),
                icon=":material/save:",
                on_click=save_note,
                args=(engine, deck, view, key, lang),
            )


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


def spotlit(state: ViewState, spot: str | None) -> ViewState:
    """The saved state with the spotlight as "my municipality"; the view's own one is kept
    among the compared, so every slide still shows whom it showed."""
    if not spot or spot == state.my:
        return state
    others = [u for u in dict.fromkeys([state.my, *state.cmp]) if u and u != spot]
    return replace(state, my=spot, cmp=others[:MAX_COMPARED])


def show(engine, ref: ui.Reference, lang: str) -> None:
    deck = deck_from_url(engine)
    if deck is None or not deck.slides:
        st.info(t("pres.no_deck" if deck is None else "pres.empty", lang))
        st.page_link("pages/networks.py", label=t("nav.networks", lang), icon=":material/hub:")
        return
    seed_settings()
    index = slide_index(deck)
    network = repo.get_network(engine, deck.network_id)
    members = network.members if network else ()
    room = room_of(ref, deck)
    name = room.mask(network.name(lang)) if network else ""
    controls(ref, deck, index, name, members, room, lang)
    slide = {} if index == TITLE else {"slide": str(index + 1)}
    ui.page_params({"deck": str(deck.id), **slide, **url_settings()})
    if index == TITLE:
        title_slide(deck, name, room, lang)
        return
    view = deck.slides[index]
    state, notices = saved_state(ref, view, lang)
    state = spotlit(state, room.spot)
    st.title(usertext.inline(room.mask(view.title)))
    if view.note:
        st.markdown(usertext.markdown(room.mask(view.note)))
    if notices:
        st.caption(notice_text(notices, lang))
    draw = SLIDES.get(view.page)
    if draw is None:
        st.info(t("pres.not_drawn", lang))
        codes = [state.ind]
    else:
        codes = draw(ref, state, index, room)
    footer(ref, codes, view, room, lang)
    notes(engine, deck, view, room, lang)


render()
