"""No page reads every value of a boundary version (issue 20: memory bounded at scale): each
loads what its view shows through benchlearn.views' loaders. Every page is run in AppTest
with fresh caches while each named query it runs is recorded."""

from __future__ import annotations

import pytest
import streamlit as st

from benchlearn import db

VIEW = {"my": "LV0020000", "cmp": "LV0021000,LV0023000", "ind": "population_avg", "year": "2024"}
PAGES = [
    ("pages/map.py", {}),
    ("pages/trends.py", {}),
    ("pages/benchmark.py", {}),
    ("pages/profile.py", {"tendences": "1"}),  # its trend charts open too
    ("pages/peers.py", {}),
    ("pages/indices.py", {}),
    ("pages/explorer.py", {}),
    ("pages/data.py", {}),
]


@pytest.mark.parametrize(("page", "extra"), PAGES, ids=[p for p, _ in PAGES])
def test_page_reads_only_its_view(open_app, monkeypatch, page, extra):
    asked: list[str] = []
    original = db.run

    def recording(con, name, **params):
        asked.append(name)
        return original(con, name, **params)

    monkeypatch.setattr(db, "run", recording)
    st.cache_data.clear()
    st.cache_resource.clear()
    open_app(page, **VIEW, **extra)
    assert asked, "the recorder saw no query: it is not on the path the pages use"
    assert "observations_in_version" not in asked
