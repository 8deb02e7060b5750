"""Datu iesniegšana: a contributor downloads the template of their municipality, uploads it,
checks the preview and sends it for a decision; an administrator (or a network's
coordinator) approves or rejects staged submissions, and administrators see a value's
versions and may revert one. Display only: reading and checking in logic.contributions,
the sets, tables and texts in logic.contribview, storing in userdata.contributions, the
warehouse rebuild in benchlearn.contribute."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from benchlearn import cache, contribute
from benchlearn.i18n import t, tn
from benchlearn.logic import contributions as lc
from benchlearn.logic import contribview as cv
from benchlearn.logic import usertext
from benchlearn.ui import download_buttons, naming, refdata, viewstate
from benchlearn.userdata import access
from benchlearn.userdata import contributions as ct
from benchlearn.userdata import widgets as ud


def labels(ref: refdata.Reference, lang: str) -> dict[str, str]:
    """The catalogue's indicators by name."""
    return {c: naming.indicator_label(ref, c, lang) for c in ref.catalogue.index}


def defined(engine) -> dict[str, ct.IndicatorDefinition]:
    return {d.code: d for d in ct.list_indicators(engine)}


def held_values(codes: list[str]) -> pd.DataFrame:
    frame = cache.query("observations_of_indicators", version="lg2021", indicators=codes)
    return frame[["unit_id", "indicator", "year", "value"]]


def contributor_section(engine, ref: refdata.Reference, lang: str) -> None:
    grants = ud.grants()
    units = (
        ref.local.index.tolist()
        if any(g.role == access.ADMIN for g in grants)
        else [u for u in access.contributor_units(grants) if u in ref.local.index]
    )
    if not units:
        st.info(t("contrib.not_contributor", lang), icon=":material/lock:")
        ud.role_hint(lang, access.CONTRIBUTOR, key="contrib_sign_in")
        return
    unit = st.selectbox(
        t("contrib.unit", lang), units, format_func=lambda u: naming.unit_label(ref, u, lang)
    )
    extra = defined(engine)
    sets = cv.indicator_sets(ref.catalogue, ref.theme_names[lang], ud.networks(), lang, list(extra))
    chosen = st.selectbox(t("contrib.set", lang), list(sets), format_func=lambda s: sets[s][0])
    _, codes, network = sets[chosen]
    units_of_measure = {c: naming.indicator_unit(ref, c, lang) for c in ref.catalogue.index}
    names = cv.indicator_names(codes, labels(ref, lang), units_of_measure, extra, lang)
    held = held_values([c for c in codes if c in ref.catalogue.index])
    frame = lc.template_frame(
        {unit: naming.unit_label(ref, unit, lang)},
        names,
        cv.template_years(dt.date.today().year),
        held[held["unit_id"] == unit],
    )
    st.caption(t("contrib.template_help", lang))
    left, right = st.columns(2)
    base = cv.file_stem(unit, chosen)
    left.download_button(
        t("contrib.download_csv", lang),
        lc.template_csv(frame),
        file_name=f"{base}.csv",
        mime="text/csv",
        icon=":material/download:",
        key="contrib_csv",
    )
    right.download_button(
        t("contrib.download_xlsx", lang),
        download_buttons.on_click(lambda: lc.template_xlsx(frame), lang),
        file_name=f"{base}.xlsx",
        mime=download_buttons.XLSX_MIME,
        icon=":material/download:",
        key="contrib_xlsx",
        on_click="ignore",
    )
    last = ct.listing(engine, unit_id=unit, limit=1)
    if decision := cv.decision_text(last[0] if last else None, lang):
        st.caption(decision)
    staged = ct.staged_for(engine, unit)
    if staged is not None:
        staged_view(engine, ref, staged, lang)
        return
    upload = st.file_uploader(
        t("contrib.upload", lang), type=["csv", "xlsx"], key=f"contrib_file_{unit}"
    )
    if upload is None:
        return
    scope = cv.scope_for(ref.catalogue, [unit], codes, extra, dt.date.today().year)
    try:
        rows = lc.read_upload(upload.name, upload.getvalue(), scope)
    except lc.UploadRefused as refused:
        problems(refused, lang)
        return
    shown = lc.preview(rows, held)
    preview_and_submit(engine, ref, unit, chosen, network, upload.name, shown, lang)


