"""Area measures computed from the desa programme/decile data, for maps, tables and rankings."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lib.analysis import privacy, targeting
from lib.core import fmt
from lib.core.programmes import Programme


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


def area_values(rows: pd.DataFrame, measure: Measure, year: int, level: str, programme: Programme | None,
                rounding: privacy.Rounding | None = None) -> pd.DataFrame:
    """Columns kode, nilai: `measure` for every area at `level` in `year`. A programme's measures count its
    eligible deciles as the target group. With the public mode's `rounding`, every count behind a value is
    rounded and every rate computed from rounded counts (`lib.analysis.privacy`)."""
    if measure.needs_programme:
        deciles = programme.eligible_deciles()
        result = privacy.rounded_coverage(targeting.coverage(rows, programme.id, year, level, deciles), rounding,
                                          programme=programme.id, deciles=deciles, year=year)
        column = {"cakupan_program": "cakupan", "eksklusi_program": "eksklusi"}[measure.id]
    else:
        deciles = {"rumah_tangga_desil_1": range(1, 2), "persen_desil_1_2": range(1, 3),
                   "persen_desil_1_4": range(1, 5)}[measure.id]
        result = privacy.rounded_shares(targeting.decile_share(rows, year, level, deciles), rounding, year=year,
                                        deciles=deciles)
        column = "rumah_tangga_desil" if measure.unit == "rumah_tangga" else "persen"
    return result[["kode"]].assign(nilai=result[column])
