"""The Data page's tables: the indicator catalogue (and its search), the sources, the
fetches from the statistics portal and the values they revised, the boundary versions and
the values each indicator lacks. Pure pandas: query results and catalogue rows in, labelled
tables out (coverage and harmonisation are in logic.coverage).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from benchlearn.formatting import format_date, format_datetime, format_number
from benchlearn.i18n import formula_text, t

RIGA = "Europe/Riga"
DEFAULT_DECIMALS = 2  # a revised value of an indicator the catalogue no longer has


def stamp_text(stamp: object, lang: str, with_time: bool = True) -> str:
    """A stored (UTC) stamp in Riga time: 21.11.2026. 07:30 (lv), 2026-11-21 07:30 (en);
    only the day without `with_time`; '–' where there is none."""
    if stamp is None or stamp == "" or (not isinstance(stamp, str) and pd.isna(stamp)):
        return "–"
    moment = pd.Timestamp(stamp)
    if pd.isna(moment):
        return "–"
    moment = moment.tz_convert(RIGA) if moment.tzinfo else moment
    return format_datetime(moment, lang) if with_time else format_date(moment, lang)


def _field(lang: str, name: str) -> str:
    return f"{name}_{'en' if lang == 'en' else 'lv'}"


def first_link(source_ids: Sequence[str], urls: Mapping[str, str]) -> str | None:
    """The address of the first of `source_ids` that has one (None if none does).
    `urls`: source_id -> address ('' for none)."""
    return next((urls[i] for i in source_ids if urls.get(i)), None)


def catalogue_frame(
    catalogue: pd.DataFrame,
    labels: Mapping[str, str],
    source_parts: Mapping[str, Sequence[str]],
    sources: pd.DataFrame,
    lang: str,
) -> pd.DataFrame:
    """The catalogue as the page lists it: theme, name, unit, direction, definition, kind,
    source (a derived indicator's formula in words), link, coverage, years, code.
    `labels`: code -> name; `source_parts`: code -> its sources in words."""
    quoted = {c: f"«{labels.get(c, c)}»" for c in catalogue.index}
    urls = dict(zip(sources["source_id"], sources["url"], strict=True))

    def source_of(code: str) -> str:
        row = catalogue.loc[code]
        if row["kind"] == "derived":
            return formula_text(row["formula"], quoted, lang)
        return "; ".join(source_parts.get(code, []))

    return pd.DataFrame(
        {
            t("data.theme", lang): catalogue[_field(lang, "theme")],
            t("data.name", lang): [labels.get(c, c) for c in catalogue.index],
            t("unit", lang): catalogue[_field(lang, "unit")],
            t("data.direction", lang): [t(f"direction.{d}", lang) for d in catalogue["direction"]],
            t("data.definition", lang): catalogue[_field(lang, "definition")],
            t("data.kind", lang): [t(f"data.kind.{k}", lang) for k in catalogue["kind"]],
            t("source", lang): [source_of(c) for c in catalogue.index],
            t("data.link", lang): [first_link(list(ids), urls) for ids in catalogue["source_ids"]],
            t("data.units", lang): [
                f"{m} {t('data.of43', lang)}" for m in catalogue["municipalities"]
            ],
            t("data.years", lang): catalogue["years"],
            t("data.code", lang): catalogue.index,
        }
    )


def search(table: pd.DataFrame, text: str) -> pd.DataFrame:
    """The rows with `text` anywhere in them, case folded; every row for an empty text."""
    needle = text.strip().casefold()
    if not needle or table.empty:
        return table
    mask = table.apply(lambda r: needle in " ".join(map(str, r.values)).casefold(), axis=1)
    return table[mask]


def sources_frame(sources: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The source files: publisher, table, title, link, retrieved, file, size and what each
    gave (values loaded, not available, ignored, corroborated)."""
    return pd.DataFrame(
        {
            t("data.publisher", lang): sources["publisher"],
            t("data.table", lang): sources["table_code"],
            t("data.title_col", lang): sources["title"],
            t("data.link", lang): sources["url"].replace("", None),
            t("data.retrieved", lang): sources["retrieved"].replace("", "–"),
            t("data.file", lang): sources["path"],
            t("data.bytes", lang): [format_number(b, 0, lang) for b in sources["bytes"]],
            t("data.values", lang): sources["values_loaded"],
            t("data.not_available", lang): sources["not_available"],
            t("data.ignored", lang): sources["ignored"],
            t("data.same", lang): sources["corroborated"],
        }
    )


def fetch_frame(fetched: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Each table fetched from the portal: when, its own update, values fetched, changed
    (with removed), added, revisions, conflicts, whether its mapping is verified."""
    return pd.DataFrame(
        {
            t("data.table", lang): fetched["table_code"],
            t("data.fetched_at", lang): [stamp_text(s, lang) for s in fetched["retrieved"]],
            t("data.table_updated", lang): [
                stamp_text(s, lang, with_time=False) for s in fetched["updated"]
            ],
            t("data.values", lang): fetched["values_fetched"],
            t("data.changed", lang): fetched["changed"] + fetched["removed"],
            t("data.added", lang): fetched["added"],
            t("data.revisions_total", lang): fetched["revisions"],
            t("data.conflicts", lang): fetched["conflicts"],
            t("data.mapping", lang): [
                t(f"data.mapping.{str(v).lower()}", lang) for v in fetched["verified"]
            ],
            t("data.title_col", lang): fetched["title"],
            t("data.link", lang): fetched["url"],
        }
    )


def revisions_frame(revisions: pd.DataFrame, catalogue: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The values a fetch revised: when, table, unit, indicator, year, old and new value (at
    the catalogue's decimals; DEFAULT_DECIMALS for an indicator it does not hold)."""
    decimals = [
        int(catalogue.loc[c, "decimals"]) if c in catalogue.index else DEFAULT_DECIMALS
        for c in revisions["indicator"]
    ]

    def numbers(column: str) -> list[str]:
        pairs = zip(revisions[column], decimals, strict=True)
        return [format_number(v, d, lang) for v, d in pairs]

    return pd.DataFrame(
        {
            t("data.fetch_time", lang): [stamp_text(s, lang) for s in revisions["retrieved"]],
            t("data.table", lang): revisions["table_code"],
            t("municipality", lang): revisions[_field(lang, "unit")],
            t("sel.indicator", lang): revisions[_field(lang, "indicator")],
            t("sel.year", lang): revisions["year"],
            t("data.old", lang): numbers("old_value"),
            t("data.new", lang): numbers("new_value"),
        }
    )


def versions_frame(versions: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The boundary versions: name and number of units."""
    return pd.DataFrame(
        {
            t("data.name", lang): versions[_field(lang, "label")],
            t("data.count", lang): versions["unit_count"],
        }
    )


def missing_frame(
    missing: pd.DataFrame, order: Sequence[str], labels: Mapping[str, str], lang: str
) -> pd.DataFrame:
    """Per indicator of the catalogue (`order`; rows of others are dropped): its name, how
    many units lack a value and which. `missing`: indicator, name_lv, name_en."""
    rows = missing[missing["indicator"].isin(list(order))]
    grouped = rows.groupby("indicator", sort=False)[_field(lang, "name")]
    return pd.DataFrame(
        {
            t("data.name", lang): [labels.get(c, c) for c in grouped.groups],
            t("data.units", lang): [len(v) for _, v in grouped],
            t("municipality", lang): [", ".join(v) for _, v in grouped],
        }
    )


def table_height(rows: int, most: int = 420) -> int:
    """A table's height that fits `rows` rows (and its header), at most `most` pixels."""
    return min(most, 38 + 35 * rows)
