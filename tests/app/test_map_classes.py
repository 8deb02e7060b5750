"""The classification the map draws: quantiles or equal intervals, chosen by a link or by the
radio, and the same breaks and colours on the page and on the map slide of the same view."""

from __future__ import annotations

import json
import re

import pytest

from benchlearn.userdata import repository as repo
from tests.app.conftest import texts
from tests.app.test_seminar_pages import (  # noqa: F401 (fixtures)
    MEMBERS,
    PRESENT,
    app,
    store,
    synthetic_network,
)
from tests.userdata_support import ADMIN

# Municipal populations are skewed (a few large, many small): the two methods break differently.
VIEW = {"ind": "population_avg", "year": "2024"}
SPACES = "\u202f\u00a0 "


def fills(at) -> dict[str, list]:
    """unit_id -> fill colour of the choropleth layer, as the browser is told to draw it."""
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    layer = next(layer for layer in spec["layers"] if layer["id"] == "units")
    return {f["properties"]["unit_id"]: f["properties"]["fill"] for f in layer["data"]["features"]}


def class_bounds(text: str) -> list[tuple[float, float]]:
    """(low, high) of every legend class in `text` ("3 456 – 12 345 iedzīvotāji (9)")."""
    number = rf"\d[\d{SPACES}]*(?:[.,]\d+)?"
    found = re.findall(rf"({number})\s+–\s+({number})", text)

    def value(s: str) -> float:
        return float(re.sub(f"[{SPACES}]", "", s).replace(",", "."))

    return [(value(low), value(high)) for low, high in found]


def edges(bounds: list[tuple[float, float]]) -> list[float]:
    return sorted({x for pair in bounds for x in pair})


def equally_spaced(points: list[float]) -> bool:
    steps = [b - a for a, b in zip(points, points[1:], strict=False)]
    return max(steps) - min(steps) <= 2  # the legend rounds to whole people


def test_a_link_and_the_radio_choose_the_classes_the_map_draws(open_app):
    quantiles = open_app(**VIEW)
    linked = open_app(**VIEW, cls="equal")
    assert quantiles.radio(key="w_cls").value == "quantile"
    assert linked.radio(key="w_cls").value == "equal"
    by_quantile, by_step = class_bounds(texts(quantiles)), class_bounds(texts(linked))
    assert len(by_quantile) >= 3 and len(by_step) >= 3
    assert equally_spaced(edges(by_step)) and not equally_spaced(edges(by_quantile))
    assert fills(quantiles) != fills(linked)  # the layer is coloured by the chosen classes

    quantiles.radio(key="w_cls").set_value("equal").run()
    assert not quantiles.exception
    assert class_bounds(texts(quantiles)) == by_step
    assert fills(quantiles) == fills(linked)
    assert quantiles.query_params["cls"] in ("equal", ["equal"])
    linked.radio(key="w_cls").set_value("quantile").run()
    assert class_bounds(texts(linked)) == by_quantile


@pytest.mark.parametrize("method", ["quantile", "equal"])
def test_the_map_slide_draws_the_breaks_of_the_page(app, store, method):  # noqa: F811
    ident = synthetic_network(store, members=MEMBERS)
    params = {**VIEW, "cls": method}
    saved = repo.save_view(store, ident, "Karte", "", "", params, by=ADMIN)
    deck = repo.create_deck(store, ident, "Klases", [saved], by=ADMIN)
    slide = app(PRESENT, deck=str(deck), slide="1")
    page = app("pages/map.py", **params)
    on_page, on_slide = class_bounds(texts(page)), class_bounds(texts(slide))
    assert on_page and on_slide == on_page
    assert fills(slide) == fills(page)
