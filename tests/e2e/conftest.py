"""Browser tests: `streamlit run` headless on a free port, driven by Debian's Chromium."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchlearn.settings import REPO_ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
ARTIFACTS = REPO_ROOT / "test-artifacts"
DONE = "[data-testid='stApp'][data-test-script-state='notRunning']"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_streamlit(
    db: Path, script: Path | None = None, base_path: str = "", port: int | None = None
) -> tuple[subprocess.Popen, str]:
    """Start the app (or another script) headless, under `base_path` ("" or "/name") if
    given, on `port` if given (sign-in needs its redirect address before the start); return
    the process and its base URL (with that path)."""
    port = port or free_port()
    env = {**os.environ, "BENCHLEARN_DB": str(db)}
    # the app as `make run` serves it; a calibration script with plain `streamlit run`
    command = ["benchlearn.serve"] if script is None else ["streamlit", "run", str(script)]
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            *command,
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
            "--server.baseUrlPath",
            base_path,
        ],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}{base_path}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as reply:
                if reply.status == 200:
                    return proc, url
        except OSError:
            time.sleep(0.3)
        if proc.poll() is not None:
            raise RuntimeError(proc.stderr.read().decode() if proc.stderr else "streamlit died")
    proc.kill()
    raise RuntimeError("streamlit did not start within 60 s")


@pytest.fixture(scope="session")
def app_url(built_db) -> Iterator[str]:
    proc, url = start_streamlit(built_db)
    yield url
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (bash .ci/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="lv-LV")
    tab = context.new_page()
    tab.external_requests = []  # type: ignore[attr-defined]
    tab.on("request", lambda r: _note_external(tab, r.url))
    yield tab
    context.close()


def _note_external(tab, url: str) -> None:
    if not url.startswith(("http://127.0.0.1", "http://localhost", "data:", "blob:", "ws://")):
        tab.external_requests.append(url)


def wait_done(page, timeout: float = 30_000) -> None:
    """Wait until Streamlit has finished running the script (and a little for rendering)."""
    page.wait_for_selector("[data-testid='stApp']", timeout=timeout)
    page.wait_for_timeout(300)
    page.wait_for_selector(DONE, timeout=timeout)
    page.wait_for_timeout(200)
    page.wait_for_selector(DONE, timeout=timeout)


def assert_no_exception(page) -> None:
    errors = page.locator("[data-testid='stException']")
    assert errors.count() == 0, errors.first.inner_text()


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
