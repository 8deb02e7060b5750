"""A coordinator prepares and presents a seminar in the browser: signs in (st.login against
a local OpenID Connect provider), creates a network, saves three views, orders them into a
deck, presents it, steps through with the keyboard, and each slide shows what its saved view
shows.

The server gets its sign-in settings through a secrets file in a temporary folder
(STREAMLIT_SECRETS_FILES) and a private user-data file in which the synthetic coordinator
holds the role, so nothing is left in the repo."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest

from benchlearn.userdata import db
from tests.e2e.conftest import assert_no_exception, screenshot, wait_done
from tests.e2e.oidc import app_with_sign_in
from tests.e2e.oidc import sign_in as oidc_sign_in
from tests.userdata_support import COORDINATOR, with_roles
from tests.warehouse_support import real_names

pytestmark = pytest.mark.e2e

NETWORK = "Sintētisks semināra tīkls"
MEMBERS = ["Jelgava", "Bauskas novads", "Dobeles novads"]
RANK = re.compile(r"\d+\. vieta no \d+")


@pytest.fixture(scope="module")
def seminar_server(built_db, tmp_path_factory):
    """(app URL, user-data URL): the server and its private user-data file."""
    folder = tmp_path_factory.mktemp("seminar")
    store = f"sqlite:///{folder / 'userdata.sqlite'}"
    with_roles(db.get_engine(store))  # the coordinator's role, given by an administrator
    db.dispose(store)
    with app_with_sign_in(built_db, folder, admins=[]) as (url, _provider):
        yield url, store


@pytest.fixture(scope="module")
def seminar_url(seminar_server):
    return seminar_server[0]


def open_page(page, url: str) -> None:
    page.goto(url)
    wait_done(page)
    assert_no_exception(page)


def sign_in(page, base: str) -> None:
    """Sign in as the coordinator through the provider (the browser keeps the cookie)."""
    open_page(page, base)
    oidc_sign_in(page, COORDINATOR.principal)
    assert_no_exception(page)


def choose(page, combobox, name: str) -> None:
    combobox.click()
    combobox.fill(name)
    page.get_by_role("option", name=name, exact=True).click()


def create_network(page, base: str) -> int:
    open_page(page, f"{base}/tikli")
    page.get_by_role("tab", name="Jauns tīkls").click()
    panel = page.get_by_role("tabpanel", name="Jauns tīkls")
    panel.get_by_label("Nosaukums latviski").fill(NETWORK)
    members = panel.get_by_role("combobox", name="Dalībnieki")
    for name in MEMBERS:
        choose(page, members, name)
    page.keyboard.press("Escape")
    panel.get_by_role("button", name="Izveidot tīklu").click()
    wait_done(page)
    page.wait_for_url(re.compile(r"tikls=\d+"))
    assert page.get_by_role("heading", name=NETWORK).is_visible()
    return int(parse_qs(urlparse(page.url).query)["tikls"][0])


def save_view(page, url: str, title: str) -> None:
    """Open a view by its link, then save it from the sidebar."""
    open_page(page, url)
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.get_by_role("button", name="Saglabāt skatu").click()
    popover = page.locator("[data-testid='stPopoverBody']")
    choose(page, popover.get_by_role("combobox", name="Tīkls"), NETWORK)
    popover.get_by_label("Virsraksts").fill(title)
    popover.get_by_label("Piezīme").fill(f"Piezīme: {title}")
    popover.get_by_role("button", name="Saglabāt").click()
    page.get_by_text(f"Skats saglabāts tīklā “{NETWORK}”").wait_for()
    assert_no_exception(page)


def make_deck(page, base: str, network: int, titles: list[str]) -> None:
    """A deck from the views chosen in this order, then reordered with the arrows."""
    open_page(page, f"{base}/tikli?tikls={network}")
    page.get_by_role("tab", name=re.compile("^Prezentācijas")).click()
    panel = page.get_by_role("tabpanel", name=re.compile("^Prezentācijas"))
    panel.get_by_label("Prezentācijas nosaukums").fill("Sintētisks seminārs")
    views = panel.get_by_role("combobox", name="Skati secībā, kādā tos rādīt")
    for title in titles:
        choose(page, views, title)
    page.keyboard.press("Escape")
    panel.get_by_role("button", name="Izveidot prezentāciju").click()
    wait_done(page)
    page.get_by_role("tab", name=re.compile("^Prezentācijas")).click()


def slide_order(page) -> list[str]:
    panel = page.get_by_role("tabpanel", name=re.compile("^Prezentācijas"))
    rows = panel.locator("[data-testid='stMarkdownContainer']").all_inner_texts()
    return [r.split(" · ")[0] for r in rows if " · " in r and not r.startswith("Sintētisks")]


def slide(page, number: int, title: str) -> None:
    page.get_by_role("heading", name=title, exact=True).wait_for()
    wait_done(page)
    assert_no_exception(page)
    assert page.get_by_text(f"{number} / 3", exact=True).is_visible()
    assert re.search(rf"[?&]slide={number}\b", page.url)


def participant_link(page) -> str:
    link = page.locator("[data-testid='stMain'] a[href^='http://127.0.0.1']").last
    return link.get_attribute("href")


def test_coordinator_prepares_and_presents_a_seminar(page, browser, seminar_url):
    base = seminar_url
    sign_in(page, base)
    network = create_network(page, base)
    views = {
        "Blīvums kartē": f"{base}/?ind=population_density&year=2024&my=LV0020000",
        "Iedzīvotāju tendence": (
            f"{base}/tendences?ind=population_avg&my=LV0020000&cmp=LV0021000,LV0025000"
        ),
        "Tīkla salīdzinājums": (
            f"{base}/salidzinajums?ind=population_avg&year=2024&my=LV0003000&grp=net:{network}"
        ),
    }
    for title, url in views.items():
        save_view(page, url, title)
    titles = list(views)

    # chosen in the order 3, 1, 2, then 3 is moved down twice: 1, 2, 3
    make_deck(page, base, network, [titles[2], titles[0], titles[1]])
    assert slide_order(page) == [titles[2], titles[0], titles[1]]
    for index in (0, 1):
        down = page.locator("[class*='st-key-net_down_']").nth(index)  # rows in slide order
        down.locator("button").first.click()
        wait_done(page)
        page.get_by_role("tab", name=re.compile("^Prezentācijas")).click()
    assert slide_order(page) == titles
    screenshot(page, "seminar-deck")

    page.get_by_role("link", name="Prezentēt").click()
    page.wait_for_url(re.compile(r"/prezentacija\?"))
    page.get_by_role("heading", name="Sintētisks seminārs", exact=True).wait_for()  # title
    wait_done(page)
    page.keyboard.press("ArrowRight")
    slide(page, 1, titles[0])
    assert not page.locator("[data-testid='stSidebar']").is_visible()  # no navigation chrome
    assert not page.locator("header[data-testid='stHeader']").is_visible()
    page.wait_for_selector("[data-testid='stDeckGlJsonChart'] canvas")
    page.wait_for_timeout(1200)
    screenshot(page, "seminar-slide-1")
    first = page.locator("[data-testid='stHeading']").all_inner_texts()
    first_text = page.locator("[data-testid='stMain']").inner_text()
    links = [participant_link(page)]

    page.keyboard.press("ArrowRight")
    slide(page, 2, titles[1])
    page.wait_for_selector("[data-testid='stVegaLiteChart']")
    screenshot(page, "seminar-slide-2")
    second = page.locator("[data-testid='stHeading']").all_inner_texts()
    links.append(participant_link(page))

    page.keyboard.press("ArrowRight")
    slide(page, 3, titles[2])
    page.wait_for_selector("[data-testid='stTable']")
    screenshot(page, "seminar-slide-3")
    third = page.locator("[data-testid='stHeading']").all_inner_texts()
    rows = page.locator("[data-testid='stTable'] tbody tr th, [data-testid='stTable'] tbody tr td")
    table_text = " ".join(rows.all_inner_texts())
    links.append(participant_link(page))
    assert all(name in table_text for name in MEMBERS)

    page.keyboard.press("ArrowLeft")
    slide(page, 2, titles[1])

    # each slide shows what its saved view shows (opened by the participants' link)
    reader = browser.new_page(viewport={"width": 1440, "height": 1000})
    try:
        open_page(reader, links[0])
        assert parse_qs(urlparse(links[0]).query)["ind"] == ["population_density"]
        indicator = reader.locator("h1").first.inner_text().strip()
        assert any(h.startswith(f"{indicator}, 2024") for h in first)
        reader.get_by_text("Atvērt profilu").wait_for()
        shown = reader.locator("[data-testid='stMain']").inner_text()
        assert RANK.search(shown).group() == RANK.search(first_text).group()

        open_page(reader, links[1])
        reader.wait_for_selector("[data-testid='stVegaLiteChart']")
        heading = reader.locator("[data-testid='stMain'] h3").first.inner_text().strip()
        assert heading.split(",")[0] in " ".join(second)

        open_page(reader, links[2])
        reader.wait_for_selector("[data-testid='stHtml'] table")
        subtitle = reader.get_by_text(re.compile(rf"^Tīkls: {NETWORK} · ")).first.inner_text()
        assert subtitle.strip() in [h.strip() for h in third]
    finally:
        reader.close()
    assert page.external_requests == [], page.external_requests


# --- the seminar room (issue 21, part 4): anonymised slides never leak a name ---------------

SPOT = "LV0020000"
ROOM_MEMBERS = ("LV0020000", "LV0021000", "LV0022000", "LV0023000")


@pytest.fixture(scope="module")
def room_deck(seminar_server) -> int:
    """A deck of a map, a trends, a comparison and a profile slide, written to the server's
    user-data file directly (the flow above makes one through the pages)."""
    from benchlearn.userdata import repository as repo
    from benchlearn.userdata.repository import NetworkInput
    from tests.userdata_support import ADMIN

    engine = db.get_engine(seminar_server[1])
    net = repo.create_network(
        engine, NetworkInput(name_lv="Sintētisks anonīms tīkls", members=ROOM_MEMBERS), by=ADMIN
    )
    view = {"ind": "population_avg", "year": "2024", "my": SPOT, "cmp": "LV0021000,LV0022000"}
    views = [
        repo.save_view(
            engine, net, "Blīvums", "", "", {**view, "ind": "population_density"}, by=ADMIN
        ),
        repo.save_view(engine, net, "Iedzīvotāji", "", "tendences", view, by=ADMIN),
        repo.save_view(
            engine, net, "Tīklā", "", "salidzinajums", {**view, "grp": f"net:{net}"}, by=ADMIN
        ),
        repo.save_view(
            engine, net, "Profils", "", "profils", {**view, "my": "LV0021000"}, by=ADMIN
        ),
    ]
    deck = repo.create_deck(engine, net, "Sintētisks anonīms seminārs", views, by=ADMIN)
    repo.set_deck_note(engine, deck, views[1], "Jautājums diskusijai", by=ADMIN)
    db.dispose(seminar_server[1])
    return deck


def leaks(text: str, names: dict[str, set[str]]) -> list[str]:
    """Real names and unit ids in `text` but the spotlight's (taken out first: its name may
    contain a former unit's, as "Aizkraukles novads" contains "Aizkraukle")."""
    for name in sorted(names[SPOT], key=len, reverse=True):
        text = text.replace(name, "")
    found = {n for unit, ns in names.items() if unit != SPOT for n in ns if n in text}
    return sorted(found | {u for u in names if u != SPOT and u in text})


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_an_anonymised_deck_never_leaks_a_name(page, built_db, seminar_server, room_deck, lang):
    """Everything the server sends the browser (the page's DOM, the Vega specs and map
    layers with their data, the tables) searched for every real name but the spotlight's,
    on every slide; the title slide's QR code; the timer running in the browser."""
    base = seminar_server[0]
    names = real_names(built_db)
    frames: list[str] = []  # every message from the server: specs, map data, text

    def keep(payload) -> None:
        raw = payload if isinstance(payload, bytes) else payload.encode()
        frames.append(raw.decode("utf-8", errors="ignore"))

    page.on("websocket", lambda ws: ws.on("framereceived", keep))
    query = f"deck={room_deck}&anon=1&spot={SPOT}&timer=10" + ("&lang=en" if lang == "en" else "")
    open_page(page, f"{base}/prezentacija?{query}")
    page.get_by_role("heading", name="Sintētisks anonīms seminārs", exact=True).wait_for()
    qr = page.locator("[data-testid='stMain'] img.bl-qr")
    qr.wait_for()
    assert qr.bounding_box()["width"] >= 250  # scannable from the back of the room
    link = page.locator("[data-testid='stMain'] a[href*='/prezentacija?']").first
    assert "anon=1" in link.get_attribute("href") and f"spot={SPOT}" in link.get_attribute("href")
    page.locator("[class*='st-key-timer_start'] button").first.click()
    wait_done(page)
    first = page.locator(".bl-timer-text").first.inner_text()
    page.wait_for_timeout(2200)
    later = page.locator(".bl-timer-text").first.inner_text()
    assert first.startswith(("10:00", "9:5")) and later != first  # counting in the browser
    screenshot(page, f"seminar-room-title-{lang}")
    texts = [page.content()]

    for number, wait in enumerate(
        (
            "[data-testid='stDeckGlJsonChart'] canvas",
            "[data-testid='stVegaLiteChart'] canvas, [data-testid='stVegaLiteChart'] svg",
            "[data-testid='stTable']",
            "[data-testid='stMain'] h3",
        ),
        start=1,
    ):
        page.keyboard.press("ArrowRight")
        page.wait_for_url(re.compile(rf"[?&]slide={number}\b"))
        wait_done(page)
        assert_no_exception(page)
        page.wait_for_selector(wait)
        assert page.locator("[data-testid='stDownloadButton']").count() == 0
        if number == 1:
            page.wait_for_timeout(1200)  # the map's tiles of colour
            box = page.locator("[data-testid='stDeckGlJsonChart'] canvas").first.bounding_box()
            page.mouse.move(box["x"] + box["width"] * 0.55, box["y"] + box["height"] * 0.5)
            page.wait_for_timeout(400)
            texts.append(page.locator("body").inner_text())  # with the map's tooltip
            screenshot(page, f"seminar-room-map-{lang}")
        if number == 2:
            page.wait_for_timeout(800)
            page.get_by_text("Piezīmes diskusijai" if lang == "lv" else "Discussion notes").click()
            page.get_by_text("Jautājums diskusijai").wait_for()
            page.wait_for_timeout(500)
            screenshot(page, f"seminar-room-trends-{lang}")
        texts.append(page.content())
    texts += frames
    assert frames and any("Iedz" in f or "Popul" in f for f in frames)
    found = leaks("\n".join(texts), names)
    assert found == [], found
    assert any(n in "\n".join(texts) for n in names[SPOT])  # the spotlight keeps its name
    assert page.external_requests == [], page.external_requests
