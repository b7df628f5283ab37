"""Disclosure control of the public mode: every count rounded to a multiple of the base, rates from rounded counts.

The public dashboard lets anyone combine figures freely: cards, charts, tables and downloads of overlapping
selections (Kutim, a kecamatan, a desa; every programme and year). Hiding small cells one figure at a time
did not hold against that (a hidden count came back as households − excluded, as a kecamatan total minus its
other desa, as a budget divided by the benefit). So, as HESA and other statistics offices do for flexible
tables:

* every published count, at every level, is rounded on its own to the nearest multiple of the base
  (`DASBOR_SMALL_CELL_THRESHOLD`, default 5): 0-2 show as 0, 3-7 as 5, 8-12 as 10. Sums and differences of
  published counts are then multiples of the base, and a count of 1 to base − 1 is never shown nor follows
  exactly from any of them;
* a figure derived from counts is derived from the rounded counts (excluded = rounded target households −
  rounded reached), so every figure on screen agrees with the others and adds nothing they do not say;
* a rate is computed from rounded counts and shown only when its rounded denominator is at least
  `RATE_MIN_MULTIPLE` × base (25 households at base 5): over fewer, rounding alone would swing it by tens of
  points;
* the decile choice is fixed to each programme's target deciles (`views/cakupan.py`), and budgets, which are a
  fixed amount times a count, are shown for all of Kutim only.

What it costs: a count may be off by up to half the base (±2 at base 5), parts may not add up to their rounded
total, and small areas lose their rates. The internal (staff) mode shows exact figures.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

# A rate is shown only over a rounded denominator of at least this many bases.
RATE_MIN_MULTIPLE = 5


def rounded(counts, base: int):
    """`counts` (a number, array or Series) to the nearest multiple of `base`, halves up: 0-2 -> 0, 3-7 -> 5."""
    values = np.floor(np.asarray(counts, dtype=float) / base + 0.5).astype(np.int64) * base
    return pd.Series(values, index=counts.index, name=counts.name) if isinstance(counts, pd.Series) else values


def rate(numerator, denominator, base: int | None) -> np.ndarray:
    """100 × numerator / denominator, NaN without a denominator and, in the public mode (a base, counts
    already rounded), below `RATE_MIN_MULTIPLE` bases."""
    numerator, denominator = np.asarray(numerator, dtype=float), np.asarray(denominator, dtype=float)
    least = RATE_MIN_MULTIPLE * base if base else 1
    return np.where(denominator >= least, 100 * numerator / np.where(denominator > 0, denominator, 1), np.nan)


COVERAGE_COUNTS = ["layak", "penerima_layak", "penerima", "inklusi"]


def rounded_coverage(measures: pd.DataFrame, base: int | None) -> pd.DataFrame:
    """Targeting measures (`lib.analysis.targeting`: layak, penerima_layak, penerima, inklusi, cakupan,
    eksklusi) as the public sees them: counts rounded, exclusion and coverage from the rounded counts."""
    if not base:
        return measures
    counts = {column: rounded(measures[column], base) for column in COVERAGE_COUNTS}
    return measures.assign(
        **counts,
        eksklusi=np.maximum(counts["layak"] - counts["penerima_layak"], 0),
        cakupan=rate(counts["penerima_layak"], counts["layak"], base),
    )


def rounded_shares(shares: pd.DataFrame, base: int | None) -> pd.DataFrame:
    """Decile shares (`targeting.decile_share`: rumah_tangga_desil, rumah_tangga, persen) as the public sees
    them: both counts rounded, the share from the rounded counts."""
    if not base:
        return shares
    part, whole = rounded(shares["rumah_tangga_desil"], base), rounded(shares["rumah_tangga"], base)
    return shares.assign(rumah_tangga_desil=part, rumah_tangga=whole, persen=rate(part, whole, base))
