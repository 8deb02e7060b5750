"""A slide is the page (issue 23): a saved view's slide in presentation mode draws what its
page draws for the same URL state, through the same view functions (benchlearn.screens),
apart from the presentation's sizes (larger figures and type, thicker lines, places
labelled on the map, the comparison as value and rank only). Compared here on what the
browser is sent: the map's layer, the chart's Vega-Lite spec, the table's cells, the
profile's positions. Synthetic networks and decks, named as such."""

from __future__ import annotations

import json
import re

import pytest

from benchlearn.userdata import repository as repo
from benchlearn.userdata.presentation import enlarge_spec
from tests.app import test_seminar_pages as pages
from tests.app.conftest import html_tables
from tests.app.test_seminar_pages import MEMBERS, PRESENT, VIEW, synthetic_network
from tests.userdata_support import ADMIN

app, store = pages.app, pages.store  # the fixtures: a private user-data file, the app on it
TWO = {**VIEW, "cmp": "LV0021000,LV0022000"}


def slide_and_page(app, store, page: str, file: str, params: dict, lang: str = "lv"):
    """The slide of a view saved with `params` on `page`, and `file` opened with them."""
    ident = synthetic_network(store, members=MEMBERS)
    params = {k: v.replace("{net}", str(ident)) for k, v in params.items()}
    saved = repo.save_view(store, ident, "Sintētisks skats", "", page, params, by=ADMIN)
    deck = repo.create_deck(store, ident, "Sintētisks seminārs", [saved], by=ADMIN)
    slide = app(PRESENT, lang=lang, deck=str(deck), slide="1")
    shown = app(file, lang=lang, **params)
    assert slide.title[0].value == "Sintētisks skats"
    return slide, shown


def units_layer(at) -> dict[str, dict]:
    """unit id -> what the map's choropleth says of it (colour, outline, tooltip), but the
    line width (a slide's lines are thicker)."""
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    layer = next(layer for layer in spec["layers"] if layer["id"] == "units")
    return {
        f["properties"]["unit_id"]: {k: v for k, v in f["properties"].items() if k != "width"}
        for f in layer["data"]["features"]
    }


def legend(at) -> list[str]:
    """The map legend's classes as read (tags and styles taken out)."""
    body = next(h.proto.body for h in at.get("html") if "(iedzīvotāji)" in h.proto.body)
    rows = re.sub(r"</div>", "\n", re.sub(r"<(?!/div)[^>]+>", " ", body)).splitlines()
    return [" ".join(row.split()) for row in rows if row.strip()]


@pytest.mark.parametrize("cls", [None, "equal"])
def test_the_map_slide_draws_the_map_of_the_page(app, store, cls):
    params = {**VIEW, **({"cls": cls} if cls else {})}
    slide, page = slide_and_page(app, store, "", "pages/map.py", params)
    on_slide, on_page = units_layer(slide), units_layer(page)
    assert len(on_page) > 40 and on_slide == on_page  # colours, names, values, ranks
    assert legend(slide) == legend(page) and len(legend(page)) >= 4


def drawn_spec(at) -> dict:
    """The chart's Vega-Lite spec with its data (Streamlit sends the datasets beside it)."""
    (chart,) = at.get("vega_lite_chart")
    spec = json.loads(chart.proto.spec)
    data = {d.name: bytes(d.data.data) for d in chart.proto.datasets}
    return {**spec, "datasets": spec.get("datasets") or data}


def without_height(node):
    if isinstance(node, dict):
        return {k: without_height(v) for k, v in node.items() if k != "height"}
    if isinstance(node, list):
        return [without_height(v) for v in node]
    return node


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_the_trends_slide_draws_the_chart_of_the_page(app, store, lang):
    slide, page = slide_and_page(app, store, "tendences", "pages/trends.py", TWO, lang)
    on_slide, on_page = drawn_spec(slide), drawn_spec(page)
    assert on_page["datasets"] and on_slide["datasets"] == on_page["datasets"]
    # the same spec but for the presentation's sizes: enlarged, and taller
    assert without_height(on_slide) == without_height(enlarge_spec(on_page))
    assert on_slide["height"] > on_page["height"]


def test_a_per_capita_trends_slide_draws_the_chart_of_the_page(app, store):
    births = {**VIEW, "ind": "live_births", "my": "LV0002000", "cmp": "LV0003000", "pc": "1"}
    slide, page = slide_and_page(app, store, "tendences", "pages/trends.py", births)
    assert without_height(drawn_spec(slide)) == without_height(enlarge_spec(drawn_spec(page)))


def test_the_comparison_slide_draws_the_table_of_the_page(app, store):
    params = {**TWO, "grp": "net:{net}"}
    slide, page = slide_and_page(app, store, "salidzinajums", "pages/benchmark.py", params)
    full = html_tables(page)[0]
    compact = slide.table[0].value
    # the same municipalities in the same order (my municipality first and marked)
    assert list(compact.iloc[:, 0]) == list(full.iloc[:, 0]) and len(compact) == len(MEMBERS)
    # the same indicators in the same order, each "value (rank)" of the page's columns
    indicators = list(dict.fromkeys(c[0] for c in full.columns[1:]))
    assert len(indicators) == len(compact.columns) - 1 >= 3
    for j, name in enumerate(indicators, start=1):
        assert compact.columns[j].startswith(name)
        block = full[name]
        value, rank = block.iloc[:, 0], block.iloc[:, 1]
        expected = [
            "nav datu" if v == "–" else f"{v} ({r}.)" if r != "–" else v
            for v, r in zip(value, rank, strict=True)
        ]
        assert list(compact.iloc[:, j]) == expected, name


def positions(at) -> list[str]:
    """The st.html blocks of the strongest and weakest positions (after their headings)."""
    bodies = [h.proto.body for h in at.get("html")]
    return [b for b in bodies if "bl-band" in b or "<b>" in b and " — " in b]


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_the_profile_slide_draws_the_positions_of_the_page(app, store, lang):
    params = {**VIEW, "my": "LV0021000"}
    slide, page = slide_and_page(app, store, "profils", "pages/profile.py", params, lang)
    headings = {"lv": "Spēcīgākās pozīcijas", "en": "Strongest positions"}[lang]
    assert headings in [s.value for s in slide.subheader]
    assert headings in [s.value for s in page.subheader]
    on_slide = positions(slide)
    assert len(on_slide) == 2 and all(p in positions(page) for p in on_slide)


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_the_deck_pdf_is_offered_on_the_title_slide_and_the_deck_list(app, store, lang):
    ident = synthetic_network(store, members=MEMBERS)
    saved = repo.save_view(store, ident, "Sintētisks skats", "", "", VIEW, by=ADMIN)
    deck = repo.create_deck(store, ident, "Sintētisks seminārs", [saved], by=ADMIN)
    label = {"lv": "PDF: slaids lapā", "en": "PDF: one slide a page"}[lang]
    title = app(PRESENT, lang=lang, deck=str(deck), anon="1")
    assert label in [b.proto.label for b in title.get("download_button")]
    networks = app("pages/networks.py", lang=lang, tikls=str(ident))
    assert label in [b.proto.label for b in networks.get("download_button")]
