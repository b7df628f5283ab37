"""Save full-page screenshots of every dashboard page at common screen sizes.

Usage: .venv/bin/python scripts/screenshots.py
Starts the app with a fresh store in a temporary folder, exactly as the end-to-end tests do, with requests off this
machine blocked, and writes screenshots/<page>_<width>x<height>.png.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from tests.e2e.harness import (
    PAGE_PATHS,
    ChromiumMissing,
    launch_browser,
    open_app_page,
    open_offline_page,
    page_name,
    start_app,
)

SIZES = ((1024, 768), (1920, 1080))
OUT_DIR = REPO_ROOT / "screenshots"
MAX_RESIZES = 3
SETTLE_MS = 500


def fit_window_to_content(page: Page, width: int, height: int) -> None:
    """Streamlit scrolls inside <main>, so full_page alone stops at the window: grow the window to the content."""
    for _ in range(MAX_RESIZES):
        content_height = page.get_by_test_id("stMain").evaluate("main => main.scrollHeight")
        if content_height <= page.viewport_size["height"]:
            return
        page.set_viewport_size({"width": width, "height": max(height, content_height)})
        # Let charts and tables lay out at the new size; they may make the content taller again.
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(SETTLE_MS)


def shoot(browser: Browser, base_url: str, path: str, width: int, height: int) -> Path:
    page = open_offline_page(browser, width, height)
    try:
        open_app_page(page, base_url, path)
        fit_window_to_content(page, width, height)
        out = OUT_DIR / f"{page_name(path)}_{width}x{height}.png"
        page.screenshot(path=out, full_page=True)
        if page.external_requests:
            print(f"warning: {path} tried to reach outside: {page.external_requests}", file=sys.stderr)
        return out
    finally:
        page.context.close()


def main() -> int:
    OUT_DIR.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="dasbor-screenshots-") as workdir:
        server = start_app(Path(workdir))
        try:
            with sync_playwright() as playwright:
                browser = launch_browser(playwright)
                for path in PAGE_PATHS:
                    for width, height in SIZES:
                        print(shoot(browser, server.url, path, width, height).relative_to(REPO_ROOT))
                browser.close()
        except ChromiumMissing as missing:
            print(missing, file=sys.stderr)
            return 1
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
