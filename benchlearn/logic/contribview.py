"""The contributions page's choices and tables, pure: which indicators a municipality may
contribute and in which sets, the plausible ranges an upload is checked against, the
preview of an upload, a submission's values and a value's versions, and the sentences
about them. Reading and checking an upload is logic.contributions; storing it is
benchlearn.userdata.contributions (the page passes its records in: anything with the same
attributes will do).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from benchlearn.catalogue import MAX_MAGNITUDE, PLAUSIBLE
from benchlearn.formatting import format_number
from benchlearn.i18n import t
from benchlearn.logic import contributions as lc
from benchlearn.logic import usertext

YEARS_BACK = 5  # the template's years: the last five before this one
OFFERED_KINDS = ("source", "contributed")  # never computed ones, nor the territory's own
CONTRIBUTED = "contributed"  # the set of indicators only contributions fill

IndicatorSet = tuple[str, list[str], int | None]  # label, indicator codes, network id


def offered(catalogue: pd.DataFrame, codes: Iterable[str]) -> list[str]:
    """Of `codes`, the indicators a municipality may contribute: those read from sources or
    only contributed (never computed ones, nor properties of the territory)."""
    kinds = catalogue["kind"]
    return [c for c in codes if c in kinds.index and kinds[c] in OFFERED_KINDS]


def indicator_sets(
    catalogue: pd.DataFrame,
    themes: Mapping[str, str],
    networks: Iterable[Any],
    lang: str,
    defined: Sequence[str] = (),
) -> dict[str, IndicatorSet]:
    """code -> (label, indicator codes, network id): the catalogue's themes (`themes`: theme
    -> its name), each network's indicator set (records with code, name(lang), indicators,
    id) and, when any are `defined`, the indicators only contributions fill (defined, maybe
    not yet built). Sets with nothing to contribute are left out."""
    sets: dict[str, IndicatorSet] = {}
    for theme, label in themes.items():
        codes = offered(catalogue, catalogue.index[catalogue["theme"] == theme])
        if codes:
            sets[theme] = (label, codes, None)
    for net in networks:
        codes = offered(catalogue, list(net.indicators))
        if codes:
            sets[net.code] = (net.name(lang), codes, net.id)
    if defined:
        sets[CONTRIBUTED] = (t("contrib.set_contributed", lang), list(dict.fromkeys(defined)), None)
    return sets


def indicator_names(
    codes: Sequence[str],
    labels: Mapping[str, str],
    units: Mapping[str, str],
    defined: Mapping[str, Any],
    lang: str,
) -> dict[str, tuple[str, str]]:
    """code -> (name, unit of measure) for the template: the catalogue's (`labels`, `units`)
    or, for an indicator only defined for contributions, its definition's (records with
    name_lv, name_en, unit_lv, unit_en). An unknown code is named by itself."""
    names = {}
    for code in codes:
        if code in labels:
            names[code] = (labels[code], units.get(code, ""))
        elif code in defined:
            d = defined[code]
            names[code] = (
                d.name_en if lang == "en" else d.name_lv,
                d.unit_en if lang == "en" else d.unit_lv,
            )
        else:
            names[code] = (code, "")
    return names


def template_years(this_year: int) -> range:
    """The template's years: the YEARS_BACK before `this_year`."""
    return range(this_year - YEARS_BACK, this_year)


def file_stem(unit_id: str, chosen: str) -> str:
    """'benchlearn-LV0001000-roads' (a network's code may hold ':')."""
    return f"benchlearn-{unit_id}-{chosen.replace(':', '-')}"


def plausible_range(unit_en: str) -> tuple[float, float]:
    """The values an upload may hold for an indicator measured in `unit_en`."""
    return PLAUSIBLE.get(unit_en, (-MAX_MAGNITUDE, MAX_MAGNITUDE))


def scope_for(
    catalogue: pd.DataFrame,
    units: Iterable[str],
    codes: Iterable[str],
    defined: Mapping[str, Any],
    this_year: int,
) -> lc.Scope:
    """What an upload may hold: these units, these indicators within their plausible ranges
    (by the catalogue's unit, else the definition's), years up to `this_year`."""
    ranges = {}
    for code in codes:
        unit = catalogue.loc[code, "unit_en"] if code in catalogue.index else ""
        ranges[code] = plausible_range(unit)
    for code, d in defined.items():
        ranges.setdefault(code, plausible_range(d.unit_en))
    return lc.Scope(frozenset(units), ranges, this_year)


# --- texts ------------------------------------------------------------------------------------


def value_text(value: float | None, lang: str) -> str:
    """A contributed value as people typed it: up to two decimals, no trailing zeros
    ('12,5' in Latvian, '12.5' in English); '' where there is none."""
    if value is None or pd.isna(value):
        return ""
    text = format_number(value, 2, lang)
    mark = "." if lang == "en" else ","
    return text.rstrip("0").rstrip(mark) if mark in text else text


def change_text(old: float | None, new: float | None, lang: str) -> str:
    """'12 → 14', or only the new value where there was none."""
    if old is None or pd.isna(old):
        return value_text(new, lang)
    return f"{value_text(old, lang)} → {value_text(new, lang)}"


