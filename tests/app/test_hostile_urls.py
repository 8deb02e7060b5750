"""Every page opened with hostile links: superscript digits, 100 kB values, huge integers,
NUL and control characters, bidi overrides, percent-encoded junk and lists of 10 000 items.
No page may fail, each bad value is named in a notice, and a long list is a few notices."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from benchlearn.i18n import t
from benchlearn.navigation import PAGES
from benchlearn.state import MAX_LIST_NOTICES
from tests.app.conftest import APP, navigation_only

LINKS = {
    "mixed A": {
        "year": "2024²",
        "ind": "x" * 100_000,
        "deck": "9" * 40,
        "tikls": "1\x00",
        "slide": "\u202e2",
        "my": "%00%ff%E2%80%AE%2e%2e",
        "cmp": ",".join(["LV9999999"] * 10_000),
        "tendences": "1²",
    },
    "mixed B": {
        "ind": "²",
        "year": "9" * 40,
        "my": "\u202eLV0020000",
        "ug": "X:" + ",".join(["nope"] * 10_000),
        "deck": "٣",
        "slide": "x" * 100_000,
        "tikls": str(2**63),
        "thr": "population_avg:gt:\x1b[0m",
        "pmin": "¹²³",
        "tendences": "%31",
    },
}
NOTICE_START = "Saitē norādītā vērtība"  # notice.unknown in Latvian


@pytest.fixture
def arrive(built_db, monkeypatch):
    """arrive(page, query) -> a finished AppTest that arrived on `page` with that URL (the app
    starts on the map; the page then runs with the URL a browser would bring)."""
    monkeypatch.setenv("BENCHLEARN_DB", str(built_db))
    navigation_only(monkeypatch)

    def opener(page: str, query: dict[str, str]) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        at.query_params.update(query)
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        at.switch_page(page)
        at.query_params.update(query)
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return opener


@pytest.mark.parametrize("link", list(LINKS))
@pytest.mark.parametrize("page", [spec.script for spec in PAGES])
def test_hostile_links_open_every_page_with_notices(arrive, page, link):
    query = LINKS[link]
    at = arrive(page, query)
    notices = [w.value for w in at.warning if w.value.startswith(NOTICE_START)]
    for key in query:
        label = t(f"field.{key}", "lv")
        assert any(f"({label})" in n for n in notices), (key, notices)
    assert len(notices) <= MAX_LIST_NOTICES * len(query)  # not one per item of a long list
    assert all(len(n) < 300 for n in notices)  # the echoed values are cut short
    assert not any(c in n for n in notices for c in "\x00\x1b\u202e")
