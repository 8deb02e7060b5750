"""Datu iesniegšana: a contributor downloads the template of their municipality, uploads it,
checks the preview and sends it for a decision; an administrator (or a network's
coordinator) approves or rejects staged submissions, and administrators see a value's
versions and may revert one. Display only: reading and checking in logic.contributions,
storing in userdata.contributions, the warehouse rebuild in benchlearn.contribute."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from benchlearn import cache, contribute, ui
from benchlearn.i18n import format_number, t
from benchlearn.logic import contributions as lc
from benchlearn.logic import usertext
from benchlearn.userdata import access
from benchlearn.userdata import contributions as ct
from benchlearn.userdata import widgets as ud

YEARS_BACK = 5  # the template's years: the last five before this one


def offered(ref: ui.Reference, codes: list[str]) -> list[str]:
    """Indicators a municipality may contribute: read from sources or only contributed
    (never computed ones, nor properties of the territory)."""
    kinds = ref.catalogue["kind"]
    return [c for c in codes if c in kinds.index and kinds[c] in ("source", "contributed")]


def indicator_sets(ref: ui.Reference, lang: str) -> dict[str, tuple[str, list[str], int | None]]:
    """code -> (label, indicator codes, network id): the catalogue's themes, each network's
    indicator set, and the indicators only contributions fill (defined, maybe not yet built)."""
    sets = {}
    for theme, label in ref.theme_names[lang].items():
        codes = offered(ref, ref.catalogue.index[ref.catalogue["theme"] == theme].tolist())
        if codes:
            sets[theme] = (label, codes, None)
    for net in ud.networks():
        codes = offered(ref, list(net.indicators))
        if codes:
            sets[net.code] = (net.name(lang), codes, net.id)
    return sets


def defined(engine) -> dict[str, ct.IndicatorDefinition]:
    return {d.code: d for d in ct.list_indicators(engine)}


def scope_for(ref: ui.Reference, units: list[str], codes: list[str], extra) -> lc.Scope:
    ranges = {}
    for code in codes:
        unit = ref.catalogue.loc[code, "unit_en"] if code in ref.catalogue.index else ""
        ranges[code] = _range(unit)
    for code, d in extra.items():
        ranges.setdefault(code, _range(d.unit_en))
    return lc.Scope(frozenset(units), ranges, dt.date.today().year)


def _range(unit_en: str) -> tuple[float, float]:
    from benchlearn.catalogue import MAX_MAGNITUDE, PLAUSIBLE

    return PLAUSIBLE.get(unit_en, (-MAX_MAGNITUDE, MAX_MAGNITUDE))


def held_values(codes: list[str]) -> pd.DataFrame:
    frame = cache.query("observations_of_indicators", version="lg2021", indicators=codes)
    return frame[["unit_id", "indicator", "year", "value"]]


def contributor_section(engine, ref: ui.Reference, lang: str) -> None:
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
        t("contrib.unit", lang), units, format_func=lambda u: ui.unit_label(ref, u, lang)
    )
    extra = defined(engine)
    sets = indicator_sets(ref, lang)
    if extra:
        sets["contributed"] = (t("contrib.set_contributed", lang), list(extra), None)
    chosen = st.selectbox(t("contrib.set", lang), list(sets), format_func=lambda s: sets[s][0])
    label, codes, network = sets[chosen]
    codes = list(dict.fromkeys([*codes, *(c for c in extra if chosen == "contributed")]))
    names = {
        c: (
            (ui.indicator_label(ref, c, lang), ui.indicator_unit(ref, c, lang))
            if c in ref.catalogue.index
            else (
                extra[c].name_en if lang == "en" else extra[c].name_lv,
                extra[c].unit_en if lang == "en" else extra[c].unit_lv,
            )
        )
        for c in codes
    }
    held = held_values([c for c in codes if c in ref.catalogue.index])
    this_year = dt.date.today().year
    frame = lc.template_frame(
        {unit: ui.unit_label(ref, unit, lang)},
        names,
        range(this_year - YEARS_BACK, this_year),
        held[held["unit_id"] == unit],
    )
    st.caption(t("contrib.template_help", lang))
    left, right = st.columns(2)
    base = f"benchlearn-{unit}-{chosen.replace(':', '-')}"
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
        ui.on_click(lambda: lc.template_xlsx(frame), lang),
        file_name=f"{base}.xlsx",
        mime=ui.XLSX_MIME,
        icon=":material/download:",
        key="contrib_xlsx",
        on_click="ignore",
    )
    last = ct.listing(engine, unit_id=unit, limit=1)
    if last and last[0].status in (ct.APPROVED, ct.REJECTED):
        decided = last[0]
        st.caption(
            t(
                f"contrib.last_{decided.status}",
                lang,
                who=usertext.escape(decided.decided_by),
                when=f"{pd.Timestamp(decided.decided_at):%Y-%m-%d}" if decided.decided_at else "",
                reason=usertext.escape(decided.reason) or "—",
            )
        )
    staged = ct.staged_for(engine, unit)
    if staged is not None:
        staged_view(engine, ref, staged, lang)
        return
    upload = st.file_uploader(
        t("contrib.upload", lang), type=["csv", "xlsx"], key=f"contrib_file_{unit}"
    )
    if upload is None:
        return
    scope = scope_for(ref, [unit], codes, extra)
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
        t("contrib.refused", lang, n=refused.total)
        + "\n\n"
        + "\n".join(f"- {line}" for line in lines)
        + (f"\n\n{t('contrib.more', lang, n=more)}" if more > 0 else ""),
        icon=":material/error:",
    )


def _value(v: float | None, lang: str) -> str:
    return "" if v is None or pd.isna(v) else format_number(v, 2, lang).rstrip("0").rstrip(",")


def preview_and_submit(engine, ref, unit, chosen, network, name, shown, lang) -> None:
    sent = lc.submitted(shown)
    counts = shown["kind"].value_counts()
    st.subheader(t("contrib.preview", lang))
    st.caption(
        t(
            "contrib.counts",
            lang,
            new=int(counts.get(lc.NEW, 0)),
            changed=int(counts.get(lc.CHANGED, 0)),
            same=int(counts.get(lc.UNCHANGED, 0)),
        )
    )
    if sent.empty:
        st.info(t("contrib.nothing_new", lang))
        return
    table = pd.DataFrame(
        {
            t("contrib.col_indicator", lang): [
                ui.indicator_label(ref, c, lang) if c in ref.catalogue.index else c
                for c in sent["indicator"]
            ],
            t("contrib.col_year", lang): sent["year"].astype(int),
            t("contrib.col_kind", lang): [t(f"contrib.kind.{k}", lang) for k in sent["kind"]],
            t("contrib.col_change", lang): [
                f"{_value(o, lang)} → {_value(n, lang)}"
                if o is not None and not pd.isna(o)
                else _value(n, lang)
                for o, n in zip(sent["old"], sent["value"], strict=True)
            ],
            t("contrib.col_warning", lang): [
                t("contrib.far", lang, low=_value(lo, lang), high=_value(hi, lang)) if far else ""
                for far, lo, hi in zip(sent["far"], sent["low"], sent["high"], strict=True)
            ],
            t("contrib.col_note", lang): sent["note"],
        }
    )
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
        st.warning(t("contrib.far_warning", lang, n=far), icon=":material/warning:")
        confirmed = st.checkbox(t("contrib.far_confirm", lang), key=f"contrib_confirm_{unit}")
    if st.button(
        t("contrib.submit", lang), type="primary", disabled=not confirmed, key="contrib_submit"
    ):
        values = [
            ct.StagedValue(
                r.indicator,
                int(r.year),
                float(r.value),
                None if r.old is None or pd.isna(r.old) else float(r.old),
                str(note or ""),
                t("contrib.far", "en", low=r.low, high=r.high) if r.far else "",
            )
            for r, note in zip(sent.itertuples(index=False), edited[note_column], strict=True)
        ]
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
        pd.DataFrame(
            {
                t("contrib.col_indicator", lang): [
                    ui.indicator_label(ref, v.indicator, lang)
                    if v.indicator in ref.catalogue.index
                    else v.indicator
                    for v in info.values
                ],
                t("contrib.col_year", lang): [v.year for v in info.values],
                t("contrib.col_change", lang): [
                    f"{_value(v.old_value, lang)} → {_value(v.value, lang)}"
                    if v.old_value is not None
                    else _value(v.value, lang)
                    for v in info.values
                ],
                t("contrib.col_warning", lang): [v.warning for v in info.values],
                t("contrib.col_note", lang): [v.note for v in info.values],
            }
        ),
        hide_index=True,
        width="stretch",
    )


def staged_view(engine, ref, staged: ct.ContributionInfo, lang: str) -> None:
    st.info(
        t("contrib.staged", lang, n=len(staged.values), who=staged.submitted_by),
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
    waiting = [
        c for c in ct.listing(engine, status=ct.STAGED) if is_admin or c.network_id is not None
    ]
    if not waiting:
        st.caption(t("contrib.review_none", lang))
    for item in waiting:
        with st.container(border=True):
            st.markdown(
                t(
                    "contrib.review_item",
                    lang,
                    unit=ui.unit_label(ref, item.unit_id, lang),
                    n=len(item.values),
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
                    st.success(t("contrib.approved", lang, n=done.values), icon=":material/check:")
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
        format_func=lambda u: ui.unit_label(ref, u, lang),
        key="contrib_versions_unit",
    )
    versions = ct.history(engine, unit)
    if not versions:
        st.caption(t("contrib.versions_none", lang))
        return
    newest = {}
    for v in versions:
        newest.setdefault((v.indicator, v.year), v.id)
    st.dataframe(
        pd.DataFrame(
            {
                "#": [v.id for v in versions],
                t("contrib.col_indicator", lang): [v.indicator for v in versions],
                t("contrib.col_year", lang): [v.year for v in versions],
                t("value", lang): [_value(v.value, lang) for v in versions],
                t("contrib.col_in_force", lang): [
                    "✓" if newest[(v.indicator, v.year)] == v.id else "" for v in versions
                ],
                t("contrib.col_approved", lang): [
                    f"{v.approved_by} {pd.Timestamp(v.approved_at):%Y-%m-%d}" for v in versions
                ],
                t("contrib.col_note", lang): [v.note for v in versions],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    older = [v.id for v in versions if newest[(v.indicator, v.year)] != v.id]
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
    ref = ui.reference()
    lang = ui.lang()
    st.title(t("contrib.title", lang))
    st.caption(t("contrib.intro", lang))
    engine = ud.store()
    if engine is None:
        ud.unavailable(lang)
        return
    with ud.guarded(lang):
        contributor_section(engine, ref, lang)
        review_section(engine, ref, lang)


render()
