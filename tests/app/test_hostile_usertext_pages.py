"""Hostile user text on the pages (AppTest): a network, a saved view, a deck and a practice
whose every field tries to load an image from a tracker, smuggle HTML or hide a link. Each
page that shows them must hand Streamlit markdown with no image, no HTML tag and no source
pointing outside, and show the targets of the links it keeps."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from streamlit.testing.v1 import AppTest

from benchlearn.userdata import db
from benchlearn.userdata import repository as repo
from benchlearn.userdata.repository import NetworkInput, PracticeInput
from tests.app.conftest import APP, navigation_only
from tests.userdata_support import admin

TRACKER = "https://tracker.example"
MEMBERS = ("LV0020000", "LV0021000", "LV0022000", "LV0025000")
VIEW = {"ind": "population_avg", "year": "2024", "my": "LV0020000", "cmp": "LV0021000"}
PIXEL = f"![pikselis]({TRACKER}/n.gif)"
HTML = f"<img src={TRACKER}/i.gif>"
LINK = "[lapa](https://example.lv/lapa)"
LINK_SHOWN = "\\(https\\:\\/\\/example\\.lv\\/lapa\\)"  # the target, visible after the link
NOTE = (
    f"Piezīme {PIXEL} un {HTML}\n\n![a][r]\n\n[r]: {TRACKER}/r.gif\n\n"
    f"- {LINK}\n- [x](javascript:alert(1)) <!-- {HTML} -->\n\n:red[sarkans] $x$ "
    f"<svg><image href='{TRACKER}/s.gif'/></svg> <b style=\"background:url({TRACKER}/c.gif)\">"
)


def store_hostile(engine) -> dict[str, int]:
    """The hostile network (with members, so it is a group), two saved views with hostile
    notes, a deck of them and a practice of Bauskas novads; their ids."""
    by = admin(engine)
    net = repo.create_network(
        engine,
        NetworkInput(
            name_lv=f"Tīkls {PIXEL} {HTML}",
            name_en=f"Network {PIXEL} {HTML}",
            coordinator=f"[Koordinators](javascript:alert(1)) {PIXEL}",
            description_lv=NOTE,
            description_en=NOTE,
            source_lv=f"Avots {PIXEL}",
            source_en=f"Source {PIXEL}",
            members=MEMBERS,
            indicators=("population_avg", "population_density"),
        ),
        by=by,
    )
    views = [
        repo.save_view(
            engine,
            net,
            f"Skats {PIXEL}",
            NOTE,
            "tendences",
            {**VIEW, "grp": f"net:{net}"},
            by=by,
        ),
        repo.save_view(engine, net, f"Karte {HTML}", NOTE, "", VIEW, by=by),
    ]
    deck = repo.create_deck(engine, net, f"Seminārs {PIXEL} {HTML}", views, by=by)
    practice = repo.create_practice(
        engine,
        PracticeInput(
            title_lv=f"Prakse {PIXEL} {HTML}",
            title_en=f"Practice {PIXEL} {HTML}",
            unit_id="LV0025000",
            network_id=net,
            indicators=("population_avg",),
            summary_lv=NOTE,
            summary_en=NOTE,
            link=f"https://example.lv/doc)![x]({TRACKER}/l.gif)",
            tags=(f"![t]({TRACKER}/t.gif)",),
            source_lv=f"Avots {HTML}",
        ),
        by=by,
    )
    return {"net": net, "deck": deck, "practice": practice}


@pytest.fixture
def hostile(tmp_path, monkeypatch):
    """A private user-data file holding the hostile records."""
    url = f"sqlite:///{tmp_path / 'userdata.sqlite'}"
    monkeypatch.setenv(db.URL_SETTING, url)
    yield store_hostile(db.get_engine(url))
    db.dispose(url)


@pytest.fixture
def app(built_db, monkeypatch, hostile):
    monkeypatch.setenv("BENCHLEARN_DB", str(built_db))
    navigation_only(monkeypatch)

    def opener(page: str, **query: str) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        at.query_params.update(query)
        at.run()
        at.switch_page(page)
        at.query_params.update(query)
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return opener


MARKDOWN = ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error")
LABELS = ("button", "expander", "tabs", "selectbox", "multiselect", "text_input", "page_link")
OUTSIDE = re.compile(r"""\b(?:src|srcset|href|poster|data)\s*=\s*["']?\s*(?:https?:)?//""", re.I)


