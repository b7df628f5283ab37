"""Time series arithmetic on published observations: latest values, changes, comparisons and trend tables.

Everything here is pure (DataFrames in, DataFrames or small records out), so it is tested without Streamlit.
Observations are rows of the `nilai` table: kode_wilayah, indikator, tahun, bulan (None for annual
figures), nilai, sumber, status, catatan.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from lib import fmt
from lib.indicators import Indicator

# Month at which an annual figure is placed on a time axis when the registry gives none.
_MID_YEAR = 7


@dataclass(frozen=True)
class Observation:
    year: int
    month: int | None
    value: float
    source: str
    status: str
    note: str | None

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
    note = row.get("catatan")
    return Observation(
        year=int(row["tahun"]),
        month=None if pd.isna(month) else int(month),
        value=float(row["nilai"]),
        source=str(row["sumber"]),
        status=str(row["status"]),
        note=None if note is None or pd.isna(note) else str(note),
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
    comparable = previous is not None and indicator.method_of(previous.year) == indicator.method_of(latest.year)
    return Headline(latest, previous, comparable)


def value_for_year(values: pd.DataFrame, indicator: str, area: str, year: int) -> Observation | None:
    """The figure of `area` for `year` comparable with an annual regency figure.

    Regency figures are annual and taken from March; province and national series have March and
    September: prefer the annual figure, then March, then the latest month of the year.
    """
    rows = observations(values, indicator, area)
    rows = rows[rows["tahun"] == year]
    if rows.empty:
        return None
    preference = rows["bulan"].map(lambda m: 0 if pd.isna(m) else (1 if m == 3 else 2 + (12 - m)))
    return _observation(rows.loc[preference.sort_values(kind="stable").index[0]])


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
    values: pd.DataFrame, indicator: Indicator, areas: list[str], area_names: dict[str, str], method_labels: dict[str, str]
) -> pd.DataFrame:
    """One row per plotted point: area, period, value, series name (split at a method change), source.

    `method_labels` maps `old`/`new` to the words shown in series names (the caller's language).
    """
    rows = values[(values["indikator"] == indicator.id) & (values["kode_wilayah"].isin(areas))]
    rows = sorted_periods(rows).drop(columns="_month")
    if rows.empty:
        return pd.DataFrame(
            columns=["kode_wilayah", "wilayah", "tahun", "bulan", "tanggal", "nilai", "seri", "sumber", "status", "catatan"]
        )
    names = rows["kode_wilayah"].map(area_names)
    methods = rows["tahun"].map(indicator.method_of)
    series = names.where(methods.isna(), names + " (" + methods.map(method_labels).fillna("") + ")")
    table = pd.DataFrame(
        {
            "kode_wilayah": rows["kode_wilayah"],
            "wilayah": names,
            "tahun": rows["tahun"].astype(int),
            "bulan": rows["bulan"],
            "tanggal": [period_date(y, None if pd.isna(m) else m, indicator) for y, m in zip(rows["tahun"], rows["bulan"])],
            "nilai": rows["nilai"],
            "seri": series,
            "sumber": rows["sumber"],
            "status": rows["status"],
            "catatan": rows["catatan"],
        }
    )
    order = {code: i for i, code in enumerate(areas)}
    return table.sort_values(["kode_wilayah", "tanggal"], key=lambda c: c.map(order) if c.name == "kode_wilayah" else c, ignore_index=True)


def areas_with_data(values: pd.DataFrame, indicator: str) -> list[str]:
    return sorted(values.loc[values["indikator"] == indicator, "kode_wilayah"].unique().tolist())
