"""The dashboard on a 390x844 phone: no page scrolls sideways, the sidebar starts closed, maps fit; and the
"Salin tautan" link, copied in one browser, opens the same view in a fresh one."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from .harness import RequestTrap, open_app_page

PHONE = {"width": 390, "height": 844}
# A phone's browser says "Mobile" (`lib.ui.layout.map_fit_width` fits maps to a phone by it).
PHONE_AGENT = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
               "Chrome/126.0.0.0 Mobile Safari/537.36")
PAGES = ["/", "/peta", "/tren", "/cakupan", "/profil", "/tentang", "/presentasi",
         "/profil?kecamatan=64.08.04&desa=64.08.04.1010", "/cakupan?kecamatan=64.08.04", "/peta?tingkat=desa"]

# Widths on the phone: the document's, the main area's content and box, and anything on the page reaching past
# the screen's edges that is not inside a box scrolling or clipping within the screen (a wide table scrolls in
# its own box and is fine).
MEASURE = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const sidebar = document.querySelector('[data-testid="stSidebar"]');
  const width = window.innerWidth, sticking = [];
  const insideScroller = (el) => {
    for (let p = el.parentElement; p && p !== main; p = p.parentElement) {
      const style = getComputedStyle(p), box = p.getBoundingClientRect();
      if (['auto', 'scroll', 'hidden', 'clip'].includes(style.overflowX) && box.left >= -1 && box.right <= width + 1)
        return true;
    }
    return false;
  };
  for (const el of main.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width > 0 && (box.right > width + 1 || box.left < -1) && !insideScroller(el))
      sticking.push(`${el.getAttribute('data-testid') || el.tagName} ${Math.round(box.left)}..${Math.round(box.right)}`);
  }
  return {document: document.scrollingElement.scrollWidth, main: main.scrollWidth, mainBox: main.clientWidth,
          sidebarRight: sidebar ? sidebar.getBoundingClientRect().right : null, sticking};
}"""
MAP_ZOOM = """() => {
  const chart = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
  return chart && chart._fullLayout && chart._fullLayout.map ? chart._fullLayout.map.zoom : null;
}"""


def new_page(browser: Browser, phone: bool) -> Page:
    """A fresh browser (no cookies, no session) on a phone or a 1366x768 laptop; nothing leaves this machine."""
    options = dict(viewport=PHONE, user_agent=PHONE_AGENT, is_mobile=True, has_touch=True) if phone else dict(
        viewport={"width": 1366, "height": 768})
    context = browser.new_context(locale="id-ID", service_workers="block", **options)
    trap = RequestTrap()
    context.route("**/*", trap.on_route)
    page = context.new_page()
    page.external_requests = trap.external_requests
    return page


def selected(page: Page) -> list[str]:
    """What the page's pickers show: each selectbox's choice and each multiselect's chosen items (read once both
    kinds are drawn: a page's first run may still be sending its later widgets)."""
    expect(page.get_by_test_id("stSelectbox").first).to_be_visible()
    expect(page.get_by_test_id("stMultiSelect").first).to_be_visible()
    return [*page.get_by_test_id("stSelectbox").locator("input").evaluate_all("inputs => inputs.map(i => i.value)"),
            *page.get_by_test_id("stMultiSelect").locator("[data-tag]").all_inner_texts()]


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    page = new_page(browser, phone=True)
    yield page
    page.context.close()


@pytest.mark.parametrize("path", PAGES)
def test_no_page_scrolls_sideways_on_a_phone_and_the_sidebar_starts_closed(phone, app_server, path):
    open_app_page(phone, app_server, path)
    phone.wait_for_timeout(1000)  # charts and maps lay out after the run
    measured = phone.evaluate(MEASURE)
    print(f"{path}: {measured}")
    assert measured["document"] <= PHONE["width"]
    assert measured["main"] <= measured["mainBox"] <= PHONE["width"]
    assert measured["sticking"] == []
    assert measured["sidebarRight"] is not None and measured["sidebarRight"] <= 0  # off the screen: closed
    assert phone.get_by_test_id("stExpandSidebarButton").is_visible()
    assert phone.external_requests == []


def test_profil_tiles_two_a_row_on_a_phone(phone, app_server):
    open_app_page(phone, app_server, "/profil")
    phone.locator(".profil .card").first.wait_for()  # the profile is HTML drawn after the run's other elements
    tiles = phone.locator(".profil .card").evaluate_all(
        "cards => cards.map(c => { const b = c.getBoundingClientRect(); return [b.left, b.top, b.width]; })")
    assert len(tiles) >= 4
    rows = {}
    for _left, top, width in tiles:
        rows.setdefault(round(top), []).append(width)
        assert width >= 140, tiles  # not the ~30 px column of a tile squeezed beside the locator map
    assert {len(row) for row in rows.values()} == {2}, tiles


def test_a_phone_map_is_fitted_to_the_phone(browser, app_server):
    zooms = {}
    for on_phone in (True, False):
        page = new_page(browser, on_phone)
        open_app_page(page, app_server, "/peta")
        page.wait_for_function(f"({MAP_ZOOM})() !== null", timeout=30_000)
        zooms[on_phone] = page.evaluate(MAP_ZOOM)
        page.context.close()
    # 350 px against 600 px wide: log2(600 / 350) = 0.78 zoom levels further out.
    assert zooms[True] < zooms[False] - 0.7, zooms


def test_the_copied_link_opens_the_same_view_in_a_fresh_browser(browser, app_server):
    first = new_page(browser, phone=False)
    open_app_page(first, app_server, "/cakupan?kecamatan=64.08.04")
    chosen = selected(first)
    assert len(chosen) >= 5 and all(chosen) and "Program Keluarga Harapan (PKH)" in chosen, chosen
    first.get_by_test_id("stPopover").get_by_role("button").click()
    link = first.get_by_test_id("stCode").inner_text().strip()
    first.context.close()
    assert link.startswith(app_server + "/cakupan?")
    pinned = parse_qs(urlsplit(link).query)
    assert pinned["tahun"] == ["2025"] and pinned["lang"] == ["id"] and pinned["kecamatan"] == ["64.08.04"]
    assert pinned["program"] == ["PKH"] and pinned["desil"] == ["1", "2", "3", "4"]

    second = new_page(browser, phone=False)
    open_app_page(second, app_server, link.removeprefix(app_server))
    second.get_by_test_id("stPopover").get_by_role("button").click()
    assert second.get_by_test_id("stCode").inner_text().strip() == link
    assert selected(second) == chosen
    second.context.close()
