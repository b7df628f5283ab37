"""Benchmark of the Peta page: what travels to the browser, and what a filter change costs the server.

Reports
- the size of each static geometry file (raw and gzip, as Streamlit serves it);
- bytes received by a fresh offline Chromium for the first map view (kecamatan and desa level): on the wire
  (counted by a loopback proxy, after compression) and, from Chrome's accounting, split into geometry, the
  app's WebSocket messages (uncompressed) and Streamlit's own front-end assets;
- the same for a filter change (the year) on each level;
- server-side time of a filter change (script run in-process with AppTest), compared with an empty
  Streamlit page on the same machine, as medians over repeated runs.

Run: `.venv/bin/python bench/bench_peta.py` (needs Debian's chromium: `bash scripts/install_browser.sh`).
Writes the numbers to bench/results/peta.json and prints them.
"""

from __future__ import annotations

import gzip
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.report import save
from lib.core import boundaries
from lib.render import geometry
from tests.e2e import harness

RUNS = 15
FILTER_YEAR = "2024"


def geometry_sizes() -> dict[str, dict[str, int]]:
    sizes = {}
    for layer in boundaries.LAYERS:
        raw = geometry.static_path(layer).read_bytes()
        sizes[layer] = {"bytes": len(raw), "gzip_bytes": len(gzip.compress(raw, 6))}
    return sizes


class ByteCountingProxy:
    """A loopback TCP proxy in front of the app that counts the bytes it passes to the browser.

    This is what travels on the wire (after HTTP and WebSocket compression), which Chrome does not report
    for WebSocket messages.
    """

    def __init__(self, target_port: int):
        self.target_port = target_port
        self.to_browser = 0
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            threading.Thread(target=self._pipe, args=(client, upstream, False), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, client, True), daemon=True).start()

    def _pipe(self, source: socket.socket, sink: socket.socket, counted: bool) -> None:
        try:
            while chunk := source.recv(65536):
                if counted:
                    with self._lock:
                        self.to_browser += len(chunk)
                sink.sendall(chunk)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                try:
                    end.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def take(self) -> int:
        """Bytes counted since the last call."""
        with self._lock:
            count, self.to_browser = self.to_browser, 0
        return count

    def close(self) -> None:
        self._listener.close()


class TrafficMeter:
    """Bytes the browser receives, from Chrome's own network accounting (encoded, i.e. as transferred)."""

    def __init__(self, page: Page):
        self.session = page.context.new_cdp_session(page)
        self.session.send("Network.enable")
        self.urls: dict[str, str] = {}
        self.http: dict[str, int] = {}
        self.websocket = 0
        self.session.on("Network.responseReceived", lambda e: self.urls.__setitem__(e["requestId"], e["response"]["url"]))
        self.session.on("Network.loadingFinished", self._finished)
        self.session.on("Network.webSocketFrameReceived", self._frame)

    def _finished(self, event: dict) -> None:
        url = self.urls.get(event["requestId"], "?")
        self.http[url] = self.http.get(url, 0) + int(event["encodedDataLength"])

    def _frame(self, event: dict) -> None:
        payload = event["response"]["payloadData"]
        # Binary frames arrive base64-encoded: count the bytes on the wire, not the base64 text.
        self.websocket += len(payload) * 3 // 4 if event["response"]["opcode"] == 2 else len(payload.encode())

    def reset(self) -> None:
        self.http.clear()
        self.websocket = 0

    def summary(self) -> dict[str, int]:
        geometry = sum(n for url, n in self.http.items() if "/app/static/geo/" in url)
        other = sum(self.http.values()) - geometry
        return {"geometry": geometry, "websocket": self.websocket, "streamlit_assets_and_other_http": other,
                "total": geometry + self.websocket + other}


def wait_for_geometry(page: Page, meter: TrafficMeter, timeout_s: float = 30) -> None:
    """The map fetches its geometry after the script run: the first view ends when that file has arrived."""
    deadline = time.monotonic() + timeout_s
    while not any("/app/static/geo/" in url for url in meter.http):
        if time.monotonic() > deadline:
            raise TimeoutError("the map never loaded its geometry")
        page.wait_for_timeout(100)
    page.wait_for_load_state("networkidle")


def pick_year(page: Page, year: str) -> None:
    box = page.get_by_test_id("stSelectbox").filter(has_text="Tahun")
    box.click()
    page.get_by_role("option", name=year, exact=True).click()
    # The rerun starts after the click: wait for it to start, then to finish.
    page.locator('[data-testid="stApp"][data-test-script-state="running"]').wait_for(timeout=10_000)
    harness.wait_for_app(page)
    assert f"tahun={year}" in page.url, page.url


def browser_traffic(base_url: str) -> dict[str, dict]:
    proxy = ByteCountingProxy(int(base_url.rsplit(":", 1)[1]))
    base_url = f"http://127.0.0.1:{proxy.port}"
    results = {}
    with sync_playwright() as playwright:
        browser = harness.launch_browser(playwright)
        for level, path in (("kecamatan", "/peta"), ("desa", "/peta?tingkat=desa")):
            page = harness.open_offline_page(browser, 1280, 900)
            meter = TrafficMeter(page)
            proxy.take()
            started = time.perf_counter()
            harness.open_app_page(page, base_url, path)
            wait_for_geometry(page, meter)
            first_view = {**meter.summary(), "wire_bytes": proxy.take(), "seconds": round(time.perf_counter() - started, 2)}
            meter.reset()
            started = time.perf_counter()
            pick_year(page, FILTER_YEAR)
            filter_change = {**meter.summary(), "wire_bytes": proxy.take(), "seconds": round(time.perf_counter() - started, 2)}
            assert not page.external_requests, page.external_requests
            results[level] = {"first_view": first_view, "filter_change": filter_change}
            page.context.close()
        browser.close()
    proxy.close()
    return results


def median_run_seconds(make_app, change) -> float:
    times = []
    app = make_app().run()
    for i in range(RUNS):
        change(app, i)
        started = time.perf_counter()
        app.run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def server_side_times(db_url: str) -> dict[str, float]:
    import os

    from streamlit.testing.v1 import AppTest

    os.environ["DASBOR_DB_URL"] = db_url
    empty = median_run_seconds(lambda: AppTest.from_string("import streamlit as st\n"), lambda app, i: None)
    years = [2024, 2025]

    def peta(query: dict):
        def make():
            app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
            app.query_params.update(query)
            return app.switch_page("views/peta.py")
        return make

    def change_year(app, i):
        app.selectbox(key="tahun").set_value(years[i % 2])

    kecamatan = median_run_seconds(peta({}), change_year)
    desa = median_run_seconds(peta({"tingkat": "desa"}), change_year)
    return {"empty_page_s": round(empty, 4), "kecamatan_filter_change_s": round(kecamatan, 4),
            "desa_filter_change_s": round(desa, 4),
            "kecamatan_ratio_to_empty": round(kecamatan / empty, 1), "desa_ratio_to_empty": round(desa / empty, 1)}


def main() -> None:
    with tempfile.TemporaryDirectory() as workdir:
        server = harness.start_app(Path(workdir))
        try:
            traffic = browser_traffic(server.url)
        finally:
            server.stop()
        timing = server_side_times(server.db_url)
    report = {"geometry_files": geometry_sizes(), "browser_bytes": traffic, "server_side": timing, "runs": RUNS}
    save("peta", report)


if __name__ == "__main__":
    main()
