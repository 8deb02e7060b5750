"""What a page derives from the warehouse for one view, shared by the pages that show it
(the trends and profile pages and their slides). Builders are pure: pass them to
cache.computed."""

from __future__ import annotations

import pandas as pd

from benchlearn import cache
from benchlearn.charts import trends as charts
from benchlearn.formatting import format_value
from benchlearn.i18n import t
from benchlearn.logic import benchmark as bm
from benchlearn.logic import explore as explore_logic
from benchlearn.logic import flags as flags_logic
from benchlearn.logic import series as series_logic
from benchlearn.logic import usertext
from benchlearn.state import ViewState
from benchlearn.ui import naming, refdata, specs

LOCAL_VERSIONS = ("lg2021", "lg2025")
MAX_DEFAULT = 12  # lines drawn when no municipality is chosen


def profile_version(ref: refdata.Reference, state: ViewState, unit: str) -> str:
    """The selection's version if it holds the unit, else the local version that does."""
    version = refdata.municipal_version(ref, state)
    held = set(ref.units.loc[ref.units["unit_id"] == unit, "version"])
    if version in held:
        return version
    return next((v for v in LOCAL_VERSIONS if v in held), version)


def observations(version: str, codes: tuple[str, ...]) -> pd.DataFrame:
    """The values of the indicators `codes` in both local-government versions, so every
    chosen unit has its full history."""
    frames = [indicator_observations(v, codes) for v in dict.fromkeys([version, *LOCAL_VERSIONS])]
    return pd.concat(frames, ignore_index=True).drop_duplicates(["unit_id", "indicator", "year"])


# Loaders that read only what one view shows (queries/observations_of_indicators.sql,
# shown_values.sql, profile_observations.sql); no page reads every value of a version
# (queries/observations_in_version.sql, kept as the reference the loaders are tested
# against). The scale bench (make bench) measured why: at 100x (about 30 M values) that
# frame has 2.6 M rows and ~0.6 GB in pandas, and a page that loaded it per run paid for
# it on every rerun.


def indicator_observations(version: str, codes: tuple[str, ...]) -> pd.DataFrame:
    """observations_in_version restricted to the indicators `codes` (peer finder, indices,
    a comparison table's columns, one trend line, the explorer's small multiples)."""
    return cache.query("observations_of_indicators", version=version, indicators=sorted(set(codes)))


def shown_values(version: str, year: int | None) -> tuple[int | None, pd.DataFrame]:
    """The year asked (`year`, or the latest year of the version's values when None, as the
    comparison and explorer pages default) and each indicator's rows in the year shown for
    it: what benchmark.value_years, coverage and explore.wide_values/wide_details read,
    with the same results as on all values of the version."""
    frame = cache.query("shown_values", version=version, year=year)
    asked = None if frame.empty else int(frame["asked_year"].iloc[0])
    return (year or asked), frame.drop(columns="asked_year")


def shown_tables(version: str, year: int | None, unit_ids: tuple[str, ...]) -> dict:
    """For cache.computed: the year asked, each indicator's year shown (value_years) and
    the wide tables of values, flags and parts of `unit_ids` and Latvia in those years
    (explore.wide_values/wide_details), from shown_values. The explorer derives them on
    every run: at 100x that was ~1 s of each warm rerun."""
    ref = refdata.reference()
    year, frame = shown_values(version, year)
    ids = list(unit_ids)
    years = bm.value_years(frame, ref.catalogue, ids, year) if year else {}
    rows = [*ids, series_logic.LATVIA]
    return {
        "year": year,
        "years": years,
        "values": explore_logic.wide_values(frame, rows, years),
        "flags": explore_logic.wide_details(frame, rows, years, "flags"),
        "parts": explore_logic.wide_details(frame, rows, years, "parts"),
    }


def profile_observations(version: str, unit: str) -> pd.DataFrame:
    """What logic.profile (profile_table, population_fact, multi_year, sources_used) and the
    profile's trend charts read for `unit`: its and Latvia's values in every year, the other
    units' in its latest year of each indicator (any year for timeless ones)."""
    return cache.query("profile_observations", version=version, unit=unit)


