"""The store, the published data every page reads, results cached per selection, and the live refresh.

What the pages read is one `Published` snapshot per newest release, built once per server process and shared by
every session (`st.cache_resource`: no copy per call, so callers never mutate it). A script run reads the newest
release id once, at its start (`start_run`, called first by app.py), so one run never mixes two releases, and
every cache is keyed on that id: a publish makes every session read the new data on its next run. The public
server, which many viewers share and which never publishes, asks the store for that id at most once a second.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar

import pandas as pd
import sqlalchemy as sa
import streamlit as st

from lib.analysis.privacy import Rounding
from lib.analysis.targeting import Cube
from lib.core import actions, migrate, programmes, settings
from lib.core.actions import ActionTables
from lib.core.i18n import t
from lib.core.indicators import Indicator, registry_from_frame
from lib.core.programmes import Programme
from lib.core.store import Store, StoreNotReady
from lib.core.wilayah import AreaRegistry
from lib.ui import widgets

CACHE_TTL_SECONDS = 3600
# Results per selection (a map, a coverage view): small, so many fit; ~100 KB each at most.
SELECTION_CACHE_ENTRIES = 512
RELEASE_OF_RUN = "_release_of_run"
# How long the public server trusts the newest release id it read: with 100 viewers that is ~30 store
# queries a second saved, and a publish still reaches every page within a second of its 15 s check.
PUBLIC_RELEASE_CHECK_SECONDS = 1

Result = TypeVar("Result")


@st.cache_resource(max_entries=2)
def _open_store(db_url: str, read_only: bool) -> Store:
    # No server process creates, alters or fills the store (`make store` does, before serving): the public server
    # opens it read-only, so neither does a visitor's `clear_cache`, which brings it back here.
    return migrate.open_store(db_url, read_only=read_only)


def _store(db_url: str) -> Store:
    try:
        return _open_store(db_url, settings.is_public())
    except StoreNotReady:  # not cached: the next run looks again, once the store is built
        st.error(t("error.store_not_ready", widgets.current_language()))
        st.stop()


def store() -> Store:
    """The store of the configured URL, as `make store` built it: writable on the internal server, read-only on the
    public one."""
    return _store(settings.db_url())


def rounding() -> Rounding | None:
    """The public mode's rounding of counts (`lib.analysis.privacy`); None in the internal mode (exact figures)."""
    if not settings.is_public():
        return None
    return _rounding(settings.db_url(), settings.small_cell_threshold())


@st.cache_resource(show_spinner=False)
def _rounding(db_url: str, base: int) -> Rounding:
    return Rounding(base, _store(db_url).disclosure_key())


@st.cache_resource(ttl=PUBLIC_RELEASE_CHECK_SECONDS, show_spinner=False)
def _newest_release_read_lately(db_url: str) -> int:
    return _store(db_url).latest_release_id()


def newest_release_id() -> int:
    """The newest release in the store (on the public server, as read at most a second ago)."""
    if settings.is_public():
        return _newest_release_read_lately(settings.db_url())
    return store().latest_release_id()  # staff see their own publish at once


def start_run() -> None:
    """Read the newest release id once for this script run; app.py calls it before anything reads data.

    While the database cannot be reached (a PostgreSQL restart, a network cut) the page says so and stops; the next
    run tries again on a fresh connection (the engines ping theirs before use), so no server restart is needed.
    """
    try:
        st.session_state[RELEASE_OF_RUN] = newest_release_id()
    except sa.exc.DBAPIError:
        st.error(t("error.store_unavailable", widgets.current_language()), icon=":material/cloud_off:")
        _rerun_once_reachable()
        st.stop()


STORE_RETRY_SECONDS = 5


def _rerun_once_reachable() -> None:
    @st.fragment(run_every=STORE_RETRY_SECONDS)
    def retry() -> None:
        try:
            newest_release_id()
        except sa.exc.DBAPIError:
            return
        st.rerun(scope="app")

    retry()


