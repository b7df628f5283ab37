"""Programme and welfare-decile arithmetic on desa aggregates: decile shares, coverage, exclusion, inclusion.

Input rows are the `program_desil` table: one row per desa, year, programme and welfare decile with the
households of that decile (`rumah_tangga`, the same for every programme) and the programme's recipients
(`penerima`). Areas are aggregated by summing numerators and denominators first, so a kecamatan's rate is
its households' rate, not an average of its desa's rates.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

AREA_LEVELS = ("desa", "kecamatan", "kabupaten")
CODE_LENGTH = {"desa": 13, "kecamatan": 8, "kabupaten": 5}  # `64.08.04.2001`, `64.08.04`, `64.08`
# Inclusion error as reported in targeting reviews: recipients in the richer half of deciles.
INCLUSION_FROM_DECILE = 6


def area_code(desa_codes: pd.Series, level: str) -> pd.Series:
    """The code of the area at `level` containing each desa (`64.08.04.2001` -> `64.08.04` -> `64.08`)."""
    if level not in AREA_LEVELS:
        raise ValueError(f"unknown area level {level!r}; expected one of {AREA_LEVELS}")
    return desa_codes.str[: CODE_LENGTH[level]]


def households_by_decile(rows: pd.DataFrame) -> pd.DataFrame:
    """Households per desa, year and decile, once (the programme rows repeat them per programme)."""
    return rows.drop_duplicates(["kode_wilayah", "tahun", "desil"])[["kode_wilayah", "tahun", "desil", "rumah_tangga"]]


def rate(numerator, denominator, least: float = 1) -> np.ndarray:
    """Percentages (100 × numerator / denominator); an area whose denominator is under `least` (by default: none)
    has no rate (NaN), never a division error or 0 %."""
    numerator, denominator = np.asarray(numerator, dtype=float), np.asarray(denominator, dtype=float)
    return np.where(denominator >= least, 100 * numerator / np.where(denominator > 0, denominator, 1), np.nan)


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
    return totals.assign(persen=rate(totals["rumah_tangga_desil"], totals["rumah_tangga"]))


DECILES = np.arange(1, 11)
MEASURE_COLUMNS = ["layak", "penerima_layak", "penerima", "inklusi", "cakupan", "eksklusi"]
ORIGIN_COLUMNS = ["kode_wilayah", "tahun", "sumber", "status", "rilis_id"]


@dataclass(frozen=True)
class Cube:
    """One programme's rows as dense arrays: counts indexed [year, desa, decile - 1], and per [year, desa] the
    budget and spending (where the rows carry them); beside them the rows' provenance columns, sorted by desa.

    Every figure of a selection is then a few numpy sums: a pandas group-by or row filter per figure cost about
    a millisecond each (more under load: pyarrow string operations give up the GIL and wait to get it back),
    most of a Cakupan filter change. Built once per release and programme, and shared.
    """

    years: np.ndarray  # ascending
    desa: np.ndarray  # desa codes, ascending
    households: np.ndarray
    recipients: np.ndarray
    present: np.ndarray  # [year, desa]: the programme has rows for that desa and year
    budget: np.ndarray  # [year, desa] in rupiah, NaN where no row gives one
    spent: np.ndarray
    # kode_wilayah, tahun, sumber, status, rilis_id once per desa and year (not per decile: a tenth of the rows
    # for `lib.core.provenance.of`, the same kinds, sources and release), sorted by desa so an area's are a slice
    origins: pd.DataFrame

    @classmethod
    def of(cls, rows: pd.DataFrame) -> Cube:
        """The cube of `rows`, which must hold one programme only."""
        years, year_at = np.unique(rows["tahun"].to_numpy(dtype=np.int64), return_inverse=True)
        desa, desa_at = np.unique(rows["kode_wilayah"].to_numpy(dtype=str), return_inverse=True)
        at = (year_at, desa_at, rows["desil"].to_numpy(dtype=np.int64) - 1)
        households = np.zeros((len(years), len(desa), len(DECILES)), dtype=np.int64)
        recipients = np.zeros_like(households)
        np.add.at(households, at, rows["rumah_tangga"].to_numpy(dtype=np.int64))
        np.add.at(recipients, at, rows["penerima"].to_numpy(dtype=np.int64))
        present = np.zeros(households.shape[:2], dtype=bool)
        present[year_at, desa_at] = True
        origins = rows[[c for c in ORIGIN_COLUMNS if c in rows.columns]].iloc[np.argsort(desa_at, kind="stable")]
        origins = origins.drop_duplicates()
        return cls(years, desa, households, recipients, present, _sums(rows, "anggaran_rp", year_at, desa_at, present.shape),
                   _sums(rows, "realisasi_rp", year_at, desa_at, present.shape), origins.reset_index(drop=True))

    def within(self, area: str) -> Cube:
        """The desa of `area` (a kecamatan or desa code; the whole cube for Kutim)."""
        # Codes sort so that an area's desa are contiguous: a slice, found by bisection, not a scan.
        keep = slice(np.searchsorted(self.desa, area), np.searchsorted(self.desa, area + "\uffff"))
        codes = self.origins["kode_wilayah"].to_numpy()
        origins = self.origins.iloc[np.searchsorted(codes, area):np.searchsorted(codes, area + "\uffff")]
        return Cube(self.years, self.desa[keep], self.households[:, keep], self.recipients[:, keep],
                    self.present[:, keep], self.budget[:, keep], self.spent[:, keep], origins)

    def year_index(self, year: int) -> int | None:
        at = int(np.searchsorted(self.years, year))
        return at if at < len(self.years) and self.years[at] == year else None

    def shown_rows(self, year: int | None = None) -> pd.DataFrame:
        """The provenance columns of the cube's rows (of `year` only, if given): what its figures are built from."""
        if year is None:
            return self.origins
        return self.origins[self.origins["tahun"].to_numpy() == year]

    def money(self, year: int) -> tuple[int | None, int | None]:
        """Budget and spending of the cube's desa in `year`; None where no row gives one."""
        at = self.year_index(year)
        total = lambda values: None if at is None or np.isnan(values[at]).all() else int(np.nansum(values[at]))
        return total(self.budget), total(self.spent)

    def by_decile(self, year: int) -> tuple[np.ndarray, np.ndarray]:
        """Households and recipients of each decile 1..10 in `year`, summed over the cube's desa."""
        at = self.year_index(year)
        if at is None:
            return np.zeros(len(DECILES), dtype=np.int64), np.zeros(len(DECILES), dtype=np.int64)
        return self.households[at].sum(axis=0), self.recipients[at].sum(axis=0)

    def measures(self, level: str, deciles: Iterable[int]) -> pd.DataFrame:
        """The columns of `coverage` per year (`tahun`) and area at `level`, for the areas with rows."""
        eligible = np.isin(DECILES, list(deciles))
        included = DECILES >= INCLUSION_FROM_DECILE
        per_desa = np.stack([
            self.households[..., eligible].sum(-1),
            self.recipients[..., eligible].sum(-1),
            self.recipients.sum(-1),
            self.recipients[..., included].sum(-1),
        ], axis=-1)  # [year, desa, measure]
        codes, group_at = np.unique(self.desa.astype(f"<U{CODE_LENGTH[level]}"), return_inverse=True)
        member = np.zeros((len(self.desa), len(codes)), dtype=np.int64)
        member[np.arange(len(self.desa)), group_at] = 1
        sums = np.einsum("ydm,dg->ygm", per_desa, member)  # [year, area, measure]
        year_at, area_at = np.nonzero(self.present.astype(np.int64) @ member)
        layak, penerima_layak, penerima, inklusi = sums[year_at, area_at].T
        return pd.DataFrame({
            "tahun": self.years[year_at], "kode": codes[area_at].astype(object), "layak": layak,
            "penerima_layak": penerima_layak, "penerima": penerima, "inklusi": inklusi, "cakupan": rate(penerima_layak, layak),
            "eksklusi": np.maximum(layak - penerima_layak, 0),
        })


