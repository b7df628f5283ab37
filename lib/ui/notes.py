"""What every view says about its data: sources, the demo-data label, freshness and the last release."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.analysis import series
from lib.analysis.privacy import Rounding
from lib.core import fmt
from lib.core.i18n import t
from lib.render.charts import source_label
from lib.ui.loaders import Published, per_selection


def demo_label(lang: str) -> None:
    st.markdown(f":orange-background[:material/science: **{t('demo_label', lang)}**]")


def source_note(urls: list[str], lang: str) -> None:
    """Sources of what is shown above, as links, deduplicated in order."""
    unique = list(dict.fromkeys(u for u in urls if u))
    labels = [source_label(u) for u in unique]
    # Two documents on one site get a number each, so neither looks like a repeat.
    labels = [f"{label} ({labels[:i].count(label) + 1})" if labels.count(label) > 1 else label for i, label in enumerate(labels)]
    # Sources come from uploads: only an http(s) address is a link, and no source is read as Markdown.
    links = " · ".join(fmt.markdown_link(label, url) for label, url in zip(labels, unique))
    st.caption(f"{t('sources', lang)}: {links}")


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
    """`Data per 2025 · diperbarui 27 November 2026 22.10 (rilis 3)` for the data shown on a page."""
    latest = series.latest_period(shown_values)
    newest = _newest_release_time(lang)
    if latest is None or newest is None:
        return
    period = fmt.period(latest[0], latest[1], lang)
    st.caption(":material/update: " + t("freshness", lang, period=period, updated=newest[1], release=newest[0]))


def rounding_note(rounding: Rounding, lang: str) -> None:
    """The public mode's disclosure control in one sentence, under every figure built on household counts."""
    st.caption(t("cakupan.suppressed_note", lang, k=rounding.base, least=rounding.least_for_rate))
