"""Lettering for anonymised seminar slides (benchlearn.logic.anonymise) and the seminar
helpers (benchlearn.logic.seminar): hand-checked letters, one letter per municipality across
a deck, the spotlight left out, names masked in free text, the QR code made offline."""

from __future__ import annotations

from urllib.parse import unquote

import pytest

from benchlearn.logic import anonymise as an
from benchlearn.logic import seminar

UNITS = [f"LV00{i:02d}000" for i in range(1, 44)]  # 43 synthetic unit ids


@pytest.mark.parametrize(
    ("index", "expected"),
    [
        (0, "A"),
        (1, "B"),
        (25, "Z"),
        (26, "AA"),
        (27, "AB"),
        (51, "AZ"),
        (52, "BA"),
        (701, "ZZ"),
        (702, "AAA"),
    ],
)
def test_letters_run_like_spreadsheet_columns(index, expected):
    assert an.letter(index) == expected


def test_a_negative_index_is_refused():
    with pytest.raises(ValueError):
        an.letter(-1)


def test_the_units_a_deck_names_come_first_in_slide_order():
    params = [
        {"my": "LV0003000", "cmp": "LV0001000,LV0003000"},
        {"ind": "x"},
        {"ug": "Mana grupa: ar kolu:LV0002000,LV0001000", "my": "LV0004000"},
    ]
    assert an.named_units(params) == ["LV0003000", "LV0001000", "LV0004000", "LV0002000"]


def test_the_order_is_stable_named_first_and_the_rest_not_by_code():
    named = ["LV0030000", "LV0002000", "LV9999999"]  # the last is not a known unit
    order = an.deck_order(named, UNITS, salt="deck:7")
    assert order[:2] == ["LV0030000", "LV0002000"]
    assert sorted(order) == UNITS and len(order) == len(set(order))
    assert order == an.deck_order(named, list(reversed(UNITS)), salt="deck:7")  # stable
    rest = order[2:]
    assert rest != sorted(rest)  # not the codes' order, which would hint at names
    assert an.deck_order(named, UNITS, salt="deck:8")[2:] != rest  # each deck its own


def test_every_unit_but_the_spotlight_gets_one_letter_that_never_moves():
    order = an.deck_order(["LV0005000", "LV0006000", "LV0007000"], UNITS, "deck:1")
    letters = an.aliases(order)
    assert [letters[u] for u in ("LV0005000", "LV0006000", "LV0007000")] == ["A", "B", "C"]
    assert len(set(letters.values())) == 43 and letters[order[-1]] == "AQ"
    spotlit = an.aliases(order, spotlight="LV0006000")
    assert "LV0006000" not in spotlit and "B" not in spotlit.values()
    assert spotlit == {u: a for u, a in letters.items() if u != "LV0006000"}  # nobody renamed


def test_names_in_free_text_are_masked_longest_first():
    labels_lv = {"LV1": "Jelgava", "LV2": "Jelgavas novads", "LV3": "Ogres novads", "LV9": "X"}
    labels_en = {"LV1": "Jelgava", "LV2": "Jelgava municipality", "LV3": "Ogre municipality"}
    letters = {"LV1": "A", "LV2": "B", "LV9": "C"}  # LV3 is in the spotlight
    names = an.name_aliases([labels_lv, labels_en], letters)
    assert names == {"Jelgava": "A", "Jelgavas novads": "B", "Jelgava municipality": "B"}
    mask = an.masker(names)
    assert mask("Jelgavas novads pret Jelgava un Ogres novads") == "B pret A un Ogres novads"
    assert mask("Jelgava municipality; Jelgavas skola") == "B; As skola"  # no stem left over
    assert mask("") == "" and an.masker({})("Jelgava") == "Jelgava"


def test_a_county_named_in_another_case_gets_the_countys_letter():
    mask = an.masker({"Alūksnes novads": "B", "Alūksne": "FA"}, keep=["Ogres novads"])
    assert mask("Alūksnes novadā, Alūksnes novadam un Alūksne") == "B, B un FA"
    assert mask("Ogres novadā un Ogres novads") == "Ogres novadā un Ogres novads"


def test_the_spotlights_name_is_kept_even_where_a_masked_name_is_part_of_it():
    mask = an.masker({"Aizkraukle": "EZ", "LV0320200": "EZ"}, keep=["Aizkraukles novads"])
    assert mask("Aizkraukles novads un Aizkraukle (LV0320200)") == "Aizkraukles novads un EZ (EZ)"


def test_todays_units_come_before_former_ones_for_short_letters():
    former = [f"LV09{i:05d}" for i in range(100)]
    order = an.deck_order(["LV0001000"], [*former, *UNITS], "deck:2", current=UNITS)
    assert order[0] == "LV0001000" and set(order[1:43]) == set(UNITS[1:])
    letters = an.aliases(order)
    assert max((letters[u] for u in UNITS), key=lambda s: (len(s), s)) == "AQ"


def test_relabel_keeps_the_spotlight_name():
    assert an.relabel({"LV1": "Jelgava", "LV2": "Ogre"}, {"LV1": "A"}) == {
        "LV1": "A",
        "LV2": "Ogre",
    }


def test_the_qr_code_is_an_svg_made_in_memory():
    uri = seminar.qr_image("http://127.0.0.1:8501/prezentacija?deck=3&anon=1")
    assert uri.startswith("data:image/svg+xml")
    svg = unquote(uri.split(",", 1)[1])
    assert "viewBox" in svg and "<path" in svg and "width=" not in svg.split(">", 1)[0]


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0:00"), (-5, "0:00"), (59.2, "1:00"), (60, "1:00"), (61, "1:01"), (600, "10:00")],
)
def test_the_clock(seconds, text):
    assert seminar.clock(seconds) == text


def test_the_countdown_runs_in_the_browser_only_when_started():
    still = seminar.countdown_html(None, 5, "Taimeris", "Laiks beidzies")
    assert "5:00" in still and "<script" not in still
    running = seminar.countdown_html(90.4, 5, "Taimeris", "Laiks beidzies")
    assert "1:31" in running and "setInterval" in running and "Laiks beidzies" in running
