"""What the profile page shows, as text (pages/profile.py, via benchlearn.screens.profile):
the key facts, the table of positions and the gaps table with formatted values and their
marks, the list of sources, the largest gaps and what their cards say. Pure: names come
in as callables (the interface layer's naming), the catalogue and sources as frames."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import numpy as np
import pandas as pd

from benchlearn.formatting import format_number, format_rank, format_value
from benchlearn.i18n import has_text, t
from benchlearn.logic import flags, gaps, usertext
from benchlearn.logic import profile as logic
from benchlearn.logic.scores import BAND_COLOURS, band_label

Name = Callable[[str], str]  # a code (indicator, region, unit) -> its name in the language

VERDICT_COLOURS = {"better": BAND_COLOURS["best"], "worse": BAND_COLOURS["worst"]}
WORST_SHOWN = 4  # gaps with "who does it better" beside them


def key_facts(
    obs: pd.DataFrame, row: Mapping, region_name: Name, indicator_name: Name, lang: str
) -> list[dict]:
    """The five cards: label, value and help text for st.metric. `row` is the unit's row of
    the units table; `region_name` names its NUTS 3 code (as a group), `indicator_name` the
    population's indicator."""
    nuts = row["nuts3_code"] if pd.notna(row["nuts3_code"]) else None
    region = region_name(nuts) if nuts else "–"
    short = t(f"profile.region.{nuts}", lang) if has_text(f"profile.region.{nuts}") else region
    parishes = "–" if pd.isna(row["parishes"]) else f"{int(row['parishes'])} / {int(row['towns'])}"
    cards = [
        {"label": t("profile.kind", lang), "value": t(f"kind.{row['kind']}", lang).capitalize()},
        {"label": t("profile.region", lang), "value": short, "help": region},
        {"label": t("profile.area", lang), "value": format_value(row["area_km2"], "km²", 0, lang)},
        {"label": t("profile.parishes_towns", lang), "value": parishes},
    ]
    population = logic.population_fact(obs, row["unit_id"])
    if population is None:
        return [*cards, {"label": t("profile.population", lang), "value": t("no_data", lang)}]
    source = population["source_title"]
    status = flags.status_with_parts(population.get("flags"), population.get("parts"), lang)
    if flags.tokens(population.get("flags")):
        source = f"{source} – {status}"
    return [
        *cards,
        {
            "label": t("profile.population_year", lang, year=int(population["year"])),
            "value": flags.marked(format_number(population["value"], 0, lang), population["flags"]),
            "help": f"{indicator_name(population['indicator'])}. {source}",
        },
    ]


def value_columns(
    table: pd.DataFrame, catalogue: pd.DataFrame, indicator_name: Name, measure: Name, lang: str
) -> tuple[dict, list[str], np.ndarray]:
    """The columns both profile tables start with (indicator, year, the unit's value with its
    mark), and each row's unit of measure (`measure` names it) and decimals for the columns
    after them."""
    decimals = catalogue.loc[table["indicator"], "decimals"].astype(int).to_numpy()
    units = [measure(c) for c in table["indicator"]]
    columns = {
        t("sel.indicator", lang): [indicator_name(c) for c in table["indicator"]],
        t("sel.year", lang): table["year"].astype(str).to_numpy(),
        t("value", lang): [
            flags.marked(format_value(v, u, d, lang), f)
            for v, u, d, f in zip(table["value"], units, decimals, table["flags"], strict=True)
        ],
    }
    return columns, units, decimals


def display_table(
    table: pd.DataFrame, catalogue: pd.DataFrame, indicator_name: Name, measure: Name, lang: str
) -> pd.DataFrame:
    """The profile table as text for reading (Latvian number formats), values with their
    marks (Σ ≈ ?, benchlearn.logic.flags)."""
    columns, units, decimals = value_columns(table, catalogue, indicator_name, measure, lang)
    return pd.DataFrame(
        {
            **columns,
            t("profile.latvia_value", lang): [
                flags.marked(format_value(v, u, d, lang), f)
                for v, u, d, f in zip(
                    table["latvia"], units, decimals, table["latvia_flags"], strict=True
                )
            ],
            t("profile.col_rank", lang): [
                format_rank(None if pd.isna(r) else int(r), int(n), lang)
                for r, n in zip(table["rank"], table["n"], strict=True)
            ],
            t("profile.col_percentile", lang): table["percentile"].round(0).to_numpy(),
            t("profile.col_band", lang): [
                band_label(b, lang) if d != "neutral" else ""
                for b, d in zip(table["band"], table["direction"], strict=True)
            ],
        }
    )


def band_colours(table: pd.DataFrame) -> list[str | None]:
    """Each row's band colour for the table's swatches (none for a neutral indicator)."""
    return [
        BAND_COLOURS[b] if d != "neutral" else None
        for b, d in zip(table["band"], table["direction"], strict=True)
    ]


def verdict_colours(gap: pd.DataFrame) -> list[str | None]:
    """Each gap's colour: better, worse, or none (about the same, too few to say)."""
    return [VERDICT_COLOURS.get(v) for v in gap["verdict"]]


