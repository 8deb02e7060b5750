"""Municipality profile: key facts, every indicator placed within the comparison group,
strongest and weakest positions, small trend charts and the sources behind it all."""

from __future__ import annotations

import streamlit as st

from benchlearn import actions_panel, cache, paper, views
from benchlearn.i18n import t
from benchlearn.logic import gaps, profileview
from benchlearn.screens import profile as profile_screen
from benchlearn.ui import download_buttons, grouping, inputs, naming, refdata, viewstate
from benchlearn.userdata import widgets as userdata

TRENDS_KEY = "profile_trends"  # the section, bound to the view's `tendences` (?tendences=1)


# Fixed columns cut labels and values at 1280 px ("Statistiskais re…", "3 594 …"): cards
# as wide as their text, in a row that wraps, then grow to share the row's spare width.
KEY_FACTS_CSS = "<style>.st-key-key_facts > div { flex: 1 1 auto; }</style>"


def show_key_facts(cards: list[dict]) -> None:
    st.html(KEY_FACTS_CSS)
    with st.container(horizontal=True, key="key_facts"):
        for card in cards:
            st.metric(
                card["label"], card["value"], help=card.get("help"), border=True, width="content"
            )


def show_trends(view: dict, unit: str, version: str, name: str, lang: str) -> None:
    """The small trend charts in a section that draws them only once opened: drawn at once,
    Vega made the page finish ~0.1x of an empty page later (A/B runs), and they sit below the
    table. Whether it is open travels in the link."""
    if not view["n_trends"]:
        st.subheader(t("profile.trends", lang))
        st.caption(t("profile.no_trends", lang))
        return
    section = st.expander(
        t("profile.trends_open", lang, n=view["n_trends"]),
        **viewstate.bound("tendences", TRENDS_KEY),  # its change reruns the page
        icon=":material/show_chart:",
    )
    if not section.open:
        return
    with section:
        st.vega_lite_chart(
            cache.computed(profile_screen.trends_spec, unit, version, lang), width="content"
        )
        st.caption(t("profile.trends_note", lang, name=name))


def show_leads(ref: refdata.Reference, view: dict, unit: str, basis: str, reference, lang: str):
    """Beside the largest gaps: the best-placed reference unit, its good practices on the
    indicator and the networks that work on it (the user-data store is read live; without
    it the gaps still show and the page says what is missing)."""
    st.subheader(t("lead.title", lang))
    behind = view["behind"]
    if behind.empty:
        st.caption(t("lead.none", lang))
        return
    st.caption(t(f"lead.intro.{basis}", lang, name=naming.unit_label(ref, unit, lang)))
    found = userdata.library()
    if found is None:
        st.caption(t("lead.unavailable", lang))
    practices, networks = found or ([], [])
    leads = gaps.leads(behind, reference, practices, networks, refdata.successors())
    nets = {n.id: n for n in networks}
    name = lambda u: naming.unit_label(ref, u, lang)  # noqa: E731
    indicator = lambda c: naming.indicator_label(ref, c, lang)  # noqa: E731
    measure = lambda c: naming.indicator_unit(ref, c, lang)  # noqa: E731
    line = lambda p, place: userdata.practice_line(p, place, nets, lang)  # noqa: E731
    columns = st.columns(2)
    for i, row in enumerate(behind.to_dict("records")):
        lead = leads[row["indicator"]]
        head = profileview.gap_head(row, ref.catalogue, indicator, measure, name, basis, lang)
        with columns[i % 2].container(border=True):
            for text in head:
                st.markdown(text)
            if found is None:
                continue
            st.markdown(profileview.lead_lines(lead, line, name, lang))
    if found is not None:
        st.page_link(
            "pages/practices.py",
            label=t("prac.open_library", lang),
            icon=":material/arrow_forward:",
        )


def paper_button(
    profile_inputs: paper.ProfileInputs,
    cards: list[dict],
    actions: list[actions_panel.ShownAction] | None,
) -> None:
    """The council paper (benchlearn.paper), built only when clicked."""
    lang = profile_inputs.lang
    name = naming.unit_label(refdata.reference(), profile_inputs.unit, lang)
    st.download_button(
        t("paper.download", lang),
        data=download_buttons.on_click(
            lambda: paper.profile_pdf(profile_inputs, cards, actions), lang
        ),
        file_name=f"{t('paper.file', lang)}_{name.replace(' ', '_')}_{lang}.pdf",
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        help=t("paper.download_help", lang),
        key="profile_paper",
        on_click="ignore",
    )


def render() -> None:
    ref = refdata.reference()
    state = viewstate.current_state()
    lang = state.lang
    st.title(t("profile.title", lang))
    inputs.contributed_switch(lang)
    if not state.my:
        inputs.ask_for_my_municipality(ref, lang, "profile.choose_hint", "my_profile_pick")
        return
    unit = state.my
    version = views.profile_version(ref, state, unit)
    group_name = naming.group_label(ref, state.grp, lang)
    members, fallback = profile_screen.members_of(ref, state, unit, version)
    say_fallback = fallback and (bool(grouping.group_of(ref, state, version)) or state.grp != "all")
    peers = cache.computed(profile_screen.similar_peers, unit, version)
    basis, reference = gaps.reference_units("all" if fallback else state.grp, members, peers, unit)
    view = cache.computed(
        profile_screen.profile_view, unit, version, tuple(members), basis, tuple(reference), lang
    )

    st.header(naming.unit_label(ref, unit, lang))
    st.caption(view["ids"])
    show_key_facts(view["cards"])
    if fallback:
        if say_fallback:
            st.caption(
                t(
                    "profile.group_fallback",
                    lang,
                    name=naming.unit_label(ref, unit, lang),
                    group=group_name,
                )
            )
        group_name = naming.group_label(ref, "all", lang)
    if view["table"] is None:
        st.warning(t("profile.no_values", lang))
        return

    plain_group = naming.group_label(ref, "all" if fallback else state.grp, lang, plain=True)
    actions = actions_panel.profile_actions(ref, unit, version, basis, tuple(reference), lang)
    profile_inputs = paper.ProfileInputs(
        unit, version, tuple(members), basis, tuple(reference), plain_group, lang
    )
    paper_button(profile_inputs, view["cards"], actions)
    profile_screen.draw_positions(view["positions"], lang)
    st.subheader(t("profile.all", lang))
    ranks, against = st.tabs([t("profile.tab_ranks", lang), t(f"gap.table.{basis}", lang)])
    with ranks:
        st.html(view["table"])
        if view["marks"]:
            st.caption(view["marks"])
        st.caption(t("profile.group_note", lang, group=group_name))
    with against:
        st.html(view["gaps_table"])
        if view["marks"]:
            st.caption(view["marks"])
        st.caption(paper.gap_note_text(ref, basis, reference, group_name, lang))

    show_leads(ref, view, unit, basis, reference, lang)
    actions_panel.profile_section(ref, unit, actions, lang)
    show_trends(view, unit, version, naming.unit_label(ref, unit, lang), lang)

    userdata.profile_section(
        unit,
        profileview.related_units(refdata.successors(), unit),
        lambda u: naming.unit_label(ref, u, lang),
        lang,
    )
    st.subheader(t("profile.sources", lang))
    st.markdown(view["sources"])
    st.caption(t("profile.derived_note", lang))


render()