def problems(refused: lc.UploadRefused, lang: str) -> None:
    lines = [usertext.escape(lc.problem_text(p, lang)) for p in refused.problems]
    more = refused.total - len(refused.problems)
    st.error(
        tn("contrib.refused", refused.total, lang)
        + "\n\n"
        + "\n".join(f"- {line}" for line in lines)
        + (f"\n\n{t('contrib.more', lang, n=more)}" if more > 0 else ""),
        icon=":material/error:",
    )


def preview_and_submit(engine, ref, unit, chosen, network, name, shown, lang) -> None:
    sent = lc.submitted(shown)
    st.subheader(t("contrib.preview", lang))
    st.caption(cv.counts_text(shown, lang))
    if sent.empty:
        st.info(t("contrib.nothing_new", lang))
        return
    table = cv.preview_table(sent, labels(ref, lang), lang)
    note_column = t("contrib.col_note", lang)
    edited = st.data_editor(  # text cells are shown as text: a note's HTML stays harmless
        table,
        hide_index=True,
        width="stretch",
        disabled=[c for c in table.columns if c != note_column],
        key=f"contrib_preview_{unit}",
    )
    far = int(sent["far"].sum())
    confirmed = True
    if far:
        st.warning(tn("contrib.far_warning", far, lang), icon=":material/warning:")
        confirmed = st.checkbox(t("contrib.far_confirm", lang), key=f"contrib_confirm_{unit}")
    if st.button(
        t("contrib.submit", lang), type="primary", disabled=not confirmed, key="contrib_submit"
    ):
        values = [ct.StagedValue(*row) for row in cv.staged_rows(sent, edited[note_column])]
        if ud.attempt(
            lambda: ct.stage(
                engine,
                unit,
                values,
                by=ud.actor(),
                indicator_set=chosen,
                network_id=network,
                file_name=name,
            ),
            lang,
            t("contrib.staged_done", lang),
        ):
            st.rerun()


def values_table(ref, info: ct.ContributionInfo, lang: str) -> None:
    st.dataframe(  # text as text: notes typed by people are never read as HTML or Markdown
        cv.values_frame(info.values, labels(ref, lang), lang), hide_index=True, width="stretch"
    )


def staged_view(engine, ref, staged: ct.ContributionInfo, lang: str) -> None:
    st.info(
        tn("contrib.staged", len(staged.values), lang, who=staged.submitted_by),
        icon=":material/hourglass_top:",
    )
    values_table(ref, staged, lang)
    withdraw = st.button(t("contrib.withdraw", lang), key="contrib_withdraw")
    if withdraw and ud.attempt(lambda: ct.withdraw(engine, staged.id, by=ud.actor()), lang):
        st.rerun()


