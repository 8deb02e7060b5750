"""Data page: "Update from CSP" for administrators (benchlearn.update does the work). The
controls are offered only to an administrator, but that is courtesy: every start is checked
again on the server, in the transaction that audits it. A running update is polled with a
fragment, so the rest of the page (and every other session) carries on."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from benchlearn import cache, update
from benchlearn.formatting import format_datetime, format_number
from benchlearn.i18n import t, tn
from benchlearn.logic import usertext
from benchlearn.userdata import widgets as ud
from benchlearn.userdata.repository import Forbidden

POLL_SECONDS = 1.0  # how often a page with a running update looks at it
SEEN = "_upd_seen_running"  # this session showed a running update: rerun the page when it ends
NOTICE = "_upd_notice"  # what the last click did, said after the rerun that shows it


def when(stamp: str, lang: str) -> str:
    """A UTC stamp in Riga time, as the rest of the page writes it."""
    if not stamp:
        return "–"
    moment = pd.Timestamp(stamp).tz_convert("Europe/Riga")
    return format_datetime(moment, lang)


def who(principal: str, name: str, markdown: bool = True) -> str:
    """The provider's display name (else the e-mail): escaped for markdown, or plain."""
    shown = name if name and name != principal else principal
    return usertext.escape(shown) if markdown else usertext.plain(shown)


def render(lang: str) -> None:
    st.subheader(t("upd.title", lang))
    engine = ud.store()
    if engine is None or not ud.may("data.update"):
        key = "upd.admins_only" if ud.actor().signed_in else "upd.admins_can"
        st.caption(t(key, lang))
        return
    with ud.guarded(lang):
        if notice := st.session_state.pop(NOTICE, None):
            st.warning(notice, icon=":material/hourglass_top:")
        job = update.UPDATER.job
        if job is not None and job.running:
            st.session_state[SEEN] = True
            st.fragment(_running, run_every=POLL_SECONDS)(lang)
        else:
            st.session_state.pop(SEEN, None)
            _outcome(engine, job, lang)
            if job is None or job.kind != "plan" or job.state != "done":
                _start_form(engine, lang)
        _history(lang)


def _option(table: update.MappedTable, lang: str) -> str:
    state = t("upd.verified" if table.verified else "upd.unverified", lang)
    return f"{table.table} · {t('upd.grade', lang, grade=table.grade)} · {state}"


def _start_form(engine, lang: str) -> None:
    tables = cache.per_database(update.mapped_tables)
    by_code = {m.table: m for m in tables}
    chosen = st.multiselect(
        t("upd.tables", lang),
        list(by_code),
        format_func=lambda c: _option(by_code[c], lang),
        placeholder=t("upd.tables_placeholder", lang),
        help=t("upd.tables_help", lang),
        key="upd_tables",
    )
    if chosen:
        st.caption(" · ".join(f"**{c}** {usertext.inline(by_code[c].title)}" for c in chosen))
    if st.button(
        t("upd.dry_run", lang),
        type="primary",
        icon=":material/preview:",
        disabled=not chosen,
        key="upd_dry_run",
    ):
        _start(lambda: update.UPDATER.start_plan(engine, chosen, by=ud.actor()), lang)


def _start(action, lang: str) -> None:
    """Start a run; say why not (another is running, not allowed) instead of raising."""
    try:
        action()
    except update.Busy as exc:
        st.session_state[NOTICE] = t(
            "upd.busy",
            lang,
            who=who(exc.job.by.principal, exc.job.by.name),
            when=when(exc.job.started, lang),
        )
    except update.NothingToApply:
        st.session_state[NOTICE] = t("upd.nothing_to_apply", lang)
    except Forbidden as exc:
        st.error(ud.error_text(exc, lang), icon=":material/lock:")
        return
    st.rerun()


def _running(lang: str) -> None:
    """Polled every POLL_SECONDS: the progress bars, and the whole page once it is done."""
    job = update.UPDATER.job
    if job is None or not job.running:
        st.rerun()  # the app, not just this fragment: the outcome and the new data
    kind = t("upd.kind.plan" if job.kind == "plan" else "upd.kind.apply", lang)
    st.info(
        t(
            "upd.running",
            lang,
            kind=kind,
            who=who(job.by.principal, job.by.name),
            when=when(job.started, lang),
        ),
        icon=":material/sync:",
    )
    items = list(job.progress.values())
    finished = sum(item.phase == "done" for item in items)
    overall = 1.0 if job.phase == "merge" else finished / max(len(items), 1)
    phase = t(f"upd.phase.{job.phase}", lang)
    st.progress(overall, text=t("upd.overall", lang, done=finished, n=len(items), phase=phase))
    for item in items:
        share = item.done / item.planned if item.planned else (1.0 if item.phase == "done" else 0)
        st.progress(
            share,
            text=t(
                f"upd.table.{item.phase}",
                lang,
                table=item.table,
                done=item.done,
                planned=item.planned or "?",
            ),
        )
    if job.lines:
        st.caption(usertext.plain(job.lines[-1]))


def _number(value: float, lang: str) -> str:
    return format_number(value, 0 if float(value).is_integer() else 2, lang)


def _outcome(engine, job: update.Job | None, lang: str) -> None:
    if job is None:
        return
    if job.state == "failed":
        _problem(job, lang)
        return
    if job.kind == "apply":
        c = job.counts
        st.success(
            tn(
                "upd.applied",
                c.get("values", 0),
                lang,
                when=when(job.finished, lang),
                tables=", ".join(job.tables),
                n=format_number(c.get("values", 0), 0, lang),
                added=format_number(c.get("added", 0), 0, lang),
                changed=format_number(c.get("changed", 0), 0, lang),
            ),
            icon=":material/check_circle:",
        )
        return
    _plan(engine, job, lang)


