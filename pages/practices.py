"""Good practices library: examples, studies and handbooks from the cooperation networks,
searchable and filterable; coordinators and administrators add and correct entries, and a
contributor those of their own municipalities (the repository checks again on each write)."""

from __future__ import annotations

import streamlit as st

from benchlearn.i18n import t, tn
from benchlearn.logic import usertext
from benchlearn.ui import naming, refdata, viewstate
from benchlearn.userdata import access
from benchlearn.userdata import repository as repo
from benchlearn.userdata import widgets as ud
from benchlearn.userdata.logic import all_tags, search_practices
from benchlearn.userdata.repository import NetworkInfo, PracticeInfo, PracticeInput

ANY = ""


def filters(ref: refdata.Reference, practices, nets: list[NetworkInfo], lang: str) -> dict:
    """Search box and filters (every filter narrows the list)."""
    query = st.text_input(t("prac.search", lang), key="prac_q", help=t("prac.search_help", lang))
    cols = st.columns(4)
    units = sorted(
        {p.unit_id for p in practices if p.unit_id}, key=lambda u: naming.unit_label(ref, u, lang)
    )
    unit = cols[0].selectbox(
        t("prac.unit", lang),
        [ANY, *units],
        key="prac_unit",
        format_func=lambda u: naming.unit_label(ref, u, lang) if u else t("prac.any", lang),
    )
    by_id = {n.id: n for n in nets}
    network = cols[1].selectbox(
        t("prac.network", lang),
        [None, *by_id],
        key="prac_net",
        format_func=lambda i: usertext.plain(by_id[i].name(lang)) if i else t("prac.any", lang),
    )
    codes = {c for p in practices for c in p.indicators if c in ref.catalogue.index}
    indicator = cols[2].selectbox(
        t("prac.indicator", lang),
        [ANY, *sorted(codes)],
        key="prac_ind",
        format_func=lambda c: naming.indicator_label(ref, c, lang) if c else t("prac.any", lang),
    )
    tag = cols[3].selectbox(
        t("prac.tag", lang),
        [ANY, *all_tags(practices)],
        key="prac_tag",
        format_func=lambda g: usertext.plain(g) if g else t("prac.any", lang),
    )
    return {
        "query": query or "",
        "unit": unit or None,
        "network": network,
        "indicator": indicator or None,
        "tag": tag or None,
    }


def place(ref: refdata.Reference, p: PracticeInfo, lang: str) -> str:
    """Today's municipality, and the one before the 2021 reform where that is what the
    source names (e.g. Vecumnieku novads, now part of Bauskas novads)."""
    if not p.unit_id:
        return t("prac.national", lang)
    name = naming.unit_label(ref, p.unit_id, lang)
    if p.former_unit_id:
        return t(
            "prac.former", lang, name=name, former=naming.unit_label(ref, p.former_unit_id, lang)
        )
    return name


def card(ref: refdata.Reference, p: PracticeInfo, nets: dict[int, NetworkInfo], lang: str) -> None:
    """One entry: what is known, and a line saying what is not. What people typed goes
    through usertext (no images or HTML; links show their target)."""
    with st.container(border=True):
        st.markdown(f"**{usertext.inline(p.title(lang))}**")
        facts = [place(ref, p, lang)]
        if p.year:
            facts.append(f"{t('prac.year', lang)}: {p.year}")
        if p.network_id in nets:
            name = usertext.inline(nets[p.network_id].name(lang))
            facts.append(f"{t('prac.network', lang)}: {name}")
        st.caption(" · ".join(facts))
        if p.summary(lang):
            st.markdown(usertext.markdown(p.summary(lang)))
        extra = []
        codes = [c for c in p.indicators if c in ref.catalogue.index]
        if codes:
            names = ", ".join(naming.indicator_label(ref, c, lang) for c in codes)
            extra.append(f"{t('prac.related', lang)}: {names}")
        if p.tags:
            extra.append(f"{t('prac.tags', lang)}: {', '.join(map(usertext.inline, p.tags))}")
        if extra:
            st.caption(" · ".join(extra))
        if p.link:
            st.markdown(usertext.link(f"{t('prac.document', lang)}: {p.link}", p.link))
        unknown = [
            label
            for label, known in (
                (t("prac.year", lang).lower(), p.year),
                (t("prac.network", lang).lower(), p.network_id),
                (t("prac.related", lang).lower(), codes),
                (t("prac.document", lang).lower(), p.link),
            )
            if not known
        ]
        source = usertext.inline(p.source(lang))
        notes = [f"{t('prac.source', lang)}: {source}"] if source else []
        if unknown:
            notes.append(t("prac.unknown", lang, fields=", ".join(unknown)))
        if notes:
            st.caption(" ".join(notes))


