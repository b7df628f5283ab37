"""The regent's first screen (issue 15): at 1366x768, with the sidebar open, the "Perlu perhatian" block and
every card's Kaltim/Indonesia comparison are above the fold, in real Chromium on the shipped data."""

from __future__ import annotations

import re

from playwright.sync_api import Browser

from .harness import open_app_page, open_offline_page

WIDTH, HEIGHT = 1366, 768
# A card's comparison line: `Kaltim 5,17 % · Indonesia 8,47 %` (or that neither has a figure that year).
COMPARISON = re.compile(r"Kaltim.*Indonesia")


def test_perlu_perhatian_and_every_cards_comparison_are_above_the_fold(browser: Browser, app_server: str) -> None:
    page = open_offline_page(browser, WIDTH, HEIGHT)
    try:
        open_app_page(page, app_server, "/")
        block = page.locator(".st-key-perlu-perhatian").bounding_box()
        comparisons = page.locator('[class*="st-key-kartu-"] [data-testid="stCaptionContainer"]').filter(
            has_text=COMPARISON)
        boxes = [comparisons.nth(i).bounding_box() for i in range(comparisons.count())]
        bottoms = [round(box["y"] + box["height"]) for box in boxes]
        print(f"\nPerlu perhatian: top {block['y']:.0f}, bottom {block['y'] + block['height']:.0f}; "
              f"card comparisons' bottoms: {bottoms}")
        assert len(boxes) == 6  # one comparison on each of the six shipped cards
        assert block["y"] + block["height"] <= HEIGHT
        assert max(bottoms) <= HEIGHT
        # Nothing scrolled: these are positions in the first screen.
        assert page.get_by_test_id("stMain").evaluate("main => main.scrollTop") == 0
        assert page.external_requests == []
    finally:
        page.context.close()
