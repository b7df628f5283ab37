"""Targets as data: the distance between a published value and the target set for it.

A target is a range (lower, upper) for one indicator, area and year, from a named document (RKP, RPJMN,
RPJMD, a Bappeda statement). No target is ever invented: when none is set for an area, the status says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd

from lib.core.indicators import Indicator

Status = Literal["met", "missed", "ahead", "none"]


@dataclass(frozen=True)
class Target:
    area: str
    year: int
    lower: float
    upper: float
    document: str
    source: str

    def format(self, indicator: Indicator, lang: str = "id") -> str:
        if self.lower == self.upper:
            return indicator.format(self.lower, lang)
        return f"{indicator.format(self.lower, lang)}–{indicator.format(self.upper, lang)}"


@dataclass(frozen=True)
class TargetStatus:
    status: Status
    target: Target | None = None
    gap: float | None = None  # how far the value is on the wrong side of the range; 0 when inside it


def targets_for(targets: pd.DataFrame, indicator: str, area: str) -> list[Target]:
    rows = targets[(targets["indikator"] == indicator) & (targets["kode_wilayah"] == area)].sort_values("tahun")
    return [
        Target(r["kode_wilayah"], int(r["tahun"]), float(r["nilai_bawah"]), float(r["nilai_atas"]), r["dokumen"], r["sumber"])
        for _, r in rows.iterrows()
    ]


def gap_to_target(value: float, target: Target, lower_is_better: bool | None) -> float:
    """Distance from `value` to the target range on the side that matters; 0 inside the range.

    For indicators without a better direction the distance to the nearer bound counts.
    """
    if lower_is_better is True:
        return max(0.0, value - target.upper)
    if lower_is_better is False:
        return max(0.0, target.lower - value)
    return max(0.0, target.lower - value, value - target.upper)


def target_status(
    indicator: Indicator, area: str, values_by_year: dict[int, float], targets: pd.DataFrame
) -> TargetStatus:
    """Status of `area` against its nearest target.

    The nearest target is the first one in or after the latest data year (distance from the latest value),
    otherwise the most recent past target, judged with the value of its own year when there is one.
    """
    area_targets = targets_for(targets, indicator.id, area)
    if not area_targets or not values_by_year:
        return TargetStatus("none")
    latest_year = max(values_by_year)
    upcoming = [t for t in area_targets if t.year >= latest_year]
    if upcoming:
        target = upcoming[0]
        gap = gap_to_target(values_by_year[latest_year], target, indicator.lower_is_better)
        if target.year == latest_year:
            return TargetStatus("met" if gap == 0 else "missed", target, gap)
        return TargetStatus("ahead", target, gap)
    target = area_targets[-1]
    value = values_by_year.get(target.year, values_by_year[latest_year])
    gap = gap_to_target(value, target, indicator.lower_is_better)
    return TargetStatus("met" if gap == 0 else "missed", target, gap)