def practice_form(
    ref: refdata.Reference,
    p: PracticeInfo | None,
    nets: list[NetworkInfo],
    lang: str,
    units: list[str] | None = None,
) -> PracticeInput | None:
    """`units`: the municipalities a contributor may choose (None: all, and national)."""
    base = p or PracticeInfo(title_lv="")
    by_id = {n.id: n for n in nets}
    local = ref.local.index.tolist() if units is None else units
    choices = [ANY, *local] if units is None else local
    former = sorted(
        ref.units.loc[ref.units["version"] == "pre2021", "unit_id"].unique(),
        key=lambda u: naming.unit_label(ref, u, lang),
    )
    with st.form(f"prac_form_{p.id if p else 'new'}", clear_on_submit=p is None):
        a, b = st.columns(2)
        title_lv = a.text_input(t("prac.title_lv", lang), base.title_lv, max_chars=400)
        title_en = b.text_input(t("prac.title_en", lang), base.title_en, max_chars=400)
        c, d, e, f = st.columns([2, 2, 1, 2])
        unit = c.selectbox(
            t("prac.unit", lang),
            choices,
            index=(choices.index(base.unit_id) if base.unit_id in choices else 0),
            format_func=lambda u: (
                naming.unit_label(ref, u, lang) if u else t("prac.national", lang)
            ),
        )
        before = d.selectbox(
            t("prac.former_unit", lang),
            [ANY, *former],
            index=(
                [ANY, *former].index(base.former_unit_id) if base.former_unit_id in former else 0
            ),
            format_func=lambda u: naming.unit_label(ref, u, lang) if u else "—",
        )
        year = e.number_input(t("prac.year", lang), 1990, 2100, base.year, step=1, format="%d")
        network = f.selectbox(
            t("prac.network", lang),
            [None, *by_id],
            index=([None, *by_id].index(base.network_id) if base.network_id in by_id else 0),
            format_func=lambda i: usertext.plain(by_id[i].name(lang)) if i else "—",
        )
        indicators = ud.pick_indicators(ref, t("prac.related", lang), base.indicators, lang)
        summary_lv = st.text_area(t("prac.summary_lv", lang), base.summary_lv)
        summary_en = st.text_area(t("prac.summary_en", lang), base.summary_en)
        g, h = st.columns(2)
        link = g.text_input(t("prac.link", lang), base.link, max_chars=1000)
        tags = h.text_input(t("prac.tags_input", lang), ", ".join(base.tags))
        if not st.form_submit_button(t("prac.save", lang), type="primary"):
            return None
    return PracticeInput(
        title_lv=title_lv,
        title_en=title_en,
        unit_id=unit or None,
        former_unit_id=before or None,
        year=None if year is None else int(year),
        network_id=network,
        indicators=tuple(indicators),
        summary_lv=summary_lv,
        summary_en=summary_en,
        link=link,
        tags=tuple(x.strip() for x in tags.split(",") if x.strip()),
        source_lv=base.source_lv,
        source_en=base.source_en,
    )


def editing(engine, ref: refdata.Reference, shown: list[PracticeInfo], nets, lang: str) -> None:
    """Correct a shown entry, delete it, or add a new one; a contributor only those of
    their own municipalities."""
    grants = ud.grants()
    units = None if ud.may("practice.create") else access.contributor_units(grants)
    if units is not None:
        shown = [p for p in shown if p.unit_id in units]
    with st.expander(t("prac.new", lang), icon=":material/add:"):
        data = practice_form(ref, None, nets, lang, units)
        if data is not None and ud.attempt(
            lambda: repo.create_practice(engine, data, by=ud.actor()), lang, t("prac.saved", lang)
        ):
            st.rerun()
    if not shown:
        return
    titles = {p.id: usertext.plain(p.title(lang)) for p in shown}  # for a select box
    with st.expander(t("prac.edit", lang), icon=":material/edit:"):
        chosen = st.selectbox(t("prac.edit", lang), list(titles), format_func=titles.get)
        entry = next(p for p in shown if p.id == chosen)
        data = practice_form(ref, entry, nets, lang, units)
        if data is not None and ud.attempt(
            lambda: repo.update_practice(engine, entry.id, data, by=ud.actor()) or True,
            lang,
            t("prac.saved", lang),
        ):
            st.rerun()
        if st.button(t("prac.delete", lang), icon=":material/delete:", key=f"del_prac_{entry.id}"):
            ud.delete(lambda: repo.delete_practice(engine, entry.id, by=ud.actor()), lang)


def render() -> None:
    ref = refdata.reference()
    lang = viewstate.lang()
    show_page = lambda engine: show(engine, ref, lang)  # noqa: E731
    ud.store_page(t("prac.title", lang), t("prac.intro", lang), lang, show_page)


def show(engine, ref: refdata.Reference, lang: str) -> None:
    practices = repo.list_practices(engine)
    nets = repo.list_networks(engine)
    chosen = filters(ref, practices, nets, lang)
    names = {u: f"{name} {ref.labels['en'].get(u, '')}" for u, name in ref.labels["lv"].items()}
    shown = search_practices(
        practices,
        chosen["query"],
        unit=chosen["unit"],
        network=chosen["network"],
        indicator=chosen["indicator"],
        tag=chosen["tag"],
        names=names,
    )
    st.caption(tn("prac.count", len(practices), lang, shown=len(shown)))
    if not shown:
        st.info(t("prac.none", lang))
    by_id = {n.id: n for n in nets}
    for p in shown:
        card(ref, p, by_id, lang)
    if ud.may_edit("practice"):
        editing(engine, ref, shown, nets, lang)
    else:
        with st.expander(t("prac.editor_hint", lang), icon=":material/edit:"):
            ud.role_hint(lang, "coordinator", key="prac_sign_in")


render()
