"""The seminar room in presentation mode (issue 21, part 4) in AppTest, in Latvian and
English: the title slide with the participants' link and QR code; anonymised slides (no
real name but the spotlight's anywhere in the text, tables, chart data or map data; one
letter per municipality across the deck); the spotlight; discussion notes; the timer; and
the settings in the URL. Synthetic networks and decks, named as such."""

from __future__ import annotations

import json
import re

import pytest

from benchlearn.userdata import repository as repo
from tests.app import test_seminar_pages as pages
from tests.app.conftest import texts
from tests.app.test_seminar_pages import MEMBERS, PRESENT, VIEW, button, synthetic_network
from tests.userdata_support import ADMIN, COORDINATOR, READER
from tests.warehouse_support import real_names

SPOT = "LV0020000"
app, store = pages.app, pages.store  # the fixtures: a private user-data file, the app on it


@pytest.fixture
def names(built_db) -> dict[str, set[str]]:
    """unit id -> its real names (Latvian and English) in the warehouse."""
    return real_names(built_db)


def seminar_deck(store) -> tuple[int, list[int]]:
    """A map, a trends and a comparison slide, and a profile slide of the view's own unit."""
    ident = synthetic_network(store, members=MEMBERS)
    view = {**VIEW, "cmp": "LV0021000,LV0022000"}
    views = [
        repo.save_view(
            store, ident, "Karte", "", "", {**view, "ind": "population_density"}, by=ADMIN
        ),
        repo.save_view(store, ident, "Tendence", "", "tendences", view, by=ADMIN),
        repo.save_view(
            store, ident, "Tabula", "", "salidzinajums", {**view, "grp": f"net:{ident}"}, by=ADMIN
        ),
        repo.save_view(
            store, ident, "Profils", "", "profils", {**view, "my": "LV0021000"}, by=ADMIN
        ),
    ]
    return repo.create_deck(store, ident, "Sintētisks seminārs", views, by=ADMIN), views


def everything(at) -> str:
    """All a participant's browser receives of a slide: text, tables, chart and map data."""
    parts = [texts(at)]
    parts += [json.dumps(json.loads(c.proto.spec)) for c in at.get("vega_lite_chart")]
    parts += [c.proto.json for c in at.get("deck_gl_json_chart")]
    parts += [h.proto.body for h in at.get("html")]
    parts += [table.value.to_csv() for table in at.table]
    return "\n".join(parts)


def leaked(shown: str, names: dict[str, set[str]], spot: str | None) -> list[str]:
    """Real names and unit ids in `shown`, but the spotlight's (taken out first: the name
    "Aizkraukles novads" contains the former town "Aizkraukle")."""
    for name in sorted(names.get(spot, ()), key=len, reverse=True):
        shown = shown.replace(name, "")
    found = {n for unit, ns in names.items() if unit != spot for n in ns if n in shown}
    return sorted(found | {u for u in names if u != spot and u in shown})


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_the_title_slide_has_the_participants_link_and_its_qr_code(app, store, lang):
    deck, _ = seminar_deck(store)
    at = app(PRESENT, lang=lang, deck=str(deck), anon="1", spot=SPOT)
    assert at.title[0].value == "Sintētisks seminārs"
    shown = texts(at)
    assert ("4 slaidi" if lang == "lv" else "4 slides") in shown
    link = re.search(r"\./prezentacija\?[^)\s\"']+", shown).group()
    assert f"deck={deck}" in link and "anon=1" in link and f"spot={SPOT}" in link
    assert ("lang=en" in link) == (lang == "en")
    (qr,) = [h.proto.body for h in at.get("html") if "bl-qr" in h.proto.body]
    assert "src='data:image/svg+xml" in qr and "QR" in qr
    button(at, "Nākamais" if lang == "lv" else "Next").click().run()
    assert at.title[0].value == "Karte"


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_anonymised_slides_never_show_a_name_but_the_spotlights(app, store, names, lang):
    deck, _ = seminar_deck(store)
    at = app(PRESENT, lang=lang, deck=str(deck), slide="1", anon="1", spot=SPOT)
    nxt = "Nākamais" if lang == "lv" else "Next"
    seen = []
    for title in ("Karte", "Tendence", "Tabula", "Profils"):
        assert at.title[0].value == title
        shown = everything(at)
        assert leaked(shown, names, SPOT) == [], title
        seen.append(shown)
        if title != "Profils":
            button(at, nxt).click().run()
    assert not at.exception
    # the spotlight keeps its name and is marked as "my municipality" in the table
    assert any(n in seen[2] for n in names[SPOT])


