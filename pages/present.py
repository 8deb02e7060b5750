"""Presentation mode for seminars: one saved view per slide, full screen without the app's
navigation, large type and thick lines for the back of a room; ← → (or the buttons) step
through the deck. A slide is the page: each is drawn from the saved view's own state by
its page's view functions (benchlearn.screens), in large type; the URL (?deck=&slide=) and a
link per slide can be shared. The title slide offers the deck as a PDF, one slide a page
(benchlearn.deck_paper), anonymised as the room sees it.

For the seminar room (issue 21): a title slide with the participants' link and its QR code;
anonymised slides (every municipality but the one in the spotlight as a letter, the same
letter on every slide of the deck: benchlearn.logic.anonymise); a spotlight; discussion
notes per slide kept with the deck; a timer that counts down in the browser. The settings
travel in the URL (?anon=1&spot=LV...&timer=15)."""

from __future__ import annotations

import html
import time
from urllib.parse import urlencode

import streamlit as st

from benchlearn import deck_paper
from benchlearn.i18n import t, tn
from benchlearn.logic import anonymise as an
from benchlearn.logic import seminar, usertext
from benchlearn.screens import comparison as comparison_screen
from benchlearn.screens import look
from benchlearn.screens import map as map_screen
from benchlearn.screens import profile as profile_screen
from benchlearn.screens import trends as trends_screen
from benchlearn.screens.look import Room
from benchlearn.state import MAX_TIMER, to_params
from benchlearn.ui import naming, refdata, viewstate
from benchlearn.userdata import repository as repo
from benchlearn.userdata import widgets as ud
from benchlearn.userdata.logic import absolute_link, step, view_link
from benchlearn.userdata.repository import DeckInfo, ViewInfo

# The deck, the slide and the seminar settings are fields of the view (?deck=&slide=&anon=
# &spot=&timer=, written to the URL on this page only); these keys are their widgets'.
ANON, SPOT, MINUTES = "pres_anon", "pres_spot", "pres_minutes"
TIMER_END = "_pres_timer_end"  # transient: time.time() when the running timer reaches zero
TITLE = -1

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
    """The view's deck (?deck=, an id checked by benchlearn.state), if it exists."""
    deck_id = viewstate.view().get("deck")
    return repo.get_deck(engine, deck_id) if deck_id is not None else None


def _set_index(index: int) -> None:
    viewstate.set_view("slide", None if index == TITLE else index + 1)


def slide_index(deck: DeckInfo) -> int:
    """The position in the deck (TITLE: the title slide): the view's ?slide= (1-based; a
    new deck starts at its title slide, past the end is the last slide)."""
    slide = viewstate.view().get("slide")
    index = TITLE if slide is None else step(slide - 1, len(deck.slides), 0)
    _set_index(index)
    return index


def go(deck: DeckInfo, delta: int) -> None:
    slide = viewstate.view().get("slide")
    moved = (TITLE if slide is None else slide - 1) + delta
    _set_index(TITLE if moved < 0 else step(moved, len(deck.slides), 0))


# --- the seminar settings: anonymise, spotlight, timer -----------------------------------


def spot_options(ref: refdata.Reference, deck: DeckInfo, members: tuple[str, ...]) -> list[str]:
    """Who may be in the spotlight: the network's members, else the units the deck names."""
    pool = list(members) or an.named_units(v.params for v in deck.slides)
    known = ref.labels["lv"]
    options = [u for u in dict.fromkeys(pool) if u in known]
    current = viewstate.view().get("spot")
    if current and current not in options:
        if current in known:
            options.append(current)
        else:  # not a unit of this warehouse (the URL's notice says so): left out
            viewstate.set_view("spot", None)
    return [None, *options]


def room_of(ref: refdata.Reference, deck: DeckInfo) -> Room:
    """The letters for this deck and spotlight: the same on every slide of the deck."""
    current = viewstate.view()
    return look.room_for(ref, deck, bool(current.get("anon")), current.get("spot"))


def settings(
    ref: refdata.Reference, deck: DeckInfo, members: tuple[str, ...], room: Room, lang: str
) -> None:
    """The presenter's popover: anonymise, spotlight, timer minutes. While anonymised, the
    spotlight's choices are letters too: the popover is open in front of the room."""
    with st.popover(t("pres.settings", lang), icon=":material/tune:", width="stretch"):
        st.toggle(
            t("pres.anon", lang), **viewstate.bound("anon", ANON), help=t("pres.anon_help", lang)
        )
        options = spot_options(ref, deck, members)
        st.selectbox(
            t("pres.spot", lang),
            options,
            **viewstate.bound("spot", SPOT),
            format_func=lambda u: t("sel.my_none", lang) if u is None else room.label(ref, u, lang),
            help=t("pres.spot_help", lang),
        )
        st.number_input(
            t("pres.minutes", lang), 0, MAX_TIMER, step=1, **viewstate.bound("timer", MINUTES)
        )


