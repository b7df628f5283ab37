"""The thin Streamlit layer shared by pages: the store, cached loaders, and the small widgets every page uses.

Caches are keyed on the latest release id, so a publish makes every session read the new data on its
next run; each cache is bounded.
"""

from __future__ import annotations

import time
from urllib.parse import urlparse

import pandas as pd
import streamlit as st

from lib import fmt, seed, series, settings, urlstate
from lib.charts import source_label
from lib.i18n import DEFAULT_LANGUAGE, LANGUAGES, t
from lib.indicators import Indicator, registry_from_frame
from lib.store import Store, create_store_engine
from lib.wilayah import AreaRegistry

CACHE_TTL_SECONDS = 3600


@st.cache_resource(max_entries=2)
def _open_store(db_url: str, read_only: bool) -> Store:
    writer = create_store_engine(db_url)
    seed.build(Store(writer))  # writes only when the store is missing or empty
    if not read_only:
        return Store(writer)
    # The public server only reads what the internal server publishes: no writable connection stays open.
    writer.dispose()
    return Store(create_store_engine(db_url, read_only=True), read_only=True)


def _store(db_url: str) -> Store:
    return _open_store(db_url, settings.is_public())


def store() -> Store:
    """The store of the configured URL, built from data/ on first use; read-only in the public mode."""
    return _store(settings.db_url())


def release_id() -> int:
    return store().latest_release_id()


@st.cache_data(ttl=CACHE_TTL_SECONDS, max_entries=4, show_spinner=False)
def _values(db_url: str, release: int) -> pd.DataFrame:
    return _store(db_url).values()


@st.cache_data(ttl=CACHE_TTL_SECONDS, max_entries=4, show_spinner=False)
def _targets(db_url: str, release: int) -> pd.DataFrame:
    return _store(db_url).targets()


@st.cache_data(ttl=CACHE_TTL_SECONDS, max_entries=4, show_spinner=False)
def _current_releases(db_url: str, release: int) -> pd.DataFrame:
    return _store(db_url).current_releases()


@st.cache_data(ttl=CACHE_TTL_SECONDS, max_entries=4, show_spinner=False)
def _programme_rows(db_url: str, release: int) -> pd.DataFrame:
    return _store(db_url).programme_rows()


@st.cache_data(ttl=CACHE_TTL_SECONDS, max_entries=4, show_spinner=False)
def _programmes(db_url: str, release: int) -> pd.DataFrame:
    return _store(db_url).programmes()


@st.cache_resource(ttl=CACHE_TTL_SECONDS, max_entries=4)
def _registries(db_url: str, release: int) -> tuple[dict[str, Indicator], AreaRegistry]:
    source = _store(db_url)
    return registry_from_frame(source.indicators()), AreaRegistry(source.areas(), source.aliases())


def values() -> pd.DataFrame:
    """All published observations of the current releases (a copy-free cached frame: do not mutate)."""
    return _values(settings.db_url(), release_id())


def targets() -> pd.DataFrame:
    return _targets(settings.db_url(), release_id())


def current_releases() -> pd.DataFrame:
    return _current_releases(settings.db_url(), release_id())


def programme_rows() -> pd.DataFrame:
    """Programme aggregates per desa, year, programme and decile (current release; do not mutate)."""
    return _programme_rows(settings.db_url(), release_id())


def programmes() -> pd.DataFrame:
    return _programmes(settings.db_url(), release_id())


def indicators() -> dict[str, Indicator]:
    return _registries(settings.db_url(), release_id())[0]


def area_registry() -> AreaRegistry:
    return _registries(settings.db_url(), release_id())[1]


# Streamlit's wide layout keeps about 5rem on each side; on a 1024 px projector that costs two cards a row.
_COMPACT_CSS = """<style>
[data-testid="stMainBlockContainer"] { padding-left: 2rem; padding-right: 2rem; padding-top: 3rem; }
</style>"""


def compact_layout() -> None:
    st.html(_COMPACT_CSS)


# --- presentation mode ----------------------------------------------------------------------------

PRESENTATION_MODE = "presentasi"
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


def presenting() -> bool:
    return st.query_params.get("mode") == PRESENTATION_MODE


def projector_layout() -> None:
    st.html(_PROJECTOR_CSS)


def printing_all_slides() -> bool:
    return st.query_params.get("cetak") == "semua"


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


