"""Profil Wilayah printed from a real browser: A4, one or two pages, the area's name, nothing fetched."""

import io

import pytest
from pypdf import PdfReader

from tests.e2e import harness


@pytest.mark.parametrize(
    ("query", "name"),
    [("?kecamatan=64.08.09", "Bengalon"), ("?kecamatan=64.08.04&desa=64.08.04.1010&lang=en", "Teluk Lingga")],
)
def test_profile_prints_to_one_or_two_a4_pages_with_the_area_name(page, app_server, query, name):
    harness.open_app_page(page, app_server, "/profil" + query)
    page.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    text = " ".join(p.extract_text() for p in reader.pages)
    assert 1 <= len(reader.pages) <= 2, f"{len(reader.pages)} pages"
    assert name in text
    # Widgets, menus and the print hint are not printed; the profile's own tables are.
    assert "Ctrl+P" not in text and "Bahasa Indonesia" not in text
    assert ("Cakupan program" in text) or ("Programme coverage" in text)
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert abs(width - 595) < 2 and abs(height - 842) < 2  # A4 in points (Chromium rounds to whole pixels)
    assert page.external_requests == []


PHONE_AGENT = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
               "Chrome/126.0.0.0 Mobile Safari/537.36")
# Each tile's Kutim line and trend image, and the programme table's box: how wide it is and how wide it scrolls.
PROFILE_ON_A_PHONE = """() => {
  const tiles = [...document.querySelectorAll('.profil .card')].map(card => ({
    kutim: card.querySelector('i') ? card.querySelector('i').textContent : null,
    trend: card.querySelector('img.spark') ? card.querySelector('img.spark').naturalWidth : 0,
    right: card.getBoundingClientRect().right}));
  const table = document.querySelector('.profil table');
  return {tiles, document: document.scrollingElement.scrollWidth, tableBox: table.clientWidth,
          tableContent: table.scrollWidth, tableOverflow: getComputedStyle(table).overflowX};
}"""


def test_profile_on_a_phone_compares_with_kutim_and_its_table_scrolls_inside_itself(browser, app_server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, user_agent=PHONE_AGENT, is_mobile=True,
                                  locale="id-ID", service_workers="block")
    page = context.new_page()
    try:
        harness.open_app_page(page, app_server, "/profil?kecamatan=64.08.09")
        page.locator(".profil .card").first.wait_for()
        shown = page.evaluate(PROFILE_ON_A_PHONE)
        assert shown["document"] <= 390
        assert all(tile["right"] <= 390 for tile in shown["tiles"]), shown["tiles"]
        # population, households, decile-1 households and both shares beside Kutim's; the shares with their trend
        assert [bool(tile["kutim"] and tile["kutim"].startswith("Kutim: ")) for tile in shown["tiles"]] == [True] * 5 + [False]
        assert [tile["trend"] > 0 for tile in shown["tiles"]] == [False, False, False, True, True, False]
        assert shown["tableOverflow"] == "auto" and shown["tableContent"] > shown["tableBox"] <= 390
    finally:
        context.close()