def start_timer() -> None:
    st.session_state[TIMER_END] = time.time() + 60 * int(viewstate.view().get("timer") or 0)


def stop_timer() -> None:
    st.session_state.pop(TIMER_END, None)


def timer(column, lang: str) -> None:
    """The countdown (counted in the browser, no rerun every second) and its button."""
    minutes = int(viewstate.view().get("timer") or 0)
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
    """The seminar settings as URL parameters (defaults left out), as benchlearn.state
    writes them."""
    params = to_params(viewstate.current_state(), "prezentacija")
    return {k: v for k, v in params.items() if k in ("anon", "spot", "timer")}


def controls(
    ref: refdata.Reference, deck: DeckInfo, index: int, network: str, members, room: Room, lang: str
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
    left.markdown(tn("pres.title_slides", len(deck.slides), lang))
    if room.spot:
        left.markdown(
            t(
                "pres.title_spot",
                lang,
                name=usertext.escape(room.label(refdata.reference(), room.spot, lang)),
            )
        )
    if room.anonymised:
        left.markdown(t("pres.title_anon", lang))
    link = participant_link(deck, lang)
    left.markdown(f"{t('pres.follow', lang)}  \n{usertext.link(link, link, relative=True)}")
    engine = ud.store()
    if engine is not None:  # the deck as a PDF, one slide a page, named as the room shows
        with left:
            deck_paper.button(engine, deck, room, link, lang, key=f"deck_pdf_{deck.id}")
    label = html.escape(t("pres.qr", lang), quote=True)
    right.html(  # an <img>: st.html's sanitiser drops inline SVG
        "<div style='display:flex;flex-direction:column;align-items:center;gap:.5rem'>"
        f"<img class='bl-qr' src='{seminar.qr_image(link)}' alt='{label}' "
        "style='width:min(100%,24rem);height:auto;image-rendering:pixelated'>"
        f"<div style='font-size:1.2rem'>{label}</div></div>"
    )


def notice_text(notices: list, lang: str) -> str:
    items = [f"{t(f'field.{n.field}', lang)} “{usertext.escape(n.value)}”" for n in notices]
    return t("pres.changed", lang, items=", ".join(items))


# --- slide content per page: the pages' own builders, with the saved state ------------------


SLIDES = {  # saved view's page -> the page's own drawing (benchlearn.screens)
    "": map_screen.draw_slide,
    "tendences": trends_screen.draw_slide,
    "salidzinajums": comparison_screen.draw_slide,
    "profils": profile_screen.draw_slide,
}


def footer(ref: refdata.Reference, codes: list[str], view: ViewInfo, room: Room, lang: str) -> None:
    """The source of every figure on the slide, and the view's own link for participants
    (not when anonymised: the view itself shows the names)."""
    sources = refdata.sources()
    captions = dict.fromkeys(
        naming.source_caption(ref, c, lang, sources) for c in codes if c in ref.catalogue.index
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
    ref = refdata.reference()
    lang = viewstate.lang()
    ud.with_store(lang, lambda engine: show(engine, ref, lang))


def show(engine, ref: refdata.Reference, lang: str) -> None:
    deck = deck_from_url(engine)
    if deck is None or not deck.slides:
        st.info(t("pres.no_deck" if deck is None else "pres.empty", lang))
        st.page_link("pages/networks.py", label=t("nav.networks", lang), icon=":material/hub:")
        return
    index = slide_index(deck)
    network = repo.get_network(engine, deck.network_id)
    members = network.members if network else ()
    room = room_of(ref, deck)
    name = room.mask(network.name(lang)) if network else ""
    controls(ref, deck, index, name, members, room, lang)
    if index == TITLE:
        title_slide(deck, name, room, lang)
        return
    view = deck.slides[index]
    state, notices = look.saved_state(ref, view.params, lang)
    state = look.spotlit(state, room.spot)
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
        codes = draw(ref, state, look.slide(room, index))
    footer(ref, codes, view, room, lang)
    notes(engine, deck, view, room, lang)


render()
