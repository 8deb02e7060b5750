"""benchlearn.serve in Chromium: a page opened by link connects to the server at once."""

from __future__ import annotations

import pytest

from benchlearn import navigation, serve
from tests.e2e.conftest import assert_no_exception, start_streamlit, wait_done

pytestmark = pytest.mark.e2e


def health_checks(page, url: str) -> list[str]:
    """Open `url` and return the health checks the frontend made until the page finished."""
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url) if r.url.endswith("/health") else None)
    page.goto(url)
    wait_done(page)
    assert_no_exception(page)
    return asked


def test_a_page_link_asks_the_server_at_once(page, app_url):
    asked = health_checks(page, f"{app_url}/tendences?my=LV0020000&cmp=LV0021000")
    assert asked == [f"{app_url}/_stcore/health"]  # not /tendences/_stcore/health first
    assert page.get_by_role("heading", name="Tendences", exact=True).is_visible()


def test_under_a_base_path_page_links_and_the_main_page_both_work(page, built_db):
    proc, url = start_streamlit(built_db, base_path="/bl")
    try:
        assert health_checks(page, f"{url}/profils?my=LV0020000") == [f"{url}/_stcore/health"]
        assert page.get_by_role("heading", name="Pašvaldības profils", exact=True).is_visible()
        # the main page keeps Streamlit's own search, which finds /bl first
        assert health_checks(page, f"{url}?lang=en") == [f"{url}/_stcore/health"]
        page.wait_for_selector("[data-testid='stDeckGlJsonChart']", timeout=20_000)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.mark.parametrize(
    ("path", "base", "expected"),
    [
        ("/tendences", "", "/"),
        ("/tendences/", "", "/"),
        ("/bl/tendences", "/bl", "/bl/"),
        ("/", "", None),  # the main page: Streamlit needs no search there
        ("/bl", "/bl", None),  # the main page under a base path: Streamlit finds it first
        ("/app/tendences", "", None),  # behind a proxy that strips /app: let Streamlit search
        ("/app", "", None),  # that proxy's main page: "app" is no page of ours
        ("/bl/tendences", "", None),
        ("/nezinama", "", None),  # not a page: Streamlit's own "page not found"
    ],
)
def test_the_server_is_named_only_for_our_pages_under_the_base_path(page, path, base, expected):
    found = page.evaluate(
        f"(args) => {{ {serve.BACKEND_BASE_JS}; return backendBase(...args); }}",
        [path, base, navigation.page_paths()],
    )
    assert found == expected
