"""What people read for a code: names of units, indicators, groups, themes and networks,
source lines, rank bands. Names people gave are escaped here (benchlearn.logic.usertext)."""

from __future__ import annotations

import html

import pandas as pd

from benchlearn.formatting import format_rank
from benchlearn.i18n import formula_text, has_text, t
from benchlearn.logic import usertext
from benchlearn.logic.groups import SIZE_CLASSES, USER, size_basis_note
from benchlearn.logic.scores import BAND_COLOURS, band_label
from benchlearn.state import ViewState
from benchlearn.ui import grouping, refdata, viewstate
from benchlearn.ui.refdata import Reference
from benchlearn.userdata.logic import network_id


def unit_label(ref: Reference, unit_id: str, language: str) -> str:
    """Display name of a unit (see _labels)."""
    return ref.labels["en" if language == "en" else "lv"].get(unit_id, unit_id)


def indicator_label(ref: Reference, code: str, language: str) -> str:
    return ref.indicator_names["en" if language == "en" else "lv"][code]


def indicator_unit(ref: Reference, code: str, language: str) -> str:
    return ref.indicator_units["en" if language == "en" else "lv"][code]


def group_label(
    ref: Reference, code: str, language: str, user_name: str | None = None, plain: bool = False
) -> str:
    """A group's name: stored groups from the database, the URL's group by its own name
    (pass `user_name` where the label may be formatted outside the script run). Names people
    gave (networks, the URL's group) are safe markdown (benchlearn.logic.usertext); with
    `plain`, plain text for select boxes, charts and downloads."""
    if network_id(code) is not None:
        return network_label(code, language, plain)
    if code == USER:
        name = viewstate.view().get("ug_name") if user_name is None else user_name
        shown = (usertext.plain if plain else usertext.inline)(name or "")
        return t("group.user", language, name=shown or t("group.user_default", language))
    if code in ref.groups.index:
        return str(ref.groups.loc[code, "name_en" if language == "en" else "name_lv"])
    return t(f"group.{code}", language) if has_text(f"group.{code}") else code


def group_note(ref: Reference, state: ViewState, language: str) -> str:
    """What a population size class rests on (partial city figures); "" for other groups."""
    if not state.grp.startswith("pop:") or state.grp not in ref.groups.index:
        return ""
    version = refdata.municipal_version(ref, state)
    classified = pd.concat([refdata.stored_members(s.code, version) for s in SIZE_CLASSES])
    unclassified = [
        unit_label(ref, u, language)
        for u in refdata.units_of(ref, version)["unit_id"]
        if u not in set(classified["unit_id"])
    ]
    names = {u: unit_label(ref, u, language) for u in classified["unit_id"]}
    return size_basis_note(
        refdata.stored_members(state.grp, version), names, unclassified, language
    )


def source_caption(ref: Reference, code: str, language: str, sources: pd.DataFrame) -> str:
    """'Avots: CSP TRS020 (iegūts 2025-12-18)' or the formula and its inputs' sources."""
    row = ref.catalogue.loc[code]
    sources_text = f"{t('source', language)}: " + "; ".join(
        source_parts(ref, code, language, sources)
    )
    if row["kind"] != "derived":
        return sources_text
    names = {c: f"«{indicator_label(ref, c, language)}»" for c in row["inputs"]}
    formula = formula_text(row["formula"], names, language)
    return f"{t('computed', language)}: {formula}. {sources_text}"


def source_parts(ref: Reference, code: str, language: str, sources: pd.DataFrame) -> list[str]:
    """Each distinct source behind `code` once ('CSP TRS020 (iegūts 2025-12-18)'), through
    the inputs of a derived indicator: two inputs from one table name it once."""
    return _source_parts(ref, code, language, sources.set_index("source_id"))


def _source_parts(ref: Reference, code: str, language: str, by_id: pd.DataFrame) -> list[str]:
    row = ref.catalogue.loc[code]
    if row["kind"] == "derived":
        parts = [p for c in row["inputs"] for p in _source_parts(ref, c, language, by_id)]
        return list(dict.fromkeys(parts))
    if row["kind"] == "geometry":
        boundaries = "generalised boundaries" if language == "en" else "vispārinātās robežas"
        return [f"CSP, VZD – {boundaries} 1:1 200 000"]
    parts = []
    for sid in row["source_ids"]:
        src = by_id.loc[sid]
        table = f" {src['table_code']}" if src["table_code"] else ""
        when = f" ({t('retrieved', language)} {src['retrieved']})" if src["retrieved"] else ""
        parts.append(f"{src['publisher']}{table}{when}")
    return list(dict.fromkeys(parts))


def band_pill(band: str, language: str) -> str:
    """A small label in the band's colour (white text on the dark ends, dark on the middle)."""
    colour = BAND_COLOURS[band]
    text = "#ffffff" if band in ("best", "worst") else "#333333"
    return (
        f'<span style="background:{colour};color:{text};border:1px solid #bbb;'
        f'border-radius:0.6em;padding:0 0.5em;font-size:0.8em;white-space:nowrap">'
        f"{html.escape(band_label(band, language))}</span>"
    )


def position_lines(ref: Reference, rows: pd.DataFrame, language: str, empty: str) -> str:
    """HTML for st.html: per row the band as a coloured label, the indicator, its rank and
    year; `empty` (plain text) when there are no rows. One st.html block is lighter for the
    browser than markdown with inline HTML."""
    lines = []
    for row in rows.itertuples():
        name = html.escape(indicator_label(ref, row.indicator, language))
        rank = html.escape(format_rank(int(row.rank), int(row.n), language))
        lines.append(f"{band_pill(row.band, language)} <b>{name}</b> — {rank} ({row.year})")
    return "<br>".join(lines) or html.escape(empty)


def network_label(code: str, language: str, plain: bool = False) -> str:
    """The network as a group ("Tīkls: <name> (years)"): its name as safe markdown, or as
    `plain` text."""
    net = grouping.network(code)
    if net is None:
        return t("group.network_gone", language)
    period = (
        f" ({net.period_start}–{net.period_end})" if net.period_start and net.period_end else ""
    )
    name = (usertext.plain if plain else usertext.inline)(net.name(language))
    return t("group.network", language, name=name + period)


def theme_label(ref: Reference, theme: str, language: str, plain: bool = False) -> str:
    """A theme's name; a network's indicator set by the network's name (safe markdown, or
    `plain` text for select boxes)."""
    if network_id(theme) is not None:
        net = grouping.network(theme)
        if net is None:
            return t("theme.network", language, name=t("group.network_gone", language))
        name = (usertext.plain if plain else usertext.inline)(net.name(language))
        return t("theme.network", language, name=name)
    return ref.theme_names[language].get(theme, theme)
