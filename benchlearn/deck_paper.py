"""A presentation deck as a PDF, one slide a page: A4 landscape, in Latvian or English, made
offline, for a council or as the seminar's handout.

A title page (the deck, its network, the date, the participants' link as text), then per
saved view its title and note, the figure its page draws, computed by the same view
functions as the page and the slide (benchlearn.screens): the map as the map page's PNG
(benchlearn.charts.snapshot), the trends chart through vl-convert, the comparison as a
table of value and rank, the profile's strongest and weakest positions; under it the
sources with their retrieval dates, the legend of marked values (Σ ≈ ? ✎) and the slide's
discussion notes. Taken while the deck is shown anonymised, the PDF shows the room's
letters and masks every other name, as the slides do. The page helpers are
benchlearn.paper's (fonts, footer, tables, vl-convert)."""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass

import pandas as pd
from fpdf import FontFace

from benchlearn import actions_panel, paper
from benchlearn.formatting import format_rank, format_value
from benchlearn.i18n import t, tn
from benchlearn.logic import benchmark as bm
from benchlearn.logic import flags, usertext
from benchlearn.logic import profile as logic
from benchlearn.logic.scores import BAND_COLOURS, band_label
from benchlearn.screens import comparison as comparison_screen
from benchlearn.screens import look
from benchlearn.screens import map as map_screen
from benchlearn.screens import profile as profile_screen
from benchlearn.screens import trends as trends_screen
from benchlearn.screens.look import Look, Room
from benchlearn.state import ViewState
from benchlearn.ui import download_buttons, naming, refdata
from benchlearn.userdata import repository as repo
from benchlearn.userdata.repository import DeckInfo, ViewInfo

FIGURE_MM = 118  # the figure's height on a landscape page (the text around it fits below)
CHART_PX = (1000, 420)  # the trends chart's width and height, drawn at twice the pixels


@dataclass(frozen=True)
class DeckInputs:
    """What the PDF is of: `deck` of `network` (its name in `lang`, as typed), the slides'
    discussion notes (view id -> text), the participants' `link`, shown in `room` (Room():
    names as they are; an anonymised room's letters otherwise)."""

    deck: DeckInfo
    network: str
    notes: dict[int, str]
    link: str
    lang: str
    room: Room = Room()


def plain(room: Room, text: str) -> str:
    """People's text (titles, notes) masked and as plain text for the PDF."""
    return usertext.plain(room.mask(text or ""))


class DeckPaper(paper.Paper):
    """paper.Paper on landscape pages."""

    def new_page(self) -> None:
        self.add_page(orientation="landscape")

    def lines(self, text: str, size: float = 9, bold: bool = False) -> None:
        self.set_font(paper.FONT, "B" if bold else "", size)
        self.multi_cell(0, size * 0.48, text, new_x="LMARGIN", new_y="NEXT", align="L")

    def picture(self, png: bytes, height: float = FIGURE_MM) -> None:
        """A figure at most `height` mm high and the page's width; smaller when the slide's
        text above it leaves less room, on the next page when less than half is left."""
        width = self.w - self.l_margin - self.r_margin
        room = self.h - self.b_margin - 12 - self.get_y()  # 12 mm: its notes and sources
        if room < height / 2:
            self.new_page()
            room = self.h - self.b_margin - 12 - self.get_y()
        height = min(height, room)
        top = self.get_y()
        self.image(
            io.BytesIO(png), x=self.l_margin, y=top, w=width, h=height, keep_aspect_ratio=True
        )
        self.set_y(top + height + 1)


def title_page(pdf: DeckPaper, inputs: DeckInputs, built: str) -> None:
    lang, room, deck = inputs.lang, inputs.room, inputs.deck
    pdf.new_page()
    pdf.set_y(40)
    pdf.set_text_color(*paper.GREY)
    pdf.lines(t("deckpaper.kicker", lang), 11)
    pdf.set_text_color(0, 0, 0)
    pdf.ln(2)
    pdf.lines(plain(room, deck.title), 26, bold=True)
    pdf.ln(3)
    pdf.lines(plain(room, inputs.network), 15)
    pdf.ln(2)
    pdf.lines(usertext.plain(tn("pres.title_slides", len(deck.slides), lang)), 11)
    if room.spot:
        name = room.label(refdata.reference(), room.spot, lang)
        pdf.lines(usertext.plain(t("pres.title_spot", lang, name=name)).replace("*", ""), 11)
    if room.anonymised:
        pdf.lines(usertext.plain(t("pres.title_anon", lang)), 11)
    pdf.ln(6)
    pdf.lines(f"{t('deckpaper.link', lang)}: {inputs.link}", 10)
    pdf.ln(2)
    pdf.note(t("paper.built", lang, when=built), 8)


def sources(pdf: DeckPaper, ref: refdata.Reference, codes: list[str], marks: str, lang: str):
    """The sources (with retrieval dates) of the figure's indicators, and its marks."""
    known = [c for c in dict.fromkeys(codes) if c in ref.catalogue.index]
    pdf.ln(1)
    if known:
        pdf.note(paper.sources_note(ref, known, lang), 8)
    if marks:
        pdf.note(marks, 8)