def comparison_setup(version: str, year: int | None) -> dict:
    """The comparison table's (page and slide) units, the year shown, each indicator's value
    year in one boundary version and the themes with data; for cache.computed."""
    ref = refdata.reference()
    unit_ids = refdata.units_of(ref, version)["unit_id"].tolist()
    year, observations = shown_values(version, year)  # one year per indicator
    years = bm.value_years(observations, ref.catalogue, unit_ids, year) if year else {}
    return {
        "unit_ids": unit_ids,
        "year": year,
        "years": years,
        "themes": bm.themes_with_data(ref.catalogue, years),
    }


def comparison_defaults(
    version: str, years: tuple, options: tuple[str, ...], units: int, first: str
) -> list[str]:
    """The indicators a comparison theme opens with (best covered first), on the page and
    its slide; for cache.computed."""
    ref = refdata.reference()
    observations = indicator_observations(version, options)
    unit_ids = refdata.units_of(ref, version)["unit_id"].tolist()
    counts = bm.coverage(observations, unit_ids, dict(years))
    return bm.default_indicators(ref.catalogue, list(options), counts, units, first=first)


def latvia_note(series: pd.DataFrame, unit: str, decimals: int, lang: str) -> str:
    """Why Latvia's line is missing, if it is."""
    if series_logic.ROLE_LATVIA not in set(series["role"]):
        return t("trends.no_latvia", lang)
    if not series_logic.off_scale(series):
        return ""
    latest = series[(series["role"] == series_logic.ROLE_LATVIA) & series["value"].notna()].iloc[-1]
    return t(
        "trends.latvia_off_scale",
        lang,
        year=int(latest["year"]),
        value=format_value(latest["value"], unit, decimals, lang),
    )


def trend_view(
    code: str,
    version: str,
    compared: tuple[str, ...],
    my: str | None,
    members: tuple[str, ...],
    group_name: str,
    lang: str,
    height: int = 420,
    aliases: tuple[tuple[str, str], ...] = (),
    actions: tuple[tuple[str, int, str, str], ...] = (),
) -> dict:
    """Everything the trends page (and its slide) shows for one view, for
    cache.computed: the units drawn, the chart spec, its notes and the table of values.
    With neither my nor compared municipalities, the best-covered members are drawn.
    `aliases` (unit id, shown name) replace names: an anonymised slide's letters.
    `group_name` is plain text (naming.group_label(..., plain=True)): the chart and the table
    show it as it is, the notes (markdown) escaped. `actions` (unit id, start year, title,
    start date) of this indicator: a rule at each start on a drawn unit's line."""
    ref = refdata.reference()
    unit, decimals = (
        naming.indicator_unit(ref, code, lang),
        int(ref.catalogue.loc[code, "decimals"]),
    )
    obs = observations(version, (code,))
    units = [u for u in compared if u != my]
    defaulted = not my and not units
    if defaulted:
        pool = list(members) or refdata.units_of(ref, version)["unit_id"].tolist()
        units = series_logic.most_covered(obs, code, pool, MAX_DEFAULT)
    series = series_logic.trend_series(obs, code, units, my, list(members))
    chosen = [u for u in [my, *units] if u]
    empty = [u for u in chosen if series.loc[series["series"] == u, "value"].isna().all()]
    view = {"units": units, "defaulted": defaulted}
    if series["value"].notna().sum() == 0 or len(empty) == len(chosen):
        return {**view, "nothing": True}

    shown = dict(aliases)
    labels = {u: shown.get(u) or naming.unit_label(ref, u, lang) for u in chosen}
    labels[series_logic.LATVIA] = t("latvia", lang)
    labels[series_logic.MEAN] = f"{t('trends.group_mean', lang)} ({group_name})"
    frame = charts.display_frame(
        series[~series["series"].isin(empty)],
        labels,
        unit,
        decimals,
        lang,
        derived=naming.source_caption(ref, code, lang, refdata.sources()),
        tables=charts.source_labels(refdata.sources()),
    )
    plotted = (
        frame[frame["role"] != series_logic.ROLE_LATVIA]
        if series_logic.off_scale(series)
        else frame
    )
    year = series_logic.single_year(series)
    if year is not None:
        chart = charts.bar_chart(plotted, unit, lang)
        chart_note = t("trends.one_year", lang, year=year)
    else:
        marks = charts.action_marks(actions_on(actions, labels), plotted)
        chart = charts.line_chart(plotted, unit, lang, height=height, marks=marks)
        chart_note = f"{t('trends.gaps', lang)} {t('trends.dashed', lang)}"

    notes = [
        t("trends.group_note", lang, group=usertext.escape(group_name)),  # plain in, markdown out
        latvia_note(series, unit, decimals, lang),
    ]
    counts = series.loc[(series["role"] == series_logic.ROLE_MEAN) & series["value"].notna(), "n"]
    if not counts.empty and counts.min() != counts.max():
        notes.append(t("trends.mean_varies", lang, low=int(counts.min()), high=int(counts.max())))
    if empty:
        names = ", ".join(labels[u] for u in empty)
        notes.append(t("trends.no_data_units", lang, names=names))
    has_mean = series_logic.ROLE_MEAN in set(frame["role"])
    table = charts.value_table(
        frame,
        decimals,
        lang,
        first_column=t("municipality", lang),
        count_label=t("trends.n_row", lang) if has_mean else None,
    )
    return {
        **view,
        "nothing": False,
        "spec": specs.chart_spec(chart),
        "chart_note": chart_note,
        "notes": "  \n".join(n for n in notes if n),
        "table": table,
        "marks": flags_logic.legend(frame.loc[frame["value"].notna(), "flags"], lang),
        "actions_note": actions_note(actions_on(actions, labels), plotted, lang),
    }


