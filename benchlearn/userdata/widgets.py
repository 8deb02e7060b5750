"""Streamlit side of user data: the store, who is signed in, saving the current view.

The only module of benchlearn.userdata that imports Streamlit. Reading is open to everyone.
Sign-in is Streamlit's own (st.login with the OpenID Connect provider of `[auth]` in
.streamlit/secrets.toml; st.user says who it is). What a page offers follows the person's
roles (`may`), but that is only courtesy: the repository checks the role again, in the
transaction of the write, for the actor this module passes (`actor()`).
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import streamlit as st
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from streamlit import config as st_config
from streamlit.runtime.secrets import secrets_singleton

from benchlearn.i18n import t
from benchlearn.logic import usertext
from benchlearn.userdata import access, db, repository
from benchlearn.userdata.access import Actor, Grant
from benchlearn.userdata.logic import without_language
from benchlearn.userdata.repository import Forbidden, InvalidInput, NetworkInfo, NotFound

log = logging.getLogger(__name__)
ADMINS_SETTING = "BENCHLEARN_ADMINS"  # e-mails of the first administrators (also `admins`)
CLAIMS = ("is_logged_in", "email", "email_verified", "name")
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


def with_store(lang: str, show: Callable[[Engine], None]) -> None:
    """`show(engine)` with the user-data store, guarded (the store may go away after it was
    opened); without a store, say what cannot be shown."""
    engine = store()
    if engine is None:
        unavailable(lang)
        return
    with guarded(lang):
        show(engine)


def store_page(title: str, intro: str, lang: str, show: Callable[[Engine], None]) -> None:
    """A page of user data (networks, practices, contributions, administration): its title
    and introduction, then `show(engine)` as with_store does."""
    st.title(title)
    st.caption(intro)
    with_store(lang, show)


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


def _secret(name: str) -> object | None:
    """st.secrets[name], or None when there are no secrets at all.

    Without a secrets file Streamlit tries to open one on every access (~10 ms a run),
    so look for the files first; secrets injected by a test harness are read as given."""
    files = st_config.get_option("secrets.files")
    if st.secrets is secrets_singleton and not any(os.path.exists(p) for p in files):
        return None
    try:
        return st.secrets.get(name)
    except Exception:  # no secrets file: Streamlit raises rather than returning nothing
        return None


def auth_configured() -> bool:
    """Whether `[auth]` is in the secrets, so st.login has a provider to send people to."""
    return bool(_secret("auth"))


def claims() -> dict[str, object]:
    """What st.user says (only the claims this app uses)."""
    try:
        return {k: st.user.get(k) for k in CLAIMS}
    except Exception:  # outside a script run
        return {}


def actor() -> Actor:
    """Who is signed in, as the repository is told (anonymous when nobody is)."""
    return access.actor_from_claims(claims())


def admins_setting() -> list[str]:
    """The first administrators: BENCHLEARN_ADMINS (environment) and `admins` (secrets)."""
    return access.admin_list(os.environ.get(ADMINS_SETTING, "")) + access.admin_list(
        _secret("admins") or []
    )


def grants() -> list[Grant]:
    """The signed-in person's roles ([] when signed out or without a store). The first
    time in a session, a person named by the first-administrator setting becomes one if
    the database has no administrator yet."""
    who = actor()
    engine = store() if who.signed_in else None
    if engine is None:
        return []
    try:
        if st.session_state.get("_bootstrapped") != who.principal:
            repository.bootstrap_admin(engine, who, admins_setting())
            st.session_state["_bootstrapped"] = who.principal
        return repository.grants_of(engine, who.principal)
    except STORE_ERRORS as exc:
        _went_down(exc)
        return []


def may(action: str, *units: str | None) -> bool:
    """Whether to offer `action` (the repository decides again when it is done)."""
    return access.allowed(grants(), action, units)


def may_edit(prefix: str) -> bool:
    """Whether to offer editing of networks ("network") or practices ("practice")."""
    return access.may_edit_any(grants(), prefix)


def role_label(role: str, lang: str) -> str:
    return t(f"role.{role}", lang)


def account_box(lang: str) -> None:
    """Sidebar: who is signed in and with which roles, sign out; or sign in. Reading needs
    neither. The name and e-mail come from the identity provider: shown escaped."""
    who, told = actor(), claims()
    if who.signed_in:
        held = access.roles_of(grants())
        st.caption(
            t(
                "auth.signed_in_as",
                lang,
                name=usertext.inline(who.name),
                # the address only once when the provider gave no other name
                email=f" ({usertext.escape(who.principal)})" if who.name != who.principal else "",
                roles=", ".join(role_label(r, lang) for r in held),
            )
        )
        if access.ADMIN in held:
            st.page_link(
                "pages/admin.py",
                label=t("nav.admin", lang),
                icon=":material/admin_panel_settings:",
            )
    elif access.signed_in_without_email(told):
        st.caption(t("auth.no_email", lang))
    if told.get("is_logged_in") is True:
        if st.button(t("auth.sign_out", lang), icon=":material/logout:", key="auth_sign_out"):
            st.logout()
    elif auth_configured():
        if st.button(t("auth.sign_in", lang), icon=":material/login:", key="auth_sign_in"):
            st.login()
        st.caption(t("auth.read_open", lang))


def role_hint(lang: str, role: str, key: str) -> None:
    """Under "To create or change ...": what it takes, and a way to get there."""
    who = actor()
    if access.signed_in_without_email(claims()):
        st.info(t("auth.no_email", lang), icon=":material/lock:")
    elif not auth_configured() and not who.signed_in:
        st.info(t("ud.editing_disabled", lang), icon=":material/lock:")
    elif not who.signed_in:
        st.info(
            t("auth.sign_in_to_edit", lang, role=role_label(role, lang)), icon=":material/lock:"
        )
        if st.button(t("auth.sign_in", lang), icon=":material/login:", key=key):
            st.login()
    else:
        st.info(t("auth.ask_admin", lang, role=role_label(role, lang)), icon=":material/lock:")


def error_text(exc: Exception, lang: str) -> str:
    """A message for people: which field, what is wrong."""
    if isinstance(exc, InvalidInput):
        values = dict(exc.values)
        if "field" in values:
            values["field"] = t(f"ud.field.{values['field']}", lang)
        if "ids" in values:
            values["ids"] = ", ".join(str(i) for i in values["ids"])
        if exc.code in ("principal", "role", "role_exists"):  # typed by a person: as text
            values = {k: usertext.escape(v) for k, v in values.items()}
        return t(f"ud.err.{exc.code}", lang, **values)
    if isinstance(exc, NotFound):
        return t("ud.err.not_found", lang, what=t(f"ud.what.{exc.what}", lang), id=exc.ident)
    if isinstance(exc, Forbidden):
        return t("ud.err.forbidden" if exc.by.signed_in else "ud.err.signed_out", lang)
    return t("ud.err.storage", lang, detail=str(exc)[:300])


def attempt(action: Callable[[], Any], lang: str, done: str | None = None) -> Any:
    """Run a write; show its error instead of raising. Returns the action's result or None."""
    try:
        result = action()
    except (InvalidInput, NotFound, Forbidden) as exc:
        st.error(error_text(exc, lang), icon=":material/error:")
        return None
    except Exception as exc:  # the database refused: keep the page alive and say so
        log.exception("user-data write failed")
        st.error(error_text(exc, lang), icon=":material/error:")
        return None
    if done:
        st.toast(done, icon=":material/check:")
    return result


