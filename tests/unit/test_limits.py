"""Guard rails (benchlearn.limits): PNG renders a few at a time across the server and one per
session, table downloads of bounded length, no file uploads, and the refusal's message in
the reader's language under the download button."""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
import time
import tomllib
from pathlib import Path

import pandas as pd
import pytest
from starlette.exceptions import HTTPException
from streamlit.proto.BackMsg_pb2 import BackendOperationRequest
from streamlit.runtime import backend_operation_handler
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.testing.v1.util import patch_config_options
from streamlit.web.server.starlette.starlette_routes import create_upload_routes

from benchlearn import exports, limits, serve
from benchlearn.charts.snapshot import map_png
from benchlearn.logic.contributions import MAX_BYTES as MAX_UPLOAD_BYTES
from benchlearn.settings import REPO_ROOT
from benchlearn.ui import download_buttons
from tests.faults_support import hold

FRAME = pd.DataFrame({"name": ["a", "b", "c"], "value": [1.0, 2.0, 3.0]})
CHART = {"mark": "point", "data": {"values": [{"x": 1}]}, "encoding": {"x": {"field": "x"}}}


def run_async(coroutine):
    """asyncio.run in a thread of its own: an earlier browser test in the same session
    (Playwright's sync API) leaves an event loop running in this thread."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@pytest.fixture
def gate(monkeypatch) -> limits.Gate:
    """A small gate in place of the server's: one at a time, one waiting for 0.3 s."""
    small = limits.Gate("render", running=1, queue=1, wait=0.3)
    monkeypatch.setattr(limits, "RENDERS", small)
    return small


def test_renders_beyond_the_slots_wait_then_are_refused(gate):
    release, holder = hold(gate, "session-a")
    assert gate.busy
    start = time.monotonic()
    with pytest.raises(limits.Limited) as refused, gate.slot("session-b"):
        pass
    assert refused.value.code == "render_busy" and refused.value.limit == 1
    assert time.monotonic() - start >= 0.25  # it waited its turn first
    release.set()
    holder.join()
    with gate.slot("session-b"):  # free again
        assert gate.busy
    assert not gate.busy


def test_a_full_queue_refuses_at_once(monkeypatch):
    gate = limits.Gate("render", running=1, queue=0, wait=5.0)
    release, holder = hold(gate, "a")
    start = time.monotonic()
    with pytest.raises(limits.Limited, match="render_busy"), gate.slot("b"):
        pass
    assert time.monotonic() - start < 1
    release.set()
    holder.join()


def test_one_render_per_session(gate):
    release, holder = hold(gate, "session-a")
    with pytest.raises(limits.Limited) as refused, gate.slot("session-a"):
        pass
    assert refused.value.code == "render_session"
    release.set()
    holder.join()


def test_a_waiting_render_gets_the_slot_when_it_frees(gate):
    release, holder = hold(gate, "a")
    threading.Timer(0.1, release.set).start()
    with gate.slot("b"):  # waits ~0.1 s of its 0.3 s
        pass
    holder.join()


def test_a_failed_render_gives_its_slot_back(gate):
    with pytest.raises(ZeroDivisionError), gate.slot("a"):
        1 / 0  # noqa: B018
    with gate.slot("a"):
        pass


def test_chart_and_map_pngs_take_a_render_slot(gate):
    release, holder = hold(gate, "someone else")
    try:
        with pytest.raises(limits.Limited, match="render_busy"):
            exports.chart_png(CHART)
        with pytest.raises(limits.Limited, match="render_busy"):
            map_png({"features": []}, pd.DataFrame(), [], "title", "", "")
    finally:
        release.set()
        holder.join()
    assert exports.chart_png(CHART).startswith(exports.PNG_SIGNATURE)


def test_table_downloads_have_a_row_limit(monkeypatch):
    monkeypatch.setattr(limits, "MAX_EXPORT_ROWS", 3)
    assert exports.to_csv(FRAME, "lv")  # at the limit
    longer = pd.concat([FRAME, FRAME.head(1)])
    for build in (
        lambda: exports.to_csv(longer, "en"),
        lambda: exports.to_excel(longer, FRAME, [], sheet="s", sources_sheet="t"),
    ):
        with pytest.raises(limits.Limited) as refused:
            build()
        assert (refused.value.code, refused.value.limit, refused.value.value) == (
            "export_rows",
            3,
            4,
        )


