"""Cooperation networks: who is in each, what they compare, their saved views and seminar
decks. Anyone can read; coordinators and administrators (signed in) create and change, and
the repository checks that role again for each write."""

from __future__ import annotations

import streamlit as st

from benchlearn import actions_panel, deck_paper
from benchlearn.i18n import t, tn
from benchlearn.logic import usertext
from benchlearn.screens.look import Room
from benchlearn.ui import naming, refdata, viewstate
from benchlearn.userdata import repository as repo
from benchlearn.userdata import widgets as ud
from benchlearn.userdata.logic import (
    move,
    network_facts,
    network_input,
    network_option,
    page_name,
    presentation_link,
    view_link,
)
from benchlearn.userdata.repository import NetworkInfo, NetworkInput, ViewInfo

PICK = "net_pick"  # the network selectbox, bound to the view's `tikls` (?tikls= on this page)


def choose_network(nets: list[NetworkInfo], lang: str) -> NetworkInfo:
    """Selectbox over all networks, bound to the view's network (?tikls=<id>); the first
    network when the view names none that exists (a deleted one included)."""
    ids = [n.id for n in nets]
    if viewstate.view().get("tikls") not in ids:
        viewstate.set_view("tikls", ids[0])
    by_id = {n.id: n for n in nets}
    chosen = st.selectbox(
        t("net.choose", lang),
        ids,
        **viewstate.bound("tikls", PICK),
        format_func=lambda i: network_option(by_id[i], lang),
    )
    return by_id[chosen]


def details(ref: refdata.Reference, net: NetworkInfo, lang: str) -> None:
    """What is known of the network; everything people typed goes through usertext."""
    st.header(usertext.inline(net.name(lang)))
    names = sorted(naming.unit_label(ref, u, lang) for u in net.members)
    codes = [c for c in net.indicators if c in ref.catalogue.index]
    facts = network_facts(net, names, [naming.indicator_label(ref, c, lang) for c in codes], lang)
    cols = st.columns([1, 2])
    cols[0].markdown(facts["period"])
    cols[1].markdown(facts["coordinator"])
    st.markdown(facts["members"])
    st.markdown(facts["indicators"])
    if net.description(lang):
        st.markdown(usertext.markdown(net.description(lang)))
    if net.source(lang):
        st.caption(f"{t('net.source', lang)}: {usertext.inline(net.source(lang))}")
    if facts["missing"]:
        st.caption(facts["missing"])
    actions(net, lang)


def actions(net: NetworkInfo, lang: str) -> None:
    """Make the network the comparison group (and its indicators the theme) everywhere."""
    left, right, _ = st.columns([1, 1, 1])
    if not net.members:
        st.caption(t("net.no_members_hint", lang))
    if left.button(
        t("net.use_group", lang),
        icon=":material/groups:",
        disabled=not net.members,
        help=t("net.use_group_help", lang),
    ):
        viewstate.set_view("grp", net.code)
        st.switch_page("pages/benchmark.py")
    if right.button(
        t("net.use_theme", lang), icon=":material/table_chart:", disabled=not net.indicators
    ):
        viewstate.set_view("theme", net.code)
        if net.members:
            viewstate.set_view("grp", net.code)
        st.switch_page("pages/benchmark.py")


def views_tab(engine, net: NetworkInfo, views: list[ViewInfo], editor: bool, lang: str) -> None:
    if not views:
        st.info(t("net.no_views", lang), icon=":material/bookmark:")
        return
    for view in views:
        with st.container(border=True):
            text, buttons = st.columns([4, 1.4], vertical_alignment="center")
            text.markdown(f"**{usertext.inline(view.title)}** · {page_name(view.page, lang)}")
            if view.note:
                text.caption(usertext.markdown(view.note))
            buttons.link_button(
                t("net.open", lang),
                view_link(view.page, view.params, lang),
                icon=":material/open_in_new:",
                help=t("net.open_help", lang),
            )
            if editor and buttons.button(
                t("net.delete", lang), key=f"del_view_{view.id}", icon=":material/delete:"
            ):
                ud.delete(lambda v=view: repo.delete_view(engine, v.id, by=ud.actor()), lang)


