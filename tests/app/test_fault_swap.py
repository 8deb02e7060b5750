"""Fault: a rebuild swaps the warehouse while ten sessions rerun their views.

Two builds that tell themselves apart (B: every indicator name ends in " [B]", every value
is tripled) are renamed over the served file in turn, as `make data` does, while ten AppTest
sessions in threads rerun the map, trends, comparison and profile. Every rendered view must
equal that page's view of A or of B exactly: one database file per view, no exception.

Found: DuckDB hands a later `connect(path)` the database it already has open for that path,
so the dashboard never saw a rebuild (benchlearn.db.connect now attaches the file to a
database of its own); and with that fixed, a swap within a run mixed names of one build with
values of the other in 75 of 110 views (benchlearn.cache pins one version per run).
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import threading
import time
from pathlib import Path
from unittest.mock import MagicMock

import duckdb
import pytest
from streamlit.components.v2.component_manager import BidiComponentManager
from streamlit.runtime import Runtime
from streamlit.runtime.caching.storage.dummy_cache_storage import MemoryCacheStorageManager
from streamlit.runtime.dataframe_source_manager import DataframeSourceManager
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest, app_test
from streamlit.testing.v1.util import patch_config_options

from tests.app.conftest import APP, navigation_only

SESSIONS = 10
RERUNS = 4  # per session, after its first view
PAGES = ("pages/map.py", "pages/trends.py", "pages/benchmark.py", "pages/profile.py")
VIEW = {"ind": "population_avg", "my": "LV0020000", "cmp": "LV0021000"}
SWAP_EVERY = 0.4  # seconds


@pytest.fixture
def versions(built_db, tmp_path) -> tuple[Path, Path]:
    """The built warehouse (A) and a copy whose names and values differ (B)."""
    a = tmp_path / "a.duckdb"
    shutil.copyfile(built_db, a)
    b = tmp_path / "b.duckdb"
    shutil.copyfile(built_db, b)
    with duckdb.connect(str(b)) as con:
        con.execute(
            "UPDATE indicators SET name_lv = name_lv || ' [B]', name_en = name_en || ' [B]'"
        )
        con.execute("UPDATE observations SET value = value * 3")
    return a, b


def swap_in(source: Path, served: Path) -> None:
    """What a rebuild does: a new file beside the served one, renamed over it."""
    fresh = served.with_suffix(".new")
    shutil.copyfile(source, fresh)
    os.replace(fresh, served)


@pytest.fixture
def shared_runtime(monkeypatch):
    """AppTest sets and clears Streamlit's one Runtime and its "app test" option around every
    run, so runs in threads would pull them away from each other; here they share one of
    each for the whole test, as the sessions of a server do."""
    runtime = MagicMock(spec=Runtime)
    runtime.media_file_mgr = MediaFileManager(MemoryMediaFileStorage("/mock/media"))
    runtime.dataframe_source_mgr = DataframeSourceManager()
    runtime.cache_storage_manager = MemoryCacheStorageManager()
    components = BidiComponentManager()
    components.discover_and_register_components(start_file_watching=False)
    runtime.bidi_component_registry = components
    monkeypatch.setattr(Runtime, "instance", classmethod(lambda cls: runtime))
    monkeypatch.setattr(Runtime, "exists", classmethod(lambda cls: True))
    monkeypatch.setattr(app_test, "patch_config_options", lambda _: contextlib.nullcontext())
    logging.getLogger("streamlit").setLevel(logging.ERROR)  # "no ScriptRunContext" noise
    with patch_config_options({"global.appTest": True}):
        yield


def _elements(node):
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield from _elements(child)
    elif hasattr(node, "proto"):
        yield node


def rendered(at: AppTest) -> tuple[str, ...]:
    """Everything the page sent, element by element (a download's one-off id left out)."""
    return tuple(
        f"{type(e).__name__}:{e.proto}" for e in _elements(at._tree) if e.type != "download_button"
    )


def open_page(page: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params.update(VIEW)
    at.run()
    at.switch_page(page)
    at.run()
    return at


def test_a_swap_during_ten_sessions_shows_each_view_from_one_file(
    versions, tmp_path, monkeypatch, shared_runtime
):
    a, b = versions
    served = tmp_path / "served" / "benchlearn.duckdb"
    served.parent.mkdir()
    monkeypatch.setenv("BENCHLEARN_DB", str(served))
    navigation_only(monkeypatch)
    expected: dict[str, dict[tuple[str, ...], str]] = {page: {} for page in PAGES}
    for name, source in (("A", a), ("B", b)):
        swap_in(source, served)
        for page in PAGES:
            at = open_page(page)
            assert not at.exception, [e.value for e in at.exception]
            expected[page][rendered(at)] = name
            at.run()  # a rerun shows the same
            assert expected[page].get(rendered(at)) == name
    assert all(len(views) == 2 for views in expected.values()), "A and B must look different"

    seen: list[tuple[int, str]] = []  # (session, "A" | "B" | "mixed")
    failures: list[str] = []

    def session(number: int) -> None:
        page = PAGES[number % len(PAGES)]
        try:
            at = open_page(page)
            for run in range(RERUNS + 1):
                if run:
                    at.run()
                if at.exception:
                    failures.append(f"{page}: {[e.value for e in at.exception]}")
                seen.append((number, expected[page].get(rendered(at), "mixed")))
        except Exception as error:  # collected: an exception in a thread would be lost
            failures.append(f"{page}: {error!r}")

    swap_in(a, served)
    threads = [threading.Thread(target=session, args=(n,)) for n in range(SESSIONS)]
    for thread in threads:
        thread.start()
    turn = 0
    while any(thread.is_alive() for thread in threads):
        time.sleep(SWAP_EVERY)
        turn += 1
        swap_in(b if turn % 2 else a, served)
    for thread in threads:
        thread.join()

    assert failures == []
    outcomes = [outcome for _, outcome in seen]
    assert len(outcomes) == SESSIONS * (RERUNS + 1)
    assert "mixed" not in outcomes, f"{outcomes.count('mixed')} views mixed A and B"
    assert {"A", "B"} <= set(outcomes), "the swaps did not reach the sessions"
    switched = {n for n in range(SESSIONS) if len({o for m, o in seen if m == n}) == 2}
    assert switched, "no session saw the rebuild between its reruns"
    print(
        f"{len(outcomes)} views during {turn} swaps: {outcomes.count('A')} A, "
        f"{outcomes.count('B')} B, {len(switched)} sessions saw both"
    )