def test_letters_are_the_same_on_every_slide(app, store):
    """The units the deck names get A, B, C in order (the view's own, then its compared),
    and keep them in the trends legend, the comparison table and the profile heading."""
    deck, _ = seminar_deck(store)
    at = app(PRESENT, deck=str(deck), slide="2", anon="1")
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    legend = spec["layer"][0]["encoding"]["color"]["scale"]["domain"]
    assert legend[:3] == ["A", "B", "C"]  # LV0020000, LV0021000, LV0022000
    assert "LV00" not in json.dumps(spec)  # the data's unit ids masked as well
    button(at, "Nākamais").click().run()
    rows = [r.removeprefix("★ ") for r in at.table[0].value.iloc[:, 0]]  # ★: the view's own
    assert {"A", "B", "C"} <= set(rows) and len(rows) == len(MEMBERS) == len(set(rows))
    button(at, "Nākamais").click().run()
    assert at.subheader[0].value == "B"  # the profile of LV0021000


def test_the_spotlight_is_highlighted_as_my_municipality(app, store, names):
    deck, _ = seminar_deck(store)
    at = app(PRESENT, deck=str(deck), slide="3", spot="LV0022000")
    frame = at.table[0].value
    first = str(frame.iloc[0, 0])  # my municipality's row, first and marked
    assert any(n in first for n in names["LV0022000"]) and first[0] not in "ABCDEFGH"


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_a_coordinator_keeps_discussion_notes_with_the_slide(app, store, lang):
    deck, views = seminar_deck(store)
    at = app(PRESENT, lang=lang, user=COORDINATOR, deck=str(deck), slide="2")
    label = "Piezīmes šim slaidam" if lang == "lv" else "Notes for this slide"
    next(a for a in at.text_area if a.label == label).input("Jautājums: kāpēc kāpj?")
    button(at, "Saglabāt piezīmes" if lang == "lv" else "Save the notes").click().run()
    assert not at.exception
    assert repo.deck_notes(store, deck) == {views[1]: "Jautājums: kāpēc kāpj?"}
    assert repo.list_audit(store)[0]["action"] == "deck.note"
    reader = app(PRESENT, lang=lang, user=READER, deck=str(deck), slide="2")
    assert "kāpēc kāpj" in texts(reader) and not reader.text_area  # shown escaped


def test_notes_are_masked_and_not_editable_while_anonymised(app, store):
    deck, views = seminar_deck(store)
    repo.set_deck_note(store, deck, views[1], "Jelgava pret Ogri", by=ADMIN)
    at = app(PRESENT, user=COORDINATOR, deck=str(deck), slide="2", anon="1")
    shown = texts(at)
    assert "Jelgava" not in shown and "pret Ogri" in shown
    assert not [a for a in at.text_area if a.label == "Piezīmes šim slaidam"]
    assert "anonimizēšana ir izslēgta" in shown


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_the_timer_counts_down_in_the_browser(app, store, lang):
    deck, _ = seminar_deck(store)
    at = app(PRESENT, lang=lang, deck=str(deck), slide="1", timer="15")
    (clock,) = [h.proto.body for h in at.get("html") if "bl-timer" in h.proto.body]
    assert "15:00" in clock and "<script" not in clock  # not started
    next(b for b in at.button if b.key == "timer_start").click().run()
    (clock,) = [h.proto.body for h in at.get("html") if "bl-timer" in h.proto.body]
    assert "setInterval" in clock and re.search(r"1[45]:[0-9]{2}", clock)
    assert at.query_params.get("timer") in (["15"], "15")


def test_the_settings_travel_in_the_url_and_bad_ones_are_reported(app, store):
    deck, _ = seminar_deck(store)
    at = app(PRESENT, deck=str(deck), slide="2", anon="1", spot=SPOT, timer="10")
    params = {k: (v[-1] if isinstance(v, list) else v) for k, v in at.query_params.items()}
    assert {k: params.get(k) for k in ("anon", "spot", "timer", "slide")} == {
        "anon": "1",
        "spot": SPOT,
        "timer": "10",
        "slide": "2",
    }
    at = app(PRESENT, deck=str(deck), anon="ja", spot="LV9999999", timer="999")
    shown = " ".join(w.value for w in at.warning) + texts(at)
    for label in ("anonimizēt", "izceltā pašvaldība", "taimeris (minūtes)"):
        assert label in shown
    assert at.title[0].value == "Sintētisks seminārs"  # the deck still opens