def decks_tab(engine, net: NetworkInfo, views: list[ViewInfo], editor: bool, lang: str) -> None:
    decks = repo.list_decks(engine, net.id)
    if not decks:
        st.caption(t("net.no_decks", lang))
    titles = {v.id: usertext.plain(v.title) for v in views}  # for a select box
    for deck in decks:
        with st.container(border=True):
            head, go = st.columns([4, 1], vertical_alignment="center")
            head.markdown(
                f"**{usertext.inline(deck.title)}** · {tn('net.slides', len(deck.slides), lang)}"
            )
            go.page_link(
                "pages/present.py",
                label=t("net.present", lang),
                icon=":material/slideshow:",
                query_params={"deck": str(deck.id)},
                help=t("net.present_help", lang),
            )
            for i, slide in enumerate(deck.slides, start=1):
                row = st.columns([0.3, 4, 0.4, 0.4, 0.4], vertical_alignment="center")
                row[0].markdown(f"{i}.")
                row[1].markdown(f"{usertext.inline(slide.title)} · {page_name(slide.page, lang)}")
                if editor:
                    order = [s.id for s in deck.slides]
                    reorder(engine, deck.id, order, i - 1, row[2:], lang)
            deck_paper_button(engine, deck, lang)
            if editor:
                deck_tools(engine, deck, titles, lang)
    if editor and views:
        new_deck(engine, net, views, lang)


def deck_paper_button(engine, deck: repo.DeckInfo, lang: str) -> None:
    """The deck as a PDF, one slide a page, with names (anonymised: from the presentation's
    title slide, as the room shows it)."""
    link = presentation_link(st.context.url, deck.id, lang)
    deck_paper.button(engine, deck, Room(), link, lang, key=f"deck_pdf_{deck.id}")


def reorder(engine, deck_id: int, order: list[int], index: int, cells, lang: str) -> None:
    """↑ ↓ ✕ beside a slide; each writes the whole new order in one transaction."""
    moves = (
        (cells[0], ":material/arrow_upward:", "net.up", move(order, index, -1)),
        (cells[1], ":material/arrow_downward:", "net.down", move(order, index, 1)),
        (cells[2], ":material/close:", "net.remove", order[:index] + order[index + 1 :]),
    )
    for cell, icon, key, new in moves:
        if cell.button(
            "",
            key=f"{key.replace('.', '_')}_{deck_id}_{index}",
            icon=icon,
            help=t(key, lang),
            type="tertiary",
            disabled=new == order,
        ):
            ud.attempt(lambda n=new: repo.set_slides(engine, deck_id, n, by=ud.actor()), lang)
            st.rerun()


def deck_tools(engine, deck: repo.DeckInfo, titles: dict[int, str], lang: str) -> None:
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    extra = left.selectbox(
        t("net.add_slide", lang),
        [None, *titles],
        key=f"add_slide_{deck.id}",
        format_func=lambda v: "—" if v is None else titles[v],
    )
    if extra is not None:
        ud.attempt(lambda: repo.append_slide(engine, deck.id, extra, by=ud.actor()), lang)
        st.session_state.pop(f"add_slide_{deck.id}", None)
        st.rerun()
    if right.button(
        t("net.delete_deck", lang), key=f"del_deck_{deck.id}", icon=":material/delete:"
    ):
        ud.delete(lambda: repo.delete_deck(engine, deck.id, by=ud.actor()), lang)


def new_deck(engine, net: NetworkInfo, views: list[ViewInfo], lang: str) -> None:
    st.markdown(f"**{t('net.deck_new', lang)}**")
    titles = {v.id: usertext.plain(v.title) for v in views}
    with st.form(f"new_deck_{net.id}", clear_on_submit=True):
        title = st.text_input(t("net.deck_title", lang), max_chars=200)
        chosen = st.multiselect(
            t("net.deck_views", lang),
            list(titles),
            format_func=titles.get,
            help=t("net.deck_views_help", lang),
        )
        if st.form_submit_button(t("net.deck_create", lang), type="primary"):
            made = ud.attempt(
                lambda: repo.create_deck(engine, net.id, title, chosen, by=ud.actor()),
                lang,
                t("net.deck_created", lang),
            )
            if made:
                st.rerun()


