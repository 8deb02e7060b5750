"""Streamlit side of improvement actions (issue 21, part 3): reading them for the trends,
profile and network pages, and the form to record, edit or delete them.

Reading is open to everyone; the form shows only to those whose role allows it for the
municipality (coordinators, administrators, its contributors), and the repository checks
that role again in the writing transaction. Without the user-data store the pages keep
working and say what is missing. Pages call this module; the words and numbers come from
benchlearn.logic.actions through views.action_effects.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from benchlearn import cache, views
from benchlearn.charts import tables
from benchlearn.formatting import format_date
from benchlearn.i18n import t
from benchlearn.logic import usertext
from benchlearn.ui import naming, refdata
from benchlearn.userdata import repository as repo
from benchlearn.userdata import widgets as ud
from benchlearn.userdata.repository import ActionInfo, ActionInput


def load(units: list[str] | None = None) -> list[ActionInfo] | None:
    """The actions (of `units`), or None when the store is unavailable."""
    engine = ud.store()
    if engine is None:
        return None
    try:
        return repo.list_actions(engine, units)
    except ud.STORE_ERRORS as exc:
        ud._went_down(exc)
        return None


def date_text(day: dt.date | None, lang: str) -> str:
    if day is None:
        return ""
    return format_date(day, lang)


def trend_actions(code: str, lang: str) -> tuple[tuple[str, int, str, str], ...] | None:
    """For views.trend_view: (unit, start year, title, start date) of every action aiming
    at `code`; None when the store is unavailable."""
    found = load()
    if found is None:
        return None
    return tuple(
        (a.unit_id, a.start.year, a.title, date_text(a.start, lang))
        for a in found
        if code in a.indicators
    )


def _indicator(ref: refdata.Reference, code: str, lang: str) -> str:
    return naming.indicator_label(ref, code, lang) if code in ref.catalogue.index else code


@dataclass(frozen=True)
class ShownAction:
    """An action as the profile and the council paper (benchlearn.paper) show it: the
    record, its network's name ("" without one; as typed) and, for each aimed indicator,
    (code, label, what it did since the start against the reference units, in words)."""

    action: ActionInfo
    network: str
    effects: tuple[tuple[str, str, str], ...]

    def when(self, lang: str) -> str:
        """Its dates, "from 01.03.2021 to 31.12.2023" (no end: from only)."""
        text = t("act.since", lang, start=date_text(self.action.start, lang))
        if self.action.end:
            text += " " + t("act.until", lang, end=date_text(self.action.end, lang))
        return text


def profile_actions(
    ref: refdata.Reference,
    unit: str,
    version: str,
    basis: str,
    reference: tuple[str, ...],
    lang: str,
) -> list[ShownAction] | None:
    """The municipality's actions, each aimed indicator's change since the start against
    the reference units of the gaps (views.action_effects); None without the store. Read
    once per page run, for the page's section and its council paper."""
    found = load([unit])
    if found is None:
        return None
    aimed = tuple(sorted({(c, a.start.year) for a in found for c in a.indicators}))
    words = (
        cache.computed(views.action_effects, version, unit, tuple(reference), aimed, basis, lang)
        if aimed
        else {}
    )
    nets = {n.id: n for n in ud.networks()} if found else {}
    return [
        ShownAction(
            a,
            nets[a.network_id].name(lang) if a.network_id in nets else "",
            tuple((c, _indicator(ref, c, lang), words[(c, a.start.year)]) for c in a.indicators),
        )
        for a in found
    ]


def profile_section(
    ref: refdata.Reference, unit: str, shown: list[ShownAction] | None, lang: str
) -> None:
    """The municipality's actions (profile_actions) and, for each aimed indicator, what it
    did since the start against the reference units of the gaps; then the form, where
    allowed."""
    st.subheader(t("act.title", lang))
    if shown is None:
        st.caption(t("act.unavailable", lang))
        return
    if not shown:
        st.caption(t("act.none", lang))
    else:
        st.caption(t("act.intro", lang))
        for item in shown:
            with st.container(border=True):
                st.markdown(action_heading(item, lang))
                st.markdown(
                    "\n".join(f"- **{label}**: {words}" for _, label, words in item.effects)
                )
        st.caption(t("act.caveat", lang))
    if ud.may("improvement.create", unit):
        with ud.guarded(lang):
            action_form(ref, unit, [item.action for item in shown], lang)


def action_heading(item: ShownAction, lang: str) -> str:
    """Title, dates, network and plan as one markdown line (what people typed escaped)."""
    action = item.action
    parts = [f"**{usertext.inline(action.title)}**", item.when(lang)]
    if item.network:
        parts.append(usertext.inline(item.network))
    if action.link:
        parts.append(usertext.link(t("act.plan", lang), action.link))
    return " · ".join(parts)


