"""Improvement actions on the pages (issue 21, part 3; AppTest): a recorded action appears on
trends (a rule at its start on its municipality's line, its title in the tooltip, a note
under the chart) and on the profile (what each aimed indicator did against the peers, with
the caveat), the network page lists its members' actions; hostile titles stay text; the
form shows only to whom the role allows, and a contributor records an action through it."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

from benchlearn.i18n import t
from benchlearn.userdata import repository as repo
from benchlearn.userdata.access import Actor
from benchlearn.userdata.repository import ActionInput, NetworkInput
from tests.app.conftest import html_tables, texts
from tests.app.test_hostile_usertext_pages import Tags, assert_safe
from tests.app.test_seminar_pages import app, store  # noqa: F401 (fixtures)
from tests.userdata_support import ADMIN, READER

TRENDS, PROFILE, NETWORKS = "pages/trends.py", "pages/profile.py", "pages/networks.py"
MY, OTHER = "LV0020000", "LV0021000"
TRACKER = "https://tracker.example"
TITLE = f"Bibliotēku plāns ![pikselis]({TRACKER}/n.gif) <img src={TRACKER}/i.gif>"
OWN = Actor("own@example.test", "Sintētisks ziņotājs")


@pytest.fixture
def recorded(store):  # noqa: F811
    net = repo.create_network(
        store, NetworkInput(name_lv="Sintētisks tīkls", members=(MY, OTHER)), by=ADMIN
    )
    ident = repo.create_action(
        store,
        ActionInput(
            unit_id=MY,
            title=TITLE,
            indicators=("population_avg",),
            start=dt.date(2021, 3, 1),
            link="https://example.lv/plans.pdf",
            network_id=net,
        ),
        by=ADMIN,
    )
    return {"net": net, "action": ident}


def rule_layer(at) -> tuple[dict, list[dict]]:
    proto = at.get("vega_lite_chart")[0].proto
    spec = json.loads(proto.spec)
    (rule,) = [layer for layer in spec["layer"] if layer["mark"]["type"] == "rule"]
    (data,) = [d for d in proto.datasets if d.name == rule["data"]["name"]]
    return rule, convert_arrow_bytes_to_pandas_df(data.data.data).to_dict("records")


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_a_recorded_action_appears_on_trends(app, recorded, lang):  # noqa: F811
    at = app(TRENDS, lang=lang, my=MY, cmp=OTHER, ind="population_avg", year="2024")
    rule, rows = rule_layer(at)
    assert [r["year"] for r in rows] == [2021]
    assert rows[0]["action_title"].startswith("Bibliotēku plāns")
    assert "![" not in rows[0]["action_title"]  # plain text: the markdown image is gone
    titles = [tip["title"] for tip in rule["encoding"]["tooltip"]]
    assert t("act.tooltip_title", lang) in titles
    note = next(c.value for c in at.caption if c.value.startswith(t("act.trend_note", lang)[:20]))
    assert "Bibliot" in note and "tracker\\.example" in note
    assert_safe(at)
    # not on another indicator's chart
    at = app(TRENDS, lang=lang, my=MY, cmp=OTHER, ind="population_density", year="2024")
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert all(layer["mark"]["type"] != "rule" for layer in spec["layer"])


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_a_recorded_action_appears_on_the_profile(app, recorded, lang):  # noqa: F811
    at = app(PROFILE, lang=lang, my=MY)
    shown = texts(at)
    assert t("act.title", lang) in [s.value for s in at.subheader]
    assert "Bibliot" in shown
    since = "kopš 2021. gada" if lang == "lv" else "since 2021"
    assert since in shown
    assert t("act.caveat", lang) in shown
    joined = assert_safe(at)
    assert "example\\.lv" in joined  # the plan's link shows its target
    assert t("act.form", lang) not in [e.label for e in at.expander]  # signed out: no form


def test_the_network_page_lists_members_actions(app, recorded):  # noqa: F811
    at = app(NETWORKS, lang="en", tikls=str(recorded["net"]))
    frames = [f for f in html_tables(at) if t("act.col_title", "en") in f.columns]
    assert len(frames) == 1
    row = frames[0].iloc[0]
    assert row[t("act.col_start", "en")] == "2021-03-01"
    assert row[t("act.col_plan", "en")] == "https://example.lv/plans.pdf"
    assert "Bibliotēku plāns" in row[t("act.col_title", "en")]
    assert "tracker.example" in row[t("act.col_title", "en")]  # shown as text
    for block in at.get("html"):  # and no tag of it loads anything
        tags = Tags()
        tags.feed(str(block.proto.body))
        assert not tags.outside, tags.outside


def test_the_form_shows_by_role_and_a_contributor_records_an_action(app, store):  # noqa: F811
    assert t("act.form", "en") not in [
        e.label for e in app(PROFILE, user=READER, lang="en", my=MY).expander
    ]
    repo.grant_role(store, OWN.principal, "contributor", OTHER, by=ADMIN)
    at = app(PROFILE, user=OWN, lang="en", my=MY)  # another municipality's contributor
    assert t("act.form", "en") not in [e.label for e in at.expander]
    repo.grant_role(store, OWN.principal, "contributor", MY, by=ADMIN)
    at = app(PROFILE, user=OWN, lang="en", my=MY)
    assert t("act.form", "en") in [e.label for e in at.expander]
    form_inputs = [w for w in at.text_input if w.label == t("act.field_title", "en")]
    form_inputs[0].input("Sintētisks pasākums")
    (pick,) = [m for m in at.multiselect if m.label == t("act.field_indicators", "en")]
    pick.select("population_avg")
    (link,) = [w for w in at.text_input if w.label == t("act.field_link", "en")]
    link.input("https://example.lv/plan")
    (submit,) = [b for b in at.button if b.label == t("act.save", "en")]
    submit.click().run()
    assert not at.exception, [e.value for e in at.exception]
    (made,) = repo.list_actions(store, [MY])
    assert (made.title, made.indicators, made.created_by) == (
        "Sintētisks pasākums",
        ("population_avg",),
        OWN.principal,
    )
    assert "Sintētisks pasākums" in texts(at)
