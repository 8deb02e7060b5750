"""Entry point: page config, the shared selection (bound to the URL), and the page router."""

import streamlit as st

from benchlearn import cache, navigation
from benchlearn.i18n import t
from benchlearn.settings import REPO_ROOT
from benchlearn.ui import grouping, inputs, naming, refdata, viewstate

ICON = REPO_ROOT / "benchlearn" / "assets" / "icon.png"  # local: no icon font from the internet

# The fields a page may leave out (navigation.PageSpec.fields), with their labels.
SELECTION_LABELS = {"cmp": "sel.compare", "grp": "sel.group"}

st.set_page_config(page_title="Mācīties salīdzinot", page_icon=str(ICON), layout="wide")


def shared_selection(ref: refdata.Reference, lang: str, fields: tuple[str, ...]) -> None:
    """The sidebar fields of the selection that this page reads (bound to the URL): the
    indicator, year, my municipality and boundaries always, the compared municipalities and
    the group where `fields` names them."""
    st.subheader(t("sel.heading", lang))
    catalogue = ref.catalogue
    st.selectbox(
        t("sel.indicator", lang),
        catalogue.index.tolist(),
        **viewstate.bound("ind"),
        format_func=ref.indicator_choices[lang].get,
    )
    st.selectbox(
        t("sel.year", lang),
        list(reversed(ref.years.get(viewstate.view()["ind"], []))),
        **viewstate.bound("year"),
    )
    st.selectbox(
        t("sel.my", lang),
        ["", *ref.local.index],
        **viewstate.bound("my"),
        format_func=lambda u: naming.unit_label(ref, u, lang) if u else t("sel.my_none", lang),
    )
    if "cmp" in fields:
        st.multiselect(
            t("sel.compare", lang),
            ref.local.index.tolist(),
            **viewstate.bound("cmp"),
            max_selections=12,
            placeholder=t("sel.placeholder", lang),
            format_func=lambda u: naming.unit_label(ref, u, lang),
        )
    if "grp" in fields:
        user_group = viewstate.current_state().ug_name  # bound now: labels may be formatted later
        st.selectbox(
            t("sel.group", lang),
            grouping.group_options(ref),
            **viewstate.bound("grp"),
            format_func=lambda g: naming.group_label(ref, g, lang, user_group, plain=True),
        )
        if group_note := naming.group_note(ref, viewstate.current_state(), lang):
            st.caption(group_note)
        if userdata_note := grouping.userdata_note(lang):
            st.caption(userdata_note)
    versions = ref.versions.set_index("version")
    st.selectbox(
        t("sel.version", lang),
        ["auto", *ref.options.versions],
        **viewstate.bound("bv"),
        format_func=lambda v: (
            t("sel.version_auto", lang)
            if v == "auto"
            else versions.loc[v, "label_en" if lang == "en" else "label_lv"]
        ),
    )
    if unused := [f for f in SELECTION_LABELS if f not in fields]:
        labels = ", ".join(t(SELECTION_LABELS[f], lang).lower() for f in unused)
        st.caption(t("sel.unused", lang, fields=labels))


def top_bar(lang: str) -> dict[str, list[st.Page]]:
    """The pages of benchlearn.navigation, grouped by menu ("" = plain links)."""
    sections: dict[str, list[st.Page]] = {}
    for spec in navigation.PAGES:
        sections.setdefault(t(spec.menu, lang) if spec.menu else "", []).append(
            st.Page(
                spec.script,
                title=t(spec.title, lang),
                icon=spec.icon,
                url_path=spec.url_path or None,
                default=not spec.url_path,
                visibility="hidden" if spec.hidden else "visible",
            )
        )
    return sections


cache.pin()  # this run reads one warehouse version, whatever a rebuild swaps in meanwhile
ref = refdata.reference()
viewstate.seed_from_url(ref)
viewstate.repair_selection(ref)
lang = viewstate.lang()  # a language switch has already changed it (on_change runs first)

page = st.navigation(top_bar(lang), position="top")
viewstate.arrive(ref, page.url_path)  # a link into a page brings its own fields
with st.sidebar:
    st.radio(
        t("lang.label", lang),
        ["lv", "en"],
        **viewstate.bound("lang"),
        horizontal=True,
        format_func={"lv": "Latviešu", "en": "English"}.get,
    )
    inputs.account_box()
    fields = navigation.fields_of(page.url_path)
    if fields:
        shared_selection(ref, lang, fields)
    else:
        st.caption(t("sel.not_here", lang))
    st.caption(t("sel.share", lang))
inputs.save_view_box(page)
viewstate.show_notices()
page.run()
viewstate.write_url(page.url_path)
