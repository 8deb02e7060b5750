"""One state mechanism (issue 23): besides the view, a session keeps only what
viewstate.TRANSIENT names (private keys, "_..."), so nothing a person chose hides in a
session key of its own."""

from __future__ import annotations

import pytest

from benchlearn.ui.viewstate import TRANSIENT, VIEW

PAGES = [
    "pages/map.py", "pages/trends.py", "pages/benchmark.py", "pages/profile.py",
    "pages/peers.py", "pages/indices.py", "pages/explorer.py", "pages/console.py",
    "pages/data.py", "pages/networks.py", "pages/practices.py", "pages/contribute.py",
]  # fmt: skip
NAMED = {name.strip() for names in TRANSIENT for name in names.split(",")}


@pytest.mark.parametrize("page", PAGES)
def test_a_page_keeps_no_private_session_key_that_is_not_named(open_app, page):
    at = open_app(page, my="LV0020000", ind="population_avg")
    state = at.session_state._state  # SafeSessionState -> SessionState
    private = {k for k in state._state.filtered_state if k.startswith("_")} - {VIEW}
    assert "_seeded" in private  # the scan sees the private keys
    assert private <= NAMED, private - NAMED
