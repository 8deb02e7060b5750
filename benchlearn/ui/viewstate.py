"""The view state of a browser session: one canonical selection (a dict of
benchlearn.state.ViewState fields in st.session_state), the widgets bound to it, and its mirror
in the URL. Only benchlearn.state parses and writes URL parameters; this module moves them
between the URL, the session and the widgets, and it is the only reader and writer of
st.query_params.

Every choice a person sees on a page is a field of the view, the pages' own ones included
(the network shown, the deck and slide, the seminar settings, the profile's trend charts,
the comparison's indicators, the peers' and the index's settings): pages read it with
view()/current_state(), change it with set_view() and bind widgets with bound(). What else a
session holds is transient, not state a link should restore, and is named here (TRANSIENT).
"""

from __future__ import annotations

from dataclasses import asdict, replace

import streamlit as st

from benchlearn import cache
from benchlearn.i18n import t
from benchlearn.logic import usertext
from benchlearn.state import PAGE_FIELDS, Notice, ViewState, parse, resets, to_params
from benchlearn.ui import refdata
from benchlearn.userdata import widgets as userdata
from benchlearn.userdata.logic import network_id

VIEW = "view"  # the canonical selection: a dict of ViewState fields in st.session_state
PAGE = "_page"  # the URL path of the page the last run showed (see arrive)

# What a session keeps besides the view, and why a link need not restore it: bookkeeping of
# this module, events and results that happen once, and widget plumbing. Nothing a person
# chose to look at is kept here (that is the view). tests/app/test_transient_keys.py fails
# on a private session key ("_...") this does not name.
TRANSIENT = {
    "_seeded": "the URL has been read into the view (a session's first run)",
    "_notices": "the rejected values of the arrival URL, shown until the view changes",
    "_seeded_view": "the arrival URL's view, to tell when the person has changed it",
    PAGE: "the page of the last run: a link into another page brings that page's fields",
    "_warehouse_version": "benchlearn.cache: the warehouse version this run reads",
    "_pres_timer_end": "presentation: when the running countdown ends (a clock, not a choice)",
    "_peers_base, _idx_base": (
        "the table a data editor started from: its widget state is edits to that table, so "
        "the table is kept while the editor lives (the rows themselves are the view's pw, iw)"
    ),
    "sql_text, _sql_result": "the SQL console's query being typed, and its result or error",
    "ex_thr_error": "explorer: why the threshold just typed was not added, said once",
    "_admin_done, _upd_notice, _upd_seen_running": "a message to show once after a change",
    "_bootstrapped": "the first administrator has been checked for this sign-in",
    "a widget's own key": (
        "an unsaved form's draft (peers_save_name, act_pick, add_slide_<deck>, ...) or a "
        "widget's event (map_select): held by the widget and forgotten with it"
    ),
}
# A widget shows these for a field's None (and gives them back as None).
WIDGET_EMPTY = {"my": "", "timer": 0}


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
    """Change one field of the selection (from a callback or before its widget is drawn);
    a change from one value to another puts the fields that depend on it back to their
    defaults (state.RESETS; a page filling in a field that was None resets nothing)."""
    current = view()
    if current.get(field) is not None and current[field] != value:
        current.update(resets(field))
    current[field] = value


_UNSET = object()


def bound(field: str, key: str | None = None, shown: object = _UNSET) -> dict:
    """Keyword arguments that bind a widget to a field of the selection (under `key`, by
    default "w_<field>").

    The widget's state is set from the canonical value before it is drawn (or to `shown`,
    what the page shows for it, e.g. its defaults while the field is None), and its
    on_change copies the person's choice back. Call right before creating the widget.
    """
    key = key or f"w_{field}"
    value = view().get(field) if shown is _UNSET else shown
    empty = WIDGET_EMPTY.get(field)
    st.session_state[key] = empty if value is None and empty is not None else value

    def copy_back() -> None:
        chosen = st.session_state[key]
        if empty is not None and chosen in (empty, None):
            chosen = None
        set_view(field, list(chosen) if isinstance(chosen, list | tuple) else chosen)

    return {"key": key, "on_change": copy_back}


def seed_from_url(ref: refdata.Reference) -> None:
    """On a session's first run, the URL decides the view; bad values become notices."""
    if st.session_state.get("_seeded"):
        return
    state, notices = parse(url_params(), refdata.options_with_networks(ref))
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
    """The URL's parameters as they are. Only benchlearn.state.parse reads them: at a
    session's start (seed_from_url) and when a link opens a page (arrive)."""
    return st.query_params.to_dict()


def arrive(ref: refdata.Reference, page: str) -> None:
    """Call before the page at URL path `page` runs. When this run opens a page other than
    the last run's, the page's own fields in the URL replace the view's (an in-app link such
    as a deck's "present" link brings them); the page's fields the URL leaves out keep their
    values. Bad values are left out (reported when a session starts)."""
    if st.session_state.get(PAGE) == page:
        return
    st.session_state[PAGE] = page
    params = {k: v for k, v in url_params().items() if k in PAGE_FIELDS.get(page, ())}
    if not params:
        return
    given, notices = parse(params, refdata.options_with_networks(ref))
    rejected = {n.field for n in notices}
    for field in PAGE_FIELDS[page]:  # in order: a new deck resets the slide, then the slide
        if field in params and field not in rejected:
            set_view(field, getattr(given, field))


def repair_selection(ref: refdata.Reference) -> None:
    """Keep the year valid when the indicator changes (before the widgets are drawn)."""
    current = view()
    years = ref.years.get(current["ind"], [])
    if years and current.get("year") not in years:
        set_view("year", years[-1])


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


def write_url(page: str) -> None:
    """The URL carries the whole view, with the own fields of the page at URL path `page`
    (state.PAGE_FIELDS), so a copied link restores what is on screen in a new browser."""
    params = to_params(current_state(), page)
    if params != url_params():
        st.query_params.from_dict(params)


# cache.query leaves municipalities' contributed values out while the view says so (?hide=1)
cache.set_hiding(lambda: bool(view().get("hide")))
