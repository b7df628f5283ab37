"""Time series arithmetic on published observations: latest values, changes, comparisons and trend tables.

Everything here is pure (DataFrames in, DataFrames or small records out), so it is tested without Streamlit.
Observations are rows of the `nilai` table: kode_wilayah, indikator, tahun, bulan (None for annual
figures), nilai, sumber, status, catatan.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from lib.core import fmt
from lib.core.indicators import Indicator

TREND_COLUMNS = ["kode_wilayah", "wilayah", "tahun", "bulan", "tanggal", "nilai", "seri", "metode", "sumber", "status",
                 "catatan", "sumber_lain"]

# Month at which an annual figure is placed on a time axis when the registry gives none.
_MID_YEAR = 7


@dataclass(frozen=True)
class Observation:
    year: int
    month: int | None
    value: float
    source: str
    status: str  # the provenance kind (lib.core.provenance)
    note: str | None
    other_reports: str | None  # the row's `sumber_lain` JSON (lib.core.provenance.other_reports)

    def period(self, lang: str = "id") -> str:
        return fmt.period(self.year, self.month, lang)


@dataclass(frozen=True)
class Headline:
    """The latest value of an indicator in one area, with the period it is compared against."""

    latest: Observation
    previous: Observation | None
    comparable: bool  # False when a method change lies between the two periods

    @property
    def change(self) -> float | None:
        if self.previous is None or not self.comparable:
            return None
        return self.latest.value - self.previous.value


def _observation(row: pd.Series) -> Observation:
    month = row["bulan"]
    note, others = row.get("catatan"), row.get("sumber_lain")
    return Observation(
        year=int(row["tahun"]),
        month=None if pd.isna(month) else int(month),
        value=float(row["nilai"]),
        source=str(row["sumber"]),
        status=str(row["status"]),
        note=None if note is None or pd.isna(note) else str(note),
        other_reports=None if others is None or pd.isna(others) else str(others),
    )


def sorted_periods(frame: pd.DataFrame) -> pd.DataFrame:
    # An annual figure (no month) sorts as the March figure it is taken from, before September.
    return frame.assign(_month=frame["bulan"].fillna(3).astype(int)).sort_values(["tahun", "_month"])


def observations(values: pd.DataFrame, indicator: str, area: str) -> pd.DataFrame:
    return values[(values["indikator"] == indicator) & (values["kode_wilayah"] == area)]


def headline(values: pd.DataFrame, indicator: Indicator, area: str) -> Headline | None:
    """Latest observation and the one before it (annual series: the previous year)."""
    rows = sorted_periods(observations(values, indicator.id, area))
    if rows.empty:
        return None
    latest = _observation(rows.iloc[-1])
    previous = _observation(rows.iloc[-2]) if len(rows) > 1 else None
    comparable = previous is not None and indicator.break_between(previous.year, latest.year) is None
    return Headline(latest, previous, comparable)


def row_for_year(values: pd.DataFrame, indicator: str, area: str, year: int) -> pd.Series | None:
    """The published row of `area` for `year` comparable with an annual regency figure.

    Regency figures are annual and taken from March; province and national series have March and
    September: prefer the annual figure, then March, then the latest month of the year.
    """
    rows = observations(values, indicator, area)
    rows = rows[rows["tahun"] == year]
    if rows.empty:
        return None
    preference = rows["bulan"].map(lambda m: 0 if pd.isna(m) else (1 if m == 3 else 2 + (12 - m)))
    return rows.loc[preference.sort_values(kind="stable").index[0]]


def value_for_year(values: pd.DataFrame, indicator: str, area: str, year: int) -> Observation | None:
    """`row_for_year` as an observation."""
    row = row_for_year(values, indicator, area, year)
    return None if row is None else _observation(row)


def latest_period(values: pd.DataFrame) -> tuple[int, int | None] | None:
    """The newest (year, month) among `values`, for the "data per ..." line."""
    if values.empty:
        return None
    row = sorted_periods(values).iloc[-1]
    return int(row["tahun"]), None if pd.isna(row["bulan"]) else int(row["bulan"])


def period_date(year: int, month: int | None, indicator: Indicator) -> dt.date:
    """Where an observation sits on a time axis: its month, else the indicator's reference month."""
    return dt.date(int(year), int(month or indicator.reference_month or _MID_YEAR), 1)


def trend_table(
    values: pd.DataFrame, indicator: Indicator, areas: list[str], area_names: dict[str, str], lang: str
) -> pd.DataFrame:
    """One row per plotted point, areas in the requested order: area, period, value, series, method basis,
    source, provenance kind, note and other reports.

    Where the indicator's method changed, each basis is its own series (`Kutai Timur (metode baru)`), so
    incomparable values are never joined by one line.
    """
    rows = values[(values["indikator"] == indicator.id) & (values["kode_wilayah"].isin(areas))]
    area_order = {code: position for position, code in enumerate(areas)}
    rows = sorted_periods(rows).assign(_area=rows["kode_wilayah"].map(area_order))
    rows = rows.sort_values(["_area", "tahun", "_month"], kind="stable")

    def series_name(code: str, year: int) -> str:
        method = indicator.method_label(year, lang)
        return area_names[code] if method is None else f"{area_names[code]} ({method})"

    months = [None if pd.isna(m) else int(m) for m in rows["bulan"]]
    return pd.DataFrame(
        {
            "kode_wilayah": rows["kode_wilayah"].tolist(),
            "wilayah": [area_names[c] for c in rows["kode_wilayah"]],
            "tahun": rows["tahun"].astype(int).tolist(),
            "bulan": months,
            "tanggal": [period_date(y, m, indicator) for y, m in zip(rows["tahun"], months)],
            "nilai": rows["nilai"].astype(float).tolist(),
            "seri": [series_name(c, y) for c, y in zip(rows["kode_wilayah"], rows["tahun"])],
            "metode": [indicator.method_of(int(y)) for y in rows["tahun"]],
            "sumber": rows["sumber"].tolist(),
            "status": rows["status"].tolist(),
            "catatan": rows["catatan"].tolist(),
            "sumber_lain": rows["sumber_lain"].tolist() if "sumber_lain" in rows else [None] * len(rows),
        },
        columns=TREND_COLUMNS,
    )


def trend_subtitle(table: pd.DataFrame, lang: str) -> str:
    """`Kutai Timur, Indonesia · 2010–2025` for a trend table's figure."""
    first, last = int(table["tahun"].min()), int(table["tahun"].max())
    period = str(first) if first == last else f"{first}–{last}"
    return f"{', '.join(dict.fromkeys(table['wilayah']))} · {period}"