def actions_on(actions: tuple, labels: dict[str, str]) -> list[dict]:
    """The improvement actions of the units drawn, with their line's label."""
    return [
        {"unit": u, "label": labels[u], "year": int(y), "title": title, "start": start}
        for u, y, title, start in actions
        if u in labels
    ]


def actions_note(items: list[dict], frame: pd.DataFrame, lang: str) -> str:
    """Under the chart: which actions are marked (markdown; what people typed escaped), and
    those whose start lies outside the years shown."""
    if not items:
        return ""
    years = set(frame["year"])

    def item(a: dict) -> str:
        return t(
            "act.trend_item",
            lang,
            title=usertext.escape(a["title"]),
            unit=usertext.escape(a["label"]),
            start=a["start"],
        )

    shown = [item(a) for a in items if a["year"] in years]
    outside = [item(a) for a in items if a["year"] not in years]
    if outside:
        shown.append(t("act.trend_outside", lang, items="; ".join(outside)))
    return t("act.trend_note", lang, items="; ".join(shown))


def action_effects(
    version: str,
    unit: str,
    reference: tuple[str, ...],
    aimed: tuple[tuple[str, int], ...],
    basis: str,
    lang: str,
) -> dict[tuple[str, int], str]:
    """(indicator, start year) -> what it did since the start against the reference units,
    in words (logic.actions), for the profile's improvement actions; for cache.computed.
    Reads only the aimed indicators' values (every year, the unit and its reference)."""
    from benchlearn.logic import actions as actions_logic

    ref = refdata.reference()
    codes = tuple(sorted({c for c, _ in aimed if c in ref.catalogue.index}))
    obs = observations(version, codes) if codes else pd.DataFrame()
    out = {}
    for code, year in aimed:
        if code not in ref.catalogue.index:
            out[(code, year)] = t("act.unknown_indicator", lang, code=usertext.escape(code))
            continue
        row = ref.catalogue.loc[code]
        unit_text = naming.indicator_unit(ref, code, lang)
        effect = actions_logic.effect(
            obs, code, unit, reference, year, row["direction"], relative=unit_text != "%"
        )
        out[(code, year)] = actions_logic.effect_words(
            effect, unit_text, int(row["decimals"]), basis, lang
        )
    return out
