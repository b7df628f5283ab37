""""Salin tautan": a link to the view on screen with every choice pinned, to copy and share.

The address bar leaves out choices at their default (`lib.ui.urlstate.to_url`), so a link copied from it changes
meaning when, say, a new year is published and becomes the default. The copied link instead pins every URL-kept
widget's current value (`lib.ui.widgets` records them here as the page draws them), the year and the language
included.

Streamlit has no clipboard API: the link is shown in a code block, whose own button copies it. The popover is
placed by app.py before the page runs and its link rewritten after each widget, so a page that stops early
(`st.stop()`) still offers the link of what it drew.
"""

from __future__ import annotations

import streamlit as st

from lib.core.i18n import t
from lib.ui import urlstate

_PINS = "_share_pins"  # this run's widget values, in the order drawn: {key: [values]}
_SLOT = "_share_slot"  # (the popover's placeholder for the link, the page's URL path), or None on pages without one
KEY = "share-link"


def start_run() -> None:
    """Forget the previous run's choices and link slot: each run records what it draws (app.py, first thing)."""
    st.session_state[_PINS] = {}
    st.session_state[_SLOT] = None


def pin(key: str, value: object, default: object) -> None:
    """Record a widget's current value for the shared link. An empty choice that is also the default ("all
    kecamatan") is left out: its meaning does not change with new data."""
    if value == default == "":
        forget(key)
        return
    st.session_state.setdefault(_PINS, {})[key] = urlstate.pinned(value)
    _show()


def forget(*keys: str) -> None:
    """Drop choices of widgets this run does not draw."""
    pins = st.session_state.setdefault(_PINS, {})
    for key in keys:
        pins.pop(key, None)
    _show()


def pinned() -> dict[str, list[str]]:
    """This run's choices so far, by URL key."""
    return dict(st.session_state.get(_PINS, {}))


def link(url_path: str) -> str:
    """The page's full URL (as the browser reaches the app, behind any proxy) with every choice pinned."""
    base = st.context.url or ""  # None outside a browser session (AppTest): a path from the site's root
    if not url_path:  # the default page: the app's own root, with its slash
        base = base.removesuffix("/") + "/"
    elif not base:
        base = f"/{url_path}"
    return base + urlstate.query_string(pinned())


def copy_link(lang: str, url_path: str) -> None:
    """The "Salin tautan" popover; its link follows the widgets the page draws after it."""
    with st.container(key=KEY), st.popover(t("share.button", lang), icon=":material/link:"):
        st.caption(t("share.hint", lang))
        slot = st.empty()
    st.session_state[_SLOT] = (slot, url_path)
    _show()


def _show() -> None:
    placed = st.session_state.get(_SLOT)
    if placed is not None:
        slot, url_path = placed
        slot.code(link(url_path), language=None, wrap_lines=True)
