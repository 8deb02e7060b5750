"""Streamlit side of user data: the store, the editor gate, saving the current view.

The only module of benchlearn.userdata that imports Streamlit. Reading is open to everyone;
every write goes through `editor_gate` (a password from Streamlit secrets until sign-in
exists) and shows a clear message when the input cannot be stored.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import streamlit as st
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from streamlit import config as st_config
from streamlit.runtime.secrets import secrets_singleton

from benchlearn.i18n import t
from benchlearn.logic import usertext
from benchlearn.userdata import db, repository
from benchlearn.userdata.logic import editor_password_ok, without_language
from benchlearn.userdata.repository import InvalidInput, NetworkInfo, NotFound

log = logging.getLogger(__name__)
EDITOR = "_editor"  # session flag: this browser session gave the editor password
SECRET = "editor_password"
# What a store that cannot be opened, or went away after it was opened, raises on a read.
STORE_ERRORS = (db.UserDataUnavailable, DBAPIError)
# URL -> until when the store counts as down after a failure: every page asks for networks,
# and a server that does not answer would otherwise cost each of them a connect timeout.
_down_until: dict[str, float] = {}


def _went_down(exc: Exception) -> None:
    """Remember the failure for db.RETRY_SECONDS; the reason goes to the server's log only
    (it names the server or the file, which readers need not see)."""
    log.warning("user data unavailable: %s", exc)
    _down_until[db.userdata_url()] = time.monotonic() + db.RETRY_SECONDS


def is_down() -> bool:
    """True while the store counts as unavailable after a failure."""
    return time.monotonic() < _down_until.get(db.userdata_url(), 0.0)


def store() -> Engine | None:
    """The user-data engine, or None (with the reason logged) when it cannot be opened;
    the dashboard keeps working without networks then."""
    if is_down():
        return None
    try:
        return db.get_engine()
    except db.UserDataUnavailable as exc:
        _went_down(exc)
        return None


def unavailable(lang: str) -> None:
    """Say what cannot be shown (networks, views, presentations, practices) and that the rest
    works; on the pages that need the store."""
    st.error(t("ud.unavailable", lang), icon=":material/cloud_off:")


@contextmanager
def guarded(lang: str, message: Callable[[str], None] = unavailable) -> Iterator[None]:
    """A page section that reads user data: if the store fails halfway (a server that went
    away after the page began), say so with `message` instead of a traceback."""
    try:
        yield
    except STORE_ERRORS as exc:
        _went_down(exc)
        message(lang)


def networks() -> list[NetworkInfo]:
    """Every network (a snapshot a couple of seconds old at most); [] without a store."""
    engine = store()
    if engine is None:
        return []
    try:
        return repository.cached_networks(engine)
    except Exception as exc:  # a database that went away must not slow or break every page
        _went_down(exc)
        return []


def configured_password() -> str | None:
    """st.secrets["editor_password"], or None when there are no secrets at all.

    Without a secrets file Streamlit tries to open one on every access (~10 ms a run),
    so look for the files first; secrets injected by a test harness are read as given."""
    files = st_config.get_option("secrets.files")
    if st.secrets is secrets_singleton and not any(os.path.exists(p) for p in files):
        return None
    try:
        value = st.secrets.get(SECRET)
    except Exception:  # no secrets file: Streamlit raises rather than returning nothing
        return None
    return str(value) if value else None


def is_editor() -> bool:
    return bool(st.session_state.get(EDITOR)) and configured_password() is not None


def _sign_in(key: str) -> None:
    given = st.session_state.get(key, "")
    ok = editor_password_ok(given, configured_password())
    st.session_state[EDITOR] = ok
    st.session_state["_editor_failed"] = bool(given) and not ok
    st.session_state[key] = ""  # never keep the password in widget state


def editor_gate(lang: str, key: str = "editor_pw") -> bool:
    """True for an editor. Otherwise shows how to become one and returns False."""
    if is_editor():
        return True
    if configured_password() is None:
        st.info(t("ud.editing_disabled", lang), icon=":material/lock:")
        return False
    st.text_input(
        t("ud.password", lang),
        type="password",
        key=key,
        on_change=_sign_in,
        args=(key,),
        help=t("ud.password_help", lang),
    )
    if st.session_state.get("_editor_failed"):
        st.error(t("ud.password_wrong", lang), icon=":material/key_off:")
    return False


def sign_out() -> None:
    st.session_state[EDITOR] = False


def error_text(exc: Exception, lang: str) -> str:
    """A message for people: which field, what is wrong."""
    if isinstance(exc, InvalidInput):
        values = dict(exc.values)
        if "field" in values:
            values["field"] = t(f"ud.field.{values['field']}", lang)
        if "ids" in values:
            values["ids"] = ", ".join(str(i) for i in values["ids"])
        return t(f"ud.err.{exc.code}", lang, **values)
    if isinstance(exc, NotFound):
        return t("ud.err.not_found", lang, what=t(f"ud.what.{exc.what}", lang), id=exc.ident)
    return t("ud.err.storage", lang, detail=str(exc)[:300])


def attempt(action: Callable[[], Any], lang: str, done: str | None = None) -> Any:
    """Run a write; show its error instead of raising. Returns the action's result or None."""
    try:
        result = action()
    except (InvalidInput, NotFound) as exc:
        st.error(error_text(exc, lang), icon=":material/error:")
        return None
    except Exception as exc:  # the database refused: keep the page alive and say so
        log.exception("user-data write failed")
        st.error(error_text(exc, lang), icon=":material/error:")
        return None
    if done:
        st.toast(done, icon=":material/check:")
    return result


