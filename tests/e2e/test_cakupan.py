"""Cakupan on the regent's 1366x768 laptop with the sidebar open (issue 15), in real Chromium on the shipped data:
the per-area table in the reader's number formats with every column in view and sorting by value, and the first
figure starting on the first screen.

The table is drawn on a canvas (glide-data-grid): what it shows is read by recording the texts drawn on canvases.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Locator, Page

from .harness import open_app_page, open_offline_page

WIDTH, HEIGHT = 1366, 768
# Every text drawn on a 2D canvas, with where it landed on the page (at the time it was drawn).
RECORD_CANVAS_TEXT = """(() => {
  const drawn = window.drawnTexts = [];
  const fillText = CanvasRenderingContext2D.prototype.fillText;
  CanvasRenderingContext2D.prototype.fillText = function (text, x, y, ...rest) {
    const m = this.getTransform(), box = this.canvas.getBoundingClientRect(), ratio = window.devicePixelRatio;
    drawn.push({text: String(text), x: box.left + (m.a * x + m.e) / ratio});
    return fillText.call(this, text, x, y, ...rest);
  };
})()"""
HEADERS = {"id": ["Wilayah", "Sasaran", "Menerima", "Cakupan", "Eksklusi", "Inklusi", "Semua penerima"],
           "en": ["Area", "Target", "Reached", "Coverage", "Exclusion", "Inclusion", "All recipients"]}
# `9.825` and `20,4 %` in Indonesian, `9,825` and `20.4 %` in English; the other language's forms must not appear.
COUNT = {"id": re.compile(r"\d{1,3}(\.\d{3})+"), "en": re.compile(r"\d{1,3}(,\d{3})+")}
PERCENT = {"id": re.compile(r"\d+,\d %"), "en": re.compile(r"\d+\.\d %")}
# A figure's title and subtitle take its top 110 px: they must be on the first screen.
CAPTION_PX = 110


def open_cakupan(browser: Browser, app_server: str, query: str = "") -> Page:
    page = open_offline_page(browser, WIDTH, HEIGHT)
    page.add_init_script(RECORD_CANVAS_TEXT)
    open_app_page(page, app_server, "/cakupan" + query)
    assert page.get_by_test_id("stSidebar").bounding_box()["width"] > 200  # the sidebar is open
    return page


def show_table(page: Page) -> Locator:
    table = page.get_by_test_id("stDataFrame").last
    table.scroll_into_view_if_needed()
    page.wait_for_timeout(800)
    return table


def drawn(page: Page) -> list[str]:
    return [entry["text"] for entry in page.evaluate("window.drawnTexts")]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_table_shows_every_column_in_the_readers_formats(browser: Browser, app_server: str, lang: str) -> None:
    page = open_cakupan(browser, app_server, "" if lang == "id" else "?lang=en")
    try:
        table = show_table(page)
        scroller = table.locator(".dvn-scroller").evaluate("s => [s.clientWidth, s.scrollWidth]")
        texts = drawn(page)
        print(f"\n{lang}: table {scroller[0]} px wide, its content {scroller[1]} px; drawn: {texts[-80:]}")
        assert scroller[1] <= scroller[0]  # nothing to scroll to: no column cut
        start = texts.index(HEADERS[lang][0])
        assert texts[start:start + 7] == HEADERS[lang]
        other = "en" if lang == "id" else "id"
        assert any(COUNT[lang].fullmatch(text) for text in texts)
        assert any(PERCENT[lang].fullmatch(text) for text in texts)
        assert not [text for text in texts if PERCENT[other].fullmatch(text) or re.fullmatch(r"\d{4,}|\d+[.,]\d", text)]
        assert page.external_requests == []
    finally:
        page.context.close()


def test_a_click_on_a_header_sorts_by_value_not_by_text(browser: Browser, app_server: str) -> None:
    page = open_cakupan(browser, app_server)
    try:
        table = show_table(page)
        header = next(entry for entry in page.evaluate("window.drawnTexts") if entry["text"] == "Sasaran")
        page.evaluate("window.drawnTexts.length = 0")
        page.mouse.click(header["x"] + 10, table.bounding_box()["y"] + 18)
        page.wait_for_timeout(800)
        # The grid's accessible rows hold the cells' values in the sorted order: the households column ascends.
        rows = table.locator('[role="row"]')
        cells = [rows.nth(i).evaluate("row => [...row.children].map(cell => cell.innerText)") for i in range(1, 8)]
        households = [float(row[1]) for row in cells]
        shown = [text for text in drawn(page) if COUNT["id"].fullmatch(text) or text.isdigit()]
        print(f"\nsorted households: {households}; drawn: {shown[:8]}")
        assert households == sorted(households) and households[0] < 1000 < households[-1]
        assert "↑ Sasaran" in drawn(page)
    finally:
        page.context.close()


def test_the_first_figure_starts_on_the_first_screen(browser: Browser, app_server: str) -> None:
    page = open_cakupan(browser, app_server)
    try:
        top = page.get_by_test_id("stPlotlyChart").first.bounding_box()["y"]
        metrics = [page.get_by_test_id("stMetric").nth(i).bounding_box()["y"] for i in range(6)]
        print(f"\nfirst figure's top: {top:.0f} px; the six metrics' tops: {[round(y) for y in metrics]}")
        assert len(set(metrics)) == 1  # the six figures share one line
        assert top + CAPTION_PX <= HEIGHT
        assert page.get_by_test_id("stMain").evaluate("main => main.scrollTop") == 0
    finally:
        page.context.close()
