"""benchlearn.load against a test server: two sessions walk every step through Streamlit's
websocket protocol and really reach the pages. No timing is asserted."""

from __future__ import annotations

import re
import urllib.parse

import pytest

from benchlearn import load
from benchlearn.i18n import t

pytestmark = pytest.mark.e2e


def test_two_sessions_walk_the_steps_and_reach_the_pages(app_url):
    port = urllib.parse.urlsplit(app_url).port
    assert port is not None
    options = load.Options(
        url=app_url,
        counts=(2,),
        think=(0.0, 0.0),
        ramp=0.0,
        timeout=60.0,
        deadline=120.0,
        warmup=False,
        pid=load.listening_pid(port),
    )
    lines: list[str] = []
    rounds = load.report(options, say=lines.append)

    assert len(rounds) == 1
    (two,) = rounds
    assert two.sessions == 2
    assert len(two.outcomes) == 2 * len(load.STEPS)
    assert [o.error for o in two.errors] == []
    assert [e for o in two.outcomes for e in o.exceptions] == []
    assert len(two.done) == 2 * len(load.STEPS)
    assert two.rss_mb is not None and two.rss_mb > 0  # the server and its children

    steps = [s.name for s in load.STEPS]
    for first in (0, len(steps)):  # each session's outcomes, in step order
        seen = {o.step: o.headings for o in two.outcomes[first : first + len(steps)]}
        assert t("sel.heading", "lv") in seen["map"]  # the sidebar was drawn
        # the map's title is the indicator: the widget change reached the server
        assert seen["map"][-1] != seen["indicator"][-1]
        assert t("trends.title", "lv") in seen["trends"]
        assert t("bench.title", "lv") in seen["comparison"]
        assert t("profile.title", "lv") in seen["profile"]
    # the link's municipality is the profile's (session 0 opened the map for Rīga)
    assert any("Rīga" in h for h in two.outcomes[len(steps) - 1].headings)

    assert re.fullmatch(
        r"load: 2 sessions, 0 errors, p95 \d+ ms = \d+\.\d x one session, RSS \d+ MB", lines[-1]
    )
    assert any(line.startswith("RSS growth per session: ") for line in lines)
