"""The pages' downloads within benchlearn.limits: the map's and the explorer's PNG take a
render slot and, when the server is busy, are refused with the reader's message; table
downloads are built from the view's own warehouse version."""

from __future__ import annotations

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager

from benchlearn import exports, limits
from benchlearn.i18n import t
from tests.faults_support import hold


@pytest.fixture
def deferred(monkeypatch) -> dict:
    """file name -> the callable a download button registered (built when clicked)."""
    made: dict = {}
    original = MediaFileManager.add_deferred

    def record(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        made[file_name] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return made


@pytest.fixture
def gate(monkeypatch) -> limits.Gate:
    small = limits.Gate("render", running=1, queue=0, wait=0.0)
    monkeypatch.setattr(limits, "RENDERS", small)
    return small


@pytest.mark.parametrize(("page", "lang"), [("pages/map.py", "lv"), ("pages/explorer.py", "en")])
def test_png_downloads_take_a_slot_and_say_when_the_server_is_busy(
    open_app, deferred, gate, page, lang
):
    open_app(page, lang=lang, ind="population_avg", my="LV0020000")
    pngs = [build for name, build in deferred.items() if name.endswith(".png")]
    assert pngs, sorted(deferred)
    release, holder = hold(gate, "another session")
    try:
        for build in pngs:
            with pytest.raises(limits.Refused) as refused:
                build()
            assert str(refused.value) == t("limits.render_busy", lang, n="1")
    finally:
        release.set()
        holder.join()
    assert pngs[0]().startswith(exports.PNG_SIGNATURE)


def test_table_downloads_are_refused_beyond_the_row_limit(open_app, deferred, monkeypatch):
    open_app("pages/benchmark.py", ind="population_avg")
    tables = [b for name, b in deferred.items() if name.endswith((".csv", ".xlsx"))]
    assert len(tables) == 2
    assert all(build() for build in tables)
    monkeypatch.setattr(limits, "MAX_EXPORT_ROWS", 5)
    for build in tables:
        with pytest.raises(limits.Refused, match="lejupielādē var būt ne vairāk kā 5"):
            build()
