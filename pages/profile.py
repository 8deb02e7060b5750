"""Municipality profile: key facts, every indicator placed within the comparison group,
strongest and weakest positions, small trend charts and the sources behind it all."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from benchlearn import actions_panel, cache, paper, views
from benchlearn.charts import profile as profile_charts
from benchlearn.charts import tables
from benchlearn.charts import trends as trend_charts
from benchlearn.formatting import format_number, format_rank, format_value
from benchlearn.i18n import has_text, t
from benchlearn.logic import flags, gaps, series, similar, usertext
from benchlearn.logic import profile as logic
from benchlearn.logic.peers import DEFAULT_PEER_INDICATORS
from benchlearn.logic.scores import BAND_COLOURS, band_label
from benchlearn.screens import profile as profile_screen
from benchlearn.ui import download_buttons, grouping, inputs, naming, refdata, specs, viewstate
from benchlearn.userdata import widgets as userdata

TREND_COLUMNS = 2  # two 300 px charts fit the open section at 1280 px; three did not
TABLE_MAX_PX = 740  # then the table scrolls under its header
TRENDS_KEY = "profile_trends"  # the section, bound to the view's `tendences` (?tendences=1)


def unit_row(ref: refdata.Reference, unit: str, version: str) -> pd.Series:
    rows = refdata.units_of(ref, version)
    return rows[rows["unit_id"] == unit].iloc[0]


def key_facts(ref: refdata.Reference, obs: pd.DataFrame, row: pd.Series, lang: str) -> list[dict]:
    """The five cards: label, value and help text for st.metric."""
    nuts = row["nuts3_code"] if pd.notna(row["nuts3_code"]) else None
    region = naming.group_label(ref, f"nuts:{nuts}", lang) if nuts else "–"
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
            "help": f"{naming.indicator_label(ref, population['indicator'], lang)}. {source}",
        },
    ]


# Fixed columns cut labels and values at 1280 px ("Statistiskais re…", "3 594 …"): cards
# as wide as their text, in a row that wraps, then grow to share the row's spare width.
KEY_FACTS_CSS = "<style>.st-key-key_facts > div { flex: 1 1 auto; }</style>"


def show_key_facts(cards: list[dict]) -> None:
    st.html(KEY_FACTS_CSS)
    with st.container(horizontal=True, key="key_facts"):
        for card in cards:
            st.metric(
                card["label"], card["value"], help=card.get("help"), border=True, width="content"
            )


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


VERDICT_COLOURS = {"better": BAND_COLOURS["best"], "worse": BAND_COLOURS["worst"]}


def value_columns(
    ref: refdata.Reference, table: pd.DataFrame, lang: str
) -> tuple[dict, list[str], np.ndarray]:
    """The columns both profile tables start with (indicator, year, the unit's value with its
    mark), and each row's unit of measure and decimals for the columns after them."""
    decimals = ref.catalogue.loc[table["indicator"], "decimals"].astype(int).to_numpy()
    units = [naming.indicator_unit(ref, c, lang) for c in table["indicator"]]
    columns = {
        t("sel.indicator", lang): [
            naming.indicator_label(ref, c, lang) for c in table["indicator"]
        ],
        t("sel.year", lang): table["year"].astype(str).to_numpy(),
        t("value", lang): [
            flags.marked(format_value(v, u, d, lang), f)
            for v, u, d, f in zip(table["value"], units, decimals, table["flags"], strict=True)
        ],
    }
    return columns, units, decimals