def network_form(ref: refdata.Reference, net: NetworkInfo | None, lang: str) -> NetworkInput | None:
    """Fields of a network; returns the input when submitted."""
    base = net or NetworkInfo(name_lv="")
    with st.form(f"net_form_{net.id if net else 'new'}", clear_on_submit=net is None):
        a, b = st.columns(2)
        name_lv = a.text_input(t("net.name_lv", lang), base.name_lv, max_chars=200)
        name_en = b.text_input(t("net.name_en", lang), base.name_en, max_chars=200)
        c, d, e = st.columns([1, 1, 2])
        start = c.number_input(
            t("net.period_start", lang), 1990, 2100, base.period_start, step=1, format="%d"
        )
        end = d.number_input(
            t("net.period_end", lang), 1990, 2100, base.period_end, step=1, format="%d"
        )
        coordinator = e.text_input(t("net.coordinator", lang), base.coordinator, max_chars=200)
        local = ref.local.index.tolist()
        members = ud.pick_many(
            t("net.members_label", lang),
            local,
            base.members,
            lambda u: naming.unit_label(ref, u, lang),
            lang,
        )
        indicators = ud.pick_indicators(ref, t("net.indicators_label", lang), base.indicators, lang)
        description_lv = st.text_area(t("net.description_lv", lang), base.description_lv)
        description_en = st.text_area(t("net.description_en", lang), base.description_en)
        submitted = st.form_submit_button(
            t("net.save" if net else "net.create", lang), type="primary"
        )
    if not submitted:
        return None
    return network_input(
        base,
        name_lv=name_lv,
        name_en=name_en,
        start=start,
        end=end,
        coordinator=coordinator,
        description_lv=description_lv,
        description_en=description_en,
        members=members,
        indicators=indicators,
    )


def edit_tab(engine, ref: refdata.Reference, net: NetworkInfo, lang: str) -> None:
    data = network_form(ref, net, lang)
    if data is not None and ud.attempt(
        lambda: repo.update_network(engine, net.id, data, by=ud.actor()) or True,
        lang,
        t("net.saved", lang),
    ):
        st.rerun()
    confirm = st.checkbox(t("net.delete_confirm", lang), key=f"confirm_del_{net.id}")
    if st.button(t("net.delete_network", lang), icon=":material/delete:", disabled=not confirm):
        ud.delete(lambda: repo.delete_network(engine, net.id, by=ud.actor()), lang)


def new_tab(engine, ref: refdata.Reference, lang: str) -> None:
    data = network_form(ref, None, lang)
    if data is not None:
        made = ud.attempt(
            lambda: repo.create_network(engine, data, by=ud.actor()), lang, t("net.created", lang)
        )
        if made:
            viewstate.set_view("tikls", made)
            st.rerun()


def editor_box(lang: str) -> bool:
    """True for a coordinator or administrator; others are told what it takes."""
    if ud.may_edit("network"):
        return True
    with st.expander(t("net.editor_hint", lang), icon=":material/edit:"):
        ud.role_hint(lang, "coordinator", key="net_sign_in")
    return False


def render() -> None:
    ref = refdata.reference()
    lang = viewstate.lang()
    show_page = lambda engine: show(engine, ref, lang)  # noqa: E731
    ud.store_page(t("net.title", lang), t("net.intro", lang), lang, show_page)


def show(engine, ref: refdata.Reference, lang: str) -> None:
    editor = editor_box(lang)
    nets = repo.list_networks(engine)
    if not nets:
        st.info(t("net.none", lang))
        if editor:
            new_tab(engine, ref, lang)
        return
    net = choose_network(nets, lang)
    details(ref, net, lang)
    actions_panel.network_section(ref, net.members, lang)
    views = repo.list_views(engine, net.id)
    decks = len(repo.list_decks(engine, net.id))
    labels = [t("net.tab_views", lang, n=len(views)), t("net.tab_decks", lang, n=decks)]
    if editor:
        labels += [t("net.tab_edit", lang), t("net.tab_new", lang)]
    tabs = st.tabs(labels)
    with tabs[0]:
        views_tab(engine, net, views, editor, lang)
    with tabs[1]:
        decks_tab(engine, net, views, editor, lang)
    if editor:
        with tabs[2]:
            edit_tab(engine, ref, net, lang)
        with tabs[3]:
            new_tab(engine, ref, lang)


render()
