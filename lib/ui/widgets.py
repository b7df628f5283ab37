"""Widgets whose values live in the URL, so every view can be shared as a link; the language switch.

The address bar keeps only choices away from their defaults; every value drawn is also recorded for the
"Salin tautan" link (`lib.ui.share`), which pins them all.
"""

from __future__ import annotations

import streamlit as st

from lib.core import fmt
from lib.core.i18n import DEFAULT_LANGUAGE, LANGUAGES, t
from lib.ui import share, urlstate


def _seed_from_url(key: str, parsed: urlstate.Parsed, lang: str) -> None:
    """Give a widget its value from the URL the first time it is drawn; say which URL values were ignored."""
    if key in st.session_state:
        return
    st.session_state[key] = parsed.value
    if parsed.rejected:
        # A link's values are anyone's text: escaped, so a crafted link cannot put its own link or image here.
        values = ", ".join(fmt.markdown_code(v) for v in parsed.rejected)
        st.warning(t("error.url_param", lang, param=key, values=values))


def _write_url(key: str, value: object, default: object) -> None:
    values = urlstate.to_url(value, default)
    if values is None:
        st.query_params.pop(key, None)
    else:
        st.query_params[key] = values if len(values) > 1 else values[0]


def url_choice(widget, label: str, options: list, default, key: str, lang: str, **kwargs):
    """A single-choice widget (`st.selectbox`, `st.segmented_control`, ...) whose value is kept in the URL.

    The URL holds the option code, not its label: Streamlit's own `bind="query-params"` writes the displayed
    label, which changes with the language and breaks shared links.
    """
    _seed_from_url(key, urlstate.parse_choice(st.query_params.get_all(key), [str(o) for o in options], str(default)), lang)
    if st.session_state[key] not in options:  # URL values are text; options may be numbers (years)
        st.session_state[key] = next((o for o in options if str(o) == str(st.session_state[key])), default)
    value = widget(label, options, key=key, **kwargs)
    _write_url(key, value, default)
    share.pin(key, value, default)
    return value


def url_choices(widget, label: str, options: list[str], default: list[str], key: str, lang: str, **kwargs) -> list[str]:
    """A multiple-choice widget kept in the URL as repeated codes (`?wilayah=64.08&wilayah=64`)."""
    _seed_from_url(key, urlstate.parse_choices(st.query_params.get_all(key), options, default), lang)
    value = widget(label, options, key=key, **kwargs)
    _write_url(key, value, default)
    share.pin(key, value, default)
    return value


def forget_url_choices(*keys: str) -> None:
    """Drop URL parameters of widgets this run does not draw, so a shared link never carries stale choices."""
    for key in keys:
        st.query_params.pop(key, None)
    share.forget(*keys)


def language_picker() -> str:
    """Language switch in the sidebar, kept in the URL (`?lang=en`) so shared links keep their language."""
    lang = current_language()
    return url_choice(st.sidebar.segmented_control, t("app.language", lang), list(LANGUAGES), DEFAULT_LANGUAGE,
                      key="lang", lang=lang, format_func=LANGUAGES.get, required=True)


def current_language() -> str:
    """The language picked in this session, else the one in the URL, else Indonesian."""
    lang = st.session_state.get("lang")
    if lang in LANGUAGES:
        return lang
    return urlstate.parse_choice(st.query_params.get_all("lang"), list(LANGUAGES), DEFAULT_LANGUAGE).value