def pick_many(
    label: str, options: list[str], chosen: Iterable[str], name: Callable[[str], str], lang: str
) -> list[str]:
    """A form's multi-select of municipalities or indicators, starting from a record's
    `chosen` ones that are still among `options`."""
    return st.multiselect(
        label,
        options,
        default=[c for c in chosen if c in options],
        format_func=name,
        placeholder=t("sel.placeholder", lang),
    )


def pick_indicators(ref: Any, label: str, chosen: Iterable[str], lang: str) -> list[str]:
    """pick_many of the catalogue's indicators (`ref`: benchlearn.ui.refdata.Reference)."""
    from benchlearn.ui import naming  # the ui modules import this one

    name = lambda c: naming.indicator_label(ref, c, lang)  # noqa: E731
    return pick_many(label, ref.catalogue.index.tolist(), chosen, name, lang)


def delete(action: Callable[[], Any], lang: str, *forget: str) -> None:
    """Run a delete as `attempt` does (saying "deleted" when done), forget the session
    state keys `forget` (what picked the deleted record) and run the page again."""
    attempt(action, lang, t("net.deleted", lang))
    for key in forget:
        st.session_state.pop(key, None)
    st.rerun()


def save_view_box(
    page: str, params: dict[str, str], lang: str, preferred: int | None = None
) -> int | None:
    """Sidebar: save what is on screen (this page and its URL state) into a network, the
    `preferred` one offered first (the network on the networks page, or last saved into).
    Shown only to those who may (coordinators and administrators). Returns the network
    saved into, if a view was saved."""
    if not may("view.save"):
        return None
    with st.sidebar.popover(
        t("ud.save_view", lang), icon=":material/bookmark_add:", width="stretch"
    ):
        engine = store()
        if engine is None:
            unavailable(lang)
            return None
        choices = networks()
        if not choices:
            st.info(t("ud.no_networks", lang))
            return None
        by_id = {n.id: n for n in choices}
        with st.form("save_view_form", clear_on_submit=True, border=False):
            network = st.selectbox(
                t("ud.network", lang),
                list(by_id),
                index=list(by_id).index(preferred) if preferred in by_id else 0,
                format_func=lambda i: usertext.plain(by_id[i].name(lang)),
            )
            title = st.text_input(t("ud.view_title", lang), max_chars=200)
            note = st.text_area(t("ud.view_note", lang), height=80)
            saved = st.form_submit_button(t("ud.save", lang), type="primary")
        if saved:
            made = attempt(
                lambda: repository.save_view(
                    engine, network, title, note, page, without_language(params), by=actor()
                ),
                lang,
                done=t("ud.view_saved", lang, network=usertext.inline(by_id[network].name(lang))),
            )
            return None if made is None else network
    return None


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


def library() -> tuple[list[repository.PracticeInfo], list[NetworkInfo]] | None:
    """Every good practice and network, for reading beside a page's figures; None when the
    store is unavailable (the page says so and keeps working)."""
    engine = store()
    if engine is None:
        return None
    try:
        return repository.list_practices(engine), networks()
    except STORE_ERRORS as exc:
        _went_down(exc)
        return None


def practice_line(p: repository.PracticeInfo, place: str, nets: dict, lang: str) -> str:
    """A practice as a markdown list item (what people typed is escaped)."""
    return _practice_line(p, place, nets, lang)


def profile_section(unit: str, related: set[str], name: Callable[[str], str], lang: str) -> None:
    """Profile: the networks the municipality belongs to and its good practices (including
    those recorded under the municipality it was before 2021)."""
    st.subheader(t("prac.profile", lang))
    with_store(lang, lambda engine: _profile_section(engine, unit, related, name, lang))


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
