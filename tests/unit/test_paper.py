"""The council paper (benchlearn.paper): a real PDF from the built warehouse, rendered by
poppler (pdftoppm) and read back as text (pdftotext)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import time

import pytest

pytestmark = pytest.mark.skipif(
    not (shutil.which("pdftoppm") and shutil.which("pdftotext")),
    reason="needs Debian's poppler-utils (make install-test)",
)

UNIT = "LV0020000"  # Aizkraukles novads
PEERS = ("LV0021000", "LV0022000", "LV0023000", "LV0024000", "LV0025000")
ACTION = "Sintētisks bibliotēku plāns"


@pytest.fixture
def store(tmp_path, monkeypatch):
    """A user-data file of this test with one recorded improvement action of UNIT."""
    from benchlearn.userdata import db
    from benchlearn.userdata import repository as repo
    from benchlearn.userdata.repository import ActionInput, NetworkInput
    from tests.userdata_support import admin

    url = f"sqlite:///{tmp_path / 'userdata.sqlite'}"
    monkeypatch.setenv(db.URL_SETTING, url)
    engine = db.get_engine(url)
    by = admin(engine)
    net = repo.create_network(
        engine, NetworkInput(name_lv="Sintētisks tīkls", members=(UNIT, PEERS[0])), by=by
    )
    repo.create_action(
        engine,
        ActionInput(
            unit_id=UNIT,
            title=f"{ACTION} ![pikselis](https://tracker.example/n.gif)",
            indicators=("population_avg",),
            start=dt.date(2021, 3, 1),
            link="https://example.lv/plans.pdf",
            network_id=net,
        ),
        by=by,
    )
    yield engine
    db.dispose(url)


@pytest.fixture
def paper(built_db, monkeypatch, store):
    monkeypatch.setenv("BENCHLEARN_DB", str(built_db))
    from benchlearn import actions_panel, paper
    from benchlearn.ui import refdata

    # a small group: among all 43 Aizkraukle has no indicator in a best or worst quarter
    # (positions are those quarters only), and the paper is to show positions with gaps
    members = (UNIT, *PEERS)
    cards = [{"label": "Platība", "value": "5 126 km²"}]

    def make(lang: str) -> bytes:
        inputs = paper.ProfileInputs(UNIT, "lg2025", members, "peers", PEERS, "Visas", lang)
        # the actions as the profile page reads them and passes them to the paper
        actions = actions_panel.profile_actions(
            refdata.reference(), UNIT, "lg2025", "peers", PEERS, lang
        )
        return paper.profile_pdf(inputs, cards, actions)

    return make


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_the_paper_renders_and_says_who_what_and_where_from(paper, lang, tmp_path):
    started = time.perf_counter()
    pdf = paper(lang)
    print(f"profile PDF ({lang}): {time.perf_counter() - started:.2f} s, {len(pdf)} bytes")
    assert pdf.startswith(b"%PDF")
    path = tmp_path / "paper.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(path), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page*.png"))
    assert len(pages) >= 2  # the positions, then the trend charts
    assert all(p.stat().st_size > 5_000 for p in pages)  # drawn, not blank
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert "595.276 x 841.89" in info or "595.28 x 841.89" in info  # A4
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    name = "Aizkraukles novads" if lang == "lv" else "Aizkraukle municipality"
    assert name in text
    assert "Alūksnes novads" in text if lang == "lv" else "Alūksne municipality" in text
    # the sources with their retrieval dates, under the figures and in the list
    assert "CSP" in text and "IRS031" in text
    assert ("iegūts" if lang == "lv" else "retrieved") in text
    # the positions with their gaps in words, and the trend charts' own text
    assert ("Spēcīgākās pozīcijas" if lang == "lv" else "Strongest positions") in text
    assert ("līdzīgajās pašvaldībās" if lang == "lv" else "similar municipalities") in text
    assert ("Tendences" if lang == "lv" else "Trends") in text
    assert "ā" in text or lang == "en"  # Latvian letters come through as text
    # the improvement action: title (as text), network, plan, dates, the
    # aimed indicator's change against the similar municipalities, and the caveat
    flat = " ".join(text.split())
    from benchlearn.i18n import t

    assert t("act.title", lang) in flat
    assert ACTION in flat and "![" not in flat  # what was typed, as text: no image
    assert "Sintētisks tīkls" in flat and "https://example.lv/plans.pdf" in flat
    assert ("no 01.03.2021" if lang == "lv" else "from 2021-03-01") in flat
    indicator = "Vidējais gada iedzīvotāju skaits" if lang == "lv" else "Annual average population"
    assert indicator in flat
    assert ("kopš 2021. gada" if lang == "lv" else "since 2021") in flat
    assert " ".join(t("act.caveat", lang).split()) in flat


def test_the_paper_says_when_no_action_is_recorded_or_the_store_is_down(built_db, monkeypatch):
    monkeypatch.setenv("BENCHLEARN_DB", str(built_db))
    from benchlearn import paper
    from benchlearn.i18n import t

    for actions, key in (([], "act.none"), (None, "act.unavailable")):
        inputs = paper.ProfileInputs(UNIT, "lg2025", (UNIT, *PEERS), "peers", PEERS, "", "en")
        pdf = paper.profile_pdf(inputs, [], actions)
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
        assert " ".join(t(key, "en").split()) in " ".join(text.split())