def slide_index(count: int) -> int:
    """The current slide (0-based), kept in the URL as `?slide=3` (1-based) so a link reopens it."""
    options = [str(i) for i in range(1, count + 1)]
    if "slide" not in st.session_state:
        st.session_state["slide"] = int(urlstate.parse_choice(st.query_params.get_all("slide"), options, "1").value) - 1
    st.session_state["slide"] %= count
    st.query_params["slide"] = str(st.session_state["slide"] + 1)
    return st.session_state["slide"]


def auto_advance_seconds() -> int | None:
    """`?auto=30` advances the slides every 30 seconds (10 or more); anything else means no auto-advance."""
    raw = st.query_params.get("auto", "")
    return int(raw) if raw.isdigit() and int(raw) >= 10 else None


RELEASE_POLL_SECONDS = 15
AUTO_ADVANCE_TICK_SECONDS = 2


def follow_new_releases(advance_every: int | None = None, advance=None) -> None:
    """Rerun the page when a new release is published (checked every 15 s), and optionally advance slides."""
    seen = release_id()

    # With auto-advance, tick often enough that a 20 s interval is 20 s, not the next 15 s check.
    @st.fragment(run_every=AUTO_ADVANCE_TICK_SECONDS if advance_every else RELEASE_POLL_SECONDS)
    def watch() -> None:
        now = time.monotonic()
        started = st.session_state.setdefault("_advance_clock", now)
        if advance_every and now - started >= advance_every:
            st.session_state["_advance_clock"] = now
            advance()
            st.rerun(scope="app")
        if release_id() != seen:
            st.rerun(scope="app")

    watch()


# --- shared widgets ----------------------------------------------------------------------------


def _seed_from_url(key: str, parsed: urlstate.Parsed, lang: str) -> None:
    """Give a widget its value from the URL the first time it is drawn; say which URL values were ignored."""
    if key in st.session_state:
        return
    st.session_state[key] = parsed.value
    if parsed.rejected:
        st.warning(t("error.url_param", lang, param=key, values=", ".join(f"`{v}`" for v in parsed.rejected)))


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
    return value


def url_choices(widget, label: str, options: list[str], default: list[str], key: str, lang: str, **kwargs) -> list[str]:
    """A multiple-choice widget kept in the URL as repeated codes (`?wilayah=64.08&wilayah=64`)."""
    _seed_from_url(key, urlstate.parse_choices(st.query_params.get_all(key), options, default), lang)
    value = widget(label, options, key=key, **kwargs)
    _write_url(key, value, default)
    return value


def forget_url_choices(*keys: str) -> None:
    """Drop URL parameters of widgets this run does not draw, so a shared link never carries stale choices."""
    for key in keys:
        st.query_params.pop(key, None)


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


def demo_label(lang: str) -> None:
    st.markdown(f":orange-background[:material/science: **{t('demo_label', lang)}**]")


def source_note(urls: list[str], lang: str) -> None:
    """Sources of what is shown above, as links, deduplicated in order."""
    unique = list(dict.fromkeys(u for u in urls if u))
    labels = [source_label(u) for u in unique]
    # Two documents on one site get a number each, so neither looks like a repeat.
    labels = [f"{label} ({labels[:i].count(label) + 1})" if labels.count(label) > 1 else label for i, label in enumerate(labels)]
    # A source given as a document name (as staff upload it) is text, not a link to itself.
    links = " · ".join(f"[{label}]({url})" if urlparse(url).scheme in ("http", "https") else label
                       for label, url in zip(labels, unique))
    st.caption(f"{t('sources', lang)}: {links}")


def _newest_release_time(lang: str) -> tuple[int, str] | None:
    releases = current_releases()
    if releases.empty:
        return None
    newest = releases.sort_values("dibuat_pada").iloc[-1]
    return int(newest["id"]), fmt.wita(newest["dibuat_pada"], lang)


def last_changed(lang: str) -> None:
    """`Data terakhir berubah 28 November 2026 09.12 WITA (rilis 5)` in the sidebar, on every page."""
    newest = _newest_release_time(lang)
    if newest is not None:
        st.sidebar.caption(":material/update: " + t("app.last_changed", lang, updated=newest[1], release=newest[0]))


def freshness_line(shown_values: pd.DataFrame, lang: str) -> None:
    """`Data per 2025 · diperbarui 27 November 2026 22.10 (rilis 3)` for the data shown on a page."""
    latest = series.latest_period(shown_values)
    newest = _newest_release_time(lang)
    if latest is None or newest is None:
        return
    period = fmt.period(latest[0], latest[1], lang)
    st.caption(":material/update: " + t("freshness", lang, period=period, updated=newest[1], release=newest[0]))
