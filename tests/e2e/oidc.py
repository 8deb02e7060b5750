"""Real sign-in for the browser tests: a local OpenID Connect provider (oidc-provider-mock)
on 127.0.0.1, the app started with its own secrets file pointing at it (never the repo's
.streamlit), and a helper that signs a browser in through Streamlit's st.login.

The provider lets anyone in as whatever subject is typed into its form; the subject is also
the e-mail claim unless `set_user` gave other claims (a display name, say)."""

from __future__ import annotations

import json
import os
import re
import threading
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.e2e.conftest import free_port, start_streamlit, wait_done

# Authlib refuses plain http unless told: the provider and the app talk over 127.0.0.1 only
INSECURE = {"AUTHLIB_INSECURE_TRANSPORT": "1"}
_CDN_LINK = re.compile(rb"<link[^>]*https?://[^>]*>")


def _offline(app):
    """The provider's pages link a stylesheet on a CDN: drop it, so the browser asks nothing
    of the internet (the tests assert that no page does)."""

    def wrapped(environ, start_response):
        captured: dict = {}

        def keep(status, headers, exc_info=None):
            captured.update(status=status, headers=headers)
            return lambda _data: None

        body = b"".join(app(environ, keep))
        headers = captured["headers"]
        if any(k.lower() == "content-type" and "text/html" in v for k, v in headers):
            body = _CDN_LINK.sub(b"", body)
            headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
            headers.append(("Content-Length", str(len(body))))
        start_response(captured["status"], headers)
        return [body]

    return wrapped


@contextmanager
def provider() -> Iterator[str]:
    """The provider's base URL, for as long as the context lasts."""
    import werkzeug.serving
    from oidc_provider_mock import app

    os.environ.update(INSECURE)
    server = werkzeug.serving.make_server("127.0.0.1", 0, _offline(app()), threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1})
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)
        server.server_close()


def set_user(provider_url: str, email: str, **claims: str) -> None:
    """Claims the provider will issue for `email` (as its subject)."""
    request = urllib.request.Request(
        f"{provider_url}/users/{email}",
        data=json.dumps({"email": email, **claims}).encode(),
        headers={"Content-Type": "application/json"},
        method="PUT",
    )
    with urllib.request.urlopen(request, timeout=5) as reply:
        assert reply.status in (200, 204)


def write_secrets(folder: Path, provider_url: str, port: int, admins: list[str]) -> Path:
    secrets = folder / "secrets.toml"
    secrets.write_text(
        f"admins = {json.dumps(admins)}\n"
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        'cookie_secret = "synthetic-cookie-secret-for-tests-only-0123456789"\n'
        'client_id = "benchlearn-test"\n'
        'client_secret = "synthetic-client-secret"\n'
        f'server_metadata_url = "{provider_url}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    return secrets


@contextmanager
def app_with_sign_in(built_db: Path, folder: Path, admins: list[str]) -> Iterator[tuple[str, str]]:
    """(app URL, provider URL): the app served as `make run` does, with sign-in configured
    and a private user-data file in `folder`."""
    import pytest

    with provider() as provider_url:
        port = free_port()
        secrets = write_secrets(folder, provider_url, port, admins)
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("STREAMLIT_SECRETS_FILES", str(secrets))
            patch.setenv("BENCHLEARN_USERDATA_URL", f"sqlite:///{folder / 'userdata.sqlite'}")
            patch.setenv("BENCHLEARN_ADMINS", "")
            for key, value in INSECURE.items():
                patch.setenv(key, value)
            proc, url = start_streamlit(built_db, port=port)
        try:
            yield url, provider_url
        finally:
            proc.terminate()
            proc.wait(timeout=10)


def sign_in(page, email: str) -> None:
    """Press the sidebar's sign-in button (st.login), answer the provider's form as `email`,
    and wait until the app is back, signed in."""
    page.locator("[data-testid='stSidebar']").get_by_role("button", name="Pierakstīties").click()
    page.wait_for_url(re.compile(r"/oauth2/authorize"))
    page.locator("input[name='sub']").fill(email)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(re.compile(r"^http://127\.0\.0\.1:\d+/(\?.*)?$"))
    wait_done(page)
    page.locator("[data-testid='stSidebar']").get_by_text("Pierakstījies").wait_for()
