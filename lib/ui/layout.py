"""Page CSS: the compact layout, the projector's large high-contrast type, and the print layouts."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from lib.render import maps

# Streamlit's wide layout keeps about 5rem on each side; on a 1024 px projector that costs two cards a row.
# "Salin tautan" (`lib.ui.share`) sits in Streamlit's header bar, left of its menu, on every page and width: it
# takes no line of the page and is never printed.
# A phone (390 px) scrolls only down: narrower margins; tables wider than the screen scroll inside their own box;
# Profil's number tiles two a row under its locator map, which shrinks to the width; images and charts fit.
_COMPACT_CSS = """<style>
[data-testid="stMainBlockContainer"] { padding-left: 2rem; padding-right: 2rem; padding-top: 3rem; }
.st-key-share-link { position: fixed; top: 0.7rem; right: 3.2rem; z-index: 999991; width: auto !important; }
.st-key-share-link button { min-height: 2.1rem; padding: 0.1rem 0.7rem; background: #ffffff; }
@media print { .st-key-share-link { display: none !important; } }
@media (max-width: 640px) {
  [data-testid="stMainBlockContainer"] { padding-left: 0.8rem; padding-right: 0.8rem; }
  [data-testid="stMain"] table { display: block; max-width: 100%; overflow-x: auto; }
  [data-testid="stMain"] img, [data-testid="stMain"] svg:not([class]) { max-width: 100%; height: auto; }
  [data-testid="stPageLink"] * { white-space: normal !important; }
  .profil .top { flex-direction: column; gap: 8pt; }
  .profil .top > div { max-width: 100%; }
  .profil .cards { grid-template-columns: repeat(2, minmax(0, 1fr)); width: 100%; }
  .profil .card { min-width: 0; overflow-wrap: anywhere; }
  .profil .card b { font-size: 15pt; }
}
</style>"""


def compact_layout() -> None:
    st.html(_COMPACT_CSS)


# Ringkasan's headline cards (containers keyed `kartu-<indicator>` in a row keyed `ringkasan-kartu`) in a grid of
# at most three columns, each at least a card wide and never wider than the screen: three and three on a wide
# screen (not four and two) filling the width like the "Perlu perhatian" block above, two a row on a 1024 px
# projector, one on a phone. A card's change and "dibanding 2023" wrap instead of being cut.
_SUMMARY_CSS = """<style>
.st-key-ringkasan-kartu { display: grid !important;
  grid-template-columns: repeat(auto-fit, minmax(min(100%, max(CARDpx, (100% - 2 * GAPpx) / 3)), 1fr)); }
.st-key-ringkasan-kartu > [data-testid="stLayoutWrapper"] { width: auto !important; }
[class*="st-key-kartu-"] div:has(> [data-testid="stMetricDelta"]) { flex-wrap: wrap; }
VALUES</style>"""
# Streamlit draws a metric's value on one line at 2.25rem and cuts what does not fit (`Rp753.332/kapit…`). Each
# card's value is drawn as large as fits its card instead: Source Sans takes about 0.46 em a character.
_EM_PER_CHARACTER = 0.5
_CARD_GAP = 16  # the gap of a horizontal container with gap="small"


def summary_cards(card_width: int, values_by_key: Mapping[str, str]) -> None:
    """Ringkasan's card CSS for cards at least `card_width` px wide; `values_by_key`: each card's container key and
    the value its metric shows, drawn at Streamlit's size or smaller when too long to fit the card on one line."""
    values = "".join(
        f".st-key-{key} {{ container-type: inline-size; }}\n"
        f'.st-key-{key} [data-testid="stMetricValue"] {{ font-size: min(2.25rem, '
        f"{100 / (_EM_PER_CHARACTER * len(value)):.1f}cqi); }}\n"
        for key, value in values_by_key.items())
    st.html(_SUMMARY_CSS.replace("CARD", str(card_width)).replace("GAP", str(_CARD_GAP)).replace("VALUES", values))


# A phone's map is about 360 px wide (390 px screen less the margins). Streamlit does not tell the server the
# screen's width, and a tile map's zoom is set on the server: a phone is known by its browser ("Mobi" in the
# user agent, as Android's and iOS's browsers send).
PHONE_MAP_WIDTH = 350


def map_fit_width() -> int:
    """The width to fit a map's view to: a phone's, else the narrowest map on a laptop or projector."""
    agent = (st.context.headers or {}).get("User-Agent") or ""
    return PHONE_MAP_WIDTH if "Mobi" in agent else maps.MAP_FIT_WIDTH


# Large type and high contrast for a washed-out projector; no sidebar, header or toolbar. Sizes are in px of a
# 768 px high screen, scaled to the projector's height (`presentation.screen_height`): 26 px text at 768.
_PROJECTOR_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 4px 1.2rem 0 1.2rem !important; max-width: 100% !important; }
[data-testid="stAppViewContainer"] { background: #ffffff; color: #000000; }
[data-testid="stMain"] [data-testid="stVerticalBlock"] { gap: {gap}px; }
h1 { font-size: {title}px !important; line-height: 1.2 !important; padding: 0 !important; color: #000000; }
/* A finding that takes two lines pushes the subtitle down instead of running over it. */
[data-testid="stElementContainer"]:has(> [data-testid="stHeading"]) { height: auto !important; }
[data-testid="stHeading"] > [data-testid="stMarkdownContainer"] { margin-bottom: 0 !important; }
p.slide-counter { font-size: {title}px !important; font-weight: 700; text-align: center; margin: 0; white-space: nowrap; }
[data-testid="stMain"] p, [data-testid="stMain"] li { font-size: {body}px !important; color: #000000; }
[data-testid="stMain"] h4 { font-size: {heading}px !important; padding: 4px 0 0 0 !important; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p { font-size: {text}px !important;
  color: #222222 !important; line-height: 1.25 !important; }
[data-testid="stMain"] [data-testid="stMetricValue"], [data-testid="stMain"] [data-testid="stMetricValue"] * {
  font-size: {value}px !important; color: #000000; white-space: normal !important; line-height: 1.1 !important; }
[data-testid="stMetricLabel"] p { font-size: {body}px !important; color: #000000; white-space: normal !important; }
[data-testid="stMetricDelta"], [data-testid="stMetricDelta"] div { font-size: {text}px !important; }
/* The headline cards fill the slide's visual area, three a row. */
[class*="st-key-slide-visual"] [data-testid="stMetric"] { min-height: {card}px; }
/* Clicker buttons: icons only (the keys are what the presenter uses); Streamlit's small key hints hidden; the
   arrow keys' buttons repeat PageUp/PageDown and are not shown. */
.st-key-slide-nav { flex-wrap: nowrap !important; gap: 4px !important; }
.st-key-slide-nav button { min-height: 2.4rem; padding: 1px 6px; }
.st-key-slide-nav kbd, .st-key-slide-nav [data-testid="stButtonShortcut"] { display: none !important; }
.st-key-slide-left, .st-key-slide-right { display: none !important; }
</style>"""
_DESIGN_HEIGHT = 768
_SIZES = {"gap": 4, "title": 28, "body": 27, "heading": 30, "text": 26, "value": 52, "card": 308}


def projector_layout(screen_height: int) -> None:
    """The slide CSS for a projector `screen_height` px high."""
    scale = screen_height / _DESIGN_HEIGHT
    css = _PROJECTOR_CSS
    for name, size in _SIZES.items():
        css = css.replace("{" + name + "}", str(round(size * scale)))
    st.html(css)


_SLIDE_PRINT_CSS = """<style>
@media print {
  @page { size: A4 landscape; margin: 8mm; }
  SLIDES { break-after: page; break-inside: avoid; zoom: 0.72; }
  .st-key-slide-LAST { break-after: auto; }
  [data-testid="stMainBlockContainer"] { padding: 0 !important; }
}
</style>"""


def slide_print_layout(count: int) -> None:
    """One slide a printed page (containers keyed `slide-1` ... `slide-<count>`), no blank page at the end.

    The slides are named one by one: a pattern like `st-key-slide-` would also catch the containers inside them
    (`slide-visual-3`), shrinking them twice and breaking a page after each."""
    slides = ", ".join(f".st-key-slide-{number}" for number in range(1, count + 1))
    st.html(_SLIDE_PRINT_CSS.replace("SLIDES", slides).replace("LAST", str(count)))


# For the Profil page only: print the profile alone, without Streamlit's menus, pickers and buttons.
PAGE_PRINT_CSS = """<style>
@media print {
  @page { size: A4; margin: 12mm; }
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"], header,
  [data-testid="stSelectbox"], [data-testid="stDownloadButton"], [data-testid="stCaptionContainer"],
  [data-testid="stExpander"], [data-testid="stHeading"], [data-testid="stMarkdown"] { display: none !important; }
  [data-testid="stMainBlockContainer"] { padding: 0 !important; max-width: none !important; }
  [data-testid="stMain"], [data-testid="stAppViewContainer"] { padding-top: 0 !important; margin-top: 0 !important; }
}
</style>"""


def profile_print_layout() -> None:
    """Print the area profile alone (Ctrl+P on the Profil page)."""
    st.html(PAGE_PRINT_CSS)