def save_view_box(page: str, params: dict[str, str], lang: str) -> None:
    """Sidebar: save what is on screen (this page and its URL state) into a network.
    Shown only where editing is possible (an editor password is configured)."""
    if configured_password() is None:
        return
    with st.sidebar.popover(
        t("ud.save_view", lang), icon=":material/bookmark_add:", width="stretch"
    ):
        if not editor_gate(lang, key="editor_pw_sidebar"):
            return
        engine = store()
        if engine is None:
            unavailable(lang)
            return
        choices = networks()
        if not choices:
            st.info(t("ud.no_networks", lang))
            return
        by_id = {n.id: n for n in choices}
        with st.form("save_view_form", clear_on_submit=True, border=False):
            network = st.selectbox(
                t("ud.network", lang),
                list(by_id),
                index=_preferred(list(by_id)),
                format_func=lambda i: usertext.plain(by_id[i].name(lang)),
            )
            title = st.text_input(t("ud.view_title", lang), max_chars=200)
            note = st.text_area(t("ud.view_note", lang), height=80)
            saved = st.form_submit_button(t("ud.save", lang), type="primary")
        if saved:
            st.session_state["_last_network"] = network
            attempt(
                lambda: repository.save_view(
                    engine, network, title, note, page, without_language(params)
                ),
                lang,
                done=t("ud.view_saved", lang, network=usertext.inline(by_id[network].name(lang))),
            )


def _preferred(ids: list[int]) -> int:
    """The network last saved into (or chosen on the networks page), else the first."""
    last = st.session_state.get("_last_network")
    return ids.index(last) if last in ids else 0


def _practice_line(p: repository.PracticeInfo, place: str, nets: dict, lang: str) -> str:
    """A markdown list item; what people typed goes through usertext."""
    parts = [f"**{usertext.inline(p.title(lang))}**", place]
    if p.year:
        parts.append(str(p.year))
    if p.network_id in nets:
        parts.append(usertext.inline(nets[p.network_id].name(lang)))
    line = " · ".join(x for x in parts if x)
    document = usertext.link(t("prac.document", lang), p.link) if p.link else ""
    return f"- {line}" + (f" — {document}" if document else "")


def practices_beside(codes: list[str], name: Callable[[str], str], lang: str) -> None:
    """Under a table of indicators: entries that concern them ("who does well here and how
    they did it"). Nothing is shown when the library has none."""
    if not codes:
        return
    engine = store()
    if engine is None:
        st.caption(t("prac.unavailable", lang))
        return
    from benchlearn.userdata.logic import practices_for_indicators

    found = None
    with guarded(lang, lambda language: st.caption(t("prac.unavailable", language))):
        found = practices_for_indicators(repository.list_practices(engine), codes)
    if not found:
        return
    nets = {n.id: n for n in networks()}
    with st.expander(f"{t('prac.beside', lang)} ({len(found)})", icon=":material/lightbulb:"):
        st.markdown(
            "\n".join(
                _practice_line(p, name(p.unit_id) if p.unit_id else "", nets, lang) for p in found
            )
        )
        st.page_link(
            "pages/practices.py",
            label=t("prac.open_library", lang),
            icon=":material/arrow_forward:",
        )


def profile_section(unit: str, related: set[str], name: Callable[[str], str], lang: str) -> None:
    """Profile: the networks the municipality belongs to and its good practices (including
    those recorded under the municipality it was before 2021)."""
    st.subheader(t("prac.profile", lang))
    engine = store()
    if engine is None:
        unavailable(lang)
        return
    with guarded(lang):
        _profile_section(engine, unit, related, name, lang)


def _profile_section(
    engine: Engine, unit: str, related: set[str], name: Callable[[str], str], lang: str
) -> None:
    from benchlearn.userdata.logic import networks_of, search_practices

    nets = networks()
    mine = networks_of(nets, unit, related)
    st.markdown(
        t(
            "prac.profile_networks",
            lang,
            names=", ".join(usertext.inline(n.name(lang)) for n in mine),
        )
        if mine
        else t("prac.profile_no_networks", lang)
    )
    found = search_practices(repository.list_practices(engine), unit=unit)
    by_id = {n.id: n for n in nets}
    if found:
        lines = []
        for p in found:
            place = (
                t("prac.former", lang, name=name(p.unit_id), former=name(p.former_unit_id))
                if p.former_unit_id
                else ""
            )
            lines.append(_practice_line(p, place, by_id, lang))
        st.markdown("\n".join(lines))
    else:
        st.caption(t("prac.profile_none", lang))
    st.page_link(
        "pages/practices.py", label=t("prac.open_library", lang), icon=":material/arrow_forward:"
    )
