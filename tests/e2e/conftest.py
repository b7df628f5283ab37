"""Fixtures for the end-to-end tests: a real `streamlit run` and an offline headless Chromium.

Every test here is marked `e2e`, so `pytest -m "not e2e"` skips them on a machine without Chromium.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from .harness import AppServer, ChromiumMissing, launch_browser, open_offline_page, start_app

E2E_DIR = Path(__file__).resolve().parent
LOG_TAIL_CHARS = 8000


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "e2e: end-to-end test driving the running app in headless Chromium")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # This hook sees the whole session's items: mark only those under tests/e2e.
    for item in items:
        if item.path.is_relative_to(E2E_DIR):
            item.add_marker(pytest.mark.e2e)


_started: list[AppServer] = []


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    report = yield
    # A failing page is often explained by a traceback in the server's log: attach it to the report.
    if report.failed and item.path.is_relative_to(E2E_DIR):
        for server in _started:
            report.sections.append((f"streamlit log ({server.mode})", server.log()[-LOG_TAIL_CHARS:]))
    return report


@pytest.fixture(scope="session")
def app_factory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], AppServer]]:
    """start(mode) -> AppServer: one server per DASBOR_MODE per session, each with its own fresh store."""
    servers: dict[str, AppServer] = {}

    def start(mode: str = "internal") -> AppServer:
        if mode not in servers:
            servers[mode] = start_app(tmp_path_factory.mktemp(f"app-{mode}"), mode=mode)
            _started.append(servers[mode])
        return servers[mode]

    yield start
    for server in servers.values():
        server.stop()
        _started.remove(server)


@pytest.fixture(scope="session")
def app_server(app_factory: Callable[[str], AppServer]) -> str:
    """Base URL of the dashboard in the default `internal` mode."""
    return app_factory("internal").url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = _launch_or_fail(playwright)
        yield browser
        browser.close()


def _launch_or_fail(playwright: Playwright) -> Browser:
    try:
        return launch_browser(playwright)
    except ChromiumMissing as missing:
        message = str(missing)
    # Failed outside the except block, so the report shows only the instruction, not a chained traceback.
    pytest.fail(message, pytrace=False)


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A 1280x800 id-ID page; requests off this machine are aborted and listed in page.external_requests."""
    page = open_offline_page(browser)
    yield page
    page.context.close()
