"""Pure helpers of benchlearn.userdata: links, deck steps, members across boundaries, search,
who may write what (roles, sign-in claims, the first administrators, the audit CSV) and the
presentation's enlarged charts."""

from __future__ import annotations

import pandas as pd
import pydeck as pdk
import pytest

from benchlearn.charts import trends as trend_charts
from benchlearn.charts.map import build_map
from benchlearn.userdata import access
from benchlearn.userdata.access import ANONYMOUS, Actor, Grant
from benchlearn.userdata.logic import (
    absolute_link,
    all_tags,
    members_in_version,
    move,
    network_id,
    networks_of,
    practices_for_indicators,
    search_practices,
    step,
    successor_map,
    view_link,
    without_language,
)
from benchlearn.userdata.presentation import enlarge_deck, enlarge_spec
from benchlearn.userdata.repository import NetworkInfo, PracticeInfo

MADONA, MADONA_2025, VARAKLANI = "LV0038000", "LV0038000_2025", "LV0055000"


def test_network_codes():
    assert network_id("net:12") == 12
    assert network_id("net:x") is None and network_id("all") is None and network_id(None) is None


def test_view_links_are_relative_and_carry_the_readers_language():
    params = {"ind": "population_avg", "cmp": "LV0001000,LV0002000", "lang": "en"}
    assert (
        view_link("tendences", params) == "./tendences?ind=population_avg&cmp=LV0001000,LV0002000"
    )
    assert view_link("", {"year": "2024"}, "en") == "./?year=2024&lang=en"
    assert without_language(params) == {"ind": "population_avg", "cmp": "LV0001000,LV0002000"}
    page = "https://example.lv/panelis/prezentacija?deck=3&slide=2"
    assert absolute_link(page, "./?year=2024") == "https://example.lv/panelis/?year=2024"
    assert absolute_link(None, "./?year=2024") == "./?year=2024"


@pytest.mark.parametrize(
    ("current", "count", "delta", "expected"),
    [(0, 3, 1, 1), (2, 3, 1, 2), (0, 3, -1, 0), (5, 3, 0, 2), (0, 0, 1, 0)],
)
def test_steps_stay_within_the_deck(current, count, delta, expected):
    assert step(current, count, delta) == expected


def test_move_reorders_one_item():
    assert move([1, 2, 3], 2, -1) == [1, 3, 2]
    assert move([1, 2, 3], 0, -1) == [1, 2, 3]
    assert move([1, 2, 3], 0, 5) == [2, 3, 1]
    assert move([1, 2, 3], 7, 1) == [1, 2, 3]


def _units() -> pd.DataFrame:
    """Synthetic parishes of two versions: Madona's and Varakļāni's parishes move into the
    merged Madona of 2025; Rīga's stays."""
    rows = [
        ("parish2021", "P1", MADONA),
        ("parish2025", "P1", MADONA_2025),
        ("parish2021", "P2", VARAKLANI),
        ("parish2025", "P2", MADONA_2025),
        ("parish2021", "P3", "LV0001000"),
        ("parish2025", "P3", "LV0001000"),
    ]
    return pd.DataFrame(rows, columns=["version", "unit_id", "parent_id"])


def test_members_follow_the_2025_merger_both_ways():
    successors = successor_map(_units())
    assert successors[MADONA_2025] == {MADONA, VARAKLANI}
    assert "LV0001000" not in successors
    lg2025 = ["LV0001000", MADONA_2025]
    lg2021 = ["LV0001000", MADONA, VARAKLANI]
    assert members_in_version([VARAKLANI, "LV0001000", MADONA], lg2025, successors) == [
        MADONA_2025,
        "LV0001000",
    ]
    assert members_in_version([MADONA_2025], lg2021, successors) == [MADONA, VARAKLANI]
    assert members_in_version(["LV9999999"], lg2021, successors) == []


def _practices() -> list[PracticeInfo]:
    """Synthetic entries."""
    return [
        PracticeInfo(
            id=1,
            title_lv="Līdzdalības budžets",
            unit_id="LV0029000",
            network_id=5,
            tags=("līdzdalība",),
            indicators=("population_avg",),
        ),
        PracticeInfo(id=2, title_lv="Plāns", unit_id="LV0025000", former_unit_id="LV0409500"),
        PracticeInfo(id=3, title_lv="Pētījums", title_en="Study", tags=("pētījums",)),
    ]


def test_search_folds_diacritics_and_combines_filters():
    entries = _practices()
    names = {"LV0029000": "Gulbenes novads", "LV0409500": "Vecumnieku novads"}
    assert [p.id for p in search_practices(entries, "lidzdalibas")] == [1]
    assert [p.id for p in search_practices(entries, "gulbenes budzets", names=names)] == [1]
    assert [p.id for p in search_practices(entries, "vecumnieku", names=names)] == [2]
    assert [p.id for p in search_practices(entries, unit="LV0409500")] == [2]
    assert [p.id for p in search_practices(entries, "study", tag="pētījums")] == [3]
    assert search_practices(entries, network=5, indicator="area_km2") == []
    assert [p.id for p in practices_for_indicators(entries, ["population_avg"])] == [1]
    assert all_tags(entries) == ["līdzdalība", "pētījums"]


def test_networks_of_a_unit_include_its_other_boundaries():
    nets = [
        NetworkInfo(id=1, name_lv="A", members=(MADONA,)),
        NetworkInfo(id=2, name_lv="B", members=("LV0001000",)),
    ]
    assert [n.id for n in networks_of(nets, MADONA_2025, {MADONA, VARAKLANI})] == [1]
    assert nets[0].name("en") == "A"  # falls back to Latvian when English is empty