def gap_columns(
    table: pd.DataFrame, gap: pd.DataFrame, units: list[str], decimals, basis: str, lang: str
) -> dict[str, list]:
    """The expected value (median and middle half of the reference units), the gap in the
    unit and in words, and, against similar municipalities, the percentile among them (against
    a group it is the group percentile already shown)."""
    rows = gap.to_dict("records")
    out = {
        t(f"gap.col_expected.{basis}", lang): [
            gaps.expected_cell(r, d, lang) for r, d in zip(rows, decimals, strict=True)
        ],
        t("gap.col_gap", lang): [
            gaps.gap_cell(r, u, d, lang) for r, u, d in zip(rows, units, decimals, strict=True)
        ],
        t(f"gap.col_words.{basis}", lang): [
            gaps.gap_words(r, u, d, "short", lang)
            for r, u, d in zip(rows, units, decimals, strict=True)
        ],
    }
    if basis == "peers":
        out[t("gap.col_percentile", lang)] = gap["percentile"].round(0).to_numpy()
    return out


def gap_display(
    table: pd.DataFrame,
    gap: pd.DataFrame,
    catalogue: pd.DataFrame,
    indicator_name: Name,
    measure: Name,
    basis: str,
    lang: str,
) -> pd.DataFrame:
    """The gaps table as text: indicator, year, the unit's value (with its mark), then the
    expected value and the gap in numbers and words."""
    columns, units, decimals = value_columns(table, catalogue, indicator_name, measure, lang)
    return pd.DataFrame({**columns, **gap_columns(table, gap, units, decimals, basis, lang)})


def sources_lines(used: pd.DataFrame, sources: pd.DataFrame, lang: str) -> str:
    """A markdown list of the sources behind the unit's and Latvia's values: `used` from
    logic.profile.sources_used, `sources` the sources table (publisher, table code)."""
    files = sources.set_index("source_id")
    lines = []
    for row in used.itertuples():
        code = files["table_code"].get(row.source_id, "") if row.source_id in files.index else ""
        publisher = (
            files["publisher"].get(row.source_id, "") if row.source_id in files.index else ""
        )
        where = " ".join(p for p in [publisher, code] if p)
        link = f"[{t('profile.link', lang)}]({row.source_url})" if row.source_url else ""
        date = (
            f"{t('retrieved', lang)} {row.retrieved}"
            if row.retrieved
            else t("profile.no_date", lang)
        )
        parts = [p for p in [where, link, date] if p]
        lines.append(f"- {row.source_title} — " + " · ".join(parts))
    return "\n".join(lines)


def worst_gaps(table: pd.DataFrame, gap: pd.DataFrame, limit: int = WORST_SHOWN) -> pd.DataFrame:
    """The indicators on which the unit is furthest behind its reference (worse, lowest
    percentile among them, then largest relative gap), for "who does it better"."""
    rows = pd.concat([table[["indicator", "year", "value"]], gap.drop(columns="indicator")], axis=1)
    behind = rows[(rows["verdict"] == "worse") & rows["best"].notna()]
    return (
        behind.assign(size=-behind["relative"].abs())
        .sort_values(["percentile", "size"], kind="stable")
        .head(limit)
        .drop(columns="size")
    )


def gap_head(
    row: Mapping,
    catalogue: pd.DataFrame,
    indicator_name: Name,
    measure: Name,
    unit_name: Name,
    basis: str,
    lang: str,
) -> list[str]:
    """The top of one gap's card (a row of worst_gaps), as markdown: the indicator and year,
    the gap in words, and the best-placed reference unit (`unit_name` names it) with its
    value in the indicator's unit of measure (`measure`)."""
    code = row["indicator"]
    unit_text, decimals = measure(code), int(catalogue.loc[code, "decimals"])
    best_value = format_value(row["best_value"], unit_text, decimals, lang)
    return [
        f"**{indicator_name(code)}** ({row['year']})",
        gaps.gap_words(row, unit_text, decimals, basis, lang).capitalize() + ".",
        t("lead.best", lang, name=unit_name(row["best"]), value=best_value),
    ]


def related_units(successors: Mapping[str, Iterable[str]], unit: str) -> set[str]:
    """Units that share territory with `unit` across the 2021/2025 boundaries (the two
    Madonas), so network membership recorded on either counts."""
    return set(successors.get(unit, set()))


def network_line(network, lang: str) -> str:
    """A network for a markdown list: its name and, where recorded, its coordinator."""
    line = f"- {usertext.inline(network.name(lang))}"
    if network.coordinator:
        line += f" — {t('lead.coordinator', lang, name=usertext.inline(network.coordinator))}"
    return line


def lead_lines(
    lead: Mapping, practice_line: Callable[[object, str], str], unit_name: Name, lang: str
) -> str:
    """Markdown beside one gap (a lead of logic.gaps.leads): the best-placed unit's good
    practices, others', or that there are none; then the networks working on it.
    `practice_line(practice, place)` writes one practice as a list item."""
    lines = []
    if lead["best_practices"]:
        lines.append(f"{t('lead.practices', lang)}:")
        lines += [practice_line(p, "") for p in lead["best_practices"]]
    if lead["other_practices"]:
        lines.append(f"{t('lead.others', lang)}:")
        lines += [
            practice_line(p, unit_name(p.unit_id) if p.unit_id else "")
            for p in lead["other_practices"]
        ]
    if not lines:
        lines.append(t("lead.no_practices", lang))
    if lead["networks"]:
        lines.append(f"\n{t('lead.networks', lang)}:")
        lines += [network_line(n, lang) for n in lead["networks"]]
    return "\n".join(lines)
