"""The store and the cached loaders every page reads through, and the live refresh that follows new releases.

Caches are keyed on the latest release id, so a publish makes every session read the new data on its
next run; each cache is bounded.
"""

from __future__ import annotations

import time

import pandas as pd
import streamlit as st

from lib.core import programmes, seed, settings
from lib.core.indicators import Indicator, registry_from_frame
from lib.core.programmes import Programme
from lib.core.store import Store, create_store_engine
from lib.core.wilayah import AreaRegistry

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


@st.cache_resource(ttl=CACHE_TTL_SECONDS, max_entries=4)
def _programme_registry(db_url: str, release: int) -> dict[str, Programme]:
    return programmes.registry_from_frame(_store(db_url).programmes())


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


def programme_registry() -> dict[str, Programme]:
    """Programmes by id, in id order (one shared object for every session: do not mutate)."""
    return _programme_registry(settings.db_url(), release_id())


def indicators() -> dict[str, Indicator]:
    return _registries(settings.db_url(), release_id())[0]


def area_registry() -> AreaRegistry:
    return _registries(settings.db_url(), release_id())[1]

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