def display_table(ref: refdata.Reference, table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The profile table as text for reading (Latvian number formats), values with their
    marks (Σ ≈ ?, benchlearn.logic.flags)."""
    columns, units, decimals = value_columns(ref, table, lang)
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


def gap_display(
    ref: refdata.Reference, table: pd.DataFrame, gap: pd.DataFrame, basis: str, lang: str
) -> pd.DataFrame:
    """The gaps table as text: indicator, year, the unit's value (with its mark), then the
    expected value and the gap in numbers and words."""
    columns, units, decimals = value_columns(ref, table, lang)
    return pd.DataFrame({**columns, **gap_columns(table, gap, units, decimals, basis, lang)})


def table_html(
    table: pd.DataFrame, themes: list[str], band_colours: list[str | None], lang: str
) -> str:
    """Every indicator with its value, Latvia's, the rank and a percentile bar, by theme: built
    once per view (profile_view), as its rows grow with the catalogue (2,000 at 100x)."""
    numbers = [t(k, lang) for k in ("value", "profile.latvia_value", "profile.col_rank")]
    percentile = t("profile.col_percentile", lang)
    return tables.html_table(
        table,
        label=t("profile.all", lang),
        numeric=numbers,
        bars={percentile: 100},
        notes={percentile: t("profile.percentile_help", lang)},
        swatches={t("profile.col_band", lang): band_colours},
        max_height=TABLE_MAX_PX,
        pinned=True,
        groups=themes,
    )


# The gaps table wraps its cells, so its seven columns fit the page at 1280 px without a
# sideways scroll (a council reads it on a projector); numbers keep their no-break spaces.
GAPS_CSS = (
    "<style>.bl-gaps .bl-table th, .bl-gaps .bl-table td { white-space: normal; }"
    ".bl-gaps .bl-table tbody th { min-width: 12rem; }"
    ".bl-gaps .bl-table td.num { white-space: nowrap; }</style>"
)


def gaps_html(
    table: pd.DataFrame,
    themes: list[str],
    verdict_colours: list[str | None],
    basis: str,
    lang: str,
) -> str:
    """Every indicator with the expected value (median and middle half of the reference
    units) and the gap in numbers and words, by theme; built once per view."""
    expected, gap = t(f"gap.col_expected.{basis}", lang), t("gap.col_gap", lang)
    bars = {t("gap.col_percentile", lang): 100} if basis == "peers" else {}
    body = tables.html_table(
        table,
        label=t(f"gap.table.{basis}", lang),
        numeric=[t("value", lang), expected, gap],
        bars=bars,
        notes={expected: t("gap.expected_help", lang), gap: t("gap.gap_help", lang)},
        swatches={t(f"gap.col_words.{basis}", lang): verdict_colours},
        max_height=TABLE_MAX_PX,
        pinned=True,
        groups=themes,
    )
    return f'{GAPS_CSS}<div class="bl-gaps">{body}</div>'


def trend_charts_for(ref: refdata.Reference, obs: pd.DataFrame, unit: str, lang: str) -> list:
    charts = []
    for code in logic.multi_year(obs, unit, ref.catalogue.index.tolist()):
        lines = series.trend_series(obs, code, [], unit, [])
        if series.off_scale(lines):
            lines = lines[lines["role"] != series.ROLE_LATVIA]
        labels = {unit: naming.unit_label(ref, unit, lang), series.LATVIA: t("latvia", lang)}
        u = naming.indicator_unit(ref, code, lang)
        frame = trend_charts.display_frame(
            lines,
            labels,
            u,
            int(ref.catalogue.loc[code, "decimals"]),
            lang,
            derived=naming.source_caption(ref, code, lang, refdata.sources()),
            tables=trend_charts.source_labels(refdata.sources()),
        )
        charts.append(
            profile_charts.small_trend(frame, naming.indicator_label(ref, code, lang), u, lang)
        )
    return charts


def sources_lines(obs: pd.DataFrame, unit: str, table: pd.DataFrame, lang: str) -> str:
    """A markdown list of the sources behind the unit's and Latvia's values."""
    used = logic.sources_used(obs, [unit, series.LATVIA], table["indicator"].tolist())
    files = refdata.sources().set_index("source_id")
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


def related_units(unit: str) -> set[str]:
    """Units that share territory with `unit` across the 2021/2025 boundaries (the two
    Madonas), so network membership recorded on either counts."""
    return set(refdata.successors().get(unit, set()))


def similar_peers(unit: str, version: str) -> tuple[str, ...]:
    """The similar municipalities the peers page shows for `unit` by default; for
    cache.computed."""
    ref = refdata.reference()
    codes = list(DEFAULT_PEER_INDICATORS)
    obs = views.indicator_observations(version, tuple(codes))
    unit_ids = refdata.units_of(ref, version)["unit_id"].tolist()
    years = similar.year_options(codes, ref.years, ref.catalogue)
    return tuple(gaps.default_peers(obs, ref.catalogue, unit_ids, years, unit))


def worst_gaps(table: pd.DataFrame, gap: pd.DataFrame, limit: int = 4) -> pd.DataFrame:
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


def profile_view(
    unit: str,
    version: str,
    members: tuple[str, ...],
    basis: str,
    reference: tuple[str, ...],
    lang: str,
) -> dict:
    """Everything the page shows about `unit` within `members`, its gaps to `reference`
    (basis: "peers" or "group"), computed once per view and cached across sessions (the
    network section and the practices beside the gaps are live and drawn separately)."""
    ref = refdata.reference()
    row = unit_row(ref, unit, version)
    obs = views.profile_observations(version, unit)  # the unit's rows, not every value
    view = {
        "ids": f"{t('profile.atvk', lang)} {row['atvk']} · "
        f"{t('profile.iso', lang)} {row['iso_3166_2']}",
        "cards": key_facts(ref, obs, row, lang),
    }
    table = logic.profile_table(obs, unit, list(members), ref.catalogue)
    if table.empty:
        return {**view, "table": None}
    gap = gaps.gap_table(obs, table, reference, ref.catalogue)
    themes = ref.catalogue.loc[table["indicator"], f"theme_{lang}"].tolist()
    return {
        **view,
        "gaps": gap,
        "behind": worst_gaps(table, gap),
        # as the profile's slide and the deck's PDF show them
        "positions": profile_screen.positions(ref, table, lang),
        "table": table_html(
            display_table(ref, table, lang),
            themes,
            [
                BAND_COLOURS[b] if d != "neutral" else None
                for b, d in zip(table["band"], table["direction"], strict=True)
            ],
            lang,
        ),
        "gaps_table": gaps_html(
            gap_display(ref, table, gap, basis, lang),
            themes,
            [VERDICT_COLOURS.get(v) for v in gap["verdict"]],
            basis,
            lang,
        ),
        "marks": flags.legend([*table["flags"], *table["latvia_flags"]], lang),
        "n_trends": len(logic.multi_year(obs, unit, ref.catalogue.index.tolist())),
        "sources": sources_lines(obs, unit, table, lang),
    }


def trends_spec(unit: str, version: str, lang: str) -> dict:
    """The small trend charts of `unit`, built only once their section is opened: at 100x
    the data (make bench) building them on every view was most of the profile's run."""
    ref = refdata.reference()
    obs = views.profile_observations(version, unit)
    charts = trend_charts_for(ref, obs, unit, lang)
    return specs.chart_spec(profile_charts.small_multiples(charts, lang, TREND_COLUMNS))


def show_trends(view: dict, unit: str, version: str, name: str, lang: str) -> None:
    """The small trend charts in a section that draws them only once opened: drawn at once,
    Vega made the page finish ~0.1x of an empty page later (A/B runs), and they sit below the
    table. Whether it is open travels in the link."""
    if not view["n_trends"]:
        st.subheader(t("profile.trends", lang))
        st.caption(t("profile.no_trends", lang))
        return
    section = st.expander(
        t("profile.trends_open", lang, n=view["n_trends"]),
        **viewstate.bound("tendences", TRENDS_KEY),  # its change reruns the page
        icon=":material/show_chart:",
    )
    if not section.open:
        return
    with section:
        st.vega_lite_chart(cache.computed(trends_spec, unit, version, lang), width="content")
        st.caption(t("profile.trends_note", lang, name=name))


def network_line(network, lang: str) -> str:
    """A network for a markdown list: its name and, where recorded, its coordinator."""
    line = f"- {usertext.inline(network.name(lang))}"
    if network.coordinator:
        line += f" — {t('lead.coordinator', lang, name=usertext.inline(network.coordinator))}"
    return line


def show_leads(ref: refdata.Reference, view: dict, unit: str, basis: str, reference, lang: str):
    """Beside the largest gaps: the best-placed reference unit, its good practices on the
    indicator and the networks that work on it (the user-data store is read live; without
    it the gaps still show and the page says what is missing)."""
    st.subheader(t("lead.title", lang))
    behind = view["behind"]
    if behind.empty:
        st.caption(t("lead.none", lang))
        return
    st.caption(t(f"lead.intro.{basis}", lang, name=naming.unit_label(ref, unit, lang)))
    found = userdata.library()
    if found is None:
        st.caption(t("lead.unavailable", lang))
    practices, networks = found or ([], [])
    leads = gaps.leads(behind, reference, practices, networks, refdata.successors())
    nets = {n.id: n for n in networks}
    name = lambda u: naming.unit_label(ref, u, lang)  # noqa: E731
    columns = st.columns(2)
    for i, row in enumerate(behind.to_dict("records")):
        code, lead = row["indicator"], leads[row["indicator"]]
        unit_text = naming.indicator_unit(ref, code, lang)
        decimals = int(ref.catalogue.loc[code, "decimals"])
        with columns[i % 2].container(border=True):
            st.markdown(f"**{naming.indicator_label(ref, code, lang)}** ({row['year']})")
            st.markdown(gaps.gap_words(row, unit_text, decimals, basis, lang).capitalize() + ".")
            best_value = format_value(row["best_value"], unit_text, decimals, lang)
            st.markdown(t("lead.best", lang, name=name(row["best"]), value=best_value))
            if found is None:
                continue
            lines = []
            if lead["best_practices"]:
                lines.append(f"{t('lead.practices', lang)}:")
                lines += [userdata.practice_line(p, "", nets, lang) for p in lead["best_practices"]]
            if lead["other_practices"]:
                lines.append(f"{t('lead.others', lang)}:")
                lines += [
                    userdata.practice_line(p, name(p.unit_id) if p.unit_id else "", nets, lang)
                    for p in lead["other_practices"]
                ]
            if not lines:
                lines.append(t("lead.no_practices", lang))
            if lead["networks"]:
                lines.append(f"\n{t('lead.networks', lang)}:")
                lines += [network_line(n, lang) for n in lead["networks"]]
            st.markdown("\n".join(lines))
    if found is not None:
        st.page_link(
            "pages/practices.py",
            label=t("prac.open_library", lang),
            icon=":material/arrow_forward:",
        )


def paper_button(
    profile_inputs: paper.ProfileInputs,
    cards: list[dict],
    actions: list[actions_panel.ShownAction] | None,
) -> None:
    """The council paper (benchlearn.paper), built only when clicked."""
    lang = profile_inputs.lang
    name = naming.unit_label(refdata.reference(), profile_inputs.unit, lang)
    st.download_button(
        t("paper.download", lang),
        data=download_buttons.on_click(
            lambda: paper.profile_pdf(profile_inputs, cards, actions), lang
        ),
        file_name=f"{t('paper.file', lang)}_{name.replace(' ', '_')}_{lang}.pdf",
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        help=t("paper.download_help", lang),
        key="profile_paper",
        on_click="ignore",
    )


def render() -> None:
    ref = refdata.reference()
    state = viewstate.current_state()
    lang = state.lang
    st.title(t("profile.title", lang))
    inputs.contributed_switch(lang)
    if not state.my:
        inputs.ask_for_my_municipality(ref, lang, "profile.choose_hint", "my_profile_pick")
        return
    unit = state.my
    version = views.profile_version(ref, state, unit)
    group_name = naming.group_label(ref, state.grp, lang)
    members, fallback = profile_screen.members_of(ref, state, unit, version)
    say_fallback = fallback and (bool(grouping.group_of(ref, state, version)) or state.grp != "all")
    peers = cache.computed(similar_peers, unit, version)
    basis, reference = gaps.reference_units("all" if fallback else state.grp, members, peers, unit)
    view = cache.computed(
        profile_view, unit, version, tuple(members), basis, tuple(reference), lang
    )

    st.header(naming.unit_label(ref, unit, lang))
    st.caption(view["ids"])
    show_key_facts(view["cards"])
    if fallback:
        if say_fallback:
            st.caption(
                t(
                    "profile.group_fallback",
                    lang,
                    name=naming.unit_label(ref, unit, lang),
                    group=group_name,
                )
            )
        group_name = naming.group_label(ref, "all", lang)
    if view["table"] is None:
        st.warning(t("profile.no_values", lang))
        return

    plain_group = naming.group_label(ref, "all" if fallback else state.grp, lang, plain=True)
    actions = actions_panel.profile_actions(ref, unit, version, basis, tuple(reference), lang)
    profile_inputs = paper.ProfileInputs(
        unit, version, tuple(members), basis, tuple(reference), plain_group, lang
    )
    paper_button(profile_inputs, view["cards"], actions)
    profile_screen.draw_positions(view["positions"], lang)
    st.subheader(t("profile.all", lang))
    ranks, against = st.tabs([t("profile.tab_ranks", lang), t(f"gap.table.{basis}", lang)])
    with ranks:
        st.html(view["table"])
        if view["marks"]:
            st.caption(view["marks"])
        st.caption(t("profile.group_note", lang, group=group_name))
    with against:
        st.html(view["gaps_table"])
        if view["marks"]:
            st.caption(view["marks"])
        st.caption(paper.gap_note_text(ref, basis, reference, group_name, lang))

    show_leads(ref, view, unit, basis, reference, lang)
    actions_panel.profile_section(ref, unit, actions, lang)
    show_trends(view, unit, version, naming.unit_label(ref, unit, lang), lang)

    userdata.profile_section(
        unit, related_units(unit), lambda u: naming.unit_label(ref, u, lang), lang
    )
    st.subheader(t("profile.sources", lang))
    st.markdown(view["sources"])
    st.caption(t("profile.derived_note", lang))


render()
