"""Programme and welfare-decile arithmetic on desa aggregates: decile shares, coverage, exclusion, inclusion.

Input rows are the `program_desil` table: one row per desa, year, programme and welfare decile with the
households of that decile (`rumah_tangga`, the same for every programme) and the programme's recipients
(`penerima`). Areas are aggregated by summing numerators and denominators first, so a kecamatan's rate is
its households' rate, not an average of its desa's rates.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

AREA_LEVELS = ("desa", "kecamatan", "kabupaten")
# Inclusion error as reported in targeting reviews: recipients in the richer half of deciles.
INCLUSION_FROM_DECILE = 6


def area_code(desa_codes: pd.Series, level: str) -> pd.Series:
    """The code of the area at `level` containing each desa (`64.08.04.2001` -> `64.08.04` -> `64.08`)."""
    if level not in AREA_LEVELS:
        raise ValueError(f"unknown area level {level!r}; expected one of {AREA_LEVELS}")
    return desa_codes.str[: {"desa": 13, "kecamatan": 8, "kabupaten": 5}[level]]


def households_by_decile(rows: pd.DataFrame) -> pd.DataFrame:
    """Households per desa, year and decile, once (the programme rows repeat them per programme)."""
    return rows.drop_duplicates(["kode_wilayah", "tahun", "desil"])[["kode_wilayah", "tahun", "desil", "rumah_tangga"]]


def _ratio(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    """Percentages; an area with no denominator has no rate (NaN), never a division error or 0 %."""
    return (100 * numerator / denominator.where(denominator > 0)).astype(float)


def decile_share(rows: pd.DataFrame, year: int, level: str, deciles: range) -> pd.DataFrame:
    """Share of households in `deciles` per area: columns kode, rumah_tangga_desil, rumah_tangga, persen."""
    households = households_by_decile(rows[rows["tahun"] == year])
    households = households.assign(
        kode=area_code(households["kode_wilayah"], level),
        in_deciles=households["rumah_tangga"].where(households["desil"].isin(list(deciles)), 0),
    )
    totals = households.groupby("kode", as_index=False).agg(
        rumah_tangga_desil=("in_deciles", "sum"), rumah_tangga=("rumah_tangga", "sum")
    )
    return totals.assign(persen=_ratio(totals["rumah_tangga_desil"], totals["rumah_tangga"]))


def coverage(rows: pd.DataFrame, programme: str, year: int, level: str, deciles: Iterable[int]) -> pd.DataFrame:
    """Targeting measures of one programme per area, counting `deciles` as the target group (normally the
    programme's eligible deciles, `lib.core.programmes.Programme.eligible_deciles()`).

    Columns: kode, layak (households in those deciles), penerima_layak (recipients among them),
    penerima (all recipients), cakupan (% of those households reached), eksklusi (those households not
    reached), inklusi (recipients in deciles >= 6).
    """
    selected = rows[(rows["tahun"] == year) & (rows["program"] == programme)]
    return _measures(selected, level, deciles, ["kode"])


def coverage_by_year(rows: pd.DataFrame, programme: str, level: str, deciles: Iterable[int]) -> pd.DataFrame:
    """`coverage` for every year the programme has rows, in one pass: the columns of `coverage` and `tahun`."""
    return _measures(rows[rows["program"] == programme], level, deciles, ["tahun", "kode"])


def _measures(selected: pd.DataFrame, level: str, deciles: Iterable[int], by: list[str]) -> pd.DataFrame:
    eligible = selected["desil"].isin(list(deciles))
    selected = selected.assign(
        kode=area_code(selected["kode_wilayah"], level),
        layak=selected["rumah_tangga"].where(eligible, 0),
        penerima_layak=selected["penerima"].where(eligible, 0),
        inklusi=selected["penerima"].where(selected["desil"] >= INCLUSION_FROM_DECILE, 0),
    )
    totals = selected.groupby(by, as_index=False)[["layak", "penerima_layak", "penerima", "inklusi"]].sum()
    return totals.assign(
        cakupan=_ratio(totals["penerima_layak"], totals["layak"]),
        eksklusi=np.maximum(totals["layak"] - totals["penerima_layak"], 0),
    )
