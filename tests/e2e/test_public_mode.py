"""The public server in Chromium: no page offers an upload, `/kelola` is not a page, and the upload endpoint
refuses files (Streamlit's endpoint does not check that an upload widget exists, so the 0 MB limit must)."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import pytest
from playwright.sync_api import APIResponse, Page, WebSocket
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from .harness import AppServer, open_app_page

# Every page app.py registers in the public mode, by URL path.
PUBLIC_PAGE_PATHS = ("/", "/peta", "/tren", "/cakupan", "/profil", "/presentasi")
UPLOAD_SELECTOR = '[data-testid="stFileUploader"], input[type=file]'
XSRF_COOKIE = "_streamlit_xsrf"  # streamlit.web.server.starlette.starlette_server_config.XSRF_COOKIE_NAME
CSV = {"name": "data.csv", "mimeType": "text/csv", "buffer": b"kode_wilayah,tahun,nilai\n64.08,2025,9.1\n"}


@pytest.fixture(scope="module")
def public_server(app_factory: Callable[[str], AppServer]) -> str:
    return app_factory("public").url


def assert_dashboard_drawn(page: Page) -> None:
    # A page that only shows the "not hardened" refusal would have no upload either: make sure the app ran.
    assert page.locator("h1").count() >= 1
    assert "belum diperketat" not in page.inner_text("body")


@pytest.mark.parametrize("path", PUBLIC_PAGE_PATHS)
def test_no_public_page_offers_an_upload(page: Page, public_server: str, path: str):
    open_app_page(page, public_server, path)
    assert_dashboard_drawn(page)
    assert page.locator(UPLOAD_SELECTOR).count() == 0


def test_kelola_is_not_a_public_page(page: Page, public_server: str):
    open_app_page(page, public_server, "/kelola")
    # Streamlit falls back to the default page.
    assert page.locator("h1", has_text="Ringkasan indikator Kutai Timur").count() == 1
    assert page.locator(UPLOAD_SELECTOR).count() == 0
    nav = page.get_by_test_id("stSidebarNav")
    assert "Ringkasan" in nav.inner_text()  # the page list is there, so its lack of Kelola means something
    assert "Kelola" not in nav.inner_text()


def test_internal_server_lists_kelola(page: Page, app_factory: Callable[[str], AppServer]):
    # The control for the test above: the same look at the page list finds the management page internally.
    open_app_page(page, app_factory("internal").url, "/")
    assert "Kelola" in page.get_by_test_id("stSidebarNav").inner_text()


def open_session(page: Page, base_url: str) -> tuple[str, str]:
    """Open the app and return its live session id (from the first message on the stream) and XSRF token."""
    session_ids: list[str] = []

    def on_frame(payload: str | bytes) -> None:
        if isinstance(payload, bytes) and not session_ids:
            message = ForwardMsg.FromString(payload)
            if message.HasField("new_session"):
                session_ids.append(message.new_session.initialize.session_id)

    def on_websocket(websocket: WebSocket) -> None:
        if websocket.url.endswith("/_stcore/stream"):
            websocket.on("framereceived", on_frame)

    page.on("websocket", on_websocket)
    open_app_page(page, base_url, "/")
    assert session_ids, "no new_session message on the stream"
    token = next(c["value"] for c in page.context.cookies(base_url) if c["name"] == XSRF_COOKIE)
    return session_ids[0], token


def put_file(page: Page, base_url: str, session_id: str, token: str | None) -> APIResponse:
    """PUT a small CSV as the browser's uploader would (same cookies; the token in the header it uses)."""
    headers = {"X-Xsrftoken": token} if token else {}
    return page.request.put(
        f"{base_url}/_stcore/upload_file/{session_id}/{uuid.uuid4()}", multipart={"file": CSV}, headers=headers
    )


def test_public_upload_endpoint_refuses_files(page: Page, public_server: str):
    session_id, token = open_session(page, public_server)
    assert put_file(page, public_server, session_id, token).status == 413
    assert put_file(page, public_server, session_id, None).status == 403


def test_internal_upload_endpoint_accepts_the_same_request(page: Page, app_factory: Callable[[str], AppServer]):
    # The control: the request above is one Streamlit accepts, so the 413 is the public limit at work.
    internal = app_factory("internal").url
    session_id, token = open_session(page, internal)
    assert put_file(page, internal, session_id, token).status == 204
