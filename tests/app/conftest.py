"""AppTest helpers: run the real app.py against a warehouse built for this test run."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pandas as pd
import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from benchlearn.settings import REPO_ROOT

APP = str(REPO_ROOT / "app.py")


def navigation_only(monkeypatch) -> None:
    """AppTest re-detects the legacy pages/ folder before every run and would then run a page
    file on its own, without app.py. The app always routes with st.navigation (the server is
    told so before it starts: benchlearn.serve), so tell Streamlit there is no legacy pages
    folder."""
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


@pytest.fixture
def open_app(built_db, monkeypatch):
    """open_app(page=None, **query) -> a finished AppTest on that page with that URL."""
    monkeypatch.setenv("BENCHLEARN_DB", str(built_db))
    navigation_only(monkeypatch)

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
    # st.html blocks (the map legend), with the tags taken out
    parts += [re.sub(r"<[^>]+>", " ", e.proto.body) for e in at.get("html")]
    return "\n".join(str(p) for p in parts)


class TableParser(HTMLParser):
    """Per <table> in an HTML string: its header rows and body rows of cell texts. A cell
    spanning n columns is repeated n times; an image reads as its text, as for a screen
    reader."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict[str, list[list[str]]]] = []
        self.part = "body"
        self.cell: list[str] | None = None
        self.span = 1

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.tables.append({"head": [], "body": []})
        elif tag in ("thead", "tbody"):
            self.part = "head" if tag == "thead" else "body"
        elif tag == "tr":
            self.tables[-1][self.part].append([])
        elif tag in ("td", "th"):
            self.cell, self.span = [], int(attrs.get("colspan") or 1)
        elif tag == "img" and self.cell is not None:
            self.cell.append(attrs.get("alt") or "")

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            text = "".join(self.cell).strip()
            self.tables[-1][self.part][-1].extend([text] * self.span)
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def html_tables(at: AppTest) -> list[pd.DataFrame]:
    """The static tables on the page (benchlearn.charts.tables) as text, as a reader sees
    them: the header rows as columns (two rows: a MultiIndex); the rows that name a group
    are left out."""
    frames = []
    for block in at.get("html"):
        parser = TableParser()
        parser.feed(block.proto.body)
        for table in parser.tables:
            head = table["head"]
            columns = pd.MultiIndex.from_arrays(head) if len(head) > 1 else head[0]
            body = [r for r in table["body"] if len(r) == len(columns)]
            frames.append(pd.DataFrame(body, columns=columns))
    return frames