def map_figure(pdf: DeckPaper, ref, state: ViewState, room: Room) -> list[str]:
    screen = map_screen.compute(ref, state, state.lang, room)
    pdf.picture(map_screen.png(screen))
    notes = screen.notes(marks=False)  # the centre of the colours, units without data
    if notes:
        pdf.note(" ".join(notes), 8)
    sources(pdf, ref, screen.codes, screen.marks, state.lang)
    return screen.codes


def trends_figure(pdf: DeckPaper, ref, state: ViewState, room: Room) -> list[str]:
    lang = state.lang
    code = trends_screen.shown_code(ref, state)
    actions = actions_panel.trend_actions(code, lang) or ()
    view = trends_screen.compute(ref, state, code, lang, room, CHART_PX[1], actions)
    pdf.lines(view["title"], 12, bold=True)
    if view["nothing"]:
        pdf.note(t("trends.nothing", lang), 9)
        return view["codes"]
    spec = trends_screen.spec(view, Look(room))
    pdf.picture(paper.chart_png({**spec, "width": CHART_PX[0]}), FIGURE_MM - 8)
    pdf.note(usertext.plain(f"{view['chart_note']} {view['notes']}").replace("  \n", " "), 8)
    sources(pdf, ref, view["codes"], view.get("marks", ""), lang)
    return view["codes"]


def comparison_figure(pdf: DeckPaper, ref, state: ViewState, room: Room) -> list[str]:
    lang, shown = state.lang, Look(room)
    found = comparison_screen.setup(ref, state)
    themes = found["theme_options"]
    if not themes:
        pdf.note(t("bench.no_themes", lang, year=found["year"]), 9)
        return [state.ind]
    theme = comparison_screen.theme_of(ref, state, themes)
    _, chosen = comparison_screen.indicators(ref, state, found, theme)
    rows = comparison_screen.rows_of(ref, state, found["version"], found["unit_ids"])
    subtitle = comparison_screen.subtitle(ref, state, theme, found["year"], shown)
    pdf.lines(usertext.plain(subtitle).replace("*", ""), 12, bold=True)
    if not rows or not chosen:
        pdf.note(t("bench.empty", lang), 9)
        return chosen or [state.ind]
    view = comparison_screen.compute(ref, state, found, chosen, rows, shown)
    table = comparison_screen.compact(view, ref, state.my, lang).data
    width = pdf.w - pdf.l_margin - pdf.r_margin
    first = min(60.0, width / (len(table.columns) + 1) * 2)
    rest = (width - first) / max(1, len(table.columns) - 1)
    size = 8 if len(table.columns) <= 7 else 6.5
    pdf.set_font(paper.FONT, "", size)
    with pdf.table(
        col_widths=(first, *[rest] * (len(table.columns) - 1)),
        text_align=("LEFT", *["RIGHT"] * (len(table.columns) - 1)),
        line_height=size * 0.5,
        padding=0.8,
        borders_layout="HORIZONTAL_LINES",
        headings_style=FontFace(family=paper.FONT, emphasis="BOLD"),
    ) as grid:
        head = grid.row()
        for text in table.columns:
            head.cell(str(text))
        bands = bm.bands_table(view["tidy"], view["order"])  # the slide's colours
        codes = list(dict.fromkeys(view["tidy"]["indicator"]))
        for unit, values in zip(view["order"], table.itertuples(index=False), strict=True):
            cells = grid.row()
            mine = unit == state.my
            for j, text in enumerate(values):
                band = bands.loc[unit, codes[j - 1]] if j else None
                cells.cell(str(text), style=cell_style(band, mine, j == 0))
    pdf.ln(1)
    pdf.note(t("pres.rank_note", lang), 8)
    legend = html.unescape(re.sub(r"<[^>]+>", " ", bm.legend_html(lang, mine=state.my in rows)))
    pdf.note(" ".join(legend.split()), 8)
    tidy = view["tidy"]
    sources(pdf, ref, chosen, flags.legend(tidy.loc[tidy["value"].notna(), "flags"], lang), lang)
    return chosen


def cell_style(band: str | None, mine: bool, name: bool) -> FontFace | None:
    """A comparison cell as on the slide: its band's colour (white text on the dark ones),
    my municipality's row bold and its name tinted."""
    emphasis = "BOLD" if mine else None
    if name:
        return FontFace(emphasis=emphasis, fill_color=bm.MY_TINT if mine else None)
    if band not in ("best", "middle", "worst"):
        return FontFace(emphasis=emphasis) if mine else None
    return FontFace(emphasis=emphasis, color=bm.TEXT_ON.get(band), fill_color=BAND_COLOURS[band])


