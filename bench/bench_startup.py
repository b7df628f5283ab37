"""Cold start of the dashboard: from `streamlit run` to the Ringkasan headline on screen.

Measures, with the Python packages already installed:
- a first start on a new machine (no store yet: the SQLite store is built from data/ by the first session);
- a restart with the store already built.
Each is timed from process start to the server's health check answering, and to `8,07 %` being visible in
an offline headless Chromium.

Run: `.venv/bin/python bench/bench_startup.py`; writes bench/results/startup.json and prints it.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.report import save
from tests.e2e import harness


def time_start(workdir: Path, browser) -> dict[str, float]:
    started = time.perf_counter()
    server = harness.start_app(workdir)
    healthy = time.perf_counter() - started
    try:
        page = harness.open_offline_page(browser)
        page.goto(server.url + "/")
        page.get_by_text("8,07 %").first.wait_for(timeout=120_000)
        shown = time.perf_counter() - started
        assert not page.external_requests, page.external_requests
        page.context.close()
    finally:
        server.stop()
    return {"to_health_check_s": round(healthy, 2), "to_headline_on_screen_s": round(shown, 2)}


def main() -> None:
    with tempfile.TemporaryDirectory() as workdir, sync_playwright() as playwright:
        browser = harness.launch_browser(playwright)
        report = {"first_start_new_store": time_start(Path(workdir), browser),
                  "restart_existing_store": time_start(Path(workdir), browser)}
        browser.close()
    save("startup", report)


if __name__ == "__main__":
    main()
