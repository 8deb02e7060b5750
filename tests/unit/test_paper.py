"""The council paper (benchlearn.paper): a real PDF from the built warehouse, rendered by
poppler (pdftoppm) and read back as text (pdftotext)."""

from __future__ import annotations

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


@pytest.fixture
def paper(built_db, monkeypatch):
    monkeypatch.setenv("BENCHLEARN_DB", str(built_db))
    from benchlearn import paper

    # a small group: among all 43 Aizkraukle has no indicator in a best or worst quarter
    # (positions are those quarters only), and the paper is to show positions with gaps
    members = (UNIT, *PEERS)
    cards = [{"label": "Platība", "value": "5 126 km²"}]

    def make(lang: str) -> bytes:
        return paper.profile_pdf(UNIT, "lg2025", members, "peers", PEERS, "Visas", cards, lang)

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