def _plan(engine, job: update.Job, lang: str) -> None:
    catalogue = cache.per_database(update.indicator_names)["en" if lang == "en" else "lv"]
    c = job.counts
    st.markdown(f"**{t('upd.plan_title', lang)}**")
    st.caption(
        t(
            "upd.plan_intro",
            lang,
            who=who(job.by.principal, job.by.name),
            when=when(job.finished, lang),
        )
    )

    def names(codes: list[str]) -> str:
        return ", ".join(catalogue.get(code, code) for code in codes) or "–"

    plan = job.plan
    st.dataframe(
        pd.DataFrame(
            {
                t("data.table", lang): plan["table"],
                t("upd.col.values", lang): [format_number(v, 0, lang) for v in plan["values"]],
                t("upd.col.added", lang): [format_number(v, 0, lang) for v in plan["added"]],
                t("upd.col.changed", lang): [format_number(v, 0, lang) for v in plan["changed"]],
                t("upd.col.removed", lang): [format_number(v, 0, lang) for v in plan["removed"]],
                t("upd.col.new_indicators", lang): [names(v) for v in plan["new_indicators"]],
            }
        ),
        hide_index=True,
        width="stretch",
        column_config={
            t("upd.col.new_indicators", lang): st.column_config.TextColumn(width="large")
        },
    )
    if not (c.get("added") or c.get("changed") or c.get("removed") or c.get("new_indicators")):
        st.info(t("upd.plan_nothing", lang), icon=":material/check:")
    revisions = job.revisions
    if not revisions.empty:
        st.markdown(
            t(
                "upd.revisions",
                lang,
                n=format_number(c.get("changed", 0) + c.get("removed", 0), 0, lang),
            )
        )
        st.dataframe(
            pd.DataFrame(
                {
                    t("data.table", lang): revisions["table"],
                    t("municipality", lang): revisions["area_label"],
                    t("sel.indicator", lang): [catalogue.get(c, c) for c in revisions["indicator"]],
                    t("sel.year", lang): revisions["year"],
                    t("upd.col.change", lang): [
                        f"{_number(old, lang)} → "
                        + (t("upd.withdrawn", lang) if pd.isna(new) else _number(new, lang))
                        for old, new in zip(revisions["old"], revisions["new"], strict=True)
                    ],
                }
            ),
            hide_index=True,
            width="stretch",
            height=min(300, 38 + 35 * len(revisions)),
        )
    st.caption(t("upd.apply_note", lang))
    with st.container(horizontal=True):
        apply = st.button(
            t("upd.apply", lang), type="primary", icon=":material/download_done:", key="upd_apply"
        )
        discard = st.button(t("upd.discard", lang), icon=":material/close:", key="upd_discard")
    if apply:
        _start(lambda: update.UPDATER.start_apply(engine, by=ud.actor()), lang)
    if discard:
        try:
            update.UPDATER.discard(engine, by=ud.actor())
        except Forbidden as exc:
            st.error(ud.error_text(exc, lang), icon=":material/lock:")
            return
        st.rerun()


def _problem(job: update.Job, lang: str) -> None:
    p = job.problem or update.Problem("other", "")
    kind = t("upd.kind.plan" if job.kind == "plan" else "upd.kind.apply", lang)
    key = "unknown_code" if p.kind == "mismatch" and not p.dimension else p.kind
    st.error(
        t(
            f"upd.err.{key}",
            lang,
            kind=kind,
            table=p.table or "?",
            dimension=p.dimension or "?",
            codes=", ".join(p.codes) or "?",
        )
        + " "
        + t("upd.err.unchanged", lang),
        icon=":material/error:",
    )
    with st.expander(t("upd.err.details", lang)):
        st.code(p.detail or "\n".join(job.lines[-20:]), language=None, wrap_lines=True)


def _history(lang: str) -> None:
    records = update.read_log()
    if not records:
        return
    st.markdown(f"**{t('upd.history', lang)}**")

    def counts(r: dict, key: str) -> str:
        value = (r.get("counts") or {}).get(key)
        return "–" if value is None else format_number(value, 0, lang)

    st.dataframe(
        pd.DataFrame(
            {
                t("upd.col.time", lang): [when(r.get("finished", ""), lang) for r in records],
                t("upd.col.who", lang): [
                    who(r.get("by", ""), r.get("by_name", ""), markdown=False) for r in records
                ],
                t("upd.col.kind", lang): [t(f"upd.kind.{r.get('kind')}", lang) for r in records],
                t("upd.col.tables", lang): [", ".join(r.get("tables", [])) for r in records],
                t("upd.col.outcome", lang): [
                    t(f"upd.outcome.{r.get('outcome')}", lang) for r in records
                ],
                t("upd.col.added", lang): [counts(r, "added") for r in records],
                t("upd.col.changed", lang): [counts(r, "changed") for r in records],
                t("upd.col.removed", lang): [counts(r, "removed") for r in records],
                t("upd.col.new_indicators", lang): [counts(r, "new_indicators") for r in records],
            }
        ),
        hide_index=True,
        width="stretch",
        height=min(250, 38 + 35 * len(records)),
        key="upd_history",
    )
    with st.expander(t("upd.last_log", lang)):
        st.code("\n".join(records[0].get("lines", [])) or "–", language=None, wrap_lines=True)
