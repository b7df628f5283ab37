"""What every view says about its data: sources, the demo-data label, freshness and the last release."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import streamlit as st

from lib.analysis import series
from lib.analysis.privacy import Rounding
from lib.core import fmt
from lib.core.i18n import t
from lib.core.indicators import Indicator
from lib.core.provenance import Provenance, kind_label, source_label
from lib.core.provenance import of as provenance_of
from lib.ui import loaders
from lib.ui.loaders import Published, per_selection


def _demo_markdown(lang: str) -> str:
    return f":orange-background[:material/science: **{t('demo_label', lang)}**]"


def demo_label(lang: str) -> None:
    st.markdown(_demo_markdown(lang))


def source_note(urls: list[str], lang: str) -> None:
    """Sources of what is shown above, as links, deduplicated in order."""
    unique = list(dict.fromkeys(u for u in urls if u))
    labels = [source_label(u) for u in unique]
    # Two documents on one site get a number each, so neither looks like a repeat.
    labels = [f"{label} ({labels[:i].count(label) + 1})" if labels.count(label) > 1 else label for i, label in enumerate(labels)]
    # Sources come from uploads: only an http(s) address is a link, and no source is read as Markdown.
    links = " · ".join(fmt.markdown_link(label, url) for label, url in zip(labels, unique))
    st.caption(f"{t('sources', lang)}: {links}")


ABOUT_DATA_PAGE = "tentang"  # the url path of the "Tentang data" page, where every source of a point is listed


def _provenance_parts(shown: Provenance, lang: str) -> list[str]:
    """The pieces of a provenance line as Markdown: primary source (a link) and how many others, the kinds of
    figure, differing sources, the release."""
    parts = []
    if shown.primary_source:
        source = fmt.markdown_link(source_label(shown.primary_source), shown.primary_source)
        if shown.other_sources:
            # Relative, so the link also works when the dashboard is served under a path (behind nginx).
            source += f" [{t('provenance.more_sources', lang, n=shown.other_sources)}]({ABOUT_DATA_PAGE})"
        parts.append(f"{t('source', lang)}: {source}")
    if shown.kinds:
        parts.append(f"{t('provenance.kind', lang)}: {fmt.markdown_text(shown.kind_text(lang))}")
    if shown.conflicts:
        parts.append(f":material/rule: {t('provenance.conflicts', lang, n=shown.conflicts)}")
    if shown.release is not None:
        parts.append(shown.stamp(lang))
    return parts


def provenance(shown: Provenance, lang: str) -> None:
    """The provenance line under what a view shows, after the demo label when any figure shown is demo data."""
    if shown.demo:
        demo_label(lang)
    parts = _provenance_parts(shown, lang)
    if parts:
        st.caption(" · ".join(parts))


def slide_subtitle(shown: Provenance, period: str | None, lang: str) -> None:
    """A slide's subtitle in one caption: the period, the demo label (in the line, as loud as on the pages), and
    the provenance line."""
    parts = [f"**{period}**"] if period else []
    if shown.demo:
        parts.append(_demo_markdown(lang))
    st.caption(" · ".join(parts + _provenance_parts(shown, lang)))


def sources(rows: pd.DataFrame, lang: str, extra_sources: Iterable[str] = ()) -> None:
    """The provenance line of exactly `rows` (published rows as shown), with `extra_sources` after their own."""
    provenance(provenance_of(rows, loaders.published().current_releases, extra_sources), lang)


def method_breaks(indicator: Indicator, lang: str) -> None:
    """Each method change of the indicator, with what changed and its source."""
    for change in indicator.method_breaks:
        st.caption(f":material/warning: {t('tren.method_note', lang, year=change.year, note=fmt.markdown_text(change.note(lang)))} "
                   f"{t('source', lang)}: {fmt.markdown_link(source_label(change.source), change.source)} "
                   f"({kind_label(change.kind, lang)})")


def _release_and_time(data: Published, lang: str) -> tuple[int, str] | None:
    releases = data.current_releases
    if releases.empty:
        return None
    newest = releases.sort_values("dibuat_pada").iloc[-1]
    return int(newest["id"]), fmt.wita(newest["dibuat_pada"], lang)


# The newest release and its time as shown, once per release and language (every run of every page shows it).
_newest_release_time = per_selection("notes.newest_release_time", _release_and_time)


def last_changed(lang: str) -> None:
    """`Data terakhir berubah 28 November 2026 09.12 WITA (rilis 5)` in the sidebar, on every page."""
    newest = _newest_release_time(lang)
    if newest is not None:
        st.sidebar.caption(":material/update: " + t("app.last_changed", lang, updated=newest[1], release=newest[0]))


def freshness_line(shown_values: pd.DataFrame, lang: str) -> None:
    """`Data per 2025 · diperbarui 27 November 2026 22.10 (rilis terbaru 5)` for the data shown on a page: the newest
    release of any dataset, as the sidebar says (the figures' own provenance names the release they came in)."""
    latest = series.latest_period(shown_values)
    newest = _newest_release_time(lang)
    if latest is None or newest is None:
        return
    period = fmt.period(latest[0], latest[1], lang)
    st.caption(":material/update: " + t("freshness", lang, period=period, updated=newest[1], release=newest[0]))


def rounding_note(rounding: Rounding, lang: str) -> None:
    """The public mode's disclosure control in one sentence, under every figure built on household counts."""
    st.caption(t("cakupan.suppressed_note", lang, k=rounding.base, least=rounding.least_for_rate))
