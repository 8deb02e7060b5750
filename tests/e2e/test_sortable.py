"""The sortable table's script in headless Chromium, on a synthetic table outside the app:
header clicks cycle through the column's first direction, the other, and the page's order;
rows without a value stay last; names sort by the places the server gave them."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from benchlearn.charts.tables import sortable_table

pytestmark = pytest.mark.e2e

NAMES = ["Dagda", "Čaklā", "Cēsis", "Ādaži", "Bauska"]
VALUES = [3.0, math.nan, 10.0, 3.0, -1.5]  # a tie (Dagda, Ādaži) and a missing value
PLACES = [4, 3, 2, 0, 1]  # the order the server gives; the browser (in lv-LV) adds none


def synthetic_table(lang: str) -> str:
    columns = pd.MultiIndex.from_tuples([("", "Name"), ("Synthetic", "Value")])
    texts = pd.DataFrame({0: NAMES, 1: [str(v) for v in VALUES]})
    texts.columns = columns
    keys = pd.DataFrame({0: PLACES, 1: VALUES})
    table = sortable_table(texts, keys=keys, label="Synthetic", lang=lang, descending_first=[1])
    return f"<!doctype html><html><body>{table}</body></html>"


def names(page) -> list[str]:
    return page.locator("tbody th").all_inner_texts()


def header(page, name: str):
    return page.get_by_role("columnheader", name=name, exact=True)


def test_clicks_cycle_first_direction_other_direction_and_the_page_order(page):
    page.set_content(synthetic_table("lv"))
    value = header(page, "Value")
    value.get_by_role("button").click()
    assert value.get_attribute("aria-sort") == "descending"  # values: largest first
    assert names(page) == ["Cēsis", "Dagda", "Ādaži", "Bauska", "Čaklā"]  # tie: page order
    value.get_by_role("button").press("Enter")  # the keyboard sorts too
    assert value.get_attribute("aria-sort") == "ascending"
    assert names(page) == ["Bauska", "Dagda", "Ādaži", "Cēsis", "Čaklā"]  # missing still last
    value.get_by_role("button").click()
    assert value.get_attribute("aria-sort") is None
    assert names(page) == NAMES


def test_one_column_sorted_at_a_time(page):
    page.set_content(synthetic_table("lv"))
    header(page, "Value").get_by_role("button").click()
    header(page, "Name").get_by_role("button").click()
    assert header(page, "Name").get_attribute("aria-sort") == "ascending"
    assert header(page, "Value").get_attribute("aria-sort") is None


def test_names_sort_by_their_places(page):
    page.set_content(synthetic_table("lv"))
    header(page, "Name").get_by_role("button").click()
    assert names(page) == ["Ādaži", "Bauska", "Cēsis", "Čaklā", "Dagda"]
    header(page, "Name").get_by_role("button").click()
    assert names(page) == ["Dagda", "Čaklā", "Cēsis", "Bauska", "Ādaži"]