def release_id() -> int:
    """The release this run reads (the newest when the run started)."""
    if RELEASE_OF_RUN not in st.session_state:  # a page script run on its own, without app.py
        start_run()
    return st.session_state[RELEASE_OF_RUN]


@dataclass(frozen=True)
class Published:
    """Everything the pages read, as of one release. Shared by every session: never mutate its frames."""

    release: int
    values: pd.DataFrame
    targets: pd.DataFrame
    current_releases: pd.DataFrame
    programme_rows: pd.DataFrame
    published_counts: pd.DataFrame  # counts published without deciles, at their own level (`penerima`)
    cubes: Mapping[str, Cube]  # programme_rows of each programme as arrays, for per-selection sums
    programme_years: list[int]  # the years programme_rows cover, ascending
    programmes: dict[str, Programme]
    indicators: dict[str, Indicator]
    areas: AreaRegistry
    actions: ActionTables  # Rencana Aksi: rakor, steps, progress reports
    action_audit: pd.DataFrame  # every change to Rencana Aksi, newest first (staff users: internal pages only)

    def cube_of(self, programme: str) -> Cube:
        """The programme's rows as arrays (an empty cube when it has none)."""
        return self.cubes[programme] if programme in self.cubes else Cube.of(self.programme_rows.iloc[:0])


@st.cache_resource(ttl=CACHE_TTL_SECONDS, max_entries=2, show_spinner=False)
def _published(db_url: str, release: int) -> Published:
    source = _store(db_url)
    rows = source.programme_rows()
    return Published(
        release=release,
        values=source.values(),
        targets=source.targets(),
        current_releases=source.current_releases(),
        programme_rows=rows,
        published_counts=source.published_counts(),
        cubes={str(p): Cube.of(part) for p, part in rows.groupby("program", sort=True)},
        programme_years=sorted(int(year) for year in rows["tahun"].unique()),
        programmes=programmes.registry_from_frame(source.programmes()),
        indicators=registry_from_frame(source.indicators(), source.method_breaks()),
        areas=AreaRegistry(source.areas(), source.aliases()),
        actions=ActionTables.from_release(source.current_tables(actions.DATASET)),
        action_audit=source.action_audit(),
    )


def published() -> Published:
    """The data of this run's release, shared by every session of the server (do not mutate)."""
    return _published(settings.db_url(), release_id())


def values() -> pd.DataFrame:
    """All published observations of the current releases (shared: do not mutate)."""
    return published().values


def targets() -> pd.DataFrame:
    return published().targets


def programme_rows() -> pd.DataFrame:
    """Programme aggregates per desa, year, programme and decile (current release; shared: do not mutate)."""
    return published().programme_rows


def programme_years() -> list[int]:
    """The years with programme figures, ascending (shared: do not mutate)."""
    return published().programme_years


def programme_registry() -> dict[str, Programme]:
    """Programmes by id, in id order (shared: do not mutate)."""
    return published().programmes


def indicators() -> dict[str, Indicator]:
    return published().indicators


def area_registry() -> AreaRegistry:
    return published().areas


# --- results per selection --------------------------------------------------------------------------

_BUILDERS: dict[str, Callable[..., object]] = {}


@st.cache_resource(ttl=CACHE_TTL_SECONDS, max_entries=SELECTION_CACHE_ENTRIES, show_spinner=False)
def _selection_result(name: str, db_url: str, release: int, key: tuple) -> object:
    return _BUILDERS[name](_published(db_url, release), *key)


def per_selection(name: str, build: Callable[..., Result]) -> Callable[..., Result]:
    """`build(published, *key)`, computed once per release and key and shared by every session.

    The key is what the reader chose (codes, a year, the language, the threshold): small hashable values, so a
    cache lookup never hashes a whole table. The result is shared too: never mutate it. `name` keeps builders
    apart in the one bounded cache.
    """
    _BUILDERS[name] = build

    def result(*key: object) -> Result:
        return _selection_result(name, settings.db_url(), release_id(), key)  # type: ignore[return-value]

    return result


# --- live refresh -----------------------------------------------------------------------------------

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
        if newest_release_id() != seen:
            st.rerun(scope="app")

    watch()
