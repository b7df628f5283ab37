"""The rakor presentation mode: whether it is on, which slide is shown, auto-advance and printing all slides."""

from __future__ import annotations

import streamlit as st

from lib.ui import urlstate

PRESENTATION_MODE = "presentasi"


def presenting() -> bool:
    return st.query_params.get("mode") == PRESENTATION_MODE


def printing_all_slides() -> bool:
    return st.query_params.get("cetak") == "semua"


def slide_index(count: int) -> int:
    """The current slide (0-based), kept in the URL as `?slide=3` (1-based) so a link reopens it."""
    options = [str(i) for i in range(1, count + 1)]
    if "slide" not in st.session_state:
        st.session_state["slide"] = int(urlstate.parse_choice(st.query_params.get_all("slide"), options, "1").value) - 1
    st.session_state["slide"] %= count
    st.query_params["slide"] = str(st.session_state["slide"] + 1)
    return st.session_state["slide"]


# Projector heights the slides are laid out for (`?layar=1080`): text, charts and cards scale with the height so the
# main visual fills 80 % of the screen and the smallest text is 26 px on a 768 px screen, 36 px on a 1080 px one.
SCREEN_HEIGHTS = ("720", "768", "800", "900", "1080", "1200")
DEFAULT_SCREEN_HEIGHT = "768"


def screen_height() -> int:
    """The projector's height in px from `?layar=` (768, a 1024x768 projector, when absent or unknown)."""
    return int(urlstate.parse_choice(st.query_params.get_all("layar"), SCREEN_HEIGHTS, DEFAULT_SCREEN_HEIGHT).value)


def auto_advance_seconds() -> int | None:
    """`?auto=30` advances the slides every 30 seconds (10 or more); anything else means no auto-advance."""
    raw = st.query_params.get("auto", "")
    return int(raw) if raw.isdigit() and int(raw) >= 10 else None