class Tags(HTMLParser):
    """The real tags of an HTML block: which attributes would load something from outside
    (text that only looks like a tag, &lt;img ...&gt;, is no tag)."""

    LOADING = {"src", "srcset", "href", "xlink:href", "poster", "data", "background", "action"}

    def __init__(self) -> None:
        super().__init__()
        self.outside: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name in self.LOADING and value and not value.startswith(("data:", "#")):
                self.outside.append(f"<{tag} {name}={value[:60]}>")
            if name == "style" and "url(" in value and "url(data:" not in value:
                self.outside.append(f"<{tag} style={value[:60]}>")


def rendered(at: AppTest) -> list[str]:
    """Every string Streamlit renders as markdown on the page (bodies, labels, help)."""
    out = [str(e.value) for kind in MARKDOWN for e in getattr(at, kind)]
    out += [str(e.proto.body) for e in at.get("toast")]
    for kind in LABELS:
        for e in getattr(at, kind):
            out += [str(getattr(e, "label", "")), str(getattr(e.proto, "help", ""))]
    return out


def assert_safe(at: AppTest) -> str:
    """No image, HTML or outside source in the markdown; in st.html blocks (the app's own
    tables and legends) images only from data: URIs; returns all markdown, joined."""
    bodies = rendered(at)
    for body in bodies:
        assert "![" not in body, body
        assert "<img" not in body.lower() and "<svg" not in body.lower(), body
        assert not OUTSIDE.search(body), body
        assert "](javascript" not in body.lower() and "url(" not in body.lower(), body
        assert ":red[" not in body, body
    for block in at.get("html"):
        tags = Tags()
        tags.feed(str(block.proto.body))
        assert not tags.outside, tags.outside
    joined = "\n".join(bodies)
    assert "tracker\\.example" in joined  # the hostile text is shown, as text
    return joined


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_networks_page(app, hostile, lang):
    at = app("pages/networks.py", lang=lang, tikls=str(hostile["net"]))
    shown = assert_safe(at)
    assert LINK_SHOWN in shown  # the description's link shows its target
    assert "javascript\\:alert" in shown  # the coordinator's link is plain text
    assert "&lt;img src\\=" in shown  # HTML is shown as typed
    assert "Seminārs" in shown and "Skats" in shown  # the deck and the saved views
    option = at.selectbox(key="net_pick").options
    assert any("pikselis (https://tracker.example/n.gif)" in o for o in option)


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_practices_page(app, lang):
    at = app("pages/practices.py", lang=lang)
    shown = assert_safe(at)
    assert "Prakse" in shown or "Practice" in shown
    assert LINK_SHOWN in shown
    # the document link is rebuilt: its ")" and "!" cannot end it and start an image
    assert "(https://example.lv/doc%29!%5Bx%5D%28https://tracker.example/l.gif%29)" in shown


def test_presentation(app, hostile):
    at = app("pages/present.py", deck=str(hostile["deck"]))  # the title slide
    assert "Seminārs" in assert_safe(at)
    at = app("pages/present.py", deck=str(hostile["deck"]), slide="1")
    shown = assert_safe(at)
    assert at.title[0].value.startswith("Skats [pikselis](https://tracker.example/n.gif)")
    assert LINK_SHOWN in shown
    assert "Seminārs" in shown


def test_profile_and_comparison(app, hostile):
    at = app("pages/profile.py", my="LV0025000", grp=f"net:{hostile['net']}")
    shown = assert_safe(at)
    assert "Tīkls [pikselis](https://tracker.example/n.gif)" in shown  # member of the network
    assert "Prakse" in shown
    at = app("pages/benchmark.py", grp=f"net:{hostile['net']}", theme=f"net:{hostile['net']}")
    shown = assert_safe(at)
    assert "Tīkla rādītāji" in shown
    at = app("pages/trends.py", grp=f"net:{hostile['net']}", **VIEW)
    assert_safe(at)


def test_a_hostile_link_value_is_shown_as_text(app):
    """A shared link whose value is markdown (not user data, but typed by someone)."""
    at = app("pages/trends.py", ind=PIXEL)
    for body in rendered(at):
        assert "![" not in body, body
    assert any("pikselis" in w.value for w in at.warning)  # the notice names it, as text
