"""Page CSS: the compact layout, the projector's large high-contrast type, and the print layouts."""

from __future__ import annotations

import streamlit as st

# Streamlit's wide layout keeps about 5rem on each side; on a 1024 px projector that costs two cards a row.
_COMPACT_CSS = """<style>
[data-testid="stMainBlockContainer"] { padding-left: 2rem; padding-right: 2rem; padding-top: 3rem; }
</style>"""


def compact_layout() -> None:
    st.html(_COMPACT_CSS)


# Large type and high contrast for a washed-out projector; no sidebar, header or toolbar.
_PROJECTOR_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 1rem 2rem 0.5rem 2rem !important; max-width: 100% !important; }
[data-testid="stAppViewContainer"] { background: #ffffff; color: #000000; }
h1 { font-size: clamp(28px, 3.2vw, 54px) !important; padding: 0 !important; color: #000000; }
p.slide-counter { font-size: clamp(20px, 2vw, 36px) !important; font-weight: 700; text-align: right; margin: 0; }
[data-testid="stMetricValue"] { font-size: clamp(34px, 3.6vw, 72px) !important; color: #000000; }
[data-testid="stMetricLabel"] p { font-size: clamp(16px, 1.4vw, 26px) !important; color: #000000; }
[data-testid="stMetricDelta"] { font-size: clamp(14px, 1.2vw, 22px) !important; }
/* An area profile is an A4 page: shrink it to the projector's height. */
.profil h1 { font-size: 32px !important; }  /* the area name sits under the slide title, not beside it */
@media (max-height: 800px) { .profil { zoom: 0.6; } }
@media (max-height: 740px) { .profil { zoom: 0.55; } }
@media (min-height: 801px) { .profil { zoom: 0.85; } }
</style>"""


def projector_layout() -> None:
    st.html(_PROJECTOR_CSS)


_SLIDE_PRINT_CSS = """<style>
@media print {
  @page { size: A4 landscape; margin: 8mm; }
  [class*="st-key-slide-"] { break-after: page; break-inside: avoid; zoom: 0.72; }
  .st-key-slide-LAST { break-after: auto; }
  [data-testid="stMainBlockContainer"] { padding: 0 !important; }
}
</style>"""


def slide_print_layout(count: int) -> None:
    """One slide a printed page (containers keyed `slide-1` ... `slide-<count>`), no blank page at the end."""
    st.html(_SLIDE_PRINT_CSS.replace("LAST", str(count)))


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
