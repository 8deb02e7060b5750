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

pytestmark = pytest.mark.e2e

NETWORK = "Sintētisks semināra tīkls"
MEMBERS = ["Jelgava", "Bauskas novads", "Dobeles novads"]
RANK = re.compile(r"\d+\. vieta no \d+")


@pytest.fixture(scope="module")
def seminar_url(built_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("seminar")
    store = f"sqlite:///{folder / 'userdata.sqlite'}"
    with_roles(db.get_engine(store))  # the coordinator's role, given by an administrator
    db.dispose(store)
    with app_with_sign_in(built_db, folder, admins=[]) as (url, _provider):
        yield url


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
        heading = reader.locator("h3").first.inner_text().strip()
        assert heading.split(",")[0] in " ".join(second)

        open_page(reader, links[2])
        reader.wait_for_selector("[data-testid='stHtml'] table")
        subtitle = reader.get_by_text(re.compile(rf"^Tīkls: {NETWORK} · ")).first.inner_text()
        assert subtitle.strip() in [h.strip() for h in third]
    finally:
        reader.close()
    assert page.external_requests == [], page.external_requests
