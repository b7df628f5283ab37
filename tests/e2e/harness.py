"""Start the dashboard and open its pages in an offline Chromium.

Shared by tests/e2e/conftest.py and scripts/screenshots.py, so both run the app the same way.
"""

from __future__ import annotations

import ipaddress
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Page, Playwright, Route, WebSocket

from deploy.topology import wait_healthy
from lib.ui import hardening
from tests import databases

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")

# Every page of the dashboard, by URL path: the offline test and the screenshots loop over these.
PAGE_PATHS = ("/", "/peta", "/tren", "/kelola")
DEFAULT_PAGE_NAME = "ringkasan"

STARTUP_TIMEOUT_S = 120
# The first script run reads the store and builds every cache, so the first page can take a while.
SCRIPT_RUN_TIMEOUT_MS = 120_000

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-dev-shm-usage",
    # No --disable-gpu: deck.gl maps draw nothing without WebGL.
]



class ChromiumMissing(RuntimeError):
    pass


def page_name(path: str) -> str:
    """File-name-safe name of a page: '/' is the default page, '/tren' is 'tren'."""
    return path.strip("/").replace("/", "_") or DEFAULT_PAGE_NAME


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class AppServer:
    process: subprocess.Popen
    url: str
    log_path: Path
    mode: str
    db_url: str

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        # Streamlit runs in its own process group: signal the group so no child outlives the test run.
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def start_app(
    workdir: Path, mode: str = "internal", script: str = "app.py", secrets: Path | None = None,
    db_url: str | None = None,
) -> AppServer:
    """Start `streamlit run` on a free port with a fresh store (SQLite in workdir, or a new PostgreSQL database when
    the tests run on PostgreSQL), or on the store at `db_url`; return once healthy.

    `secrets`: a secrets.toml to use instead of the usual locations (Streamlit's `secrets.files` option).
    """
    workdir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    db_url = db_url or databases.new_url(workdir)
    env = {
        **os.environ,
        "DASBOR_DB_URL": db_url,
        "DASBOR_MODE": mode,
        # The public server runs hardened, as `make run-public` starts it (app.py refuses to serve otherwise).
        **(hardening.public_server_env() if mode == "public" else {}),
    }
    # No server builds its store: `make store` does before it starts (as `make run` and `make run-public` do).
    subprocess.run([sys.executable, "-m", "lib.core.seed"], cwd=REPO_ROOT, env=env, check=True,
                   capture_output=True, timeout=STARTUP_TIMEOUT_S)
    command = [
        sys.executable, "-m", "streamlit", "run", script,
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
        # Edits to the source while tests run must not trigger reruns mid-test.
        "--server.fileWatcherType", "none",
    ]
    if secrets is not None:
        command += ["--secrets.files", str(secrets)]
    log_path = workdir / f"streamlit-{mode}.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    server = AppServer(process, f"http://127.0.0.1:{port}", log_path, mode, db_url)
    try:
        wait_healthy(server.url, server.process, "streamlit", server.log)
    except Exception:
        server.stop()
        raise
    return server


def launch_browser(playwright: Playwright) -> Browser:
    if not CHROMIUM.exists():
        raise ChromiumMissing(
            f"Chromium not found at {CHROMIUM}. Run `bash scripts/install_browser.sh` "
            "(never `playwright install`: it downloads a browser)."
        )
    return playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)


def is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass
class RequestTrap:
    """Aborts every request leaving the machine and remembers its URL."""

    external_requests: list[str] = field(default_factory=list)

    def on_route(self, route: Route) -> None:
        url = route.request.url
        if is_loopback(url):
            route.continue_()
        else:
            self.external_requests.append(url)
            route.abort("blockedbyclient")

    def on_websocket(self, websocket: WebSocket) -> None:
        # Routes do not see WebSockets; an external one is recorded so the offline test fails on it.
        if not is_loopback(websocket.url):
            self.external_requests.append(websocket.url)


def open_offline_page(browser: Browser, width: int = 1280, height: int = 800) -> Page:
    """A page in a new context whose non-loopback requests are aborted and listed in page.external_requests."""
    context = browser.new_context(
        viewport={"width": width, "height": height},
        locale="id-ID",
        # A service worker's fetches would bypass the route.
        service_workers="block",
    )
    trap = RequestTrap()
    context.route("**/*", trap.on_route)
    page = context.new_page()
    page.on("websocket", trap.on_websocket)
    page.external_requests = trap.external_requests
    return page


def wait_for_app(page: Page, timeout_ms: int = SCRIPT_RUN_TIMEOUT_MS) -> None:
    """Wait until Streamlit has finished running the page's script and the browser has what it needs to draw it."""
    page.locator(
        '[data-testid="stApp"][data-test-connection-state="CONNECTED"][data-test-script-state="notRunning"]'
    ).wait_for(timeout=timeout_ms)
    page.get_by_test_id("stStatusWidgetRunningIcon").wait_for(state="hidden", timeout=timeout_ms)
    # Elements such as metrics and charts load their code only once the run delivers them.
    page.wait_for_load_state("networkidle", timeout=timeout_ms)


def open_app_page(page: Page, base_url: str, path: str) -> None:
    page.goto(base_url + path)
    wait_for_app(page)


RERUN_START_TIMEOUT_MS = 10_000
RERUN_POLL_MS = 50


class AppSocket:
    """Frames on the page's Streamlit WebSocket, in order: 's' sent (a rerun request), 'r' received.

    A rerun is seen on the wire rather than in the DOM: a fast run's "running" and "not running" states can
    reach React in one batch, and then `data-test-script-state` never changes at all. Also counts the stream
    sockets opened: a reload or reconnect opens a new one.
    """

    def __init__(self, page: Page) -> None:
        self.frames: list[str] = []
        self.sockets = 0
        page.on("websocket", self._on_websocket)

    def _on_websocket(self, websocket: WebSocket) -> None:
        if urlsplit(websocket.url).path.endswith("/_stcore/stream"):
            self.sockets += 1
            websocket.on("framesent", lambda _: self.frames.append("s"))
            websocket.on("framereceived", lambda _: self.frames.append("r"))

    def answered_since(self, start: int) -> bool:
        """Whether a frame was sent after `start` and the app has answered it."""
        sent = "s" in self.frames[start:] and self.frames.index("s", start)
        return sent is not False and "r" in self.frames[sent + 1 :]


def watch_app_socket(page: Page) -> Page:
    """Attach an AppSocket to `page` (before the app opens) as `page.app_socket`."""
    page.app_socket = AppSocket(page)
    return page


def rerun_after(page: Page, action: Callable[[], None]) -> None:
    """Do `action`, wait until it has asked the app for a script run, the app has answered, and the run is over."""
    socket: AppSocket = page.app_socket
    start = len(socket.frames)
    action()
    waited = 0
    while not socket.answered_since(start):
        assert waited < RERUN_START_TIMEOUT_MS, "the action started no script run"
        page.wait_for_timeout(RERUN_POLL_MS)
        waited += RERUN_POLL_MS
    # Let the page handle the frames already received before looking at the script state.
    page.evaluate("() => new Promise(resolve => setTimeout(resolve, 0))")
    wait_for_app(page)
