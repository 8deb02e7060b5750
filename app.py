"""Entry point: page config, the shared selection (bound to the URL), and the page router."""

import streamlit as st

from benchlearn import ui
from benchlearn.i18n import t
from benchlearn.settings import REPO_ROOT

ICON = REPO_ROOT / "benchlearn" / "assets" / "icon.png"  # local: no icon font from the internet

st.set_page_config(page_title="Mācīties salīdzinot", page_icon=str(ICON), layout="wide")


def shared_selection(ref: ui.Reference, lang: str, fields: tuple[str, ...]) -> None:
    """The sidebar fields of the selection that this page reads (bound to the URL): the
    indicator, year, my municipality and boundaries always, the compared municipalities and
    the group where `fields` names them."""
    st.subheader(t("sel.heading", lang))
    catalogue = ref.catalogue
    st.selectbox(
        t("sel.indicator", lang),
        catalogue.index.tolist(),
        **ui.bound("ind"),
        format_func=ref.indicator_choices[lang].get,
    )
    st.selectbox(
        t("sel.year", lang), list(reversed(ref.years.get(ui.view()["ind"], []))), **ui.bound("year")
    )
    st.selectbox(
        t("sel.my", lang),
        ["", *ref.local.index],
        **ui.bound("my"),
        format_func=lambda u: ui.unit_label(ref, u, lang) if u else t("sel.my_none", lang),
    )
    if "cmp" in fields:
        st.multiselect(
            t("sel.compare", lang),
            ref.local.index.tolist(),
            **ui.bound("cmp"),
            max_selections=12,
            placeholder=t("sel.placeholder", lang),
            format_func=lambda u: ui.unit_label(ref, u, lang),
        )
    if "grp" in fields:
        user_group = ui.current_state().ug_name  # bound now: labels may be formatted later
        st.selectbox(
            t("sel.group", lang),
            ui.group_options(ref),
            **ui.bound("grp"),
            format_func=lambda g: ui.group_label(ref, g, lang, user_group),
        )
        if group_note := ui.group_note(ref, ui.current_state(), lang):
            st.caption(group_note)
    versions = ref.versions.set_index("version")
    st.selectbox(
        t("sel.version", lang),
        ["auto", *ref.options.versions],
        **ui.bound("bv"),
        format_func=lambda v: (
            t("sel.version_auto", lang)
            if v == "auto"
            else versions.loc[v, "label_en" if lang == "en" else "label_lv"]
        ),
    )
    if unused := [f for f in ("cmp", "grp") if f not in fields]:
        labels = ", ".join(t(SELECTION_LABELS[f], lang).lower() for f in unused)
        st.caption(t("sel.unused", lang, fields=labels))


# What each page reads of the shared selection (by URL path; the rest read all of it). The
# sidebar offers only those fields, so no control there seems to do something it does not;
# the others stay in the URL for the pages that use them. The map colours one indicator in
# one year and marks my municipality: compared municipalities and the group play no part.
SELECTION = ("ind", "year", "my", "cmp", "grp", "bv")
SELECTION_LABELS = {"cmp": "sel.compare", "grp": "sel.group"}
PAGE_FIELDS = {
    "": ("ind", "year", "my", "bv"),
    "tikli": (),
    "labas-prakses": (),
    "sql": (),
    "dati": (),
}

ref = ui.reference()
ui.seed_from_url(ref)
ui.repair_selection(ref)
lang = ui.lang()  # a language switch has already changed it (on_change runs first)

# url_path differs from the file name on purpose: under plain `streamlit run`, a fresh server
# resolves its very first request against the legacy pages/ folder (benchlearn.serve turns
# that off), and a file-name URL would then run the page script without this shell. The
# default page (the map) lives at "/".
compare = [
    st.Page(
        "pages/map.py",
        title=t("nav.map", lang),
        icon=":material/map:",
        default=True,
    ),
    st.Page(
        "pages/trends.py",
        title=t("nav.trends", lang),
        url_path="tendences",
        icon=":material/show_chart:",
    ),
    st.Page(
        "pages/benchmark.py",
        title=t("nav.benchmark", lang),
        url_path="salidzinajums",
        icon=":material/table_chart:",
    ),
    st.Page(
        "pages/profile.py",
        title=t("nav.profile", lang),
        url_path="profils",
        icon=":material/location_city:",
    ),
]
learn = [
    st.Page(
        "pages/peers.py",
        title=t("nav.peers", lang),
        url_path="lidzigas",
        icon=":material/join_inner:",
    ),
    st.Page(
        "pages/indices.py",
        title=t("nav.indices", lang),
        url_path="indeksi",
        icon=":material/leaderboard:",
    ),
    st.Page(
        "pages/networks.py",
        title=t("nav.networks", lang),
        url_path="tikli",
        icon=":material/hub:",
    ),
    st.Page(
        "pages/practices.py",
        title=t("nav.practices", lang),
        url_path="labas-prakses",
        icon=":material/lightbulb:",
    ),
    st.Page(
        "pages/present.py",
        title=t("nav.present", lang),
        url_path="prezentacija",
        icon=":material/slideshow:",
        visibility="hidden",  # opened from a deck on the networks page
    ),
]
analyse = [
    st.Page(
        "pages/explorer.py",
        title=t("nav.explore", lang),
        url_path="izpete",
        icon=":material/query_stats:",
    ),
    st.Page(
        "pages/console.py", title=t("nav.sql", lang), url_path="sql", icon=":material/terminal:"
    ),
    st.Page("pages/data.py", title=t("nav.data", lang), url_path="dati", icon=":material/dataset:"),
]
# Three groups, so the top bar fits a projector's width without Streamlit's untranslated
# "more" menu: the comparisons a council opens first as plain links, then learning from
# others and the analysts' tools as menus.
sections = {
    "": compare,
    t("nav.section_learn", lang): learn,
    t("nav.section_analyse", lang): analyse,
}
page = st.navigation(sections, position="top")
with st.sidebar:
    st.radio(
        t("lang.label", lang),
        ["lv", "en"],
        **ui.bound("lang"),
        horizontal=True,
        format_func={"lv": "Latviešu", "en": "English"}.get,
    )
    fields = PAGE_FIELDS.get(page.url_path, SELECTION)
    if fields:
        shared_selection(ref, lang, fields)
    else:
        st.caption(t("sel.not_here", lang))
    st.caption(t("sel.share", lang))
ui.save_view_box(page)
ui.show_notices()
page.run()
ui.write_url()
