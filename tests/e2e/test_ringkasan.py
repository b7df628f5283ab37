"""The regent's first screen (issue 15): at 1366x768, with the sidebar open, the "Perlu perhatian" block and every
card's Kaltim/Indonesia comparison and target chip are above the fold, in the internal and the public mode (which
adds its rounding note), and no card's value is cut at any of the four screen sizes; in real Chromium on the
shipped data."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Browser, Page

from .harness import AppServer, open_app_page, open_offline_page

WIDTH, HEIGHT = 1366, 768
CARDS = '[class*="st-key-kartu-"]'
# A card's comparison line: `Kaltim 5,17 % · Indonesia 8,47 %` (or that neither has a figure that year).
COMPARISON = re.compile(r"Kaltim.*Indonesia")
SHIPPED_CARDS = 6
SCREENS = [(1366, 768), (1024, 768), (1920, 1080), (390, 844)]


def bottoms(page: Page, selector: str) -> list[int]:
    boxes = page.locator(selector)
    return [round(box["y"] + box["height"]) for box in (boxes.nth(i).bounding_box() for i in range(boxes.count()))]


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("mode", ["internal", "public"])
def test_perlu_perhatian_and_every_cards_comparison_and_target_are_above_the_fold(
        browser: Browser, app_factory: Callable[[str], AppServer], mode: str, lang: str) -> None:
    page = open_offline_page(browser, WIDTH, HEIGHT)
    try:
        open_app_page(page, app_factory(mode).url, f"/?lang={lang}")
        block = page.locator(".st-key-perlu-perhatian").bounding_box()
        comparisons = page.locator(f'{CARDS} [data-testid="stCaptionContainer"]').filter(has_text=COMPARISON)
        comparison_bottoms = [round(box["y"] + box["height"])
                              for box in (comparisons.nth(i).bounding_box() for i in range(comparisons.count()))]
        # Streamlit draws each badge twice, once hidden (0 px high): the visible one is the chip.
        chip_bottoms = bottoms(page, f"{CARDS} .stMarkdownBadge:visible")
        print(f"\n{mode} {lang}: Perlu perhatian: top {block['y']:.0f}, bottom {block['y'] + block['height']:.0f}; "
              f"card comparisons' bottoms: {comparison_bottoms}; target chips' bottoms: {chip_bottoms}")
        assert len(comparison_bottoms) == len(chip_bottoms) == SHIPPED_CARDS
        assert block["y"] + block["height"] <= HEIGHT
        assert max(comparison_bottoms + chip_bottoms) <= HEIGHT
        if mode == "public":  # the rounding is said in the block, above the fold too
            rounding = {"id": "Versi publik", "en": "Public version"}[lang]
            assert page.locator(".st-key-perlu-perhatian").get_by_text(rounding).count() == 1
        # Nothing scrolled: these are positions in the first screen.
        assert page.get_by_test_id("stMain").evaluate("main => main.scrollTop") == 0
        assert page.external_requests == []
    finally:
        page.context.close()


# Every element of a card's value, with how wide its content is and how wide it is drawn: Streamlit cuts a value too
# long for its card with an ellipsis on the inner paragraph, so each level is compared.
VALUE_WIDTHS = """values => values.map(value => ({
    text: value.innerText,
    cut: [value, ...value.querySelectorAll('*')].some(element => element.scrollWidth > element.clientWidth),
}))"""


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_no_card_value_is_cut(browser: Browser, app_server: str, width: int, height: int, lang: str) -> None:
    # The poverty line's `Rp753.332/kapita/bulan` (and `Rp753,332 per capita per month`) is the longest.
    page = open_offline_page(browser, width, height)
    try:
        open_app_page(page, app_server, f"/?lang={lang}")
        values = page.locator(f'{CARDS} [data-testid="stMetricValue"]').evaluate_all(VALUE_WIDTHS)
        assert len(values) == SHIPPED_CARDS
        assert [value["text"] for value in values if value["cut"]] == []
    finally:
        page.context.close()
