"""In the browser: pages that show hostile user text (tracking pixels, HTML images, SVG, CSS
url(), javascript: links) make no request to any host but the app's own, draw no outside
image, and every link they keep points to http(s) or mailto and shows its target."""

from __future__ import annotations

import re

import pytest

from benchlearn.userdata import db
from tests.app.test_hostile_usertext_pages import store_hostile
from tests.e2e.conftest import assert_no_exception, start_streamlit, wait_done

pytestmark = pytest.mark.e2e

OWN = "http://127.0.0.1"
SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")


@pytest.fixture(scope="module")
def hostile_app(built_db, tmp_path_factory):
    """The app over a private user-data file that holds the hostile records."""
    url = f"sqlite:///{tmp_path_factory.mktemp('hostile') / 'userdata.sqlite'}"
    ids = store_hostile(db.get_engine(url))
    db.dispose(url)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(db.URL_SETTING, url)
        proc, base = start_streamlit(built_db)
    yield base, ids
    proc.terminate()
    proc.wait(timeout=10)


def loaded(page) -> dict:
    """What the page's DOM holds: image sources, link targets, styles with url(), text."""
    return page.evaluate(
        """() => {
          const main = document.querySelector("[data-testid='stMain']");
          return {
            images: [...document.querySelectorAll("img, image, source, video, audio, iframe")]
              .map(e => e.currentSrc || e.src || e.getAttribute("href") || ""),
            links: [...main.querySelectorAll("a[href]")].map(a => a.getAttribute("href")),
            styled: [...main.querySelectorAll("[style*='url(']")].map(e => e.outerHTML),
            text: main.innerText,
          };
        }"""
    )


@pytest.mark.parametrize(
    "path",
    [
        "/tikli?tikls={net}",
        "/tikli?tikls={net}&lang=en",
        "/labas-prakses",
        "/prezentacija?deck={deck}&slide=1",  # the first slide (without: the title slide)
    ],
)
def test_a_page_with_hostile_notes_fetches_nothing_outside(page, hostile_app, path):
    base, ids = hostile_app
    page.goto(base + path.format(**ids))
    wait_done(page)
    assert_no_exception(page)
    page.wait_for_timeout(1500)  # time for any image or style a note could have smuggled in
    assert page.external_requests == [], page.external_requests
    dom = loaded(page)
    assert all(src.startswith((OWN, "data:")) or not src for src in dom["images"]), dom["images"]
    # links (an image becomes one) go to http(s) or mailto only, or stay within the app
    schemes = [SCHEME.match(h.strip()) for h in dom["links"]]
    assert {m.group(1).lower() for m in schemes if m} <= {"http", "https", "mailto"}
    assert not dom["styled"], dom["styled"]
    text = dom["text"]
    assert "tracker.example" in text  # the pixel's address is there, as words
    assert "<img src=https://tracker.example/i.gif>" in text  # HTML is shown as typed
    assert "lapa (https://example.lv/lapa)" in text  # a kept link shows its target
    assert "javascript:alert(1)" in text and "javascript:" not in " ".join(dom["links"])
