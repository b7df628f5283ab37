"""Slide titles that state the finding, generated from the figures the slide shows.

A rakor audience reads the title first: "Kemiskinan Kutim turun ke 8,07 % pada 2025" says what the chart below
shows, "Tren indikator" does not. Each function takes the table its slide draws, so the title can never disagree
with the picture; ties are named together and an empty table gives None (the slide keeps its agenda title).
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from lib.core import fmt
from lib.core.i18n import TEXTS, t
from lib.core.indicators import Indicator

# Two figures this close are the same for a title (rounding noise, not a change).
_SAME = 1e-9


def subject(indicator_id: str, label: str, area_name: str, lang: str) -> str:
    """`Kemiskinan Kutai Timur` for P0; other indicators by their label (`IPM Kutai Timur`)."""
    key = f"finding.subject.{indicator_id}"
    area = fmt.short_name(area_name)
    return t(key, lang, area=area) if key in TEXTS else f"{fmt.short_name(label)} {area}"


def change(subject_text: str, latest: float, previous: float | None, formatted: str, period: str, lang: str) -> str:
    """`Kemiskinan Kutim turun ke 8,07 % pada 2025` (or `naik ke`, `tetap`, or the level alone without a
    comparable previous figure)."""
    if previous is None:
        key = "finding.level"
    elif latest < previous - _SAME:
        key = "finding.fell"
    elif latest > previous + _SAME:
        key = "finding.rose"
    else:
        key = "finding.same"
    return t(key, lang, subject=subject_text, value=formatted, period=period)


def span(subject_text: str, first: str, first_period: str, last: str, last_period: str, lang: str) -> str:
    """`Kemiskinan Kutai Timur: 11,39 % (2010) → 8,07 % (2025)`, the whole of a trend in one line."""
    return t("finding.span", lang, subject=subject_text, first=first, first_period=first_period, last=last,
             last_period=last_period)


def _names(rows: pd.DataFrame, lang: str) -> str:
    names = rows["nama"].tolist()
    return names[0] if len(names) == 1 else t("finding.and", lang, first=", ".join(names[:-1]), last=names[-1])


def extremes(table: pd.DataFrame, measure_label: str, format_value: Callable[[float], str], lang: str) -> str | None:
    """`Rumah tangga desil 1–2 tertinggi di Bengalon (24,4 %)`: the highest area of a map (`nama`, `nilai`);
    areas sharing the highest value are named together. One line on a projector: the year is in the subtitle."""
    shown = table.dropna(subset=["nilai"])
    if shown.empty:
        return None
    high, low = shown["nilai"].max(), shown["nilai"].min()
    if (high - low) <= _SAME:
        return t("finding.all_equal", lang, measure=measure_label, value=format_value(high))
    highest = shown[(shown["nilai"] - high).abs() <= _SAME]
    return t("finding.highest", lang, measure=measure_label, area=_names(highest, lang), value=format_value(high))


def rank(table: pd.DataFrame, code: str, format_value: Callable[[float], str], lower_is_better: bool | None,
         lang: str) -> str | None:
    """`Kutai Timur urutan ke-4 terburuk dari 10 wilayah (8,81 %)`, counted from the worst (the highest where
    lower is better); areas with the same value share a rank."""
    shown = table.dropna(subset=["nilai"])
    own = shown[shown["kode"] == code]
    if own.empty:
        return None
    value = float(own["nilai"].iloc[0])
    worse = shown["nilai"] > value + _SAME if lower_is_better is not False else shown["nilai"] < value - _SAME
    return t("finding.rank", lang, area=fmt.short_name(own["nama"].iloc[0]), rank=int(worse.sum()) + 1, count=len(shown),
             value=format_value(value))


def largest_gap(table: pd.DataFrame, programme: str, format_count: Callable[[float], str], lang: str) -> str | None:
    """`PKH: 1.234 sasaran belum menerima, terbanyak di Bengalon` from a ranking of exclusion (`nama`,
    `eksklusi`)."""
    shown = table.dropna(subset=["eksklusi"])
    if shown.empty:
        return None
    total, most = shown["eksklusi"].sum(), shown["eksklusi"].max()
    if most <= 0:
        return t("finding.no_gap", lang, programme=programme)
    top = shown[(shown["eksklusi"] - most).abs() <= _SAME]
    return t("finding.gap", lang, programme=programme, total=format_count(total), area=_names(top, lang))


def since_last_meeting(worse: int, better: int, count: int, start: int, lang: str) -> str:
    """`5 dari 18 kecamatan memburuk sejak 2024`, or that none or all did."""
    if worse == 0 and better == count:
        return t("finding.all_better", lang, count=count, start=start)
    if worse == 0:
        return t("finding.none_worse", lang, start=start)
    if worse == count:
        return t("finding.all_worse", lang, count=count, start=start)
    return t("finding.some_worse", lang, worse=worse, count=count, start=start)


def lowest_coverage(area: str, table: pd.DataFrame, format_value: Callable[[float], str], lang: str) -> str | None:
    """`Bengalon: cakupan terendah pada PIP (45,2 %)` from an area's programmes (`nama`, `cakupan`)."""
    shown = table.dropna(subset=["cakupan"])
    if shown.empty:
        return None
    low = shown["cakupan"].min()
    lowest = shown[(shown["cakupan"] - low).abs() <= _SAME].assign(nama=lambda rows: rows["nama"].map(fmt.short_name))
    return t("finding.lowest_coverage", lang, area=fmt.short_name(area), programme=_names(lowest, lang),
             value=format_value(low))


