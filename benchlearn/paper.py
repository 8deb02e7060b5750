"""Council paper: a municipality's profile as an A4 PDF, in Latvian or English, made offline.

Pages are composed with fpdf2 (pure Python) in DejaVu Sans, the font matplotlib ships (so
ā č ē ģ ī ķ ļ ņ š ū ž print, and nothing is downloaded); charts are the profile's own
Vega-Lite trend charts rendered to PNG by vl-convert with the same font. Every table and
chart carries its sources and their retrieval dates; marked values keep their marks
(Σ ≈ ?, benchlearn.logic.flags) with the legend under them.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import matplotlib
import pandas as pd
import vl_convert
from fpdf import FPDF, FontFace

from benchlearn import views
from benchlearn.charts import profile as profile_charts
from benchlearn.charts import trends as trend_charts
from benchlearn.formatting import format_rank, format_value
from benchlearn.i18n import t, tn
from benchlearn.logic import flags, gaps, series, usertext
from benchlearn.logic import profile as logic
from benchlearn.ui import download_buttons, naming, refdata, specs

if TYPE_CHECKING:
    from benchlearn.actions_panel import ShownAction

FONTS = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FONT = "DejaVuSans"
MAX_CHARTS = 6  # the trends of the strongest and weakest positions, two a row
GREY = (90, 90, 90)
_registered = False


def _chart_fonts() -> None:
    """Let vl-convert find DejaVu Sans (once per process)."""
    global _registered
    if not _registered:
        vl_convert.register_font_directory(str(FONTS))
        _registered = True


def chart_png(spec: dict) -> bytes:
    _chart_fonts()
    spec = {**spec, "config": {**spec.get("config", {}), "font": "DejaVu Sans"}}
    return vl_convert.vegalite_to_png(spec, scale=2)


class Paper(FPDF):
    def __init__(self, footer_text: str, lang: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.footer_text, self.lang = footer_text, lang
        self.add_font(FONT, "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(True, margin=16)

    def footer(self) -> None:
        self.set_y(-11)
        self.set_font(FONT, "", 7.5)
        self.set_text_color(*GREY)
        self.cell(0, 5, self.footer_text, align="L")
        self.set_x(self.l_margin)
        self.cell(0, 5, t("paper.page", self.lang, page=self.page_no()), align="R")
        self.set_text_color(0, 0, 0)

    def heading(self, text: str, size: float = 13) -> None:
        if self.get_y() > self.h - 40:
            self.add_page()
        self.ln(2)
        self.set_font(FONT, "B", size)
        self.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def note(self, text: str, size: float = 7.5) -> None:
        self.set_font(FONT, "", size)
        self.set_text_color(*GREY)
        self.multi_cell(0, size * 0.45, text, new_x="LMARGIN", new_y="NEXT", align="L")
        self.set_text_color(0, 0, 0)


def _position_rows(
    ref: refdata.Reference, rows: pd.DataFrame, gap: pd.DataFrame, basis: str, lang: str
) -> list[list[str]]:
    out = []
    by_code = gap.set_index("indicator")
    for row in rows.itertuples():
        unit = naming.indicator_unit(ref, row.indicator, lang)
        decimals = int(ref.catalogue.loc[row.indicator, "decimals"])
        value = flags.marked(format_value(row.value, unit, decimals, lang), row.flags)
        words = gaps.gap_words(by_code.loc[row.indicator].to_dict(), unit, decimals, basis, lang)
        out.append(
            [
                f"{naming.indicator_label(ref, row.indicator, lang)} ({row.year})",
                value,
                format_rank(int(row.rank), int(row.n), lang),
                words,
            ]
        )
    return out


def draw_table(pdf: Paper, header: list[str], rows: list[list[str]], widths: tuple) -> None:
    pdf.set_font(FONT, "", 8)
    with pdf.table(
        col_widths=widths,
        text_align=("LEFT", "RIGHT", "RIGHT", "LEFT"),
        line_height=4,
        padding=1,
        borders_layout="HORIZONTAL_LINES",
        headings_style=FontFace(family=FONT, emphasis="BOLD"),
    ) as table:
        head = table.row()
        for text in header:
            head.cell(text)
        for row in rows:
            cells = table.row()
            for text in row:
                cells.cell(text)


def _trend_pngs(
    ref: refdata.Reference, obs: pd.DataFrame, unit: str, codes: list[str], lang: str
) -> list[tuple[bytes, str]]:
    """(PNG, source caption) of the small trend chart of each of `codes`."""
    out = []
    for code in codes:
        lines = series.trend_series(obs, code, [], unit, [])
        if series.off_scale(lines):
            lines = lines[lines["role"] != series.ROLE_LATVIA]
        labels = {unit: naming.unit_label(ref, unit, lang), series.LATVIA: t("latvia", lang)}
        u = naming.indicator_unit(ref, code, lang)
        caption = naming.source_caption(ref, code, lang, refdata.sources())
        frame = trend_charts.display_frame(
            lines,
            labels,
            u,
            int(ref.catalogue.loc[code, "decimals"]),
            lang,
            derived=caption,
            tables=trend_charts.source_labels(refdata.sources()),
        )
        chart = profile_charts.small_trend(frame, naming.indicator_label(ref, code, lang), u, lang)
        spec = specs.chart_spec(chart.configure(locale=trend_charts.locale_config(lang)))
        out.append((chart_png(spec), caption))
    return out


def sources_note(ref: refdata.Reference, codes: list[str], lang: str) -> str:
    """'Avoti: <indicators> — <source (retrieved)> | …' for the figures of `codes`."""
    return f"{t('paper.sources', lang)}: " + " | ".join(_source_lines(ref, codes, lang))


def _source_lines(ref: refdata.Reference, codes: list[str], lang: str) -> list[str]:
    sources = refdata.sources()
    by_caption: dict[str, list[str]] = {}
    for code in codes:
        caption = naming.source_caption(ref, code, lang, sources)
        by_caption.setdefault(caption, []).append(naming.indicator_label(ref, code, lang))
    return [f"{', '.join(names)} — {caption}" for caption, names in by_caption.items()]


@dataclass(frozen=True)
class ProfileInputs:
    """What a profile is of: `unit` in warehouse `version`, ranked within `members` (the
    group, named `group_name`), its gaps measured against `reference` (basis "peers": its
    similar municipalities, or "group"), in `lang`."""

    unit: str
    version: str
    members: tuple[str, ...]
    basis: str
    reference: tuple[str, ...]
    group_name: str
    lang: str


def _actions(pdf: Paper, ref: refdata.Reference, actions: Sequence[ShownAction] | None) -> None:
    """The improvement actions as the profile shows them (actions_panel.profile_actions):
    title, dates, network, plan, and each aimed indicator's change against the reference,
    with the caveat and the sources of the values compared."""
    lang = pdf.lang
    pdf.heading(t("act.title", lang))
    if not actions:
        pdf.note(t("act.unavailable" if actions is None else "act.none", lang), 8)
        return
    pdf.note(t("act.intro", lang), 8)
    for item in actions:
        pdf.ln(1)
        pdf.set_font(FONT, "B", 9)
        pdf.multi_cell(0, 4.5, usertext.plain(item.action.title), new_x="LMARGIN", new_y="NEXT")
        line = [item.when(lang)]
        if item.network:
            line.append(usertext.plain(item.network))
        if item.action.link:
            line.append(f"{t('act.plan', lang)}: {usertext.safe_url(item.action.link) or '–'}")
        pdf.note(" · ".join(line), 8)
        pdf.set_font(FONT, "", 8.5)
        for _, label, words in item.effects:
            pdf.multi_cell(0, 4, f"• {label}: {words}", new_x="LMARGIN", new_y="NEXT", align="L")
    codes = dict.fromkeys(c for item in actions for c, _, _ in item.effects)
    known = [c for c in codes if c in ref.catalogue.index]
    pdf.ln(1)
    pdf.note(t("act.caveat", lang))
    if known:
        pdf.note(sources_note(ref, known, lang))


def profile_pdf(
    inputs: ProfileInputs, cards: list[dict], actions: Sequence[ShownAction] | None
) -> bytes:
    """The profile of `inputs.unit` as A4 PDF bytes. `cards`: the page's key facts (label,
    value, help); `actions`: its improvement actions as the page shows them
    (actions_panel.profile_actions; None: the user-data store was unavailable)."""
    unit, version, members, lang = inputs.unit, inputs.version, inputs.members, inputs.lang
    basis, reference, group_name = inputs.basis, inputs.reference, inputs.group_name
    ref = refdata.reference()
    name = naming.unit_label(ref, unit, lang)
    built = download_buttons.build_date(lang)
    obs = views.profile_observations(version, unit)
    table = logic.profile_table(obs, unit, list(members), ref.catalogue)
    gap = gaps.gap_table(obs, table, reference, ref.catalogue)
    strong, weak = logic.strongest_weakest(table)

    pdf = Paper(f"{name} · {t('paper.title', lang)} · {built}", lang)
    pdf.set_title(f"{name} — {t('paper.title', lang)}")
    pdf.set_creator("benchlearn")
    pdf.add_page()
    pdf.set_font(FONT, "", 9)
    pdf.set_text_color(*GREY)
    pdf.cell(0, 5, t("paper.title", lang), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font(FONT, "B", 20)
    pdf.multi_cell(0, 9, name, new_x="LMARGIN", new_y="NEXT")
    pdf.note(t("paper.built", lang, when=built), 8)

    pdf.heading(t("paper.facts", lang))
    pdf.set_font(FONT, "", 9)
    for card in cards:
        pdf.set_font(FONT, "B", 9)
        pdf.cell(55, 5, f"{card['label']}:")
        pdf.set_font(FONT, "", 9)
        pdf.multi_cell(0, 5, str(card["value"]), new_x="LMARGIN", new_y="NEXT")
    helps = [str(c["help"]) for c in cards if c.get("help")]
    if helps:
        pdf.note(" ".join(helps))

    header = [
        t("paper.col_indicator", lang),
        t("paper.col_value", lang),
        t("paper.col_rank", lang),
        t(f"gap.col_words.{basis}", lang),
    ]
    widths = (62, 32, 26, 60)
    shown_codes: list[str] = []
    for key, rows, none in (
        ("profile.strongest", strong, "profile.none_strong"),
        ("profile.weakest", weak, "profile.none_weak"),
    ):
        pdf.heading(t(key, lang))
        if rows.empty:  # says which quarter is empty, not that nothing has a judgement
            pdf.note(t(none, lang))
            continue
        draw_table(pdf, header, _position_rows(ref, rows, gap, basis, lang), widths)
        pdf.ln(1)
        pdf.note(sources_note(ref, rows["indicator"].tolist(), lang))
        shown_codes += rows["indicator"].tolist()
    notes = [
        tn("profile.positions_note", logic.MIN_COMPARED, lang, limit=logic.POSITIONS_SHOWN),
        gap_note_text(ref, basis, reference, group_name, lang),
    ]
    legend = flags.legend([*strong["flags"], *weak["flags"]], lang)
    pdf.ln(1)
    pdf.note(" ".join([*notes, t("profile.group_note", lang, group=group_name), legend]))
    _actions(pdf, ref, actions)

    trend_codes = [c for c in logic.multi_year(obs, unit, shown_codes) if c in shown_codes]
    if not trend_codes:  # no position has several years: the population, as on the page
        trend_codes = logic.multi_year(obs, unit, ref.catalogue.index.tolist())
    charts = _trend_pngs(ref, obs, unit, trend_codes[:MAX_CHARTS], lang)
    if charts:
        pdf.add_page()
        pdf.heading(t("paper.trends", lang))
        pdf.note(t("paper.trend_legend", lang, name=name), 8)
        width = (pdf.w - pdf.l_margin - pdf.r_margin - 6) / 2
        for i, (png, caption) in enumerate(charts):
            x = pdf.l_margin + (i % 2) * (width + 6)
            if i % 2 == 0:
                top = pdf.get_y() + 2
                if top + 62 > pdf.h - 16:
                    pdf.add_page()
                    top = pdf.get_y()
            info = pdf.image(io.BytesIO(png), x=x, y=top, w=width)
            pdf.set_xy(x, top + info.rendered_height + 0.5)
            pdf.set_font(FONT, "", 6.5)
            pdf.set_text_color(*GREY)
            pdf.multi_cell(width, 3, caption, align="L")
            pdf.set_text_color(0, 0, 0)
            if i % 2 == 1 or i == len(charts) - 1:
                pdf.set_y(max(pdf.get_y(), top + info.rendered_height + 10))

    pdf.heading(t("paper.sources", lang))
    used = logic.sources_used(obs, [unit, series.LATVIA], table["indicator"].tolist())
    pdf.set_font(FONT, "", 7.5)
    for row in used.itertuples():
        date = (
            f"{t('retrieved', lang)} {row.retrieved}"
            if row.retrieved
            else t("profile.no_date", lang)
        )
        link = f" {row.source_url}" if row.source_url else ""
        pdf.multi_cell(
            0,
            3.6,
            f"• {row.source_title} — {date}.{link}",
            new_x="LMARGIN",
            new_y="NEXT",
            align="L",
        )
    pdf.note(t("profile.derived_note", lang))
    return bytes(pdf.output())


def gap_note_text(ref: refdata.Reference, basis: str, reference, group_name: str, lang: str) -> str:
    """What the expected values and gaps are measured against, in a sentence."""
    if basis == "group":
        return t("gap.note.group", lang, group=group_name)
    if not reference:
        return t("gap.no_peers", lang)
    names = ", ".join(naming.unit_label(ref, u, lang) for u in reference)
    return t("gap.note.peers", lang, names=names)
