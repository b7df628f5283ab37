"""Area measures computed from the desa programme/decile data, for maps, tables and rankings."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lib import fmt, programs
from lib.programs import Eligibility


@dataclass(frozen=True)
class Measure:
    id: str
    unit: str  # "persen" or "rumah_tangga"
    lower_is_better: bool
    needs_programme: bool = False

    def format(self, value: float, lang: str) -> str:
        if self.unit == "persen":
            return fmt.percent(value, 1, lang)
        return fmt.number(value, 0, lang)


MEASURES = {
    m.id: m
    for m in (
        Measure("rumah_tangga_desil_1", "rumah_tangga", lower_is_better=True),
        Measure("persen_desil_1_2", "persen", lower_is_better=True),
        Measure("persen_desil_1_4", "persen", lower_is_better=True),
        Measure("cakupan_program", "persen", lower_is_better=False, needs_programme=True),
        Measure("eksklusi_program", "rumah_tangga", lower_is_better=True, needs_programme=True),
    )
}


def area_values(
    rows: pd.DataFrame, measure: Measure, year: int, level: str, programme: str | None, eligibility: Eligibility | None
) -> pd.DataFrame:
    """Columns kode, nilai: `measure` for every area at `level` in `year`."""
    if measure.needs_programme:
        result = programs.coverage(rows, programme, year, level, eligibility.deciles())
        column = {"cakupan_program": "cakupan", "eksklusi_program": "eksklusi"}[measure.id]
        return result[["kode", column]].rename(columns={column: "nilai"})
    deciles = {"rumah_tangga_desil_1": range(1, 2), "persen_desil_1_2": range(1, 3), "persen_desil_1_4": range(1, 5)}[measure.id]
    result = programs.decile_share(rows, year, level, deciles)
    column = "rumah_tangga_desil" if measure.unit == "rumah_tangga" else "persen"
    return result[["kode", column]].rename(columns={column: "nilai"})
