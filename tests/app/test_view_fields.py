"""One state mechanism (issue 23, item 1), the shared fields: for every field of the view a
person sets with a widget, a URL sets it, the widget shows it, and changing the widget writes
the new value back into the URL. The pages' own fields are in test_state_fields.py, the
explorer's filters in test_explorer.py."""

from __future__ import annotations

import pytest

from benchlearn.state import VIEW_FIELDS

TRENDS, MAP, COMPARISON = "pages/trends.py", "pages/map.py", "pages/benchmark.py"
BASE = {"ind": "population_avg", "year": "2024", "my": "LV0020000"}
BIRTHS = {"ind": "live_births"}  # has a per-capita companion: the trends page offers ?pc=

# field -> (page, the URL's value, the widget's type, what the widget shows for it, the
# value a person picks, what the URL then says: None = left out, being the default)
CASES = {
    "ind": (TRENDS, "population_avg", "selectbox", "population_avg", "deaths", "deaths"),
    "year": (TRENDS, "2020", "selectbox", 2020, 2022, "2022"),
    "my": (TRENDS, "LV0020000", "selectbox", "LV0020000", "LV0021000", "LV0021000"),
    "cmp": (
        TRENDS,
        "LV0021000",
        "multiselect",
        ["LV0021000"],
        ["LV0021000", "LV0022000"],
        "LV0021000,LV0022000",
    ),
    "grp": (TRENDS, "novadi", "selectbox", "novadi", "nuts:LV009", "nuts:LV009"),
    "bv": (MAP, "lg2021", "selectbox", "lg2021", "auto", None),
    "lang": (TRENDS, "en", "radio", "en", "lv", None),
    "theme": (COMPARISON, "roads", "selectbox", "roads", "population", "population"),
    "pc": (TRENDS, "1", "toggle", True, False, None),
    "cls": (MAP, "equal", "radio", "equal", "quantile", None),
    "hide": (MAP, "1", "toggle", True, False, None),
}
# set by the explorer's widgets (tests/app/test_explorer.py), or only by a link: the URL's
# own group is made by the peers page's "adopt" button and read from the link (ug)
ELSEWHERE = {"kind", "reg", "cols", "thr", "pmin", "pmax", "sx", "sy", "lx", "ly", "ug"}


def test_every_shared_field_is_tested():
    assert set(CASES) | ELSEWHERE == set(VIEW_FIELDS)


def url(at) -> dict[str, str]:
    return {k: (v[-1] if isinstance(v, list) else v) for k, v in at.query_params.items()}


@pytest.mark.parametrize("field", sorted(CASES))
def test_a_url_sets_the_field_the_widget_shows_it_and_a_change_writes_it_back(open_app, field):
    page, given, kind, shown, picked, written = CASES[field]
    at = open_app(page, **{**BASE, **(BIRTHS if field == "pc" else {}), field: given})
    widget = getattr(at, kind)(key=f"w_{field}")
    assert widget.value == shown
    assert url(at)[field] == given
    widget.set_value(picked).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["view"][field] == picked
    assert url(at).get(field) == written, url(at)
    # the rest of the view is still in the URL
    assert url(at).get("my") == ("LV0021000" if field == "my" else "LV0020000")