# A title names at most this many areas sharing a value; more are counted (`5 wilayah`), so the title stays one line.
_MOST_NAMED = 3


def _reading(rows: pd.DataFrame, column: str, value: float, format_value: Callable[[float], str]) -> pd.DataFrame:
    """The rows whose value reads as `value` does: a title calls 0,04 % and 0,01 % both 0,0 %, as the chart does."""
    return rows[rows[column].map(format_value) == format_value(value)]


def _named_or_counted(rows: pd.DataFrame, lang: str) -> str:
    return _names(rows, lang) if len(rows) <= _MOST_NAMED else t("finding.areas_count", lang, count=len(rows))


def reach(programme: str, coverage: str | None, table: pd.DataFrame, format_value: Callable[[float], str],
          lang: str) -> str | None:
    """`PKH menjangkau 20,4 % sasaran; terendah di Sangatta Utara (8,1 %)`: the selection's coverage (as the
    metric shows it) and the areas of a coverage map (`nama`, `cakupan`) with the lowest; without two areas that
    read differently, the coverage alone. None without a coverage."""
    if coverage is None:
        return None
    shown = table.dropna(subset=["cakupan"])
    low = shown["cakupan"].min()
    if shown.empty or format_value(shown["cakupan"].max()) == format_value(low):
        return t("finding.reach", lang, programme=programme, value=coverage)
    return t("finding.reach_lowest", lang, programme=programme, value=coverage,
             area=_named_or_counted(_reading(shown, "cakupan", low, format_value), lang), low=format_value(low))


def largest_exclusion(table: pd.DataFrame, programme: str, format_count: Callable[[float], str],
                      lang: str) -> str | None:
    """`Eksklusi PKH terbesar di Sangatta Utara: 9.025 rumah tangga` from a ranking of exclusion (`nama`,
    `eksklusi`); areas sharing the largest count are named together ("masing-masing"), a single area is named
    alone. None for an empty ranking."""
    shown = table.dropna(subset=["eksklusi"])
    if shown.empty:
        return None
    most = shown["eksklusi"].max()
    if most <= 0:
        return t("finding.no_gap", lang, programme=programme)
    top = shown[(shown["eksklusi"] - most).abs() <= _SAME]
    key = "finding.exclusion_in" if len(shown) == 1 else "finding.exclusion_top" if len(top) == 1 else "finding.exclusion_tied"
    return t(key, lang, programme=programme, area=_named_or_counted(top, lang), count=format_count(most))


def decile_spread(table: pd.DataFrame, subject_text: str, format_value: Callable[[float], str], lang: str) -> str | None:
    """`Cakupan PKH tertinggi di desil 1 (24,5 %), terendah di desil 10 (0,1 %)` from the share reached per decile
    (`desil`, `persen`); deciles that read the same are named together. None without any share."""
    shown = table.dropna(subset=["persen"]).assign(nama=lambda rows: rows["desil"].astype(str))
    if shown.empty:
        return None
    high, low = shown["persen"].max(), shown["persen"].min()
    if len(shown) == 1:
        return t("finding.decile_one", lang, subject=subject_text, decile=_names(shown, lang), value=format_value(high))
    if format_value(high) == format_value(low):
        return t("finding.decile_equal", lang, subject=subject_text, value=format_value(high))
    at = lambda value: _names(_reading(shown, "persen", value, format_value), lang)
    return t("finding.decile_spread", lang, subject=subject_text, high=at(high), high_value=format_value(high),
             low=at(low), low_value=format_value(low))


def trend_area(table: pd.DataFrame) -> str:
    """The area a trend's finding is about: the first line of `lib.analysis.series.trend_table`."""
    return table["kode_wilayah"].iloc[0]


def trend(table: pd.DataFrame, indicator: Indicator, lang: str) -> str | None:
    """The title of a trend chart as its finding, from the first area's line: `Kemiskinan Kutai Timur turun ke
    8,07 % pada 2025` against the point before on the same method (the level alone without one); None for an empty
    table."""
    if table.empty:
        return None
    line = table[table["kode_wilayah"] == trend_area(table)]
    latest = line.iloc[-1]
    before = line.iloc[-2] if len(line) > 1 else None
    comparable = before is not None and indicator.break_between(int(before["tahun"]), int(latest["tahun"])) is None
    said = subject(indicator.id, indicator.label(lang), latest["wilayah"], lang)
    month = None if pd.isna(latest["bulan"]) else int(latest["bulan"])
    return change(said, float(latest["nilai"]), float(before["nilai"]) if comparable else None,
                           indicator.format(float(latest["nilai"]), lang), fmt.period(int(latest["tahun"]), month, lang),
                           lang)