@pytest.mark.parametrize(
    ("claims", "actor"),
    [
        ({}, ANONYMOUS),
        ({"email": "test@example.com"}, ANONYMOUS),  # AppTest's default: not signed in
        ({"is_logged_in": False, "email": "a@example.test"}, ANONYMOUS),
        (
            {"is_logged_in": True, "email": " A.B@Example.TEST ", "name": "Anna"},
            Actor("a.b@example.test", "Anna"),
        ),
        (
            {"is_logged_in": True, "email": "a@example.test"},
            Actor("a@example.test", "a@example.test"),
        ),
        ({"is_logged_in": True, "email": "a@example.test", "email_verified": False}, ANONYMOUS),
        ({"is_logged_in": True, "email": "<b>@x"}, ANONYMOUS),
        ({"is_logged_in": True, "name": "No mail"}, ANONYMOUS),
        ({"is_logged_in": "true", "email": "a@example.test"}, ANONYMOUS),
    ],
)
def test_who_is_signed_in_comes_from_verified_email_claims(claims, actor):
    assert access.actor_from_claims(claims) == actor


def test_the_first_administrators_setting_is_read_leniently():
    assert access.admin_list("A@x.lv, b@y.lv;c@z.lv  nonsense") == ["a@x.lv", "b@y.lv", "c@z.lv"]
    assert access.admin_list(["a@x.lv", 3, None]) == ["a@x.lv"]
    assert access.admin_list(None) == []


def _g(role: str, unit: str = "") -> Grant:
    return Grant("p@example.test", role, unit)


@pytest.mark.parametrize(
    ("grants", "action", "units", "ok"),
    [
        ([_g("admin")], "role.grant", (), True),
        ([_g("coordinator")], "role.grant", (), False),
        ([_g("coordinator")], "network.create", (), True),
        ([_g("coordinator")], "practice.delete", ("LV1",), True),
        ([_g("reader")], "view.save", (), False),
        ([], "network.create", (), False),
        ([_g("contributor", "LV1")], "network.create", (), False),
        ([_g("contributor", "LV1")], "practice.create", ("LV1",), True),
        ([_g("contributor", "LV1")], "practice.update", ("LV1", "LV2"), False),  # moving it
        (
            [_g("contributor", "LV1"), _g("contributor", "LV2")],
            "practice.update",
            ("LV1", "LV2"),
            True,
        ),
        ([_g("contributor", "LV1")], "practice.create", (None,), False),  # national entry
        ([_g("contributor", "LV1")], "practice.create", (), False),
    ],
)
def test_who_may_do_what(grants, action, units, ok):
    assert access.allowed(grants, action, units) is ok


def test_an_unlisted_action_is_a_programming_error():
    with pytest.raises(KeyError):
        access.allowed([_g("admin")], "network.rename")


def test_roles_held_and_editing_offered():
    assert access.roles_of([]) == ["reader"]
    assert access.roles_of([_g("contributor", "LV1"), _g("admin")]) == ["admin", "contributor"]
    assert access.may_edit_any([_g("contributor", "LV1")], "practice")
    assert not access.may_edit_any([_g("contributor", "LV1")], "network")
    assert access.contributor_units([_g("contributor", "LV2"), _g("contributor", "LV1")]) == [
        "LV1",
        "LV2",
    ]


def test_the_audit_csv_is_excel_safe():
    rows = [
        {
            "id": 1,
            "at": "2026-01-01 10:00:00+00:00",
            "actor": "a@example.test",
            "actor_name": '=HYPERLINK("http://x")',
            "action": "network.update",
            "target": "network",
            "target_id": "4",
            "old_value": {"name_lv": "Tīkls"},
            "new_value": None,
            "decision": "done",
            "reason": "@SUM(1)",
        }
    ]
    text = access.audit_csv(rows).decode("utf-8")
    assert text.startswith("\ufeffid,at,actor")
    assert "'=HYPERLINK" in text and "'@SUM(1)" in text
    assert '"{""name_lv"": ""Tīkls""}"' in text  # JSON, Latvian letters as they are


def test_presentation_charts_are_thicker_and_larger():
    frame = pd.DataFrame(
        {
            "series": ["a", "a"],
            "role": ["my", "my"],
            "label": ["Synthetic", "Synthetic"],
            "year": [2023, 2024],
            "value": [1.0, 2.0],
            "value_text": ["1", "2"],
            "source_text": ["", ""],
            "n": [1, 1],
            "n_total": [1, 1],
        }
    )
    spec = trend_charts.line_chart(frame, "%", "lv").to_dict()
    big = enlarge_spec(spec)
    widths = big["layer"][0]["encoding"]["strokeWidth"]["scale"]["range"]
    assert widths == [w * 2 for w in spec["layer"][0]["encoding"]["strokeWidth"]["scale"]["range"]]
    assert big["config"]["axis"]["labelFontSize"] >= 20
    assert big["config"]["locale"] == spec["config"]["locale"]  # the Latvian number format stays
    assert spec["layer"][0]["encoding"]["strokeWidth"]["scale"]["range"][0] == 4.5  # a copy


def test_presentation_map_has_thicker_borders_and_bigger_labels():
    collection = {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "geometry": None, "properties": {"width": 0.6}}],
    }
    labels = pd.DataFrame({"name": ["Rīga"], "lon": [24.1], "lat": [56.9]})
    deck = enlarge_deck(build_map(collection, labels))
    assert isinstance(deck, pdk.Deck)
    assert collection["features"][0]["properties"]["width"] == pytest.approx(1.2)
    text = next(layer for layer in deck.layers if layer.type == "TextLayer")
    assert text.get_size >= 20