def review_section(engine, ref, lang: str) -> None:
    grants = ud.grants()
    is_admin = any(g.role == access.ADMIN for g in grants)
    is_coordinator = any(g.role == access.COORDINATOR for g in grants)
    if not (is_admin or is_coordinator):
        return
    st.header(t("contrib.review", lang))
    waiting = cv.reviewable(ct.listing(engine, status=ct.STAGED), is_admin)
    if not waiting:
        st.caption(t("contrib.review_none", lang))
    for item in waiting:
        with st.container(border=True):
            st.markdown(
                tn(
                    "contrib.review_item",
                    len(item.values),
                    lang,
                    unit=naming.unit_label(ref, item.unit_id, lang),
                    who=usertext.escape(item.submitted_by),
                )
            )
            values_table(ref, item, lang)
            reason = st.text_input(t("contrib.reason", lang), key=f"contrib_reason_{item.id}")
            left, right = st.columns(2)
            if left.button(t("contrib.approve", lang), type="primary", key=f"contrib_ok_{item.id}"):
                with st.spinner(t("contrib.building", lang)):
                    done = ud.attempt(
                        lambda i=item.id, r=reason: contribute.approve(
                            engine, i, by=ud.actor(), reason=r
                        ),
                        lang,
                    )
                if done:
                    st.success(tn("contrib.approved", done.values, lang), icon=":material/check:")
            rejected = right.button(t("contrib.reject", lang), key=f"contrib_no_{item.id}")
            if rejected and ud.attempt(
                lambda i=item.id, r=reason: ct.reject(engine, i, r, by=ud.actor()), lang
            ):
                st.rerun()
    if is_admin:
        versions_section(engine, ref, lang)
        define_section(engine, ref, lang)


def versions_section(engine, ref, lang: str) -> None:
    st.subheader(t("contrib.versions", lang))
    unit = st.selectbox(
        t("contrib.unit", lang),
        ref.local.index.tolist(),
        format_func=lambda u: naming.unit_label(ref, u, lang),
        key="contrib_versions_unit",
    )
    versions = ct.history(engine, unit)
    if not versions:
        st.caption(t("contrib.versions_none", lang))
        return
    st.dataframe(cv.versions_frame(versions, lang), hide_index=True, width="stretch")
    older = cv.older_versions(versions)
    if older:
        chosen = st.selectbox(t("contrib.revert_to", lang), older, key="contrib_revert_id")
        if st.button(t("contrib.revert", lang), key="contrib_revert"):
            with st.spinner(t("contrib.building", lang)):
                if ud.attempt(lambda: contribute.revert(engine, chosen, by=ud.actor()), lang):
                    st.success(t("contrib.reverted", lang), icon=":material/check:")


def define_section(engine, ref, lang: str) -> None:
    st.subheader(t("contrib.define", lang))
    st.caption(t("contrib.define_help", lang))
    with st.form("contrib_define", clear_on_submit=False):
        code = st.text_input(t("contrib.f_code", lang), max_chars=60)
        left, right = st.columns(2)
        name_lv = left.text_input(t("contrib.f_name_lv", lang), max_chars=200)
        name_en = right.text_input(t("contrib.f_name_en", lang), max_chars=200)
        unit_lv = left.text_input(t("contrib.f_unit_lv", lang), max_chars=60)
        unit_en = right.text_input(t("contrib.f_unit_en", lang), max_chars=60)
        def_lv = left.text_area(t("contrib.f_def_lv", lang))
        def_en = right.text_area(t("contrib.f_def_en", lang))
        themes = list(ref.theme_names[lang])
        theme = left.selectbox(
            t("contrib.f_theme", lang), themes, format_func=ref.theme_names[lang].get
        )
        direction = right.selectbox(
            t("contrib.f_direction", lang),
            ["higher_better", "lower_better", "neutral"],
            format_func=lambda d: t(f"direction.{d}", lang),
        )
        decimals = left.number_input(t("contrib.f_decimals", lang), 0, 4, 1)
        if st.form_submit_button(t("contrib.define_submit", lang)):
            data = ct.IndicatorDefinition(
                code,
                name_lv,
                name_en,
                unit_lv,
                unit_en,
                def_lv,
                def_en,
                direction,
                theme,
                int(decimals),
            )
            ud.attempt(
                lambda: ct.define_indicator(
                    engine, data, by=ud.actor(), themes=themes, taken=ref.catalogue.index.tolist()
                ),
                lang,
                t("contrib.defined", lang),
            )


def render() -> None:
    ref = refdata.reference()
    lang = viewstate.lang()

    def show(engine) -> None:
        contributor_section(engine, ref, lang)
        review_section(engine, ref, lang)

    ud.store_page(t("contrib.title", lang), t("contrib.intro", lang), lang, show)


render()
