"""Networks, good practices and presentation mode in AppTest, in Latvian and English, with a
private user-data file per test (synthetic networks and views are named as such). Who is
signed in is AppTest's `user` (the claims st.user returns); roles are in the user-data file."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from benchlearn.userdata import db
from benchlearn.userdata import repository as repo
from benchlearn.userdata.access import Actor
from benchlearn.userdata.repository import NetworkInput, PracticeInput
from tests.app.conftest import APP, html_tables, navigation_only, texts
from tests.userdata_support import ADMIN, COORDINATOR, READER, with_roles

NETWORKS, PRACTICES, PRESENT = "pages/networks.py", "pages/practices.py", "pages/present.py"
# st.login is never called here (that is the browser test's part): any values do
AUTH = {
    "redirect_uri": "http://127.0.0.1:9/oauth2callback",
    "cookie_secret": "synthetic-cookie-secret",
    "client_id": "synthetic",
    "client_secret": "synthetic",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}
VIEW = {"ind": "population_avg", "year": "2024", "my": "LV0020000", "cmp": "LV0021000"}
MEMBERS = ("LV0020000", "LV0021000", "LV0022000", "LV0023000")


@pytest.fixture
def store(tmp_path, monkeypatch):
    """An empty (migrated and seeded) user-data file that only this test uses."""
    url = f"sqlite:///{tmp_path / 'userdata.sqlite'}"
    monkeypatch.setenv(db.URL_SETTING, url)
    engine = db.get_engine(url)
    with_roles(engine)
    yield engine
    db.dispose(url)


@pytest.fixture
def app(built_db, monkeypatch, store):
    """app(page, user=None, auth=False, **query): like open_app, with sign-in configured
    (`auth`, or whenever a `user` is given) and that user signed in."""
    monkeypatch.setenv("BENCHLEARN_DB", str(built_db))
    navigation_only(monkeypatch)

    def opener(
        page: str | None = None, user: Actor | None = None, auth: bool = False, **query: str
    ) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        if auth or user:
            at.secrets["auth"] = AUTH
        if user:
            at.user = {"is_logged_in": True, "email": user.principal, "name": user.name}
        at.query_params.update(query)
        at.run()
        if page:
            at.switch_page(page)
            at.query_params.update(query)  # a browser arrives on the page with its own URL
            at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return opener


def synthetic_network(store, **fields) -> int:
    return repo.create_network(
        store,
        NetworkInput(name_lv="Sintētisks tīkls", name_en="Synthetic network", **fields),
        by=ADMIN,
    )


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_networks_page_lists_the_seeded_networks_without_inventing(app, lang):
    at = app(NETWORKS, lang=lang)
    assert at.title[0].value == ("Sadarbības tīkli" if lang == "lv" else "Cooperation networks")
    box = at.selectbox(key="net_pick")
    assert len(box.options) == 9
    shown = texts(at)
    assert ("nav norādīts" if lang == "lv" else "not recorded") in shown
    assert ("Rediģēšana izslēgta" if lang == "lv" else "Editing is disabled") in shown
    assert not at.text_input  # no password box, and no sign-in without a provider
    assert not [b for b in at.button if b.label in ("Pierakstīties", "Sign in")]


def test_signed_out_and_reader_are_told_what_it_takes(app, store):
    at = app(NETWORKS, auth=True)
    assert "Pierakstieties" in texts(at)
    assert {b.key for b in at.button if b.label == "Pierakstīties"} == {
        "auth_sign_in",  # the sidebar's
        "net_sign_in",  # beside what it takes to edit
    }
    assert not any(t.label.startswith("Jauns tīkls") for t in at.tabs)
    at = app(NETWORKS, user=READER)
    assert "Jūsu kontam nav lomas “koordinators”" in texts(at)
    assert not any(t.label.startswith("Jauns tīkls") for t in at.tabs)
    assert not [b for b in at.sidebar.button if b.label == "Saglabāt skatu"]


def test_coordinator_creates_a_network_and_it_becomes_a_group(app, store):
    at = app(NETWORKS, user=COORDINATOR)
    assert any(t.label.startswith("Jauns tīkls") for t in at.tabs)
    form = [f for f in at.text_input if f.label == "Nosaukums latviski"][-1]
    form.input("Sintētisks tīkls")
    members = [m for m in at.multiselect if m.label == "Dalībnieki"][-1]
    members.set_value(list(MEMBERS))
    button(at, "Izveidot tīklu").click().run()
    assert not at.exception
    made = next(n for n in repo.list_networks(store) if n.name_lv == "Sintētisks tīkls")
    assert made.members == MEMBERS
    assert at.selectbox(key="net_pick").value == made.id
    shown = [box.key for box in at.sidebar.selectbox]
    assert "w_grp" not in shown  # this page reads no shared selection, so shows none
    at.switch_page("pages/trends.py").run()  # where the group is used, it is offered
    assert "Tīkls: Sintētisks tīkls" in at.sidebar.selectbox(key="w_grp").options


def test_saving_the_current_view_from_the_sidebar(app, store):
    ident = synthetic_network(store)
    at = app("pages/trends.py", user=COORDINATOR, **VIEW)
    next(x for x in at.sidebar.selectbox if x.label == "Tīkls").set_value(ident)
    title = next(x for x in at.sidebar.text_input if x.label == "Virsraksts")
    title.input("Sintētisks skats")
    next(x for x in at.sidebar.text_area if x.label == "Piezīme").input("Piezīme semināram")
    next(b for b in at.sidebar.button if b.label == "Saglabāt").click().run()
    assert not at.exception
    (view,) = repo.list_views(store, ident)
    assert (view.title, view.note, view.page) == (
        "Sintētisks skats",
        "Piezīme semināram",
        "tendences",
    )
    assert view.params == VIEW
    entry = repo.list_audit(store)[0]
    assert (entry["action"], entry["actor"]) == ("view.save", COORDINATOR.principal)


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_network_as_comparison_group_and_theme(app, store, lang):
    ident = synthetic_network(
        store, members=MEMBERS, indicators=("population_avg", "population_density")
    )
    at = app("pages/benchmark.py", lang=lang, grp=f"net:{ident}", theme=f"net:{ident}")
    subtitle = texts(at)
    assert ("Tīkls: Sintētisks tīkls" if lang == "lv" else "Network: Synthetic network") in subtitle
    theme = "Tīkla rādītāji" if lang == "lv" else "Network indicators"
    assert at.selectbox(key="w_theme").value == f"net:{ident}"
    assert theme in subtitle
    (table,) = html_tables(at)
    assert len(table) == len(MEMBERS)
    assert set(at.multiselect(key="bench_inds").value) == {"population_avg", "population_density"}


def deck_of_three(store) -> tuple[int, list[int]]:
    ident = synthetic_network(store, members=MEMBERS)
    views = [
        repo.save_view(
            store, ident, "Karte", "Pirmais", "", {**VIEW, "ind": "population_density"}, by=ADMIN
        ),
        repo.save_view(store, ident, "Tendence", "", "tendences", VIEW, by=ADMIN),
        repo.save_view(
            store,
            ident,
            "Tabula",
            "",
            "salidzinajums",
            {**VIEW, "grp": f"net:{ident}"},
            by=ADMIN,
        ),
    ]
    return repo.create_deck(store, ident, "Sintētisks seminārs", views, by=ADMIN), views


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_presentation_steps_through_the_deck(app, store, lang):
    deck, _ = deck_of_three(store)
    at = app(PRESENT, lang=lang, deck=str(deck), slide="1")
    assert at.title[0].value == "Karte"
    assert at.get("deck_gl_json_chart")
    shown = texts(at)
    assert "1 / 3" in shown
    assert ("Avots" if lang == "lv" else "Source") in shown
    assert "&ind=population_density" in shown  # the participants' link
    nxt = "Nākamais" if lang == "lv" else "Next"
    button(at, nxt).click().run()
    assert at.title[0].value == "Tendence" and at.get("vega_lite_chart")
    button(at, nxt).click().run()
    assert at.title[0].value == "Tabula" and at.table
    assert "3 / 3" in texts(at) and button(at, nxt).disabled
    button(at, "Iepriekšējais" if lang == "lv" else "Previous").click().run()
    assert at.title[0].value == "Tendence"


def test_a_trends_slide_keeps_the_per_capita_choice_of_its_view(app, store):
    """A view saved on the trends page with the relative indicator switched on shows the
    same indicator on its slide; with the switch off, the absolute one."""
    ident = synthetic_network(store, members=MEMBERS)
    births = {**VIEW, "ind": "live_births", "my": "LV0002000", "cmp": "LV0003000"}
    views = [
        repo.save_view(store, ident, "Relatīvi", "", "tendences", {**births, "pc": "1"}, by=ADMIN),
        repo.save_view(store, ident, "Absolūti", "", "tendences", births, by=ADMIN),
    ]
    deck = repo.create_deck(store, ident, "Dzimstība", views, by=ADMIN)
    at = app(PRESENT, deck=str(deck), slide="1")
    assert at.title[0].value == "Relatīvi"
    assert "Dzimstība" in at.subheader[0].value
    button(at, "Nākamais").click().run()
    assert at.title[0].value == "Absolūti"
    assert "Dzīvi dzimušie" in at.subheader[0].value


def test_presentation_without_a_deck_says_where_to_find_one(app):
    at = app(PRESENT, deck="987654")
    assert "Prezentācija nav atrasta" in texts(at)


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_practices_search_and_filter(app, lang):
    at = app(PRACTICES, lang=lang)
    assert at.title[0].value == ("Labās prakses" if lang == "lv" else "Good practices")
    assert ("no 26" if lang == "lv" else "of 26") in texts(at)
    at.text_input(key="prac_q").input("gulbene").run()
    assert ("Atrasti 1 no 26" if lang == "lv" else "1 of 26") in texts(at)
    at.text_input(key="prac_q").input("").run()
    at.selectbox(key="prac_unit").set_value("LV0025000").run()
    shown = texts(at)
    assert ("Atrasti 2 no 26" if lang == "lv" else "2 of 26") in shown
    assert ("tolaik Vecumnieku novads" if lang == "lv" else "then Vecumnieki municipality") in shown


def test_profile_and_comparison_show_practices(app, store):
    ident = synthetic_network(store, members=("LV0025000",))
    repo.create_practice(
        store,
        PracticeInput(
            title_lv="Sintētiska prakse", unit_id="LV0021000", indicators=("population_avg",)
        ),
        by=ADMIN,
    )
    at = app("pages/profile.py", my="LV0025000")
    shown = texts(at)
    assert "Tīkli un labās prakses" in shown and "Sintētisks tīkls" in shown
    assert "Vecumnieku novada Sociālā dienesta" in shown
    at = app("pages/benchmark.py", ind="population_avg", grp=f"net:{ident}")
    assert any("Labās prakses par šiem rādītājiem" in e.label for e in at.expander)
    assert "Sintētiska prakse" in texts(at)


def test_the_dashboard_works_without_the_user_data_database(built_db, monkeypatch):
    unreachable = "postgresql+psycopg://nobody@127.0.0.1:1/nothing"
    monkeypatch.setenv("BENCHLEARN_DB", str(built_db))
    monkeypatch.setenv(db.URL_SETTING, unreachable)
    navigation_only(monkeypatch)
    try:
        at = AppTest.from_file(APP, default_timeout=60)
        at.run()
        assert not at.exception and at.title  # the map, without networks
        at.switch_page(NETWORKS)
        at.run()
        assert not at.exception
        assert "nav pieejama" in " ".join(e.value for e in at.error)
    finally:
        db.dispose(unreachable)
