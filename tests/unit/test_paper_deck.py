"""A presentation deck as a PDF, one slide a page (benchlearn.deck_paper): a real PDF from
the built warehouse and a private user-data file, rendered by poppler (pdftoppm) and read
back as text (pdftotext), in Latvian and English, with names and anonymised. Synthetic
networks and decks, named as such."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.warehouse_support import real_names

pytestmark = pytest.mark.skipif(
    not (shutil.which("pdftoppm") and shutil.which("pdftotext")),
    reason="needs Debian's poppler-utils (make install-test)",
)

MEMBERS = ("LV0020000", "LV0021000", "LV0022000", "LV0023000")
VIEW = {"ind": "population_avg", "year": "2024", "my": "LV0020000", "cmp": "LV0021000,LV0022000"}
SPOT = "LV0020000"  # Aizkraukles novads
NOTE = "Jautājums: kāpēc Alūksnes novadā kāpj?"


@pytest.fixture
def store(tmp_path, monkeypatch, built_db):
    from benchlearn.userdata import db

    monkeypatch.setenv("BENCHLEARN_DB", str(built_db))
    url = f"sqlite:///{tmp_path / 'userdata.sqlite'}"
    monkeypatch.setenv(db.URL_SETTING, url)
    engine = db.get_engine(url)
    yield engine
    db.dispose(url)


@pytest.fixture
def deck(store):
    """A map (equal intervals), a trends, a comparison and a profile slide; a note on the
    trends slide that names a municipality."""
    from benchlearn.userdata import repository as repo
    from benchlearn.userdata.repository import NetworkInput
    from tests.userdata_support import admin

    by = admin(store)
    net = repo.create_network(
        store,
        NetworkInput(name_lv="Sintētisks tīkls", name_en="Synthetic network", members=MEMBERS),
        by=by,
    )
    views = [
        repo.save_view(store, net, "Karte", "", "", {**VIEW, "cls": "equal"}, by=by),
        repo.save_view(store, net, "Tendence", "", "tendences", VIEW, by=by),
        repo.save_view(
            store, net, "Tabula", "", "salidzinajums", {**VIEW, "grp": f"net:{net}"}, by=by
        ),
        repo.save_view(store, net, "Profils", "", "profils", {**VIEW, "my": "LV0021000"}, by=by),
    ]
    ident = repo.create_deck(store, net, "Sintētisks seminārs", views, by=by)
    repo.set_deck_note(store, ident, views[1], NOTE, by=by)
    return repo.get_deck(store, ident)


def make(store, deck, lang: str, anonymised: bool) -> bytes:
    from benchlearn import deck_paper
    from benchlearn.screens import look
    from benchlearn.ui import refdata

    room = look.room_for(refdata.reference(), deck, anonymised, SPOT if anonymised else None)
    link = f"https://example.lv/prezentacija?deck={deck.id}" + ("&anon=1" if anonymised else "")
    return deck_paper.deck_pdf(deck_paper.inputs_for(store, deck, room, link, lang))


def pdf_text(pdf: bytes) -> str:
    found = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return found.stdout.decode()


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_the_deck_pdf_has_a_title_page_and_a_page_per_slide(store, deck, lang, tmp_path):
    pdf = make(store, deck, lang, anonymised=False)
    assert pdf.startswith(b"%PDF")
    path = tmp_path / "deck.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert "841.89 x 595.276" in info or "841.89 x 595.28" in info  # A4 landscape
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages")))
    assert pages >= 1 + len(deck.slides)
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(path), str(tmp_path / "p")], check=True)
    rendered = sorted(tmp_path.glob("p*.png"))
    assert len(rendered) == pages and all(p.stat().st_size > 3_000 for p in rendered)
    text = pdf_text(pdf)
    flat = " ".join(text.split())
    assert "Sintētisks seminārs" in flat
    assert ("Sintētisks tīkls" if lang == "lv" else "Synthetic network") in flat
    assert f"prezentacija?deck={deck.id}" in flat  # the participants' link
    for title in ("Karte", "Tendence", "Tabula", "Profils"):
        assert title in flat
    assert ("Aizkraukles novads" if lang == "lv" else "Aizkraukle municipality") in flat
    # the sources with their retrieval dates, and the slide's discussion note
    assert "CSP" in flat and ("iegūts" if lang == "lv" else "retrieved") in flat
    assert NOTE in flat
    # each slide's page: the map's and the chart's figure are images, the table text
    assert ("Spēcīgākās pozīcijas" if lang == "lv" else "Strongest positions") in flat


def names(built_db) -> dict[str, set[str]]:
    return real_names(built_db)


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_the_anonymised_deck_pdf_names_no_one_but_the_spotlight(store, deck, built_db, lang):
    text = " ".join(pdf_text(make(store, deck, lang, anonymised=True)).split())
    known = names(built_db)
    for name in sorted(known[SPOT], key=len, reverse=True):  # "Aizkraukle" in its novads
        text = text.replace(name, "")
    leaked = sorted(
        {n for unit, ns in known.items() if unit != SPOT for n in ns if n in text}
        | {u for u in known if u != SPOT and u in text}
    )
    assert leaked == []
    assert "Alūksnes" not in text and "kāpēc" in text  # the note, masked
    assert "Tabula" in text and "CSP" in text