def _sums(rows: pd.DataFrame, column: str, year_at: np.ndarray, desa_at: np.ndarray, shape: tuple) -> np.ndarray:
    """`column` summed per [year, desa], NaN where no row has a value."""
    values = rows.get(column, pd.Series(np.nan, index=rows.index)).to_numpy(dtype=float, na_value=np.nan)
    known = ~np.isnan(values)
    totals, counts = np.zeros(shape), np.zeros(shape, dtype=np.int64)
    np.add.at(totals, (year_at[known], desa_at[known]), values[known])
    np.add.at(counts, (year_at[known], desa_at[known]), 1)
    return np.where(counts > 0, totals, np.nan)


def coverage(rows: pd.DataFrame, programme: str, year: int, level: str, deciles: Iterable[int]) -> pd.DataFrame:
    """Targeting measures of one programme per area, counting `deciles` as the target group (normally the
    programme's eligible deciles, `lib.core.programmes.Programme.eligible_deciles()`).

    Columns: kode, layak (households in those deciles), penerima_layak (recipients among them),
    penerima (all recipients), cakupan (% of those households reached), eksklusi (those households not
    reached), inklusi (recipients in deciles >= 6).
    """
    result = coverage_by_year(rows[rows["tahun"] == year], programme, level, deciles)
    return result.drop(columns="tahun")


def coverage_by_year(rows: pd.DataFrame, programme: str, level: str, deciles: Iterable[int]) -> pd.DataFrame:
    """`coverage` for every year the programme has rows, in one pass: the columns of `coverage` and `tahun`."""
    return Cube.of(rows[rows["program"] == programme]).measures(level, deciles)