def test_the_largest_tables_offered_fit():
    from benchlearn import sqlconsole

    largest = max(sqlconsole.ROW_LIMIT, 592)  # the console's rows, the parishes
    assert 10 * largest <= limits.MAX_EXPORT_ROWS


@pytest.mark.parametrize(
    ("lang", "words"),
    [("lv", ("Tabulā ir 4 rindas", "ne vairāk kā 3")), ("en", ("has 4 rows", "at most 3"))],
)
def test_a_refused_download_says_why_in_the_readers_language(built_db, monkeypatch, lang, words):
    monkeypatch.setenv("BENCHLEARN_DB", str(built_db))
    monkeypatch.setattr(limits, "MAX_EXPORT_ROWS", 3)
    data = download_buttons.on_click(
        lambda: exports.to_csv(pd.concat([FRAME, FRAME.head(1)]), lang), lang
    )
    with pytest.raises(limits.Refused) as refused:
        data()
    assert all(w in str(refused.value) for w in words) and "{" not in str(refused.value)
    assert isinstance(refused.value.__cause__, limits.Limited)


def test_the_browser_gets_the_refusal_not_streamlits_words(monkeypatch):
    handler = backend_operation_handler.DeferredFileHandler
    monkeypatch.setattr(handler, "handle", handler.handle)  # restored after the test
    monkeypatch.setattr(MediaFileManager, "execute_deferred", MediaFileManager.execute_deferred)
    serve.pass_refusals()
    serve.pass_refusals()  # once only
    manager = MediaFileManager(MemoryMediaFileStorage("/media"))

    def refused() -> bytes:
        raise limits.Refused("Serveris pašlaik zīmē citus attēlus.")

    def broken() -> bytes:
        raise ValueError("a bug")

    answers = []
    for build in (refused, broken, lambda: b"png"):
        request = BackendOperationRequest(request_id="r")
        request.deferred_file.file_id = manager.add_deferred(build, "image/png", "c", "a.png")
        answers.append(run_async(handler(lambda: manager).handle(request, "session")))
    assert answers[0].error_msg == "Serveris pašlaik zīmē citus attēlus."
    assert answers[1].error_msg == "Failed to generate file for download"
    assert not answers[2].error_msg and answers[2].deferred_file.url


def test_only_the_contribution_page_takes_an_upload_of_at_most_5_mb():
    config = tomllib.loads((REPO_ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] * 2**20 == MAX_UPLOAD_BYTES
    widgets = ("file_uploader", "camera_input", "audio_input", "chat_input")
    for script in [REPO_ROOT / "app.py", *Path(REPO_ROOT).glob("pages/*.py")]:
        found = [w for w in widgets if w in script.read_text()]
        assert found == (["file_uploader"] if script.name == "contribute.py" else []), script
    for module in (REPO_ROOT / "benchlearn").rglob("*.py"):
        assert not [w for w in widgets if f"st.{w}" in module.read_text()], module


class _Runtime:
    @staticmethod
    def is_active_session(session_id: str) -> bool:
        return True


def upload(max_mb: int) -> tuple[int, MemoryUploadedFileManager]:
    """A 1 kB file PUT to Streamlit's upload route of an active session, with the setting."""
    files = MemoryUploadedFileManager("/_stcore/upload_file")
    (put, *_) = [r for r in create_upload_routes(_Runtime(), files, None) if "PUT" in r.methods]
    body = (
        b'--b\r\nContent-Disposition: form-data; name="file"; filename="x.csv"\r\n'
        b"Content-Type: text/csv\r\n\r\n" + b"x" * 1024 + b"\r\n--b--\r\n"
    )
    sent: list[dict] = []
    scope = {
        "type": "http",
        "method": "PUT",
        "path": "/_stcore/upload_file/s/f",
        "headers": [
            (b"content-type", b"multipart/form-data; boundary=b"),
            (b"content-length", str(len(body)).encode()),
        ],
        "query_string": b"",
        "path_params": {"session_id": "s", "file_id": "f"},
    }

    async def receive() -> dict:
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    options = {"server.maxUploadSize": max_mb, "server.enableXsrfProtection": False}
    with patch_config_options(options):
        try:
            run_async(put.app(scope, receive, send))
        except HTTPException as refused:  # a whole server answers with its status
            return refused.status_code, files
    return sent[0]["status"], files


def test_streamlits_upload_route_refuses_every_byte_when_set_to_zero():
    status, files = upload(0)
    assert status == 413 and not files.get_files("s", ["f"])
    status, files = upload(200)  # Streamlit's default would have kept it in memory
    assert status == 204 and files.get_files("s", ["f"])