def profile_figure(pdf: DeckPaper, ref, state: ViewState, room: Room) -> list[str]:
    lang = state.lang
    if not state.my:
        pdf.note(t("pres.no_unit", lang), 9)
        return [state.ind]
    pdf.lines(room.label(ref, state.my, lang), 14, bold=True)
    found = profile_screen.compute(ref, state, lang)
    if found is None:
        pdf.note(t("profile.no_values", lang), 9)
        return [state.ind]
    header = [
        t("paper.col_indicator", lang),
        t("paper.col_value", lang),
        t("paper.col_rank", lang),
        "",
    ]
    for key, rows, none in (
        ("profile.strongest", found["strong_rows"], "profile.none_strong"),
        ("profile.weakest", found["weak_rows"], "profile.none_weak"),
    ):
        pdf.heading(t(key, lang), 11)
        if rows.empty:
            pdf.note(t(none, lang))
            continue
        paper.draw_table(pdf, header, position_rows(ref, rows, lang), (120, 50, 45, 50))
    pdf.ln(1)
    pdf.note(
        tn("profile.positions_note", logic.MIN_COMPARED, lang, limit=logic.POSITIONS_SHOWN),
        8,
    )
    marks = flags.legend([*found["strong_rows"]["flags"], *found["weak_rows"]["flags"]], lang)
    sources(pdf, ref, found["codes"], marks, lang)
    return found["codes"]


def position_rows(ref: refdata.Reference, rows: pd.DataFrame, lang: str) -> list[list[str]]:
    """Indicator (year), value with its mark, rank among the group, band."""
    out = []
    for row in rows.itertuples():
        unit = naming.indicator_unit(ref, row.indicator, lang)
        decimals = int(ref.catalogue.loc[row.indicator, "decimals"])
        out.append(
            [
                f"{naming.indicator_label(ref, row.indicator, lang)} ({row.year})",
                flags.marked(format_value(row.value, unit, decimals, lang), row.flags),
                format_rank(int(row.rank), int(row.n), lang),
                band_label(row.band, lang) if row.direction != "neutral" else "",
            ]
        )
    return out


FIGURES = {  # saved view's page -> its figure, from the same view functions as the slide
    "": map_figure,
    "tendences": trends_figure,
    "salidzinajums": comparison_figure,
    "profils": profile_figure,
}


def slide_page(pdf: DeckPaper, ref, inputs: DeckInputs, index: int, view: ViewInfo) -> None:
    lang, room = inputs.lang, inputs.room
    pdf.new_page()
    pdf.set_text_color(*paper.GREY)
    pdf.lines(t("deckpaper.slide", lang, n=index + 1, total=len(inputs.deck.slides)), 8)
    pdf.set_text_color(0, 0, 0)
    pdf.lines(plain(room, view.title), 17, bold=True)
    if view.note:
        pdf.lines(plain(room, view.note), 9)
    state, notices = look.saved_state(ref, view.params, lang)
    state = look.spotlit(state, room.spot)
    if notices:
        items = ", ".join(f"{t(f'field.{n.field}', lang)} “{n.value}”" for n in notices)
        pdf.note(t("pres.changed", lang, items=room.mask(items)), 8)
    pdf.ln(1)
    draw = FIGURES.get(view.page)
    if draw is None:
        pdf.note(t("pres.not_drawn", lang), 9)
    else:
        draw(pdf, ref, state, room)
    text = inputs.notes.get(view.id, "")
    if text:
        pdf.heading(t("pres.notes", lang), 11)
        pdf.lines(plain(room, text), 9)


def deck_pdf(inputs: DeckInputs) -> bytes:
    """The deck as PDF bytes: a title page, then one page per slide (a slide whose content
    runs over continues on the next page)."""
    ref, lang = refdata.reference(), inputs.lang
    built = download_buttons.build_date(lang)
    title = plain(inputs.room, inputs.deck.title)
    pdf = DeckPaper(f"{title} · {plain(inputs.room, inputs.network)} · {built}", lang)
    pdf.set_title(title)
    pdf.set_creator("benchlearn")
    pdf.set_auto_page_break(True, margin=14)
    title_page(pdf, inputs, built)
    for index, view in enumerate(inputs.deck.slides):
        slide_page(pdf, ref, inputs, index, view)
    return bytes(pdf.output())


def inputs_for(engine, deck: DeckInfo, room: Room, link: str, lang: str) -> DeckInputs:
    """The deck's network name and discussion notes from the user-data store."""
    network = repo.get_network(engine, deck.network_id)
    notes = repo.deck_notes(engine, deck.id)
    return DeckInputs(deck, network.name(lang) if network else "", notes, link, lang, room)


def button(engine, deck: DeckInfo, room: Room, link: str, lang: str, key: str) -> None:
    """The deck's PDF as a download, built only when clicked (with the notes of then)."""
    import streamlit as st

    name = re.sub(r"[^\w\-]+", "_", usertext.plain(room.mask(deck.title)))[:60]
    st.download_button(
        t("deckpaper.download", lang),
        data=download_buttons.on_click(
            lambda: deck_pdf(inputs_for(engine, deck, room, link, lang)), lang
        ),
        file_name=f"{t('deckpaper.file', lang)}_{name}_{lang}.pdf",
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        help=t("deckpaper.download_help", lang),
        key=key,
        on_click="ignore",
    )
