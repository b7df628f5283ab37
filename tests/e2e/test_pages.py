"""The dashboard as a person sees it in a browser, with no network beyond this machine."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, expect

from .harness import PAGE_PATHS, AppServer, open_app_page

# Kutai Timur's 2025 poverty rate as its headline card shows it: decimal comma, optional (nbsp) space.
HEADLINE_RATE = {"id": re.compile(r"^8,07\s?%$"), "en": re.compile(r"^8\.07\s?%$")}
WRONG_RATE = re.compile(r"8,08\s?%")
# The headline card's label (data/indikator.csv), which the language switch translates.
HEADLINE_LABEL = {"id": "Persentase penduduk miskin", "en": "Poverty headcount rate"}
NEGATIVE_CHECK_TIMEOUT_MS = 2_000


def body(page: Page) -> Locator:
    return page.locator("body")


def headline_value(page: Page, lang: str) -> Locator:
    card = page.get_by_test_id("stMetric").filter(has_text=HEADLINE_LABEL[lang])
    return card.get_by_test_id("stMetricValue")


def test_ringkasan_shows_headline_rate(page: Page, app_server: str) -> None:
    open_app_page(page, app_server, "/")
    expect(headline_value(page, "id")).to_be_visible()
    expect(headline_value(page, "id")).to_have_text(HEADLINE_RATE["id"])
    # The same kind of check must fail for a figure the page does not show, or it proves nothing.
    expect(body(page)).not_to_contain_text(WRONG_RATE, use_inner_text=True, timeout=NEGATIVE_CHECK_TIMEOUT_MS)


def test_ringkasan_in_indonesian_by_default(page: Page, app_server: str) -> None:
    open_app_page(page, app_server, "/")
    expect(body(page)).to_contain_text(HEADLINE_LABEL["id"], use_inner_text=True)
    expect(body(page)).not_to_contain_text(
        HEADLINE_LABEL["en"], use_inner_text=True, timeout=NEGATIVE_CHECK_TIMEOUT_MS
    )


def test_ringkasan_in_english(page: Page, app_server: str) -> None:
    open_app_page(page, app_server, "/?lang=en")
    expect(headline_value(page, "en")).to_have_text(HEADLINE_RATE["en"])
    expect(body(page)).not_to_contain_text(
        HEADLINE_LABEL["id"], use_inner_text=True, timeout=NEGATIVE_CHECK_TIMEOUT_MS
    )


def test_tren_draws_a_line(page: Page, app_server: str) -> None:
    open_app_page(page, app_server, "/tren")
    lines = page.locator(".js-plotly-plot .scatterlayer path.js-line")
    expect(lines.first).to_be_attached()
    # A line through at least two points has a path with an "L" segment; an empty trace has none.
    drawn = [d for d in lines.evaluate_all("paths => paths.map(p => p.getAttribute('d') || '')") if "L" in d]
    assert drawn, f"{lines.count()} plotly line trace(s), none with two or more points"


@pytest.mark.parametrize("path", PAGE_PATHS)
def test_page_makes_no_external_request(page: Page, app_server: str, path: str) -> None:
    open_app_page(page, app_server, path)
    assert page.external_requests == [], f"{path} requested outside this machine: {page.external_requests}"


def test_request_trap_catches_external_fetch(page: Page, app_server: str) -> None:
    open_app_page(page, app_server, "/")
    # .invalid never resolves; the trap aborts the request before any lookup.
    outcome = page.evaluate("fetch('https://probe.invalid/x').then(() => 'fetched', () => 'blocked')")
    assert outcome == "blocked"
    assert "https://probe.invalid/x" in page.external_requests


def test_public_mode_serves_headline(page: Page, app_factory: Callable[[str], AppServer]) -> None:
    open_app_page(page, app_factory("public").url, "/")
    expect(headline_value(page, "id")).to_have_text(HEADLINE_RATE["id"])


def test_tables_offer_no_unneutralised_csv_download(page: Page, app_server: str) -> None:
    # Uploaded text such as `=HYPERLINK(...)` leaves only through the dashboard's own downloads, which neutralise
    # it; Streamlit's table toolbar would export it raw (client.disableDataExport in .streamlit/config.toml).
    open_app_page(page, app_server, "/")
    page.get_by_test_id("stDataFrame").first.hover()
    toolbar = page.get_by_test_id("stElementToolbar").first
    expect(toolbar.get_by_role("button", name="Fullscreen")).to_be_visible()
    expect(toolbar.get_by_role("button", name="Download as CSV")).to_have_count(0)