def action_form(ref: refdata.Reference, unit: str, found: list[ActionInfo], lang: str) -> None:
    """Record a new action of `unit`, or edit or delete one of its actions."""
    engine = ud.store()
    if engine is None:
        return
    by_id = {a.id: a for a in found}
    with st.expander(t("act.form", lang), icon=":material/edit_note:"):
        picked = st.selectbox(
            t("act.pick", lang),
            [0, *by_id],
            format_func=lambda i: t("act.new", lang) if not i else usertext.plain(by_id[i].title),
            key="act_pick",
        )
        base = by_id.get(picked)
        codes = ref.catalogue.index.tolist()
        nets = {n.id: n for n in ud.networks()}
        network_ids = [None, *nets]
        with st.form(f"act_form_{picked}", border=False):
            title = st.text_input(
                t("act.field_title", lang), value=base.title if base else "", max_chars=400
            )
            indicators = st.multiselect(
                t("act.field_indicators", lang),
                codes,
                default=[c for c in (base.indicators if base else ()) if c in codes],
                format_func=lambda c: _indicator(ref, c, lang),
            )
            start = st.date_input(
                t("act.field_start", lang),
                value=base.start if base else dt.date.today(),
                min_value=dt.date(repo.YEARS[0], 1, 1),
                max_value=dt.date(repo.YEARS[1], 12, 31),
            )
            has_end = st.checkbox(t("act.field_has_end", lang), value=bool(base and base.end))
            end = st.date_input(
                t("act.field_end", lang),
                value=(base.end if base and base.end else dt.date.today()),
                min_value=dt.date(repo.YEARS[0], 1, 1),
                max_value=dt.date(repo.YEARS[1], 12, 31),
            )
            link = st.text_input(
                t("act.field_link", lang), value=base.link if base else "", max_chars=1000
            )
            network = st.selectbox(
                t("act.field_network", lang),
                network_ids,
                index=network_ids.index(base.network_id)
                if base and base.network_id in network_ids
                else 0,
                format_func=lambda i: (
                    t("act.no_network", lang) if i is None else usertext.plain(nets[i].name(lang))
                ),
            )
            saved = st.form_submit_button(t("act.save", lang), type="primary")
        data = ActionInput(
            unit_id=unit,
            title=title,
            indicators=tuple(indicators),
            start=start,
            end=end if has_end else None,
            link=link,
            network_id=network,
        )
        if saved:

            def write() -> bool:  # True once written (update returns nothing)
                if base:
                    repo.update_action(engine, picked, data, by=ud.actor())
                else:
                    repo.create_action(engine, data, by=ud.actor())
                return True

            if ud.attempt(write, lang, done=t("act.saved", lang)):
                st.rerun()
        if base and st.button(t("act.delete", lang), icon=":material/delete:", key="act_delete"):
            deleted = ud.attempt(
                lambda: repo.delete_action(engine, picked, by=ud.actor()) or True,
                lang,
                done=t("act.deleted", lang),
            )
            if deleted:
                st.session_state.pop("act_pick", None)
                st.rerun()


def network_section(ref: refdata.Reference, members: tuple[str, ...], lang: str) -> None:
    """Every member's actions and their indicators at a glance, as a table."""
    st.subheader(t("act.net_title", lang))
    if not members:
        return
    found = load(list(members))
    if found is None:
        st.caption(t("act.unavailable", lang))
        return
    if not found:
        st.caption(t("act.net_none", lang))
        return
    nets = {n.id: n for n in ud.networks()}
    found = sorted(
        found, key=lambda a: (repo.fold(naming.unit_label(ref, a.unit_id, lang)), a.start)
    )
    frame = pd.DataFrame(
        {
            t("act.col_unit", lang): [naming.unit_label(ref, a.unit_id, lang) for a in found],
            t("act.col_title", lang): [usertext.plain(a.title) for a in found],
            t("act.col_indicators", lang): [
                "; ".join(_indicator(ref, c, lang) for c in a.indicators) for a in found
            ],
            t("act.col_start", lang): [date_text(a.start, lang) for a in found],
            t("act.col_end", lang): [date_text(a.end, lang) for a in found],
            t("act.col_network", lang): [
                usertext.plain(nets[a.network_id].name(lang)) if a.network_id in nets else ""
                for a in found
            ],
            t("act.col_plan", lang): [usertext.safe_url(a.link) or "" for a in found],
        }
    )
    st.html(tables.html_table(frame, label=t("act.net_title", lang), pinned=True))
    st.caption(t("act.caveat", lang))
