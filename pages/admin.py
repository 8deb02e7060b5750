"""Administration: who holds which role (assign, remove) and the audit log of every write
(shown, downloadable as CSV). Only administrators see anything here, and the repository checks
the role again for each assignment; the page only displays (its tables: logic.adminview)."""

from __future__ import annotations

import streamlit as st

from benchlearn.i18n import t, tn
from benchlearn.logic import adminview
from benchlearn.ui import naming, refdata, viewstate
from benchlearn.userdata import access
from benchlearn.userdata import repository as repo
from benchlearn.userdata import widgets as ud

AUDIT_SHOWN = 500  # newest entries on the page; the download has every one
DONE = "_admin_done"  # what the last change did, said after the rerun that shows it


def unit_names(ref: refdata.Reference, lang: str) -> dict[str, str]:
    return {u: naming.unit_label(ref, u, lang) for u in ref.labels["lv"]}


def roles_table(ref: refdata.Reference, grants: list[access.Grant], lang: str) -> None:
    st.subheader(t("admin.roles", lang))
    if not grants:
        st.info(t("admin.no_roles", lang))
        return
    st.dataframe(  # shows text as text: an address with HTML in it stays harmless
        adminview.roles_frame(grants, unit_names(ref, lang), lang),
        hide_index=True,
        width="stretch",
    )


def grant_form(engine, ref: refdata.Reference, lang: str) -> None:
    st.markdown(f"**{t('admin.grant', lang)}**")
    with st.form("admin_grant", clear_on_submit=True):
        email = st.text_input(
            t("admin.email", lang), max_chars=access.MAX_PRINCIPAL, help=t("admin.email_help", lang)
        )
        role = st.selectbox(  # the weightiest role last, never the default
            t("admin.role", lang),
            [access.COORDINATOR, access.CONTRIBUTOR, access.READER, access.ADMIN],
            format_func=lambda r: ud.role_label(r, lang),
        )
        units = st.multiselect(
            t("admin.units", lang),
            ref.local.index.tolist(),
            format_func=lambda u: naming.unit_label(ref, u, lang),
            placeholder=t("sel.placeholder", lang),
        )
        reason = st.text_input(t("admin.reason", lang), max_chars=500)
        submitted = st.form_submit_button(t("admin.grant_button", lang), type="primary")
    if not submitted:
        return
    targets = adminview.grant_targets(role, units)
    done = [
        ud.attempt(
            lambda u=unit: repo.grant_role(engine, email, role, u, by=ud.actor(), reason=reason),
            lang,
        )
        for unit in targets
    ]
    if any(done):
        st.session_state[DONE] = "admin.granted"
        st.rerun()


def revoke_form(engine, grants: list[access.Grant], lang: str, ref: refdata.Reference) -> None:
    if not grants:
        return
    st.markdown(f"**{t('admin.revoke', lang)}**")
    by_id, names = {g.id: g for g in grants}, unit_names(ref, lang)

    def label(ident: int) -> str:
        return adminview.grant_label(by_id[ident], names, lang)

    with st.form("admin_revoke", clear_on_submit=True):
        chosen = st.selectbox(t("admin.revoke_pick", lang), list(by_id), format_func=label)
        reason = st.text_input(t("admin.reason", lang), max_chars=500, key="admin_revoke_reason")
        submitted = st.form_submit_button(t("admin.revoke_button", lang))
    if submitted and ud.attempt(
        lambda: repo.revoke_role(engine, chosen, by=ud.actor(), reason=reason) or True, lang
    ):
        st.session_state[DONE] = "admin.revoked"
        st.rerun()


def audit_log(engine, lang: str) -> None:
    st.subheader(t("admin.audit", lang))
    entries = repo.list_audit(engine)
    shown = entries[:AUDIT_SHOWN]
    st.caption(tn("admin.audit_caption", len(shown), lang, total=len(entries)))
    st.download_button(
        t("admin.audit_download", lang),
        access.audit_csv(entries),
        file_name="benchlearn-audit.csv",
        mime="text/csv",
        icon=":material/download:",
    )
    if not shown:
        return
    st.dataframe(
        adminview.audit_frame(shown, lang), hide_index=True, width="stretch", key="admin_audit"
    )


def render() -> None:
    ref = refdata.reference()
    lang = viewstate.lang()

    def show(engine) -> None:
        if not ud.may("role.grant"):
            st.info(t("admin.only", lang), icon=":material/lock:")
            if not ud.actor().signed_in:
                ud.role_hint(lang, access.ADMIN, key="admin_sign_in")
            return
        if done := st.session_state.pop(DONE, None):
            st.success(t(done, lang), icon=":material/check:")
        grants = repo.list_grants(engine)
        roles_table(ref, grants, lang)
        left, right = st.columns(2)
        with left:
            grant_form(engine, ref, lang)
        with right:
            revoke_form(engine, grants, lang, ref)
        audit_log(engine, lang)

    ud.store_page(t("admin.title", lang), t("admin.intro", lang), lang, show)


render()