def decision_text(decided: Any, lang: str) -> str:
    """The last decision on a municipality's submission in words (a record with status,
    decided_by, decided_at, reason); '' unless it was approved or rejected. What people
    typed is escaped for Markdown."""
    if decided is None or decided.status not in ("approved", "rejected"):
        return ""
    when = f"{pd.Timestamp(decided.decided_at):%Y-%m-%d}" if decided.decided_at else ""
    return t(
        f"contrib.last_{decided.status}",
        lang,
        who=usertext.escape(decided.decided_by),
        when=when,
        reason=usertext.escape(decided.reason) or "—",
    )


def counts_text(shown: pd.DataFrame, lang: str) -> str:
    """'3 jaunas, 1 mainīta, 10 bez izmaiņām' of a preview (lc.preview)."""
    counts = shown["kind"].value_counts() if "kind" in shown else pd.Series(dtype=int)
    return t(
        "contrib.counts",
        lang,
        new=int(counts.get(lc.NEW, 0)),
        changed=int(counts.get(lc.CHANGED, 0)),
        same=int(counts.get(lc.UNCHANGED, 0)),
    )


# --- tables -----------------------------------------------------------------------------------


def preview_table(sent: pd.DataFrame, labels: Mapping[str, str], lang: str) -> pd.DataFrame:
    """What a submission would store (lc.submitted of a preview): indicator, year, kind, the
    change, a warning where the value lies far outside the usual range, the note."""
    return pd.DataFrame(
        {
            t("contrib.col_indicator", lang): [labels.get(c, c) for c in sent["indicator"]],
            t("contrib.col_year", lang): sent["year"].astype(int),
            t("contrib.col_kind", lang): [t(f"contrib.kind.{k}", lang) for k in sent["kind"]],
            t("contrib.col_change", lang): [
                change_text(o, n, lang) for o, n in zip(sent["old"], sent["value"], strict=True)
            ],
            t("contrib.col_warning", lang): [
                t("contrib.far", lang, low=value_text(lo, lang), high=value_text(hi, lang))
                if far
                else ""
                for far, lo, hi in zip(sent["far"], sent["low"], sent["high"], strict=True)
            ],
            t("contrib.col_note", lang): sent["note"],
        }
    )


def staged_rows(
    sent: pd.DataFrame, notes: Iterable[object]
) -> list[tuple[str, int, float, float | None, str, str]]:
    """The values to stage, with the notes as edited: (indicator, year, value, old value,
    note, warning); the warning is stored in English."""
    return [
        (
            r.indicator,
            int(r.year),
            float(r.value),
            None if r.old is None or pd.isna(r.old) else float(r.old),
            str(note or ""),
            t("contrib.far", "en", low=r.low, high=r.high) if r.far else "",
        )
        for r, note in zip(sent.itertuples(index=False), notes, strict=True)
    ]


def values_frame(values: Sequence[Any], labels: Mapping[str, str], lang: str) -> pd.DataFrame:
    """A submission's values (records with indicator, year, value, old_value, warning,
    note): indicator, year, the change, warning, note."""
    return pd.DataFrame(
        {
            t("contrib.col_indicator", lang): [
                labels.get(v.indicator, v.indicator) for v in values
            ],
            t("contrib.col_year", lang): [v.year for v in values],
            t("contrib.col_change", lang): [
                change_text(v.old_value, v.value, lang) for v in values
            ],
            t("contrib.col_warning", lang): [v.warning for v in values],
            t("contrib.col_note", lang): [v.note for v in values],
        }
    )


def in_force(versions: Sequence[Any]) -> set[int]:
    """The ids of the versions in force: the first listed (the newest) of each indicator and
    year (records with id, indicator, year, newest first)."""
    newest: dict[tuple[str, int], int] = {}
    for v in versions:
        newest.setdefault((v.indicator, v.year), v.id)
    return set(newest.values())


def older_versions(versions: Sequence[Any]) -> list[int]:
    """The ids of the versions one may go back to: those not in force, in the given order."""
    current = in_force(versions)
    return [v.id for v in versions if v.id not in current]


def versions_frame(versions: Sequence[Any], lang: str) -> pd.DataFrame:
    """A municipality's contributed values, every version (records with id, indicator, year,
    value, approved_by, approved_at, note; newest first): which is in force."""
    current = in_force(versions)
    return pd.DataFrame(
        {
            "#": [v.id for v in versions],
            t("contrib.col_indicator", lang): [v.indicator for v in versions],
            t("contrib.col_year", lang): [v.year for v in versions],
            t("value", lang): [value_text(v.value, lang) for v in versions],
            t("contrib.col_in_force", lang): ["✓" if v.id in current else "" for v in versions],
            t("contrib.col_approved", lang): [
                f"{v.approved_by} {pd.Timestamp(v.approved_at):%Y-%m-%d}"
                if v.approved_at
                else v.approved_by
                for v in versions
            ],
            t("contrib.col_note", lang): [v.note for v in versions],
        }
    )


def reviewable(items: Iterable[Any], is_admin: bool) -> list[Any]:
    """The staged submissions one may decide: all for an administrator, those sent for a
    network for its coordinator (records with network_id)."""
    return [c for c in items if is_admin or c.network_id is not None]
