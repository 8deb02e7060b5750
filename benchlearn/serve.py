"""`python -m benchlearn.serve [streamlit options]`: `streamlit run app.py`, with three fixes.

1. Streamlit decides on a server's first session whether the app is a legacy multipage app:
   it is if a `pages/` folder lies beside the main script, as ours does (it holds the
   scripts that app.py's st.navigation runs). That first session then looks the URL up
   among the legacy pages. A first visitor who arrives by a page link (/dati) gets the
   page, but also an English "Page not found" dialog, because the legacy pages have file
   names, not our URL paths. st.navigation turns the legacy mode off, but only once app.py
   has run, which is too late for that first visit. Setting the flag before the server
   starts is what st.navigation does itself, so nothing else changes.
2. A browser that opens a page by link (/tendences) does not know where the server lives:
   Streamlit's frontend first asks /tendences/_stcore/health, gets a 404, waits 100 ms and
   only then asks /_stcore/health. Every shared link paid that (~140 ms here). The served
   index.html now names the server's address when the path is one of our pages under the
   configured base path, through the frontend's own setting (`window.__streamlit`); any
   other path (say, behind a proxy that strips a prefix) keeps Streamlit's search.
3. A download built on click that a bound of benchlearn.limits refused (two images already
   being drawn, a table too long) says why under its button, in the reader's language:
   Streamlit's frontend shows the server's message there, but Streamlit sends "Failed to
   generate file for download" whatever went wrong.
"""

from __future__ import annotations

import atexit
import json
import shutil
import sys
import tempfile
import threading
from pathlib import Path

import streamlit
from streamlit import config, file_util
from streamlit.runtime import backend_operation_handler
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

from benchlearn import limits, navigation
from benchlearn.settings import REPO_ROOT

APP = REPO_ROOT / "app.py"
STREAMLIT_STATIC = Path(streamlit.__file__).parent / "static"

# `backendBase(path, base, pages)`: the server's path for a browser at `path`, or null when
# the path is not one of `pages` directly under `base` (then Streamlit searches as usual).
BACKEND_BASE_JS = """
function backendBase(path, base, pages) {
  const trimmed = path.replace(/\\/+$/, "");
  const cut = trimmed.lastIndexOf("/");
  if (cut < 0 || trimmed.slice(0, cut) !== base) return null;
  return pages.includes(trimmed.slice(cut + 1)) ? base + "/" : null;
}
"""
SET_BACKEND_JS = """
  const backend = backendBase(location.pathname, %s, %s);
  if (backend !== null && window.__streamlit === undefined)
    window.__streamlit = {BACKEND_BASE_URL: location.origin + backend};
"""


def base_path(option: str | None) -> str:
    """server.baseUrlPath as the frontend's paths start: "" or "/name"."""
    option = (option or "").strip("/")
    return f"/{option}" if option else ""


def index_html(original: str, base: str, pages: list[str]) -> str:
    """Streamlit's index.html with the script that names the server for our page links,
    first in the head: before the frontend's module script, which reads the setting once."""
    script = BACKEND_BASE_JS + SET_BACKEND_JS % (json.dumps(base), json.dumps(pages))
    return original.replace("<head>", f"<head>\n    <script>(() => {{{script}}})();</script>", 1)


def frontend_dir() -> str:
    """A folder like Streamlit's static one (links to its files) with our index.html;
    removed when the server exits."""
    folder = Path(tempfile.mkdtemp(prefix="benchlearn-frontend-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    for entry in STREAMLIT_STATIC.iterdir():
        if entry.name != "index.html":
            (folder / entry.name).symlink_to(entry)
    original = (STREAMLIT_STATIC / "index.html").read_text(encoding="utf-8")
    base = base_path(config.get_option("server.baseUrlPath"))
    html = index_html(original, base, navigation.page_paths())
    (folder / "index.html").write_text(html, encoding="utf-8")
    return str(folder)


def pass_refusals() -> None:
    """Fix 3: a deferred download's refusal (limits.Refused, the cause of the error Streamlit
    raises around it) becomes the message of the failed request, by file id."""
    handler = backend_operation_handler.DeferredFileHandler
    if getattr(handler.handle, "passes_refusals", False):
        return
    execute, handle = MediaFileManager.execute_deferred, handler.handle
    refused: dict[str, str] = {}  # file id -> message, from the build to the answer
    lock = threading.Lock()

    def execute_deferred(self, file_id: str) -> str:
        try:
            return execute(self, file_id)
        except Exception as error:
            if isinstance(error.__cause__, limits.Refused):
                with lock:
                    refused[file_id] = str(error.__cause__)
            raise

    async def handle_deferred(self, request, session_id: str):
        response = await handle(self, request, session_id)
        with lock:
            message = refused.pop(request.deferred_file.file_id, None)
        if message and response.error_msg:
            response.error_msg = message
        return response

    handle_deferred.passes_refusals = True
    MediaFileManager.execute_deferred = execute_deferred
    handler.handle = handle_deferred


def main(argv: list[str]) -> None:
    PagesManager.uses_pages_directory = False
    # Called once, when the server mounts the frontend (the options are read by then).
    file_util.get_static_dir = frontend_dir
    pass_refusals()
    sys.argv = ["streamlit", "run", str(APP), *argv]
    cli.main()


if __name__ == "__main__":
    main(sys.argv[1:])
