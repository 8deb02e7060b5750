"""What the networks page shows and submits, without Streamlit (benchlearn.userdata.logic):
a saved view's page name, a network's period, its select-box option and facts, the deck's
presentation link and the form's input; with odd inputs (unknown pages, missing years,
nothing recorded, what people typed)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from benchlearn.userdata.logic import (
    PAGE_NAMES,
    network_facts,
    network_input,
    network_option,
    page_name,
    period,
    presentation_link,
)
from benchlearn.userdata.repository import NetworkInfo, NetworkInput


def test_page_name_of_every_known_page_and_of_others():
    assert page_name("profils", "en") == "Profile"
    assert page_name("", "lv") == "Karte"  # the map, at the root
    for path in PAGE_NAMES:
        assert page_name(path, "en") and page_name(path, "lv")
    assert page_name("tads", "en") == "page “tads”"
    assert page_name("*bold*<b>", "en") == "page “\\*bold\\*&lt;b&gt;”"  # escaped markdown


def test_page_name_of_a_page_without_a_text(monkeypatch):
    monkeypatch.setitem(PAGE_NAMES, "jauna", "nav.not_yet_named")
    assert page_name("jauna", "en") == "page “jauna”"  # shown as stored, not an error


@pytest.mark.parametrize(
    ("start", "end", "shown"),
    [(2020, 2023, "2020–2023"), (2020, None, "2020"), (None, 2023, "2023"), (None, None, None)],
)
def test_period(start, end, shown):
    net = NetworkInfo(name_lv="Tīkls", period_start=start, period_end=end)
    assert period(net, "en") == (shown or "not recorded")
    assert network_option(net, "en") == f"Tīkls ({shown or 'not recorded'})"


def test_network_option_is_plain_text_in_the_language():
    net = NetworkInfo(name_lv="**Tīkls**", name_en="", period_start=2021)
    assert network_option(net, "en") == "**Tīkls** (2021)"  # a select box shows text as is
    net = NetworkInfo(name_lv="Tīkls", name_en="Network", period_start=2021)
    assert network_option(net, "en") == "Network (2021)"
    assert network_option(net, "lv") == "Tīkls (2021)"


def test_network_facts_of_a_network_with_everything_recorded():
    net = NetworkInfo(name_lv="T", period_start=2020, period_end=2023, coordinator="VARAM")
    facts = network_facts(net, ["Ape", "Bauska"], ["Population"], "en")
    assert facts == {
        "period": "**Period:** 2020–2023",
        "coordinator": "**Coordinator:** VARAM",
        "members": "**Members (2):** Ape, Bauska",
        "indicators": "**Indicator set (1):** Population",
        "missing": None,
    }


def test_network_facts_name_what_is_not_recorded():
    facts = network_facts(NetworkInfo(name_lv="T"), [], [], "en")
    assert facts["period"] == "**Period:** *not recorded*"
    assert facts["coordinator"] == "**Coordinator:** *not recorded*"
    assert facts["members"] == "**Members (0):** *not recorded*"
    assert facts["indicators"] == "**Indicator set (0):** *not recorded*"
    assert facts["missing"] == (
        "Not recorded in the sources: period, coordinator, members, indicator set. "
        "An editor can add it."
    )
    one_year = network_facts(NetworkInfo(name_lv="T", period_end=2024), ["A"], ["I"], "en")
    assert one_year["period"] == "**Period:** 2024"
    assert one_year["missing"] == "Not recorded in the sources: coordinator. An editor can add it."


def test_network_facts_escape_the_coordinator():
    facts = network_facts(NetworkInfo(name_lv="T", coordinator="<b>*x*</b>"), [], [], "lv")
    assert "<b>" not in facts["coordinator"] and "*x*" not in facts["coordinator"]


def test_presentation_link_carries_the_deck_and_a_language_other_than_latvian():
    lv = presentation_link("https://example.org/app/tikli?tikls=3", 7, "lv")
    en = presentation_link("https://example.org/app/tikli", 7, "en")
    assert urlsplit(lv).path.endswith("/prezentacija") and parse_qs(urlsplit(lv).query) == {
        "deck": ["7"]
    }
    assert parse_qs(urlsplit(en).query) == {"deck": ["7"], "lang": ["en"]}
    assert presentation_link(None, 7, "lv").endswith("prezentacija?deck=7")


def test_network_input_from_the_form():
    base = NetworkInfo(name_lv="Old", source_lv="Avots", source_en="Source", id=4)
    texts = {
        "name_lv": "Jauns",
        "name_en": "New",
        "coordinator": "C",
        "description_lv": "A",
        "description_en": "B",
    }
    made = network_input(
        base, start=2020.0, end=None, members=["A", "B"], indicators=iter(["i"]), **texts
    )
    assert made == NetworkInput(
        **texts,
        period_start=2020,
        period_end=None,
        source_lv="Avots",
        source_en="Source",
        members=("A", "B"),
        indicators=("i",),
    )
    assert type(made) is NetworkInput  # not the stored record it started from
    empty = network_input(
        NetworkInfo(name_lv=""),
        start=None,
        end=None,
        members=[],
        indicators=[],
        **{**texts, "name_lv": ""},
    )
    assert (empty.period_start, empty.members, empty.source_lv) == (None, (), "")
