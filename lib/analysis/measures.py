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


# The counts each measure is computed from: small ones must not be shown, nor recoverable, in the public mode.
COUNTS_OF = {
    "rumah_tangga_desil_1": ["rumah_tangga_desil"],
    "persen_desil_1_2": ["rumah_tangga_desil"],
    "persen_desil_1_4": ["rumah_tangga_desil"],
    "cakupan_program": ["layak", "penerima_layak", "eksklusi"],
    "eksklusi_program": ["layak", "penerima_layak", "eksklusi"],
}


def area_values(rows: pd.DataFrame, measure: Measure, year: int, level: str, programme: Programme | None) -> pd.DataFrame:
    """Columns kode, nilai: `measure` for every area at `level` in `year`, plus the counts it is built from
    (COUNTS_OF[measure.id]), which the public mode checks for small cells. A programme's measures count its
    eligible deciles as the target group."""
    if measure.needs_programme:
        result = targeting.coverage(rows, programme.id, year, level, programme.eligible_deciles())
        column = {"cakupan_program": "cakupan", "eksklusi_program": "eksklusi"}[measure.id]
    else:
        deciles = {"rumah_tangga_desil_1": range(1, 2), "persen_desil_1_2": range(1, 3),
                   "persen_desil_1_4": range(1, 5)}[measure.id]
        result = targeting.decile_share(rows, year, level, deciles)
        column = "rumah_tangga_desil" if measure.unit == "rumah_tangga" else "persen"
    return result[["kode", *COUNTS_OF[measure.id]]].assign(nilai=result[column])


def protect(values: pd.DataFrame, measure: Measure, level: str, k: int | None) -> pd.DataFrame:
    """Public mode: hide (NaN) areas whose value rests on a count below k, with at least one more area of the
    same parent hidden, since the parent's total is published one level up."""
    if not k or values.empty:
        return values
    parents = values["kode"].str[:8] if level == "desa" else pd.Series("", index=values.index)
    hidden = pd.concat([privacy.hidden_area_rows(group, COUNTS_OF[measure.id], k) for _, group in values.groupby(parents)])
    return values.assign(nilai=values["nilai"].where(~hidden.reindex(values.index)))
