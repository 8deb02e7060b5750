"""AppTest helpers: run the real app.py against a warehouse built for this test run."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from benchlearn.settings import REPO_ROOT

APP = str(REPO_ROOT / "app.py")


@pytest.fixture
def open_app(built_db, monkeypatch):
    """open_app(page=None, **query) -> a finished AppTest on that page with that URL."""
    monkeypatch.setenv("BENCHLEARN_DB", str(built_db))

    def opener(page: str | None = None, **query: str) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        at.query_params.update(query)
        at.run()  # AppTest always starts on the default page; app.py must run first
        if page:
            at.switch_page(page)
            at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return opener


def texts(at: AppTest) -> str:
    """Everything a person can read on the page, as one string."""
    parts = [
        e.value
        for kind in (
            "title",
            "header",
            "subheader",
            "markdown",
            "caption",
            "info",
            "warning",
            "text",
        )
        for e in getattr(at, kind)
    ]
    return "\n".join(str(p) for p in parts)
